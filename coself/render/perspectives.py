"""The figure tables reports show in every format, as plain-text cells: a single report's
principles; a combined report's figures by perspective, recommendations by perspective, the
ladder's counts, and gap kinds in words. Each renderer escapes the cells and adds its own bar;
the facts are chosen here, once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from coself.core.combine import Combined, PerspectiveView
from coself.core.model import Bank
from coself.core.scoring import Figure
from coself.render.common import (
    bank_words,
    hidden_cell,
    label,
    mean_text,
    percent,
    score_text,
    stage_text,
)

# A gap's kind is a code; "pair" reads as what it is to a reader.
GAP_KIND_WORDS = {"pair": "mirrored question"}
LADDER_COUNT_HEADER = ["Decision", "Perspective", "Rung", "Respondents"]
_Scores = Callable[[PerspectiveView], Mapping[str, float | None]]  # a kind of a view's scores
BAR_AT = 3  # where a format that draws bars puts its Bar column in a figure row


PRINCIPLE_HEADER = ["Principle", "Score", "Stage", "Coverage", "Questions answered"]


def principle_cells(figure: Figure) -> list[str]:
    """A single report's principle: its score, stage, coverage and answers on the scale."""
    score = score_text(figure.score)
    return [figure.title, score, stage_text(figure), percent(figure.tally.coverage)] + [
        str(figure.tally.levels)
    ]


class FigureRow(NamedTuple):
    """One row of a figures table: the figure (for a bar) and its cells, with no bar."""

    figure: Figure
    cells: list[str]


def gap_kind(kind: str) -> str:
    """A gap's kind in words, e.g. 'section', 'mirrored question'."""
    return GAP_KIND_WORDS.get(kind, kind)


def banks_words(banks: tuple[Bank, ...]) -> str:
    """The question banks a combined report drew on, each with its id and version."""
    return ", ".join(bank_words(b) for b in banks)


def view_heads(combined: Combined) -> list[str]:
    """One column heading per perspective, e.g. 'Staff', 'Carers'."""
    return [label(v.perspective).capitalize() for v in combined.views]


def figure_header(first: str, combined: Combined) -> list[str]:
    """The heading of a figures table, with no Bar column (see BAR_AT)."""
    return [first, "Combined", "Stage", "Coverage", *view_heads(combined)]


def _view_cell(view: PerspectiveView, value: float | None, min_group: int) -> str:
    return mean_text(value) if view.shown else hidden_cell(min_group)


def _row(figure: Figure, combined: Combined, scores: list[float | None]) -> FigureRow:
    cells = [figure.title, score_text(figure.score), stage_text(figure)]
    cells.append(percent(figure.tally.coverage))
    cells += [
        _view_cell(v, s, combined.min_group) for v, s in zip(combined.views, scores, strict=True)
    ]
    return FigureRow(figure, cells)


def section_rows(combined: Combined) -> list[FigureRow]:
    """The overall figure (with each perspective's overall score), then each section."""
    rows = [_row(combined.overall, combined, [v.overall for v in combined.views])]
    return rows + _rows(combined, combined.sections, lambda v: v.sections)


def principle_rows(combined: Combined) -> list[FigureRow]:
    """Each principle, combined and by perspective."""
    return _rows(combined, combined.principles, lambda v: v.principles)


def _rows(
    combined: Combined,
    figures: tuple[Figure, ...],
    scores: _Scores,
) -> list[FigureRow]:
    return [_row(f, combined, [scores(v).get(f.id) for v in combined.views]) for f in figures]


def recommendation_rows(combined: Combined) -> list[list[str]]:
    """Each recommendation some shown perspective scored: id, summary, each perspective."""
    rows = []
    for rec in combined.stage_bank.framework.recommendations:
        if any(v.shown and v.recommendations.get(rec.id) is not None for v in combined.views):
            cells = [
                _view_cell(v, v.recommendations.get(rec.id), combined.min_group)
                for v in combined.views
            ]
            rows.append([rec.id, rec.summary, *cells])
    return rows


def ladder_count_rows(combined: Combined) -> list[list[str]]:
    """Where each perspective put each decision on the ladder, and how many said so."""
    return [
        [c.question.text, label(c.perspective), f"{c.rung.title} ({c.rung.group})", str(c.count)]
        for c in combined.ladder
    ]
