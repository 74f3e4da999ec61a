"""The `coself plan` commands: make an action plan from a report, show it, change it, and
write the "You said, we did" sheet. Each parses, calls one app function, and lets errors rise."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from coself.cli.commands import BanksDirs, GapThreshold, Plain, ReportOutput, _ctx
from coself.cli.parts import CoselfCommand, CoselfGroup, choice
from coself.core.privacy import DEFAULT_MIN_GROUP

plan_app = typer.Typer(
    cls=CoselfGroup,
    help="Make an action plan from a report, follow it, and tell people what changed.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

PlanFile = Annotated[str, typer.Argument(metavar="PLAN", help="The plan file (YAML).")]
MinGroup = Annotated[
    int,
    typer.Option(
        "--min-group",
        min=1,
        metavar="N",
        help="Never name a group with fewer people than this (it is left out of combined "
        "figures, as in combined reports).",
    ),
]


def plan_formats() -> list[str]:
    """The formats a plan is shown in, by name."""
    from coself.render import Kind, formats_for

    return [f.value for f in formats_for(Kind.PLAN)]


def feedback_formats() -> list[str]:
    """The formats of the "You said, we did" sheet, by name."""
    from coself.render import Kind, formats_for

    return [f.value for f in formats_for(Kind.FEEDBACK)]


def statuses() -> list[str]:
    """An action's statuses, by name."""
    from coself.core.plan import ActionStatus

    return [s.value for s in ActionStatus]


@plan_app.command("new", cls=CoselfCommand, short_help="Make an action plan from a report.")
def plan_new(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE",
            help="Answers files (YAML, JSON, CSV exports) or folders; several give one "
            "combined view.",
        ),
    ],
    output: Annotated[
        Optional[str],
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write the plan to this new file (never over an existing one); "
            "standard output if left out.",
        ),
    ] = None,
    min_group: MinGroup = DEFAULT_MIN_GROUP,
    gap_threshold: GapThreshold = 20.0,
    banks_dir: BanksDirs = None,
) -> None:
    """Make an action plan: one action per red flag, top priority and large perception gap,
    each with who raised it (perspectives, never names), the suggested action and guide page,
    and an empty owner, due date, status and what_changed to fill in.

    \b
    Example: coself plan new returns/ -o plan.yaml
    """
    from coself.app import CombineOptions
    from coself.app_plan import plan_new as run

    run(sources, output, _ctx(banks_dir), CombineOptions(gap_threshold, min_group))


@plan_app.command("show", cls=CoselfCommand, short_help="Show a plan's actions by status.")
def plan_show(
    plan: PlanFile,
    today: Annotated[
        Optional[str],
        typer.Option(
            "--today", metavar="YYYY-MM-DD", help="The day to count overdue actions from."
        ),
    ] = None,
    output_format: Annotated[
        str,
        choice("--format", plan_formats, "terminal, markdown, json or html.", metavar="FORMAT"),
    ] = "terminal",
    output: ReportOutput = None,
    plain: Plain = False,
) -> None:
    """Show a plan's actions by status: overdue ones first, then doing, planned, done, dropped.

    \b
    Example: coself plan show plan.yaml --today 2027-03-01
    """
    from coself.app_plan import plan_show as run
    from coself.render import Format

    run(plan, Format(output_format), output, today, _ctx(None, plain))


@plan_app.command("set", cls=CoselfCommand, short_help="Change one action in a plan.")
def plan_set(
    plan: PlanFile,
    action_id: Annotated[str, typer.Argument(metavar="ID", help="The action's id.")],
    status: Annotated[
        Optional[str],
        choice("--status", statuses, "planned, doing, done or dropped.", metavar="STATUS"),
    ] = None,
    what_changed: Annotated[
        Optional[str],
        typer.Option("--what-changed", metavar="TEXT", help="What changed because of it."),
    ] = None,
    owner: Annotated[
        Optional[str], typer.Option("--owner", metavar="NAME", help="Who owns the action.")
    ] = None,
    due: Annotated[
        Optional[str], typer.Option("--due", metavar="YYYY-MM-DD", help="When it is due.")
    ] = None,
) -> None:
    """Change one action's status, what_changed, owner or due date. The plan file is written
    again whole (atomically); comments you added to it are not kept.

    \b
    Example: coself plan set plan.yaml red-flag-structure-late --status done
    """
    from coself.app_plan import plan_set as run
    from coself.core.plan import ActionStatus

    chosen = ActionStatus(status) if status else None
    run(plan, action_id, chosen, what_changed, owner, due, _ctx(None))


@plan_app.command("feedback", cls=CoselfCommand, short_help="Write a 'You said, we did' sheet.")
def plan_feedback(
    plan: PlanFile,
    output_format: Annotated[
        str, choice("--format", feedback_formats, "markdown or html.", metavar="FORMAT")
    ] = "markdown",
    output: ReportOutput = None,
    min_group: MinGroup = DEFAULT_MIN_GROUP,
) -> None:
    """Write a "You said, we did" sheet for the people who took part, in plain words: what
    each group told us, what we did, what comes next. No figures; a group with fewer people
    than --min-group is never named.

    \b
    Example: coself plan feedback plan.yaml --format html -o feedback.html
    """
    from coself.app_plan import plan_feedback as run
    from coself.render import Format

    run(plan, Format(output_format), output, min_group, _ctx(None))


__all__ = ["plan_app"]
