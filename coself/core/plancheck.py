"""A plan held against the next assessment: did the answers each action rests on move?

For an action on scored questions, the answers moved up, stayed the same or moved down by the
mean change in level of those questions answered on both sides. For a red flag, up means no
one who answered raises it any more, down that it is raised now and was not before. An action
marked done whose answers did not move up is flagged, and so is every red flag still raised.
"""

from __future__ import annotations

from dataclasses import dataclass

from coself.core.compare import Comparison
from coself.core.plan import RED_FLAG, ActionStatus, Plan, PlanAction

UP, SAME, DOWN, UNKNOWN = "up", "same", "down", "not answered on both sides"


@dataclass(frozen=True)
class ActionCheck:
    action: PlanAction
    moved: str  # up, same, down, or not answered on both sides
    change: float | None  # the mean change in level (scored questions), or None
    still_raised: bool  # a red flag raised in the later assessment

    @property
    def done_not_improved(self) -> bool:
        """Marked done, yet its answers did not move up."""
        return self.action.status is ActionStatus.DONE and self.moved != UP


@dataclass(frozen=True)
class PlanCheck:
    actions: tuple[ActionCheck, ...]
    new_flags: tuple[str, ...]  # question ids raised later that no action of the plan is about
    texts: dict[str, str]  # question id -> text, for the new flags

    @property
    def done_not_improved(self) -> tuple[ActionCheck, ...]:
        return tuple(c for c in self.actions if c.done_not_improved)

    @property
    def still_raised(self) -> tuple[ActionCheck, ...]:
        return tuple(c for c in self.actions if c.still_raised)


@dataclass(frozen=True)
class PlannedComparison(Comparison):
    """A comparison with the plan held against it: the comparison's renderers add a section."""

    plan: PlanCheck


def check_action(action: PlanAction, comparison: Comparison) -> ActionCheck:
    """How the answers one action rests on moved between the two sides."""
    before, after = set(comparison.before.red_flags), set(comparison.after.red_flags)
    raised = any(q in after for q in action.questions)
    if action.kind == RED_FLAG:
        was = any(q in before for q in action.questions)
        moved = DOWN if raised and not was else SAME if raised == was else UP
        return ActionCheck(action, moved, None, raised)
    changes = [
        c.change for c in comparison.questions if c.id in action.questions and c.change is not None
    ]
    if not changes:
        return ActionCheck(action, UNKNOWN, None, raised)
    mean = round(sum(changes) / len(changes), 2)  # levels 0-4, as the comparison shows them
    moved = UP if mean > 0 else DOWN if mean < 0 else SAME
    return ActionCheck(action, moved, mean, raised)


def check_plan(comparison: Comparison, plan: Plan) -> PlannedComparison:
    """The comparison with each of the plan's actions checked against it."""
    checks = tuple(check_action(a, comparison) for a in plan.actions)
    covered = {q for a in plan.actions if a.kind == RED_FLAG for q in a.questions}
    new = tuple(q for q in comparison.after.red_flags if q not in covered)
    fields = {name: getattr(comparison, name) for name in comparison.__dataclass_fields__}
    return PlannedComparison(**fields, plan=PlanCheck(checks, new, comparison.texts))
