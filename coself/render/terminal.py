"""The terminal report, built from Rich objects; what colour says is also said in words."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coself.core.scoring import Figure, Result
from coself.core.text import one_line
from coself.render.common import (
    bar,
    ladder_words,
    level_words,
    percent,
    points_to_target,
    score_text,
    scoring_explained,
    stage_text,
)


def _t(text: str, style: str = "", indent: int = 0) -> Text:
    """User and bank text as a Rich Text: never parsed as markup, controls stripped."""
    return Text(" " * indent + one_line(text), style=style)


def _figure_style(figure: Figure) -> str:
    if figure.score is None or figure.stage is None:
        return "dim"
    return "green" if figure.score >= 50 else "yellow"


def render_terminal(
    result: Result, generated: str, warnings: Sequence[str] = (), plain: bool = False
) -> RenderableType:
    """The report as one Rich renderable; `plain` uses ASCII only (no box drawing, no blocks)."""
    bank, answers = result.bank, result.answers
    table_box = box.ASCII if plain else box.ROUNDED
    full, empty = ("#", ".") if plain else ("█", "░")
    parts: list[RenderableType] = [
        _t(f"Co-production self-assessment: {answers.organisation}", "bold"),
        _t(
            f"Perspective: {answers.perspective.label}. Bank: {bank.title} ({bank.id} "
            f"{bank.version}). Report date: {generated}. Status: {answers.status.value}."
        ),
    ]
    parts += [_t(f"Warning: {w}", "yellow") for w in warnings]
    for question in result.red_flags:
        parts.append(_t(f"RED FLAG: {question.text} Answer: {question.red_flag_if}.", "bold red"))
    overall = result.overall
    parts.append(
        Text.assemble(
            ("\nOverall score: ", "bold"),
            (f"{score_text(overall.score)} out of 100", "bold"),
            f"   Stage: {stage_text(overall)}   Coverage: {percent(overall.tally.coverage)}",
        )
    )
    if result.uncapped_stage is not None and overall.stage != result.uncapped_stage:
        parts.append(
            _t(
                f"The score alone would give {result.uncapped_stage.title}; a red flag "
                f"holds the stage at {stage_text(overall)}."
            )
        )
    sections = Table(title="Sections", box=table_box, title_justify="left")
    for name in ("Section", "Score", "Stage", "Bar", "Coverage", "N/A", "Don't know", "Unanswered"):
        sections.add_column(
            name, justify="right" if name not in ("Section", "Stage", "Bar") else "left"
        )
    for f in result.sections:
        t = f.tally
        sections.add_row(
            _t(f.title),
            _t(score_text(f.score)),
            _t(stage_text(f), _figure_style(f)),
            _t(bar(f.score, 10, full, empty)),
            _t(percent(t.coverage)),
            _t(str(t.na)),
            _t(str(t.dont_know)),
            _t(str(t.unanswered)),
        )
    principles = Table(title="Principles", box=table_box, title_justify="left")
    for name in ("Principle", "Score", "Bar", "Answered"):
        principles.add_column(name)
    for f in result.principles:
        principles.add_row(
            _t(f.title),
            _t(score_text(f.score)),
            _t(bar(f.score, 10, full, empty)),
            _t(str(f.tally.levels)),
        )
    parts += [sections, principles]
    parts += _lists(result)
    for figure in result.sections:
        if figure.target is not None:
            parts.append(
                _t(
                    f"Target for {figure.title}: {figure.target.title}; now "
                    f"{stage_text(figure)}, {score_text(points_to_target(figure))} "
                    "points to go."
                )
            )
    if result.ladder:
        parts.append(_t("Ladder of co-production (not scored): " + ladder_words(result.ladder)))
    parts.append(_t("How this was scored", "bold"))
    parts += [_t(f"- {line}") for line in scoring_explained(bank)]
    return Group(*parts)


def _lists(result: Result) -> list[RenderableType]:
    bank = result.bank
    parts: list[RenderableType] = [_t("\nStrengths", "bold")]
    parts += [
        _t(f"{n}. {h.question.text} Answer: {level_words(bank, h.level)}.")
        for n, h in enumerate(result.strengths, 1)
    ] or [_t("None yet.")]
    parts.append(_t("\nPriorities", "bold"))
    for n, h in enumerate(result.priorities, 1):
        parts.append(_t(f"{n}. {h.question.text} Answer: {level_words(bank, h.level)}."))
        parts += [
            _t(f"What to do: {a.text} (guide: {a.page.title}, {a.page.url})", indent=3)
            for a in h.question.actions
        ]
    if not result.priorities:
        parts.append(_t("None."))
    if result.find_out:
        parts.append(_t("\nFind out (answered 'don't know')", "bold"))
        parts += [_t(f"- {q.text}") for q in result.find_out]
    parts.append(_t(""))
    return parts
