"""A large export's rows shared among the workers, with its reports named as if read whole.

Parts of one export are scored at once by different workers, so two rows whose reports take the
same name (`acme-staff-organisation.md`, then `-2`, `-3`) could take the numbers in the order
the workers happen to write them. So a row of a part writes its reports into a folder of its
own under a hidden staging folder, and the main process, taking the outcomes in file order,
moves each report to the first free name in the output folder: the names, and so the summary,
are those reading the export whole gives.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from coself.batch.rows import Outcome
from coself.core.matching import Reading
from coself.errors import CoselfError
from coself.io.banks import Library
from coself.io.sources import Part, export_parts, input_files, is_large_export
from coself.io.storage import link_free_name
from coself.io.tempfiles import stale_entries
from coself.render import Format, streamed_summary

_STAGING_NAME = re.compile(r"\.coself-parts-([0-9]+)\Z")
# A CSV export of at least two parts of this size is read in parts of a few hundred rows that
# the workers share (a row of the organisation bank's Kobo export is about 350 bytes).
EXPORT_PART_BYTES = 64 * 1024
Task = str | tuple[int, Part]  # a file, or a part of an export with its number in the batch
MARKDOWN_SUMMARY = streamed_summary(Format.MARKDOWN)
CSV_SUMMARY = streamed_summary(Format.CSV)


def tasks(
    names: Iterable[str], library: Library, reading: Reading | None, stage: Path
) -> Iterator[Task]:
    """Each file to score, a large export as its numbered parts (located here, in the main
    process, as the workers go); the staging folder is made before the first part."""
    parts = itertools.count()
    for name in names:
        for task in export_parts(name, library, reading, EXPORT_PART_BYTES):
            if isinstance(task, str):
                yield task
                continue
            number = next(parts)
            if not number:  # if it cannot be made, each row says so as its failure
                with contextlib.suppress(OSError):
                    os.mkdir(stage)
            yield number, task


def has_large_export(paths: Sequence[Path], out_dir: Path) -> bool:
    """Whether the inputs hold an export large enough to be read in parts."""
    return any(is_large_export(name, EXPORT_PART_BYTES) for name in input_files(paths, out_dir))


def staging_folder(out_dir: Path, batch: int) -> Path:
    """Where the batch numbered `batch` (the main process's id) stages parts' reports."""
    return out_dir / f".coself-parts-{batch}"


def row_folder(staging: Path | str, part: int, row: int) -> str:
    """The folder of one row's reports: the row-th outcome of the part-th part (a plain
    string: the main process makes one for every row)."""
    return os.path.join(staging, f"{part}-{row}")


@contextlib.contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """The batch's staging folder, removed at the end, however the batch ends (and those of
    batches killed outright, whose process is gone, removed at the start)."""
    sweep_stale_staging(out_dir)
    folder = staging_folder(out_dir, os.getpid())
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sweep_stale_staging(out_dir: Path) -> None:
    """Remove the staging folders of batches whose process is gone (killed with -9, say)."""
    for entry in stale_entries(out_dir, _STAGING_NAME, folders=True):
        shutil.rmtree(entry.path, ignore_errors=True)


def place_reports(
    outcome: Outcome, folder: str, out_dir: Path, suffixes: tuple[str, ...]
) -> Outcome:
    """Move one row's staged reports to the first free names in out_dir, in order; the outcome
    with its summary row naming them. A report that cannot be moved is the row's failure."""
    if outcome.row is None:
        shutil.rmtree(folder, ignore_errors=True)
        return outcome
    staged = outcome.row["reports"].split(" ") if outcome.row["reports"] else []
    final = []
    try:
        for name, suffix in zip(staged, suffixes, strict=True):
            path = os.path.join(folder, name)
            final.append(link_free_name(path, out_dir, name[: -len(suffix)], suffix))
            os.unlink(path)
        os.rmdir(folder)
    except (OSError, CoselfError) as error:
        for made in final:
            with contextlib.suppress(OSError):
                os.unlink(made)
        shutil.rmtree(folder, ignore_errors=True)
        detail = error.strerror if isinstance(error, OSError) else str(error)
        problem = f"{outcome.place}: cannot write its report: {detail}"
        return Outcome(outcome.place, problems=(problem,), file_done=outcome.file_done)
    names = [p.name for p in final]
    if names == staged:
        return outcome
    row = {**outcome.row, "reports": " ".join(names)}
    return outcome._replace(
        row=row, csv_line=CSV_SUMMARY.row(row), md_line=MARKDOWN_SUMMARY.row(row)
    )
