"""Renderers: pure functions from a scored result to a report, one module per format."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coself.core.scoring import Result


class Format(enum.Enum):
    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"

    @property
    def suffix(self) -> str:
        return {"terminal": ".txt", "markdown": ".md", "json": ".json", "html": ".html"}[self.value]


FILE_FORMATS = (Format.MARKDOWN, Format.JSON, Format.HTML)


def render_file(result: Result, fmt: Format, generated: str, warnings: Sequence[str] = ()) -> str:
    """A report as the text of a file (markdown or JSON)."""
    if fmt is Format.MARKDOWN:
        from coself.render.markdown import render_markdown

        return render_markdown(result, generated, warnings)
    if fmt is Format.JSON:
        from coself.render.jsonout import render_json

        return render_json(result, generated, warnings)
    if fmt is Format.HTML:
        from coself.render.html import render_html

        return render_html(result, generated, warnings)
    raise ValueError(f"{fmt.value} is not a file format")
