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
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from coself.batch.rows import Outcome
from coself.errors import CoselfError
from coself.io.storage import _link_free_name
from coself.io.tempfiles import _writer_gone
from coself.render import Format, streamed_summary

_STAGING_NAME = re.compile(r"\.coself-parts-([0-9]+)\Z")
MARKDOWN_SUMMARY = streamed_summary(Format.MARKDOWN)
CSV_SUMMARY = streamed_summary(Format.CSV)


def staging_folder(out_dir: Path, batch: int) -> Path:
    """Where the batch numbered `batch` (the main process's id) stages parts' reports."""
    return out_dir / f".coself-parts-{batch}"


def row_folder(staging: Path, part: int, row: int) -> Path:
    """The folder of one row's reports: the row-th outcome of the part-th part."""
    return staging / f"{part}-{row}"


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
    with contextlib.suppress(OSError), os.scandir(out_dir) as entries:
        for entry in entries:
            found = _STAGING_NAME.match(entry.name)
            if found is None or not entry.is_dir(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                if _writer_gone(int(found.group(1)), entry.stat().st_mtime):
                    shutil.rmtree(entry.path, ignore_errors=True)


def place_reports(
    outcome: Outcome, folder: Path, out_dir: Path, suffixes: tuple[str, ...]
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
            path = folder / name
            final.append(_link_free_name(os.fspath(path), out_dir, name[: -len(suffix)], suffix))
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
