"""Many voices in one picture: answers from several respondents and perspectives, combined.

A perspective's score is the mean of its respondents' scores. The combined score gives each
perspective equal weight, however many people answered from it: a combined section or principle
score is the mean of the perspective scores that exist, and the combined overall score is
worked out from the combined section scores exactly as for one assessment. Where people who
draw on care or carers answered, a section's combined stage is never higher than the stage
their own answers give ("nothing about us without us").
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from coself.core.distributions import (
    AnswerCounts,
    QuestionSpread,
    SectionSpread,
    given,
    question_spreads,
    section_spreads,
)
from coself.core.gaps import DEFAULT_GAP, gaps
from coself.core.gaps import Gap as Gap  # the names Combined's users import from here
from coself.core.gaps import PerspectiveView as PerspectiveView
from coself.core.model import AnswerValue, Bank, Perspective, Question, Rung, Stage
from coself.core.organisations import same_organisation
from coself.core.privacy import DEFAULT_MIN_GROUP
from coself.core.scoring import (
    Figure,
    LadderPlacement,
    Result,
    Tally,
    cap_for_red_flags,
    make_figure,
    overall_figure,
    pair_scores,
    recommendation_scores,
    round1,
)
from coself.errors import UsageError

VOICES = (Perspective.PERSON, Perspective.CARER)  # people who draw on care, and carers
_KINDS = ("sections", "principles", "recommendations", "pairs")
_NAMES_SHOWN = 10  # differing organisation names kept for the error message


@dataclass(frozen=True)
class RaisedFlag:
    question: Question
    perspectives: tuple[Perspective, ...]  # who raised it
    count: int  # how many respondents raised it


class Part(NamedTuple):
    """A respondent's unrounded score for one section or principle (or the whole), and tally."""

    id: str
    exact: float | None
    tally: Tally


@dataclass(frozen=True, slots=True)
class Respondent:
    """What one respondent brings to a combined report: figures only, no names, no notes."""

    organisation: str
    perspective: Perspective
    bank: Bank
    overall: Part
    sections: tuple[Part, ...]
    principles: tuple[Part, ...]
    recommendations: tuple[tuple[str, float], ...]
    red_flags: tuple[Question, ...]
    ladder: tuple[LadderPlacement, ...]
    pairs: tuple[tuple[str, float], ...] = ()  # score of each mirrored question answered
    answers: tuple[tuple[str, AnswerValue], ...] = ()  # each answer given, for distributions


@dataclass(frozen=True, slots=True)
class LadderCount:
    """How many respondents of one perspective put one decision on one rung of the ladder."""

    question: Question
    rung: Rung
    perspective: Perspective
    count: int


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
    ladder: tuple[LadderCount, ...]  # a summary: its size does not grow with respondents
    # How the shown groups answered each question (split ones first) and spread over the
    # stages in each section: counts, which do not grow with respondents either.
    questions: tuple[QuestionSpread, ...] = ()
    section_spreads: tuple[SectionSpread, ...] = ()

    @property
    def conversations(self) -> tuple[QuestionSpread, ...]:
        """The questions on which a shown group is split: conversations to have."""
        return tuple(q for q in self.questions if q.split_groups)

    @property
    def hidden(self) -> tuple[PerspectiveView, ...]:
        return tuple(v for v in self.views if not v.shown)


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def respondent(result: Result) -> Respondent:
    """What one scored set of answers brings to a combined report."""

    def parts(figures: Sequence[Figure]) -> tuple[Part, ...]:
        return tuple(Part(f.id, f.exact, f.tally) for f in figures)

    levels = result.levels
    return Respondent(
        result.answers.organisation,
        result.answers.perspective,
        result.bank,
        Part("overall", result.overall.exact, result.overall.tally),
        parts(result.sections),
        parts(result.principles),
        tuple(recommendation_scores(result.bank, levels).items()),
        result.red_flags,
        result.ladder,
        tuple(pair_scores(result.bank, levels).items()),
        given((qid, answer.value) for qid, answer in result.answers.answers.items()),
    )


def combine(
    results: Iterable[Result],
    min_group: int = DEFAULT_MIN_GROUP,
    gap_threshold: float = DEFAULT_GAP,
) -> Combined:
    """Combine the results of several respondents from one organisation."""
    combiner = Combiner()
    for result in results:
        combiner.add(respondent(result))
    return combiner.result(min_group, gap_threshold)


class _Mean:
    """A running mean of the values that exist."""

    __slots__ = ("total", "count")

    def __init__(self) -> None:
        self.total, self.count = 0.0, 0

    def add(self, value: float | None) -> None:
        if value is not None:
            self.total += value
            self.count += 1

    @property
    def value(self) -> float | None:
        return self.total / self.count if self.count else None


class _Perspective:
    """One perspective's running figures while respondents are added."""

    def __init__(self) -> None:
        self.respondents = 0
        self.overall = _Mean()
        # A running mean per figure, made the first time the figure is met.
        self.means: dict[str, defaultdict[str, _Mean]] = {k: defaultdict(_Mean) for k in _KINDS}
        self.red_flags: dict[str, list[int]] = {}  # question id: [first seen, how many]
        self.ladder: dict[tuple[str, str], int] = {}  # (question id, rung id): how many
        self.pair_texts: dict[str, str] = {}  # pair id: the question this perspective answered
        # Kept per perspective, so that what is reported counts only the perspectives shown.
        self.tally = Tally()
        self.pooled: dict[str, dict[str, Tally]] = {"sections": {}, "principles": {}}
        self.counts = AnswerCounts()

    def add(self, one: Respondent, order: int) -> None:
        self.respondents += 1
        self.overall.add(one.overall.exact)
        self.tally = _plus(self.tally, one.overall.tally)
        for kind, items in (("sections", one.sections), ("principles", one.principles)):
            means, pooled = self.means[kind], self.pooled[kind]
            for part in items:
                means[part.id].add(part.exact)
                pooled[part.id] = _plus(pooled.get(part.id, Tally()), part.tally)
        stages = (
            (part.id, make_figure(one.bank, part.id, "", part.exact, part.tally).stage)
            for part in one.sections
        )
        self.counts.add(
            one.bank, one.answers, ((sid, None if st is None else st.id) for sid, st in stages)
        )
        for kind, scores in (("recommendations", one.recommendations), ("pairs", one.pairs)):
            means = self.means[kind]
            for fid, value in scores:
                means[fid].add(value)
        for pair, _ in one.pairs:
            if pair not in self.pair_texts:  # the first respondent's wording, looked up once
                question = next(q for q in one.bank.questions if q.pair == pair)
                self.pair_texts[pair] = question.text
        for question in one.red_flags:
            self.red_flags.setdefault(question.id, [order, 0])[1] += 1
        for placement in one.ladder:
            key = (placement.question.id, placement.rung.id)
            self.ladder[key] = self.ladder.get(key, 0) + 1

    def view(self, perspective: Perspective, min_group: int) -> PerspectiveView:
        """The perspective's figures; none at all when it is too small to show, so that no
        renderer can let them out."""
        if self.respondents < min_group:
            return PerspectiveView(perspective, self.respondents, False, None, {}, {}, {})

        def means(kind: str) -> dict[str, float | None]:
            return {fid: mean.value for fid, mean in self.means[kind].items()}

        return PerspectiveView(
            perspective,
            self.respondents,
            True,
            self.overall.value,
            means("sections"),
            means("principles"),
            dict(sorted(means("recommendations").items())),
            means("pairs"),
            dict(self.pair_texts),
        )


class Combiner:
    """Respondents added one at a time; memory stays the same however many there are."""

    def __init__(self) -> None:
        self._organisation: str | None = None
        self._names: dict[str, str] = {}  # a few of the differing names, for the message
        self._banks: dict[tuple[str, str], Bank] = {}
        self._perspectives: dict[Perspective, _Perspective] = {}
        self._questions: dict[str, Question] = {}  # red-flag and ladder questions met
        self._rungs: dict[str, Rung] = {}
        self._added = 0

    def add(self, one: Respondent) -> None:
        if self._organisation is None:
            self._organisation = one.organisation
            self._names[same_organisation(one.organisation)] = one.organisation
        elif one.organisation != self._organisation and len(self._names) < _NAMES_SHOWN:
            self._names.setdefault(same_organisation(one.organisation), one.organisation)
        self._banks.setdefault((one.bank.id, one.bank.version), one.bank)
        self._perspectives.setdefault(one.perspective, _Perspective()).add(one, self._added)
        self._added += 1
        for question in one.red_flags:
            self._questions.setdefault(question.id, question)
        for placement in one.ladder:
            self._questions.setdefault(placement.question.id, placement.question)
            self._rungs.setdefault(placement.rung.id, placement.rung)

    def result(
        self, min_group: int = DEFAULT_MIN_GROUP, gap_threshold: float = DEFAULT_GAP
    ) -> Combined:
        """The combined figures of everyone added so far."""
        organisation = self._only_organisation()
        banks = tuple(self._banks.values())
        stage_bank = next((b for b in banks if b.id == "organisation"), banks[0])
        views = tuple(
            self._perspectives[p].view(p, min_group) for p in Perspective if p in self._perspectives
        )
        # Only the perspectives shown count anywhere, totals included: a figure over everyone
        # would give a hidden group's away by subtraction.
        counted = [v for v in views if v.shown]
        shown = {v.perspective: self._perspectives[v.perspective] for v in counted}
        pooled = _pooled(shown.values())
        section_weights = {s.id: s.weight for b in reversed(banks) for s in b.sections}
        sections, held = _sections(stage_bank, pooled, counted, section_weights)
        principles = _principles(stage_bank, pooled, counted)
        overall = overall_figure(stage_bank, sections, _sum(t.tally for t in shown.values()))
        flags = self._red_flags(shown)
        counts = [(p, totals.counts) for p, totals in shown.items()]
        return Combined(
            organisation,
            banks,
            stage_bank,
            sum(v.respondents for v in counted),
            views,
            cap_for_red_flags(stage_bank, overall, bool(flags)),
            sections,
            principles,
            gaps(stage_bank, counted, gap_threshold),
            gap_threshold,
            min_group,
            held,
            flags,
            overall.stage,
            self._ladder(shown),
            question_spreads(banks, counts),
            section_spreads(stage_bank, ((f.id, f.title) for f in sections), counts),
        )

    def _only_organisation(self) -> str:
        """The organisation everyone answered for; refused when none, or several."""
        if self._organisation is None:
            raise UsageError("no answers to combine")
        if len(self._names) > 1:
            names = ", ".join(sorted(self._names.values()))
            raise UsageError(f"a combined report is for one organisation, not several ({names})")
        return self._organisation

    def _red_flags(self, shown: Mapping[Perspective, _Perspective]) -> tuple[RaisedFlag, ...]:
        """Raised flags in the order first raised, each with who raised it, in that order."""
        raised: dict[str, list[tuple[int, Perspective, int]]] = {}
        for perspective, totals in shown.items():
            for qid, (first, count) in totals.red_flags.items():
                raised.setdefault(qid, []).append((first, perspective, count))
        ordered = sorted(raised.items(), key=lambda item: min(first for first, _, _ in item[1]))
        return tuple(
            RaisedFlag(
                self._questions[qid],
                tuple(p for _, p, _ in sorted(who, key=lambda w: w[0])),
                sum(n for _, _, n in who),
            )
            for qid, who in ordered
        )

    def _ladder(self, shown: Mapping[Perspective, _Perspective]) -> tuple[LadderCount, ...]:
        """How many respondents put each decision on each rung, by perspective: decisions in
        the order first met, then perspectives in their usual order, then rungs bottom up."""
        order = {qid: n for n, qid in enumerate(self._questions)}
        perspectives = list(Perspective)
        counts = sorted(
            (
                LadderCount(self._questions[qid], self._rungs[rung], perspective, count)
                for perspective, totals in shown.items()
                for (qid, rung), count in totals.ladder.items()
            ),
            key=lambda c: (order[c.question.id], perspectives.index(c.perspective), c.rung.rung),
        )
        return tuple(counts)


def _plus(a: Tally, b: Tally) -> Tally:
    return Tally._make(map(operator.add, a, b))


def _sum(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total = _plus(total, tally)
    return total


def _pooled(perspectives: Iterable[_Perspective]) -> dict[str, dict[str, Tally]]:
    """The tallies of the given perspectives' respondents, added up per section and principle."""
    pooled: dict[str, dict[str, Tally]] = {"sections": {}, "principles": {}}
    for one in perspectives:
        for kind, tallies in one.pooled.items():
            for fid, tally in tallies.items():
                pooled[kind][fid] = _plus(pooled[kind].get(fid, Tally()), tally)
    return pooled


def _sections(
    bank: Bank,
    pooled: Mapping[str, Mapping[str, Tally]],
    counted: list[PerspectiveView],
    weights: dict[str, float],
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
            pooled["sections"].get(section.id, Tally()),
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


def _principles(
    bank: Bank, pooled: Mapping[str, Mapping[str, Tally]], counted: list[PerspectiveView]
) -> tuple[Figure, ...]:
    return tuple(
        make_figure(
            bank,
            p.id,
            p.title,
            _mean(v.principles.get(p.id) for v in counted),
            pooled["principles"].get(p.id, Tally()),
        )
        for p in bank.framework.principles
    )
