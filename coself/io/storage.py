"""Files on disk: atomic writes, safe names that never overwrite, and the answers file."""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, TextIO

from coself.core.answers import WORKSHOP, FindBank, build_answers
from coself.core.model import Answer, Answers, AnswerValue, Bank, Special, Votes
from coself.errors import InputError, Problem, UsageError, WriteError
from coself.io.documents import parse_document
from coself.io.tempfiles import signals_held, sweep_stale_temps, write_error
from coself.io.yamlsafe import read_text
from coself.io.yamlwrite import FlowList, dump_yaml, plain_data

ANSWERS_SIZE_LIMIT = 1024 * 1024
ANSWERS_SUFFIX = ".answers.yaml"
_UNSAFE = re.compile(r"[^a-z0-9]+")
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
MAX_STEM = 60
EMPTY: Mapping[str, Any] = MappingProxyType({})


def slug(text: str, fallback: str = "organisation") -> str:
    """A short, safe file-name part: ASCII letters, digits and '-', never a reserved name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    result = _UNSAFE.sub("-", ascii_text.lower()).strip("-")[:MAX_STEM].strip("-")
    if not result or result in _RESERVED:
        result = f"{result}-{fallback}" if result else fallback
    return result


def _write_temp(
    folder: Path, name: str, text: str | bytes, sync: bool = True, shown: Path | None = None
) -> str:
    """Write text in full to a new temporary file in folder; return its path.

    `sync` also forces it to disk, for answers that must survive a power cut; batch reports,
    which can be made again, skip it (it costs milliseconds per file). A failure removes the
    temporary file and is raised as a WriteError naming `shown` (the file being written, or
    else the folder), never the temporary file.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    shown = shown or folder
    handle, temp = _open_temp(folder, name, shown)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        if sync:
            os.fsync(handle)
    except BaseException as error:
        os.close(handle)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(error, OSError):
            raise write_error(shown, error) from None
        raise
    os.close(handle)
    return temp


_TEMP_COUNTER = itertools.count()
_SWEPT: set[Path] = set()


def _open_temp(folder: Path, name: str, shown: Path) -> tuple[int, str]:
    """Create a new hidden temporary file in folder, unique to this process; (fd, path)."""
    if folder not in _SWEPT:
        _SWEPT.add(folder)
        sweep_stale_temps(folder)
    for _ in range(1000):
        temp = os.path.join(folder, f".{name}.{os.getpid()}.{next(_TEMP_COUNTER)}.tmp")
        try:
            return os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644), temp
        except FileExistsError:
            continue
        except FileNotFoundError:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise write_error(shown, error) from None
        except OSError as error:
            raise write_error(shown, error) from None
    raise WriteError(f"{folder}: cannot create a temporary file")


def write_atomic(path: Path, text: str | bytes, lock: bool = False) -> int:
    """Write text so that the file is either the old version or the whole new one, never half.

    With `lock`, the new version is locked (flock) before it takes the name and its open
    descriptor is returned, so that a lock held on the file never has a gap; else -1.
    """
    with signals_held():
        temp = _write_temp(path.parent, path.name, text, shown=path)
        handle = -1
        try:
            if lock:
                handle = os.open(temp, os.O_RDONLY | os.O_CLOEXEC)
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.replace(temp, path)
        except BaseException as error:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            with contextlib.suppress(OSError):
                os.close(handle)
            if isinstance(error, OSError):
                raise write_error(path, error) from None
            raise
        return handle


def create_new(
    folder: Path, stem: str, suffix: str, text: str, sync: bool = True, again: str = "-"
) -> Path:
    """Write a new file `stem[-n]suffix` in folder, whole, never replacing an existing file
    (`again` is what comes between the stem and the number, `-` by default).

    The text is written to a temporary file first and then hard-linked to the first free name:
    linking fails if the name exists, so two writers at once never share or clobber a file.
    """
    temp = _write_temp(folder, stem, text, sync=sync)
    try:
        return link_free_name(temp, folder, stem, suffix, again)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def create_exactly(path: Path, text: str) -> None:
    """Write a new file at exactly `path`, whole; refuse if anything is already there."""
    with signals_held():
        temp = _write_temp(path.parent, path.name, text, shown=path)
        try:
            os.link(temp, path)
        except FileExistsError:
            raise InputError.of(
                [
                    Problem(
                        str(path),
                        0,
                        0,
                        "already exists; coself does not write over it (choose another name)",
                    )
                ]
            ) from None
        except OSError as error:
            raise write_error(path, error) from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)


# For each (folder, stem, suffix) whose first name this process found taken, the next number
# to try: each name is tried at most once per process, so choosing a name costs the same
# however many files share a stem (trying -2, -3, ... afresh each time was quadratic). Names
# are still claimed by linking, which fails if the name exists, so other processes writing
# into the same folder never clobber or share a file; they only make this one skip ahead.
_NEXT_NUMBER: dict[tuple[str, str, str], int] = {}
_NEXT_NUMBER_KEPT = 4096  # stems remembered; the oldest is forgotten first
MAX_NUMBER = 10_000_000


def link_free_name(temp: str, folder: Path, stem: str, suffix: str, again: str = "-") -> Path:
    """Give the written file `temp` the first free name STEM, STEM-2, … in folder (a hard link,
    so no file is ever replaced), going on from the last number taken for that stem."""
    key = (str(folder), stem + again, suffix)
    n = _NEXT_NUMBER.pop(key, 1)
    base = os.fspath(folder)  # names as plain strings until one is taken: batches make many
    while n < MAX_NUMBER:
        path = os.path.join(base, f"{stem}{suffix}" if n == 1 else f"{stem}{again}{n}{suffix}")
        try:
            os.link(temp, path)
        except FileExistsError:
            n += 1
            continue
        if n > 1:  # a stem met before: remember where to go on from (most recent last)
            _NEXT_NUMBER[key] = n + 1
            if len(_NEXT_NUMBER) > _NEXT_NUMBER_KEPT:
                del _NEXT_NUMBER[next(iter(_NEXT_NUMBER))]
        return Path(path)
    raise InputError(f"{folder}: too many files named {stem}*{suffix}")


# A later report of one answers file: STEM.report-2.md. Never STEM-2.md, which is the stem
# of the next answers file started that day: each report names the one file it comes from.
REPORT_AGAIN = ".report-"


def stem_label(answers: Answers) -> str:
    """Who answered, as file names say it: `workshop` for a room's votes, else the perspective
    (the one place that decides it)."""
    return "workshop" if answers.workshop else answers.perspective.value


def answers_stem(answers: Answers, date: str) -> str:
    """The name an answers file and its reports share, before any number and suffix: the
    organisation, who answered, the bank and the date: `acme-care-staff-organisation-2026-11-26`."""
    return "-".join(
        (slug(answers.organisation), stem_label(answers), slug(answers.bank, "bank"), date)
    )


def report_stem(answers_path: Path) -> str:
    """The stem of reports made from an answers file: its name without `.answers.yaml`, or
    without its suffix and a `.answers` before it (`x.answers.json` and `x.yaml` give `x`)."""
    name = answers_path.name
    base = name.removesuffix(answers_path.suffix).removesuffix(".answers")
    return base or name


def create_report(folder: Path, answers_path: Path, suffix: str, text: str) -> Path:
    """Write a new report of an answers file, named after it (`STEM.md`, then `STEM.report-2.md`
    for a later one), never over an existing file."""
    return create_new(folder, report_stem(answers_path), suffix, text, again=REPORT_AGAIN)


class NewFile:
    """Stream text into a file that appears whole, under a free name, only when all is written.

    `with NewFile(folder, stem, suffix) as out: out.write(...)`; afterwards `.path` is the name.
    With `replace=True` the exact name `stem+suffix` is replaced instead (for a named output).
    """

    def __init__(self, folder: Path, stem: str, suffix: str, replace: bool = False) -> None:
        self.folder, self.stem, self.suffix, self.replace = folder, stem, suffix, replace
        self.path: Path | None = None

    def __enter__(self) -> TextIO:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Named with this process's id, like every temporary file of coself's, so that one
        # left by a killed run can be told from one still being written, and swept away.
        handle, self._temp = _open_temp(
            self.folder, self.stem, self.folder / (self.stem + self.suffix)
        )
        self._out = os.fdopen(handle, "w", encoding="utf-8", newline="")
        return self._out

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self._out.close()
        try:
            if kind is None:
                if self.replace:
                    self.path = self.folder / f"{self.stem}{self.suffix}"
                    os.replace(self._temp, self.path)
                else:
                    self.path = link_free_name(self._temp, self.folder, self.stem, self.suffix)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(self._temp)


def answers_to_data(answers: Answers) -> dict[str, Any]:
    """The answers file's content, in the documented order."""
    data: dict[str, Any] = {
        "format": answers.format,
        "bank": answers.bank,
        "bank_version": answers.bank_version,
        "organisation": answers.organisation,
        "perspective": answers.perspective.value,
    }
    if answers.workshop:
        data["mode"] = WORKSHOP
    if answers.respondent:
        data["respondent"] = answers.respondent
    for key in ("started", "updated"):  # written only when known: empty would not read back
        if getattr(answers, key):
            data[key] = getattr(answers, key)
    data["status"] = answers.status.value
    if answers.targets:
        data["targets"] = dict(answers.targets)
    data["answers"] = {qid: _answer_data(a) for qid, a in answers.answers.items()}
    return data


def _answer_data(answer: Answer) -> Any:
    value: int | str | None = (
        answer.value.value if isinstance(answer.value, Special) else answer.value
    )
    if value == Special.SKIPPED.value:
        value = None
    if answer.note is None and answer.evidence is None and answer.votes is None:
        return value
    entry: dict[str, Any] = {"answer": value}
    if answer.note is not None:
        entry["note"] = answer.note
    if answer.evidence is not None:
        entry["evidence"] = answer.evidence
    if answer.votes is not None:
        entry["votes"] = votes_data(answer.votes)
    return entry


def votes_data(votes: Votes) -> Any:
    """A room's votes as written: one list, or a list per perspective."""
    if not votes.by_perspective:
        return FlowList(map(_plain_value, votes.values))
    return {p.value: FlowList(map(_plain_value, vs)) for p, vs in votes.groups if p}


def _plain_value(value: AnswerValue) -> int | str:
    return value.value if isinstance(value, Special) else value


def dump_answers(
    answers: Answers, carried: Mapping[str, Any] = EMPTY, as_json: bool = False
) -> str:
    """The answers file's text, YAML or JSON, that coself reads back as exactly these answers.

    `carried` holds answers to questions the bank no longer has, written back as they were read.
    """
    data = answers_to_data(answers)
    data["answers"].update(plain_data(carried))
    if as_json:  # ASCII only: every other character as an escape that reads back the same
        return json.dumps(data, indent=2, ensure_ascii=True) + "\n"
    return dump_yaml(data)


def save_answers(path: Path, answers: Answers) -> None:
    """Write the answers to `path` as YAML, atomically, with no carried answers."""
    write_atomic(path, dump_answers(answers))


def load_answers(
    path: Path | str, find_bank: FindBank, text: str | None = None
) -> tuple[Answers, Bank, list[Problem]]:
    """Read and check an answers file (YAML or JSON); `text` is given when read from stdin."""
    source = str(path)
    if text is None:
        text = read_text(path, source, ANSWERS_SIZE_LIMIT)
    return build_answers(parse_document(text, source), source, find_bank)


def check_outputs(inputs: Sequence[str | Path], outputs: Sequence[str | Path | None]) -> None:
    """Refuse, before any work, an output that cannot be a file (WriteError) or that is one of
    the inputs (UsageError; the same file by any name, a symlink or a hard link too). `-` and
    None mean standard output."""
    taken: dict[tuple[int, int], str] = {}
    for output in outputs:
        if output is None or output == "-":
            continue
        name = str(output)
        if not name:
            raise WriteError("the output file name is empty: name a file to write")
        if Path(name).is_dir():
            raise WriteError(f"{name}: cannot write: it is a folder; name a file to write")
        blocker = next((p for p in Path(name).parents if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            raise WriteError(f"{name}: cannot write: {blocker} is a file, not a folder")
        with contextlib.suppress(OSError):
            found = os.stat(name)
            taken[(found.st_dev, found.st_ino)] = name
    if taken:
        _refuse_inputs_among(inputs, taken)


def _refuse_inputs_among(inputs: Sequence[str | Path], taken: dict[tuple[int, int], str]) -> None:
    from coself.io.sources import input_files  # sources reads through this module

    for file in input_files([p for p in inputs if str(p) != "-"]):
        with contextlib.suppress(OSError):
            found = os.stat(file)
            output = taken.get((found.st_dev, found.st_ino))
            if output is not None:
                raise UsageError(
                    f"{output}: is also an input ({file}); coself never writes over a file it "
                    "reads: choose another output name"
                )
