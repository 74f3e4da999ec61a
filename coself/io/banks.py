"""Finding and loading the framework and question banks from the shipped and extra folders."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coself.core.bankcheck import build_bank, build_framework
from coself.core.model import Bank, Framework
from coself.core.pairs import pair_problems
from coself.errors import InputError, Problem, UsageError
from coself.io.documents import load_file

BANK_SIZE_LIMIT = 2 * 1024 * 1024
FRAMEWORK_FILE = "framework.yaml"
BANKS_DIR_ENV = "COSELF_BANKS_DIR"


def shipped_dir() -> Path:
    """The shipped `questions/` folder: inside the installed package, or at the checkout's top."""
    packaged = Path(__file__).resolve().parent.parent / "questions"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "questions"


def display(path: Path) -> str:
    """A path as a person would like to read it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def load_framework(path: Path | None = None, source: str | None = None) -> Framework:
    """Load the framework, the shipped one by default; `source` names the file in messages."""
    path = path or shipped_dir() / FRAMEWORK_FILE
    source = source or display(path)
    return build_framework(load_file(path, source, BANK_SIZE_LIMIT), source)


def load_bank(path: Path, framework: Framework, source: str | None = None) -> Bank:
    """Load one bank; `source` is how to name the file in messages (default: a short path)."""
    source = source or display(path)
    return build_bank(load_file(path, source, BANK_SIZE_LIMIT), source, framework)


def extra_dirs(given: Sequence[Path] = ()) -> list[Path]:
    """Extra bank folders: those given on the command line, then COSELF_BANKS_DIR's."""
    from_env = [Path(p) for p in os.environ.get(BANKS_DIR_ENV, "").split(os.pathsep) if p]
    return [*given, *from_env]


def bank_files(folders: Iterable[Path]) -> list[Path]:
    """The bank files (*.yaml, but not the framework) directly inside each folder."""
    files: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            raise UsageError(f"{folder}: no such folder of question banks")
        files.extend(sorted(p for p in folder.glob("*.yaml") if p.name != FRAMEWORK_FILE))
    return files


@dataclass(frozen=True)
class Library:
    """Every bank coself can use, by id."""

    framework: Framework
    banks: dict[str, Bank]  # the newest version of each bank, by id
    versions: dict[tuple[str, str], Bank] = field(default_factory=dict)  # every (id, version)

    def find(self, bank_id: str, version: str | None = None) -> Bank | None:
        """The bank at that version if it is here, else the newest version; None if unknown."""
        if version is not None and (bank_id, version) in self.versions:
            return self.versions[bank_id, version]
        return self.banks.get(bank_id)

    def get(self, bank_id: str) -> Bank:
        if bank_id not in self.banks:
            known = ", ".join(sorted(self.banks)) or "none"
            raise UsageError(f"no question bank with id {bank_id!r} (known banks: {known})")
        return self.banks[bank_id]


def load_library(given_dirs: Sequence[Path] = ()) -> Library:
    """Load the framework and every bank; raise InputError naming every problem found."""
    framework = load_framework()
    versions: dict[tuple[str, str], Bank] = {}
    problems: list[Problem] = []
    for path in bank_files([shipped_dir(), *extra_dirs(given_dirs)]):
        try:
            bank = load_bank(path, framework)
        except InputError as error:
            problems.extend(error.problems)
            continue
        key = (bank.id, bank.version)
        if key in versions:
            first = versions[key].source
            problems.append(
                Problem(
                    bank.source,
                    0,
                    0,
                    f"bank {bank.id!r} version {bank.version} "
                    f"is also in {first}; keep one file per bank and version",
                )
            )
            continue
        versions[key] = bank
    if problems:
        raise InputError.of(problems)
    newest = _newest(versions.values())
    problems = pair_problems(newest.values())
    if problems:
        raise InputError.of(problems)
    return Library(framework, newest, versions)


def _newest(banks: Iterable[Bank]) -> dict[str, Bank]:
    """The newest version of each bank, by id."""
    newest: dict[str, Bank] = {}
    for bank in banks:
        if bank.id not in newest or version_key(bank.version) > version_key(
            newest[bank.id].version
        ):
            newest[bank.id] = bank
    return newest


def version_key(version: str) -> tuple[int, ...]:
    """Order semantic versions: 1.10.0 after 1.9.0; a pre-release before its release."""
    core, _, pre = version.partition("-")
    return (*(int(part) for part in core.split(".")), 0 if pre else 1)


def validate_paths(paths: Sequence[Path]) -> tuple[list[str], list[Problem]]:
    """Validate the given files and folders (or the shipped banks): names checked, problems."""
    framework_problems: list[Problem] = []
    try:
        framework: Framework | None = load_framework()
    except InputError as error:
        framework, framework_problems = None, list(error.problems)
    files: list[tuple[Path, str]] = []  # files named as the person named them
    for path in paths or [shipped_dir()]:
        if path.is_dir():
            files += [(p, str(p) if paths else display(p)) for p in sorted(path.glob("*.yaml"))]
        else:
            files.append((path, str(path)))
    checked: list[str] = []
    problems = framework_problems
    banks: list[Bank] = []
    for path, source in files:
        checked.append(source)
        try:
            loaded = _validate_one(path, source, framework)
        except InputError as error:
            problems.extend(p for p in error.problems if p not in problems)
            continue
        if isinstance(loaded, Bank):
            banks.append(loaded)
    # Mirrored questions must agree across the banks checked together (newest of each id).
    problems.extend(pair_problems(_newest(banks).values()))
    return checked, problems


def _validate_one(path: Path, source: str, framework: Framework | None) -> Any:
    if path.name == FRAMEWORK_FILE:
        return load_framework(path, source)
    if framework is None:
        raise InputError.of(
            [Problem(source, 0, 0, "cannot check the bank: the framework is invalid")]
        )
    return load_bank(path, framework, source)
