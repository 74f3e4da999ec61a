"""The installed `coself assess` in a 40×110 pseudo-terminal: the introduction, answers said
back, an accidental `n`, a note that looks like an answer, the review page by page, and how
many times Enter is pressed in a whole organisation run (issue 12, items 1-3 and 7)."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import MINI_DIR

from coself.core.model import QuestionType
from coself.interactive.review import pages
from coself.interactive.session import in_section_order
from coself.io.banks import load_library
from coself.io.storage import load_answers

COSELF = shutil.which("coself") or str(Path(sys.executable).parent / "coself")
pytestmark = pytest.mark.skipif(not os.path.exists(COSELF), reason="coself is not installed")
ROWS, COLUMNS = 40, 110
JARGON = ("perspective", "Section", "Note or evidence", "n for not applicable", "evidence")


class Typist:
    """A pexpect child that counts every Enter pressed."""

    def __init__(self, args: list[str], cwd: Path, **env: str) -> None:
        environment = {**os.environ, "COLUMNS": str(COLUMNS), "TERM": "xterm", **env}
        self.child = pexpect.spawn(
            COSELF,
            args,
            cwd=str(cwd),
            env=environment,
            encoding="utf-8",
            timeout=30,
            dimensions=(ROWS, COLUMNS),
        )
        self.enters = 0
        self.said = ""

    def at(self, text: str) -> str:
        """Wait for `text`; return what was shown before it (and keep it all)."""
        self.child.expect_exact(text)
        shown = str(self.child.before) + text
        self.said += shown
        return shown

    def type(self, line: str) -> None:
        self.child.sendline(line)
        self.enters += 1

    def end(self) -> int:
        self.child.expect(pexpect.EOF)
        self.said += str(self.child.before)
        self.child.close()
        return int(self.child.exitstatus)


def assess(tmp_path: Path, *args: str, **env: str) -> Typist:
    return Typist(
        ["assess", "--reports-dir", str(tmp_path / "out"), *args], tmp_path, NO_COLOR="1", **env
    )


def test_the_organisation_bank_is_introduced_before_its_first_prompt(tmp_path: Path) -> None:
    run = assess(tmp_path)
    before = run.at("Organisation name: ")
    assert "Co-production in our organisation" in before
    assert re.search(r"There are 67 questions in 4 parts; it takes about 35 minutes\.", before)
    assert "Your answers are saved after every question" in before
    assert "q save and stop" in before and "d don't know" in before
    run.child.sendeof()
    assert run.end() == 130


def test_the_voices_bank_speaks_plainly_from_the_first_line(tmp_path: Path) -> None:
    run = assess(tmp_path, "--bank", "voices")
    before = run.at("Organisation name: ")
    assert "Your voice in care and support" in before
    assert '"they" means the organisation' in before and "There are no wrong answers" in before
    run.type("Acme Care")
    shown = run.at("Type a number from 1 to 3: ")
    assert "Who are you answering as?" in shown and "1. I get care or support" in shown
    run.type("1")
    run.at("Your answer: ")
    run.type("3 they came to our group")
    run.at("Saved: 3 Mostly (you added: they came to our group)")
    run.at("Your answer: ")
    run.type("?")
    run.at("Your answer: ")
    run.type("q")
    assert run.end() == 0
    assert "Part: How they treat you" in run.said
    for word in JARGON:
        assert word not in run.said, word


def test_an_accidental_n_on_a_yes_no_question_is_asked_again(tmp_path: Path) -> None:
    run = assess(tmp_path, "--bank", "mini", "--banks-dir", str(MINI_DIR), "--org", "Acme")
    run.at("Type a number from 1 to 5: ")
    run.type("2")
    for typed in ("1", "na", "1"):
        run.at("Your answer: ")
        run.type(typed)
    run.at("Question 4 of 7: Were decisions made")
    run.at("Your answer: ")
    run.type("n")
    run.at("Did you mean no? Type no.")
    run.at("Your answer: ")
    run.type("no")
    run.at("Saved: no")
    run.at("Your answer: ")
    run.type("q")
    assert run.end() == 0
    (path,) = (tmp_path / "out").glob("*.answers.yaml")
    answers, _, _ = load_answers(path, load_library([MINI_DIR]).find)
    assert answers.answers["flag-late"].value == "no"


def test_a_note_that_looks_like_an_answer_is_confirmed_first(tmp_path: Path) -> None:
    run = assess(tmp_path, "--bank", "mini", "--banks-dir", str(MINI_DIR), "--org", "Acme")
    run.at("Type a number from 1 to 5: ")
    run.type("2")
    run.at("Your answer: ")
    run.type("+")
    run.at("Note or evidence (press Enter to leave it out): ")
    run.type("2")  # the answer, typed one step late
    run.at("'2' looks like an answer, not a note. Type y to save it as a note")
    run.type("")
    run.at("Not saved as a note: '2'.")
    run.at("Your answer: ")
    run.type("2")
    run.at("Saved: 2 Developing")
    run.at("Your answer: ")
    run.type("3 4")
    run.at("'4' looks like an answer, not a note.")
    run.type("y")
    run.at("Saved: 3 Established (you added: 4)")
    run.at("Your answer: ")
    run.type("q")
    assert run.end() == 0
    (path,) = (tmp_path / "out").glob("*.answers.yaml")
    answers, _, _ = load_answers(path, load_library([MINI_DIR]).find)
    assert answers.answers["c-one"].note is None and answers.answers["c-two"].note == "4"


def answer_for(kind: QuestionType) -> str:
    return {QuestionType.YESNO: "no", QuestionType.LADDER: "5"}.get(kind, "2")


def test_a_whole_organisation_run_one_enter_a_question_and_a_review_that_fits(
    tmp_path: Path,
) -> None:
    bank = load_library([]).get("organisation")
    order = in_section_order(bank)
    review_pages = len(pages(order))
    run = assess(tmp_path, "--org", "Acme Care", "--perspective", "staff")
    for number, question in enumerate(order, 1):
        run.at(f"Question {number} of {len(order)}:")
        run.at("Your answer: ")
        run.type(answer_for(question.type))
    assert run.enters == len(order)  # one Enter per question, no notes asked for

    run.at("Review your answers")
    for page in range(1, review_pages + 1):
        screen = run.at("or press Enter to")
        lines = screen.split("\r\n")
        assert len(lines) + 1 <= ROWS, screen  # the page and its prompt on one screen
        assert all(len(line) <= COLUMNS for line in lines)
        if page == 1:
            assert "Section: Culture (answered 12;" in screen
            first = screen
        if page < review_pages:
            run.type("")
    run.type("1")  # change question 1, from the last page
    run.at("Current answer: 2 ")
    run.at("Your answer: ")
    run.type("4")
    shown = run.at("or press Enter to finish: ")
    after_change = shown.split("Saved: 4 Embedded")[1].strip("\r\n").split("\r\n")
    assert len(after_change) == 2  # only the changed line, then the prompt
    assert after_change[0].startswith("  1. 4 Embedded: ")
    assert "  1. 2 " in first
    run.type("")
    assert run.end() == 0
    assert run.enters == len(order) + review_pages + 2  # the change cost its own two
    assert "Markdown report saved in" in run.said
    session = run.said.split("Markdown report")[0]
    assert not set("─│┃━┌┐└┘═") & set(session)  # no box or bar characters while asking


@pytest.mark.parametrize(
    ("env", "place"),
    [
        ({"TERM": "dumb"}, "Question 1 of 7: Culture question one?"),
        ({"NO_COLOR": "1"}, "Question 1 of 7: Culture question one?"),
        ({}, "[1/7] Culture question one?"),
    ],
)
def test_plain_mode_says_each_place_in_words(
    tmp_path: Path, env: dict[str, str], place: str
) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    child = pexpect.spawn(
        COSELF,
        ["assess", "--bank", "mini", "--banks-dir", str(MINI_DIR), "--org", "Acme"]
        + ["--perspective", "staff", "--reports-dir", str(tmp_path)],
        cwd=str(tmp_path),
        env={**environment, "TERM": "xterm", "COLUMNS": str(COLUMNS), **env},
        encoding="utf-8",
        timeout=30,
        dimensions=(ROWS, COLUMNS),
    )
    child.expect_exact("\r\nSection: Culture\r\n\r\n" + place)
    child.expect_exact("Your answer: ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
