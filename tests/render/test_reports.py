"""Reports: markdown that is valid GFM whatever people typed, JSON keys, the terminal report."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import MINI_DIR, make_answers
from markdown_check import check_markdown, texts

from coself.core.model import Answer, Perspective, Prompts
from coself.core.scoring import score
from coself.io.banks import Library
from coself.render import Format, Kind, Meta, render
from coself.render.json import render_single as render_json
from coself.render.markdown import render_single as render_markdown
from coself.render.terminal import as_text

HOSTILE = (
    "Acme | Care [red]x[/] `tick` <script>alert(1)</script> *star* _u_ ~~s~~ &amp; \\ "
    "\x1b[31mred\x1b]8;;http://e.vil\x07link\u202e [link](http://x.y) 1. # end\nnew | line"
)
# HOSTILE as a reader sees it: controls gone, the newline folded, every character of markup kept
SHOWN = (
    "Acme | Care [red]x[/] `tick` <script>alert(1)</script> *star* _u_ ~~s~~ &amp; \\ "
    "[31mred]8;;http://e.villink [link](http://x.y) 1. # end new | line"
)
DATE = Meta("2026-11-26")


def hostile_result(mini):  # type: ignore[no-untyped-def]
    answers = make_answers(
        mini,
        {
            "c-one": Answer(3, note=HOSTILE, evidence="<b>bold</b> | pipe"),
            "c-two": "na",
            "c-three": "dont_know",
            "r-one": 1,
            "flag-late": "yes",
            "ladder-design": "engagement",
        },
        organisation=HOSTILE,
        respondent=HOSTILE,
    )
    return score(mini, answers)


def test_markdown_report_is_valid_and_hostile_text_round_trips(mini) -> None:  # type: ignore[no-untyped-def]
    report = render_markdown(hostile_result(mini), DATE)
    tokens = check_markdown(report)
    seen = texts(tokens)
    assert f"Co-production self-assessment: {SHOWN}" in seen
    assert SHOWN in seen  # the organisation's table cell
    assert f"{SHOWN} <b>bold</b> | pipe" in seen  # the note and evidence, in the appendix
    assert "\x1b" not in report and "\u202e" not in report and "\x07" not in report


def test_markdown_report_sections(mini) -> None:  # type: ignore[no-untyped-def]
    report = render_markdown(hostile_result(mini), DATE)
    for heading in (
        "## Red flags",
        "## Overall",
        "## Sections",
        "## Principles",
        "## Strengths",
        "## Priorities",
        "## Find out",
        "## The ladder of co-production",
        "## How this was scored",
        "## Appendix: every answer",
    ):
        assert heading in report
    # culture: c-one 3 only (c-two na, c-three don't know): 75.0, coverage 1 of 2 -> a stage
    assert "| Culture | 75.0 | Leading | ████████░░ | 50% | 1 | 1 | 0 |" in report
    assert "1 doing to, 0 doing for" not in report and "0 doing to, 1 doing for" in report
    assert "Culture question three?" in report.split("## Find out")[1].split("##")[0]
    assert "(guide: [Culture](https://www.scie.org.uk/" in report


def test_json_report_keys(mini) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(render_json(hostile_result(mini), DATE))
    assert data["bank"] == {"id": "mini", "version": "1.0.0", "title": "Mini test bank"}
    assert data["organisation"] == HOSTILE.replace("\x1b", "").replace("\x07", "").replace(
        "\u202e", ""
    )
    assert data["perspective"] == "staff"
    assert data["overall"]["score"] == 41.7 and data["overall"]["stage"] == "developing"
    assert data["overall"]["coverage"] == 50.0
    culture = data["sections"][0]
    assert (culture["id"], culture["score"], culture["stage"], culture["coverage"]) == (
        "culture",
        75.0,
        "leading",
        50.0,
    )
    assert {p["id"]: p["score"] for p in data["principles"]}["equality"] == 75.0
    assert [p["id"] for p in data["priorities"]] == ["r-one", "c-one"]
    assert data["red_flags"][0]["id"] == "flag-late"
    assert data["ladder"]["spread"] == {
        "not involved": 0,
        "doing to": 0,
        "doing for": 1,
        "doing with": 0,
    }


def write_answers(tmp_path: Path, body: str, name: str = "a.answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


ANSWERS = """format: 1
bank: mini
bank_version: "1.0.0"
organisation: "Acme [bold]Care[/bold]"
perspective: carer
status: complete
answers:
  c-one: 4
  c-two: {answer: 2, note: "Seen in minutes | March"}
  c-three: dont_know
  r-one: 3
  r-two: na
  flag-late: "no"
  ladder-design: co-production
"""


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_report_command_formats(cli, tmp_path, fmt) -> None:  # type: ignore[no-untyped-def]
    path = write_answers(tmp_path, ANSWERS)
    code, out, err = cli("report", path, "--format", fmt, "--banks-dir", MINI_DIR, "--plain")
    assert code == 0, err
    if fmt == "json":
        # culture (1*4/4 + 2*2/4) / 3 = 66.7; review 75 (na left out); (66.7 + 2*75) / 3
        assert json.loads(out)["overall"]["score"] == 72.2
    elif fmt == "markdown":
        check_markdown(out)
        assert "Acme \\[bold\\]Care\\[/bold\\]" in out
    else:
        assert "Acme [bold]Care[/bold]" in out and "72.2" in out
        assert "\x1b" not in out


def test_report_to_a_file_and_to_stdout(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_answers(tmp_path, ANSWERS)
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    code, out, err = cli(
        "report", path, "--format", "markdown", "-o", target, "--banks-dir", MINI_DIR
    )
    assert code == 0 and out == "" and "Report saved" in err
    check_markdown(target.read_text(encoding="utf-8"))
    code, out, _ = cli("report", path, "--format", "json", "-o", "-", "--banks-dir", MINI_DIR)
    assert code == 0 and json.loads(out)["bank"]["id"] == "mini"


def test_json_answers_files_are_read_too(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps(
        {
            "format": 1,
            "bank": "mini",
            "organisation": "Acme",
            "perspective": "staff",
            "answers": {"c-one": 2, "r-one": {"answer": 4}},
        },
        indent="\t",
    )
    path = write_answers(tmp_path, body, "a.json")
    code, out, err = cli("report", path, "--format", "json", "--banks-dir", MINI_DIR)
    assert code == 0, err
    assert json.loads(out)["overall"]["score"] == 83.3  # (50 + 2 * 100) / 3


def test_targets_show_the_gap(mini) -> None:  # type: ignore[no-untyped-def]
    from types import MappingProxyType

    answers = make_answers(
        mini,
        {"c-one": 2, "c-two": 2, "c-three": 2, "r-one": 4, "r-two": 4},
        targets=MappingProxyType({"culture": "leading", "review": "leading"}),
    )
    result = score(mini, answers)
    report = render_markdown(result, DATE)
    check_markdown(report)
    assert "| Culture | Established | Leading | 25.0 |" in report  # 50 now, leading from 75
    assert "| Review | Leading | Leading | 0.0 |" in report
    data = json.loads(render_json(result, DATE))
    assert data["sections"][0]["target"] == "leading"
    assert data["sections"][0]["points_to_target"] == 25.0


def test_targets_are_read_and_checked(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_answers(tmp_path, ANSWERS + "targets:\n  culture: leading\n  vision: high\n")
    code, _, err = cli("report", path, "--banks-dir", MINI_DIR)
    assert code == 1 and "unknown section 'vision' in targets" in err
    path = write_answers(tmp_path, ANSWERS + "targets:\n  culture: leading\n")
    code, out, err = cli("report", path, "--banks-dir", MINI_DIR, "--plain")
    assert code == 0, err
    assert "Target for Culture: Leading" in out


def test_a_single_report_says_who_answered_in_the_banks_own_words(library: Library) -> None:
    """A bank with its own prompts (the voices bank) names the respondent as its people would;
    a bank without them says 'Perspective:'."""
    voices = library.get("minivoices")
    person = {Perspective.PERSON: "I get [bold]care[/bold] or support"}
    own = replace(
        voices, prompts=Prompts(who_are_you="Who are you answering as?", perspectives=person)
    )
    for bank, said in (
        (own, "Who are you answering as? I get [bold]care[/bold] or support. Bank:"),
        (voices, "Perspective: people who draw on care and support. Bank:"),
    ):
        result = score(bank, make_answers(bank, {"v-c1": 2}, perspective=Perspective.PERSON))
        text = as_text(render(Kind.SINGLE, Format.TERMINAL, result, Meta("2026-11-26")), 2000)
        assert said in text
