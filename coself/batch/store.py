"""What a batch keeps aside for the combined reports: each respondent's figures, by organisation.

A batch streams: it never holds every result. To combine the respondents of each organisation
afterwards, what each one brings to a combined report (figures only: no names, no notes) goes
into a small SQLite file in the output folder, named with this process's id so that a later run
can sweep it away if this one is killed, and comes back one organisation at a time.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from types import TracebackType

from coself.core.distributions import given
from coself.core.model import AnswerValue, Bank, Perspective, Question, Special
from coself.core.respondents import Part, Respondent
from coself.core.scoring import Figure, LadderPlacement, Result, Tally
from coself.errors import CoselfError
from coself.io.banks import Library

# Compact, without the circular-reference check (the data is a fresh tree): the C encoder.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def to_payload(result: Result) -> str:
    """What a result brings to a combined report, as compact JSON on one line (its figures,
    floats written exactly and read back equal, red flags and ladder), then each answer on a
    line of its own; no names, no notes. (JSON escapes every line break within a text, so a
    line break always ends a piece.)"""
    answers = result.answers
    head = _ENCODER.encode(
        [
            answers.organisation,
            answers.perspective.value,
            result.bank.id,
            result.bank.version,
            [_part(f) for f in (result.overall, *result.sections, *result.principles)],
            len(result.sections),
            [q.id for q in result.red_flags],
            [[p.question.id, p.rung.id] for p in result.ladder],
        ]
    )
    # Each answer given, for the distributions, from pieces encoded once per worker.
    return "\n".join((head, *(_answer(qid, value) for qid, value in given(answers.answers))))


@lru_cache(maxsize=8192, typed=True)  # questions x answers of a few banks, again and again
def _answer(qid: str, value: AnswerValue) -> str:
    """One answer as stored: "don't know" and "n/a" as a one-item list, so that they cannot
    be taken for an answer spelt the same."""
    return _ENCODER.encode([qid, [value.value] if isinstance(value, Special) else value])


class _Answers(dict[str, tuple[str, AnswerValue]]):
    """Answers as stored, each read back once per process: the same few recur in every
    organisation's payloads."""

    def __missing__(self, stored: str) -> tuple[str, AnswerValue]:
        if len(self) >= _ANSWERS_KEPT:  # only an unusual library has this many; start again
            self.clear()
        qid, value = json.loads(stored)
        self[stored] = found = (qid, Special(value[0]) if isinstance(value, list) else value)
        return found


_ANSWERS_KEPT = 8192
_READ_ANSWERS = _Answers()


def _part(figure: Figure) -> list[object]:
    return [figure.id, figure.exact, *figure.tally]


def from_payload(payload: str, library: Library) -> Respondent:
    """The respondent again, its bank and questions found in the library."""
    head, *stored = payload.split("\n")
    organisation, perspective, bank_id, version, parts, sections, flags, ladder = json.loads(head)
    bank = library.find(bank_id, version)
    if bank is None or bank.version != version:
        raise CoselfError(f"the bank {bank_id} {version} is no longer among the banks")
    overall, *figures = (Part(fid, exact, Tally(*tally)) for fid, exact, *tally in parts)
    return Respondent(
        organisation,
        Perspective(perspective),
        bank,
        overall,
        tuple(figures[:sections]),
        tuple(figures[sections:]),
        tuple(_question(bank, qid) for qid in flags),
        tuple(LadderPlacement(_question(bank, q), bank.framework.rung(r)) for q, r in ladder),
        tuple(map(_READ_ANSWERS.__getitem__, stored)),
    )


def _question(bank: Bank, qid: str) -> Question:
    question = bank.question(qid)
    if question is None:
        raise CoselfError(f"the bank {bank.id} {bank.version} has no question {qid!r}")
    return question


class GroupStore:
    """Payloads by organisation key, in a file; `keys()` gives those with two or more, and
    `payloads(path, key)` reads one organisation's back, in any process, one at a time."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        # The name is that of coself's temporary files (see sweep.py): a killed run's store is
        # swept away by the next run into this folder.
        self.path = folder / f".coself-groups.{os.getpid()}.0.tmp"
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()  # left by an earlier process with this id, long gone
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        # Rows are only added, then read back by key: a small page cache does, and keeps the
        # batch's memory flat (the default 2 MB fills as the store grows).
        self._db.execute("PRAGMA cache_size = -256")
        self._db.execute("CREATE TABLE answers (organisation TEXT, payload TEXT)")

    def add(self, key: str, payload: str) -> None:
        self._db.execute("INSERT INTO answers VALUES (?, ?)", (key, payload))

    def keys(self) -> list[str]:
        """The organisations with more than one assessment, once everything is added."""
        self._db.execute("CREATE INDEX by_organisation ON answers (organisation)")
        self._db.commit()  # so that worker processes can read it
        rows = self._db.execute(
            "SELECT organisation FROM answers GROUP BY organisation "
            "HAVING COUNT(*) > 1 ORDER BY organisation"
        )
        return [key for (key,) in rows]

    def __enter__(self) -> GroupStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._db.close()
        with contextlib.suppress(OSError):
            self.path.unlink()


_READER: dict[Path, sqlite3.Connection] = {}  # this process's read-only view of the store


def payloads(path: Path, key: str) -> Iterator[str]:
    """One organisation's payloads, in the order added, read as they are used."""
    if path not in _READER:
        for old in _READER.values():  # a store of an earlier batch in this process
            old.close()
        _READER.clear()
        _READER[path] = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    rows = _READER[path].execute(
        "SELECT payload FROM answers WHERE organisation = ? ORDER BY rowid", (key,)
    )
    return (payload for (payload,) in rows)
