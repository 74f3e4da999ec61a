"""Renderers: pure functions from a scored result to a report, one module per format."""

from __future__ import annotations

import enum


class Format(enum.Enum):
    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"

    @property
    def suffix(self) -> str:
        return {"terminal": ".txt", "markdown": ".md", "json": ".json"}[self.value]
