"""Many voices in one picture: answers from several respondents and perspectives, combined.

A perspective's score is the mean of its respondents' scores. The combined score gives each
perspective equal weight, however many people answered from it: a combined section or principle
score is the mean of the perspective scores that exist, and the combined overall score is
worked out from the combined section scores exactly as for one assessment. Where people who
draw on care or carers answered, a section's combined stage is never higher than the stage
their own answers give ("nothing about us without us").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from coself.core.model import Bank, Perspective, Question, QuestionType, Stage
from coself.core.scoring import (
    Figure,
    LadderPlacement,
    Result,
    Tally,
    cap_for_red_flags,
    make_figure,
    overall_figure,
    round1,
)
from coself.errors import UsageError

VOICES = (Perspective.PERSON, Perspective.CARER)  # people who draw on care, and carers
DEFAULT_GAP = 20.0


@dataclass(frozen=True)
class PerspectiveView:
    """One perspective's figures: the mean of its respondents' scores (unrounded until shown)."""

    perspective: Perspective
    respondents: int
    shown: bool  # False when fewer respondents than the minimum group size
    overall: float | None
    sections: Mapping[str, float | None]
    principles: Mapping[str, float | None]
    recommendations: Mapping[str, float | None]


@dataclass(frozen=True)
class Gap:
    """How far apart the perspectives see one section, principle or recommendation."""

    kind: str  # "section", "principle" or "recommendation"
    id: str
    title: str
    spread: float
    high: Perspective
    high_score: float
    low: Perspective
    low_score: float


@dataclass(frozen=True)
class RaisedFlag:
    question: Question
    perspectives: tuple[Perspective, ...]  # who raised it
    count: int  # how many respondents raised it


@dataclass(frozen=True)
class Combined:
    organisation: str
    banks: tuple[Bank, ...]
    stage_bank: Bank  # whose stages and section weights the combined figures use
    respondents: int
    views: tuple[PerspectiveView, ...]
    overall: Figure
    sections: tuple[Figure, ...]
    principles: tuple[Figure, ...]
    gaps: tuple[Gap, ...]
    gap_threshold: float
    min_group: int
    held_by_voices: tuple[str, ...]  # sections whose stage their voices held down
    red_flags: tuple[RaisedFlag, ...]
    uncapped_stage: Stage | None
    ladder: tuple[tuple[LadderPlacement, Perspective], ...]

    @property
    def hidden(self) -> tuple[PerspectiveView, ...]:
        return tuple(v for v in self.views if not v.shown)


def same_organisation(name: str) -> str:
    """The key that groups answer files by organisation: case and spacing do not matter."""
    return " ".join(name.casefold().split())


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def recommendation_scores(result: Result) -> dict[str, float | None]:
    """A respondent's score for each recommendation id, by the section formula."""
    sums: dict[str, list[float]] = {}
    given = result.answers.answers
    for question in result.bank.questions:
        answer = given.get(question.id)
        if (
            question.type is not QuestionType.LEVEL
            or answer is None
            or type(answer.value) is not int
        ):
            continue
        for rec in question.recommendations:
            total = sums.setdefault(rec, [0.0, 0.0])
            total[0] += question.weight
            total[1] += question.weight * answer.value / 4
    return {rec: 100 * t[1] / t[0] for rec, t in sums.items()}


def _view(perspective: Perspective, results: Sequence[Result], min_group: int) -> PerspectiveView:
    def mean_of(figures: Iterable[Figure]) -> dict[str, float | None]:
        by_id: dict[str, list[float | None]] = {}
        for figure in figures:
            by_id.setdefault(figure.id, []).append(figure.exact)
        return {fid: _mean(values) for fid, values in by_id.items()}

    recs: dict[str, list[float | None]] = {}
    for result in results:
        for rec, value in recommendation_scores(result).items():
            recs.setdefault(rec, []).append(value)
    return PerspectiveView(
        perspective,
        len(results),
        len(results) >= min_group,
        _mean(r.overall.exact for r in results),
        mean_of(f for r in results for f in r.sections),
        mean_of(f for r in results for f in r.principles),
        {rec: _mean(values) for rec, values in sorted(recs.items())},
    )


def combine(
    results: Sequence[Result], min_group: int = 1, gap_threshold: float = DEFAULT_GAP
) -> Combined:
    """Combine the results of several respondents from one organisation."""
    if not results:
        raise UsageError("no answers to combine")
    names = {same_organisation(r.answers.organisation) for r in results}
    if len(names) > 1:
        shown = ", ".join(sorted({r.answers.organisation for r in results}))
        raise UsageError(f"a combined report is for one organisation, not several ({shown})")
    banks = tuple({id(r.bank): r.bank for r in results}.values())
    stage_bank = next((b for b in banks if b.id == "organisation"), banks[0])
    views = tuple(
        _view(p, [r for r in results if r.answers.perspective is p], min_group)
        for p in Perspective
        if any(r.answers.perspective is p for r in results)
    )
    counted = [v for v in views if v.shown]
    framework = stage_bank.framework
    section_weights = {s.id: s.weight for b in reversed(banks) for s in b.sections}
    sections, held = _sections(stage_bank, results, counted, section_weights)
    principles = tuple(
        make_figure(
            stage_bank,
            p.id,
            p.title,
            _mean(v.principles.get(p.id) for v in counted),
            _pooled(results, "principles", p.id),
        )
        for p in framework.principles
    )
    pooled = Tally(*(sum(t) for t in zip(*(r.overall.tally for r in results), strict=True)))
    overall = overall_figure(stage_bank, sections, pooled)
    flags = _red_flags(results, min_group, views)
    uncapped = overall.stage
    overall = cap_for_red_flags(stage_bank, overall, bool(flags))
    ladder = tuple(
        (p, r.answers.perspective)
        for r in results
        for p in r.ladder
        if next(v for v in views if v.perspective is r.answers.perspective).shown
    )
    return Combined(
        results[0].answers.organisation,
        banks,
        stage_bank,
        sum(v.respondents for v in counted),
        views,
        overall,
        sections,
        principles,
        _gaps(stage_bank, counted, gap_threshold),
        gap_threshold,
        min_group,
        held,
        flags,
        uncapped,
        ladder,
    )


def _pooled(results: Sequence[Result], kind: str, fid: str) -> Tally:
    """All respondents' tallies for one section or principle added together (for coverage)."""
    totals = [0, 0, 0, 0, 0]
    for result in results:
        for figure in getattr(result, kind):
            if figure.id == fid:
                totals = [a + b for a, b in zip(totals, figure.tally, strict=True)]
    return Tally(*totals)


def _sections(
    bank: Bank, results: Sequence[Result], counted: list[PerspectiveView], weights: dict[str, float]
) -> tuple[tuple[Figure, ...], tuple[str, ...]]:
    figures: list[Figure] = []
    held: list[str] = []
    voices = [v for v in counted if v.perspective in VOICES]
    for section in bank.framework.sections:
        if section.id not in weights:
            continue
        figure = make_figure(
            bank,
            section.id,
            section.title,
            _mean(v.sections.get(section.id) for v in counted),
            _pooled(results, "sections", section.id),
            weights[section.id],
        )
        their = _mean(v.sections.get(section.id) for v in voices)
        if figure.stage is not None and their is not None:
            ceiling = bank.stage_for(round1(their))
            if ceiling.min < figure.stage.min:
                figure = figure._replace(stage=ceiling)
                held.append(section.id)
        figures.append(figure)
    return tuple(figures), tuple(held)


def _red_flags(
    results: Sequence[Result], min_group: int, views: tuple[PerspectiveView, ...]
) -> tuple[RaisedFlag, ...]:
    shown = {v.perspective for v in views if v.shown}
    raised: dict[str, tuple[Question, list[Perspective]]] = {}
    for result in results:
        if result.answers.perspective not in shown:
            continue
        for question in result.red_flags:
            raised.setdefault(question.id, (question, []))[1].append(result.answers.perspective)
    return tuple(RaisedFlag(q, tuple(dict.fromkeys(ps)), len(ps)) for q, ps in raised.values())


def _gaps(bank: Bank, counted: list[PerspectiveView], threshold: float) -> tuple[Gap, ...]:
    framework = bank.framework
    items = (
        [("section", "sections", s.id, s.title) for s in framework.sections]
        + [("principle", "principles", p.id, p.title) for p in framework.principles]
        + [
            ("recommendation", "recommendations", r.id, r.summary)
            for r in framework.recommendations
        ]
    )
    gaps: list[Gap] = []
    for kind, field, fid, title in items:
        scored = [
            (round1(s), v.perspective)
            for v in counted
            if (s := getattr(v, field).get(fid)) is not None
        ]
        if len(scored) < 2:
            continue
        high = max(scored, key=lambda x: x[0])
        low = min(scored, key=lambda x: x[0])
        gaps.append(
            Gap(kind, fid, title, round1(high[0] - low[0]), high[1], high[0], low[1], low[0])
        )
    order = {"section": 0, "principle": 1, "recommendation": 2}
    gaps.sort(key=lambda g: (g.spread < threshold, -g.spread, order[g.kind]))
    return tuple(gaps)
