"""The "You said, we did" sheet for the people who took part, in plain words, from a plan.

Every sentence here is written for people who draw on care and carers: short sentences and
short words, checked by the same plain-language rules as the voices bank. No figures are given,
and a group smaller than the minimum group size is never named: what its members said is listed
without saying who said it.
"""

from __future__ import annotations

from dataclasses import dataclass

from coself.core.model import Perspective
from coself.core.plan import GAP, PRIORITY, RED_FLAG, ActionStatus, Plan, PlanAction
from coself.core.text import one_line

# Group names in everyday words (the report's "leaders and managers" has a long word).
GROUP_WORDS = {
    Perspective.LEADERSHIP: "leaders",
    Perspective.STAFF: "staff",
    Perspective.PERSON: "people who draw on care",
    Perspective.CARER: "carers",
    Perspective.OTHER: "others",
}
INTRO = (
    "Thank you for taking part.",
    "This sheet says what you told us.",
    "It says what we did about it, and what we will do next.",
)
NOTHING_YET = "Nothing yet."


@dataclass(frozen=True)
class Point:
    """One thing said or done: short sentences, and the question it is about, as asked."""

    sentences: tuple[str, ...]
    about: str  # the question or aim, quoted by renderers; "" for none


@dataclass(frozen=True)
class Part:
    heading: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Feedback:
    organisation: str
    title: str
    intro: tuple[str, ...]
    parts: tuple[Part, ...]
    empty: str = NOTHING_YET  # said under a heading with nothing in it


def feedback(plan: Plan, min_group: int) -> Feedback:
    """The sheet: what each group told us, what we did, what comes next."""
    named = {p for p, count in plan.groups if count >= min_group}
    parts = [_told(plan, p, named) for p in Perspective if p in named]
    parts = [p for p in parts if p.points]
    unnamed = _told_unnamed(plan, named)
    if unnamed.points:
        parts.append(unnamed)
    parts.append(Part("What we did", tuple(_done(a) for a in _with(plan, ActionStatus.DONE))))
    upcoming = [*_with(plan, ActionStatus.DOING), *_with(plan, ActionStatus.PLANNED)]
    parts.append(Part("What we will do next", tuple(dict.fromkeys(map(_next, upcoming)))))
    stopped = _with(plan, ActionStatus.DROPPED)
    if stopped:
        parts.append(Part("What we stopped", tuple(_stopped(a) for a in stopped)))
    return Feedback(plan.organisation, "You said, we did", INTRO, tuple(parts))


def _with(plan: Plan, status: ActionStatus) -> list[PlanAction]:
    return [a for a in plan.actions if a.status is status]


def _said(action: PlanAction, named: set[Perspective]) -> Point:
    """What a group said, in words, for one action it raised."""
    if action.kind == RED_FLAG:
        return Point(("You told us something is wrong here.",), action.subject)
    if action.kind == GAP and len(action.raised_by) > 1:
        other = action.raised_by[1]
        than = GROUP_WORDS[other] if other in named else "others"
        return Point((f"You told us this works less well than {than} think.",), action.subject)
    return Point(("You told us this needs the most work.",), action.subject)


def _tells(action: PlanAction) -> tuple[Perspective, ...]:
    """Who told us this: for a gap, the group that sees it less well."""
    if action.kind == GAP:
        return action.raised_by[:1]
    return action.raised_by


def _told(plan: Plan, group: Perspective, named: set[Perspective]) -> Part:
    points = (_said(a, named) for a in plan.actions if group in _tells(a))
    return Part(f"What {GROUP_WORDS[group]} told us", tuple(dict.fromkeys(points)))


def _told_unnamed(plan: Plan, named: set[Perspective]) -> Part:
    """What smaller groups said, without saying who: the privacy minimum."""
    points = (
        _said(a, named)
        for a in plan.actions
        if a.kind in (RED_FLAG, GAP, PRIORITY) and _tells(a) and not set(_tells(a)) & named
    )
    return Part("Other things you told us", tuple(dict.fromkeys(points)))


def _done(action: PlanAction) -> Point:
    said = one_line(action.what_changed or "")
    what = f"What we did: {said}" if said else "We have done what we planned."
    return Point(("You told us about this.", what), action.subject)


def _next(action: PlanAction) -> Point:
    if action.status is ActionStatus.DOING:
        return Point(("We are working on this now.",), action.subject)
    return Point(("We plan to work on this.",), action.subject)


def _stopped(action: PlanAction) -> Point:
    said = one_line(action.what_changed or "")
    why = (f"Why: {said}",) if said else ()
    return Point(("We stopped work on this.", *why), action.subject)


def feedback_sentences(sheet: Feedback) -> list[str]:
    """Every text the sheet shows, in order, for the plain-language checks."""
    found = [sheet.title, *sheet.intro]
    for part in sheet.parts:
        found.append(part.heading)
        for point in part.points:
            found += [*point.sentences, point.about]
        if not part.points:
            found.append(sheet.empty)
    return [f for f in found if f]
