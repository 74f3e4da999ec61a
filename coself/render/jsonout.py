"""The JSON report: the same figures as the other formats, for scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from coself import __version__
from coself.core.model import Action, Answers, Bank, Question, Special
from coself.core.scoring import Figure, Result, ladder_spread
from coself.core.text import clean, clean_data
from coself.render.common import points_to_target


def _coverage(figure: Figure) -> float | None:
    coverage = figure.tally.coverage
    return None if coverage is None else round(100 * coverage, 1)


def _figure(figure: Figure) -> dict[str, Any]:
    tally = figure.tally
    data: dict[str, Any] = {
        "id": figure.id,
        "title": figure.title,
        "score": figure.score,
        "stage": figure.stage.id if figure.stage else None,
        "coverage": _coverage(figure),
        "questions": tally.questions,
        "answered": tally.levels,
        "na": tally.na,
        "dont_know": tally.dont_know,
        "unanswered": tally.unanswered,
    }
    if figure.target is not None:
        data["target"] = figure.target.id
        data["points_to_target"] = points_to_target(figure)
    return data


@lru_cache(maxsize=1024)  # bank texts: the same in every report
def _action(action: Action) -> dict[str, str]:
    return {"text": clean(action.text), "page": action.page.title, "url": action.page.url}


@lru_cache(maxsize=1024)
def _question(question: Question) -> dict[str, Any]:
    return {"id": question.id, "section": question.section, "text": clean(question.text)}


def result_to_data(result: Result, generated: str, warnings: Sequence[str] = ()) -> dict[str, Any]:
    answers, bank = result.answers, result.bank
    overall = _figure(result.overall)
    overall["capped"] = result.uncapped_stage != result.overall.stage
    overall["stage_without_cap"] = result.uncapped_stage.id if result.uncapped_stage else None
    return {
        "coself_version": __version__,
        "generated": generated,
        "bank": {"id": bank.id, "version": bank.version, "title": bank.title},
        "answered_bank_version": answers.bank_version,
        "organisation": clean(answers.organisation),
        "perspective": answers.perspective.value,
        "respondent": clean(answers.respondent) if answers.respondent else None,
        "status": answers.status.value,
        "updated": clean(answers.updated),
        "overall": overall,
        "sections": [dict(_figure(f), weight=f.weight) for f in result.sections],
        "principles": [_figure(f) for f in result.principles],
        "strengths": [dict(_question(h.question), level=h.level) for h in result.strengths],
        "priorities": [
            dict(
                _question(h.question),
                level=h.level,
                actions=[_action(a) for a in h.question.actions],
            )
            for h in result.priorities
        ],
        "find_out": [_question(q) for q in result.find_out],
        "red_flags": [
            dict(_question(q), answer=q.red_flag_if, actions=[_action(a) for a in q.actions])
            for q in result.red_flags
        ],
        "ladder": {
            "spread": ladder_spread(result.ladder),
            "decisions": [
                dict(
                    _question(p.question),
                    rung=p.rung.id,
                    rung_number=p.rung.rung,
                    group=p.rung.group,
                )
                for p in result.ladder
            ],
        },
        "answers": _values(bank, answers),
        "notes": _notes(answers),
        "warnings": [clean(w) for w in warnings],
    }


def _notes(answers: Answers) -> dict[str, str]:
    notes = {}
    for qid, answer in answers.answers.items():
        if answer.note or answer.evidence:
            notes[qid] = " ".join(clean(x) for x in (answer.note, answer.evidence) if x)
    return notes


def _values(bank: Bank, answers: Answers) -> dict[str, int | str | None]:
    """Every question's answer value, in bank order; null where unanswered."""
    values: dict[str, int | str | None] = dict.fromkeys(q.id for q in bank.questions)
    for qid, answer in answers.answers.items():
        value = answer.value
        if isinstance(value, Special):
            values[qid] = None if value is Special.SKIPPED else value.value
        else:
            values[qid] = value
    return values


# Compact, and without the circular-reference check (the data is built fresh here, as a tree),
# so that the C encoder does the work quickly: batches write thousands of these.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def render_json(result: Result, generated: str, warnings: Sequence[str] = ()) -> str:
    return _ENCODER.encode(clean_data(result_to_data(result, generated, warnings))) + "\n"
