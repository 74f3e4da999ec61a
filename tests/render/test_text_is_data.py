"""Text from files and people is data: shown literally everywhere, never markup or commands."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import MINI_DIR, make_answers
from html_check import check_html
from markdown_check import check_markdown

from coself.core.combine import combine
from coself.core.scoring import score
from coself.io.banks import load_library
from coself.render import Format, Kind, Meta, formats_for, render

EVIL = (
    "[red]Red[/red] [link=http://evil]click[/link] [/] \x1b[31mansi\x1b[0m "
    "\x1b]8;;http://evil\x07osc\x1b]8;;\x07 \u202eevil\u202c `code` *em* <b>html</b> | pipe"
)
LITERAL = (
    "[red]Red[/red] [link=http://evil]click[/link] [/] [31mansi[0m "
    "]8;;http://evilosc]8;; evil `code` *em* <b>html</b> | pipe"
)


@pytest.fixture
def evil_bank(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    text = (MINI_DIR / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("text: Culture question one?", f"text: {json.dumps(EVIL)}")
    text = text.replace("id: mini\n", "id: evil\n")
    (folder / "evil.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def evil_answers(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    path.write_text(
        # controls in a name are refused (tests/io); markup in one is shown as text
        f"format: 1\nbank: evil\norganisation: {json.dumps(LITERAL)}\n"
        f"perspective: staff\nanswers:\n  c-one:\n    answer: 1\n"
        f"    note: {json.dumps(EVIL)}\n  r-one: 2\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json", "html"])
def test_hostile_text_is_shown_literally(
    cli, evil_bank: Path, evil_answers: Path, fmt: str
) -> None:
    code, out, err = cli("report", evil_answers, "--format", fmt, "--banks-dir", evil_bank)
    assert code == 0, err
    for bad in ("\x1b", "\x07", "\u202e", "\u202c"):
        assert bad not in out
    if fmt == "terminal":
        assert "[red]Red[/red]" in out and "[link=http://evil]click[/link]" in out
    elif fmt == "json":
        data = json.loads(out)
        assert data["organisation"] == LITERAL
        assert data["notes"]["c-one"] == LITERAL
        assert data["priorities"][0]["text"] == LITERAL  # the bank's own text, too
    elif fmt == "markdown":
        check_markdown(out)
        assert "\\[red\\]Red\\[/red\\]" in out and "\\<b\\>html\\</b\\>" in out
    else:
        check_html(out)
        assert "&lt;b&gt;html&lt;/b&gt;" in out and "<b>" not in out


@pytest.mark.parametrize("fmt", list(formats_for(Kind.COMBINED)))
def test_hostile_bank_text_is_cleaned_in_how_answers_spread(fmt: Format) -> None:
    """A combined report's distributions name each question and stage by its own text, which
    the renderer cleans itself (banks are read clean, but a renderer trusts no input)."""
    mini = load_library([MINI_DIR]).get("mini")
    answers = make_answers(mini, {"c-one": 1, "r-one": 2})
    combined = combine([score(mini, answers), score(mini, answers)], min_group=1)
    first = combined.questions[0]
    evil = replace(first, question=replace(first.question, text=EVIL, id=f"q{EVIL}"))
    stages = tuple(replace(s, id=f"s{EVIL}", title=EVIL) for s in mini.stages)
    sections = tuple(replace(s, stages=stages) for s in combined.section_spreads)
    combined = replace(combined, questions=(evil,), section_spreads=sections)
    out = str(render(Kind.COMBINED, fmt, combined, Meta("2026-11-26", plain=True)))
    for bad in ("\x1b", "\x07", "\u202e", "\u202c"):
        assert bad not in out
    if fmt is Format.JSON:
        data = json.loads(out)
        for bad in ("\x1b", "\x07", "\u202e", "\u202c"):
            assert bad not in json.dumps(data, ensure_ascii=False)


def test_banks_show_shows_hostile_bank_text_literally(cli, evil_bank: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("banks", "show", "evil", "--banks-dir", evil_bank)
    assert code == 0
    assert "[red]Red[/red]" in out and "\x1b" not in out


@pytest.mark.parametrize(
    "name",
    [
        "../../x",
        "/etc/passwd",
        "CON",
        "x" * 300,
        "\U0001f600 \U0001f389",
        ".hidden",
        "a/../../b",
        "nul.txt",
    ],
)
def test_file_names_from_organisations_stay_inside_the_reports_folder(
    cli, tmp_path: Path, name: str
) -> None:
    source = tmp_path / "a.yaml"
    source.write_text(
        f"format: 1\nbank: mini\norganisation: "
        f"{json.dumps(name, ensure_ascii=False)}\n"
        "perspective: staff\nanswers:\n  c-one: 1\n",
        encoding="utf-8",
    )
    out = tmp_path / "deep" / "out"
    code, _, err = cli("batch", source, "-o", out, "--banks-dir", MINI_DIR)
    assert code == 0, err
    made = [p for p in tmp_path.rglob("*") if p.is_file() and p != source]
    assert made and all(p.parent == out for p in made), made
    assert all(len(p.name) <= 100 and p.name.isascii() and not p.name.startswith(".") for p in made)


def test_json_answers_with_escaped_emoji(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    name = "Caf\u00e9 \U0001f600 \\ud83d not a pair"
    path = tmp_path / "a.json"
    path.write_text(
        json.dumps(
            {
                "format": 1,
                "bank": "mini",
                "organisation": name,
                "perspective": "staff",
                "answers": {"c-one": 1},
            }
        ),
        encoding="utf-8",
    )  # json.dumps writes the emoji as a surrogate pair
    code, out, err = cli("report", path, "--format", "json", "--banks-dir", MINI_DIR)
    assert code == 0, err
    assert json.loads(out)["organisation"] == name
