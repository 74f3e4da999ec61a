"""Parsed values that remember where they stood in their file (line and column, from 1).

A place is kept as whatever the reader had to hand (a Mark, or a parser node with a
`start_mark`) and turned into a Mark only when a problem is reported: batches read thousands of
files that have no problems at all.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Mark(NamedTuple):
    line: int
    col: int | str  # a column number, or a CSV column name


class Cell(NamedTuple):
    """A CSV cell's place and its text as written (numbers are named as written in messages)."""

    line: int
    col: str
    text: str


NOWHERE = Mark(0, 0)


def as_mark(where: Any) -> Mark:
    """A Mark from a Mark, a place with its text (a Cell, or the plain (line, col, text) tuple
    the quick YAML reader makes, which costs less to make), a parser node (0-based start_mark),
    or None."""
    if where is None:
        return NOWHERE
    if isinstance(where, Mark):
        return where
    if isinstance(where, tuple):
        return Mark(where[0], where[1])
    start = where.start_mark
    return Mark(start.line + 1, start.column + 1)


class LMap(dict[Any, Any]):
    """A mapping that remembers where it, its keys and its values stood in the file."""

    __slots__ = ("where", "places")

    def __init__(self, where: Any = None) -> None:
        super().__init__()
        self.where = where
        self.places: dict[Any, tuple[Any, Any]] = {}  # key -> (where the key, where the value)

    @property
    def mark(self) -> Mark:
        return as_mark(self.where)


class LList(list[Any]):
    """A sequence that remembers where it and each item stood in the file."""

    __slots__ = ("where", "item_places")

    def __init__(self, where: Any = None) -> None:
        super().__init__()
        self.where = where
        self.item_places: list[Any] = []

    @property
    def mark(self) -> Mark:
        return as_mark(self.where)


def written(mapping: Any, key: Any, of_key: bool = False) -> str | None:
    """The value at `key` (or the key itself) as its file wrote it (`1.0`, `1e999`), where the
    reader kept it."""
    places = getattr(mapping, "places", None)
    if not places or key not in places:
        return None
    where = places[key][0 if of_key else 1]
    if isinstance(where, tuple):  # a Mark, or a place with its text (a Cell or a plain triple)
        text = where[2] if len(where) == 3 else None
    else:
        text = getattr(where, "value", None)
    return text if isinstance(text, str) else None


def mark_of(value: Any) -> Mark:
    """Where a located value (an LMap or LList) stood; NOWHERE for any other value."""
    return as_mark(getattr(value, "where", None))


def value_mark(mapping: Any, key: Any) -> Mark:
    """Where the value at `key` stood, or where the mapping stood if that was not kept."""
    places = getattr(mapping, "places", None)
    if places and key in places:
        return as_mark(places[key][1])
    return mark_of(mapping)


def key_mark(mapping: Any, key: Any) -> Mark:
    """Where `key` itself stood, or where the mapping stood if that was not kept."""
    places = getattr(mapping, "places", None)
    if places and key in places:
        return as_mark(places[key][0])
    return mark_of(mapping)


def item_mark(items: Any, index: int) -> Mark:
    """Where item `index` stood, or where the sequence stood if that was not kept."""
    places = getattr(items, "item_places", None)
    if places and index < len(places):
        return as_mark(places[index])
    return mark_of(items)
