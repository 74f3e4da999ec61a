"""Reading what `coself banks lint` checks: banks, the framework's ladder and the word lists."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coself.core.fields import Checker
from coself.core.lint import (
    WordLists,
    bank_texts,
    explained_terms,
    framework_ladder_texts,
    lint_texts,
    reading_of,
    shows_framework_ladder,
    word_lists,
)
from coself.core.located import mark_of
from coself.errors import InputError, Problem
from coself.io.banks import (
    BANK_SIZE_LIMIT,
    FRAMEWORK_FILE,
    bank_files,
    display,
    shipped_dir,
    version_key,
)
from coself.io.yamlsafe import parse, read_text

WORDS_FILE = Path("lint") / "jargon.yaml"
WORD_TABLES = ("jargon", "everyday_jargon", "idioms")


def load_word_lists(path: Path | None = None) -> WordLists:
    """The shipped (or given) list of jargon, idioms and everyday long words, checked."""
    path = path or shipped_dir() / WORDS_FILE
    source = display(path)
    data = parse(read_text(path, source, BANK_SIZE_LIMIT), source)
    check = Checker(source)
    top = check.mapping(data, mark_of(data), "the word lists", [], [*WORD_TABLES, "everyday_words"])
    if top is not None:
        for key in WORD_TABLES:
            table = top.get(key) or {}
            if not isinstance(table, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in table.items()
            ):
                check.fail(mark_of(table), f"'{key}' must map each term to a plainer word")
        everyday = top.get("everyday_words") or []
        if not isinstance(everyday, list) or not all(isinstance(w, str) for w in everyday):
            check.fail(mark_of(everyday), "'everyday_words' must be a list of words")
    if check.problems or top is None:
        raise InputError.of(check.problems)
    return word_lists(top)


def lint_paths(paths: Sequence[Path]) -> tuple[list[str], list[Problem]]:
    """Lint the given bank files and folders (or the newest version of each shipped bank):
    names checked, findings."""
    words = load_word_lists()
    framework_path = shipped_dir() / FRAMEWORK_FILE
    framework, framework_lines = _read(framework_path, display(framework_path))
    files: list[tuple[Path, str]] = [] if paths else _newest_shipped()
    for path in paths:
        if path.is_dir():
            chosen = sorted(p for p in path.glob("*.yaml") if p.name != FRAMEWORK_FILE)
            files += [(p, str(p) if paths else display(p)) for p in chosen]
        else:
            files.append((path, str(path)))
    checked: list[str] = []
    findings: list[Problem] = []
    for path, source in files:
        checked.append(source)
        try:
            bank, lines = _read(path, source)
        except InputError as error:
            findings.extend(error.problems)
            continue
        if not isinstance(bank, dict):
            findings.append(Problem(source, *mark_of(bank), "a bank must be a mapping"))
            continue
        reading, explained = reading_of(bank), explained_terms(bank)
        found = lint_texts(bank_texts(bank), reading, words, explained, source, lines)
        if shows_framework_ladder(bank) and isinstance(framework, dict):
            rungs = framework_ladder_texts(framework)
            where = display(framework_path)
            found += lint_texts(rungs, reading, words, explained, where, framework_lines)
        findings.extend(p for p in found if p not in findings)
    return checked, findings


def _newest_shipped() -> list[tuple[Path, str]]:
    """The shipped bank files, the newest version of each bank only (older versions are kept
    for old answers, not for new respondents)."""
    newest: dict[str, tuple[tuple[int, ...], Path]] = {}
    for path in bank_files([shipped_dir()]):
        data, _ = _read(path, display(path))
        version = data.get("version") if isinstance(data, dict) else None
        key = version_key(version) if isinstance(version, str) else (0,)
        bank_id = str(data.get("id")) if isinstance(data, dict) else path.name
        if bank_id not in newest or key > newest[bank_id][0]:
            newest[bank_id] = (key, path)
    return [(path, display(path)) for _, path in sorted(newest.values(), key=lambda kv: kv[1])]


def _read(path: Path, source: str) -> tuple[Any, list[str]]:
    text = read_text(path, source, BANK_SIZE_LIMIT)
    return parse(text, source), text.splitlines()
