"""A stand-in for the terminal, so `coself assess` runs in-process with typed lines."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

import pytest


class Typist:
    """Standard input that is a terminal: gives the lines one by one, then end of input.

    A line may be a callable: it runs at that moment (to change a file, say) and the next
    line is given instead."""

    def __init__(self, lines: Iterable[str | Callable[[], object]]) -> None:
        self.lines = list(lines)

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        while self.lines:
            line = self.lines.pop(0)
            if isinstance(line, str):
                return line + "\n"
            line()
        return ""


def type_into(monkeypatch: pytest.MonkeyPatch, lines: Iterable[str | Callable[[], object]]) -> None:
    monkeypatch.setattr(sys, "stdin", Typist(lines))
