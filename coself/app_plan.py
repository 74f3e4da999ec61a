"""What the plan commands do: make a plan from a report, show it, change it, and the
"You said, we did" sheet; and a plan held against a comparison."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Sequence
from pathlib import Path

from coself.app import CombineOptions, Context, option_text, show, today, warned
from coself.core.compare import Comparison
from coself.core.plan import ActionStatus, Plan, PriorityCount, update_action
from coself.errors import UsageError
from coself.render import Format, Kind


def plan_new(
    paths: Sequence[str], output: str | None, ctx: Context, options: CombineOptions
) -> None:
    """Make a plan from one assessment or several combined; write it to a new file or stdout."""
    from coself.core.combine import Combiner, respondent
    from coself.core.plan import plan_from_combined, plan_from_result
    from coself.io.planfile import create_plan, dump_plan
    from coself.io.sources import read_results
    from coself.io.storage import check_outputs

    check_outputs(paths, [output])
    results = warned(read_results(paths, ctx.library()), ctx)
    first, second = next(results, None), next(results, None)
    if first is not None and second is None:
        plan = plan_from_result(first[0], today())
    else:
        combiner, priorities = Combiner(), PriorityCount()
        for result, _ in itertools.chain(filter(None, (first, second)), results):
            combiner.add(respondent(result))
            priorities.add(result)
        combined = combiner.result(options.min_group, options.gap_threshold)
        plan = plan_from_combined(combined, priorities, today())
    if output in (None, "-"):
        sys.stdout.write(dump_plan(plan))
        return
    create_plan(Path(output), plan)  # never over a file that may hold someone's plan
    ctx.err(f"Plan of {len(plan.actions)} action(s) saved in {output}")


def plan_show(path: str, fmt: Format, output: str | None, day: str | None, ctx: Context) -> None:
    """Show the plan's actions by status, overdue first, as of `day` (today by default)."""
    from coself.io.planfile import load_plan
    from coself.io.storage import check_outputs

    check_outputs([path], [output])
    show(Kind.PLAN, load_plan(path), fmt, output, ctx, generated=checked_day(day))


def checked_day(day: str | None) -> str:
    """The day given as --today (checked), or the real date."""
    from coself.core.plan import date_problem

    if day is None:
        return today()
    problem = date_problem(day)
    if problem:
        raise UsageError(f"--today {problem}")
    return day


def plan_set(
    path: str,
    action_id: str,
    status: ActionStatus | None,
    what_changed: str | None,
    owner: str | None,
    due: str | None,
    ctx: Context,
) -> None:
    """Change one action in the plan file, replacing the file atomically."""
    from coself.io.planfile import read_plan, replace_plan

    if status is None and what_changed is None and owner is None and due is None:
        raise UsageError("nothing to change: give --status, --what-changed, --owner or --due")
    plan, text = read_plan(path)
    changed = update_action(
        plan,
        action_id,
        status=status,
        what_changed=option_text("--what-changed", what_changed),
        owner=option_text("--owner", owner),
        due=due,
    )
    replace_plan(Path(path), changed, text)
    action = changed.action(action_id)
    ctx.err(f"{action.id} is {action.status.value} in {path}")


def plan_feedback(path: str, fmt: Format, output: str | None, min_group: int, ctx: Context) -> None:
    """Write the "You said, we did" sheet from a plan."""
    from coself.core.planfeedback import feedback
    from coself.io.planfile import load_plan
    from coself.io.storage import check_outputs

    check_outputs([path], [output])
    plan = load_plan(path)
    for problem in plain_words_problems(plan, path):
        ctx.err(f"warning: {problem}")
    show(Kind.FEEDBACK, feedback(plan, min_group), fmt, output, ctx)


def plain_words_problems(plan: Plan, source: str) -> list[str]:
    """What `banks lint` would say, for everyday readers, of the what_changed notes the sheet
    quotes: the sheet's own sentences pass these checks (a test runs them); notes may not."""
    from coself.core.lint import EVERYDAY, Text, lint_texts
    from coself.core.located import NOWHERE
    from coself.io.lintfiles import load_word_lists

    notes = [
        Text(a.what_changed, NOWHERE, f"{a.id} what_changed")
        for a in plan.actions
        if a.what_changed and a.status in (ActionStatus.DONE, ActionStatus.DROPPED)
    ]
    if not notes:
        return []
    return [str(p) for p in lint_texts(notes, EVERYDAY, load_word_lists(), source=source)]


def read_plan_option(path: str | None) -> Plan | None:
    """The plan named by `compare --plan`, checked, or None."""
    from coself.io.planfile import load_plan

    return None if path is None else load_plan(path)


def with_plan(comparison: Comparison, plan: Plan | None) -> Comparison:
    """The comparison with the plan held against it (as it is, without a plan)."""
    from coself.core.plancheck import check_plan

    return comparison if plan is None else check_plan(comparison, plan)
