"""What a comparison says, in the same words in every format: the overall line, the changes in
their units (points for scores, levels for answers), red flags and the ladder then and now."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coself.core.compare import Change, Comparison, Side
from coself.render.common import NO_SCORE, kind_words, stage_text

COMPARISON_TITLE = "Co-production self-assessment: what changed"


def change_number(value: float | None) -> str:
    """A before or after figure to one decimal place, or — when there is none."""
    return NO_SCORE if value is None else f"{value:.1f}"


def signed(change: float | None) -> str:
    """A change with its sign, e.g. '+2.5', or 'no change' for 0; — when not comparable."""
    if change is None:
        return NO_SCORE
    return "no change" if change == 0 else f"{change:+.1f}"


def direction(change: float | None) -> str:
    """A change in words: up, down or same; 'not comparable' when there is none."""
    if change is None:
        return "not comparable"
    return "up" if change > 0 else ("down" if change < 0 else "same")


CHANGE_HEADER = ["Item", "Before", "After", "Change", "Direction"]


def change_cells(change: Change, escape: Callable[[str], str]) -> list[str]:
    """One row of a before-and-after table; `escape` makes the title safe for the format."""
    return [
        escape(change.title),
        change_number(change.before),
        change_number(change.after),
        signed(change.change),
        direction(change.change),
    ]


def change_sentence(change: Change) -> str:
    """One change in a sentence: the item and its kind, before, after, and the change in its
    unit (points out of 100 for a score, levels for an answer)."""
    before, after = change_number(change.before), change_number(change.after)
    unit = "points" if change.is_score else "levels"
    moved = signed(change.change)
    return f"{kind_words(change.kind, change.title)}: {before} to {after} ({moved} {unit})"


@dataclass(frozen=True)
class ChangeList:
    """A titled list of what moved in a comparison; every format shows each one."""

    title: str
    changes: tuple[Change, ...]


def change_lists(comparison: Comparison) -> list[ChangeList]:
    """What moved, scores apart from answers: the two are in different units."""
    return [
        ChangeList("Scores that rose (points out of 100)", comparison.improved),
        ChangeList("Scores that fell (points out of 100)", comparison.declined),
        ChangeList("Answers that rose (levels 0 to 4)", comparison.answers_improved),
        ChangeList("Answers that fell (levels 0 to 4)", comparison.answers_declined),
    ]


NOTHING_MOVED = "Nothing."
LADDER_CHANGE_HEADER = ["Decisions", "Before", "After"]
LADDER_CHANGE_TITLE = "The ladder then and now"
QUESTIONS_CHANGE_TITLE = "Every question (levels 0 to 4; the mean where several answered)"


def ladder_change_rows(comparison: Comparison) -> list[list[str]]:
    """How many decisions sat at each part of the ladder, before and after."""
    before, after = comparison.before.ladder, comparison.after.ladder
    return [[group, str(before[group]), str(after.get(group, 0))] for group in before]


def side_words(side: Side) -> str:
    """One side of a comparison: its number of responses and its banks' versions."""
    banks = ", ".join(f"{b} {v}" for b, v in side.banks)
    return f"{side.respondents} response(s); bank {banks}"


def sides_sentence(comparison: Comparison, generated: str) -> str:
    """Both sides of a comparison and the report's date."""
    return (
        f"Before: {side_words(comparison.before)}. After: {side_words(comparison.after)}. "
        f"Report date: {generated}."
    )


def common_sentence(comparison: Comparison) -> str | None:
    """What a difference of bank versions means for the comparison, or None."""
    if comparison.common is None:
        return None
    shared, total = comparison.common
    return (
        f"The bank versions differ: {shared} of {total} questions in common. Only those "
        "are scored on both sides."
    )


def overall_change_sentence(comparison: Comparison) -> str:
    """The overall score and stage before and after, and the change in points."""
    overall = comparison.overall
    before, after = comparison.before.overall, comparison.after.overall
    return (
        f"Overall score: {change_number(overall.before)} before ({stage_text(before)}), "
        f"{change_number(overall.after)} after ({stage_text(after)}): "
        f"{signed(overall.change)}{'' if overall.change in (None, 0) else ' points'}."
    )


def flag_sentences(comparison: Comparison) -> list[str]:
    """Each red flag raised on either side and what became of it."""
    before, after = set(comparison.before.red_flags), set(comparison.after.red_flags)
    lines = []
    for qid in dict.fromkeys([*comparison.before.red_flags, *comparison.after.red_flags]):
        state = (
            "raised before and after"
            if qid in before and qid in after
            else "raised before, cleared after"
            if qid in before
            else "new after"
        )
        lines.append(f"{comparison.texts[qid]} ({state})")
    return lines


NO_FLAGS_EITHER_SIDE = "No red flags on either side."
