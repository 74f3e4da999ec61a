"""Online-form exports (Kobo/ODK, Microsoft Forms, Google Forms) turned into answers data, row
by row: columns matched to a bank's questions, cells to answer values, whatever the channel."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coself.core.fields import describe
from coself.core.located import Cell, LMap, Mark
from coself.core.matching import (
    ColumnMatch,
    Reading,
    Role,
    choices,
    choose_bank,
    label_table,
    match_column,
    normalise,
    perspective_of,
)
from coself.core.model import ANSWERS_FORMAT, Bank, Question, Special
from coself.core.text import one_line
from coself.errors import InputError, Problem

Record = tuple[int, "list[str] | InputError"]  # a row's number (the header is 1) and its cells
_FIELDS = {
    Role.ORGANISATION: "organisation",
    Role.PERSPECTIVE: "perspective",
    Role.RESPONDENT: "respondent",
    Role.BANK: "bank",
    Role.BANK_VERSION: "bank_version",
}


@dataclass(frozen=True, slots=True, eq=False)
class Column:
    """A column of an export, what it holds, and the words its cells may use."""

    index: int
    header: str
    role: Role
    question: Question | None = None
    words: Mapping[str, object] | None = None  # normalised cell word -> answers-file value


@dataclass(frozen=True, slots=True, eq=False)
class Plan:
    """How each row of one export becomes answers data."""

    source: str
    bank: Bank
    columns: tuple[Column, ...]
    width: int
    reading: Reading


def _raw(value: object) -> object:
    """A value as an answers file writes it."""
    return value.value if isinstance(value, Special) else value


def _words(bank: Bank, question: Question, extra: Mapping[str, object] | None) -> dict[str, Any]:
    words: dict[str, Any] = {w: _raw(v) for w, v in label_table(bank, question).items()}
    words.update(extra or {})
    return words


def _column(index: int, header: str, bank: Bank, reading: Reading, source: str) -> Column | Problem:
    """What one column holds: as the mapping file says, or as its header says."""
    form_map = reading.form_map
    rule = form_map.columns.get(normalise(header)) if form_map and form_map.columns else None
    if rule is not None:
        question = bank.question(rule.question) if rule.question else None
        if rule.question and question is None:
            message = f"unknown question id {rule.question!r} in bank {bank.id!r}"
            assert form_map is not None
            return Problem(form_map.source, rule.line, 0, message, header)
        match = ColumnMatch(rule.role, question)
        extra = rule.answers
    else:
        match, extra = match_column(header, bank), None
    if match.role is Role.UNKNOWN:
        return Problem(source, 1, one_line(header) or index + 1, _unmatched(bank, header))
    words = _words(bank, match.question, extra) if match.question is not None else None
    return Column(index, header, match.role, match.question, words)


def _unmatched(bank: Bank, header: str) -> str:
    if not header.strip():
        return "a column has no name, and its cells are not read"
    return (
        f"no question of bank {bank.id!r} matches this column, so it is not read; "
        f"to read it, map it to a question (or to ignore) in a mapping file "
        f"(coself map suggest FILE --bank {bank.id})"
    )


def plan_columns(
    header: Sequence[str], source: str, banks: Mapping[str, Bank], reading: Reading
) -> tuple[Plan, list[Problem]]:
    """How the export's rows are read, and the problems with its columns (each reported once,
    the rest still read). InputError when no column holds answers, or a row could not be
    given its organisation or perspective."""
    width = len(header)
    while width and not header[width - 1].strip():  # spreadsheets leave empty columns at the end
        width -= 1
    header = list(header[:width])
    bank = _bank(header, source, banks, reading)
    columns: list[Column] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}  # question id -> the first column holding its answers
    for index, name in enumerate(header):
        got = _column(index, name, bank, reading, source)
        if isinstance(got, Problem):
            problems.append(got)
            continue
        if got.question is not None:
            first = header[seen.setdefault(got.question.id, index)]
            if seen[got.question.id] != index:
                problems.append(
                    Problem(
                        source,
                        1,
                        one_line(name),
                        f"this column and {one_line(first)!r} both hold answers to the question",
                        got.question.id,
                    )
                )
                continue
        columns.append(got)
    _check_complete(columns, source, bank, reading, problems)
    columns.sort(key=_order)  # who answered: a respondent column, then a name, then an email
    return Plan(source, bank, tuple(columns), width, reading), problems


def _order(column: Column) -> int:
    if column.role is Role.RESPONDENT:
        return 0
    if column.role is Role.NAME:
        return 2 if "mail" in normalise(column.header) else 1
    return 3


def _bank(header: Sequence[str], source: str, banks: Mapping[str, Bank], reading: Reading) -> Bank:
    form_map = reading.form_map
    if form_map is not None and form_map.bank:
        bank = banks.get(form_map.bank)
        if bank is None:
            problem = Problem(form_map.source, 0, 0, f"unknown bank {form_map.bank!r}")
            raise InputError.of([problem])
        return bank
    found, count = choose_bank(header, banks.values())
    if found is not None:
        return found
    message = (
        "the columns match questions of more than one bank equally; name the bank in a "
        "mapping file (coself map suggest FILE --bank ID)"
        if count
        else "no column matches a question of any bank (by question id, form field name or "
        "question text); map the columns with: coself map suggest FILE --bank ID"
    )
    raise InputError.of([Problem(source, 1, 0, message)])


def _check_complete(
    columns: Iterable[Column], source: str, bank: Bank, reading: Reading, problems: list[Problem]
) -> None:
    """Refuse an export whose rows could not be read: no answers, no organisation or
    perspective (from a column, an option or the mapping file)."""
    roles = {c.role for c in columns}
    form_map = reading.form_map
    missing: list[Problem] = []
    if Role.QUESTION not in roles:
        message = f"no column holds answers to a question of bank {bank.id!r}"
        missing.append(Problem(source, 1, 0, message))
    defaults = {
        Role.ORGANISATION: (reading.organisation or (form_map and form_map.organisation), "--org"),
        Role.PERSPECTIVE: (
            reading.perspective or (form_map and form_map.perspective),
            "--perspective",
        ),
    }
    for role, (default, option) in defaults.items():
        if role not in roles and not default:
            missing.append(
                Problem(
                    source,
                    1,
                    0,
                    f"the export has no {role.value} column: give {option} (or "
                    f"'{role.value}:' in a mapping file given with --map)",
                )
            )
    if missing:
        raise InputError.of(problems + missing)


def form_rows(plan: Plan, records: Iterable[Record]) -> Iterator[tuple[str, Any]]:
    """(place, data) for each row with anything in it, data shaped like a parsed answers file;
    a row with problems gives (place, InputError) and the others are still read."""
    for record, cells in records:
        place = f"{plan.source}:{record}"
        if isinstance(cells, InputError):
            yield place, cells
        elif any(isinstance(c, str) and c.strip() for c in cells):
            yield place, row_data(plan, record, cells)


def row_data(plan: Plan, record: int, cells: list[str]) -> Any:
    """One row as answers data, or InputError naming every bad cell in it."""
    source, width = plan.source, plan.width
    if len(cells) != width and any(c.strip() for c in cells[width:]) or len(cells) < width:
        message = f"the row has {len(cells)} cells but the header has {width} columns"
        return InputError.of([Problem(source, record, 0, message)])
    first = plan.columns[0].header if plan.columns else 0
    data = LMap(Mark(record, first))
    answers = LMap(Mark(record, first))
    data.update(format=ANSWERS_FORMAT, bank=plan.bank.id)
    problems: list[Problem] = []
    for column in plan.columns:
        _cell(data, answers, column, record, cells[column.index].strip(), plan, problems)
    _defaults(data, plan, record)
    if problems:
        return InputError.of(problems)
    data["answers"] = answers
    data.places["answers"] = (Mark(record, first), Mark(record, first))
    return data


def _cell(
    data: LMap,
    answers: LMap,
    column: Column,
    record: int,
    text: str,
    plan: Plan,
    problems: list[Problem],
) -> None:
    if not text:
        return
    mark = Cell(record, one_line(column.header), text)
    if column.question is not None:
        assert column.words is not None
        value = column.words.get(text)  # values as Kobo writes them need no normalising
        if value is None:
            value = column.words.get(normalise(text))
        if value is None:
            problems.append(
                Problem(
                    plan.source,
                    record,
                    mark.col,
                    _not_an_answer(plan, column, text),
                    column.question.id,
                )
            )
            return
        answers[column.question.id] = value
        answers.places[column.question.id] = (mark, mark)
        return
    key = _FIELDS.get(column.role)
    if column.role is Role.NAME and plan.reading.include_names and "respondent" not in data:
        key = "respondent"
    if key is None or key in data and key != "bank":
        return
    if column.role is Role.PERSPECTIVE:
        found = perspective_of(text)
        text = found.value if found is not None else text
    data[key] = text
    data.places[key] = (mark, mark)


def _not_an_answer(plan: Plan, column: Column, text: str) -> str:
    assert column.question is not None
    names = ", ".join(c.name for c in choices(plan.bank, column.question))
    return (
        f"{describe(text)} is not an answer to this question; use one of {names} or the "
        "words the form shows for them (or map it in a mapping file)"
    )


def _defaults(data: LMap, plan: Plan, record: int) -> None:
    """Organisation and perspective for a row whose cells leave them out: from the options,
    then the mapping file."""
    form_map = plan.reading.form_map
    perspective = plan.reading.perspective
    given = {
        "organisation": plan.reading.organisation or (form_map.organisation if form_map else None),
        "perspective": perspective.value
        if perspective
        else (form_map.perspective if form_map else None),
        "bank_version": form_map.bank_version if form_map else None,
    }
    for key, value in given.items():
        if key not in data and value:
            data[key] = value
            data.places[key] = (Mark(record, 0), Mark(record, 0))
