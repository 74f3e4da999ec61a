"""Scoring many answers files at once: one report each, a streamed summary, and what failed.

Files are processed in worker processes (one per core) and results come back in input order, so
the summary is the same however many workers ran. Nothing holds all results: summary rows are
written as they arrive, and only the terminal table's figures are kept (a few rows, or averages).
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from coself.batch.rows import SECTION_IDS, Outcome, Totals, number
from coself.batch.store import GroupStore, from_payload, to_payload
from coself.core.scoring import Result, score
from coself.core.text import one_line
from coself.errors import CoselfError, InputError, Problem
from coself.io.banks import Library, load_library
from coself.io.sources import csv_assessments, expand
from coself.io.storage import NewFile, create_new, load_answers, slug
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
    min_group: int = 1


_STATE: dict[str, Any] = {}


def _start_worker(job: Job, library: Library | None = None) -> None:
    _STATE["job"] = job
    _STATE["library"] = library or _STATE.get("library") or load_library(job.banks_dirs)


def find_inputs(paths: Sequence[Path], exclude: Path) -> tuple[list[Path], list[Outcome]]:
    """Answer files among the paths (folders searched recursively), and paths that don't exist."""
    found, missing = expand(paths, exclude)
    return found, [Outcome(m, problems=(f"{m}: no such file or folder",)) for m in missing]


def process(name: str) -> list[Outcome]:
    """Score one input file (a CSV gives one outcome per row); runs in a worker."""
    outcomes = _process(Path(name))
    return [*outcomes[:-1], outcomes[-1]._replace(file_done=True)] if outcomes else []


def _process(path: Path) -> list[Outcome]:
    library: Library = _STATE["library"]
    source = str(path)
    try:
        if path.suffix.lower() == ".csv":
            return list(_process_csv(path, library))
        answers, bank, warnings = load_answers(path, library.find)
        return [_report(score(bank, answers), source, warnings)]
    except CoselfError as error:
        return [Outcome(source, problems=tuple(error.lines()))]


def _process_csv(path: Path, library: Library) -> Iterator[Outcome]:
    for place, got in csv_assessments(path, library):
        if isinstance(got, InputError):
            yield Outcome(place, problems=tuple(got.lines()))
        else:
            result, warnings = got
            yield _report(result, place, warnings)


def _report(result: Result, place: str, warnings: list[Problem]) -> Outcome:
    job: Job = _STATE["job"]
    answers, bank = result.answers, result.bank
    notes = [str(w) for w in warnings]
    stem = f"{_slug(answers.organisation)}-{answers.perspective.value}-{_slug(bank.id)}"
    meta = Meta(job.generated, tuple(notes))
    written = [
        create_new(
            job.out_dir, stem, fmt.suffix, render(Kind.SINGLE, fmt, result, meta), sync=False
        ).name
        for fmt in job.formats
    ]
    sections = {f.id: f.score for f in result.sections}
    overall = result.overall
    coverage = overall.tally.coverage
    row = {
        "source": place,
        "organisation": one_line(answers.organisation),
        "perspective": answers.perspective.value,
        "bank": bank.id,
        "bank_version": answers.bank_version,
        "overall": number(overall.score),
        "stage": overall.stage.title
        if overall.stage
        else ("not enough answers" if overall.score is not None else ""),
        "coverage": "" if coverage is None else f"{100 * coverage:.1f}",
        **{sid: number(sections.get(sid)) for sid in SECTION_IDS},
        "reports": " ".join(written),
    }
    figures = (overall.score, *(sections.get(sid) for sid in SECTION_IDS))
    return Outcome(
        place,
        row,
        figures,
        warnings=tuple(notes),
        csv_line=CSV_SUMMARY.row(row),
        md_line=MARKDOWN_SUMMARY.row(row),
        payload=to_payload(answers),
    )


@lru_cache(maxsize=1024)  # the same organisations and banks come round again and again
def _slug(text: str) -> str:
    return slug(text)


class _Runner:
    """Runs work in one worker process per core when there is enough of it, else in this one."""

    def __init__(self, job: Job, library: Library, size: int) -> None:
        _start_worker(job, library)
        self.workers = min(os.cpu_count() or 1, 8)
        self.pool: Any = None
        if self.workers >= 2 and size >= MIN_FILES_FOR_WORKERS:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self.pool = context.Pool(self.workers, _start_worker, (job,))

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

    def __exit__(self, *_: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def run_batch(
    paths: Sequence[Path],
    job: Job,
    library: Library,
    summary_csv: Path | None,
    on_outcome: Callable[[Outcome], None] = lambda o: None,
    on_file: Callable[[int], None] = lambda n: None,
) -> tuple[Totals, Path | None]:
    """Process every input, write reports and the summaries; return the totals and summary.md."""
    files, missing = find_inputs(paths, job.out_dir)
    on_file(len(files))
    totals = Totals()
    failures: list[str] = []
    markdown = NewFile(job.out_dir, "summary", ".md")
    with (
        markdown as md_out,
        _summary_csv(summary_csv) as csv_out,
        GroupStore() as store,
        _Runner(job, library, len(files)) as runner,
    ):
        meta = Meta(job.generated)
        if csv_out:
            csv_out.write(CSV_SUMMARY.head(meta))
        md_out.write(MARKDOWN_SUMMARY.head(meta))
        outcomes = (o for found in runner.map(process, map(str, files), len(files)) for o in found)
        for outcome in itertools.chain(missing, outcomes):
            totals.add(outcome)
            on_outcome(outcome)
            if outcome.row is None:
                failures += outcome.problems
                continue
            if csv_out:
                csv_out.write(outcome.csv_line)
            md_out.write(outcome.md_line)
            store.add(outcome.row["organisation"], outcome.payload)
        combined = [
            name
            for names in runner.map(combined_report, store.groups(), totals.succeeded)
            for name in names
        ]
        totals.combined = len(combined)
        summary = Summary(totals, (), failures, combined)
        md_out.write(MARKDOWN_SUMMARY.tail(summary, meta))
        if csv_out:
            csv_out.write(CSV_SUMMARY.tail(summary, meta))
    return totals, markdown.path


def combined_report(payloads: list[str]) -> list[str]:
    """Write one organisation's combined report(s); runs in a worker. Returns the file names."""
    from coself.core.combine import combine

    job: Job = _STATE["job"]
    library: Library = _STATE["library"]
    results = [
        score(bank, answers) for answers, bank in (from_payload(p, library) for p in payloads)
    ]
    combined = combine(results, job.min_group, job.gap_threshold)
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
