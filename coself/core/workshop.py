"""A workshop's report: per question the room's spread and agreed answer, the splits, and the
gaps between perspectives, showing a perspective only when its group is big enough."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from coself.core.model import Answer, Answers, Bank, Perspective, Question
from coself.core.privacy import DEFAULT_MIN_GROUP
from coself.core.spread import Spread, spread

GAP_LEVELS = 1  # medians this many levels apart or more are a gap worth reporting


class Hidden(enum.Enum):
    """Why a perspective's votes on a question are not shown."""

    SMALL = "small"  # fewer votes than the minimum group size
    COMPLEMENT = "complement"  # hidden too, or the small group's could be worked out by subtraction


@dataclass(frozen=True, slots=True)
class GroupVotes:
    perspective: Perspective
    spread: Spread | None  # None when hidden
    hidden: Hidden | None = None


@dataclass(frozen=True, slots=True)
class Gap:
    """The widest difference between the medians of two shown perspectives."""

    low: Perspective
    low_median: float
    high: Perspective
    high_median: float

    @property
    def levels(self) -> float:
        return self.high_median - self.low_median


@dataclass(frozen=True, slots=True)
class VotedQuestion:
    question: Question
    room: Spread  # everyone's votes
    agreed: Answer  # the agreed answer (Special.SKIPPED while the room has not agreed)
    groups: tuple[GroupVotes, ...]  # empty when the votes carry no perspectives
    gap: Gap | None


@dataclass(frozen=True, slots=True)
class WorkshopView:
    questions: tuple[VotedQuestion, ...]  # in the bank's order
    min_group: int

    @property
    def splits(self) -> tuple[VotedQuestion, ...]:
        """The questions the room was split on: the conversations to have."""
        return tuple(q for q in self.questions if q.room.split)

    @property
    def gaps(self) -> tuple[VotedQuestion, ...]:
        """Questions where perspectives' medians differ, the widest gap first."""
        found = [q for q in self.questions if q.gap is not None]
        return tuple(sorted(found, key=lambda q: -q.gap.levels if q.gap else 0))


def hidden_groups(sizes: Mapping[Perspective, int], min_group: int) -> dict[Perspective, Hidden]:
    """The groups whose votes are not shown: those under the minimum size and, when exactly one
    is, the next smallest too, so that the room's totals minus the shown groups reveal nothing."""
    hidden = {p: Hidden.SMALL for p, size in sizes.items() if size < min_group}
    if len(hidden) == 1:
        shown = sorted(
            (size, list(Perspective).index(p), p) for p, size in sizes.items() if p not in hidden
        )
        if shown:
            hidden[shown[0][2]] = Hidden.COMPLEMENT
    return hidden


def _gap(groups: tuple[GroupVotes, ...]) -> Gap | None:
    medians = [
        (g.spread.median, g.perspective) for g in groups if g.spread and g.spread.median is not None
    ]
    if len(medians) < 2:
        return None
    low = min(medians, key=lambda m: m[0])
    high = max(medians, key=lambda m: m[0])
    if high[0] - low[0] < GAP_LEVELS:
        return None
    return Gap(low[1], low[0], high[1], high[0])


def voted_question(bank: Bank, question: Question, answer: Answer, min_group: int) -> VotedQuestion:
    """One question's votes as a report shows them."""
    assert answer.votes is not None
    votes = answer.votes
    groups: tuple[GroupVotes, ...] = ()
    if votes.by_perspective:
        sizes = {p: len(values) for p, values in votes.groups if p is not None}
        hidden = hidden_groups(sizes, min_group)
        groups = tuple(
            GroupVotes(p, None, hidden[p])
            if p in hidden
            else GroupVotes(p, spread(bank, question, values))
            for p, values in votes.groups
            if p is not None
        )
    room = spread(bank, question, votes.values)
    return VotedQuestion(question, room, answer, groups, _gap(groups))


def workshop_view(
    bank: Bank, answers: Answers, min_group: int = DEFAULT_MIN_GROUP
) -> WorkshopView | None:
    """The workshop part of a report, or None for answers that are not a workshop's."""
    if not answers.workshop:  # votes are read only from a workshop file: nothing to look for
        return None
    voted = tuple(
        voted_question(bank, q, answers.answers[q.id], min_group)
        for q in bank.questions
        if q.id in answers.answers and answers.answers[q.id].votes is not None
    )
    return WorkshopView(voted, min_group)
