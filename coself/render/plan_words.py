"""What every format says the same way about a plan, its progress and its check against a
comparison: headings, labels and sentences (texts from files are escaped by each format)."""

from __future__ import annotations

from coself.core.plan import OVERDUE, Plan, PlanAction, by_status, is_overdue
from coself.core.plancheck import SAME, UNKNOWN, ActionCheck, PlanCheck
from coself.render.common import label

STATUS_HEADINGS = {
    OVERDUE: "Overdue",
    "doing": "Doing",
    "planned": "Planned",
    "done": "Done",
    "dropped": "Dropped",
}
KIND_WORDS = {"red-flag": "red flag", "priority": "priority", "gap": "perception gap"}
PLAN_CHECK_TITLE = "The action plan against this assessment"
NO_PLAN_ACTIONS = "The plan has no actions."


def plan_title(plan: Plan) -> str:
    """The plan's title, naming the organisation."""
    return f"Action plan: {plan.organisation}"


def plan_about(plan: Plan, today: str) -> str:
    """When the plan was made, from whom, and how many actions are overdue today."""
    made = f"Made on {plan.made}" if plan.made else "Made"
    groups = ", ".join(f"{label(p)} ({n})" for p, n in plan.groups)
    source = f" from the answers of {groups}" if groups else ""
    overdue = sum(is_overdue(a, today) for a in plan.actions)
    return (
        f"{made}{source}. {len(plan.actions)} action(s); on {today}, {overdue} overdue "
        "(not done and past the due date)."
    )


def grouped(plan: Plan, today: str) -> list[tuple[str, list[PlanAction]]]:
    """(heading, actions) in the order shown: overdue first."""
    return [(STATUS_HEADINGS[name], actions) for name, actions in by_status(plan, today)]


def action_heading(action: PlanAction) -> str:
    """An action's id, kind and status, as a heading."""
    return f"{action.id} ({KIND_WORDS.get(action.kind, action.kind)}, {action.status.value})"


def action_fields(action: PlanAction) -> list[tuple[str, str]]:
    """(label, text) for each field of an action worth showing, in reading order."""
    fields = [
        ("About", action.subject),
        ("Found", action.finding),
        ("Raised by", ", ".join(label(p) for p in action.raised_by)),
        ("Questions", ", ".join(action.questions)),
        ("Recommendations", ", ".join(action.recommendations)),
        ("Suggested action", action.action),
        ("Guide", action.guide),
        ("Owner", action.owner or "nobody yet"),
        ("Due", action.due or "no date set"),
        ("What changed", action.what_changed or ""),
    ]
    return [(name, text) for name, text in fields if text]


def moved_words(check: ActionCheck) -> str:
    """How the answers an action rests on moved, in words."""
    if check.action.kind == "red-flag":
        return "still raised" if check.still_raised else "no longer raised"
    if check.moved == UNKNOWN or check.change is None:
        return UNKNOWN
    if check.moved == SAME:
        return "same (no change)"
    return f"{check.moved} ({check.change:+.2f} levels on average)"


def check_sentence(check: ActionCheck) -> str:
    """One action's check in a sentence, with a warning when done did not help."""
    sentence = f"{action_heading(check.action)}: {moved_words(check)}."
    if check.done_not_improved:
        sentence += " WARNING: marked done, but its answers did not improve."
    return sentence


def check_warnings(plan_check: PlanCheck) -> list[str]:
    """The things to look at first: done actions that did not help, flags still raised."""
    lines = [
        f"WARNING: {c.action.id} is marked done, but its answers did not improve "
        f"({moved_words(c)})."
        for c in plan_check.done_not_improved
    ]
    lines += [
        f"RED FLAG still raised: {c.action.id}: {c.action.subject}"
        for c in plan_check.still_raised
        if not c.done_not_improved
    ]
    lines += [
        f"RED FLAG raised now, with no action in the plan: {plan_check.texts.get(q, q)} ({q})"
        for q in plan_check.new_flags
    ]
    return lines


CHECK_HEADER = ["Action", "Kind", "Status", "Answers moved", "Done but not improved"]


def check_cells(check: ActionCheck) -> list[str]:
    """One row of the table of checked actions."""
    return [
        check.action.id,
        KIND_WORDS.get(check.action.kind, check.action.kind),
        check.action.status.value,
        moved_words(check),
        "yes" if check.done_not_improved else "no",
    ]
