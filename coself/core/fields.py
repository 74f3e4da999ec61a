"""Checking parsed mappings field by field, collecting every located problem in one pass."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from coself.core.located import (
    LList,
    LMap,
    Mark,
    item_mark,
    key_mark,
    mark_of,
    value_mark,
    written,
)
from coself.core.text import clean
from coself.errors import Problem

ID_PATTERN = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def describe(value: Any, as_written: str | None = None) -> str:
    """Name a parsed value the way a person editing YAML would say it; a number as the file
    wrote it where that is known (`1.0`, not 1)."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"the number {_short(as_written or _number(value))}"
    if isinstance(value, str):
        return f"the text {_short(value)!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def described(mapping: Any, key: Any) -> str:
    """describe() for the value at mapping[key], named as written."""
    return describe(mapping[key], written(mapping, key))


class Checker:
    """Collects problems for one file; each check returns the value or None when it failed."""

    def __init__(self, source: str, clean_text: bool = False) -> None:
        self.source = source
        self.problems: list[Problem] = []
        # Banks and frameworks: their texts reach every report, so control and bidi characters
        # are taken out once, here, instead of in each renderer.
        self.clean_text = clean_text

    def fail(self, mark: Mark, message: str, subject: str | None = None) -> None:
        self.problems.append(Problem(self.source, mark.line, mark.col, message, subject))

    def mapping(
        self,
        value: Any,
        mark: Mark,
        what: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
        subject: str | None = None,
    ) -> LMap | None:
        """Check that `value` is a mapping with the required fields and no unknown ones."""
        if not isinstance(value, dict):
            self.fail(mark, f"{what} must be a mapping of fields, not {describe(value)}", subject)
            return None
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.fail(
                    key_mark(value, key),
                    f"unknown field {key!r} in {what} (known: {known})",
                    subject,
                )
        for key in required:
            if key not in value:
                self.fail(mark_of(value), f"{what} is missing the field {key!r}", subject)
        return value if isinstance(value, LMap) else _as_lmap(value)

    def items(
        self,
        mapping: dict[str, Any],
        key: str,
        subject: str | None = None,
        *,
        required: bool = True,
        min_items: int = 0,
    ) -> list[tuple[Any, Mark]]:
        """The items of a list field with their marks; [] (and a problem) when it is not a list."""
        if key not in mapping:
            return []
        value = mapping[key]
        if value is None and not required:
            return []
        if not isinstance(value, list):
            self.fail(
                value_mark(mapping, key),
                f"{key!r} must be a list, not {described(mapping, key)}",
                subject,
            )
            return []
        if len(value) < min_items:
            self.fail(
                value_mark(mapping, key), f"{key!r} needs at least {min_items} item(s)", subject
            )
        return [(item, item_mark(value, i)) for i, item in enumerate(value)]

    def text(
        self,
        mapping: dict[str, Any],
        key: str,
        subject: str | None = None,
        *,
        pattern: re.Pattern[str] | None = None,
        hint: str = "",
    ) -> str | None:
        if key not in mapping:
            return None
        value = mapping[key]
        if type(value) is str and value.strip() and (pattern is None or pattern.match(value)):
            # the usual case, checked first: marks are worked out only for problems
            return clean(value) if self.clean_text else value
        mark = value_mark(mapping, key)
        if not isinstance(value, str):
            quote = "; put it in quotes" if isinstance(value, (int, float, bool)) else ""
            self.fail(mark, f"{key!r} must be text, not {described(mapping, key)}{quote}", subject)
        elif not value.strip():
            self.fail(mark, f"{key!r} must not be empty", subject)
        else:
            self.fail(mark, f"{key!r} is {_short(value)!r}; {hint}", subject)
        return None

    def ident(self, mapping: dict[str, Any], key: str, subject: str | None = None) -> str | None:
        return self.text(
            mapping, key, subject, pattern=ID_PATTERN, hint="use lower-case letters, digits and '-'"
        )

    def number(
        self,
        mapping: dict[str, Any],
        key: str,
        subject: str | None = None,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        whole: bool = False,
        positive: bool = False,
    ) -> float | None:
        if key not in mapping:
            return None
        value = mapping[key]
        kinds = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            wanted = "a whole number" if whole else "a number"
            self.fail(
                value_mark(mapping, key),
                f"{key!r} must be {wanted}, not {described(mapping, key)}",
                subject,
            )
            return None
        number: float = value
        shown = _short(written(mapping, key) or _number(number))
        problem = None
        if isinstance(number, float) and not math.isfinite(number):
            problem = f"{key!r} must be a finite number, not {shown}"
        elif positive and number <= 0:
            problem = f"{key!r} must be more than 0, not {shown}"
        elif (minimum is not None and number < minimum) or (
            maximum is not None and number > maximum
        ):
            problem = f"{key!r} must be from {minimum:g} to {maximum:g}, not {shown}"
        if problem:
            self.fail(value_mark(mapping, key), problem, subject)
            return None
        return number

    def boolean(self, mapping: dict[str, Any], key: str, subject: str | None = None) -> bool | None:
        if key not in mapping:
            return None
        value = mapping[key]
        if not isinstance(value, bool):
            self.fail(
                value_mark(mapping, key),
                f"{key!r} must be true or false, not {described(mapping, key)}",
                subject,
            )
            return None
        return value


def _as_lmap(value: dict[str, Any]) -> LMap:
    result = LMap()
    result.update(value)
    return result


__all__ = ["Checker", "ID_PATTERN", "LList", "LMap", "describe", "described"]
