"""The combined report in the terminal, built from Rich objects; meaning is never colour alone."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coself.core.combine import Combined
from coself.core.model import PERSPECTIVE_LABELS
from coself.core.scoring import round1
from coself.core.text import one_line
from coself.render.combined import combined_explained
from coself.render.common import bar, score_text, stage_text


def _t(text: str, style: str = "") -> Text:
    return Text(one_line(text), style=style)


def render_combined_terminal(
    combined: Combined, generated: str, plain: bool = False
) -> RenderableType:
    table_box = box.ASCII if plain else box.ROUNDED
    full, empty = ("#", ".") if plain else ("█", "░")
    views = combined.views
    parts: list[RenderableType] = [
        _t(f"Co-production self-assessment, all perspectives: {combined.organisation}", "bold"),
        _t(
            "Responses: "
            + ", ".join(f"{v.respondents} {PERSPECTIVE_LABELS[v.perspective]}" for v in views)
            + f". Report date: {generated}."
        ),
    ]
    if combined.hidden:
        parts.append(
            _t(
                f"Not shown or counted, to protect privacy (fewer than "
                f"{combined.min_group} responses): "
                + ", ".join(PERSPECTIVE_LABELS[v.perspective] for v in combined.hidden)
            )
        )
    for flag in combined.red_flags:
        parts.append(
            _t(f"RED FLAG: {flag.question.text} Raised by {flag.count} respondent(s).", "bold red")
        )
    overall = combined.overall
    parts.append(
        _t(
            f"Combined score: {score_text(overall.score)} out of 100. Stage: "
            f"{stage_text(overall)}. Each perspective counts equally.",
            "bold",
        )
    )
    table = Table(title="Sections", box=table_box, title_justify="left")
    for name in (
        "Section",
        "Combined",
        "Stage",
        "Bar",
        *(PERSPECTIVE_LABELS[v.perspective].capitalize() for v in views),
    ):
        table.add_column(name)
    for figure in combined.sections:
        cells = [
            score_text(None if (s := v.sections.get(figure.id)) is None else round1(s))
            if v.shown
            else f"fewer than {combined.min_group}"
            for v in views
        ]
        table.add_row(
            _t(figure.title),
            _t(score_text(figure.score)),
            _t(stage_text(figure)),
            _t(bar(figure.score, 10, full, empty)),
            *map(_t, cells),
        )
    parts.append(table)
    if combined.held_by_voices:
        parts.append(
            _t(
                "Nothing about us without us: some section stages are held at the stage "
                "that people who draw on care and carers give."
            )
        )
    large = [g for g in combined.gaps if g.spread >= combined.gap_threshold]
    parts.append(
        _t(f"Perception gaps of {combined.gap_threshold:g} points or more: {len(large)}", "bold")
    )
    for gap in large[:10]:
        parts.append(
            _t(
                f"- {gap.kind} {gap.title}: {gap.spread:.1f} points; "
                f"{PERSPECTIVE_LABELS[gap.high]} see it more positively "
                f"({gap.high_score:.1f}) than {PERSPECTIVE_LABELS[gap.low]} "
                f"({gap.low_score:.1f})."
            )
        )
    if len(large) > 10:
        parts.append(_t(f"... and {len(large) - 10} more in the markdown or JSON report."))
    parts.append(_t("How this was scored", "bold"))
    parts += [_t(f"- {line}") for line in combined_explained(combined)]
    return Group(*parts)
