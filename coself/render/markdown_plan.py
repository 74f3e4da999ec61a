"""Markdown for the action plan, the "You said, we did" sheet and a plan's check against a
comparison (imported by coself.render.markdown, which lists them)."""

from __future__ import annotations

from coself.core.compare import Comparison
from coself.core.plan import Plan
from coself.core.plancheck import PlannedComparison
from coself.core.planfeedback import Feedback
from coself.core.text import md
from coself.render import Meta
from coself.render.common import md_table
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


def render_plan(plan: Plan, meta: Meta) -> str:
    """The plan's actions by status, overdue first (today is the report date)."""
    out = [f"# {md(plan_title(plan))}", "", md(plan_about(plan, meta.generated)), ""]
    for heading, actions in grouped(plan, meta.generated):
        out += [f"## {md(heading)} ({len(actions)})", ""]
        for action in actions:
            out += [f"### {md(action_heading(action))}", ""]
            out += [f"- **{md(name)}:** {md(text)}" for name, text in action_fields(action)]
            out.append("")
    if not plan.actions:
        out += [NO_PLAN_ACTIONS, ""]
    return "\n".join(out)


def render_feedback(sheet: Feedback, meta: Meta) -> str:
    """The "You said, we did" sheet: short sentences, no figures."""
    out = [f"# {md(sheet.title)}", "", f"**{md(sheet.organisation)}**", ""]
    out += [" ".join(md(s) for s in sheet.intro), ""]
    for part in sheet.parts:
        out += [f"## {md(part.heading)}", ""]
        for point in part.points:
            about = f' "{md(point.about)}"' if point.about else ""
            out.append(f"- {' '.join(md(s) for s in point.sentences)}{about}")
        if not part.points:
            out.append(md(sheet.empty))
        out.append("")
    return "\n".join(out)


def plan_check_markdown(comparison: Comparison) -> list[str]:
    """The section a comparison made with --plan ends with; nothing for any other."""
    if not isinstance(comparison, PlannedComparison):
        return []
    check = comparison.plan
    out = [f"## {md(PLAN_CHECK_TITLE)}", ""]
    out += [f"- **{md(line)}**" for line in check_warnings(check)]
    if check_warnings(check):
        out.append("")
    if not check.actions:
        return [*out, NO_PLAN_ACTIONS, ""]
    rows = [[md(cell) for cell in check_cells(c)] for c in check.actions]
    return out + md_table(CHECK_HEADER, rows)
