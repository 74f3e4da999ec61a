"""The batch run in the terminal: a progress bar, and each problem as it is found."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.text import Text

from coself.batch.rows import Outcome
from coself.core.text import clean


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
