"""Plain mode (--plain, NO_COLOR, TERM=dumb): no colour codes, no box drawing, words for meaning;
and the exit codes the README lists."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI_DIR
from test_golden import DATE, batch_summary, single_report
from test_parity import report_cases
from test_plan_reports import small_plan

from coself.io.banks import Library
from coself.render import Format, Kind, Meta, formats_for, render
from coself.render.terminal import as_text

ESCAPE = re.compile(r"\x1b")
DRAWING = re.compile("[\u2500-\u259f]")  # box drawing and block elements
ANSWERS = """format: 1
bank: mini
organisation: "Acme [bold]Care[/bold]"
perspective: staff
answers:
  c-one: 4
  c-two: 3
  c-three: 1
  r-one: 2
  flag-late: 'yes'
  ladder-design: co-design
"""


def run(
    args: list[str], closed_stdin: bool = False, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    environment.update({"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "100"}, **env)
    return subprocess.run(
        [sys.executable, "-m", "coself", *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        stdin=None if closed_stdin else subprocess.DEVNULL,
        preexec_fn=(lambda: os.close(0)) if closed_stdin else None,
    )


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def test_colour_and_drawing_without_plain_mode(answers: Path) -> None:
    """The check below can fail: a forced terminal does get colour and box drawing."""
    done = run(["report", str(answers), "--banks-dir", str(MINI_DIR)])
    assert done.returncode == 0, done.stderr
    assert ESCAPE.search(done.stdout) and DRAWING.search(done.stdout)


@pytest.mark.parametrize(
    ("flag", "env"), [(["--plain"], {}), ([], {"NO_COLOR": "1"}), ([], {"TERM": "dumb"})]
)
def test_plain_output_has_no_escapes_and_no_box_drawing(
    answers: Path, flag: list[str], env: dict[str, str]
) -> None:
    for command in (
        ["report", str(answers)],
        ["report", str(answers), str(answers)],
        ["compare", str(answers), str(answers)],
        ["banks", "list"],
    ):
        done = run([*command, *flag, "--banks-dir", str(MINI_DIR)], **env)
        assert done.returncode == 0, done.stderr
        assert not ESCAPE.search(done.stdout + done.stderr), command
        assert not DRAWING.search(done.stdout + done.stderr), command
        if command[0] == "report" and len(command) == 2:
            # meaning is in words: the red flag and stages; no bars
            assert "RED FLAG:" in done.stdout and "Stage" in done.stdout
            assert "##" not in done.stdout and "Acme [bold]Care[/bold]" in done.stdout


def test_batch_in_plain_mode_draws_no_progress(answers: Path, tmp_path: Path) -> None:
    done = run(
        ["batch", str(answers), "-o", str(tmp_path / "o"), "--banks-dir", str(MINI_DIR)],
        NO_COLOR="1",
    )
    assert done.returncode == 0
    assert not ESCAPE.search(done.stdout + done.stderr)
    assert "\r" not in done.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["report", "{answers}", "--banks-dir", "{mini}"], 0),
        (["report", "{missing}"], 1),
        (["report", "{answers}", "--banks-dir", "{mini}", "-o", "{unwritable}"], 73),
        (["banks", "validate", "{answers}"], 1),
        (["report", "{answers}", "--format", "pdf"], 2),
        (["report", "{answers}", "--no-such-option"], 2),
        (["banks", "show", "no-such-bank"], 2),
        (
            ["assess", "--org", "Acme", "--perspective", "staff"],
            2,
        ),  # standard input is not a terminal
    ],
)
def test_exit_codes(answers: Path, tmp_path: Path, args: list[str], code: int) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    filled = [
        a.format(
            answers=answers,
            mini=MINI_DIR,
            missing=tmp_path / "nope.yaml",
            unwritable=blocker / "report.md",
        )
        for a in args
    ]
    done = run(filled)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["assess", "--org", "Acme", "--perspective", "staff"], 2, "needs a terminal"),
        (["report", "-"], 1, "<stdin>: there is no standard input to read"),
    ],
)
def test_no_standard_input_at_all(args: list[str], code: int, message: str) -> None:
    done = run(args, closed_stdin=True)
    assert done.returncode == code and message in done.stderr
    assert "Traceback" not in done.stderr


# What a screen reader would read out as noise: bars, borders and rules coself draws. A '-' in a
# negative number or a hyphenated word is a word; runs and corners are drawing.
DRAWN = re.compile(r"[\u2500-\u259f]|---|\+-|-\+|\|--|--\||##|#\.|\.\.#|\|")


def every_terminal_report(library: Library, folder: Path) -> dict[str, tuple[Kind, object]]:
    """One report of each kind a terminal shows, each touching the parts its kind can have."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        summary = batch_summary(folder, library)[0]
    finally:
        os.chdir(here)
    return {
        **report_cases(library),
        "summary": (Kind.SUMMARY, summary),
        "plan": (Kind.PLAN, small_plan(library)),
        "bank": (Kind.BANK, library.get("mini")),
        "bank-list": (Kind.BANK_LIST, list(library.banks.values())),
    }


def test_plain_reports_draw_no_bars_and_no_borders(library: Library, tmp_path: Path) -> None:
    reports = every_terminal_report(library, tmp_path)
    assert {kind for kind, _ in reports.values()} == {
        k for k in Kind if Format.TERMINAL in formats_for(k)
    }
    for name, (kind, report) in reports.items():
        plain = as_text(render(kind, Format.TERMINAL, report, Meta(DATE, plain=True)))
        typed = "=Zeta | Care"  # an organisation's name as a person typed it is data, not drawing
        drawn = DRAWN.findall(plain.replace(typed, ""))
        assert drawn == [], (name, drawn)
        if name not in ("bank", "plan"):  # lists only; the others draw in colour mode
            fancy = as_text(render(kind, Format.TERMINAL, report, Meta(DATE)))
            assert DRAWN.search(fancy), name


def test_plain_tables_keep_their_headings_as_words(library: Library) -> None:
    """Without borders a table's title is a heading: a blank line, then the title in words;
    the columns stay in line, so each row reads across."""
    plain = as_text(
        render(Kind.SINGLE, Format.TERMINAL, single_report(library), Meta(DATE, plain=True))
    )
    lines = [line.rstrip() for line in plain.splitlines()]
    at = lines.index("Sections")
    assert lines[at - 1] == ""
    assert lines[at + 1].split() == [
        "Section",
        "Score",
        "Stage",
        "Coverage",
        "N/A",
        "Don't",
        "know",
        "Unanswered",
    ]
    assert lines[at + 2].split()[:4] == ["Culture", "75.0", "Leading", "50%"]


def test_reports_at_100_columns_cut_no_word(library: Library) -> None:
    """In colour and in plain mode, a report's tables fit 100 columns without cutting a word or
    a bar short ('…'): the combined tables leave their bars to the markdown and HTML."""
    for name, (kind, report) in report_cases(library).items():
        for plain in (False, True):
            text = as_text(render(kind, Format.TERMINAL, report, Meta(DATE, plain=plain)))
            assert "…" not in text, (name, plain, text)
