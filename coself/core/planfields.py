"""A plan file's content checked field by field (every problem located) and written back."""

from __future__ import annotations

from typing import Any

from coself.core.fields import Checker, describe, described
from coself.core.located import mark_of, value_mark
from coself.core.model import Perspective
from coself.core.plan import (
    KINDS,
    PLAN_FORMAT,
    STATUSES,
    ActionStatus,
    Plan,
    PlanAction,
    date_problem,
)
from coself.errors import InputError

TOP_REQUIRED = ["format", "organisation", "actions"]
TOP_OPTIONAL = ["made", "banks", "groups", "min_group"]
ACTION_REQUIRED = ["id", "status"]
ACTION_OPTIONAL = [
    "kind",
    "subject",
    "finding",
    "questions",
    "recommendations",
    "raised_by",
    "action",
    "guide",
    "owner",
    "due",
    "what_changed",
]
PERSPECTIVES = ", ".join(p.value for p in Perspective)


def plan_from_data(data: Any, source: str) -> Plan:
    """Check a parsed plan file; InputError listing every problem, each with its place."""
    check = Checker(source)
    top = check.mapping(data, mark_of(data), "the plan", TOP_REQUIRED, TOP_OPTIONAL)
    if top is None:
        raise InputError.of(check.problems)
    fmt = check.number(top, "format", whole=True)
    if fmt is not None and fmt != PLAN_FORMAT:
        check.fail(value_mark(top, "format"), f"format {fmt} is not one this coself reads (1)")
    organisation = check.text(top, "organisation")
    made = _optional_date(check, top, "made")
    min_group = check.number(top, "min_group", whole=True, minimum=1, maximum=1_000_000)
    banks = _banks(check, top)
    groups = _groups(check, top)
    actions: list[PlanAction] = []
    seen: set[str] = set()
    for item, mark in check.items(top, "actions", required=False):
        action = _action(check, item, mark)
        if action is not None and action.id in seen:
            check.fail(value_mark(item, "id"), f"the id {action.id!r} is used twice", action.id)
        elif action is not None:
            seen.add(action.id)
            actions.append(action)
    if check.problems:
        raise InputError.of(check.problems)
    assert organisation is not None
    return Plan(organisation, made or "", banks, groups, int(min_group or 1), tuple(actions))


def _optional(check: Checker, mapping: Any, key: str, subject: str | None = None) -> str | None:
    """Text that may be left empty (null or blank)."""
    value = mapping.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return check.text(mapping, key, subject)


def _optional_date(
    check: Checker, mapping: Any, key: str, subject: str | None = None
) -> str | None:
    text = _optional(check, mapping, key, subject)
    problem = date_problem(text) if text is not None else None
    if problem:
        check.fail(value_mark(mapping, key), f"{key!r}: {problem}", subject)
        return None
    return text


def _texts(check: Checker, mapping: Any, key: str, subject: str | None) -> tuple[str, ...]:
    found = []
    for item, mark in check.items(mapping, key, subject, required=False):
        if isinstance(item, str) and item.strip():
            found.append(item)
        else:
            check.fail(mark, f"each of {key!r} must be text, not {describe(item)}", subject)
    return tuple(found)


def _perspectives(check: Checker, mapping: Any, subject: str | None) -> tuple[Perspective, ...]:
    found = []
    for item, mark in check.items(mapping, "raised_by", subject, required=False):
        try:
            found.append(Perspective(item))
        except ValueError:
            check.fail(mark, f"{describe(item)} is not a perspective ({PERSPECTIVES})", subject)
    return tuple(found)


def _status(check: Checker, item: Any, subject: str | None) -> ActionStatus:
    raw = item.get("status")
    try:
        return ActionStatus(raw)
    except ValueError:
        check.fail(
            value_mark(item, "status"),
            f"'status' must be one of {STATUSES}, not {described(item, 'status')}",
            subject,
        )
        return ActionStatus.PLANNED


def _action(check: Checker, item: Any, mark: Any) -> PlanAction | None:
    found = check.mapping(item, mark, "an action", ACTION_REQUIRED, ACTION_OPTIONAL)
    if found is None:
        return None
    action_id = check.ident(found, "id")
    subject = action_id
    kind = _optional(check, found, "kind", subject) or "priority"
    if kind not in KINDS:
        check.fail(
            value_mark(found, "kind"),
            f"'kind' must be one of {', '.join(KINDS)}, not {kind!r}",
            subject,
        )
    status = _status(check, found, subject) if "status" in found else ActionStatus.PLANNED
    action = PlanAction(
        action_id or "",
        kind,
        _optional(check, found, "subject", subject) or "",
        _optional(check, found, "finding", subject) or "",
        _texts(check, found, "questions", subject),
        _texts(check, found, "recommendations", subject),
        _perspectives(check, found, subject),
        _optional(check, found, "action", subject) or "",
        _optional(check, found, "guide", subject) or "",
        _optional(check, found, "owner", subject),
        _optional_date(check, found, "due", subject),
        status,
        _optional(check, found, "what_changed", subject),
    )
    return action if action_id else None


def _banks(check: Checker, top: Any) -> tuple[tuple[str, str], ...]:
    found = []
    for item, mark in check.items(top, "banks", required=False):
        bank = check.mapping(item, mark, "a bank", ["id", "version"])
        if bank is not None:
            bank_id, version = check.text(bank, "id"), check.text(bank, "version")
            if bank_id and version:
                found.append((bank_id, version))
    return tuple(found)


def _groups(check: Checker, top: Any) -> tuple[tuple[Perspective, int], ...]:
    raw = top.get("groups")
    if raw is None:
        return ()
    groups = check.mapping(raw, value_mark(top, "groups"), "'groups'", [], PERSPECTIVES.split(", "))
    if groups is None:
        return ()
    found = []
    for key in list(groups):
        count = check.number(groups, key, whole=True, minimum=0, maximum=10_000_000)
        if count is not None and key in PERSPECTIVES.split(", "):
            found.append((Perspective(key), int(count)))
    return tuple(found)


def plan_to_data(plan: Plan) -> dict[str, Any]:
    """The plan file's content, in the documented order: empty fields written as null."""
    return {
        "format": PLAN_FORMAT,
        "organisation": plan.organisation,
        "made": plan.made or None,
        "banks": [{"id": b, "version": v} for b, v in plan.banks],
        "groups": {p.value: n for p, n in plan.groups},
        "min_group": plan.min_group,
        "actions": [action_data(a) for a in plan.actions],
    }


def action_data(action: PlanAction) -> dict[str, Any]:
    """One action as written in the plan file."""
    return {
        "id": action.id,
        "kind": action.kind,
        "subject": action.subject,
        "finding": action.finding,
        "questions": list(action.questions),
        "recommendations": list(action.recommendations),
        "raised_by": [p.value for p in action.raised_by],
        "action": action.action,
        "guide": action.guide,
        "owner": action.owner,
        "due": action.due,
        "status": action.status.value,
        "what_changed": action.what_changed,
    }
