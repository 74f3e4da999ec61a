"""Wide CSV exports (one row per respondent) turned into located answers data, row by row."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from coself.core.located import LMap, Mark
from coself.core.model import ANSWERS_FORMAT, CSV_FIXED, Bank
from coself.errors import InputError, Problem
from coself.io.yamlsafe import resolve_plain

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


def read_rows(text: str, source: str, banks: dict[str, Bank]) -> Iterator[tuple[str, Any]]:
    """Yield (place, data) for each respondent row, data shaped like a parsed answers file.

    A row that cannot be read yields (place, InputError) so the others are still processed.
    """
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InputError.of([Problem(source, 0, 0, "the CSV file is empty")]) from None
    except csv.Error as error:
        raise InputError.of([Problem(source, 1, 0, f"unreadable CSV: {error}")]) from None
    _check_header(header, source)
    bank = _choose_bank(header, banks, source)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield (
                f"{source}:{reader.line_num}",
                InputError.of(
                    [Problem(source, reader.line_num, 0, f"unreadable CSV row: {error}")]
                ),
            )
            continue
        if not any(cell.strip() for cell in row):
            continue
        yield f"{source}:{reader.line_num}", _row_data(header, row, reader.line_num, bank, source)


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
        else:
            value = resolve_plain(cell.strip())
            answers[name] = value
            answers.places[name] = (mark, mark)
    data["answers"] = answers
    data.places["answers"] = (Mark(line, header[0]), Mark(line, header[0]))
    return data
