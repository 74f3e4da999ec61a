"""Reading every assessment named on a command line: files, folders, CSV exports, stdin."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from coself.core.answers import build_answers
from coself.core.matching import Reading
from coself.core.scoring import Result, score
from coself.errors import InputError, Problem
from coself.io.banks import Library
from coself.io.csvin import csv_table, table_rows
from coself.io.formsin import Record
from coself.io.storage import ANSWERS_SIZE_LIMIT, load_answers
from coself.io.xlsxin import read_table
from coself.io.yamlsafe import read_stdin_text, read_text

INPUT_SUFFIXES = {".yaml", ".yml", ".json", ".csv", ".xlsx"}
CSV_SIZE_LIMIT = 64 * ANSWERS_SIZE_LIMIT  # a spreadsheet export holds many assessments
STDIN = "-"
STDIN_NAME = "<stdin>"


def missing_paths(paths: Sequence[str | Path]) -> list[str]:
    """The paths named that do not exist."""
    return [str(given) for given in paths if not os.path.exists(given)]


def input_files(paths: Sequence[str | Path], exclude: Path | None = None) -> Iterator[str]:
    """Input files among the paths, one at a time (a batch of many thousands keeps no list):
    folders searched recursively, files before sub-folders, each in name order, hidden ones
    and `exclude` skipped; paths that do not exist are left out."""
    skip = exclude.resolve() if exclude else None
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if _searched(root, d, skip))
                yield from (os.path.join(root, f) for f in sorted(files) if _is_input(f))
        elif path.exists():
            yield str(given)


def count_input_files(paths: Sequence[str | Path], exclude: Path | None = None) -> int:
    """How many files input_files gives, counted without holding their names (for progress)."""
    skip = exclude.resolve() if exclude else None
    count, folders = 0, []
    for given in paths:
        if os.path.isdir(given):
            folders.append(os.fspath(given))
        elif os.path.exists(given):
            count += 1
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir() and _searched(os.path.dirname(entry.path), entry.name, skip):
                    folders.append(entry.path)
                elif _is_input(entry.name):
                    count += 1
    return count


def _searched(root: str, name: str, skip: Path | None) -> bool:
    """Whether a sub-folder is searched: not hidden, not the folder to leave out."""
    return not name.startswith(".") and (skip is None or Path(root, name).resolve() != skip)


def _is_input(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in INPUT_SUFFIXES


Scored = tuple[Result, list[str]]  # an assessment's result, and warnings about its answers


def score_input(
    given: str | Path, library: Library, reading: Reading | None = None
) -> Iterator[tuple[str, Scored | InputError]]:
    """Read one input (an answers file, a CSV or .xlsx export, or `-` for standard input) and
    score each assessment in it; each comes with its place. A problem comes in place of a
    result, so the other rows of an export are still read: this is how report, compare and
    batch read. `reading` says how exports from online forms are read."""
    source = STDIN_NAME if str(given) == STDIN else str(given)
    try:
        if source == STDIN_NAME:
            answers, bank, warnings = load_answers(source, library.find, _read_stdin())
        elif source.lower().endswith((".csv", ".xlsx")):
            yield from _score_rows(Path(given), library, reading)
            return
        else:
            answers, bank, warnings = load_answers(Path(given), library.find)
    except InputError as error:
        yield source, error
        return
    yield source, (score(bank, answers), [str(w) for w in warnings])


def read_results(
    paths: Sequence[str], library: Library, reading: Reading | None = None
) -> Iterator[Scored]:
    """Every assessment in the paths (`-` is standard input), scored, one at a time as read;
    at the end, InputError listing every problem found, if there was any."""
    named = [p for p in paths if p != STDIN]
    problems = [Problem(m, 0, 0, "no such file or folder") for m in missing_paths(named)]
    problems += empty_folders(named)
    for given in itertools.chain([STDIN] if STDIN in paths else [], input_files(named)):
        for _, got in score_input(given, library, reading):
            if isinstance(got, InputError):
                problems += got.problems
            else:
                yield got
    if problems:
        raise InputError.of(problems)


def empty_folders(paths: Sequence[str]) -> list[Problem]:
    """A problem for each folder given that holds no answers files at all."""
    kinds = ", ".join(sorted(INPUT_SUFFIXES))
    return [
        Problem(path, 0, 0, f"holds no assessments: no answers files ({kinds}) in this folder")
        for path in paths
        if os.path.isdir(path) and next(input_files([path]), None) is None
    ]


def _read_stdin() -> str:
    if sys.stdin is None:  # started with standard input closed
        raise InputError.of([Problem(STDIN_NAME, 0, 0, "there is no standard input to read")])
    return read_stdin_text(ANSWERS_SIZE_LIMIT)


def export_table(path: Path) -> tuple[list[str], Iterator[Record]]:
    """A CSV or .xlsx export's header and its numbered records, streamed."""
    source = str(path)
    if source.lower().endswith(".xlsx"):
        return read_table(path, source)
    return csv_table(read_text(path, source, CSV_SIZE_LIMIT), source)


def export_rows(
    path: Path, library: Library, reading: Reading | None = None
) -> Iterator[tuple[str, Any]]:
    """Each row of a CSV or .xlsx export as answers data (or InputError), with its place."""
    header, records = export_table(path)
    return table_rows(header, records, str(path), library.banks, reading)


def _score_rows(
    path: Path, library: Library, reading: Reading | None
) -> Iterator[tuple[str, Scored | InputError]]:
    """Each row of an export, scored or refused, with its place."""
    source = str(path)
    for place, data in export_rows(path, library, reading):
        if isinstance(data, InputError):
            yield place, data
            continue
        try:
            answers, bank, warnings = build_answers(data, source, library.find)
        except InputError as error:
            yield place, error
            continue
        yield place, (score(bank, answers), [str(w) for w in warnings])
