"""Data for analysts: each assessment's answers and figures as rows, for a tidy CSV and SQLite.

A worker turns a result into `ExportRows` (built from what scoring already worked out; the
parts that depend only on a question and its answer are made once per worker and reused); the
main process writes them as they arrive (`AnswersCsv` here, `ExportDatabase` in database.py).
Respondents' names are left out unless asked for; notes and evidence are never exported.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from coself.batch.rows import spreadsheet_safe
from coself.core.model import Bank, Question, QuestionType, Special
from coself.core.scoring import Figure, Result, round1
from coself.core.text import one_line
from coself.errors import UsageError
from coself.io.tempfiles import sweep_stale_temps, write_error

# The tidy table's columns, one row per answer (README: "Data for analysts").
ANSWERS_COLUMNS = (
    "source",
    "organisation",
    "perspective",
    "respondent",
    "bank",
    "bank_version",
    "question_id",
    "section",
    "kind",
    "value",
    "level",
    "rung",
    "pair",
    "red_flag",
)


@dataclass(frozen=True)
class Exports:
    """Which analyst exports a batch writes, and whether respondents' names go in them."""

    answers_csv: Path | None = None
    sqlite: Path | None = None
    include_names: bool = False

    @property
    def wanted(self) -> bool:
        return self.answers_csv is not None or self.sqlite is not None

    @property
    def paths(self) -> list[Path]:
        return [p for p in (self.answers_csv, self.sqlite) if p is not None]


def check_exports(exports: Exports, summary: Path | None) -> None:
    """Refuse, before any work, names with nowhere to go and two outputs that are one file (by
    any name: the second would replace the first)."""
    if exports.include_names and not exports.wanted:
        raise UsageError("--include-names puts names in --answers-csv or --sqlite: name one")
    outputs = {
        "--summary": summary,
        "--answers-csv": exports.answers_csv,
        "--sqlite": exports.sqlite,
    }
    seen: dict[str, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        key = os.path.realpath(path)
        if key in seen:
            raise UsageError(
                f"{path}: named by both {seen[key]} and {option}; name a different file for each"
            )
        seen[key] = option


class ExportRows(NamedTuple):
    """One assessment's rows for the exports, sent from a worker to the main process. The
    answers travel as text (CSV lines, a JSON array), which costs far less to send between
    processes than a tuple per answer, and which SQLite reads itself (json_each)."""

    csv_text: str  # its lines of the answers table ('' when that is not written)
    assessment: tuple[Any, ...]  # the assessments row, without its id (see database.py)
    answers_json: str  # {"place of the question in its bank": "value", ...}
    sections: tuple[Any, ...]  # id, score, stage, *tally of each section, one after another
    principles: tuple[Any, ...]  # the same of each principle
    flags: str  # a JSON array of the places in the bank of the red flags raised ('' if none)


class _Cell(NamedTuple):
    """What an answer puts in the exports, the same for every respondent who gives it."""

    csv_tail: str  # the answers-table line from question_id on, line break included
    json: str  # its entry in the database's JSON object of answers


class _BankCells(dict[tuple[str, type, object], _Cell | None]):
    """What each answer to one bank puts in the exports, by (question id, type of value,
    value), made the first time it is met; None for an answer that makes no row."""

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        self.bank = bank
        self.places = {question.id: n for n, question in enumerate(bank.questions)}

    def __missing__(self, key: tuple[str, type, object]) -> _Cell | None:
        if len(self) >= _CELLS_KEPT:
            self.clear()
        cell = self[key] = _cell(self.bank, self.places, key)
        return cell


_CELLS: dict[Bank, _BankCells] = {}
_CELLS_KEPT = 100_000  # answers remembered per bank: bounded whatever the banks hold
_BANKS_KEPT = 64


def export_rows(result: Result, place: str, exports: Exports) -> ExportRows:
    """The rows one scored assessment brings to the exports (runs in a worker): one per answer
    given (in the file's order; unanswered and skipped questions have none)."""
    answers, bank = result.answers, result.bank
    known = _bank_cells(bank)
    # The one step per answer: its cells, looked up (made only the first time they are met).
    looked_up = [known[qid, type(a.value), a.value] for qid, a in answers.answers.items()]
    given = list(filter(None, looked_up))
    tails, entries = zip(*given, strict=True) if given else ((), ())
    respondent = one_line(answers.respondent or "") if exports.include_names else ""
    head = (one_line(place), one_line(answers.organisation), answers.perspective.value)
    version = one_line(bank.version)
    csv_text = ""
    if exports.answers_csv is not None and tails:
        prefix = csv_line((*head, respondent, bank.id, version))[:-2] + ","  # no line break
        csv_text = prefix + prefix.join(tails)
    return ExportRows(
        csv_text,
        (*head, respondent or None, bank.id, version, *_assessment_figures(result)),
        "{" + ",".join(entries) + "}" if exports.sqlite else "",
        _figure_values(result.sections),
        _figure_values(result.principles),
        json.dumps([known.places[q.id] for q in result.red_flags]) if result.red_flags else "",
    )


def _bank_cells(bank: Bank) -> _BankCells:
    known = _CELLS.get(bank)
    if known is None:
        if len(_CELLS) >= _BANKS_KEPT:  # banks of earlier batches run in this process
            _CELLS.clear()
        known = _CELLS[bank] = _BankCells(bank)
    return known


def _assessment_figures(result: Result) -> tuple[Any, ...]:
    answers, overall = result.answers, result.overall
    coverage = overall.tally.coverage
    return (
        one_line(answers.bank_version),
        answers.status.value,
        one_line(answers.started) or None,
        one_line(answers.updated) or None,
        overall.score,
        overall.stage.title if overall.stage else None,
        result.uncapped_stage.title if result.uncapped_stage else None,
        None if coverage is None else round1(100 * coverage),
        len(result.red_flags),
    )


def _figure_values(figures: Sequence[Figure]) -> tuple[Any, ...]:
    """The figures' rows one after another, in one tuple (one object to send, not one a row)."""
    values: list[Any] = []
    for figure in figures:
        stage = figure.stage.title if figure.stage else None
        values += (figure.id, figure.score, stage, *figure.tally)
    return tuple(values)


def _cell(bank: Bank, places: dict[str, int], key: tuple[str, type, object]) -> _Cell | None:
    """What an answer puts in the exports."""
    qid, _, value = key
    question = bank.question(qid)
    if question is None or value is Special.SKIPPED:
        return None
    text, level, rung, flag = answer_facts(bank, question, value)
    tail = csv_line(
        (
            question.id,
            question.section,
            question.type.value,
            text,
            *("" if n is None else str(n) for n in (level, rung)),
            question.pair or "",
            "" if flag is None else str(flag),
        )
    )
    return _Cell(tail, f'"{places[qid]}":{json.dumps(text)}')


def answer_facts(
    bank: Bank, question: Question, value: object
) -> tuple[str, int | None, int | None, int | None]:
    """An answer as the exports give it: its text, the level it scores as, its rung (ladder
    questions; 0 is "not involved"), and on red-flag questions 1 if it raises the flag, else 0."""
    text = value.value if isinstance(value, Special) else str(value)
    rung = None
    if question.type is QuestionType.LADDER and type(value) is str:
        rung = bank.framework.rung(text).rung
    flag = None if question.red_flag_if is None else int(value == question.red_flag_if)
    return text, question.level_of(value), rung, flag


# One buffer and writer, reused: every cell made safe for a spreadsheet as the summary's are.
_BUFFER = io.StringIO()
_WRITER = csv.writer(_BUFFER)


def csv_line(cells: Sequence[str]) -> str:
    """One CSV line (ending in CR LF), every cell safe to open in a spreadsheet."""
    _BUFFER.seek(0)
    _BUFFER.truncate()
    _WRITER.writerow([spreadsheet_safe(cell) for cell in cells])
    return _BUFFER.getvalue()


class TempOutput:
    """A named output made in a temporary file beside it, which takes the name only when all of
    it is written: on any failure or stop it is removed, so nothing half-written is left. Its
    name is that of coself's temporary files, so one left by a run killed outright is swept
    away by the next run into the folder."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> Path:
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            sweep_stale_temps(folder)
            while True:
                temp = folder / f".{self.path.name}.{os.getpid()}.{next(_TEMP_COUNTER)}.tmp"
                with contextlib.suppress(FileExistsError):
                    os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
                    break
        except OSError as error:
            raise write_error(self.path, error) from None
        self.temp = temp
        return temp

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if kind is None:
                os.replace(self.temp, self.path)
        except OSError as failed:
            raise write_error(self.path, failed) from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(self.temp)


_TEMP_COUNTER = itertools.count()


_CSV_BUFFER = 1 << 16


class AnswersCsv:
    """The tidy answers table, streamed into a file that appears whole only at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._output = TempOutput(path)

    def __enter__(self) -> AnswersCsv:
        temp = self._output.__enter__()
        try:
            # Each assessment's lines are a few kilobytes: a larger buffer than the default
            # makes one write to the disk for many assessments rather than one for each.
            self._out = open(  # noqa: SIM115
                temp, "w", encoding="utf-8", newline="", buffering=_CSV_BUFFER
            )
            self._out.write(csv_line(ANSWERS_COLUMNS))
        except BaseException as error:
            self._output.__exit__(type(error), error, None)
            if isinstance(error, OSError):
                raise write_error(self.path, error) from None
            raise
        return self

    def write(self, text: str) -> None:
        try:
            self._out.write(text)
        except OSError as error:  # named as the file asked for, not its temporary file
            raise write_error(self.path, error) from None

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            self._out.close()  # flushes: a full disk may show only now
        except OSError as failed:
            self._output.__exit__(OSError, failed, None)
            raise write_error(self.path, failed) from None
        self._output.__exit__(kind, error, trace)
