"""Templates people can fill in (issue 12, item 5): each question carries its own descriptors
(its levels, the ladder's rungs in the bank's words, what yes and no mean, whether na is
allowed); `status` is written `partial`, and a template reads back, blank or filled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MINI_DIR

from coself.core.model import GRADED, Bank, Perspective, Question, QuestionType, Status
from coself.core.text import one_line
from coself.io.banks import Library, load_library
from coself.io.storage import load_answers
from coself.io.template import render_csv_template, render_yaml_template

SHIPPED = load_library()
BANKS = [SHIPPED.get(bank_id) for bank_id in sorted(SHIPPED.banks)]


def blocks(text: str) -> dict[str, list[str]]:
    """Each question id -> the comment lines just above it."""
    found: dict[str, list[str]] = {}
    comments: list[str] = []
    for line in text.splitlines():
        if line.startswith("  # "):
            comments.append(line[4:])
        elif match := re.fullmatch(r"  ([a-z0-9-]+):", line):
            found[match.group(1)] = comments
            comments = []
        else:  # a blank line or a key: what follows is about the next question
            comments = []
    return found


def expected_meanings(question: Question, bank: Bank) -> list[str]:
    """What each answer means, straight from the bank (not from the template's code)."""
    if question.type in GRADED:
        return [
            f"  {s.level} {s.label}: {one_line(question.levels.get(s.level, s.descriptor))}"
            for s in bank.scale
        ]
    if question.type is QuestionType.LADDER:
        return [f"  {r.id}: {one_line(r.title)} (" for r in bank.framework.ladder_answers]
    return ["  yes: ", "  no: "]


@pytest.mark.parametrize("bank", BANKS, ids=lambda b: f"{b.id}-{b.version}")
def test_every_question_carries_its_own_descriptors(bank: Bank) -> None:
    found = blocks(render_yaml_template(bank, "Acme", Perspective.STAFF))
    assert list(found) == [q.id for s in bank.sections for q in bank.questions if q.section == s.id]
    for question in bank.questions:
        comments = found[question.id]
        assert comments[1] == one_line(f"Help: {question.help}")
        meanings = [c for c in comments if c.startswith("  ")]
        wanted = expected_meanings(question, bank)
        assert len(meanings) == len(wanted), question.id
        for line, start in zip(meanings, wanted, strict=True):
            assert line.startswith(start), (question.id, line)
        if question.type is QuestionType.LADDER:  # each rung's own description, in full
            for line, rung in zip(meanings, bank.framework.ladder_answers, strict=True):
                assert line.endswith(": " + one_line(rung.description)), line
        last = comments[-1]
        assert last.startswith("Or dont_know if ")
        assert ("na if it does not apply here" in last) is question.allow_na
        assert ("na cannot be used here" in last) is not question.allow_na


@pytest.mark.parametrize("bank", BANKS, ids=lambda b: f"{b.id}-{b.version}")
def test_yes_and_no_say_which_is_a_red_flag_and_how_they_score(bank: Bank) -> None:
    found = blocks(render_yaml_template(bank, None, None))
    yesno = [q for q in bank.questions if q.type is QuestionType.YESNO]
    assert yesno
    for question in yesno:
        meanings = {c.split(":")[0].strip(): c for c in found[question.id] if c.startswith("  ")}
        for value in ("yes", "no"):
            flagged = "RED FLAG" in meanings[value]
            assert flagged is (question.red_flag_if == value), (question.id, value)
            assert ("counts as level" in meanings[value]) is question.scored
        if question.red_flag_if:
            assert "not a red flag" in meanings[{"yes": "no", "no": "yes"}[question.red_flag_if]]


def test_a_level_question_shows_its_own_levels_whole() -> None:
    """One block compared whole: the organisation bank's own words for each level."""
    bank = SHIPPED.get("organisation")
    question = bank.questions[0]
    text = render_yaml_template(bank, None, None)
    block = text.split(f"\n  {question.id}:\n")[0].rsplit("\n\n", 1)[1]
    levels = [f"  #   {n} {bank.scale[n].label}: {one_line(question.levels[n])}" for n in range(5)]
    assert block.splitlines() == [
        f"  # [1] {one_line(question.text)}",
        f"  # Help: {one_line(question.help)}",
        "  # Answer with a level from 0 to 4:",
        *levels,
        "  # Or dont_know if you do not know; na cannot be used here.",
    ]
    assert question.levels[0] != bank.scale[0].descriptor  # its own words, not the scale's


def test_the_template_says_partial_and_a_blank_one_reads_as_partial(
    tmp_path: Path, library: Library, mini: Bank
) -> None:
    text = render_yaml_template(mini, "Acme", Perspective.CARER)
    assert "\nstatus: partial\n" in text and "status: complete" not in text
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    answers, _, warnings = load_answers(path, library.find)
    assert answers.status is Status.PARTIAL and dict(answers.answers) == {}
    assert warnings == []  # partial is what it is: nothing to warn about


FILLED = {
    "c-one": "4",
    "c-two": "na",
    "c-three": "dont_know",
    "r-one": "2",
    "r-two": "{answer: 3, note: 'seen in minutes'}",
    "flag-late": "no",
    "ladder-design": "co-design",
}


def fill(text: str, values: dict[str, str]) -> str:
    for qid, value in values.items():
        text = text.replace(f"\n  {qid}:\n", f"\n  {qid}: {value}\n")
    return text


def test_a_filled_template_reads_back_complete(
    tmp_path: Path, library: Library, mini: Bank
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(fill(render_yaml_template(mini, "Acme", None), FILLED), encoding="utf-8")
    text = path.read_text(encoding="utf-8").replace("perspective:\n", "perspective: staff\n")
    path.write_text(text, encoding="utf-8")
    answers, _, warnings = load_answers(path, library.find)
    assert answers.status is Status.COMPLETE
    assert {k: a.value for k, a in answers.answers.items()}["ladder-design"] == "co-design"
    assert answers.answers["r-two"].note == "seen in minutes"
    line = text.splitlines().index("status: partial") + 1
    assert [str(w) for w in warnings] == [
        f"{path}:{line}:9: the file says status partial, but every question has an answer: "
        "read as complete"
    ]


def test_a_half_filled_template_stays_partial(tmp_path: Path, library: Library, mini: Bank) -> None:
    half = {k: v for k, v in FILLED.items() if k in ("c-one", "flag-late")}
    path = tmp_path / "t.yaml"
    path.write_text(fill(render_yaml_template(mini, "Acme", Perspective.STAFF), half), "utf-8")
    answers, _, warnings = load_answers(path, library.find)
    assert answers.status is Status.PARTIAL and set(answers.answers) == {"c-one", "flag-late"}
    assert warnings == []


def test_a_filled_csv_template_reads_back_with_the_derived_status(
    tmp_path: Path, mini: Bank
) -> None:
    from coself.io.sources import read_results

    header = render_csv_template(mini)
    columns = header.strip().split(",")
    assert columns[3:] == [
        q.id for q in mini.questions
    ]  # after organisation, perspective, respondent
    values = {**FILLED, "r-two": "3"}
    full = ",".join(["Acme", "staff", ""] + [values[c] for c in columns[3:]])
    half = ",".join(
        ["Acme", "carer", ""] + [values[c] if c == "c-one" else "" for c in columns[3:]]
    )
    path = tmp_path / "export.csv"
    path.write_text(header + full + "\n" + half + "\n", encoding="utf-8")
    results = list(read_results([str(path)], load_library([MINI_DIR])))
    assert [r.answers.status for r, _ in results] == [Status.COMPLETE, Status.PARTIAL]
    assert [w for _, w in results] == [[], []]  # a CSV row claims nothing
