"""What each respondent brings to a combined report, and one perspective's running figures.

A respondent brings figures and answers only: no names, no notes. A perspective holds its
first few respondents as they come and counts them into running figures only when the group may
be shown, so a group too small to show costs nothing but its size; memory stays the same however
many respondents are added.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from coself.core.distributions import AnswerCounts, given
from coself.core.gaps import PerspectiveView
from coself.core.model import AnswerValue, Bank, Perspective, Question
from coself.core.privacy import DEFAULT_MIN_GROUP
from coself.core.scoring import (
    Figure,
    LadderPlacement,
    Result,
    Tally,
    levels_of,
    make_figure,
    pair_scores,
    recommendation_scores,
)

_KINDS = ("sections", "principles", "recommendations", "pairs")


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
    red_flags: tuple[Question, ...]
    ladder: tuple[LadderPlacement, ...]
    # Each answer given: for distributions, and the recommendation and mirrored questions'
    # scores (worked out only if the respondent's perspective is counted).
    answers: tuple[tuple[str, AnswerValue], ...] = ()


def respondent(result: Result) -> Respondent:
    """What one scored set of answers brings to a combined report."""

    def parts(figures: Sequence[Figure]) -> tuple[Part, ...]:
        return tuple(Part(f.id, f.exact, f.tally) for f in figures)

    return Respondent(
        result.answers.organisation,
        result.answers.perspective,
        result.bank,
        Part("overall", result.overall.exact, result.overall.tally),
        parts(result.sections),
        parts(result.principles),
        result.red_flags,
        result.ladder,
        given(result.answers.answers),
    )


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


# A perspective holds its first respondents uncounted: most groups this small are never shown.
_HOLD = DEFAULT_MIN_GROUP


class PerspectiveGroup:
    """One perspective's respondents. The first few are held as they come and counted only when
    the group grows large enough that it may be shown, or when a report shows it: a group too
    small to show costs nothing but its size. At most _HOLD are held, however many are added."""

    def __init__(self) -> None:
        self.respondents = 0
        self._held: list[tuple[Respondent, int]] = []  # each with the order it was added in
        self._totals: Totals | None = None

    def add(self, one: Respondent, order: int) -> None:
        self.respondents += 1
        self._held.append((one, order))
        if self.respondents >= _HOLD:
            self.totals()

    def totals(self) -> Totals:
        """The running figures, every respondent added so far counted in."""
        if self._totals is None:
            self._totals = Totals()
        for one, order in self._held:
            self._totals.add(one, order)
        self._held.clear()
        return self._totals

    def view(self, perspective: Perspective, min_group: int) -> PerspectiveView:
        """The perspective's figures; none at all when it is too small to show, so that no
        renderer can let them out."""
        if self.respondents < min_group:
            return PerspectiveView(perspective, self.respondents, False, None, {}, {}, {})
        totals = self.totals()

        def means(kind: str) -> dict[str, float | None]:
            return {fid: mean.value for fid, mean in totals.means[kind].items()}

        return PerspectiveView(
            perspective,
            self.respondents,
            True,
            totals.overall.value,
            means("sections"),
            means("principles"),
            dict(sorted(means("recommendations").items())),
            means("pairs"),
            dict(totals.pair_texts),
        )


class Totals:
    """One perspective's running figures: means, tallies and counts of its respondents."""

    def __init__(self) -> None:
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
        bank = one.bank
        self.overall.add(one.overall.exact)
        self.tally = plus(self.tally, one.overall.tally)
        for kind, items in (("sections", one.sections), ("principles", one.principles)):
            means, pooled = self.means[kind], self.pooled[kind]
            for part in items:
                means[part.id].add(part.exact)
                pooled[part.id] = plus(pooled.get(part.id, Tally()), part.tally)
        stages = (
            (part.id, make_figure(bank, part.id, "", part.exact, part.tally).stage)
            for part in one.sections
        )
        self.counts.add(
            bank, one.answers, ((sid, None if st is None else st.id) for sid, st in stages)
        )
        levels = levels_of(bank, one.answers)
        pairs = pair_scores(bank, levels)
        for kind, scores in (
            ("recommendations", recommendation_scores(bank, levels)),
            ("pairs", pairs),
        ):
            means = self.means[kind]
            for fid, value in scores.items():
                means[fid].add(value)
        for pair in pairs:
            if pair not in self.pair_texts:  # the first respondent's wording, looked up once
                question = next(q for q in bank.questions if q.pair == pair)
                self.pair_texts[pair] = question.text
        for question in one.red_flags:
            self.red_flags.setdefault(question.id, [order, 0])[1] += 1
        for placement in one.ladder:
            key = (placement.question.id, placement.rung.id)
            self.ladder[key] = self.ladder.get(key, 0) + 1


def plus(a: Tally, b: Tally) -> Tally:
    """Two tallies added up, count by count."""
    return Tally._make(map(operator.add, a, b))
