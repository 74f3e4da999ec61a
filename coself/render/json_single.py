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

from coself.core.model import Answer, AnswerValue, Bank, Question, Rung, Stage
from coself.core.scoring import Figure, Result, ladder_spread
from coself.core.text import clean
from coself.render.json import (
    _coverage,
    _figure,
    _notes,
    _question,
    _sources,
    decision_data,
    overall_extra,
    priority_data,
    red_flag_data,
    result_about,
    strength_data,
    value_data,
)
from coself.render.workshop import workshop_data

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
CACHED = 8192  # pieces kept per kind: far more than the questions x answers of a few banks


def single_json(result: Result, generated: str, warnings: Sequence[str], min_group: int) -> str:
    """The single report's JSON text, as json.render_single gives it."""
    answers, bank = result.answers, result.bank
    ladder = result.ladder
    parts = [
        _head(result, generated),  # without its closing brace: the rest follows
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


def _head(result: Result, generated: str) -> str:
    """result_head's JSON text without its closing brace: who answered encoded as data, each
    figure from its pieces (a report has nine; their ids, titles and stages recur)."""
    about = _encode(result_about(result, generated))[:-1]
    overall = _figure_json(result.overall, "," + _encode(overall_extra(result))[1:-1])
    sections = ",".join(_figure_json(f, _weight(f.weight)) for f in result.sections)
    principles = ",".join(_figure_json(f) for f in result.principles)
    return f'{about},"overall":{overall},"sections":[{sections}],"principles":[{principles}]'


def _figure_json(figure: Figure, more: str = "") -> str:
    """json._figure(figure) as JSON text, with `more` (fields already encoded) at its end."""
    if figure.target is not None:  # a section with a target (few reports have one)
        return f"{_encode(_figure(figure))[:-1]}{more}}}"
    tally = figure.tally
    return (
        f"{_figure_start(figure.id, figure.title)}"
        f'"score":{_number(figure.score)},"stage":{_stage_id(figure.stage)},'
        f'"coverage":{_number(_coverage(figure))},"questions":{tally.questions},'
        f'"answered":{tally.levels},"na":{tally.na},"dont_know":{tally.dont_know},'
        f'"unanswered":{tally.unanswered}{more}}}'
    )


def _number(value: float | None) -> str:
    """A score or a coverage as the encoder writes it (they are finite floats, or None)."""
    return "null" if value is None else repr(value)


@lru_cache(maxsize=CACHED)
def _figure_start(fid: str, title: str) -> str:
    return f'{{"id":{_encode(fid)},"title":{_encode(title)},'


@lru_cache(maxsize=CACHED)
def _stage_id(stage: Stage | None) -> str:
    return _encode(stage.id if stage else None)


@lru_cache(maxsize=CACHED, typed=True)  # typed: a weight of 1 is written 1, of 1.0 is 1.0
def _weight(weight: float) -> str:
    return f',"weight":{_encode(weight)}'


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
