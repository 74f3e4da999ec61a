"""The batch summary explains itself: every form names the source file, counts the red flags and
says when they held the stage below what the score gives; the terminal table fits its width by
leaving out whole columns (named), never by breaking a word."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from conftest import MINI_DIR, make_answers

from coself.batch.rows import Outcome, Totals, summary_row
from coself.core.model import Bank
from coself.core.scoring import score
from coself.render import Format, Kind, Meta, render
from coself.render.common import Summary
from coself.render.fitting import ROW_COLUMNS, SummaryColumn, fit_columns, source_cell
from coself.render.terminal import as_text

LONG_ORGANISATION = (
    "The Northern Federation of Community Interest Companies for Supported Living and Respite"
)
CAPPED = "format: 1\nbank: mini\norganisation: {org}\nperspective: staff\nanswers:\n" + (
    "  c-one: 3\n  c-two: 2\n  r-one: 4\n  flag-late: 'yes'\n"
)
PLAIN = "format: 1\nbank: mini\norganisation: {org}\nperspective: carer\nanswers:\n  c-one: 1\n"


def test_a_held_stage_is_explained_in_the_row(mini: Bank) -> None:
    answers = {"c-one": 3, "c-two": 2, "r-one": 4, "flag-late": "yes"}
    row = summary_row(score(mini, make_answers(mini, answers)), "in/a.yaml", "a.md")
    assert (row["overall"], row["stage_by_score"], row["red_flags"], row["stage"]) == (
        "86.1",
        "Leading",
        "1",
        "Developing",
    )
    assert row["stage_held"] == "Leading by score, held at Developing by 1 red flag"
    free = summary_row(score(mini, make_answers(mini, {"c-one": 4})), "in/b.yaml", "b.md")
    assert (free["red_flags"], free["stage_held"]) == ("0", "")


@pytest.fixture
def returns(tmp_path: Path) -> Path:
    """Two files from one long-named organisation, deep in folders with long names."""
    folder = tmp_path / "returns-from-the-autumn-round" / "northern-federation-submissions"
    folder.mkdir(parents=True)
    (folder / "staff-questionnaire-returned-by-email.yaml").write_text(
        CAPPED.format(org=LONG_ORGANISATION), encoding="utf-8"
    )
    (folder / "carer-questionnaire-returned-by-post.yaml").write_text(
        PLAIN.format(org=LONG_ORGANISATION), encoding="utf-8"
    )
    return folder


def test_every_form_of_the_summary_says_where_and_why(cli, returns: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, summary_csv = tmp_path / "out", tmp_path / "summary.csv"
    code, stdout, err = cli(
        "batch", returns, "-o", out, "--summary", summary_csv, "--banks-dir", MINI_DIR, "--plain"
    )
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(summary_csv.read_text(encoding="utf-8"))))
    staff = next(r for r in rows if r["perspective"] == "staff")
    assert staff["source"].endswith("staff-questionnaire-returned-by-email.yaml")
    assert (staff["stage_by_score"], staff["red_flags"], staff["stage"]) == (
        "Leading",
        "1",
        "Developing",
    )
    assert staff["stage_held"] == "Leading by score, held at Developing by 1 red flag"
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    assert "| Source |" in markdown and "| Stage by score | Red flags | Stage |" in markdown
    assert "| Leading | 1 | Leading by score, held at Developing by 1 red flag |" in markdown
    assert "carer-questionnaire-returned-by-post.yaml" in markdown
    # The terminal: at COLUMNS=100 (conftest), the file names show and no line is wider.
    assert max(len(line.rstrip()) for line in stdout.splitlines()) <= 100, stdout
    assert "email.yaml" in stdout and "post.yaml" in stdout
    assert "Leading by score, held at Developing by 1 red flag" in column_text(stdout, "Stage")
    assert column_text(stdout, "flags").split() == ["0", "1"]
    assert LONG_ORGANISATION in column_text(stdout, "Organisation")
    assert "Left out to fit 100 columns:" in " ".join(stdout.split())


def table_columns(text: str) -> list[list[str]]:
    """A borderless table's columns, each as its cells line by line (a plain table draws no
    borders: its rows are the indented lines, and columns are parted by two spaces or more on
    every line, as words in a cell are parted by one)."""
    lines = [line.rstrip() for line in text.splitlines() if line.startswith(" ") and line.strip()]
    width = max(map(len, lines))
    lines = [line.ljust(width) for line in lines]
    blank = "".join(" " if all(line[i] == " " for line in lines) else "x" for i in range(width))
    spans = [m.span() for m in re.finditer(r"x+(?: x+)*", blank)]
    return [[line[a:b].strip() for line in lines] for a, b in spans]


def column_text(table: str, header: str) -> str:
    """What a column says under its header (found by its last line), wrapped lines joined."""
    column = next(c for c in table_columns(table) if header in c)
    return " ".join(cell for cell in column[column.index(header) + 1 :] if cell)


def table_headers(table: str, names: list[str]) -> list[str]:
    """The column headers, each the one of `names` that the column's first lines spell out
    whole; a header broken inside a word spells out none, and is returned as it reads."""
    headers = []
    for column in table_columns(table):
        lines = [" ".join(column[: n + 1]).strip() for n in range(len(column))]
        headers.append(next((x for x in lines if x in names), lines[0]))
    return headers


@pytest.mark.parametrize("width", [80, 100, 140])
def test_the_terminal_table_fits_by_leaving_out_whole_columns(width: int) -> None:
    totals = Totals()
    for n, source in enumerate(["a/" * 30 + "first.yaml", "second.yaml"]):
        row = {
            "source": source,
            "organisation": LONG_ORGANISATION,
            "perspective": "leadership",
            "bank": "mini",
            "bank_version": "1.0.0",
            "overall": "58.7",
            "stage_by_score": "Established",
            "red_flags": str(2 * n),
            "stage": "Developing",
            "stage_held": "Established by score, held at Developing by 2 red flags" if n else "",
            "coverage": "75.0",
            **dict.fromkeys(("culture", "structure", "practice", "review"), "50.0"),
            "reports": f"report-{n}.md",
        }
        totals.add(Outcome(source, row, (58.7, 50.0, 50.0, 50.0, 50.0)))
    table = render(Kind.SUMMARY, Format.TERMINAL, Summary(totals, width=width), Meta(plain=True))
    text = as_text(table, width)
    assert max(len(line.rstrip()) for line in text.splitlines()) <= width, text
    possible = [c.header for c in ROW_COLUMNS if c.header != "Bank"]  # one bank: in the title
    headers = table_headers(text, possible)
    assert headers == [h for h in possible if h in headers], text  # whole, in order
    left_out = [h for h in possible if h not in headers]
    if left_out:
        sentence = f"Left out to fit {width} columns: {', '.join(left_out)}."
        assert sentence in " ".join(text.split())
    else:
        assert "Left out" not in text
    assert {"Organisation", "Perspective", "Overall", "Stage"} <= set(headers)
    if width >= 100:
        assert {"Source", "Red flags"} <= set(headers)
        assert "first.yaml" in text and "second.yaml" in text


def test_beyond_fifty_rows_the_averages_fit_too() -> None:
    totals = Totals()
    for n in range(60):
        row = {
            "bank": "a-bank-with-a-long-id",
            "perspective": ("staff", "carer", "leadership")[n % 3],
        }
        totals.add(Outcome(f"f{n}.yaml", row, (float(n), 10.0, 20.0, 30.0, 40.0)))
    text = as_text(
        render(Kind.SUMMARY, Format.TERMINAL, Summary(totals, width=100), Meta(plain=True)), 100
    )
    assert "Summary of 60 assessments (averages" in text
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 100, text
    assert "a-bank-with-a-long-id" in text and "leadership" in text


def test_a_long_source_keeps_its_file_name() -> None:
    assert source_cell("short.yaml") == "short.yaml"
    long = "returns/autumn-round/northern/staff-questionnaire.yaml"
    shown = source_cell(long, 24)
    assert len(shown) <= 24 and shown.startswith("…") and shown.endswith("questionnaire.yaml")
    assert source_cell("x" * 40 + ".yaml", 12) == "…" + ("x" * 40 + ".yaml")[-11:]
    assert source_cell("C:\\returns\\autumn\\staff.yaml", 20) == "…\\autumn\\staff.yaml"


def test_the_lowest_ranked_column_goes_first() -> None:
    columns = [SummaryColumn("Keep", 3), SummaryColumn("Second", 2), SummaryColumn("First", 1)]
    rows = [["x" * 10, "y" * 10, "z" * 10]]
    assert list(fit_columns(columns, rows, 1 + 3 * 13).kept) == [0, 1, 2]
    fitted = fit_columns(columns, rows, 1 + 2 * 13)
    assert list(fitted.kept) == [0, 1] and [c.header for c in fitted.left_out] == ["First"]
    assert list(fit_columns(columns, rows, 10).kept) == [0]  # one column is always shown


def test_text_in_the_terminal_table_is_plain(mini: Bank) -> None:
    """Control and bidi characters from a file never reach the terminal, and are not counted."""
    answers = make_answers(mini, {"c-one": 4}, organisation="\x1b[31mRed\u202e Care\x07")
    row = summary_row(score(mini, answers), "in/\x1b]8;;x\x07evil.yaml", "r.md")
    totals = Totals()
    totals.add(Outcome("in/evil.yaml", row, (100.0, 100.0, None, None, None)))
    text = as_text(render(Kind.SUMMARY, Format.TERMINAL, Summary(totals), Meta(plain=True)), 100)
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "[31mRed Care" in text and "evil.yaml" in text
