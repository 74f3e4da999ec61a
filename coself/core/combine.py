"""Many voices in one picture: answers from several respondents and perspectives, combined.

A perspective's score is the mean of its respondents' scores. The combined score gives each
perspective equal weight, however many people answered from it: a combined section or principle
score is the mean of the perspective scores that exist, and the combined overall score is
worked out from the combined section scores exactly as for one assessment. Where people who
draw on care or carers answered, a section's combined stage is never higher than the stage
their own answers give ("nothing about us without us").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coself.core.distributions import (
    QuestionSpread,
    SectionSpread,
    question_spreads,
    section_spreads,
)
from coself.core.gaps import DEFAULT_GAP, gaps
from coself.core.gaps import Gap as Gap  # the names Combined's users import from here
from coself.core.gaps import PerspectiveView as PerspectiveView
from coself.core.model import Bank, Perspective, Question, Rung, Stage
from coself.core.organisations import same_organisation
from coself.core.privacy import DEFAULT_MIN_GROUP
from coself.core.respondents import PerspectiveGroup, Totals, plus
from coself.core.respondents import Respondent as Respondent  # the names users import from here
from coself.core.respondents import respondent as respondent
from coself.core.scoring import (
    Figure,
    Result,
    Tally,
    cap_for_red_flags,
    make_figure,
    overall_figure,
    round1,
)
from coself.errors import UsageError

VOICES = (Perspective.PERSON, Perspective.CARER)  # people who draw on care, and carers
_NAMES_SHOWN = 10  # differing organisation names kept for the error message


@dataclass(frozen=True)
class RaisedFlag:
    question: Question
    perspectives: tuple[Perspective, ...]  # who raised it
    count: int  # how many respondents raised it


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


class Combiner:
    """Respondents added one at a time; memory stays the same however many there are."""

    def __init__(self) -> None:
        self._organisation: str | None = None
        self._names: dict[str, str] = {}  # a few of the differing names, for the message
        self._banks: dict[tuple[str, str], Bank] = {}
        self._perspectives: dict[Perspective, PerspectiveGroup] = {}
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
        self._perspectives.setdefault(one.perspective, PerspectiveGroup()).add(one, self._added)
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
        shown = {v.perspective: self._perspectives[v.perspective].totals() for v in counted}
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

    def _red_flags(self, shown: Mapping[Perspective, Totals]) -> tuple[RaisedFlag, ...]:
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

    def _ladder(self, shown: Mapping[Perspective, Totals]) -> tuple[LadderCount, ...]:
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


def _sum(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total = plus(total, tally)
    return total


def _pooled(perspectives: Iterable[Totals]) -> dict[str, dict[str, Tally]]:
    """The tallies of the given perspectives' respondents, added up per section and principle."""
    pooled: dict[str, dict[str, Tally]] = {"sections": {}, "principles": {}}
    for one in perspectives:
        for kind, tallies in one.pooled.items():
            for fid, tally in tallies.items():
                pooled[kind][fid] = plus(pooled[kind].get(fid, Tally()), tally)
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
