"""The workshop part of a single report, in words every format lays out its own way: the splits
first as conversations to have, then the gaps between perspectives, then every question's votes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coself.core.model import Special
from coself.core.privacy import DEFAULT_MIN_GROUP
from coself.core.scoring import Result
from coself.core.spread import Spread
from coself.core.text import clean
from coself.core.votes import spread_words
from coself.core.words import answer_words
from coself.core.workshop import GroupVotes, Hidden, VotedQuestion, WorkshopView, workshop_view

SPLIT_RULE = (
    "A question is split when at least one vote in four (and at least one) sits two or more "
    "levels from the median: the Delphi consensus rule of an interquartile range of at most "
    "one point (von der Gracht, Technological Forecasting and Social Change 79(8), 2012)."
)


@dataclass(frozen=True, slots=True)
class Item:
    """One question in a workshop block: its title, then lines of plain text."""

    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """A headed part of the workshop report: an introduction and its items."""

    heading: str
    intro: str
    items: tuple[Item, ...]


def workshop_blocks(result: Result, min_group: int = DEFAULT_MIN_GROUP) -> tuple[Block, ...]:
    """The workshop's blocks for a report, or () when the answers are not a workshop's."""
    view = workshop_view(result.bank, result.answers, min_group)
    if view is None:
        return ()
    splits = view.splits
    blocks = [
        Block(
            "Conversations to have",
            (
                f"The room was split on {len(splits)} question(s). "
                if splits
                else "The room was not split on any question. "
            )
            + SPLIT_RULE,
            tuple(_item(result, q, view) for q in splits),
        )
    ]
    if any(q.groups for q in view.questions):
        gaps = view.gaps
        found = (
            "Listed where the medians of two perspectives shown are a level or more apart, "
            "the widest first."
            if gaps
            else "No two perspectives shown have medians a level or more apart."
        )
        blocks.append(
            Block(
                "Gaps between perspectives",
                f"{_privacy(view)} {found}",
                tuple(map(_gap_item, gaps)),
            )
        )
    others = tuple(q for q in view.questions if not q.room.split)
    blocks.append(
        Block(
            "The other questions voted on",
            f"{len(view.questions)} question(s) voted on in all, {len(others)} of them not "
            "split. Scores use the agreed answers.",
            tuple(_item(result, q, view) for q in others),
        )
    )
    return tuple(blocks)


def _privacy(view: WorkshopView) -> str:
    return (
        f"A perspective's votes are shown only when at least {view.min_group} people in it voted, "
        "so that no one's vote can be picked out."
    )


def _item(result: Result, voted: VotedQuestion, view: WorkshopView) -> Item:
    question = voted.question
    agreed = voted.agreed
    words = answer_words(question, result.bank, agreed)
    lines = [
        (
            "Agreed answer: not agreed yet"
            if agreed.value is Special.SKIPPED
            else f"Agreed answer: {words}"
        )
        + (" (split)" if voted.room.split else ""),
        f"Votes ({voted.room.total}): {spread_words(question, result.bank, voted.room)}",
    ]
    lines += [_group_line(result, voted, group, view.min_group) for group in voted.groups]
    if voted.agreed.note:
        lines.append(f"Note: {voted.agreed.note}")
    return Item(f"{question.id}: {question.text}", tuple(lines))


def _group_line(result: Result, voted: VotedQuestion, group: GroupVotes, min_group: int) -> str:
    label = group.perspective.label
    if group.hidden is Hidden.SMALL:
        return f"{label}: fewer than {min_group} responses"
    if group.hidden is Hidden.COMPLEMENT or group.spread is None:
        return (
            f"{label}: not shown, so that a smaller group's votes cannot be worked out from "
            "the room's totals"
        )
    words = spread_words(voted.question, result.bank, group.spread)
    return f"{label} ({group.spread.total}): {words}"


def _gap_item(voted: VotedQuestion) -> Item:
    gap = voted.gap
    assert gap is not None
    line = (
        f"{gap.high.label} median {gap.high_median:g}, {gap.low.label} median "
        f"{gap.low_median:g}: {gap.levels:g} level(s) apart"
    )
    return Item(f"{voted.question.id}: {voted.question.text}", (line,))


def workshop_data(result: Result, min_group: int = DEFAULT_MIN_GROUP) -> dict[str, Any] | None:
    """The workshop part of a JSON report, or None when the answers are not a workshop's."""
    view = workshop_view(result.bank, result.answers, min_group)
    if view is None:
        return None
    return {
        "min_group": view.min_group,
        "split_rule": SPLIT_RULE,
        "conversations_to_have": [q.question.id for q in view.splits],
        "questions": [_question_data(result, q, view.min_group) for q in view.questions],
    }


def _question_data(result: Result, voted: VotedQuestion, min_group: int) -> dict[str, Any]:
    agreed = voted.agreed.value
    data: dict[str, Any] = {
        "id": voted.question.id,
        "agreed": None if agreed is Special.SKIPPED else getattr(agreed, "value", agreed),
        "split": voted.room.split,
        "votes": _spread_data(voted.room),
    }
    if voted.groups:
        data["perspectives"] = {
            g.perspective.value: _spread_data(g.spread)
            if g.spread
            else {"hidden": _group_line(result, voted, g, min_group)}
            for g in voted.groups
        }
    if voted.gap:
        gap = voted.gap
        data["gap"] = {"low": gap.low.value, "high": gap.high.value, "levels": gap.levels}
    if voted.agreed.note:
        data["note"] = clean(voted.agreed.note)
    return data


def _spread_data(counted: Spread) -> dict[str, Any]:
    """Counts keyed by the answer as an answers file writes it (3, yes, a rung id)."""
    return {
        "counts": {str(c): n for c, n in zip(counted.choices, counted.counts, strict=True)},
        "dont_know": counted.dont_know,
        "not_applicable": counted.not_applicable,
        "median": counted.median,
        "total": counted.total,
    }
