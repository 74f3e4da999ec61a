"""Checking parsed mappings field by field, collecting every located problem in one pass."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from coself.core.located import LList, LMap, Mark, item_mark, key_mark, mark_of, value_mark
from coself.errors import Problem

ID_PATTERN = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")


def describe(value: Any) -> str:
    """Name a parsed value's type the way a person editing YAML would say it."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value:g}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class Checker:
    """Collects problems for one file; each check returns the value or None when it failed."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

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
                value_mark(mapping, key), f"{key!r} must be a list, not {describe(value)}", subject
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
            return value  # the usual case, checked first: marks are worked out only for problems
        mark = value_mark(mapping, key)
        if not isinstance(value, str):
            quote = "; put it in quotes" if isinstance(value, (int, float, bool)) else ""
            self.fail(mark, f"{key!r} must be text, not {describe(value)}{quote}", subject)
        elif not value.strip():
            self.fail(mark, f"{key!r} must not be empty", subject)
        else:
            self.fail(mark, f"{key!r} is {value!r}; {hint}", subject)
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
                f"{key!r} must be {wanted}, not {describe(value)}",
                subject,
            )
            return None
        if positive and value <= 0:
            self.fail(
                value_mark(mapping, key), f"{key!r} must be more than 0, not {value}", subject
            )
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.fail(
                value_mark(mapping, key),
                f"{key!r} must be from {minimum:g} to {maximum:g}, not {value}",
                subject,
            )
            return None
        return value

    def boolean(self, mapping: dict[str, Any], key: str, subject: str | None = None) -> bool | None:
        if key not in mapping:
            return None
        value = mapping[key]
        if not isinstance(value, bool):
            self.fail(
                value_mark(mapping, key),
                f"{key!r} must be true or false, not {describe(value)}",
                subject,
            )
            return None
        return value


def _as_lmap(value: dict[str, Any]) -> LMap:
    result = LMap()
    result.update(value)
    return result


__all__ = ["Checker", "ID_PATTERN", "LList", "LMap", "describe"]
