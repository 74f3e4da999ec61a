"""The terminal's combined report: combined figures beside each perspective's, the gaps between
them, the ladder and how answers spread (coself.render.terminal lists it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coself.core.combine import Combined
from coself.render import Meta, perspectives
from coself.render.common import (
    MIRRORED_INTRO,
    cap_sentence,
    combined_explained,
    combined_title,
    hidden_sentence,
    kind_words,
    label,
    ladder_count_sentence,
    pair_gap_sentence,
    pair_gaps,
    raised_by_sentence,
    responses_words,
    score_text,
    stage_text,
    voices_sentence,
)
from coself.render.distributions import (
    HEADING,
    ITEM,
    SUB_ITEM,
    identifiable_sentence,
    spread_outline,
)
from coself.render.terminal import _heading, _t, _table

if TYPE_CHECKING:  # Rich is imported within functions: coself.render.terminal is its one importer
    from rich.console import RenderableType
    from rich.table import Table


def combined_view(combined: Combined, meta: Meta) -> RenderableType:
    """The combined report: combined figures beside each perspective's, the gaps between them,
    the ladder and how answers spread."""
    from rich.console import Group

    parts: list[RenderableType] = [
        _t(combined_title(combined.organisation), "bold"),
        _t(f"Responses: {responses_words(combined)}. Report date: {meta.generated}."),
        _t(f"Question banks: {perspectives.banks_words(combined.banks)}."),
    ]
    if combined.hidden:
        parts.append(_t(hidden_sentence(combined)))
    identifiable = identifiable_sentence(combined)
    if identifiable:
        parts.append(_t(f"PRIVACY: {identifiable}", "bold"))
    for flag in combined.red_flags:
        parts.append(_t(f"RED FLAG: {raised_by_sentence(flag)}", "bold red"))
    overall = combined.overall
    parts.append(
        _t(
            f"Combined score: {score_text(overall.score)} out of 100. Stage: "
            f"{stage_text(overall)}. Each perspective counts equally.",
            "bold",
        )
    )
    capped = cap_sentence(combined.uncapped_stage, overall)
    if capped:
        parts.append(_t(capped))
    parts.append(_figure_table("Section", perspectives.section_rows(combined), combined, meta))
    if combined.held_by_voices:
        parts.append(_t(voices_sentence(combined)))
    parts.append(_figure_table("Principle", perspectives.principle_rows(combined), combined, meta))
    parts += _large_gaps(combined)
    parts += _combined_tables(combined, meta)
    parts += [_outline_line(kind, text) for kind, text in spread_outline(combined)]
    parts += _heading("How this was scored")
    parts += [_t(f"- {line}") for line in combined_explained(combined)]
    return Group(*parts)


def _outline_line(kind: int, text: str) -> RenderableType:
    """A line of the distributions: headings set apart, items dashed, a group's counts
    indented (wrapped lines too, so that each group's counts read as one block)."""
    from rich.console import Group
    from rich.padding import Padding

    if kind == HEADING:
        return Group(*_heading(text))
    if kind == SUB_ITEM:
        return Padding(_t(text), (0, 0, 0, 4))
    return _t(f"- {text}" if kind == ITEM else text)


def _figure_table(
    first: str, rows: list[perspectives.FigureRow], combined: Combined, meta: Meta
) -> Table:
    """Sections (headed by the overall row) or principles: combined, then each perspective.
    No bars: with four perspectives they would leave too little room for the words in 100
    columns (the markdown and HTML draw them)."""
    from rich.cells import cell_len
    from rich.table import Column

    header = perspectives.figure_header(first, combined)
    longest = max(cell_len(word) for row in rows for word in row.cells[0].split())
    table = _table(f"{first}s", meta, Column(header[0], min_width=longest), *header[1:])
    for row in rows:
        table.add_row(*map(_t, row.cells))
    return table


def _combined_tables(combined: Combined, meta: Meta) -> list[RenderableType]:
    """Recommendations by perspective and the ladder's counts, where there are any."""
    parts: list[RenderableType] = []
    recommendations = perspectives.recommendation_rows(combined)
    if recommendations:
        header = ("Id", "Recommendation", *perspectives.view_heads(combined))
        table = _table("Recommendations by perspective", meta, *header)
        for row in recommendations:
            table.add_row(*map(_t, row))
        parts.append(table)
    if combined.ladder:
        parts += _heading("The ladder of co-production")
        parts.append(_t(ladder_count_sentence(combined.ladder)))
        table = _table("Decisions on the ladder", meta, *perspectives.LADDER_COUNT_HEADER)
        for row in perspectives.ladder_count_rows(combined):
            table.add_row(*map(_t, row))
        parts.append(table)
    return parts


def _large_gaps(combined: Combined) -> list[RenderableType]:
    """The first ten large gaps; the files hold them all."""
    large = [g for g in combined.gaps if g.spread >= combined.gap_threshold and g.kind != "pair"]
    mirrored = pair_gaps(combined)
    parts: list[RenderableType] = []
    if mirrored:
        parts += _heading(f"Mirrored questions: {len(mirrored)}")
        parts.append(_t(MIRRORED_INTRO))
        parts += [_t(f"- {pair_gap_sentence(g)}") for g in mirrored[:10]]
    parts += _heading(f"Perception gaps of {combined.gap_threshold:g} points or more: {len(large)}")
    for gap in large[:10]:
        parts.append(
            _t(
                f"- {kind_words(gap.kind, gap.title)}: {gap.spread:.1f} points; "
                f"{label(gap.high)} see it more positively ({gap.high_score:.1f}) than "
                f"{label(gap.low)} ({gap.low_score:.1f})."
            )
        )
    if len(large) > 10:
        parts.append(_t(f"... and {len(large) - 10} more in the markdown or JSON report."))
    return parts
