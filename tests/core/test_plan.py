"""Making an action plan from one assessment or a combined view, changing it, and its order."""

from __future__ import annotations

import pytest
from conftest import make_answers
from plans import combined_plan

from coself.core.model import Perspective
from coself.core.plan import (
    GAP,
    PRIORITY,
    RED_FLAG,
    ActionStatus,
    by_status,
    date_problem,
    plan_from_result,
    update_action,
)
from coself.core.scoring import score
from coself.errors import UsageError
from coself.io.banks import Library


def test_a_plan_from_a_combined_report_holds_its_red_flags_and_gaps(library: Library) -> None:
    plan = combined_plan(library)
    by_id = {a.id: a for a in plan.actions}
    assert [a.id for a in plan.actions if a.kind == RED_FLAG] == [
        "red-flag-flag-late",
        "red-flag-v-flag",
    ]
    assert by_id["red-flag-v-flag"].raised_by == (Perspective.PERSON,)
    gap = by_id["gap-pair-meaning"]
    assert gap.kind == GAP
    assert gap.raised_by == (Perspective.PERSON, Perspective.STAFF)  # less positive first
    assert gap.questions == ("v-c2", "c-two")  # as asked of the less positive group first
    assert gap.subject == library.get("minivoices").question("v-c2").text  # type: ignore[union-attr]
    assert gap.recommendations == ("culture-2",)
    assert gap.action and gap.guide.startswith("https://")
    assert "gap-recommendation-culture-2" not in by_id  # the pair's gap, not twice
    assert "gap-recommendation-culture-1" in by_id
    assert [a.kind for a in plan.actions].count(PRIORITY) == 3
    assert all(a.status is ActionStatus.PLANNED and a.owner is None for a in plan.actions)
    assert all(a.due is None and a.what_changed is None for a in plan.actions)


def test_a_group_below_the_minimum_is_never_named(library: Library) -> None:
    plan = combined_plan(library)
    assert dict(plan.groups) == {Perspective.STAFF: 5, Perspective.PERSON: 5}
    assert all(Perspective.CARER not in a.raised_by for a in plan.actions)
    named = combined_plan(library, min_group=1)  # with a minimum of one, the carer counts
    assert any(Perspective.CARER in a.raised_by for a in named.actions)


def test_action_ids_are_stable_from_one_plan_to_the_next(library: Library) -> None:
    assert [a.id for a in combined_plan(library).actions] == [
        a.id for a in combined_plan(library).actions
    ]


def test_a_plan_from_one_assessment_holds_its_red_flags_and_priorities(library: Library) -> None:
    mini = library.get("mini")
    result = score(mini, make_answers(mini, {"c-one": 1, "r-one": 0, "flag-late": "yes"}))
    plan = plan_from_result(result, "2026-11-26")
    assert [a.id for a in plan.actions] == [
        "red-flag-flag-late",
        "priority-r-one",
        "priority-c-one",
    ]
    assert plan.actions[0].raised_by == (Perspective.STAFF,)


def test_changing_an_action_keeps_the_others(library: Library) -> None:
    plan = combined_plan(library)
    changed = update_action(
        plan, "red-flag-v-flag", status=ActionStatus.DONE, what_changed="We ask first now."
    )
    action = changed.action("red-flag-v-flag")
    assert (action.status, action.what_changed, action.owner) == (
        ActionStatus.DONE,
        "We ask first now.",
        None,
    )
    assert [a for a in changed.actions if a.id != action.id] == [
        a for a in plan.actions if a.id != action.id
    ]
    with pytest.raises(UsageError, match="no action 'nope'"):
        update_action(plan, "nope", status=ActionStatus.DONE)
    with pytest.raises(UsageError, match="not a date on the calendar"):
        update_action(plan, "red-flag-v-flag", due="2027-02-30")


@pytest.mark.parametrize(
    ("text", "fine"),
    [
        ("2027-03-31", True),
        ("2028-02-29", True),
        ("2027-02-29", False),
        ("2027-13-01", False),
        ("31/03/2027", False),
        ("2027-3-1", False),
        ("2027-03-31T00:00", False),
        ("２０２７-03-31", False),
    ],
)
def test_dates_are_written_yyyy_mm_dd_and_on_the_calendar(text: str, fine: bool) -> None:
    assert (date_problem(text) is None) is fine


def test_overdue_actions_come_first_then_by_status(library: Library) -> None:
    plan = combined_plan(library)
    ids = [a.id for a in plan.actions]
    plan = update_action(plan, ids[0], status=ActionStatus.DONE, due="2026-01-01")
    plan = update_action(plan, ids[1], status=ActionStatus.DOING, due="2026-12-31")
    plan = update_action(plan, ids[2], due="2026-06-01")
    plan = update_action(plan, ids[3], status=ActionStatus.DOING, due="2026-03-01")
    plan = update_action(plan, ids[4], status=ActionStatus.DROPPED, due="2026-01-01")
    groups = by_status(plan, "2026-11-26")
    assert [name for name, _ in groups] == ["overdue", "doing", "planned", "done", "dropped"]
    assert [a.id for a in groups[0][1]] == [ids[3], ids[2]]  # by due date; done never overdue
    assert [a.id for a in groups[1][1]] == [ids[1]]
    assert [name for name, _ in by_status(plan, "2026-01-01")][0] == "doing"  # nothing overdue
