"""Turning a parsed answers file into checked Answers, against the bank it names."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from coself.core.fields import Checker, describe, described
from coself.core.located import LMap, item_mark, key_mark, mark_of, value_mark, written
from coself.core.model import (
    ANSWERS_FORMAT,
    GRADED,
    NO,
    YES,
    Answer,
    Answers,
    AnswerValue,
    Bank,
    Perspective,
    Question,
    QuestionType,
    Special,
    Status,
    Votes,
)
from coself.core.text import hidden_in_name
from coself.errors import InputError, Problem

TOP_REQUIRED = ["format", "bank", "organisation", "perspective", "answers"]
TOP_OPTIONAL = ["bank_version", "respondent", "started", "updated", "status", "targets", "mode"]
WORKSHOP = "workshop"  # the one `mode`: a room's votes and agreed answers
ANSWER_FIELDS = frozenset({"answer", "note", "evidence", "votes"})  # an answer as a mapping
SPECIALS = {s.value: s for s in Special}
PERSPECTIVES = ", ".join(p.value for p in Perspective)
PERSPECTIVE_BY_VALUE = {p.value: p for p in Perspective}


def allowed_values(question: Question, bank: Bank) -> str:
    """The values a question accepts, in words, for messages and templates."""
    if question.type in GRADED:
        base = "a level 0-4"
    elif question.type is QuestionType.YESNO:
        base = "yes or no"
    else:
        base = "a rung (" + ", ".join(r.id for r in bank.framework.ladder_answers) + ")"
    return base + (", na" if question.allow_na else "") + " or dont_know"


@dataclass(frozen=True, slots=True)
class Invalid:
    """Why a value is not an answer to a question, and what would be."""

    message: str


def parse_value(
    question: Question, bank: Bank, raw: Any, as_written: str | None = None
) -> AnswerValue | Invalid:
    """The answer value a parsed value stands for, or why it is not one (naming the value as
    `as_written`, the file's own text for it, where known)."""
    if isinstance(raw, str) and raw in SPECIALS:
        special = SPECIALS[raw]
        if special is Special.NA and not question.allow_na:
            return Invalid(
                "this question cannot be answered na; use " + allowed_values(question, bank)
            )
        return special
    qtype = question.type
    if qtype in GRADED and type(raw) is int and 0 <= raw <= 4:
        return raw
    if qtype is QuestionType.YESNO and raw in (YES, NO):
        return str(raw)
    if (
        qtype is QuestionType.LADDER
        and isinstance(raw, str)
        and any(r.id == raw for r in bank.framework.ladder_answers)
    ):
        return raw
    return Invalid(
        f"{describe(raw, as_written)} is not an answer here; use {allowed_values(question, bank)}"
    )


FindBank = Callable[[str, "str | None"], "Bank | None"]  # (id, version) -> the bank to use


def build_answers(
    data: Any, source: str, find_bank: FindBank
) -> tuple[Answers, Bank, list[Problem]]:
    """Check a parsed answers file; return the answers, their bank and any warnings."""
    check = Checker(source)
    top = check.mapping(data, mark_of(data), "the answers file", TOP_REQUIRED, TOP_OPTIONAL)
    if top is None:
        raise InputError.of(check.problems)
    fmt = check.number(top, "format", whole=True)
    if fmt is not None and fmt != ANSWERS_FORMAT:
        check.fail(
            value_mark(top, "format"),
            f"format {fmt} is not one this coself reads (it reads format {ANSWERS_FORMAT})",
        )
    bank_id = check.text(top, "bank")
    bank_version = check.text(top, "bank_version")
    bank = find_bank(bank_id, bank_version) if bank_id else None
    if bank_id and bank is None:
        check.fail(value_mark(top, "bank"), f"unknown bank {bank_id!r}")
    organisation = _organisation(check, top)
    perspective = _perspective(check, top)
    respondent = _optional_text(check, top, "respondent")
    started, updated = check.text(top, "started"), check.text(top, "updated")
    claimed = _status(check, top)
    workshop = _workshop(check, top)
    warnings: list[Problem] = []
    answers: dict[str, Answer] = {}
    targets: dict[str, str] = {}
    if bank is not None:
        differs = bank_version is not None and bank_version != bank.version
        answers = _answers(check, top, bank, warnings if differs else None, workshop)
        if differs:
            gone = [p.subject or "" for p in warnings]
            note = f"; questions no longer in the bank: {', '.join(gone)}" if gone else ""
            warnings[:] = [
                Problem(
                    source,
                    *value_mark(top, "bank_version"),
                    f"answered with version {bank_version} of bank {bank.id!r}, "
                    f"which is now version {bank.version}{note}",
                )
            ]
        targets = _targets(check, top, bank)
    if check.problems:
        raise InputError.of(check.problems)
    assert bank and organisation and perspective
    missing = unanswered(answers, bank)
    status = _status_for(missing)
    if claimed is not None and claimed is not status:
        warnings.append(_status_warning(source, top, claimed, missing, len(bank.questions)))
    result = Answers(
        bank.id,
        bank_version or bank.version,
        organisation,
        perspective,
        MappingProxyType(answers),
        started or "",
        updated or "",
        status,
        respondent,
        MappingProxyType(targets),
        ANSWERS_FORMAT,
        source,
        workshop,
    )
    return result, bank, warnings


def _organisation(check: Checker, top: Any) -> str | None:
    """The organisation's name, refused if it holds a character that does not show: two names
    that look the same must be the same name, or answers would not be combined."""
    name = check.text(top, "organisation")
    problem = hidden_in_name(name) if name else None
    if problem is None:
        return name
    check.fail(value_mark(top, "organisation"), f"'organisation' {problem}; remove it")
    return None


def _optional_text(check: Checker, top: Any, key: str, subject: str | None = None) -> str | None:
    if top.get(key) is None:
        return None
    return check.text(top, key, subject)


def _perspective(check: Checker, top: Any) -> Perspective | None:
    raw = check.text(top, "perspective")
    if raw is None:
        return None
    try:
        return Perspective(raw)
    except ValueError:
        check.fail(
            value_mark(top, "perspective"), f"perspective {raw!r} is not one of {PERSPECTIVES}"
        )
        return None


def _status(check: Checker, top: Any) -> Status | None:
    """The status the file claims, if it names one (what it is, is worked out from the answers)."""
    raw = check.text(top, "status")
    try:
        return Status(raw) if raw is not None else None
    except ValueError:
        check.fail(value_mark(top, "status"), f"status must be partial or complete, not {raw!r}")
        return None


def derived_status(answers: Mapping[str, Answer], bank: Bank) -> Status:
    """Complete when every question of the bank has an answer (a level, yes, no, a rung,
    dont_know or na); a skipped or missing one leaves it partial, whatever a file claims."""
    return _status_for(unanswered(answers, bank))


def _status_for(missing: int) -> Status:
    """The status of answers with `missing` questions unanswered."""
    return Status.PARTIAL if missing else Status.COMPLETE


def with_derived_status(answers: Answers, bank: Bank) -> Answers:
    """The answers, their status worked out from what is answered (as every file is read)."""
    status = derived_status(answers.answers, bank)
    return answers if status is answers.status else replace(answers, status=status)


def unanswered(answers: Mapping[str, Answer], bank: Bank) -> int:
    """How many of the bank's questions have no answer (missing or skipped)."""
    ids = _question_ids(bank)  # answers to no question of the bank are no answer to one
    skipped = Special.SKIPPED  # named once: a member looked up on its Enum class is slow (3.11)
    answered = len([qid for qid, a in answers.items() if a.value is not skipped and qid in ids])
    return len(bank.questions) - answered


@lru_cache(maxsize=64)
def _question_ids(bank: Bank) -> frozenset[str]:
    return frozenset(q.id for q in bank.questions)


def _status_warning(
    source: str, top: Any, claimed: Status, missing: int, questions: int
) -> Problem:
    """The file claims a status its answers do not give (`missing` of `questions` unanswered)."""
    status = _status_for(missing)
    if status is Status.COMPLETE:
        found = "every question has an answer"
    else:
        found = f"questions are unanswered ({missing} of {questions})"
    return Problem(
        source,
        *value_mark(top, "status"),
        f"the file says status {claimed.value}, but {found}: read as {status.value}",
    )


def _workshop(check: Checker, top: Any) -> bool:
    if "mode" not in top:
        return False
    if top["mode"] != WORKSHOP:
        check.fail(
            value_mark(top, "mode"), f"mode must be {WORKSHOP}, not {described(top, 'mode')}"
        )
    return True


def _answers(
    check: Checker, top: Any, bank: Bank, gone: list[Problem] | None, workshop: bool = False
) -> dict[str, Answer]:
    raw = top.get("answers")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        check.fail(
            value_mark(top, "answers"),
            f"'answers' must map question ids to answers, not {described(top, 'answers')}",
        )
        return {}
    answers: dict[str, Answer] = {}
    quick = _quick_answers(bank)
    for qid, entry in raw.items():
        known = quick.get(qid) if type(qid) is str else None
        if known is not None and type(entry) in (int, str) and entry in known:
            answers[qid] = known[entry]  # the common case: a bare, valid answer
            continue
        question = bank.question(qid) if isinstance(qid, str) else None
        if question is None:
            problem = Problem(
                check.source,
                *key_mark(raw, qid),
                f"unknown question id {qid!r} in bank {bank.id!r}",
                str(qid),
            )
            (gone if gone is not None else check.problems).append(problem)
            continue
        answer = _answer(check, raw, qid, entry, question, bank, workshop, known)
        if answer is not None:
            answers[qid] = answer
    return answers


@lru_cache(maxsize=64)
def _quick_answers(bank: Bank) -> dict[str, dict[int | str, Answer]]:
    """For each question, every valid bare answer and its (shared, frozen) Answer."""
    table: dict[str, dict[int | str, Answer]] = {}
    for question in bank.questions:
        if question.type in GRADED:
            raws: list[int | str] = [0, 1, 2, 3, 4]
        elif question.type is QuestionType.YESNO:
            raws = [YES, NO]
        else:
            raws = [r.id for r in bank.framework.ladder_answers]
        raws += [s.value for s in Special if s is not Special.SKIPPED]
        answers = {}
        for raw in raws:
            value = parse_value(question, bank, raw)
            if not isinstance(value, Invalid):
                answers[raw] = Answer(value)
        table[question.id] = answers
    return table


def valid_answers(bank: Bank) -> dict[str, dict[int | str, Answer]]:
    """Every answer each question of the bank takes, by question id (what the reader allows)."""
    return _quick_answers(bank)


def _answer(
    check: Checker,
    raw: Any,
    qid: str,
    entry: Any,
    question: Question,
    bank: Bank,
    workshop: bool = False,
    known: dict[int | str, Answer] | None = None,
) -> Answer | None:
    """One answer that is not bare (or not valid): a mapping with a note, evidence or votes;
    `known` is the question's valid bare answers (_quick_answers), tried first."""
    note = evidence = votes = None
    holder, key = raw, qid  # where the value stands, for a message (worked out only then)
    if isinstance(entry, dict):
        # The usual mapping (an answer and a note, as read from a file) needs no checking of
        # its fields; anything else is checked, and its mark worked out, by the checker.
        fields: Any = entry
        if type(entry) is not LMap or not entry.keys() <= ANSWER_FIELDS:
            fields = check.mapping(entry, value_mark(raw, qid), "an answer", [], ANSWER_FIELDS, qid)
        if fields is None:
            return None
        note = _optional_text(check, fields, "note", qid) if "note" in fields else None
        evidence = _optional_text(check, fields, "evidence", qid) if "evidence" in fields else None
        votes = _votes(check, fields, question, bank, workshop) if "votes" in fields else None
        holder, key = fields, "answer"
        entry = fields.get("answer")
    if entry is None:  # left blank: unanswered, but a note or votes written beside it are kept
        return Answer(Special.SKIPPED, note, evidence, votes) if note or evidence or votes else None
    if known is not None and type(entry) in (int, str) and entry in known:
        return Answer(known[entry].value, note, evidence, votes)
    value = parse_value(question, bank, entry, written(holder, key))
    if isinstance(value, Invalid):
        check.fail(value_mark(holder, key), value.message, qid)
        return None
    return Answer(value, note, evidence, votes)


def _votes(
    check: Checker, fields: Any, question: Question, bank: Bank, workshop: bool
) -> Votes | None:
    """A room's votes: a list, or a mapping from perspective to a list; each vote an answer."""
    raw, qid = fields.get("votes"), question.id
    if not workshop:
        check.fail(
            key_mark(fields, "votes"),
            "votes are kept only in a workshop file: add 'mode: workshop' at the top",
            qid,
        )
        return None
    if isinstance(raw, list):
        values = _vote_values(check, fields, "votes", question, bank)
        return Votes(((None, values),)) if values else None
    if not isinstance(raw, dict) or not raw:
        check.fail(
            value_mark(fields, "votes"),
            "'votes' must be a list of answers or map perspectives to lists, "
            f"not {described(fields, 'votes')}",
            qid,
        )
        return None
    groups = []
    for key in raw:
        perspective = PERSPECTIVE_BY_VALUE.get(key) if isinstance(key, str) else None
        if perspective is None:
            check.fail(
                key_mark(raw, key), f"{describe(key)} is not a perspective; use {PERSPECTIVES}", qid
            )
        elif values := _vote_values(check, raw, key, question, bank):
            groups.append((perspective, values))
    groups.sort(key=lambda group: list(Perspective).index(group[0]))
    return Votes(tuple(groups)) if groups else None


def _vote_values(
    check: Checker, holder: Any, key: Any, question: Question, bank: Bank
) -> tuple[AnswerValue, ...]:
    """The votes in one list, each checked as an answer to the question; () if any is not."""
    items = holder.get(key)
    if not isinstance(items, list) or not items:
        what = describe(items, written(holder, key))
        check.fail(
            value_mark(holder, key),
            f"votes must be a list of at least one answer, not {what}",
            question.id,
        )
        return ()
    values: list[AnswerValue] = []
    failed = False
    for index, item in enumerate(items):
        value = parse_value(question, bank, item)
        if value is Special.SKIPPED:  # a vote is given; a person who gave none is left out
            value = Invalid("a vote cannot be skipped; leave it out of the list")
        if isinstance(value, Invalid):
            check.fail(item_mark(items, index), f"vote {index + 1}: {value.message}", question.id)
            failed = True
        else:
            values.append(value)
    return () if failed else tuple(values)


def _targets(check: Checker, top: Any, bank: Bank) -> dict[str, str]:
    raw = top.get("targets")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        check.fail(
            value_mark(top, "targets"),
            f"'targets' must map section ids to stage ids, not {described(top, 'targets')}",
        )
        return {}
    stages = {s.id for s in bank.stages}
    sections = {s.id for s in bank.sections}
    targets: dict[str, str] = {}
    for section, stage in raw.items():
        if section not in sections:
            check.fail(key_mark(raw, section), f"unknown section {section!r} in targets")
        elif not isinstance(stage, str) or stage not in stages:
            wrong = f"unknown stage {stage!r}" if isinstance(stage, str) else "not a stage id"
            check.fail(
                value_mark(raw, section),
                f"{wrong}: {described(raw, section)}; use one of "
                + ", ".join(s.id for s in bank.stages),
                section,
            )
        else:
            targets[section] = stage
    return targets
