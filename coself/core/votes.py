"""A workshop room's votes: reading a typed line of votes, and the answer the room defaults to."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from coself.core.model import (
    GRADED,
    NO,
    YES,
    AnswerValue,
    Bank,
    Perspective,
    Question,
    QuestionType,
    Special,
    Votes,
)
from coself.core.spread import Spread, choices_of

# What a facilitator may type before a group's votes (`staff: 3 3 4`), in plain words.
GROUP_ALIASES: dict[str, Perspective] = {
    "leadership": Perspective.LEADERSHIP,
    "leaders": Perspective.LEADERSHIP,
    "leader": Perspective.LEADERSHIP,
    "managers": Perspective.LEADERSHIP,
    "manager": Perspective.LEADERSHIP,
    "l": Perspective.LEADERSHIP,
    "staff": Perspective.STAFF,
    "s": Perspective.STAFF,
    "person": Perspective.PERSON,
    "people": Perspective.PERSON,
    "p": Perspective.PERSON,
    "carer": Perspective.CARER,
    "carers": Perspective.CARER,
    "c": Perspective.CARER,
    "other": Perspective.OTHER,
    "others": Perspective.OTHER,
    "o": Perspective.OTHER,
}
GROUP_KEYS = "leader:, staff:, person:, carer: or other: (or l:, s:, p:, c:, o:)"
DONT_KNOW_WORDS = ("d", "dk", "dont_know", "don't", "dunno")
NA_WORDS = ("na", "n/a")
YESNO_WORDS: dict[str, AnswerValue] = {"y": YES, "yes": YES, "n": NO, "no": NO}
# A label and the votes after it; commas may stand between votes.
_TOKEN = re.compile(r"[^\s,:]+:?|:")


@dataclass(frozen=True, slots=True)
class VoteError:
    """Why a typed line is not a set of votes, in words to show the facilitator."""

    message: str


def vote_keys(question: Question, bank: Bank) -> str:
    """What one vote on a question may be, in words."""
    if question.type in GRADED:
        own = "a level from 0 to 4"
    elif question.type is QuestionType.YESNO:
        own = "yes or no (y, n)"
    else:
        own = f"a rung number from 1 to {len(bank.framework.ladder)} (0 if not involved)"
    na = ", na for not applicable" if question.allow_na else ""
    unsure = "not sure" if question.type is QuestionType.YESNO else "don't know"
    return f"{own}, d for {unsure}{na}"


def parse_vote(
    question: Question, bank: Bank, token: str, what: str = "a vote on this question"
) -> AnswerValue | VoteError:
    """One typed vote (a level, yes/no, a rung number or id, d, na) as an answer value; `what`
    names a token that is none of these (a typed paper-form answer is not a vote)."""
    word = token.strip().lower()
    if word in DONT_KNOW_WORDS:
        return Special.DONT_KNOW
    if word in NA_WORDS:
        if question.allow_na:
            return Special.NA
        return VoteError(
            f"this question cannot be answered not applicable; type {vote_keys(question, bank)}"
        )
    if word == "n" and question.type is QuestionType.YESNO and question.allow_na:
        return VoteError("'n' could mean no or not applicable: type no or na")
    value = _own_value(question, bank, word)
    if value is None:
        return VoteError(f"'{_short(token)}' is not {what}; type {vote_keys(question, bank)}")
    return value


def _short(token: str) -> str:
    """A typed token as a message quotes it: a line pasted by mistake is not repeated whole."""
    return token if len(token) <= 20 else token[:17] + "..."


def _own_value(question: Question, bank: Bank, word: str) -> AnswerValue | None:
    if question.type is QuestionType.YESNO:
        return YESNO_WORDS.get(word)
    if question.type is QuestionType.LADDER:
        rungs = bank.framework.ladder_answers  # 0 is "not involved at all"
        if _is_number(word) and int(word) < len(rungs):
            return rungs[int(word)].id
        return next((r.id for r in rungs if r.id == word), None)
    if _is_number(word) and int(word) in choices_of(bank, question):
        return int(word)
    return None


def _is_number(word: str) -> bool:
    """A number typed with the digits 0-9 (not a superscript or another script's digit)."""
    return word.isascii() and word.isdigit() and len(word) < 4


def line_tokens(line: str) -> list[str]:
    """The tokens of a typed line: spaces or commas stand between them, and a group label
    (`staff:`) is one token. Workshop votes and paper-form entry read lines alike."""
    return _TOKEN.findall(line)


def parse_votes(question: Question, bank: Bank, line: str) -> Votes | VoteError:
    """A typed line of votes: `3 3 2 d`, or by group, `staff: 3 3 4 person: 1 2 carer: 2`."""
    groups: dict[Perspective | None, list[AnswerValue]] = {}
    group: Perspective | None = None
    labelled = False
    for token in line_tokens(line):
        if token.endswith(":"):
            found = GROUP_ALIASES.get(token[:-1].lower())
            if found is None:
                return VoteError(f"'{_short(token)}' is not a group; use {GROUP_KEYS}")
            if None in groups:
                return VoteError(_unlabelled(token))
            group, labelled = found, True
            groups.setdefault(group, [])
            continue
        value = parse_vote(question, bank, token)
        if isinstance(value, VoteError):
            return value
        groups.setdefault(group, []).append(value)
    return _checked(groups, labelled)


def _unlabelled(label: str) -> str:
    return (
        f"the votes before '{label}' belong to no group; put a group before every vote, "
        "or type the votes with no groups at all"
    )


def _checked(
    groups: dict[Perspective | None, list[AnswerValue]], labelled: bool
) -> Votes | VoteError:
    empty = [p for p, values in groups.items() if not values]
    if empty and empty[0] is not None:
        return VoteError(f"'{empty[0].value}:' has no votes after it")
    if not groups:
        return VoteError("there are no votes on the line")
    order = [None, *Perspective] if not labelled else list(Perspective)
    return Votes(tuple((p, tuple(groups[p])) for p in order if p in groups))


def votes_text(question: Question, bank: Bank, votes: Votes) -> str:
    """Votes as the facilitator would type them, to show them again (`staff: 3 3 4 person: 1`)."""
    parts = []
    for perspective, values in votes.groups:
        if perspective is not None:
            parts.append(f"{perspective.value}:")
        parts += [vote_word(question, bank, value) for value in values]
    return " ".join(parts)


def vote_word(question: Question, bank: Bank, value: AnswerValue) -> str:
    """One vote as typed: 3, yes, d, na, or a rung number."""
    if value is Special.DONT_KNOW:
        return "d"
    if value is Special.NA:
        return "na"
    if question.type is QuestionType.LADDER:
        return str(bank.framework.rung(str(value)).rung)
    return str(value)


@dataclass(frozen=True, slots=True)
class Default:
    """The answer offered to the room as agreed, and why (None when the facilitator must say)."""

    value: AnswerValue | None
    reason: str


def default_agreed(question: Question, spread: Spread) -> Default:
    """The median for a level (the lower middle answer for a .5 median); for yes/no, a ladder
    rung, or a room that answered only don't know or n/a, the most common answer if one leads."""
    if question.type in GRADED and spread.median is not None:
        lower = int(spread.median)
        if lower == spread.median:
            return Default(lower, "the median")
        return Default(
            lower, f"the lower of the two middle answers (the median is {spread.median:g})"
        )
    tally: Counter[AnswerValue] = Counter(dict(zip(spread.choices, spread.counts, strict=True)))
    tally[Special.DONT_KNOW] = spread.dont_know
    tally[Special.NA] = spread.not_applicable
    ranked = tally.most_common(2)
    if ranked[0][1] and (len(ranked) < 2 or ranked[0][1] > ranked[1][1]):
        return Default(ranked[0][0], "the most common answer")
    return Default(None, "no answer leads, so type the one agreed")


def choice_word(question: Question, bank: Bank, choice: AnswerValue) -> str:
    """One of a question's own answers, short, as a spread names it (3, yes, a rung's title)."""
    if question.type is QuestionType.LADDER:
        return bank.framework.rung(str(choice)).title
    return str(choice)


def spread_words(question: Question, bank: Bank, counted: Spread) -> str:
    """A spread in one line of text: `0: 0, 1: 1, 2: 1, 3: 3, 4: 1, don't know: 1; median 3`."""
    parts = [
        f"{choice_word(question, bank, choice)}: {count}"
        for choice, count in zip(counted.choices, counted.counts, strict=True)
    ]
    unsure = "not sure" if question.type is QuestionType.YESNO else "don't know"
    parts.append(f"{unsure}: {counted.dont_know}")
    if question.allow_na or counted.not_applicable:
        parts.append(f"not applicable: {counted.not_applicable}")
    text = ", ".join(parts)
    if counted.median is not None and question.type in GRADED:
        text += f"; median {counted.median:g}"
    return text
