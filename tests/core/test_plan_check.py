"""A plan held against the next assessment: which answers moved, and what to look at first."""

from __future__ import annotations

from conftest import make_answers

from coself.core.compare import compare
from coself.core.model import Bank
from coself.core.plan import ActionStatus, plan_from_result, update_action
from coself.core.plancheck import DOWN, SAME, UNKNOWN, UP, PlannedComparison, check_plan
from coself.core.scoring import score
from coself.io.banks import Library

BEFORE = {"c-one": 1, "c-two": 2, "r-one": 0, "flag-late": "yes"}


def checked(mini: Bank, after: dict[str, object], done: tuple[str, ...] = ()) -> PlannedComparison:
    before = score(mini, make_answers(mini, BEFORE))
    plan = plan_from_result(before, "2026-01-01")
    for action_id in done:
        plan = update_action(plan, action_id, status=ActionStatus.DONE, what_changed="Done.")
    later = score(mini, make_answers(mini, after))
    return check_plan(compare([before], [later]), plan)


def moves(comparison: PlannedComparison) -> dict[str, str]:
    return {c.action.id: c.moved for c in comparison.plan.actions}


def test_each_action_says_how_its_answers_moved(library: Library) -> None:
    after = {"c-one": 1, "c-two": 3, "r-one": 0, "flag-late": "no"}
    found = checked(library.get("mini"), after)
    assert moves(found) == {
        "red-flag-flag-late": UP,
        "priority-c-two": UP,
        "priority-r-one": SAME,
        "priority-c-one": SAME,
    }
    assert {c.action.id: c.change for c in found.plan.actions}["priority-c-two"] == 1.0
    assert found.plan.done_not_improved == () and found.plan.still_raised == ()


def test_a_done_action_whose_questions_did_not_improve_is_flagged(library: Library) -> None:
    after = {"c-one": 0, "c-two": 3, "r-one": 0, "flag-late": "yes"}
    done = ("priority-c-one", "priority-c-two", "red-flag-flag-late")
    found = checked(library.get("mini"), after, done)
    assert moves(found)["priority-c-one"] == DOWN
    flagged = [c.action.id for c in found.plan.done_not_improved]
    assert flagged == ["red-flag-flag-late", "priority-c-one"]  # c-two improved: not flagged
    assert [c.action.id for c in found.plan.still_raised] == ["red-flag-flag-late"]


def test_unanswered_questions_are_not_called_the_same(library: Library) -> None:
    found = checked(library.get("mini"), {"c-two": 2}, ("priority-r-one",))
    assert moves(found)["priority-r-one"] == UNKNOWN
    assert [c.action.id for c in found.plan.done_not_improved] == ["priority-r-one"]


def test_a_red_flag_raised_now_with_no_action_is_named(library: Library) -> None:
    mini = library.get("mini")
    before = score(mini, make_answers(mini, {"c-one": 1}))
    later = score(mini, make_answers(mini, {"c-one": 1, "flag-late": "yes"}))
    found = check_plan(compare([before], [later]), plan_from_result(before, "2026-01-01"))
    assert found.plan.new_flags == ("flag-late",)
    assert found.sections == compare([before], [later]).sections  # the comparison is kept whole
