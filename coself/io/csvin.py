"""Wide CSV exports (one row per respondent) turned into located answers data, row by row."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import Any

from coself.core.located import Cell, LMap, Mark
from coself.core.matching import Reading
from coself.core.model import ANSWERS_FORMAT, CSV_FIXED, Bank
from coself.errors import InputError, Problem
from coself.io.formsin import Record, form_rows, plan_columns
from coself.io.yamlsafe import NumberTooLongError, resolve_plain

csv.field_size_limit(64 * 1024)


def _choose_bank(header: list[str], banks: dict[str, Bank], source: str) -> Bank | None:
    """The bank whose question ids include every question column (None with a 'bank' column)."""
    if "bank" in header:
        return None
    questions = [h for h in header if h not in CSV_FIXED]
    if not questions:
        raise InputError.of([Problem(source, 1, 0, "the CSV has no question columns")])
    for bank in banks.values():
        if all(bank.question(q) for q in questions):
            return bank
    problems = [
        Problem(source, 1, q, f"no bank has a question {q!r}")
        for q in questions
        if not any(b.question(q) for b in banks.values())
    ]
    raise InputError.of(
        problems
        or [
            Problem(
                source,
                1,
                0,
                "the question columns come from more than one bank; add a 'bank' column",
            )
        ]
    )


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")


def lines(text: str) -> Iterator[str]:
    """The text's lines with their endings (\\n, \\r\\n or \\r), as a file opened with
    newline="" gives them, one at a time: a StringIO would first copy an export of many
    thousands of rows into four bytes a character."""
    return (match.group() for match in _LINE.finditer(text))


def separator(text: str) -> str:
    """The export's separator, `;` (KoboToolbox's default) or `,`: whichever splits the header
    record into more cells (quoted question texts may hold either)."""
    counts = {}
    for sep in (",", ";"):
        try:
            counts[sep] = len(next(csv.reader(lines(text), delimiter=sep), []))
        except csv.Error:
            counts[sep] = 0
    return ";" if counts[";"] > counts[","] else ","


def _is_wide(header: list[str], banks: dict[str, Bank]) -> bool:
    """Whether the header is coself's own wide export: fixed columns and question ids only."""
    return all(
        h in CSV_FIXED or h == "bank" or any(b.question(h) for b in banks.values()) for h in header
    )


def csv_table(text: str, source: str) -> tuple[list[str], Iterator[Record]]:
    """A CSV export's header and its records after it, numbered (the header is 1). Rows are
    records as the csv module defines them (a quoted cell may hold line breaks of any kind),
    numbered as records, as a spreadsheet numbers its rows."""
    reader = csv.reader(lines(text), delimiter=separator(text))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError.of([Problem(source, 0, 0, "the CSV file is empty")]) from None
    except csv.Error as error:
        raise InputError.of([Problem(source, 1, 0, f"unreadable CSV: {error}")]) from None
    return header, _records(reader, source)


def record_ends(text: str) -> Iterator[tuple[int, list[str] | None]]:
    """Where each record of a CSV export ends (a character offset into the text; the header's
    first), with its cells (None when unreadable), split exactly as csv_table splits them: the
    reader takes whole lines, and starts each record afresh on the line after the last."""
    consumed = 0

    def counted() -> Iterator[str]:
        nonlocal consumed
        for line in lines(text):
            consumed += len(line)
            yield line

    reader = csv.reader(counted(), delimiter=separator(text))
    while True:
        try:
            row: list[str] | None = next(reader)
        except StopIteration:
            return
        except csv.Error:
            row = None
        yield consumed, row


def part_records(text: str, delimiter: str, source: str, first: int) -> Iterator[Record]:
    """The records of a part of a CSV export (whole records, no header), numbered from `first`
    as they are numbered in the whole export."""
    return _records(csv.reader(lines(text), delimiter=delimiter), source, first)


def read_rows(
    text: str, source: str, banks: dict[str, Bank], reading: Reading | None = None
) -> Iterator[tuple[str, Any]]:
    """Yield (place, data) for each respondent row of a CSV export (see table_rows)."""
    header, records = csv_table(text, source)
    return table_rows(header, records, source, banks, reading)


def table_rows(
    header: list[str],
    records: Iterator[Record],
    source: str,
    banks: dict[str, Bank],
    reading: Reading | None = None,
    part: int | None = None,
) -> Iterator[tuple[str, Any]]:
    """Yield (place, data) for each respondent row, data shaped like a parsed answers file.

    A row that cannot be read yields (place, InputError) so the others are still processed.
    coself's own wide export is read by its question-id columns; any other header (an online
    form's export) through its columns' matches to the bank (formsin), with problems with its
    columns first, once. `part` numbers the records given when they are one part of a larger
    export read in parts: the problems with its columns come with part 0 only, and a part with
    no rows of answers is no error (the export as a whole has some).
    """
    if (reading and reading.form_map) or not _is_wide(header, banks):
        yield from read_form(header, records, source, banks, reading, part)
        return
    _check_header(header, source)
    bank = _choose_bank(header, banks, source)
    assessments = 0
    for record, row in records:
        if isinstance(row, InputError):
            yield f"{source}:{record}", row
        elif any(cell.strip() for cell in row):
            assessments += 1
            yield f"{source}:{record}", _row_data(header, row, record, bank, source)
    if not assessments and part is None:
        raise _no_assessments(source)


def read_form(
    header: list[str],
    records: Iterator[Record],
    source: str,
    banks: dict[str, Bank],
    reading: Reading | None,
    part: int | None = None,
) -> Iterator[tuple[str, Any]]:
    """The rows of an online form's export (CSV or xlsx): its column problems first, once;
    then each row; InputError at the end when it has no rows of answers (see table_rows for
    `part`)."""
    plan, problems = plan_columns(header, source, banks, reading or Reading())
    if problems and not part:
        yield f"{source}:1", InputError.of(problems)
    assessments = 0
    for place, data in form_rows(plan, records):
        assessments += 1
        yield place, data
    if not assessments and part is None:
        raise _no_assessments(source)


def _no_assessments(source: str) -> InputError:
    message = "holds no assessments: there are no rows of answers under the header"
    return InputError.of([Problem(source, 0, 0, message)])


def check_header(
    header: list[str], source: str, banks: dict[str, Bank], reading: Reading | None
) -> None:
    """Raise the InputError that would refuse the whole export for its header, if any."""
    next(table_rows(header, iter(()), source, banks, reading, part=1), None)


def _records(reader: Iterator[list[str]], source: str, first: int = 2) -> Iterator[Record]:
    """Each record after the header with its number, or the error that made it unreadable."""
    record = first - 1
    while True:
        record += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            message = f"unreadable CSV row: {error}"
            yield record, InputError.of([Problem(source, record, 0, message)])
            continue
        yield record, row


def _check_header(header: list[str], source: str) -> None:
    problems = [
        Problem(source, 1, name, f"the CSV needs a column {name!r}")
        for name in ("organisation", "perspective")
        if name not in header
    ]
    seen: set[str] = set()
    for name in header:
        if not name:
            problems.append(Problem(source, 1, 0, "a column has no name"))
        elif name in seen:
            problems.append(Problem(source, 1, name, f"the column {name!r} appears twice"))
        seen.add(name)
    if problems:
        raise InputError.of(problems)


def _row_data(header: list[str], row: list[str], line: int, bank: Bank | None, source: str) -> Any:
    if len(row) != len(header):
        return InputError.of(
            [
                Problem(
                    source,
                    line,
                    0,
                    f"the row has {len(row)} cells but the header has {len(header)} columns",
                )
            ]
        )
    data = LMap(Mark(line, header[0]))
    answers = LMap(Mark(line, header[0]))
    data.update(format=ANSWERS_FORMAT)
    if bank is not None:
        data["bank"] = bank.id
    for name, cell in zip(header, row, strict=True):
        mark = Mark(line, name)
        if name in CSV_FIXED or name == "bank":
            value: Any = cell.strip() or None
            if value is not None or name != "respondent":
                data[name] = value
                data.places[name] = (mark, mark)
            continue
        try:
            value = resolve_plain(cell.strip())
        except NumberTooLongError as error:
            return InputError.of([Problem(source, line, name, error.message)])
        answers[name] = value
        answers.places[name] = (mark, Cell(line, name, cell.strip()))
    data["answers"] = answers
    data.places["answers"] = (Mark(line, header[0]), Mark(line, header[0]))
    return data
