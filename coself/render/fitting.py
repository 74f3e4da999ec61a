"""Which columns of the batch summary's terminal table fit the terminal: the least needed are left
out (and named), so that no word is ever broken across lines. Rich-free: `measure` is passed in."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from coself.batch.rows import SECTION_IDS
from coself.core.text import one_line
from coself.render.common import summary_stage

Measure = Callable[[str], int]  # how many terminal cells a text takes

CELL_PADDING = 3  # a space either side of a cell and one between columns (or a border)
SOURCE_WIDEST = 22  # a longer source path is shown by its end, the file name
WRAPPED_WIDEST = 18  # a longer organisation wraps at spaces
STAGE_WIDEST = 16  # and so does a longer stage, e.g. "Leading by score, held at Developing ..."


@dataclass(frozen=True)
class SummaryColumn:
    """One column of the terminal summary: how to fill it, and how readily it is left out."""

    header: str
    rank: int  # the column with the lowest rank is left out first when the table is too wide
    cell: Callable[[Mapping[str, str]], str] = lambda row: ""  # from a summary row
    numeric: bool = False
    widest: int = 0  # cells wider than this wrap at spaces (0: never wrapped)
    keeps_end: bool = False  # a cell too wide is shortened from its start (a path: its file name)


def source_cell(source: str, widest: int = SOURCE_WIDEST) -> str:
    """A source path short enough for the table: its end, from a folder boundary where one fits,
    so that the file name always shows."""
    source = one_line(source)
    if len(source) <= widest:
        return source
    end = source[-(widest - 1) :]
    cut = min((at for at in (end.find("/"), end.find("\\")) if at >= 0), default=-1)
    return "…" + (end[cut:] if 0 <= cut < len(end) - 1 else end)


def _coverage(row: Mapping[str, str]) -> str:
    return f"{row['coverage']}%" if row["coverage"] else ""


def _section(sid: str) -> SummaryColumn:
    rank = 4 - SECTION_IDS.index(sid)  # the later sections go first: a table keeps its order
    return SummaryColumn(sid.title(), rank, lambda row: row[sid], numeric=True)


ROW_COLUMNS = (  # in table order; a narrow terminal keeps the highest ranks
    SummaryColumn("Source", 11, lambda row: row["source"], widest=SOURCE_WIDEST, keeps_end=True),
    SummaryColumn("Organisation", 15, lambda row: row["organisation"], widest=WRAPPED_WIDEST),
    SummaryColumn("Perspective", 12, lambda row: row["perspective"]),
    SummaryColumn("Bank", 9, lambda row: row["bank"]),
    SummaryColumn("Version", 6, lambda row: row["bank_version"]),
    SummaryColumn("Overall", 14, lambda row: row["overall"], numeric=True),
    # The Stage column says when red flags held the stage down, and what the score alone gives
    # then; so this column is the first to go.
    SummaryColumn("Stage by score", 0, lambda row: row["stage_by_score"], widest=STAGE_WIDEST),
    SummaryColumn("Red flags", 10, lambda row: row["red_flags"], numeric=True),
    SummaryColumn("Stage", 13, summary_stage, widest=STAGE_WIDEST),
    SummaryColumn("Coverage", 5, _coverage, numeric=True),
    *(_section(sid) for sid in SECTION_IDS),
    SummaryColumn("Reports", -1, lambda row: row["reports"]),  # the files: in summary.md
)
# Beyond TABLE_ROWS assessments: the averages by bank and perspective (filled from the totals).
AVERAGE_COLUMNS = (
    SummaryColumn("Bank", 10),
    SummaryColumn("Perspective", 9),
    SummaryColumn("Assessments", 8, numeric=True),
    *(
        SummaryColumn(f"Mean {name}", 7 - n, numeric=True)
        for n, name in enumerate(["overall", *SECTION_IDS])
    ),
)


def column_width(column: SummaryColumn, cells: Sequence[str], measure: Measure = len) -> int:
    """The narrowest the column may be: its longest cell, but at most `widest` for a column that
    wraps, and never narrower than a word of its header (headers wrap at spaces only)."""
    longest = max((measure(c) for c in cells), default=0)
    if column.widest:
        longest = min(longest, column.widest)
    return max(longest, *(measure(w) for w in column.header.split()))


@dataclass(frozen=True)
class Fitted:
    """The columns that fit, by index, with the width of each; and those left out."""

    kept: dict[int, int]
    left_out: list[SummaryColumn]


def fit_columns(
    columns: Sequence[SummaryColumn],
    rows: Sequence[Sequence[str]],
    width: int,
    measure: Measure = len,
) -> Fitted:
    """Leave out the lowest-ranked columns until the rest fit in `width`; then give the room
    left to headers and cells that would otherwise wrap, the highest-ranked columns first."""
    widths = [column_width(c, [r[i] for r in rows], measure) for i, c in enumerate(columns)]
    kept = list(range(len(columns)))
    by_rank = sorted(kept, key=lambda i: columns[i].rank)

    def used() -> int:
        return 1 + sum(widths[i] + CELL_PADDING for i in kept)

    while len(kept) > 1 and used() > width:
        kept.remove(by_rank.pop(0))
    ranked = sorted(kept, key=lambda i: -columns[i].rank)
    for i in ranked:  # a header on one line, where the whole of it fits
        header = measure(columns[i].header)
        if header > widths[i] and used() + header - widths[i] <= width:
            widths[i] = header
    for i in ranked:
        natural = max((measure(r[i]) for r in rows), default=0)
        widths[i] = max(widths[i], min(natural, widths[i] + width - used()))
    return Fitted({i: widths[i] for i in kept}, [c for i, c in enumerate(columns) if i not in kept])


def left_out_sentence(left_out: Sequence[SummaryColumn], width: int) -> str | None:
    """What the terminal table leaves out, and where to find it; None when nothing is."""
    if not left_out:
        return None
    names = ", ".join(c.header for c in left_out)
    return (
        f"Left out to fit {width} columns: {names}. Every column is in the markdown summary "
        "(summary.md) and in the CSV summary (--summary)."
    )
