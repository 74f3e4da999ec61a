"""The installed `coself assess` in a real pseudo-terminal: Ctrl-C half-way, resume, finish."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import MINI_DIR
from markdown_check import check_markdown

from coself.io.banks import load_library
from coself.io.storage import load_answers

COSELF = shutil.which("coself") or str(Path(sys.executable).parent / "coself")
pytestmark = pytest.mark.skipif(not os.path.exists(COSELF), reason="coself is not installed")


def spawn(args: list[str], cwd: Path) -> pexpect.spawn:
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm", "NO_COLOR": "1"}
    return pexpect.spawn(
        args[0], args[1:], cwd=str(cwd), env=env, encoding="utf-8", timeout=30, dimensions=(40, 100)
    )


def answer(child: pexpect.spawn, position: str, value: str, note: str = "") -> None:
    child.expect_exact(position)
    child.expect_exact("Your answer: ")
    child.sendline(f"{value} {note}".strip())
    child.expect_exact("Saved: ")


def test_ctrl_c_half_way_then_resume_and_finish(tmp_path: Path) -> None:
    reports = tmp_path / "out"
    child = spawn(
        [
            COSELF,
            "assess",
            "--bank",
            "mini",
            "--org",
            "Acme Care",
            "--perspective",
            "staff",
            "--reports-dir",
            str(reports),
            "--banks-dir",
            str(MINI_DIR),
        ],
        tmp_path,
    )
    answer(child, "Question 1 of 7: Culture question one?", "3", "board minutes")
    answer(child, "Question 2 of 7: Culture question two?", "2")
    child.expect_exact("Question 3 of 7: Culture question three?")
    child.expect_exact("Your answer: ")
    child.sendintr()
    child.expect(r"To carry on, run this command:\r?\n  ([^\r\n]+)")
    command = child.match.group(1)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    (saved,) = reports.glob("*.answers.yaml")
    library = load_library([MINI_DIR])
    answers, _, _ = load_answers(saved, library.find)
    assert {k: v.value for k, v in answers.answers.items()} == {"c-one": 3, "c-two": 2}
    assert answers.answers["c-one"].note == "board minutes"
    assert answers.status.value == "partial"

    args = shlex.split(command)
    assert args[0] == "coself" and "--resume" in args
    child = spawn([COSELF, *args[1:]], tmp_path)
    answer(child, "Question 3 of 7: Culture question three?", "1")
    answer(child, "Question 4 of 7: Were decisions made", "no")
    answer(child, "Section: Review", "4")
    answer(child, "Question 6 of 7: Review question two?", "d")
    answer(child, "Question 7 of 7: When a service", "7")
    child.expect_exact("Review your answers")
    child.expect_exact("or press Enter to finish: ")
    child.sendline("")
    child.expect_exact("Markdown report saved in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    answers, _, _ = load_answers(saved, library.find)
    assert answers.status.value == "complete" and len(answers.answers) == 7
    (report,) = reports.glob("*.md")
    text = report.read_text(encoding="utf-8")
    check_markdown(text)
    assert "# Co-production self-assessment: Acme Care" in text
    assert report.name == saved.name.replace(".answers.yaml", ".md")


def test_assess_refuses_without_a_terminal(tmp_path: Path) -> None:
    import subprocess

    done = subprocess.run(
        [COSELF, "assess", "--org", "Acme", "--perspective", "staff"],
        input="3\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2
    assert "coself report" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "reports").exists()
