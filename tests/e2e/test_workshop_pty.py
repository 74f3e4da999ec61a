"""The installed `coself assess --workshop` in a real pseudo-terminal: a room votes by perspective
on twelve questions, a split is flagged, Ctrl-C mid-question and resume lose nothing, and the
report lists the splits first."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pexpect
from test_pty import COSELF, pytestmark, spawn  # noqa: F401 (the skip when not installed)

from coself.core.model import Perspective, Votes
from coself.io.banks import load_library
from coself.io.storage import load_answers

LEVEL_VOTES = "staff: 3 3 2 3 3 person: 2 2 3 2 2 carer: 3 3"
SPLIT_VOTES = "staff: 4 4 4 4 4 person: 0 0 0 0 0 carer: 1 1"  # median 1: five votes 3 away
YESNO_VOTES = "staff: y y y y y person: y y y y n carer: y y"


def vote(child: pexpect.spawn, position: int, votes: str | None = None, note: str = "") -> str:
    """Answer one question as a facilitator would; return what coself showed after the votes."""
    child.expect_exact(f"Question {position} of 67. Section: ")  # NO_COLOR: plain words
    child.expect(r"Each vote: ([^\r\n]+)\.")
    yesno = child.match.group(1).startswith("yes or no")
    child.expect_exact("Votes: ")
    child.sendline(votes or (YESNO_VOTES if yesno else LEVEL_VOTES))
    child.expect_exact("Agreed answer (")
    shown: str = child.before
    child.expect_exact("): ")
    child.sendline("")
    child.expect_exact("Note (optional; press Enter to skip): ")
    child.sendline(note)
    return shown


def start(tmp_path: Path, *args: str) -> pexpect.spawn:
    return spawn([COSELF, "assess", *args], tmp_path)


def test_a_workshop_voted_by_perspective_stopped_resumed_and_reported(tmp_path: Path) -> None:
    out = tmp_path / "out"
    child = start(tmp_path, "--workshop", "--bank", "organisation", "--org", "Acme Care",
                  "--reports-dir", str(out))  # fmt: skip
    child.expect_exact("Workshop: ")
    for position in (1, 2, 3):
        shown = vote(child, position)
        assert "Split" not in shown
    shown = vote(child, 4, SPLIT_VOTES, "people and staff see this differently")
    assert "Split: the room disagrees" in shown
    assert "staff (5): 0: 0, 1: 0, 2: 0, 3: 0, 4: 5" in shown
    for position in (5, 6):
        vote(child, position)
    # Ctrl-C after the votes of question 7 are typed, before the room has agreed
    child.expect_exact("Question 7 of 67. Section: ")
    child.expect_exact("Votes: ")
    child.sendline("staff: 1 1 1 1 1 person: 1 1 1 1 1")
    child.expect_exact("Agreed answer (Enter for 1 ")
    child.sendintr()
    child.expect(r"To carry on, run this command:\r?\n  ([^\r\n]+)")
    command = shlex.split(child.match.group(1))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    (saved,) = out.glob("*.answers.yaml")
    library = load_library([])
    answers, bank, _ = load_answers(saved, library.find)
    assert answers.workshop and len(answers.answers) == 7
    kept = answers.answers["culture-expected-benefits"]
    assert kept.votes == Votes(((Perspective.STAFF, (1,) * 5), (Perspective.PERSON, (1,) * 5)))

    child = spawn([COSELF, *command[1:]], tmp_path)
    child.expect_exact("Question 7 of 67. Section: ")
    child.expect_exact("Votes typed before: staff: 1 1 1 1 1 person: 1 1 1 1 1")
    child.expect_exact("Agreed answer (Enter for 1 ")
    child.sendline("")
    child.expect_exact("Note (optional; press Enter to skip): ")
    child.sendline("")
    for position in range(8, 13):
        vote(child, position)
    child.expect_exact("Question 13 of 67. Section: ")
    child.expect_exact("Votes: ")
    child.sendline("q")
    child.expect_exact("To carry on, run this command:")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    answers, bank, _ = load_answers(saved, library.find)
    assert len(answers.answers) == 12 and answers.status.value == "partial"
    split = bank.questions[3]
    assert answers.answers[split.id].value == 1  # the median offered, taken with Enter
    assert answers.answers[split.id].note == "people and staff see this differently"
    assert all(a.votes and a.votes.by_perspective for a in answers.answers.values())

    report = subprocess.run(
        [COSELF, "report", str(saved), "--format", "markdown"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    text = report.stdout
    conversations = text.index("## Conversations to have")
    others = text.index("## The other questions voted on")
    assert conversations < text.index("## Gaps between perspectives") < others
    assert conversations < text.index(f"**{split.id}: ") < others
    assert "carers: fewer than 5 responses" in text


def test_workshop_cannot_resume_one_persons_answers(tmp_path: Path) -> None:
    path = tmp_path / "one.answers.yaml"
    body = "format: 1\nbank: organisation\norganisation: Acme\nperspective: staff\nanswers: {}\n"
    path.write_text(body, encoding="utf-8")
    child = start(tmp_path, "--workshop", "--resume", str(path))
    child.expect_exact("holds one person's answers, not a workshop's votes")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert path.read_text(encoding="utf-8") == body
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.answers.yaml"]
