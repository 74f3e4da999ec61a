"""An answers file's status is worked out from its answers, whatever the file claims (issue 12,
item 5): complete when every question has an answer, partial otherwise; a claim that
disagrees is read the derived way, with a one-line warning naming the file and both."""

from __future__ import annotations

import pytest

from coself.core.answers import derived_status, unanswered, with_derived_status
from coself.core.model import Answer, Bank, Special, Status
from coself.io.banks import Library
from coself.io.storage import load_answers

HEAD = "format: 1\nbank: mini\norganisation: Acme\nperspective: staff\n"
# One answer of every kind that counts as answered, one per question of the mini bank.
EVERY = {
    "c-one": "3",
    "c-two": "na",
    "c-three": "dont_know",
    "r-one": "0",
    "r-two": "4",
    "flag-late": "no",
    "ladder-design": "not-involved",
}


def body(answers: dict[str, str | None]) -> str:
    lines = [
        f"  {qid}:" + (f" {value}" if value is not None else "") for qid, value in answers.items()
    ]
    return "answers:\n" + "\n".join(lines) + "\n" if lines else "answers: {}\n"


def read(library: Library, text: str):  # type: ignore[no-untyped-def]
    answers, _, warnings = load_answers("a.yaml", library.find, text)
    return answers, [str(w) for w in warnings]


@pytest.mark.parametrize(
    ("answers", "derived"),
    [
        (EVERY, Status.COMPLETE),  # dont_know and na are answers
        ({**EVERY, "c-one": "dont_know", "r-one": "dont_know"}, Status.COMPLETE),
        ({**EVERY, "c-one": None}, Status.PARTIAL),  # blank: unanswered
        ({**EVERY, "ladder-design": "skipped"}, Status.PARTIAL),
        ({k: v for k, v in EVERY.items() if k != "flag-late"}, Status.PARTIAL),  # missing
        ({}, Status.PARTIAL),
    ],
    ids=["every-kind", "dont-know", "blank", "skipped", "missing", "empty"],
)
@pytest.mark.parametrize("claim", [None, "partial", "complete"])
def test_the_status_is_derived_whatever_the_file_claims(
    library: Library, answers: dict[str, str | None], derived: Status, claim: str | None
) -> None:
    status = "" if claim is None else f"status: {claim}\n"
    read_back, warnings = read(library, HEAD + status + body(answers))
    assert read_back.status is derived
    if claim is None or claim == derived.value:
        assert warnings == []  # nothing claimed, or a true claim: nothing to say
    else:
        assert len(warnings) == 1 and "\n" not in warnings[0]
        assert warnings[0].startswith("a.yaml:5:9: the file says status " + claim)
        assert warnings[0].endswith(f"read as {derived.value}")


def test_the_warning_counts_the_unanswered_questions(library: Library) -> None:
    text = HEAD + "status: complete\n" + body({"c-one": "3", "r-one": "skipped"})
    _, warnings = read(library, text)
    assert warnings == [
        "a.yaml:5:9: the file says status complete, but questions are unanswered "
        "(6 of 7): read as partial"
    ]


def test_a_claimed_partial_with_every_answer_is_complete(library: Library) -> None:
    _, warnings = read(library, HEAD + "status: partial\n" + body(EVERY))
    assert warnings == [
        "a.yaml:5:9: the file says status partial, but every question has an answer: "
        "read as complete"
    ]


def test_an_older_bank_versions_warning_and_the_status_warning_both_show(
    library: Library,
) -> None:
    text = HEAD.replace("bank: mini\n", 'bank: mini\nbank_version: "0.9.0"\n')
    _, warnings = read(library, text + "status: complete\n" + body({"c-one": "3", "c-old": "2"}))
    assert len(warnings) == 2
    assert "questions no longer in the bank: c-old" in warnings[0]
    assert "status complete" in warnings[1] and "(6 of 7)" in warnings[1]


def test_derived_status_by_hand(mini: Bank) -> None:
    every = {q.id: Answer(Special.DONT_KNOW) for q in mini.questions}
    assert derived_status(every, mini) is Status.COMPLETE and unanswered(every, mini) == 0
    every["c-one"] = Answer(Special.SKIPPED, note="ask Sam")  # a note does not make an answer
    assert derived_status(every, mini) is Status.PARTIAL and unanswered(every, mini) == 1


def test_with_derived_status_changes_only_the_status(mini: Bank) -> None:
    from conftest import make_answers

    claimed = make_answers(mini, {"c-one": 3})  # the helper claims complete
    fixed = with_derived_status(claimed, mini)
    assert fixed.status is Status.PARTIAL and fixed.answers == claimed.answers
    assert with_derived_status(fixed, mini) is fixed
