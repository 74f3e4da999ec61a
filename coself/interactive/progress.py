"""The batch run in the terminal: a progress bar on a terminal, then the summary table."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from coself.batch.rows import SECTION_IDS, TABLE_ROWS, Outcome, Totals
from coself.core.text import clean, one_line


@contextlib.contextmanager
def progress_for(
    console: Console, plain: bool
) -> Iterator[tuple[Callable[[int], None], Callable[[Outcome], None]]]:
    """Callbacks for the batch: a live bar only on a terminal and not in plain mode.

    Problems with files are printed as they are found, one line each, whatever the mode.
    """
    if plain or not console.is_terminal:

        def report(outcome: Outcome) -> None:
            for problem in outcome.problems:
                console.print(Text(clean(problem)), soft_wrap=True)

        yield (lambda n: None), report
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("Scoring"), BarColumn(), MofNCompleteColumn(), console=console, transient=True
    ) as progress:
        task = progress.add_task("files", total=None)

        def on_outcome(outcome: Outcome) -> None:
            for problem in outcome.problems:
                progress.console.print(Text(clean(problem)), soft_wrap=True)
            if outcome.file_done:
                progress.advance(task)

        yield (lambda n: progress.update(task, total=n)), on_outcome


SUMMARY_WIDTH = 116  # wide enough that no column is squeezed out; a narrow terminal wraps lines


def summary_table(totals: Totals, plain: bool) -> Table:
    """One row per assessment when there are few; averages by bank and perspective otherwise.

    Print it on a console at least SUMMARY_WIDTH wide: Rich would otherwise squeeze columns to
    a few letters on an 80-column terminal.
    """
    style = box.ASCII if plain else box.SIMPLE_HEAD
    titles = [s.title() for s in SECTION_IDS]
    if totals.succeeded <= TABLE_ROWS:
        banks = {row["bank"] for row in totals.rows}
        one_bank = len(banks) == 1
        table = Table(
            box=style,
            title="Summary" + (f" (bank {banks.pop()})" if one_bank else ""),
            title_justify="left",
        )
        table.add_column("Organisation", overflow="fold")
        table.add_column("Perspective")
        if not one_bank:
            table.add_column("Bank")
        for name in ("Overall", "Stage", "Coverage", *titles):
            table.add_column(name, justify="left" if name == "Stage" else "right")
        for row in totals.rows:
            cells = [
                row["organisation"],
                row["perspective"],
                *([] if one_bank else [row["bank"]]),
                row["overall"],
                row["stage"],
                f"{row['coverage']}%" if row["coverage"] else "",
                *(row[s] for s in SECTION_IDS),
            ]
            table.add_row(*(Text(one_line(x or "—")) for x in cells))
        return table
    table = Table(
        "Bank",
        "Perspective",
        "Assessments",
        "Mean overall",
        *(f"Mean {t.lower()}" for t in titles),
        box=style,
        title=f"Summary of {totals.succeeded} assessments (averages; every row is in "
        "the summary files)",
        title_justify="left",
    )
    for (bank, perspective), group in sorted(totals.groups.items()):
        means = [_mean(slot) for slot in group[1:]]
        table.add_row(Text(bank), Text(perspective), Text(str(group[0])), *map(Text, means))
    return table


def _mean(slot: Any) -> str:
    total, count = slot
    return f"{total / count:.1f}" if count else "—"
