"""Answers in words, the same in the interactive session and in every report format."""

from __future__ import annotations

from coself.core.model import GRADED, Answer, Bank, Question, QuestionType, Special

SPECIAL_WORDS = {
    Special.NA: "not applicable",
    Special.DONT_KNOW: "don't know",
    Special.SKIPPED: "skipped",
}


def answer_words(question: Question, bank: Bank, answer: Answer | None) -> str:
    """An answer in words, e.g. '3 Established', 'yes', 'Co-design (doing with)'."""
    if answer is None or answer.value is Special.SKIPPED:
        return "unanswered"
    value = answer.value
    if isinstance(value, Special):
        # A fact or a one-off event is something one is sure of or not, rather than knows.
        if value is Special.DONT_KNOW and question.type is QuestionType.YESNO:
            return "not sure"
        return SPECIAL_WORDS[value]
    if question.type in GRADED and isinstance(value, int):
        return f"{value} {bank.scale[value].label}"
    if question.type is QuestionType.LADDER:
        rung = bank.framework.rung(str(value))
        if not rung.rung:
            return f"{rung.title} (not on the ladder)"
        return f"{rung.title} (rung {rung.rung} of {len(bank.framework.ladder)}, {rung.group})"
    return str(value)


def in_words(question: Question, bank: Bank, answer: Answer | None) -> str:
    """An answer in the words this bank's readers use ("not sure", "this does not fit me")."""
    if answer is not None and answer.value is Special.NA:
        return bank.prompts.not_applicable
    if (
        answer is not None
        and answer.value is Special.DONT_KNOW
        and question.type is not QuestionType.YESNO
    ):
        return bank.prompts.dont_know
    return answer_words(question, bank, answer)
