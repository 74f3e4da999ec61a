"""Paper-form entry's loop, driven through injected input and output: a line per section, counted,
echoed back in words and saved; and a second entry whose disagreements are decided."""

from __future__ import annotations

import pytest
from conftest import make_answers
from test_workshop import Facilitator, _fields

from coself.core.model import Answer, Answers, Bank, Perspective, Special, Status
from coself.core.scoring import score
from coself.interactive.answering import Outcome
from coself.interactive.entry import (
    FormEntry,
    ask_reference,
    ask_who,
    disagreements,
    form_parts,
    parse_part_line,
    resolve,
    second_entry,
)

NOW = "2026-11-26T15:00:00+00:00"
# The mini bank on paper: culture (c-one, c-two, c-three, flag-late), then review (r-one, r-two,
# ladder-design).
CULTURE = "3 na 2 y"
REVIEW = "1 - 4"


class Operator(Facilitator):
    """Types the given lines in turn (end of input after the last); keeps every saved state."""

    def form(self, bank: Bank, given: dict | None = None) -> FormEntry:  # type: ignore[type-arg]
        start = make_answers(bank, given or {}, perspective=Perspective.PERSON)
        start = Answers(**{**_fields(start), "status": Status.PARTIAL, "respondent": "MINI-7"})
        return FormEntry(bank, start, self.ask, self.screen.append, self.saved.append, lambda: NOW)


def test_a_form_typed_a_section_at_a_time_is_saved_complete_and_scores(mini: Bank) -> None:
    operator = Operator(CULTURE, "", REVIEW, "")
    entry = operator.form(mini)
    assert entry.run() is Outcome.FINISHED
    final = operator.saved[-1]
    assert final.status is Status.COMPLETE and final.respondent == "MINI-7"
    values = {qid: a.value for qid, a in final.answers.items()}
    assert values == {
        "c-one": 3,
        "c-two": Special.NA,
        "c-three": 2,
        "r-one": 1,
        "r-two": Special.SKIPPED,
        "flag-late": "yes",
        "ladder-design": mini.framework.ladder_answers[4].id,
    }
    assert list(final.answers) == [q.id for q in mini.questions]  # the bank's order
    # saved after the first section, before the second was typed
    assert set(operator.saved[0].answers) == {"c-one", "c-two", "c-three", "flag-late"}
    assert [q.id for q in score(mini, final).red_flags] == ["flag-late"]  # scored as any file
    text = operator.text
    assert "  1. c-one: 3 Established" in text and "  2. c-two: not applicable" in text
    assert "  4. flag-late: yes" in text and "  2. r-two: left blank" in text


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("3 na 2", "Too few answers: you typed 3, and this section has 4 questions"),
        ("3 na 2 y 1", "Too many answers: you typed 5, and this section has 4 questions"),
        ("3 na 7 y", "answer 3 (c-three): '7' is not an answer to this question; type a level"),
        ("na 3 2 y", "answer 1 (c-one): this question cannot be answered not applicable"),
        ("3,na,2,maybe", "answer 4 (flag-late): 'maybe' is not an answer to this question"),
    ],
)
def test_a_wrong_line_is_said_plainly_and_asked_again(mini: Bank, line: str, said: str) -> None:
    operator = Operator(line, CULTURE, "", REVIEW, "")
    assert operator.form(mini).run() is Outcome.FINISHED
    assert f"Not saved: {said}" in operator.text
    assert operator.text.count("Culture answers (4): ") == 2
    first_saved = operator.saved[0].answers
    assert first_saved["c-one"].value == 3 and first_saved["c-three"].value == 2


def test_after_the_first_form_the_questions_are_listed_only_on_request(mini: Bank) -> None:
    operator = Operator("?", CULTURE, "", REVIEW, "")
    entry = operator.form(mini)
    entry.listing = False
    assert entry.run() is Outcome.FINISHED
    text = operator.text
    assert "Section 1 of 2: Culture, 4 questions (? lists them)." in text
    assert text.count("c-one (0-4): Culture question one?") == 1  # after the ?
    assert "r-one (0-4)" not in text and "ladder-design (rung 0-7, na)" not in text


def test_a_line_typed_again_after_the_echo_replaces_the_first(mini: Bank) -> None:
    operator = Operator(CULTURE, "3 na 1 n", "", REVIEW, "")
    assert operator.form(mini).run() is Outcome.FINISHED
    final = operator.saved[-1].answers
    assert final["c-three"].value == 1 and final["flag-late"].value == "no"


def test_q_saves_what_was_typed_and_a_resumed_form_asks_only_the_sections_left(mini: Bank) -> None:
    operator = Operator(CULTURE, "", "q")
    assert operator.form(mini).run() is Outcome.QUIT
    kept = operator.saved[-1]
    assert kept.status is Status.PARTIAL and len(kept.answers) == 4

    given = {qid: a for qid, a in kept.answers.items()}
    resumed = Operator(REVIEW, "")
    assert resumed.form(mini, given).run() is Outcome.FINISHED
    assert "Culture answers" not in resumed.text
    assert resumed.saved[-1].status is Status.COMPLETE and len(resumed.saved[-1].answers) == 7


def test_a_stop_mid_section_leaves_the_typed_sections_in_current(mini: Bank) -> None:
    operator = Operator(CULTURE, "")  # end of input at the review line
    entry = operator.form(mini)
    with pytest.raises(EOFError):
        entry.run()
    assert set(entry.current().answers) == {"c-one", "c-two", "c-three", "flag-late"}


def test_a_note_on_a_file_resumed_stays_when_its_answer_is_typed(mini: Bank) -> None:
    operator = Operator(CULTURE, "", REVIEW, "")
    operator.form(mini, {"r-one": Answer(Special.SKIPPED, "see page 2")}).run()
    assert operator.saved[-1].answers["r-one"] == Answer(1, "see page 2")


def test_parts_follow_the_sections_and_a_line_reads_commas(mini: Bank) -> None:
    parts = form_parts(mini)
    assert [[q.id for q in p.questions] for p in parts] == [
        ["c-one", "c-two", "c-three", "flag-late"],
        ["r-one", "r-two", "ladder-design"],
    ]
    assert parse_part_line(mini, parts[1], "0, d,0") == (0, Special.DONT_KNOW, "not-involved")


def test_the_reference_refuses_hidden_characters_and_long_text() -> None:
    operator = Operator("MINI\u200b-7", "x" * 81, "  VOICES 2.0.0  A17 ")
    assert ask_reference(operator.ask, operator.screen.append) == "VOICES 2.0.0 A17"
    assert "U+200B ZERO WIDTH SPACE" in operator.text
    assert "at most 80 characters" in operator.text


def test_who_answered_in_everyday_words_and_the_default_kept() -> None:
    operator = Operator("7", "carer", "", "1")
    assert ask_who(operator.ask, operator.screen.append, None) is Perspective.CARER
    assert "Please type a number from 1 to 5." in operator.text
    assert ask_who(operator.ask, operator.screen.append, Perspective.STAFF) is Perspective.STAFF
    assert ask_who(operator.ask, operator.screen.append, None) is Perspective.PERSON
    assert "someone who draws on care and support" in operator.text


def test_a_second_entry_and_every_disagreement_decided(mini: Bank) -> None:
    first = make_answers(
        mini,
        {"c-one": 3, "c-two": "na", "c-three": 2, "flag-late": "yes", "r-one": 1,
         "r-two": "skipped", "ladder-design": mini.framework.ladder_answers[4].id},
    ).answers  # fmt: skip
    operator = Operator("3 na 1 n", "", REVIEW, "", "f", "x", "2", "s")
    second = second_entry(mini, operator.ask, operator.screen.append)
    assert second is not None
    assert [q.id for q in disagreements(mini, first, second)] == ["c-three", "flag-late"]
    decided = resolve(mini, first, second, operator.ask, operator.screen.append)
    text = operator.text
    assert "Disagreement 1 of 2: c-three: Culture question three?" in text
    assert "  First entry: 2 Developing\n  Second entry: 1 Starting" in text
    assert "'x' is not an answer to this question" in text
    assert decided["c-three"].value == 2  # f kept the first
    assert decided["flag-late"].value == "no"  # 2 is no answer to yes/no; s took the second
    assert {qid: a for qid, a in decided.items() if qid not in ("c-three", "flag-late")} == {
        qid: a for qid, a in first.items() if qid not in ("c-three", "flag-late")
    }


def test_a_disagreement_decided_by_typing_the_right_answer(mini: Bank) -> None:
    first = make_answers(mini, {"c-one": 3}).answers
    second = {"c-one": Answer(1)}
    operator = Operator("2")
    decided = resolve(mini, first, second, operator.ask, operator.screen.append)
    assert decided["c-one"].value == 2
    assert "Kept: 2 Developing." in operator.text
