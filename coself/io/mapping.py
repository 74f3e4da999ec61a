"""Mapping files: how the columns and cell words of an export meet a bank, read and drafted.

A mapping file is YAML: the bank, defaults for rows, and one entry per column, keyed by the
column's header as the export writes it. An entry is a question id, a role word
(`organisation`, `perspective`, `respondent`, `name`, `metadata`, `ignore`), or a mapping
with `question`, `answers` (cell word -> value as an answers file writes it), and while a
person has not yet checked it, `check: true` and a `reason`. A file that still holds
`check: true` is refused: unsure matches are never applied unseen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from coself.core.fields import Checker
from coself.core.located import key_mark, mark_of, value_mark
from coself.core.matching import (
    CLOSE_ENOUGH,
    ColumnRule,
    FormMap,
    Role,
    label_table,
    match_column,
    normalise,
    suggest_question,
    suggest_value,
)
from coself.core.model import Bank, Special
from coself.errors import InputError
from coself.io.documents import load_file

MAP_SIZE_LIMIT = 1024 * 1024
MAP_FORMAT = 1
_NOT_WORDS = (Role.QUESTION, Role.UNKNOWN, Role.BANK_VERSION)
ROLE_WORDS: dict[str, Role] = {r.value: r for r in Role if r not in _NOT_WORDS}
TOP_FIELDS = ["format", "bank", "bank_version", "organisation", "perspective", "columns"]


def load_map(path: Path) -> FormMap:
    """Read and check a mapping file; InputError listing every problem, each located."""
    source = str(path)
    data = load_file(path, source, MAP_SIZE_LIMIT)
    check = Checker(source)
    top = check.mapping(data, mark_of(data), "the mapping file", ["format", "columns"], TOP_FIELDS)
    if top is None:
        raise InputError.of(check.problems)
    fmt = check.number(top, "format", whole=True)
    if fmt is not None and fmt != MAP_FORMAT:
        check.fail(value_mark(top, "format"), f"format {fmt} is not one this coself reads")
    texts = {k: check.text(top, k) if top.get(k) is not None else None for k in TOP_FIELDS[1:5]}
    columns = _columns(check, top)
    if check.problems:
        raise InputError.of(check.problems)
    return FormMap(
        source,
        texts["bank"],
        texts["bank_version"],
        texts["organisation"],
        texts["perspective"],
        columns,
    )


def _columns(check: Checker, top: Any) -> dict[str, ColumnRule]:
    raw = top.get("columns")
    if not isinstance(raw, dict):
        check.fail(value_mark(top, "columns"), "'columns' must map column headers to entries")
        return {}
    rules: dict[str, ColumnRule] = {}
    for header, entry in raw.items():
        mark = key_mark(raw, header)
        if not isinstance(header, str):
            check.fail(mark, "a column header must be text; put it in quotes")
            continue
        rule = _rule(check, raw, header, entry)
        if rule is not None:
            rules[normalise(header)] = rule
    return rules


def _rule(check: Checker, raw: Any, header: str, entry: Any) -> ColumnRule | None:
    line = value_mark(raw, header).line
    if isinstance(entry, str):
        role = ROLE_WORDS.get(entry)
        return (
            ColumnRule(role, None, None, line)
            if role
            else ColumnRule(Role.QUESTION, entry, None, line)
        )
    fields = check.mapping(
        entry,
        value_mark(raw, header),
        "a column entry",
        [],
        ["question", "role", "answers", "check", "reason"],
        header,
    )
    if fields is None:
        return None
    if fields.get("check") is True:
        check.fail(
            key_mark(fields, "check"),
            "not checked yet: make sure this entry is right, then remove 'check: true'",
            header,
        )
    question = check.text(fields, "question", header)
    role_word = check.text(fields, "role", header)
    chosen = ROLE_WORDS.get(role_word) if role_word else Role.QUESTION
    if chosen is None or (chosen is Role.QUESTION) == (question is None):
        check.fail(
            value_mark(raw, header),
            "give either 'question' (a question id) or 'role' (" + ", ".join(ROLE_WORDS) + ")",
            header,
        )
        return None
    answers = fields.get("answers")
    if answers is not None and not isinstance(answers, dict):
        check.fail(value_mark(fields, "answers"), "'answers' must map cell words to values", header)
        return None
    words = {normalise(str(k)): v for k, v in (answers or {}).items()}
    return ColumnRule(chosen, question, words, line)


def draft_map(
    header: list[str], cells: dict[str, set[str]], bank: Bank, source: str
) -> dict[str, Any]:
    """A draft mapping for an export: every column matched where coself is sure, a suggestion
    marked `check: true` with its reason where it is not, and every cell word a question's
    column holds that the bank's words do not name."""
    columns: dict[str, Any] = {}
    for name in header:
        columns[name] = _draft_column(name, cells.get(name, set()), bank)
    return {
        "format": MAP_FORMAT,
        "bank": bank.id,
        "bank_version": bank.version,
        "organisation": None,
        "perspective": None,
        "columns": columns,
    }


def _draft_column(header: str, words: Iterable[str], bank: Bank) -> Any:
    match = match_column(header, bank)
    if match.role is not Role.QUESTION and match.role is not Role.UNKNOWN:
        return match.role.value
    reasons: list[str] = []
    question = match.question
    if question is None:
        question, ratio = suggest_question(header, bank)
        if question is None or ratio < CLOSE_ENOUGH:
            return {
                "role": "ignore",
                "check": True,
                "reason": "no question matches this column; give a question id to read it",
            }
        reasons.append(f"the header is like the text of {question.id} ({ratio:.0%} alike)")
    answers: dict[str, Any] = {}
    known = label_table(bank, question)
    for word in sorted(words):
        if normalise(word) in known:
            continue
        value, ratio = suggest_value(word, bank, question)
        sure = value is not None and ratio >= CLOSE_ENOUGH
        answers[word] = (value.value if isinstance(value, Special) else value) if sure else None
        reasons.append(
            f"{word!r} "
            + (
                f"looks like {answers[word]!r}"
                if sure
                else "is not a known answer: fill in its value"
            )
        )
    if not reasons:
        return question.id
    entry: dict[str, Any] = {"question": question.id}
    if answers:
        entry["answers"] = answers
    return {**entry, "check": True, "reason": "; ".join(reasons)}


def distinct_cells(
    rows: Iterator[tuple[int, Any]], header: list[str], limit: int = 50
) -> dict[str, set[str]]:
    """The different words each column holds (at most `limit` a column), read row by row."""
    seen: dict[str, set[str]] = {name: set() for name in header}
    for _, cells in rows:
        if isinstance(cells, InputError):
            continue
        for name, cell in zip(header, cells, strict=False):
            text = cell.strip()
            if text and len(seen[name]) < limit:
                seen[name].add(text)
    return seen
