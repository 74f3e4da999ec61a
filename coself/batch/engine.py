"""Scoring many answers files at once: one report each, a streamed summary, and what failed.

Files are processed in worker processes (one per core), a large CSV export's rows in parts that
they share (see parts.py), and results come back in input order, so the summary is the same
however many workers ran. Nothing holds all results: summary rows are
written as they arrive, and only the terminal table's figures are kept (a few rows, or averages).
Whatever goes wrong with one file (a bad input, or a fault in coself met by that file) is that
file's failure, listed with its place; the other files are still processed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from coself.batch.database import open_exports
from coself.batch.exports import Exports, export_rows
from coself.batch.parts import (
    Task,
    has_large_export,
    place_reports,
    row_folder,
    staging,
    staging_folder,
    tasks,
)
from coself.batch.rows import SECTION_IDS, Outcome, Totals, summary_row
from coself.batch.store import GroupStore, from_payload, payloads, to_payload
from coself.core.combine import Combiner
from coself.core.matching import Reading
from coself.core.organisations import same_organisation
from coself.core.privacy import DEFAULT_MIN_GROUP
from coself.core.text import one_line
from coself.errors import CoselfError, InputError
from coself.io.banks import Library, load_library
from coself.io.sources import (
    Scored,
    count_input_files,
    empty_folders,
    input_files,
    missing_paths,
    score_input,
    score_part,
)
from coself.io.storage import NewFile, create_new, slug, stem_label
from coself.io.tempfiles import sweep_stale_temps
from coself.render import Format, Kind, Meta, render, streamed_summary
from coself.render.common import Summary

# The summary files are written as the batch goes: a head, a line per assessment, a tail.
MARKDOWN_SUMMARY = streamed_summary(Format.MARKDOWN)
CSV_SUMMARY = streamed_summary(Format.CSV)

CHUNK = 32  # files a worker takes at a time
MIN_FILES_FOR_WORKERS = 64  # below this, starting workers costs more than it saves


@dataclass(frozen=True)
class Job:
    banks_dirs: tuple[Path, ...]
    out_dir: Path
    formats: tuple[Format, ...]
    generated: str
    gap_threshold: float = 20.0
    min_group: int = DEFAULT_MIN_GROUP
    exports: Exports = Exports()  # the analyst exports asked for
    reading: Reading | None = None  # how exports from online forms are read


_STATE: dict[str, Any] = {}


def _start_worker(job: Job, library: Library | None = None) -> None:
    _STATE["job"] = job
    _STATE["library"] = library or _STATE.get("library") or load_library(job.banks_dirs)


# How worker processes take signals. Ctrl-C reaches every process of the terminal's group: the
# main process alone answers it (it stops the workers), so that a person sees one line, not a
# traceback per worker. SIGTERM (how the main process stops them) and SIGHUP simply end them.
_WORKER_SIGNALS = {
    signal.SIGINT: signal.SIG_IGN,
    signal.SIGTERM: signal.SIG_DFL,
    signal.SIGHUP: signal.SIG_DFL,
}


def _start_pool_worker(job: Job) -> None:
    for signum, action in _WORKER_SIGNALS.items():
        signal.signal(signum, action)
    _start_worker(job)


def process(task: Task) -> list[Outcome] | tuple[int, list[Outcome]]:
    """Score one input file (a CSV gives one outcome per row); runs in a worker. A part of an
    export comes back with its number, for its reports to be named (see parts.py)."""
    if isinstance(task, tuple):
        return task[0], list(outcomes(task))
    return list(outcomes(task))


def outcomes(task: Task) -> Iterator[Outcome]:
    """Score one input file (or part of an export), yielding an outcome per assessment as it is
    scored (the last one of a file marked as the file's end), so that one export of many
    thousands of rows is never held.

    Any exception is this file's failure, named with the file and the error, never the batch's:
    coself's own faults included, which are shown as such rather than hidden."""
    part = task[1] if isinstance(task, tuple) else None
    name = part.path if part else str(task)
    last: Outcome | None = None
    try:
        job: Job = _STATE["job"]
        library: Library = _STATE["library"]
        if part is not None:
            scored = score_part(part, library, job.reading)
        else:
            scored = score_input(name, library, job.reading)
        for row, (place, got) in enumerate(scored):
            if last is not None:
                yield last
            if isinstance(task, tuple) and not isinstance(got, InputError):
                last = _staged_outcome(place, got, task[0], row)
            else:
                last = _outcome(place, got)
    except Exception as error:
        if last is not None:
            yield last
        last = _failed(name, error)
    if last is not None:
        yield last._replace(file_done=part is None or part.last)


def _staged_outcome(place: str, got: Scored, part: int, row: int) -> Outcome:
    """A row of a part of an export, its reports written into the row's own staging folder
    (see parts.py), to be named in file order by the main process."""
    job: Job = _STATE["job"]
    folder = row_folder(staging_folder(job.out_dir, os.getppid()), part, row)
    try:
        os.mkdir(folder)  # in the staging folder, made before any part was handed out
    except OSError as error:
        return _failed(place, error)
    _STATE["job"] = dataclasses.replace(job, out_dir=Path(folder))
    try:
        return _outcome(place, got)
    finally:
        _STATE["job"] = job


def _outcome(place: str, got: Scored | InputError) -> Outcome:
    if isinstance(got, InputError):
        return Outcome(place, problems=tuple(got.lines()))
    try:
        return _report(got, place)
    except Exception as error:
        return _failed(place, error)


def _failed(place: str, error: Exception) -> Outcome:
    if isinstance(error, CoselfError) and error.problems:
        return Outcome(place, problems=tuple(error.lines()))
    detail = str(error) if isinstance(error, CoselfError) else unexpected(error)
    return Outcome(place, problems=(f"{place}: {detail}",))


def unexpected(error: BaseException) -> str:
    """An error coself did not foresee, in one line: what it was, so that it can be reported."""
    detail = one_line(str(error))[:200]
    return f"could not be processed (a fault in coself: {type(error).__name__}: {detail})"


def _report(scored: Scored, place: str) -> Outcome:
    job: Job = _STATE["job"]
    result, notes = scored
    answers, bank = result.answers, result.bank
    stem = f"{_slug(answers.organisation)}-{stem_label(answers)}-{_slug(bank.id)}"
    meta = Meta(job.generated, tuple(notes), min_group=job.min_group)
    written = [
        create_new(
            job.out_dir, stem, fmt.suffix, render(Kind.SINGLE, fmt, result, meta), sync=False
        ).name
        for fmt in job.formats
    ]
    row = summary_row(result, place, " ".join(written))
    overall, sections = result.overall, {f.id: f.score for f in result.sections}
    figures = (overall.score, *(sections.get(sid) for sid in SECTION_IDS))
    return Outcome(
        place,
        row,
        figures,
        warnings=tuple(notes),
        csv_line=CSV_SUMMARY.row(row),
        md_line=MARKDOWN_SUMMARY.row(row),
        group=same_organisation(answers.organisation),
        payload=to_payload(result),
        export=export_rows(result, place, job.exports) if job.exports.wanted else None,
    )


@lru_cache(maxsize=1024)  # the same organisations and banks come round again and again
def _slug(text: str) -> str:
    return slug(text)


class _Runner:
    """Runs work in one worker process per core when there is enough of it, else in this one."""

    def __init__(self, job: Job, library: Library, size: int) -> None:
        _start_worker(job, library)
        self.out_dir = job.out_dir
        self.workers = min(os.cpu_count() or 1, 8)
        self.pool: Any = None
        if self.workers >= 2 and size >= MIN_FILES_FOR_WORKERS:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            # Workers are born with their own signal handling, even before they start.
            ours = {s: signal.signal(s, a) for s, a in _WORKER_SIGNALS.items()}
            try:
                self.pool = context.Pool(self.workers, _start_pool_worker, (job,))
            finally:
                for signum, action in ours.items():
                    signal.signal(signum, action)

    def map(
        self,
        function: Callable[[Any], Any],
        items: Iterable[Any],
        size: int,
    ) -> Iterator[Any]:
        """function over items, results in order, streamed."""
        if self.pool is None:
            return map(function, items)
        chunk = max(1, min(CHUNK, size // (4 * self.workers)))
        return self.pool.imap(function, items, chunksize=chunk)  # type: ignore[no-any-return]

    def __enter__(self) -> _Runner:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            if kind is not None:  # stopped part-way: workers may have left temporary files
                sweep_stale_temps(self.out_dir)


def run_batch(
    paths: Sequence[Path],
    job: Job,
    library: Library,
    summary_csv: Path | None,
    on_outcome: Callable[[Outcome], None] = lambda o: None,
    on_file: Callable[[int], None] = lambda n: None,
) -> tuple[Totals, Path | None]:
    """Process every input, write reports and the summaries; return the totals and summary.md."""
    count = count_input_files(paths, job.out_dir)  # for progress; the files are listed below
    on_file(count)
    for folder in {job.out_dir, *([summary_csv.parent] if summary_csv else [])}:
        sweep_stale_temps(folder)  # left by earlier runs that were killed
    totals = Totals()
    failures: list[str] = []
    markdown = NewFile(job.out_dir, "summary", ".md")
    with (
        markdown as md_out,
        _summary_csv(summary_csv) as csv_out,
        open_exports(job.exports, library) as export,
        GroupStore(job.out_dir) as store,
        staging(job.out_dir) as stage,
        _Runner(job, library, _work_size(paths, job.out_dir, count)) as runner,
    ):
        meta = Meta(job.generated)
        if csv_out:
            csv_out.write(CSV_SUMMARY.head(meta))
        md_out.write(MARKDOWN_SUMMARY.head(meta))
        missing = [
            Outcome(m, problems=(f"{m}: no such file or folder",)) for m in missing_paths(paths)
        ] + [Outcome(e.file, problems=(str(e),)) for e in empty_folders([str(p) for p in paths])]
        names = input_files(paths, job.out_dir)
        # In this process, each file's outcomes are streamed; from workers, they come as lists,
        # and a large export's rows come in parts that the workers share.
        found: Iterable[Iterable[Outcome]]
        if runner.pool:
            found = _shared(runner, names, count, library, job, stage)
        else:
            found = map(outcomes, names)
        for outcome in itertools.chain(missing, itertools.chain.from_iterable(found)):
            totals.add(outcome)
            on_outcome(outcome)
            if outcome.row is None:
                failures += outcome.problems
                continue
            if csv_out:
                csv_out.write(outcome.csv_line)
            md_out.write(outcome.md_line)
            store.add(outcome.group, outcome.payload)
            if outcome.export is not None:
                export(outcome.export)
        combined = _combined_reports(runner, store, totals, on_outcome, failures)
        summary = Summary(totals, (), failures, combined)
        md_out.write(MARKDOWN_SUMMARY.tail(summary, meta))
        if csv_out:
            csv_out.write(CSV_SUMMARY.tail(summary, meta))
    return totals, markdown.path


def _work_size(paths: Sequence[Path], out_dir: Path, count: int) -> int:
    """How much work the inputs make, to choose whether to start workers: the files, or as
    much as workers are worth when a large export is among fewer files."""
    if count >= MIN_FILES_FOR_WORKERS or not has_large_export(paths, out_dir):
        return count
    return MIN_FILES_FOR_WORKERS


def _shared(
    runner: _Runner, names: Iterable[str], count: int, library: Library, job: Job, stage: Path
) -> Iterator[list[Outcome]]:
    """Each file's outcomes from the workers, in order; a large export's rows in parts that
    the workers share, their reports named here, in file order (see parts.py)."""
    suffixes = tuple(fmt.suffix for fmt in job.formats)
    for found in runner.map(process, tasks(names, library, job.reading, stage), count):
        if isinstance(found, tuple):
            number, found = found
            found = [
                place_reports(outcome, row_folder(stage, number, row), job.out_dir, suffixes)
                for row, outcome in enumerate(found)
            ]
        yield found


def _combined_reports(
    runner: _Runner,
    store: GroupStore,
    totals: Totals,
    on_outcome: Callable[[Outcome], None],
    failures: list[str],
) -> list[str]:
    """Write a combined report for each organisation with several assessments; the names."""
    keys = store.keys()
    combined: list[str] = []
    for names, failed in runner.map(combined_report, ((store.path, k) for k in keys), len(keys)):
        combined += names
        if failed is not None:
            totals.add(failed)
            on_outcome(failed)
            failures += failed.problems
    totals.combined = len(combined)
    return combined


def combined_report(group: tuple[Path, str]) -> tuple[list[str], Outcome | None]:
    """Write one organisation's combined report(s); runs in a worker. Returns the file names
    written, or what went wrong if it could not be made (the batch goes on)."""
    try:
        return _combined_report(*group), None
    except Exception as error:
        return [], _failed(f"combined report for {one_line(group[1])}", error)


def _combined_report(path: Path, key: str) -> list[str]:
    job: Job = _STATE["job"]
    library: Library = _STATE["library"]
    combiner = Combiner()
    for payload in payloads(path, key):
        combiner.add(from_payload(payload, library))
    combined = combiner.result(job.min_group, job.gap_threshold)
    stem = f"combined-{_slug(combined.organisation)}"
    return [
        create_new(
            job.out_dir,
            stem,
            fmt.suffix,
            render(Kind.COMBINED, fmt, combined, Meta(job.generated)),
            sync=False,
        ).name
        for fmt in job.formats
    ]


def _summary_csv(path: Path | None) -> Any:
    if path is None:
        return contextlib.nullcontext()
    return NewFile(path.parent, path.name, "", replace=True)
