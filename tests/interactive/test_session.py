"""The interactive session, driven through injected input and output."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest

from coself.core.model import Answer, Answers, Perspective, Special, Status
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
            "3 Board minutes, March",  # c-one: empty, invalid, help, then 3 with a note
            "na",  # c-two: not applicable
            "d",  # c-three: don't know
            "b",  # flag-late: back to c-three
            "2",  # c-three again: 2
            "",  # flag-late: nothing typed yet, so asked again
            "no",  # flag-late: no
            "s",  # r-one: skip
            "9",
            "4",  # r-two: out of range, then 4
            "6",  # ladder-design: rung 6
            "5",
            "1 fixed in review",  # review: change question 5 (r-one) to 1, with a note
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
    assert "Section: Culture\n\n[1/7] Culture question one?" in text
    assert "Section: Review\n\n[5/7] Review question one?" in text
    assert "0 Not yet: Not at all." in text
    assert "Please type an answer" in text
    assert "'x' is not one of the choices" in text and "'9' is not one of the choices" in text
    assert "Help: Why culture one matters." in text
    assert "Saved: 3 Established (you added: Board minutes, March)" in text
    assert "Saved: not applicable" in text and "Saved: don't know" in text
    assert "Skipped for now." in text
    assert "Review your answers" in text
    assert "  5. unanswered: Review question one?" in text
    assert text.count("  5. ") == 2  # the page, then only the changed line
    assert "Current answer: 2 Developing" not in text  # r-one was never answered before review


def test_answers_are_saved_after_every_answer_and_note(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["2 a note", "4", "+", "later words", ""])
    saved: list[Answers] = []
    with pytest.raises(EOFError):
        start(mini, person, saved).run()
    assert values(saved[0]) == {"c-one": 2} and saved[0].answers["c-one"].note is None
    assert saved[1].answers["c-one"].note == "a note"
    assert values(saved[-1]) == {"c-one": 2, "c-two": 4}
    assert "Kept: it is saved with your answer" in person.transcript
    assert "c-three" not in saved[-1].answers  # a note alone is no answer


def test_a_note_before_the_answer_is_saved_with_it(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["+", "seen in the minutes", "3", "q"])
    saved: list[Answers] = []
    assert start(mini, person, saved).run() is Outcome.QUIT
    assert saved[-1].answers["c-one"] == Answer(3, "seen in the minutes")
    assert "Note or evidence (press Enter to leave it out): " in person.prompts


def test_not_applicable_only_where_the_bank_allows_it(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["na", "n", "1"])
    saved: list[Answers] = []
    with pytest.raises(EOFError):
        start(mini, person, saved).run()
    assert person.transcript.count("cannot be answered 'not applicable'") == 2
    assert values(saved[-1]) == {"c-one": 1}


def test_back_on_the_first_question_says_so(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["b"])
    with pytest.raises(EOFError):
        start(mini, person, []).run()
    assert "This is the first question" in person.transcript


def test_quit_saves_and_stops(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["2", "q"])
    saved: list[Answers] = []
    assert start(mini, person, saved).run() is Outcome.QUIT
    assert values(saved[-1]) == {"c-one": 2}
    assert saved[-1].status is Status.PARTIAL


def test_resume_starts_at_the_first_unanswered_question(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["q"])
    session = start(mini, person, [], {"c-one": 1, "c-two": 2, "r-one": 3})
    assert session.first_unanswered() == 2
    session.run()
    assert "[3/7] Culture question three?" in person.transcript
    assert "[1/7]" not in person.transcript


def test_yes_no_and_ladder_choices_are_in_words(mini) -> None:  # type: ignore[no-untyped-def]
    done = {"c-one": 1, "c-two": 1, "c-three": 1, "r-one": 1, "r-two": 1}
    person = Person(["maybe", "yes", "8", "3", "q"])
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
    person = Person(["0", "q"])
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


def test_n_alone_on_a_yes_no_question_is_asked_again(mini) -> None:  # type: ignore[no-untyped-def]
    done = {"c-one": 1, "c-two": 1, "c-three": 1}
    person = Person(["n", "no", "q"])
    saved: list[Answers] = []
    start(mini, person, saved, done).run()
    assert "Did you mean no? Type no." in person.transcript  # flag-late takes no na
    assert values(saved[-1])["flag-late"] == "no"
    assert len(saved) == 2  # nothing saved for the lone n: "no", then q


def test_n_alone_offers_not_applicable_where_the_question_takes_it(mini) -> None:  # type: ignore[no-untyped-def]
    from coself.interactive.answering import read_answer

    flag = mini.question("flag-late")
    with_na = replace(flag, allow_na=True)
    assert read_answer(with_na, mini, "n").problem == (
        "Did you mean no, or not applicable? Type no, or na for not applicable."
    )
    assert read_answer(with_na, mini, "na").value is Special.NA
    assert read_answer(with_na, mini, "no").value == "no"
    assert read_answer(mini.question("c-two"), mini, "n").value is Special.NA


def test_a_note_that_looks_like_an_answer_is_confirmed(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["3 4", "", "2 yes", "y", "+", "1", "y", "q"])
    saved: list[Answers] = []
    start(mini, person, saved).run()
    final = saved[-1].answers
    assert final["c-one"] == Answer(3)  # '4' left out
    assert final["c-two"] == Answer(2, "yes")  # confirmed
    assert "'4' looks like an answer, not a note." in person.prompts[1]
    assert "Not saved as a note: '4'." in person.transcript
    assert "c-three" not in final  # '+' then '1', kept as the note to come with an answer


def test_enter_keeps_the_answer_of_a_question_gone_back_to(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["3 first note", "b", "", "q"])
    saved: list[Answers] = []
    start(mini, person, saved).run()
    assert saved[-1].answers["c-one"] == Answer(3, "first note")
    assert "Current answer: 3 Established (press Enter to keep it)" in person.transcript
    assert "Kept: 3 Established (you added: first note)" in person.transcript
    assert "[2/7]" in person.transcript.split("Kept:")[1]  # and on to the next


def test_every_answer_is_said_back_in_words(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["4", "na", "d", "yes", "q"])
    start(mini, person, []).run()
    said = [line for line in person.shown if line.startswith("Saved:")]
    assert said == [
        "Saved: 4 Embedded",
        "Saved: not applicable",
        "Saved: don't know",
        "Saved: yes — this is a red flag",
    ]


def test_the_full_keys_for_three_questions_then_a_short_reminder(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["1", "1", "1", "no", "q"])
    start(mini, person, []).run()
    full = [line for line in person.shown if "Other keys:" in line]
    short = [line for line in person.shown if line.endswith("or ? for keys.")]
    assert len(full) == 3
    assert short == ["Type yes or no, or ? for keys.", "Type a number from 0 to 4, or ? for keys."]
    assert "na not applicable" in full[1] and "na not applicable" not in full[0]


def test_plain_mode_says_places_and_headings_in_words(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["q"])
    session = start(mini, person, [])
    session.plain = True
    session.run()
    assert person.shown[:4] == [
        "",
        "Section: Culture",
        "",
        "Question 1 of 7: Culture question one?",
    ]


def test_questions_are_asked_in_section_order(library) -> None:  # type: ignore[no-untyped-def]
    from coself.interactive.session import in_section_order

    voices = library.get("voices")
    sections = [q.section for q in in_section_order(voices)]
    assert sections == sorted(sections, key=["culture", "structure", "practice", "review"].index)
    assert len(sections) == len(voices.questions)


def test_the_review_by_section_with_counts_and_red_flags(mini) -> None:  # type: ignore[no-untyped-def]
    done = {"c-one": 3, "c-two": "na", "c-three": "dont_know", "flag-late": "yes", "r-one": 2}
    person = Person(["s", "s", "1", "2", ""])
    saved: list[Answers] = []
    assert start(mini, person, saved, done).run() is Outcome.FINISHED
    text = person.transcript
    assert (
        "Section: Culture (answered 2; don't know 1; not applicable 1; unanswered 0; RED FLAGS 1)"
        in text
    )
    assert "Section: Review (answered 1; don't know 0; not applicable 0; unanswered 2)" in text
    assert "  4. yes (RED FLAG): Were decisions made before people were asked?" in text
    assert text.count("  1. ") == 2 and text.endswith("  1. 2 Developing: Culture question one?")
    assert text.count("Section: Review (") == 1  # not the whole page again after a change
    assert values(saved[-1])["c-one"] == 2


def test_the_review_pages_fit_forty_lines(library) -> None:  # type: ignore[no-untyped-def]
    from coself.interactive.review import PAGE_LINES, page_lines, pages
    from coself.interactive.session import in_section_order

    bank = library.get("organisation")
    order = in_section_order(bank)
    split = pages(order)
    assert [i for page in split for i in page] == list(range(len(order)))
    assert [len(page) for page in split] == [31, 23, 13]  # whole sections on each page
    for page in split:
        lines = page_lines(bank, order, {}, page, 100)
        assert len(lines) <= PAGE_LINES and all(len(line) <= 100 for line in lines)


def test_a_section_longer_than_a_page_is_split_over_pages(mini) -> None:  # type: ignore[no-untyped-def]
    from coself.interactive.review import PAGE_LINES, page_lines, pages

    order = [mini.question("c-one")] * 80 + [mini.question("r-one")] * 3
    split = pages(order)
    assert [i for page in split for i in page] == list(range(83))
    assert [len(page) for page in split] == [33, 33, 17]  # the short section fits the last
    continued = page_lines(mini, order, {}, split[1], 80)
    assert continued[0].startswith("Section: Culture (") and continued[0].endswith("(continued)")
    assert continued[1].startswith(" 34. unanswered: ")
    assert all(len(page_lines(mini, order, {}, page, 80)) <= PAGE_LINES for page in split)


def test_a_note_left_without_an_answer_is_said_to_be_unsaved(mini) -> None:  # type: ignore[no-untyped-def]
    person = Person(["+", "minutes", "s", "q"])
    saved: list[Answers] = []
    start(mini, person, saved).run()
    assert "Not saved: 'minutes' (a note is saved with an answer)." in person.transcript
    assert "c-one" not in saved[-1].answers


def test_the_introduction_says_what_how_long_and_which_keys(mini) -> None:  # type: ignore[no-untyped-def]
    from coself.core.model import Answer
    from coself.interactive.intro import introduce, minutes_for

    said: list[str] = []
    introduce(mini, said.append)
    text = "\n".join(said)
    assert said[1:3] == [mini.title, " ".join(mini.description.split())]
    assert "There are 7 questions in 2 parts; it takes about 5 minutes." in text
    assert "d don't know; na not applicable; + note or evidence; ? help" in text
    said.clear()
    introduce(mini, said.append, {"c-one": Answer(1), "c-two": Answer(Special.SKIPPED)})
    assert "You have answered 1 of the 7 questions; 6 to go, about 5 minutes." in said
    assert [minutes_for(n) for n in (1, 10, 11, 67)] == [5, 5, 10, 35]


def test_who_is_answering_in_the_bank_s_own_words(library) -> None:  # type: ignore[no-untyped-def]
    voices = library.get("voices")
    person = Person(["4", "2"])
    assert ask_perspective(person.ask, person.say, voices) is Perspective.CARER
    assert person.shown[1:5] == [
        "Who are you answering as?",
        "  1. I get care or support",
        "  2. I look after someone who gets care or support",
        "  3. Something else",
    ]
    assert "Please type a number from 1 to 3." in person.transcript


def test_long_lines_wrap_at_words_under_their_indent(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import os
    import shutil

    from coself.interactive.prompts import terminal_say

    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback: os.terminal_size((41, 20)))
    terminal_say("  3 Established: " + "mostly done, and written down for all to see " * 2)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) > 1 and all(len(line) <= 40 for line in lines)
    assert lines[0].startswith("  3 Established:")
    assert all(line.startswith("    ") and line[4] != " " for line in lines[1:])
