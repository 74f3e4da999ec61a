"""The answers file of an interactive session: held against a second session, watched for
changes made by anything else, and written back in its own format (YAML or JSON)."""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import os
import stat
from pathlib import Path
from typing import Any

from coself.core.answers import FindBank, build_answers, with_derived_status
from coself.core.model import Answers, Bank
from coself.errors import InputError, Problem
from coself.io.documents import is_json, parse_document
from coself.io.storage import (
    ANSWERS_SIZE_LIMIT,
    ANSWERS_SUFFIX,
    create_new,
    dump_answers,
    report_stem,
    write_atomic,
)
from coself.io.yamlsafe import decode

BUSY = (
    "another coself session is answering into this file; finish or quit that one first "
    "(q saves and quits), then carry on here"
)


class HeldAnswers:
    """One session's answers file. The lock (flock) dies with the process, so a crash never
    leaves the file locked; each save locks the new version before it takes the name."""

    def __init__(
        self,
        path: Path,
        handle: int,
        data: bytes,
        bank: Bank,
        as_json: bool = False,
        carried: dict[str, Any] | None = None,
    ) -> None:
        self.path, self.bank, self.as_json = path, bank, as_json
        self.carried = carried or {}
        self._handle, self._digest = handle, hashlib.sha256(data).digest()

    @classmethod
    def create(cls, folder: Path, stem: str, answers: Answers, bank: Bank) -> HeldAnswers:
        """A new answers file under a free name in folder, held from the start."""
        text = dump_answers(with_derived_status(answers, bank))
        path = create_new(folder, stem, ANSWERS_SUFFIX, text)
        return cls(path, _hold(path), text.encode("utf-8"), bank)

    @classmethod
    def resume(
        cls, path: Path, find_bank: FindBank
    ) -> tuple[HeldAnswers, Answers, Bank, list[Problem]]:
        """Hold and read a saved answers file. Answers to questions that the bank's current
        version no longer has are carried through unchanged (the file then keeps its version);
        otherwise the file moves on to the version being answered."""
        source = str(path)
        handle = _hold(path)
        try:
            data = _read_held(handle, source)
            text = decode(data, source)
            parsed = parse_document(text, source)
            answers, bank, warnings = build_answers(parsed, source, find_bank)
        except BaseException:
            os.close(handle)
            raise
        known = {q.id for q in bank.questions}
        entries = parsed.get("answers") or {}
        carried = {qid: entry for qid, entry in entries.items() if qid not in known}
        if not carried and answers.bank_version != bank.version:
            answers = dataclasses.replace(answers, bank_version=bank.version)
        held = cls(path, handle, data, bank, is_json(source, text), carried)
        return held, answers, bank, warnings

    def changed_on_disk(self) -> bool:
        """Whether the file now holds something other than what this session last wrote."""
        try:
            with open(self.path, "rb") as handle:
                now = handle.read(ANSWERS_SIZE_LIMIT + 1)
        except FileNotFoundError:
            return False  # deleted: writing it again loses nothing
        except OSError:
            return False  # unreadable: the save itself will say what is wrong
        return hashlib.sha256(now).digest() != self._digest

    def _text(self, answers: Answers) -> str:
        """The file's text: the status written is the one worked out from the answers, so that
        what the file says is what any reader finds."""
        return dump_answers(with_derived_status(answers, self.bank), self.carried, self.as_json)

    def save(self, answers: Answers) -> None:
        text = self._text(answers)
        handle = write_atomic(self.path, text, lock=True)
        os.close(self._handle)  # the old version's lock, no longer under the name
        self._handle, self._digest = handle, hashlib.sha256(text.encode("utf-8")).digest()

    def save_beside(self, answers: Answers) -> Path:
        """Save the answers under a new name beside the file (never over it); the new path."""
        stem = report_stem(self.path)  # `x.answers.json` -> `x-2.answers.json`, which pairs too
        suffix = self.path.name.removeprefix(stem)
        return create_new(self.path.parent, stem, suffix, self._text(answers))

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._handle)

    def __enter__(self) -> HeldAnswers:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _hold(path: Path) -> int:
    """Open and lock the file under this name; refuse if another session holds it."""
    source = str(path)
    for _ in range(100):
        try:  # O_NONBLOCK: a named pipe must not hang the open
            handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except FileNotFoundError:
            raise InputError.of([Problem(source, 0, 0, "no such file")]) from None
        except OSError as error:
            raise InputError.of([Problem(source, 0, 0, f"cannot read: {error.strerror}")]) from None
        opened = os.fstat(handle)
        try:
            if not stat.S_ISREG(opened.st_mode):
                raise InputError.of([Problem(source, 0, 0, "is not a regular file")])
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise InputError.of([Problem(source, 0, 0, BUSY)]) from None
        except BaseException:
            os.close(handle)
            raise
        with contextlib.suppress(OSError):
            now = os.stat(path)
            if (now.st_dev, now.st_ino) == (opened.st_dev, opened.st_ino):
                return handle
        os.close(handle)  # replaced while we locked it: hold the version now under the name
    raise InputError.of([Problem(source, 0, 0, "keeps being replaced; try again")])


def _read_held(handle: int, source: str) -> bytes:
    data = b""
    while chunk := os.pread(handle, 1 << 16, len(data)):
        data += chunk
        if len(data) > ANSWERS_SIZE_LIMIT:
            message = f"file is larger than the {ANSWERS_SIZE_LIMIT // 1024} KiB limit"
            raise InputError.of([Problem(source, 0, 0, message)])
    return data
