"""The analysts' SQLite database of a batch: assessments, answers, scores and red flags, with keys.

Built with the standard library's sqlite3 as the batch goes (the main process alone writes, in
large transactions), in a temporary file that takes its name only when the batch is done. The
schema is documented in the README ("Data for analysts"); `user_version` numbers it.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

from coself.batch.exports import AnswersCsv, ExportRows, Exports, TempOutput, answer_facts
from coself.core.answers import valid_answers
from coself.core.text import one_line
from coself.errors import CoselfError, WriteError
from coself.io.banks import Library

SCHEMA_VERSION = 1
# Section and principle scores have the same columns: a figure and how its questions went.
_SCORE_COLUMNS = 9
# 100 rows' values, within the 999 values a statement takes in the oldest SQLite a Python reads
_SCORE_VALUES_PER_STATEMENT = 100 * (_SCORE_COLUMNS - 1)
_SCORES = """
CREATE TABLE {name}_scores (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id),
    {name} TEXT NOT NULL,
    score REAL,
    stage TEXT,
    questions INTEGER NOT NULL,
    levels INTEGER NOT NULL,
    na INTEGER NOT NULL,
    dont_know INTEGER NOT NULL,
    unanswered INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, {name})
) WITHOUT ROWID;"""
SCHEMA = """
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    organisation TEXT NOT NULL,
    perspective TEXT NOT NULL,
    respondent TEXT,
    bank TEXT NOT NULL,
    bank_version TEXT NOT NULL,
    answers_version TEXT NOT NULL,
    status TEXT NOT NULL,
    started TEXT,
    updated TEXT,
    overall REAL,
    stage TEXT,
    uncapped_stage TEXT,
    coverage REAL,
    red_flags INTEGER NOT NULL
);
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    bank TEXT NOT NULL,
    bank_version TEXT NOT NULL,
    question_id TEXT NOT NULL,
    section TEXT NOT NULL,
    kind TEXT NOT NULL,
    weight REAL NOT NULL,
    scored INTEGER NOT NULL,
    pair TEXT,
    red_flag_if TEXT,
    text TEXT NOT NULL,
    UNIQUE (bank, bank_version, question_id)
);
CREATE TABLE choices (
    question INTEGER NOT NULL REFERENCES questions (id),
    value TEXT NOT NULL,
    level INTEGER,
    rung INTEGER,
    red_flag INTEGER,
    PRIMARY KEY (question, value)
) WITHOUT ROWID;
CREATE TABLE answers (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id),
    question INTEGER NOT NULL REFERENCES questions (id),
    value TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question),
    FOREIGN KEY (question, value) REFERENCES choices (question, value)
) WITHOUT ROWID;
{section_scores}
{principle_scores}
CREATE TABLE red_flags (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id),
    question INTEGER NOT NULL REFERENCES questions (id),
    PRIMARY KEY (assessment_id, question)
) WITHOUT ROWID;
CREATE VIEW answer_rows AS
SELECT a.id AS assessment_id, a.source, a.organisation, a.perspective, a.respondent, a.bank,
    a.bank_version, q.question_id, q.section, q.kind, x.value, c.level, c.rung, q.pair,
    c.red_flag
FROM answers AS x
JOIN assessments AS a ON a.id = x.assessment_id
JOIN questions AS q ON q.id = x.question
JOIN choices AS c ON c.question = x.question AND c.value = x.value
ORDER BY x.assessment_id, x.question;
""".format(
    section_scores=_SCORES.format(name="section"),
    principle_scores=_SCORES.format(name="principle"),
)
# Made once the rows are in: sorting once costs less than keeping an index as rows arrive.
# (An index of the answers by question would cost more than all their writing; an analyst who
# wants one can make it.)
INDEXES = """
CREATE INDEX assessments_by_organisation ON assessments (organisation, bank, perspective);
"""
ASSESSMENTS_PER_TRANSACTION = 1000
# Nothing to keep safe until the file is whole: it takes its name only at the end.
PRAGMAS = ("journal_mode = OFF", "synchronous = OFF")

_INSERT_ASSESSMENT = f"INSERT INTO assessments VALUES ({', '.join('?' * 16)})"
# SQLite reads the answers' JSON object itself (key: the question's place in its bank), with
# no Python work per answer in this process; what each answer means is in `choices`, made once.
_INSERT_ANSWERS = "INSERT INTO answers SELECT ?1, ?2 + key, value FROM json_each(?3)"
_INSERT_FLAGS = "INSERT INTO red_flags SELECT ?1, ?2 + value FROM json_each(?3)"
_INSERT_QUESTION = "INSERT INTO questions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_INSERT_CHOICE = "INSERT INTO choices VALUES (?, ?, ?, ?, ?)"


@functools.lru_cache(maxsize=64)
def _insert_scores(name: str, values: int) -> str:
    """An INSERT of one assessment's section or principle scores in one statement: the
    assessment's id is ?1, then `values`, each row's values but the id one after another."""
    width = _SCORE_COLUMNS - 1
    rows = range(values // width)
    places = (", ".join(f"?{2 + width * row + n}" for n in range(width)) for row in rows)
    return f"INSERT INTO {name}_scores VALUES " + ", ".join(f"(?1, {p})" for p in places)


_WHY = {sqlite3.SQLITE_FULL: "the disk is full", sqlite3.SQLITE_READONLY: "it is read-only"}


class ExportDatabase:
    """`with ExportDatabase(path, library) as db: db.add(rows)`; the file appears at the end."""

    def __init__(self, path: Path, library: Library) -> None:
        self.path = path
        self._library = library
        self._output = TempOutput(path)
        self._ids = itertools.count(1)
        self._first_question: dict[tuple[str, str], int] = {}  # id of a bank's first question
        self._questions = 0  # rows in the questions table
        self._db: sqlite3.Connection | None = None
        self._cursor: sqlite3.Cursor | None = None

    def __enter__(self) -> ExportDatabase:
        temp = self._output.__enter__()
        try:
            with self._writing():
                self._db = sqlite3.connect(temp, isolation_level=None)
                # The keys are declared for readers (PRAGMA foreign_keys = ON enforces them);
                # checking each row as it goes in would cost a quarter of the writing, for ids
                # this writer makes itself (a test runs PRAGMA foreign_key_check on the result).
                for pragma in PRAGMAS:
                    self._db.execute(f"PRAGMA {pragma}")
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                self._db.executescript(SCHEMA)
                self._db.execute("BEGIN")
                self._cursor = self._db.cursor()  # one for every statement: each costs
        except BaseException as error:
            self._close(type(error))
            raise
        return self

    def add(self, rows: ExportRows) -> None:
        """One assessment's rows (in the order the batch scores them: ids 1, 2, ...), in one
        statement a table: a statement costs more than a row."""
        number = next(self._ids)
        first = self._first_question.get(rows.assessment[4:6])
        try:  # (rather than `with self._writing()`, which costs more than a statement)
            if first is None:
                first = self._add_bank(*rows.assessment[4:6])
            assert self._cursor is not None, "used outside its with-statement"
            execute = self._cursor.execute
            execute(_INSERT_ASSESSMENT, (number, *rows.assessment))
            execute(_INSERT_ANSWERS, (number, first, rows.answers_json))
            for name, scores in (("section", rows.sections), ("principle", rows.principles)):
                # (in parts, should a bank hold more than SQLite takes values in one statement)
                for start in range(0, len(scores), _SCORE_VALUES_PER_STATEMENT):
                    part = scores[start : start + _SCORE_VALUES_PER_STATEMENT]
                    execute(_insert_scores(name, len(part)), (number, *part))
            if rows.flags:
                execute(_INSERT_FLAGS, (number, first, rows.flags))
            if number % ASSESSMENTS_PER_TRANSACTION == 0:
                execute("COMMIT")
                execute("BEGIN")
        except sqlite3.Error as error:
            raise self._write_error(error) from None

    def _add_bank(self, bank_id: str, version: str) -> int:
        """Put a bank's questions in the questions table; the id given to its first."""
        bank = self._library.find(bank_id, version)
        if bank is None or bank.version != version:
            raise CoselfError(f"the bank {bank_id} {version} is no longer among the banks")
        first = self._questions + 1
        self._questions += len(bank.questions)
        self._first_question[bank_id, version] = first
        self._connection.executemany(
            _INSERT_QUESTION,
            [
                (first + n, bank.id, version, q.id, q.section, q.type.value, q.weight)
                + (int(q.counts), q.pair, q.red_flag_if, one_line(q.text))
                for n, q in enumerate(bank.questions)
            ],
        )
        every = valid_answers(bank)
        self._connection.executemany(
            _INSERT_CHOICE,
            [
                (first + n, *answer_facts(bank, q, answer.value))
                for n, q in enumerate(bank.questions)
                for answer in every[q.id].values()
            ],
        )
        return first

    @property
    def _connection(self) -> sqlite3.Connection:
        assert self._db is not None, "used outside its with-statement"
        return self._db

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """sqlite3's errors, worded as every other failed write is, naming the file asked for."""
        try:
            yield
        except sqlite3.Error as error:
            raise self._write_error(error) from None

    def _write_error(self, error: sqlite3.Error) -> WriteError:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary result code
        why = _WHY.get(code) or one_line(str(error))
        return WriteError(f"{self.path}: cannot write: {why}")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            try:
                with self._writing():
                    self._connection.execute("COMMIT")
                    self._connection.executescript(INDEXES)
            except BaseException as failed:
                self._close(type(failed))
                raise
        self._close(kind)

    def _close(self, kind: type[BaseException] | None) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._output.__exit__(kind, None, None)


@contextlib.contextmanager
def open_exports(exports: Exports, library: Library) -> Iterator[Callable[[ExportRows], None]]:
    """The writers of the exports asked for, as one function that takes each assessment's rows;
    every file appears, whole, when the with-statement ends without an error."""
    with contextlib.ExitStack() as stack:
        writers: list[Callable[[ExportRows], None]] = []
        if exports.answers_csv is not None:
            table = stack.enter_context(AnswersCsv(exports.answers_csv))
            writers.append(lambda rows: table.write(rows.csv_text))
        if exports.sqlite is not None:
            writers.append(stack.enter_context(ExportDatabase(exports.sqlite, library)).add)

        def add(rows: ExportRows) -> None:
            for write in writers:
                write(rows)

        yield add
