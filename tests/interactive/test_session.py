"""The interactive session, driven through injected input and output."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest

from coself.core.model import Answers, Perspective, Special, Status
from coself.interactive.session import Outcome, Session, ask_organisation, ask_perspective


class Person:
    """Types the given lines one by one; after the last one, end of input."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = list(lines)
        self.prompts: list[str] = []
        self.shown: list[str] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)

    def say(self, text: str) -> None:
        self.shown.append(text)

    @property
    def transcript(self) -> str:
        return "\n".join(self.shown)


def start(mini, person: Person, saved: list[Answers], answers: dict | None = None) -> Session:  # type: ignore[no-untyped-def]
    from conftest import make_answers

    initial = replace(make_answers(mini, answers or {}), status=Status.PARTIAL)
    return Session(
        mini, initial, person.ask, person.say, saved.append, lambda: "2026-11-26T11:00:00+00:00"
    )


def values(answers: Answers) -> dict[str, object]:
    return {
        qid: (a.value.value if isinstance(a.value, Special) else a.value)
        for qid, a in answers.answers.items()
    }


def test_a_whole_session_with_every_key(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(
        [
            "",
            "x",
            "?",
            "3",
            "Board minutes, March",  # c-one: empty, invalid, help, then 3 + note
            "n",
            "",  # c-two: not applicable
            "d",
            "",  # c-three: don't know
            "b",  # r-one: back to c-three
            "2",
            "",  # c-three again: 2
            "s",  # r-one: skip
            "9",
            "4",
            "",  # r-two: out of range, then 4
            "n",
            "",  # flag-late: no
            "6",
            "",  # ladder-design: rung 6
            "4",
            "1",
            "fixed in review",  # review: change question 4 (r-one) to 1
            "",  # finish
        ]
    )
    saved: list[Answers] = []
    session = start(mini, person, saved)
    assert session.run() is Outcome.FINISHED
    final = saved[-1]
    assert final.status is Status.COMPLETE
    assert values(final) == {
        "c-one": 3,
        "c-two": "na",
        "c-three": 2,
        "r-one": 1,
        "r-two": 4,
        "flag-late": "no",
        "ladder-design": "co-design",
    }
    assert final.answers["c-one"].note == "Board minutes, March"
    assert final.answers["r-one"].note == "fixed in review"
    text = person.transcript
    assert "[1/7] Section: Culture" in text and "[7/7] Section: Review" in text
    assert "0 Not yet: Not at all." in text
    assert "Please type an answer" in text
    assert "'x' is not one of the choices" in text and "'9' is not one of the choices" in text
    assert "Help: Why culture one matters." in text
    assert "Review your answers:" in text
    assert "4. Review question one? Answer: unanswered." in text
    assert "Current answer: 2 Developing" not in text  # r-one was never answered before review


def test_answers_are_saved_after_every_answer_and_note(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["2", "a note", "4", ""])
    saved: list[Answers] = []
    with pytest.raises(EOFError):
        start(mini, person, saved).run()
    assert [values(a) for a in saved] == [{"c-one": 2}, {"c-one": 2}, {"c-one": 2, "c-two": 4}]
    assert saved[1].answers["c-one"].note == "a note"


def test_not_applicable_only_where_the_bank_allows_it(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["n", "1", ""])
    saved: list[Answers] = []
    with pytest.raises(EOFError):
        start(mini, person, saved).run()
    assert "cannot be answered 'not applicable'" in person.transcript
    assert values(saved[-1]) == {"c-one": 1}


def test_back_on_the_first_question_says_so(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["b"])
    with pytest.raises(EOFError):
        start(mini, person, []).run()
    assert "This is the first question" in person.transcript


def test_quit_saves_and_stops(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["2", "", "q"])
    saved: list[Answers] = []
    assert start(mini, person, saved).run() is Outcome.QUIT
    assert values(saved[-1]) == {"c-one": 2}
    assert saved[-1].status is Status.PARTIAL


def test_resume_starts_at_the_first_unanswered_question(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["q"])
    session = start(mini, person, [], {"c-one": 1, "c-two": 2, "r-one": 3})
    assert session.first_unanswered() == 2
    session.run()
    assert "[3/7] Section: Culture" in person.transcript
    assert "[1/7]" not in person.transcript


def test_yes_no_and_ladder_choices_are_in_words(mini) -> None:  # type: ignore[no-untyped-def]
    done = {"c-one": 1, "c-two": 1, "c-three": 1, "r-one": 1, "r-two": 1}
    person = Person(["maybe", "yes", "", "8", "3", "", "q"])
    saved: list[Answers] = []
    start(mini, person, saved, done).run()
    assert "Type yes or no" in person.transcript
    assert "3 Informing (doing for)" in person.transcript
    assert "0 Not involved at all: People who draw on care" in person.transcript
    assert "'8' is not one of the choices" in person.transcript
    assert values(saved[-1])["flag-late"] == "yes"
    assert values(saved[-1])["ladder-design"] == "informing"


def test_not_involved_at_all_is_its_own_answer_below_rung_one(mini) -> None:  # type: ignore[no-untyped-def]
    done = {"c-one": 1, "c-two": 1, "c-three": 1, "r-one": 1, "r-two": 1, "flag-late": "no"}
    person = Person(["0", "", "q"])
    saved: list[Answers] = []
    start(mini, person, saved, done).run()
    assert "or 0 if not involved" in person.transcript
    assert values(saved[-1])["ladder-design"] == "not-involved"


def test_organisation_and_perspective_prompts() -> None:
    person = Person(["", "  Acme \x1b[31mCare  ", "9", "carer"])
    assert ask_organisation(person.ask, person.say) == "Acme [31mCare"
    assert ask_perspective(person.ask, person.say) is Perspective.CARER
    assert "Please type the organisation's name." in person.transcript
    assert "Please type a number from 1 to 5." in person.transcript


def test_an_organisation_name_the_reader_would_refuse_is_asked_again() -> None:
    from coself.interactive.session import ask_organisation

    typed = iter(["Acme\u200bCare", "", "Acme Care"])
    said: list[str] = []
    assert ask_organisation(lambda prompt: next(typed), said.append) == "Acme Care"
    assert said[0] == (
        "That name holds a character that does not show (U+200B ZERO WIDTH SPACE); "
        "please type it again."
    )
    assert said[1] == "Please type the organisation's name."
