"""Answers kept aside during a batch, grouped by organisation, for the combined reports.

A batch streams: it never holds every result. To combine the respondents of each organisation
afterwards, each assessment's answers (values only: no names, no notes) go into a small SQLite
file in a temporary folder, and come back one organisation at a time.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType, TracebackType

from coself.core.combine import same_organisation
from coself.core.model import Answer, Answers, Bank, Perspective, Special
from coself.io.banks import Library

_SPECIALS = {s.value: s for s in Special}


def to_payload(answers: Answers) -> str:
    """The answers as compact JSON: what a combined report needs, and nothing personal."""
    skipped = Special.SKIPPED
    values = {
        qid: value.value if isinstance(value, Special) else value
        for qid, answer in answers.answers.items()
        if (value := answer.value) is not skipped
    }
    return json.dumps(
        [
            answers.organisation,
            answers.perspective.value,
            answers.bank,
            answers.bank_version,
            values,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def from_payload(payload: str, library: Library) -> tuple[Answers, Bank]:
    organisation, perspective, bank_id, version, values = json.loads(payload)
    bank = library.find(bank_id, version)
    assert bank is not None, f"bank {bank_id} went missing during the batch"
    given = {
        qid: Answer(_SPECIALS.get(v, v) if isinstance(v, str) else v) for qid, v in values.items()
    }
    answers = Answers(
        bank_id, version, organisation, Perspective(perspective), MappingProxyType(given)
    )
    return answers, bank


class GroupStore:
    """Answers payloads by organisation, on disk; `groups()` yields those with two or more."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="coself-")
        # The pool reads groups() from its feeder thread while this one waits: one at a time.
        self._db = sqlite3.connect(
            Path(self._folder.name) / "groups.sqlite", check_same_thread=False
        )
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE answers (organisation TEXT, payload TEXT)")

    def add(self, organisation: str, payload: str) -> None:
        self._db.execute(
            "INSERT INTO answers VALUES (?, ?)", (same_organisation(organisation), payload)
        )

    def groups(self) -> Iterator[list[str]]:
        self._db.execute("CREATE INDEX by_organisation ON answers (organisation)")
        keys = self._db.execute(
            "SELECT organisation FROM answers GROUP BY organisation "
            "HAVING COUNT(*) > 1 ORDER BY organisation"
        )
        for (key,) in keys.fetchall():
            rows = self._db.execute(
                "SELECT payload FROM answers WHERE organisation = ? ORDER BY rowid", (key,)
            )
            yield [payload for (payload,) in rows]

    def __enter__(self) -> GroupStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._db.close()
        self._folder.cleanup()
