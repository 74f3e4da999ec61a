"""Making text from files and people safe to show: control characters out, markup escaped."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# C0 and C1 controls (but not tab/newline, handled by callers), DEL, and the bidi overrides and
# isolates that can make text read differently from how it is stored.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")
# Characters with an inline meaning in GitHub-flavoured markdown (`$` starts maths on GitHub,
# `@` an e-mail link), and those that only mean something at the start of a line (headings,
# lists, quotes, numbered lists).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~$@])")
# GFM links bare addresses (`https://…`, `www.…`): an escaped `:` before `//`, or `.` after
# `www`, keeps such text literal (an e-mail address is kept literal by its escaped `@`).
_MD_AUTOLINK = re.compile(r":(?=//)|(?<=\bwww)\.", re.IGNORECASE)
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # "1. " would start a numbered list


def clean(text: str) -> str:
    """Strip terminal control characters and bidi overrides; keep newlines and tabs."""
    if text.isprintable():  # the usual case: every character stripped here is unprintable
        return text
    return _CONTROLS.sub("", text)


# Joiners shape letters in many scripts (and emoji); every other format character is invisible.
_JOINERS = "\u200c\u200d"


def hidden_character(text: str) -> str | None:
    """The first character of text that does not show, as `U+200B ZERO WIDTH SPACE`: controls
    (tab and newline aside), line and paragraph separators, bidi and zero-width marks."""
    if text.isprintable():  # the usual case: nothing hidden (nor any space but ' ')
        return None
    for char in text:
        kind = unicodedata.category(char)
        if (kind in ("Cc", "Zl", "Zp") and char not in "\t\n") or (
            kind == "Cf" and char not in _JOINERS
        ):
            name = unicodedata.name(char, "")
            return f"U+{ord(char):04X} {name}".rstrip()
    return None


def hidden_in_name(name: str) -> str | None:
    """Why a name a person typed (already folded by one_line) cannot be kept, or None: a
    character that does not show would make two names that look alike differ, and the answers
    reader refuses such an organisation. Prompts, options and the reader share this rule."""
    hidden = hidden_character(name)
    return f"holds a character that does not show ({hidden})" if hidden else None


# Bank texts recur in every report of a batch; unique texts (names, notes) pass through and
# are the first to go, so the caches stay small however long the batch.
@lru_cache(maxsize=2048)
def one_line(text: str) -> str:
    """Clean text and fold all whitespace, newlines included, to single spaces."""
    return _SPACE.sub(" ", clean(text)).strip()


@lru_cache(maxsize=2048)
def md(text: str) -> str:
    """Escape text for GitHub-flavoured markdown, on one line: shown literally, tables intact."""
    escaped = _MD_INLINE.sub(r"\\\1", one_line(text))
    if ":" in escaped or "." in escaped:  # most texts have neither
        escaped = _MD_AUTOLINK.sub(r"\\\g<0>", escaped)
    return _escape_line_start(escaped)


def clean_data(value: Any) -> Any:
    """A copy of JSON-ready data with every text in it (keys too) passed through clean()."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_data(v) for v in value]
    return value


def _escape_line_start(text: str) -> str:
    """Escape what would start a heading, list, quote or rule if the text began a line."""
    if _MD_ORDERED.match(text):
        return _MD_ORDERED.sub(r"\1\\\2", text, count=1)
    first, second = text[:1], text[1:2]
    if (
        first == ">"
        or (first in "#+-" and second in ("", " ", "\t", "#"))
        or (first in "=-" and set(text) <= {first, " "})
    ):
        return "\\" + text
    return text
