"""JSON for the action plan and a plan's check against a comparison (imported by
coself.render.json, which lists them)."""

from __future__ import annotations

import json
from typing import Any

from coself import __version__
from coself.core.compare import Comparison
from coself.core.plan import Plan, by_status, is_overdue
from coself.core.plancheck import ActionCheck, PlannedComparison
from coself.core.planfields import action_data, plan_to_data
from coself.core.text import clean_data
from coself.render import Meta


def render_plan(plan: Plan, meta: Meta) -> str:
    """The plan as data, with each action's group as shown (overdue first) on the day given."""
    data = plan_to_data(plan)
    data["actions"] = [
        {**action_data(a), "group": name, "overdue": is_overdue(a, meta.generated)}
        for name, actions in by_status(plan, meta.generated)
        for a in actions
    ]
    data = {"coself_version": __version__, "today": meta.generated, **data}
    return json.dumps(clean_data(data), indent=1, ensure_ascii=False) + "\n"


def _check(check: ActionCheck) -> dict[str, Any]:
    return {
        "id": check.action.id,
        "kind": check.action.kind,
        "status": check.action.status.value,
        "questions": list(check.action.questions),
        "moved": check.moved,
        "change": check.change,
        "still_raised": check.still_raised,
        "done_not_improved": check.done_not_improved,
    }


def plan_check_data(comparison: Comparison) -> dict[str, Any]:
    """The `plan` key a comparison made with --plan adds; nothing for any other."""
    if not isinstance(comparison, PlannedComparison):
        return {}
    check = comparison.plan
    data: dict[str, Any] = clean_data(
        {
            "plan": {
                "actions": [_check(c) for c in check.actions],
                "done_not_improved": [c.action.id for c in check.done_not_improved],
                "red_flags_still_raised": [c.action.id for c in check.still_raised],
                "red_flags_without_action": list(check.new_flags),
            }
        }
    )
    return data
