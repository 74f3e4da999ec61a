"""A single report's JSON text made quickly: what repeats from report to report encoded once.

The text is byte for byte that of encoding json.result_to_data (json.reference_single; the tests
compare them). A batch writes thousands of reports, and most of one is bank text (questions,
actions, sources) that comes round again and again with the same answers: each such piece is
encoded once per process and the report is joined from the pieces.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache

from coself.core.model import Answer, AnswerValue, Bank, Question, Rung
from coself.core.scoring import Result, ladder_spread
from coself.core.text import clean
from coself.render.json import (
    _notes,
    _question,
    _sources,
    decision_data,
    priority_data,
    red_flag_data,
    result_head,
    strength_data,
    value_data,
)
from coself.render.workshop import workshop_data

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
CACHED = 8192  # pieces kept per kind: far more than the questions x answers of a few banks


def single_json(result: Result, generated: str, warnings: Sequence[str], min_group: int) -> str:
    """The single report's JSON text, as json.render_single gives it."""
    answers, bank = result.answers, result.bank
    head = _encode(result_head(result, generated))
    ladder = result.ladder
    parts = [
        head[:-1],  # without its closing brace: the rest follows
        _field("strengths", [_strength(h.question, h.level) for h in result.strengths]),
        _field("priorities", [_priority(h.question, h.level) for h in result.priorities]),
        _field("find_out", [_find_out(q) for q in result.find_out]),
        _field("red_flags", [_red_flag(q) for q in result.red_flags]),
        f'"ladder":{{"spread":{_encode(ladder_spread(ladder))},'
        + _field("decisions", [_decision(p.question, p.rung) for p in ladder])
        + "}",
        f'"sources":{_sources_json(bank)}',
        f'"answers":{_answers_json(bank, answers.answers)}',
        f'"notes":{_encode(_notes(answers))}',
        f'"warnings":{_encode([clean(w) for w in warnings])}',
    ]
    workshop = workshop_data(result, min_group)
    if workshop is not None:
        parts.append(f'"workshop":{_encode(workshop)}')
    return ",".join(parts) + "}\n"


def _field(name: str, items: list[str]) -> str:
    return f'"{name}":[{",".join(items)}]'


def _answers_json(bank: Bank, given: Mapping[str, Answer]) -> str:
    """Every question's answer value, in bank order, null where unanswered (json._values)."""
    pieces = []
    matched = 0
    for question in bank.questions:
        answer = given.get(question.id)
        if answer is None:
            pieces.append(_unanswered(question.id))
        else:
            matched += 1
            pieces.append(_answer(question.id, answer.value))
    if matched < len(given):  # answers to no question of the bank come last, as in json._values
        pieces += [_answer(q, a.value) for q, a in given.items() if bank.question(q) is None]
    return "{" + ",".join(pieces) + "}"


@lru_cache(maxsize=CACHED)
def _unanswered(qid: str) -> str:
    return f"{_encode(qid)}:null"


@lru_cache(maxsize=CACHED, typed=True)  # typed: the answer 1 and the answer "1" differ
def _answer(qid: str, value: AnswerValue) -> str:
    return f"{_encode(qid)}:{_encode(value_data(value))}"


@lru_cache(maxsize=CACHED)
def _strength(question: Question, level: int) -> str:
    return _encode(strength_data(question, level))


@lru_cache(maxsize=CACHED)
def _priority(question: Question, level: int) -> str:
    return _encode(priority_data(question, level))


@lru_cache(maxsize=CACHED)
def _find_out(question: Question) -> str:
    return _encode(_question(question))


@lru_cache(maxsize=CACHED)
def _red_flag(question: Question) -> str:
    return _encode(red_flag_data(question))


@lru_cache(maxsize=CACHED)
def _decision(question: Question, rung: Rung) -> str:
    return _encode(decision_data(question, rung))


@lru_cache(maxsize=64)  # by bank: a framework is not hashable
def _sources_json(bank: Bank) -> str:
    return _encode(_sources(bank.framework))
