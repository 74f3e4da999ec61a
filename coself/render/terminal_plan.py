"""The terminal view of the action plan and of a plan's check against a comparison (imported
by coself.render.terminal, which lists them; its helpers are imported when called, as that
module imports this one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coself.core.compare import Comparison
from coself.core.plan import Plan
from coself.core.plancheck import PlannedComparison
from coself.render import Meta
from coself.render.plan_words import (
    CHECK_HEADER,
    NO_PLAN_ACTIONS,
    PLAN_CHECK_TITLE,
    action_fields,
    action_heading,
    check_cells,
    check_warnings,
    grouped,
    plan_about,
    plan_title,
)

if TYPE_CHECKING:  # Rich is imported when a view is made, within functions (one module imports it)
    from rich.console import RenderableType


def render_plan(plan: Plan, meta: Meta) -> RenderableType:
    """The plan's actions by status, overdue first (today is the report date)."""
    from rich.console import Group

    from coself.render.terminal import _heading, _t

    parts: list[RenderableType] = [_t(plan_title(plan), "bold")]
    parts.append(_t(plan_about(plan, meta.generated)))
    for heading, actions in grouped(plan, meta.generated):
        parts += _heading(f"{heading} ({len(actions)})")
        for action in actions:
            parts.append(_t(f"- {action_heading(action)}", "bold"))
            parts += [_t(f"{name}: {text}", indent=4) for name, text in action_fields(action)]
    if not plan.actions:
        parts.append(_t(NO_PLAN_ACTIONS))
    return Group(*parts)


def plan_check_terminal(comparison: Comparison, meta: Meta) -> list[RenderableType]:
    """The section a comparison made with --plan ends with; nothing for any other."""
    if not isinstance(comparison, PlannedComparison):
        return []
    from rich.table import Table

    from coself.render.terminal import _box, _heading, _t

    check = comparison.plan
    parts: list[RenderableType] = [*_heading(PLAN_CHECK_TITLE)]
    parts += [_t(line, "bold") for line in check_warnings(check)]
    if not check.actions:
        return [*parts, _t(NO_PLAN_ACTIONS)]
    table = Table(*CHECK_HEADER, box=_box(meta))
    for one in check.actions:
        table.add_row(*map(_t, check_cells(one)))
    return [*parts, table]
