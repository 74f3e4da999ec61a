"""HTML for the action plan, the "You said, we did" sheet and a plan's check against a
comparison (imported by coself.render.html, which lists them; its page helpers are imported
when called, as that module imports this one)."""

from __future__ import annotations

from coself.core.compare import Comparison
from coself.core.plan import Plan
from coself.core.plancheck import PlannedComparison
from coself.core.planfeedback import Feedback
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


def _link_or_text(name: str, text: str) -> str:
    from coself.render.html import esc

    if name == "Guide" and text.startswith("https://"):
        return f'<a href="{esc(text)}">{esc(text)}</a>'
    return esc(text)


def render_plan(plan: Plan, meta: Meta) -> str:
    """The plan's actions by status, overdue first (today is the report date), as a page."""
    from coself.render.html import _page, esc

    title = plan_title(plan)
    body = [f"<h1>{esc(title)}</h1>", f"<p>{esc(plan_about(plan, meta.generated))}</p>"]
    for heading, actions in grouped(plan, meta.generated):
        body.append(f"<h2>{esc(heading)} ({len(actions)})</h2>")
        for action in actions:
            body.append(f"<h3>{esc(action_heading(action))}</h3>")
            items = "".join(
                f"<dt>{esc(name)}</dt><dd>{_link_or_text(name, text)}</dd>"
                for name, text in action_fields(action)
            )
            body.append(f"<dl>{items}</dl>")
    if not plan.actions:
        body.append(f"<p>{esc(NO_PLAN_ACTIONS)}</p>")
    return _page(title, body)


def render_feedback(sheet: Feedback, meta: Meta) -> str:
    """The "You said, we did" sheet as a page: short sentences, no figures."""
    from coself.render.html import _page, esc

    body = [
        f"<h1>{esc(sheet.title)}</h1>",
        f"<p><strong>{esc(sheet.organisation)}</strong></p>",
        f"<p>{esc(' '.join(sheet.intro))}</p>",
    ]
    for part in sheet.parts:
        body.append(f"<h2>{esc(part.heading)}</h2>")
        items = [
            f"<li>{esc(' '.join(p.sentences))}"
            + (f" &ldquo;{esc(p.about)}&rdquo;" if p.about else "")
            + "</li>"
            for p in part.points
        ]
        body.append(f"<ul>{''.join(items)}</ul>" if items else f"<p>{esc(sheet.empty)}</p>")
    return _page(f"{sheet.title}: {sheet.organisation}", body)


def plan_check_html(comparison: Comparison) -> list[str]:
    """The section a comparison made with --plan ends with; nothing for any other."""
    if not isinstance(comparison, PlannedComparison):
        return []
    from coself.render.html import _table, esc

    check = comparison.plan
    body = [f"<h2>{esc(PLAN_CHECK_TITLE)}</h2>"]
    warnings = check_warnings(check)
    if warnings:
        body.append(
            '<div class="flag"><ul>'
            + "".join(f"<li><strong>{esc(w)}</strong></li>" for w in warnings)
            + "</ul></div>"
        )
    if not check.actions:
        return [*body, f"<p>{esc(NO_PLAN_ACTIONS)}</p>"]
    rows = [[esc(cell) for cell in check_cells(c)] for c in check.actions]
    return [*body, _table("Each action and how its answers moved", CHECK_HEADER, rows)]
