"""Matching online-form exports to a bank: columns to questions, cell labels to answer values."""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from coself.core.model import (
    GRADED,
    NO,
    PERSPECTIVE_LABELS,
    YES,
    AnswerValue,
    Bank,
    Perspective,
    Question,
    QuestionType,
    Special,
)

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
CLOSE_ENOUGH = 0.75  # difflib ratio from which a column or label is suggested, to be checked


def normalise(text: str) -> str:
    """Text compared as a person reads it: case, runs of spaces and curly quotes ignored."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().casefold()


# The hidden fields an XLSForm made by coself carries, so that its returns name their bank.
BANK_FIELD, VERSION_FIELD = "coself_bank", "coself_bank_version"
ORG_LABEL, PERSPECTIVE_LABEL = "Organisation", "Who is answering?"


class Role(enum.Enum):
    """What a column of an export holds."""

    QUESTION = "question"
    ORGANISATION = "organisation"
    PERSPECTIVE = "perspective"
    RESPONDENT = "respondent"
    BANK = "bank"
    BANK_VERSION = "bank_version"
    NAME = "name"  # a person's name or email: kept only when asked for
    METADATA = "metadata"  # times, ids, form bookkeeping: never scored
    IGNORE = "ignore"  # left out on purpose (a mapping file says so)
    UNKNOWN = "unknown"


FIELD_NAMES: Mapping[Role, frozenset[str]] = {
    Role.ORGANISATION: frozenset(
        {"organisation", "organization", "organisation name", "organization name", "org"}
        | {ORG_LABEL.casefold()}
    ),
    Role.PERSPECTIVE: frozenset({"perspective", PERSPECTIVE_LABEL.casefold()}),
    Role.RESPONDENT: frozenset({"respondent"}),
    Role.BANK: frozenset({"bank", BANK_FIELD}),
    Role.BANK_VERSION: frozenset({"bank_version", VERSION_FIELD}),
    Role.NAME: frozenset({"name", "email", "email address", "e-mail", "your name"}),
    Role.METADATA: frozenset(
        # Microsoft Forms, Google Forms
        {"id", "start time", "completion time", "last modified time", "timestamp"}
        | {"total points", "quiz feedback", "score", "language"}
        # KoboToolbox
        | {"_id", "_uuid", "_submission_time", "_index", "_validation_status", "_notes"}
        | {"_status", "_submitted_by", "__version__", "_version_", "_tags", "_parent_index"}
        | {"_xform_id_string", "_attachments", "_geolocation", "formhub/uuid", "meta/instanceid"}
        | {"meta/rootuuid", "meta/deprecatedid", "instanceid"}
        # ODK metadata questions, and ODK Central's export columns
        | {"start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber"}
        | {"username", "audit", "submissiondate", "meta-instanceid", "key", "submitterid"}
        | {"submittername", "attachmentspresent", "attachmentsexpected", "status"}
        | {"reviewstate", "edits", "formversion"}
    ),
}


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer as a form offers it: its value, its XLSForm name and label, other words for it."""

    value: AnswerValue
    name: str
    label: str
    also: tuple[str, ...] = ()


def choices(bank: Bank, question: Question) -> tuple[Choice, ...]:
    """Every answer a question takes, with the words a form shows for it (don't know and, where
    allowed, not applicable included), in the order a form lists them."""
    if question.type in GRADED:
        own: list[Choice] = [
            Choice(
                s.level,
                str(s.level),
                f"{s.label}: {question.meaning(s)}",
                (s.label, f"{s.level} {s.label}", question.meaning(s)),
            )
            for s in bank.scale
        ]
    elif question.type is QuestionType.YESNO:
        own = [Choice(YES, YES, "Yes", ("y",)), Choice(NO, NO, "No", ("n",))]
    else:
        own = [
            Choice(r.id, r.id, f"{r.title}: {r.description}", (r.title, str(r.rung)))
            for r in bank.framework.ladder_answers
        ]
    unsure = "Not sure" if question.type is QuestionType.YESNO else "Don't know"
    own.append(
        Choice(Special.DONT_KNOW, "dont_know", unsure, ("don't know", "dont know", "not sure", "d"))
    )
    if question.allow_na:
        own.append(Choice(Special.NA, "na", "Not applicable", ("n/a", "not applicable")))
    return tuple(own)


def perspective_choices() -> tuple[Choice, ...]:
    """The perspectives as a form offers them."""
    return tuple(Choice(p.value, p.value, PERSPECTIVE_LABELS[p].capitalize()) for p in Perspective)


def list_name(bank: Bank, question: Question) -> str:
    """The XLSForm choice list a question uses: its own where it has its own levels, else one
    shared by every question that offers the same answers."""
    if question.type in GRADED and question.levels:
        return "levels_" + question.id.replace("-", "_")
    base = {QuestionType.YESNO: "yesno", QuestionType.LADDER: "ladder"}.get(question.type, "scale")
    return base + ("_na" if question.allow_na else "")


def _words(choice: Choice) -> Iterable[str]:
    yield choice.name
    yield choice.label
    yield from choice.also
    if isinstance(choice.value, Special):
        yield choice.value.value


@lru_cache(maxsize=1024)
def label_table(bank: Bank, question: Question) -> Mapping[str, AnswerValue]:
    """Every word a cell may hold for each answer to the question, normalised, and its value.
    A word that two answers share (a descriptor used twice) is left out: it would be a guess."""
    table: dict[str, AnswerValue] = {}
    shared: set[str] = set()
    for choice in choices(bank, question):
        for word in {normalise(w) for w in _words(choice)}:
            if word in table and table[word] != choice.value:
                shared.add(word)
            table[word] = choice.value
    return {word: value for word, value in table.items() if word not in shared}


@lru_cache(maxsize=64)
def _question_names(bank: Bank) -> Mapping[str, Question]:
    """Each question by its id and by its text, normalised."""
    names: dict[str, Question] = {}
    for question in bank.questions:
        names.setdefault(normalise(question.text), question)
    for question in bank.questions:
        names[normalise(question.id)] = question
    return names


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    """What a column holds, and the question when it holds answers."""

    role: Role
    question: Question | None = None


def match_column(header: str, bank: Bank | None) -> ColumnMatch:
    """What a column holds, from its header: a question's id, XLSForm name (with or without
    its group prefix, `group/field` or ODK Central's `group-field`) or exact text; a known
    field; metadata; or nothing known."""
    for name in _header_names(header):
        for role, names in FIELD_NAMES.items():
            if name in names:
                return ColumnMatch(role)
        question = _question_names(bank).get(name) if bank is not None else None
        if question is not None:
            return ColumnMatch(Role.QUESTION, question)
    return ColumnMatch(Role.UNKNOWN)


def _header_names(header: str) -> list[str]:
    """The names a header may stand for: itself, then without each group prefix in turn
    (`/` as Kobo joins groups and fields; `-` as ODK Central does, when there is no `/`)."""
    whole = normalise(header)
    joiner = "/" if "/" in whole else "-"
    parts = whole.split(joiner)
    return [joiner.join(parts[i:]) for i in range(len(parts))]


def choose_bank(headers: Sequence[str], banks: Iterable[Bank]) -> tuple[Bank | None, int]:
    """The bank whose questions the most columns match, and how many; None when none match or
    when two banks match equally many (the export must then name its bank)."""
    best: Bank | None = None
    best_count, tied = 0, False
    for bank in banks:
        count = sum(1 for h in headers if match_column(h, bank).role is Role.QUESTION)
        if count > best_count:
            best, best_count, tied = bank, count, False
        elif count and count == best_count:
            tied = True
    return (None if tied else best), best_count


def suggest_question(header: str, bank: Bank) -> tuple[Question | None, float]:
    """The question whose text is closest to the header, and how close (0-1)."""
    wanted = normalise(header).rsplit("/", 1)[-1]
    best: tuple[Question | None, float] = (None, 0.0)
    for question in bank.questions:
        ratio = _alike(wanted, normalise(question.text))
        if ratio > best[1]:
            best = (question, ratio)
    return best


def _alike(one: str, other: str) -> float:
    """How alike two texts are (0-1), worked out in full only when their lengths allow a close
    match: a hostile header 60,000 characters long costs nothing."""
    matcher = difflib.SequenceMatcher(None, one, other, autojunk=False)
    return matcher.ratio() if matcher.real_quick_ratio() >= CLOSE_ENOUGH else 0.0


def suggest_value(cell: str, bank: Bank, question: Question) -> tuple[AnswerValue | None, float]:
    """The answer whose words are closest to a cell the bank's words do not name, and how close."""
    wanted = normalise(cell)
    best: tuple[AnswerValue | None, float] = (None, 0.0)
    for word, value in label_table(bank, question).items():
        ratio = _alike(wanted, word)
        if ratio > best[1]:
            best = (value, ratio)
    return best


def perspective_of(cell: str) -> Perspective | None:
    """The perspective a cell names, by its value or its label."""
    wanted = normalise(cell)
    for choice in perspective_choices():
        if wanted in (choice.name, normalise(choice.label)):
            return Perspective(choice.name)
    return None


@dataclass(frozen=True, slots=True, eq=False)
class ColumnRule:
    """What a mapping file says a column holds; `answers` maps cell words (normalised) to the
    values written in answers files (0-4, yes, no, a rung id, dont_know, na)."""

    role: Role
    question: str | None = None
    answers: Mapping[str, object] | None = None
    line: int = 0  # where the rule stands in its mapping file


@dataclass(frozen=True, slots=True, eq=False)
class FormMap:
    """A mapping file: the bank, defaults for every row, and a rule per column (by header,
    normalised)."""

    source: str
    bank: str | None = None
    bank_version: str | None = None
    organisation: str | None = None
    perspective: str | None = None
    columns: Mapping[str, ColumnRule] | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Reading:
    """How exports are read: defaults for organisation and perspective, whether respondents'
    names and emails are kept, and a mapping file."""

    organisation: str | None = None
    perspective: Perspective | None = None
    include_names: bool = False
    form_map: FormMap | None = None
