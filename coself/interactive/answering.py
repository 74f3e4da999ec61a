"""One typed line read as an answer: its value, a note after it, and the words said back.

Pure functions, shared by the one-person session and any other loop that asks a bank's
questions (a workshop): nothing here asks, prints or saves.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from coself.core.answers import Invalid, parse_value
from coself.core.model import (
    GRADED,
    NO,
    YES,
    Answer,
    AnswerValue,
    Bank,
    Question,
    QuestionType,
    Special,
)
from coself.core.text import one_line
from coself.core.words import in_words

# How every loop that asks a bank's questions (session, workshop, paper-form entry) reads a line
# and shows one: injected, so that tests drive the loops without a terminal.
Ask = Callable[[str], str]
Say = Callable[[str], None]


class Outcome(enum.Enum):
    """How a loop ended: every question gone through, or stopped early to carry on later."""

    FINISHED = "finished"
    QUIT = "quit"


# Spellings that cannot be confused with anything else, kept for people used to them.
DONT_KNOW_WORDS = ("d", "dont_know", "don't know", "dont know", "not sure")
NA_WORDS = ("na", "n/a", "not applicable")
YES_NO_WORDS: dict[str, AnswerValue] = {"y": YES, "yes": YES, "no": NO}
AMBIGUOUS_N = "n"  # "no" on a yes/no question, "not applicable" elsewhere: asked again there


@dataclass(frozen=True, slots=True)
class Reading:
    """What a typed line says: a value with an optional note, or a problem to tell the person."""

    value: AnswerValue | None = None
    note: str | None = None
    problem: str | None = None


def read_answer(question: Question, bank: Bank, typed: str) -> Reading:
    """Read `3`, `3 we saw the minutes`, `na`, `not sure`, `yes the leaflet` as an answer."""
    text = one_line(typed)
    whole = value_of(question, bank, text.lower())
    if whole is not None:
        return _allowed(question, bank, whole, None)
    head, _, rest = text.partition(" ")
    if head.lower() == AMBIGUOUS_N and question.type is QuestionType.YESNO:
        return Reading(problem=ambiguous_n(question, bank))
    value = value_of(question, bank, head.lower())
    if value is None:
        return Reading(problem=f"{text!r} is not one of the choices.")
    return _allowed(question, bank, value, rest.strip() or None)


def ambiguous_n(question: Question, bank: Bank) -> str:
    """`n` alone on a yes/no question: asked again, never taken as either."""
    if question.allow_na:
        words = bank.prompts.not_applicable
        return f"Did you mean no, or {words}? Type no, or na for {words}."
    return "Did you mean no? Type no."


def _allowed(question: Question, bank: Bank, value: AnswerValue, note: str | None) -> Reading:
    if value is Special.NA and not question.allow_na:
        return Reading(problem=f"This question cannot be answered '{bank.prompts.not_applicable}'.")
    return Reading(value, note)


def value_of(question: Question, bank: Bank, word: str) -> AnswerValue | None:
    """The value one answer word stands for on this question, or None."""
    if word in DONT_KNOW_WORDS:
        return Special.DONT_KNOW
    if word in NA_WORDS:
        return Special.NA
    if question.type is QuestionType.YESNO:
        return YES_NO_WORDS.get(word)
    if word == AMBIGUOUS_N:
        return Special.NA  # no "no" to confuse it with here
    if not word.isdigit() or len(word) > 3:
        return None
    number = int(word)
    if question.type is QuestionType.LADDER:
        answers = bank.framework.ladder_answers  # 0 is "not involved at all"
        return answers[number].id if number < len(answers) else None
    value = parse_value(question, bank, number)
    return None if isinstance(value, Invalid) else value


def looks_like_answer(question: Question, bank: Bank, text: str) -> bool:
    """Whether a note is really an answer typed at the wrong moment: a lone level, yes or no."""
    word = one_line(text).lower()
    return word.isdigit() or word in YES_NO_WORDS or value_of(question, bank, word) is not None


def is_red_flag(question: Question, answer: Answer | None) -> bool:
    """Whether the answer is the question's worrying one."""
    return (
        answer is not None
        and question.red_flag_if is not None
        and answer.value == question.red_flag_if
    )


def said_back(question: Question, bank: Bank, answer: Answer, verb: str = "Saved") -> str:
    """The answer repeated in words: "Saved: 3 Established", "Saved: no — this is a red flag"."""
    words = f"{verb}: {in_words(question, bank, answer)}"
    if is_red_flag(question, answer):
        words += " — this is a red flag"
    if answer.note:
        words += f" (you added: {answer.note})"
    return words


def choices(question: Question, bank: Bank) -> list[str]:
    """Each answer the question takes, one line each, in the bank's words."""
    if question.type in GRADED:
        return [f"{s.level} {s.label}: {one_line(question.meaning(s))}" for s in bank.scale]
    if question.type is QuestionType.YESNO:
        return ["yes", "no", "not sure (d)"]
    return [
        f"{r.rung} {r.title}" + (f" ({r.group})" if r.rung else "") + f": {one_line(r.description)}"
        for r in bank.framework.ladder_answers
    ]


def how_to_answer(question: Question, bank: Bank) -> str:
    """The one thing to type for this kind of question."""
    rungs = len(bank.framework.ladder)
    return {
        QuestionType.LEVEL: "Type a number from 0 to 4",
        QuestionType.FREQUENCY: "Type a number from 0 to 4",
        QuestionType.YESNO: "Type yes or no",
        QuestionType.LADDER: f"Type a rung number from 1 to {rungs}, or 0 if not involved",
    }[question.type]


def other_keys(bank: Bank, question: Question | None = None) -> str:
    """Every other key, in the bank's words; `question` leaves out what it does not take."""
    prompts = bank.prompts
    unsure = "not sure" if question and question.type is QuestionType.YESNO else prompts.dont_know
    na = f"; na {prompts.not_applicable}" if question is None or question.allow_na else ""
    note = prompts.note[:1].lower() + prompts.note[1:]
    return (
        f"Other keys: d {unsure}{na}; + {note}; ? help; s skip for now; b go back; q save and stop."
    )


def full_keys(question: Question, bank: Bank) -> str:
    """What to type, how to add a note, and every other key."""
    example = {QuestionType.YESNO: "yes", QuestionType.LADDER: "5"}.get(question.type, "3")
    return (
        f"{how_to_answer(question, bank)}; you can add a few words after it on the same line "
        f"({example} we saw it in the minutes). {other_keys(bank, question)}"
    )


def short_keys(question: Question, bank: Bank) -> str:
    """What to type, and where the other keys are: after the first questions."""
    return f"{how_to_answer(question, bank)}, or ? for keys."
