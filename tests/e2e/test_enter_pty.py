"""The installed `coself enter` in a real pseudo-terminal: two paper forms typed in, a count
mistake asked again, Ctrl-C mid-form and resume with nothing lost, and `--verify` with a
disagreement decided."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

import pexpect
from conftest import MINI_DIR
from test_pty import COSELF, pytestmark, spawn  # noqa: F401 (the skip when not installed)

from coself.core.model import Answers, Perspective, Special, Status
from coself.io.banks import load_library
from coself.io.storage import load_answers

CULTURE, REVIEW = "Culture answers (4): ", "Review answers (3): "
RIGHT = "type the section's line again: "
REFERENCE = "Form reference (as printed on the form; Enter when done): "


def start(tmp_path: Path, *args: str) -> pexpect.spawn:
    out = str(tmp_path / "forms")
    return spawn([COSELF, "enter", "--banks-dir", str(MINI_DIR), "--reports-dir", out, *args],
                 tmp_path)  # fmt: skip


def line(child: pexpect.spawn, prompt: str, typed: str) -> str:
    """Answer one prompt; return what coself showed before it."""
    child.expect_exact(prompt)
    shown: str = child.before
    child.sendline(typed)
    return shown


def section(child: pexpect.spawn, prompt: str, typed: str) -> str:
    """Type a section's line and take the echo as right; return the echo."""
    line(child, prompt, typed)
    return line(child, RIGHT, "")


def new_form(child: pexpect.spawn, reference: str, org: str, who: str) -> None:
    line(child, REFERENCE, reference)
    child.expect_exact("Organisation")
    child.expect_exact(": ")
    child.sendline(org)
    child.expect_exact("Type a number from 1 to 5")
    child.expect_exact(": ")
    child.sendline(who)


def forms(tmp_path: Path) -> dict[str, tuple[Path, Answers]]:
    library = load_library([MINI_DIR])
    found = {}
    for path in (tmp_path / "forms").glob("*.answers.yaml"):
        answers, _, problems = load_answers(path, library.find)
        assert not problems
        found[str(answers.respondent)] = (path, answers)
    return found


def finish(child: pexpect.spawn, code: int) -> None:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code


def one_form(tmp_path: Path, reference: str, culture: str, review: str) -> None:
    """A whole form of the mini bank typed in, in a session of its own."""
    child = start(tmp_path, "--bank", "mini", "--org", "Acme Care")
    new_form(child, reference, "", "1")
    section(child, CULTURE, culture)
    section(child, REVIEW, review)
    line(child, REFERENCE, "")
    finish(child, 0)


def test_two_forms_typed_in_with_a_count_mistake_asked_again(tmp_path: Path) -> None:
    child = start(tmp_path, "--bank", "mini")
    new_form(child, "MINI 1.0.0 A001", "Acme Care", "1")
    line(child, CULTURE, "3 na 2")  # one answer short
    child.expect_exact("Not saved: Too few answers: you typed 3, and this section has 4 questions")
    echo = section(child, CULTURE, "3 na 2 y")
    assert "1. c-one: 3 Established" in echo and "4. flag-late: yes" in echo
    section(child, REVIEW, "1 - 4")
    new_form(child, "MINI 1.0.0 A002", "", "2")  # Enter keeps Acme Care
    section(child, CULTURE, "d 4 4 n")
    echo = section(child, REVIEW, "0 d na")
    assert "3. ladder-design: not applicable" in echo
    line(child, REFERENCE, "")
    finish(child, 0)

    typed = forms(tmp_path)
    assert set(typed) == {"MINI 1.0.0 A001", "MINI 1.0.0 A002"}
    _, first = typed["MINI 1.0.0 A001"]
    _, second = typed["MINI 1.0.0 A002"]
    # r-two was left blank on the paper: typed in, but honestly partial
    assert first.status is Status.PARTIAL and first.perspective is Perspective.PERSON
    assert "r-two" not in first.answers and second.status is Status.COMPLETE
    assert second.organisation == "Acme Care" and second.perspective is Perspective.CARER
    assert second.answers["c-one"].value is Special.DONT_KNOW
    report = subprocess.run(
        [COSELF, "report", "--banks-dir", str(MINI_DIR), "--format", "json", "--min-group", "1",
         str(typed["MINI 1.0.0 A001"][0]), str(typed["MINI 1.0.0 A002"][0])],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["respondents"] == 2


def test_ctrl_c_mid_form_then_resume_loses_nothing(tmp_path: Path) -> None:
    child = start(tmp_path, "--bank", "mini", "--org", "Acme Care")
    new_form(child, "A003", "", "3")
    section(child, CULTURE, "4 4 4 n")
    line(child, REVIEW, "2 2")  # a count mistake, then Ctrl-C while asked again
    child.expect_exact(REVIEW)
    child.sendintr()
    child.expect(r"To carry on, run this command:\r?\n  ([^\r\n]+)")
    command = shlex.split(child.match.group(1))
    finish(child, 130)
    (path, kept) = forms(tmp_path)["A003"]
    assert kept.status is Status.PARTIAL and len(kept.answers) == 4

    child = spawn([COSELF, *command[1:]], tmp_path)
    child.expect_exact("Form A003: saved as you go in")
    echo = section(child, REVIEW, "2 2 1")
    assert "Culture answers" not in echo  # the section typed before is not asked again
    line(child, REFERENCE, "A003")  # typed in already: said, not typed twice
    child.expect_exact("Form A003 is already typed in")
    line(child, REFERENCE, "")
    finish(child, 0)
    (path, done) = forms(tmp_path)["A003"]
    assert done.status is Status.COMPLETE
    values = {qid: a.value for qid, a in done.answers.items()}
    assert values == {"c-one": 4, "c-two": 4, "c-three": 4, "flag-late": "no", "r-one": 2,
                      "r-two": 2, "ladder-design": "coercion"}  # fmt: skip


def test_an_unfinished_form_is_picked_up_by_its_reference(tmp_path: Path) -> None:
    child = start(tmp_path, "--bank", "mini", "--org", "Acme Care")
    new_form(child, "A004", "", "1")
    section(child, CULTURE, "1 1 1 y")
    line(child, REVIEW, "q")
    finish(child, 0)
    child = start(tmp_path, "--bank", "mini")
    child.expect_exact("Unfinished form(s) in")
    line(child, REFERENCE, "A004")
    child.expect_exact("Form A004 was started before: carrying on with")
    section(child, REVIEW, "3 3 3")
    line(child, REFERENCE, "")
    finish(child, 0)
    assert len(forms(tmp_path)["A004"][1].answers) == 7


def test_verify_shows_a_disagreement_and_keeps_the_answer_decided(tmp_path: Path) -> None:
    one_form(tmp_path, "A005", "3 na 2 y", "1 - 4")

    child = start(tmp_path, "--bank", "mini", "--verify")
    line(child, REFERENCE, "A005")
    section(child, CULTURE, "3 na 3 y")  # c-three typed 3 this time
    section(child, REVIEW, "1 - 4")
    child.expect_exact("1 disagreement(s) between the first and second entry.")
    child.expect_exact("Disagreement 1 of 1: c-three: Culture question three?")
    child.expect_exact("First entry: 2 Developing")
    child.expect_exact("Second entry: 3 Established")
    line(child, "or the right answer: ", "s")
    child.expect_exact("Kept: 3 Established.")
    line(child, REFERENCE, "")
    finish(child, 0)
    (_, checked) = forms(tmp_path)["A005"]
    assert checked.answers["c-three"].value == 3
    assert checked.answers["c-one"].value == 3 and checked.status is Status.PARTIAL  # r-two blank


def test_enter_refuses_input_that_is_not_a_terminal(tmp_path: Path) -> None:
    run = subprocess.run([COSELF, "enter", "--bank", "voices"], input="A1\n",
                         capture_output=True, text=True, cwd=tmp_path, check=False)  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "needs a terminal" in run.stderr
    assert not (tmp_path / "reports").exists()


def test_ctrl_c_during_verify_leaves_the_first_entry_as_it_was(tmp_path: Path) -> None:
    one_form(tmp_path, "A006", "2 2 2 y", "2 2 2")
    (path, _) = forms(tmp_path)["A006"]
    before = path.read_bytes()
    (tmp_path / "forms" / "broken.answers.yaml").write_text("bank: [unclosed\n", encoding="utf-8")

    child = start(tmp_path, "--bank", "mini", "--verify")
    line(child, REFERENCE, "A007")  # never typed in: said, and asked again
    child.expect_exact("Form A007 has not been typed in")
    line(child, REFERENCE, "A006")
    section(child, CULTURE, "1 1 1 n")
    child.expect_exact(REVIEW)
    child.sendintr()
    child.expect_exact("the first entry in")
    finish(child, 130)
    assert path.read_bytes() == before
