"""JSON, for scripts: single, combined and comparison reports and the normalised bank."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from coself import __version__
from coself.core.combine import Combined, PerspectiveView
from coself.core.compare import Change, Comparison, Side
from coself.core.distributions import QuestionSpread, SectionSpread
from coself.core.model import (
    Action,
    Answers,
    AnswerValue,
    Bank,
    Framework,
    Perspective,
    Question,
    Rung,
    Special,
)
from coself.core.privacy import DEFAULT_MIN_GROUP
from coself.core.scoring import Figure, Result, ladder_spread, round1
from coself.core.text import clean, clean_data
from coself.render import Meta
from coself.render.common import hidden_cell, points_to_target
from coself.render.distributions import choice_text, identifiable_sentence, stage_median_text
from coself.render.workshop import workshop_data


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


def result_head(result: Result, generated: str) -> dict[str, Any]:
    """A single report's data up to its principles: what differs from report to report."""
    return {
        **result_about(result, generated),
        "overall": _figure(result.overall) | overall_extra(result),
        "sections": [dict(_figure(f), weight=f.weight) for f in result.sections],
        "principles": [_figure(f) for f in result.principles],
    }


def result_about(result: Result, generated: str) -> dict[str, Any]:
    """A single report's first fields: the report, its bank and who answered."""
    answers, bank = result.answers, result.bank
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
    }


def overall_extra(result: Result) -> dict[str, Any]:
    """What the overall figure says besides a figure's fields: the red-flag cap."""
    overall, uncapped = result.overall, result.uncapped_stage
    return {
        "capped": uncapped != overall.stage,
        "stage_without_cap": uncapped.id if uncapped else None,
        "stage_description": overall.stage.description if overall.stage else None,
    }


# Each item of a single report's lists: bank texts, and an answer (json_single.py encodes each
# once per worker, as the same ones come round in report after report).
def strength_data(question: Question, level: int) -> dict[str, Any]:
    """A strength: the question and its level."""
    return dict(_question(question), level=level)


def priority_data(question: Question, level: int) -> dict[str, Any]:
    """A priority: the question, its level and the actions that would raise it."""
    return dict(_question(question), level=level, actions=[_action(a) for a in question.actions])


def red_flag_data(question: Question) -> dict[str, Any]:
    """A raised red flag: the question, the worrying answer and what to do."""
    return dict(
        _question(question),
        answer=question.red_flag_if,
        actions=[_action(a) for a in question.actions],
    )


def decision_data(question: Question, rung: Rung) -> dict[str, Any]:
    """A decision placed on the ladder: the question and its rung."""
    return dict(_question(question), rung=rung.id, rung_number=rung.rung, group=rung.group)


def result_to_data(result: Result, generated: str, warnings: Sequence[str] = ()) -> dict[str, Any]:
    """A single report as data: the figures, the lists, every answer and note."""
    answers, bank = result.answers, result.bank
    return {
        **result_head(result, generated),
        "strengths": [strength_data(h.question, h.level) for h in result.strengths],
        "priorities": [priority_data(h.question, h.level) for h in result.priorities],
        "find_out": [_question(q) for q in result.find_out],
        "red_flags": [red_flag_data(q) for q in result.red_flags],
        "ladder": {
            "spread": ladder_spread(result.ladder),
            "decisions": [decision_data(p.question, p.rung) for p in result.ladder],
        },
        "sources": _sources(bank.framework),
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
        values[qid] = value_data(answer.value)
    return values


def value_data(value: AnswerValue) -> int | str | None:
    """An answer value as the report shows it: skipped as null, don't know and n/a by name."""
    if isinstance(value, Special):
        return None if value is Special.SKIPPED else value.value
    return value


# Compact, and without the circular-reference check (the data is built fresh here, as a tree),
# so that the C encoder does the work quickly: batches write thousands of these.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def render_single(result: Result, meta: Meta) -> str:
    """A single report as compact JSON, every text cleaned of control characters."""
    # Bank texts were cleaned when the bank was read, and the person's texts are cleaned
    # in result_to_data: no walk over the whole report here (this is the batch's hot path).
    from coself.render.json_single import single_json  # it builds on this module's pieces

    return single_json(result, meta.generated, meta.warnings, meta.min_group)


def reference_single(result: Result, meta: Meta) -> str:
    """The same as render_single, plainly: the whole report as data, then encoded (the tests
    check that the quick way gives the same text)."""
    data = result_to_data(result, meta.generated, meta.warnings)
    workshop = workshop_data(result, meta.min_group)
    if workshop is not None:
        data["workshop"] = workshop
    return _ENCODER.encode(data) + "\n"


def _combined_figure(figure: Figure) -> dict[str, Any]:
    return {
        "id": figure.id,
        "title": figure.title,
        "score": figure.score,
        "stage": figure.stage.id if figure.stage else None,
        "coverage": _coverage(figure),
    }


def _rounded(values: dict[str, float | None]) -> dict[str, float | None]:
    return {k: None if v is None else round1(v) for k, v in values.items()}


def combined_to_data(combined: Combined, generated: str) -> dict[str, Any]:
    """A combined report as data: the combined figures, each perspective's, gaps and flags,
    then how answers spread; every text cleaned of control characters."""
    data: dict[str, Any] = clean_data(_combined_figures(combined, generated))
    # Counts, mostly: cleaned text by text as they are made (a walk through every number of
    # every group of every question cost more than the rest of the report).
    data["questions"] = [_question_spread(q) for q in combined.questions]
    data["section_spreads"] = [_section_spread(s) for s in combined.section_spreads]
    return data


def _combined_figures(combined: Combined, generated: str) -> dict[str, Any]:
    overall = _combined_figure(combined.overall)
    overall["stage_without_cap"] = combined.uncapped_stage.id if combined.uncapped_stage else None
    threshold = combined.gap_threshold
    return {
        "coself_version": __version__,
        "generated": generated,
        "combined": True,
        "organisation": clean(combined.organisation),
        "banks": [{"id": b.id, "version": b.version} for b in combined.banks],
        "respondents": combined.respondents,
        "overall": overall,
        "sections": [
            dict(
                _combined_figure(f), weight=f.weight, held_by_voices=f.id in combined.held_by_voices
            )
            for f in combined.sections
        ],
        "principles": [_combined_figure(f) for f in combined.principles],
        "perspectives": [_view_data(v, combined.min_group) for v in combined.views],
        "gaps": [
            {
                "kind": g.kind,
                "id": g.id,
                "title": clean(g.title),
                "gap": g.spread,
                "large": g.spread >= threshold,
                "higher": g.high.value,
                "higher_score": g.high_score,
                "lower": g.low.value,
                "lower_score": g.low_score,
                **({"lower_title": clean(g.low_title)} if g.kind == "pair" else {}),
            }
            for g in combined.gaps
        ],
        "gap_threshold": threshold,
        "red_flags": [
            {
                "id": f.question.id,
                "text": clean(f.question.text),
                "count": f.count,
                "raised_by": [p.value for p in f.perspectives],
            }
            for f in combined.red_flags
        ],
        "ladder": [
            {
                "id": c.question.id,
                "perspective": c.perspective.value,
                "rung": c.rung.id,
                "rung_number": c.rung.rung,
                "group": c.rung.group,
                "count": c.count,
            }
            for c in combined.ladder
        ],
        "sources": _sources(combined.stage_bank.framework),
        "min_group": combined.min_group,
        "individuals_may_be_identifiable": combined.min_group < DEFAULT_MIN_GROUP,
        "privacy_warning": identifiable_sentence(combined),
        "conversations": [q.question.id for q in combined.conversations],
    }


def _group(perspective: Perspective | None) -> str:
    return "all" if perspective is None else perspective.value  # all: every shown group


def _question_spread(question: QuestionSpread) -> dict[str, Any]:
    """One question's counts for every shown group together ("all"), then each group."""
    choices = [clean(choice_text(c)) for c in question.whole.spread.choices]
    return {
        "id": clean(question.question.id),
        "section": clean(question.question.section),
        "text": clean(question.question.text),
        "groups": [
            {
                "group": _group(g.perspective),
                "asked": g.asked,
                "counts": dict(zip(choices, g.spread.counts, strict=True)),
                "dont_know": g.spread.dont_know,
                "not_applicable": g.spread.not_applicable,
                "no_answer": g.no_answer,
                "median": g.spread.median,
                "split": g.spread.split,
            }
            for g in question.groups
        ],
    }


def _section_spread(section: SectionSpread) -> dict[str, Any]:
    """How many respondents' own answers put one section at each stage, by group."""
    stages = [clean(s.id) for s in section.stages]
    return {
        "id": clean(section.id),
        "groups": [
            {
                "group": _group(g.perspective),
                "respondents": g.respondents,
                "stages": dict(zip(stages, g.counts, strict=True)),
                "not_enough_answers": g.not_enough,
                "median_stage": clean(stage_median_text(section.stages, g.median)),
            }
            for g in section.groups
        ],
    }


def _sources(framework: Framework) -> dict[str, Any]:
    """Where the recommendations' wording and the ladder come from."""
    credit = framework.ladder_source
    return {
        "section_text_recommendations": list(framework.section_text_recommendations),
        "ladder": None
        if credit is None
        else {"title": credit.title, "url": credit.url, "credit": credit.credit},
    }


def _view_data(view: PerspectiveView, min_group: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "perspective": view.perspective.value,
        "respondents": view.respondents if view.shown else None,  # a small count is never given
        "shown": view.shown,
    }
    if not view.shown:
        data["note"] = hidden_cell(min_group)
        return data
    data.update(
        overall=None if view.overall is None else round1(view.overall),
        sections=_rounded(dict(view.sections)),
        principles=_rounded(dict(view.principles)),
        recommendations=_rounded(dict(view.recommendations)),
    )
    return data


def render_combined(combined: Combined, meta: Meta) -> str:
    """A combined report as compact JSON, every text cleaned of control characters."""
    # Compact, like a single report's: indenting makes json use its pure-Python encoder, which
    # cost more than the rest of a combined report in a batch.
    return _ENCODER.encode(combined_to_data(combined, meta.generated)) + "\n"


def _changes_data(changes: tuple[Change, ...]) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "kind": c.kind,
            "title": clean(c.title),
            "before": c.before,
            "after": c.after,
            "change": c.change,
        }
        for c in changes
    ]


def _side_data(side: Side) -> dict[str, Any]:
    return {
        "respondents": side.respondents,
        "banks": [{"id": b, "version": v} for b, v in side.banks],
        "red_flags": list(side.red_flags),
        "ladder": side.ladder,
    }


def comparison_to_data(comparison: Comparison, generated: str) -> dict[str, Any]:
    """A comparison as data: each side, then the change in every figure."""
    common = comparison.common
    return {
        "coself_version": __version__,
        "generated": generated,
        "before": _side_data(comparison.before),
        "after": _side_data(comparison.after),
        "questions_in_common": None
        if common is None
        else {"shared": common[0], "total": common[1]},
        "overall": dict(
            _changes_data((comparison.overall,))[0],
            stage_before=_stage_id(comparison.before.overall),
            stage_after=_stage_id(comparison.after.overall),
        ),
        "sections": _changes_data(comparison.sections),
        "principles": _changes_data(comparison.principles),
        "questions": _changes_data(comparison.questions),
        "improved": [c.id for c in comparison.improved],  # scores (points out of 100)
        "declined": [c.id for c in comparison.declined],
        "answers_improved": [c.id for c in comparison.answers_improved],  # levels 0 to 4
        "answers_declined": [c.id for c in comparison.answers_declined],
    }


def _stage_id(figure: Figure) -> str | None:
    return figure.stage.id if figure.stage else None


def render_comparison(comparison: Comparison, meta: Meta) -> str:
    """A comparison as JSON with an indent of one, every text cleaned."""
    return _dumps(comparison_to_data(comparison, meta.generated) | plan_check_data(comparison), 1)


def bank_to_data(bank: Bank) -> dict[str, Any]:
    """The normalised bank: defaults filled in, references as ids, for scripts."""
    return {
        "id": bank.id,
        "title": bank.title,
        "version": bank.version,
        "audience": bank.audience,
        "description": bank.description,
        "source": bank.source,
        "scale": [
            {"level": s.level, "label": s.label, "descriptor": s.descriptor} for s in bank.scale
        ],
        "stages": [
            {"id": s.id, "title": s.title, "min": s.min, "max": s.max, "description": s.description}
            for s in bank.stages
        ],
        "red_flag_stage_cap": bank.red_flag_stage_cap,
        "sections": [{"id": s.id, "title": s.title, "weight": s.weight} for s in bank.sections],
        "questions": [_bank_question(q) for q in bank.questions],
    }


def _bank_question(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "section": question.section,
        "type": question.type.value,
        "text": question.text,
        "help": question.help,
        "weight": question.weight,
        "allow_na": question.allow_na,
        "principles": list(question.principles),
        "recommendations": list(question.recommendations),
        "levels": {str(k): v for k, v in sorted(question.levels.items())},
        "red_flag_if": question.red_flag_if,
        "actions": [
            {"text": a.text, "page": a.page.id, "url": a.page.url} for a in question.actions
        ],
    }


def render_bank(bank: Bank, meta: Meta) -> str:
    """The normalised bank as JSON with an indent of two, every text cleaned; `meta` is unused."""
    return _dumps(bank_to_data(bank), indent=2)


def _dumps(data: dict[str, Any], indent: int) -> str:
    # Every text, the bank's own included, is cleaned of control and bidi characters here.
    return json.dumps(clean_data(data), indent=indent, ensure_ascii=False) + "\n"


# Plan reports live in their own module; they are listed from here.
from coself.render.json_plan import plan_check_data, render_plan  # noqa: E402, F401
