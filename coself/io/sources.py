"""Reading every assessment named on a command line: files, folders, CSV exports, stdin."""

from __future__ import annotations

import dataclasses
import heapq
import itertools
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coself.core.answers import build_answers
from coself.core.matching import Reading
from coself.core.scoring import Result, score
from coself.errors import InputError, Problem
from coself.io.banks import Library
from coself.io.csvin import (
    check_header,
    csv_table,
    part_records,
    record_ends,
    separator,
    table_rows,
)
from coself.io.formsin import Record
from coself.io.storage import ANSWERS_SIZE_LIMIT, load_answers
from coself.io.xlsxin import read_table
from coself.io.yamlsafe import decode, read_stdin_text, read_text

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
    and `exclude` skipped; paths that do not exist are left out. Links to folders are not
    followed inside a folder searched (as os.walk does)."""
    skip = exclude.resolve() if exclude else None
    for given in paths:
        if os.path.isdir(given):
            yield from _folder_files(os.fspath(given), skip)
        elif os.path.exists(given):
            yield str(given)


def _folder_files(folder: str, skip: Path | None) -> Iterator[str]:
    names, folders = _in_name_order(folder)
    yield from (os.path.join(folder, name) for name in names)
    for name in folders:
        if _descend(folder, name, skip):
            yield from _folder_files(os.path.join(folder, name), skip)


NAMES_SORTED_AT_ONCE = 1024


def _in_name_order(folder: str) -> tuple[Iterator[str], list[str]]:
    """A folder's input files and its sub-folders, each in name order; nothing if it cannot be
    read. Names are sorted a thousand at a time, each thousand kept as one string, and merged:
    a folder of 30,000 files held as 30,000 strings while it was processed cost the batch's
    main process some 3 MB (a fifth of what these strings take)."""
    runs, names, folders = [], [], []
    try:
        for name, is_folder in _entries(folder):
            if is_folder:
                folders.append(name)
            elif _is_input(name):
                names.append(name)
                if len(names) == NAMES_SORTED_AT_ONCE:
                    runs.append("\0".join(sorted(names)))  # no file name holds a NUL
                    names = []
    except OSError:
        return iter(()), []
    if names:
        runs.append("\0".join(sorted(names)))
    return heapq.merge(*map(_split_nul, runs)), sorted(folders)


def _split_nul(joined: str) -> Iterator[str]:
    """The names joined in one string, one at a time."""
    start = 0
    while (end := joined.find("\0", start)) >= 0:
        yield joined[start:end]
        start = end + 1
    yield joined[start:]


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
        folder, found, inner = folders.pop(), 0, []
        try:
            for name, is_folder in _entries(folder):
                if is_folder:
                    if _descend(folder, name, skip):
                        inner.append(os.path.join(folder, name))
                elif _is_input(name):
                    found += 1
        except OSError:  # as input_files: a folder that cannot be read gives nothing
            continue
        count += found
        folders += inner
    return count


def _entries(folder: str) -> Iterator[tuple[str, bool]]:
    """Each entry's name, and whether it is a folder (or a link to one); OSError if the folder
    cannot be read."""
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            yield entry.name, is_folder


def _descend(folder: str, name: str, skip: Path | None) -> bool:
    """Whether a sub-folder is searched: not a link (as os.walk), and _searched."""
    return not os.path.islink(os.path.join(folder, name)) and _searched(folder, name, skip)


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
            answers, bank, warnings = load_answers(given, library.find)
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
    return _scored(export_rows(path, library, reading), str(path), library)


def _scored(
    rows: Iterator[tuple[str, Any]], source: str, library: Library
) -> Iterator[tuple[str, Scored | InputError]]:
    for place, data in rows:
        if isinstance(data, InputError):
            yield place, data
            continue
        try:
            answers, bank, warnings = build_answers(data, source, library.find)
        except InputError as error:
            yield place, error
            continue
        yield place, (score(bank, answers), [str(w) for w in warnings])


@dataclass(frozen=True, slots=True)
class Part:
    """Some whole records of a large CSV export, to be read and scored on their own (by a
    worker process, so that the workers share one export's rows): byte offsets into the file
    of the header's end and of the records, the first record's number, the part's number."""

    path: str
    header_end: int
    start: int
    end: int
    first_record: int
    index: int
    last: bool


def export_parts(
    name: str, library: Library, reading: Reading | None, part_bytes: int
) -> Iterator[str | Part]:
    """One input's work: the name itself, read whole; or, for a CSV export of at least two
    parts of about `part_bytes` whose header is sound, its parts in file order. The records
    are located here, as they are read (a quoted cell may hold line breaks), but not read."""
    if not is_large_export(name, part_bytes):
        yield name
        return
    parts = _parts(name, library, reading, part_bytes)
    first = next(parts, None)
    if first is None:  # the whole file's problems are reported as they are today: read whole
        yield name
        return
    yield first
    yield from parts


def is_large_export(name: str, part_bytes: int) -> bool:
    """Whether a file is a CSV export large enough to be read in parts."""
    try:
        return name.lower().endswith(".csv") and os.stat(name).st_size >= 2 * part_bytes
    except OSError:
        return False


def _parts(name: str, library: Library, reading: Reading | None, part_bytes: int) -> Iterator[Part]:
    """The export's parts; none when its header is refused or no record holds answers (read
    whole, it then fails as a whole, once). The last is held back to be marked last."""
    try:
        text = read_text(Path(name), name, CSV_SIZE_LIMIT)
        header, _ = csv_table(text, name)
        check_header(header, name, library.banks, reading)
        to_byte = _byte_offsets(text, _bom_length(name))
    except Exception:  # noqa: BLE001 - read whole, whatever it is becomes the file's failure
        return
    held: Part | None = None
    header_end = 0
    for index, (start, end, first) in enumerate(_spans(text, part_bytes)):
        if held is not None:
            yield held
        header_end = header_end or to_byte(start)
        held = Part(name, header_end, to_byte(start), to_byte(end), first, index, False)
    if held is not None:
        yield dataclasses.replace(held, last=True)


def _spans(text: str, part_bytes: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, first record) of each part: whole records, ending at the first record's
    end at least `part_bytes` characters after the start, once a record holds answers."""
    ends = record_ends(text)
    start, _ = next(ends)
    first, answered = 2, False
    for record, (end, row) in enumerate(ends, start=2):
        answered = answered or (row is not None and any(cell.strip() for cell in row))
        if answered and end - start >= part_bytes:
            yield start, end, first
            start, first = end, record + 1
    if answered and start < len(text):
        yield start, len(text), first


def _byte_offsets(text: str, offset: int) -> Callable[[int], int]:
    """A character offset into the text as a byte offset into its file (asked in order)."""
    done = [0, offset]  # the character and byte offsets reached

    def to_byte(char: int) -> int:
        done[1] += len(text[done[0] : char].encode())
        done[0] = char
        return done[1]

    return to_byte


def _bom_length(name: str) -> int:
    """The length of the UTF-8 byte order mark that decoding took off the text, if any."""
    try:
        with open(name, "rb") as stream:
            return 3 if stream.read(3) == b"\xef\xbb\xbf" else 0
    except OSError as error:
        raise InputError.of([Problem(name, 0, 0, f"cannot read: {error.strerror}")]) from None


def score_part(
    part: Part, library: Library, reading: Reading | None = None
) -> Iterator[tuple[str, Scored | InputError]]:
    """Each row of one part of an export, scored or refused, with its place, as reading the
    whole export gives them (the problems with its columns come with the first part only)."""
    source = part.path
    head = decode(_read_range(part, 0, part.header_end), source)
    try:
        text = _read_range(part, part.start, part.end).decode("utf-8")
    except UnicodeDecodeError:
        raise _changed(source) from None
    header, _ = csv_table(head, source)
    records = part_records(text, separator(head), source, part.first_record)
    rows = table_rows(header, records, source, library.banks, reading, part.index)
    return _scored(rows, source, library)


def _read_range(part: Part, start: int, end: int) -> bytes:
    """Bytes start to end of the export: still a regular file, still that long."""
    try:
        handle = os.open(part.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                raise _changed(part.path)
            data = os.pread(handle, end - start, start)
        finally:
            os.close(handle)
    except OSError as error:
        raise InputError.of([Problem(part.path, 0, 0, f"cannot read: {error.strerror}")]) from None
    if len(data) != end - start:
        raise _changed(part.path)
    return data


def _changed(source: str) -> InputError:
    message = "changed while the batch was reading it; run the batch again"
    return InputError.of([Problem(source, 0, 0, message)])
