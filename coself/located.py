"""Parsed values that remember where they stood in their file (line and column, from 1)."""

from __future__ import annotations

from typing import Any, NamedTuple


class Mark(NamedTuple):
    line: int
    col: int | str  # a column number, or a CSV column name


NOWHERE = Mark(0, 0)


class LMap(dict[Any, Any]):
    """A mapping that remembers where it, its keys and its values stood in the file."""

    __slots__ = ("mark", "key_marks", "value_marks")

    def __init__(self, mark: Mark = NOWHERE) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[Any, Mark] = {}
        self.value_marks: dict[Any, Mark] = {}


class LList(list[Any]):
    """A sequence that remembers where it and each item stood in the file."""

    __slots__ = ("mark", "item_marks")

    def __init__(self, mark: Mark = NOWHERE) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[Mark] = []


def mark_of(value: Any) -> Mark:
    return getattr(value, "mark", NOWHERE)


def value_mark(mapping: Any, key: Any) -> Mark:
    marks = getattr(mapping, "value_marks", None)
    if marks and key in marks:
        return marks[key]  # type: ignore[no-any-return]
    return mark_of(mapping)


def key_mark(mapping: Any, key: Any) -> Mark:
    marks = getattr(mapping, "key_marks", None)
    if marks and key in marks:
        return marks[key]  # type: ignore[no-any-return]
    return mark_of(mapping)


def item_mark(items: Any, index: int) -> Mark:
    marks = getattr(items, "item_marks", None)
    if marks and index < len(marks):
        return marks[index]  # type: ignore[no-any-return]
    return mark_of(items)
