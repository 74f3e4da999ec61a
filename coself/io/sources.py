"""Reading every assessment named on a command line: files, folders, CSV exports, stdin."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from coself.core.answers import build_answers
from coself.core.scoring import Result, score
from coself.errors import InputError, Problem
from coself.io.banks import Library
from coself.io.csvin import read_rows
from coself.io.storage import ANSWERS_SIZE_LIMIT, load_answers
from coself.io.yamlsafe import read_stdin_text, read_text

INPUT_SUFFIXES = {".yaml", ".yml", ".json", ".csv"}
CSV_SIZE_LIMIT = 64 * ANSWERS_SIZE_LIMIT  # a spreadsheet export holds many assessments
STDIN = "-"


def expand(
    paths: Sequence[str | Path], exclude: Path | None = None
) -> tuple[list[Path], list[str]]:
    """Input files among the paths (folders searched recursively, files before sub-folders,
    each in name order, hidden ones and `exclude` skipped) and the paths that do not exist."""
    found: list[Path] = []
    missing: list[str] = []
    skip = exclude.resolve() if exclude else None
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and Path(root, d).resolve() != skip
                )
                found += [
                    Path(root, f)
                    for f in sorted(files)
                    if not f.startswith(".") and Path(f).suffix.lower() in INPUT_SUFFIXES
                ]
        elif path.exists():
            found.append(path)
        else:
            missing.append(str(given))
    return found, missing


def read_results(paths: Sequence[str], library: Library) -> list[tuple[Result, list[str]]]:
    """Score every assessment in the paths; raise InputError listing every problem found."""
    results: list[tuple[Result, list[str]]] = []
    problems: list[Problem] = []
    files, missing = expand([p for p in paths if p != STDIN])
    problems += [Problem(m, 0, 0, "no such file or folder") for m in missing]
    problems += _empty_folders(paths)
    if STDIN in paths:
        if sys.stdin is None:  # started with standard input closed
            raise InputError.of([Problem("<stdin>", 0, 0, "there is no standard input to read")])
        try:
            text = read_stdin_text(ANSWERS_SIZE_LIMIT)
            answers, bank, warnings = load_answers("<stdin>", library.find, text)
            results.append((score(bank, answers), [str(w) for w in warnings]))
        except InputError as error:
            problems += error.problems
    for path in files:
        try:
            results += _read_file(path, library)
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError.of(problems)
    return results


def _empty_folders(paths: Sequence[str]) -> list[Problem]:
    """A problem for each folder given that holds no answers files at all."""
    kinds = ", ".join(sorted(INPUT_SUFFIXES))
    return [
        Problem(path, 0, 0, f"holds no assessments: no answers files ({kinds}) in this folder")
        for path in paths
        if path != STDIN and Path(path).is_dir() and not expand([path])[0]
    ]


def csv_assessments(
    path: Path, library: Library
) -> Iterator[tuple[str, tuple[Result, list[Problem]] | InputError]]:
    """Each row of a CSV export, scored (with its warnings) or refused; with its place.

    A row that cannot be used does not stop the others."""
    source = str(path)
    text = read_text(path, source, CSV_SIZE_LIMIT)
    for place, data in read_rows(text, source, library.banks):
        if isinstance(data, InputError):
            yield place, data
            continue
        try:
            answers, bank, warnings = build_answers(data, source, library.find)
        except InputError as error:
            yield place, error
            continue
        yield place, (score(bank, answers), warnings)


def _read_file(path: Path, library: Library) -> list[tuple[Result, list[str]]]:
    if path.suffix.lower() != ".csv":
        answers, bank, warnings = load_answers(path, library.find)
        return [(score(bank, answers), [str(w) for w in warnings])]
    results = []
    problems: list[Problem] = []
    for _, got in csv_assessments(path, library):
        if isinstance(got, InputError):
            problems += got.problems
        else:
            results.append((got[0], [str(w) for w in got[1]]))
    if problems:
        raise InputError.of(problems)
    return results
