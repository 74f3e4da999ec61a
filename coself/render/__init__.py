"""Renderers: pure functions from a report to text, one module per format, found through one table.

`render(kind, fmt, report, meta)` is the only way in. Format modules are imported when first
needed, so that JSON, markdown, HTML and CSV never import Rich (only `terminal` does).
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from coself.core.privacy import DEFAULT_MIN_GROUP

if TYPE_CHECKING:
    from coself.render.common import StreamedSummary


class Format(enum.Enum):
    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"
    CSV = "csv"

    @property
    def suffix(self) -> str:
        return _SUFFIXES[self]


_SUFFIXES = {
    Format.TERMINAL: ".txt",
    Format.MARKDOWN: ".md",
    Format.JSON: ".json",
    Format.HTML: ".html",
    Format.CSV: ".csv",
}

FILE_FORMATS = (Format.MARKDOWN, Format.JSON, Format.HTML)  # the formats of a report file


class Kind(enum.Enum):
    """What is reported, and the type a renderer of that kind takes."""

    SINGLE = "single"  # coself.core.scoring.Result
    COMBINED = "combined"  # coself.core.combine.Combined
    COMPARISON = "comparison"  # coself.core.compare.Comparison
    SUMMARY = "summary"  # coself.render.common.Summary (a batch's)
    BANK = "bank"  # coself.core.model.Bank
    BANK_LIST = "bank list"  # a sequence of coself.core.model.Bank
    PLAN = "plan"  # coself.core.plan.Plan (Meta.generated is the day it is shown on)
    FEEDBACK = "feedback"  # coself.core.planfeedback.Feedback


@dataclass(frozen=True)
class Meta:
    """What a report says besides its data, passed in so that output is deterministic."""

    generated: str = ""  # the report date
    warnings: tuple[str, ...] = ()
    plain: bool = False  # terminal only: ASCII tables and bars, no colour
    min_group: int = DEFAULT_MIN_GROUP  # a workshop's perspectives with fewer votes are hidden


def _by_format(module_of: dict[Format, str], name: str) -> dict[Format, str]:
    return {fmt: f"coself.render.{module}:{name}" for fmt, module in module_of.items()}


_REPORT_MODULES = {
    Format.TERMINAL: "terminal",
    Format.MARKDOWN: "markdown",
    Format.JSON: "json",
    Format.HTML: "html",
}

# Every (kind, format) that exists, as "module:function". A pair not listed does not apply:
# a batch summary is a table (terminal, markdown, CSV), CSV is only for that table, and banks
# are read in a terminal or by scripts (JSON).
RENDERERS: dict[Kind, dict[Format, str]] = {
    Kind.SINGLE: _by_format(_REPORT_MODULES, "render_single"),
    Kind.COMBINED: _by_format(_REPORT_MODULES, "render_combined"),
    Kind.COMPARISON: _by_format(_REPORT_MODULES, "render_comparison"),
    Kind.SUMMARY: _by_format(
        {Format.TERMINAL: "terminal", Format.MARKDOWN: "markdown", Format.CSV: "csv"},
        "render_summary",
    ),
    Kind.BANK: _by_format({Format.TERMINAL: "terminal", Format.JSON: "json"}, "render_bank"),
    Kind.BANK_LIST: _by_format({Format.TERMINAL: "terminal"}, "render_bank_list"),
    Kind.PLAN: _by_format(_REPORT_MODULES, "render_plan"),
    Kind.FEEDBACK: _by_format(
        {Format.MARKDOWN: "markdown", Format.HTML: "html"}, "render_feedback"
    ),
}


def formats_for(kind: Kind) -> tuple[Format, ...]:
    """The formats a kind of report comes in."""
    return tuple(RENDERERS[kind])


@cache
def renderer(kind: Kind, fmt: Format) -> Callable[[Any, Meta], Any]:
    """The function that renders `kind` as `fmt` (imported on first use)."""
    try:
        where = RENDERERS[kind][fmt]
    except KeyError:
        raise ValueError(f"there is no {fmt.value} {kind.value} report") from None
    module, name = where.split(":")
    function: Callable[[Any, Meta], Any] = getattr(importlib.import_module(module), name)
    return function


def render(kind: Kind, fmt: Format, report: Any, meta: Meta) -> Any:
    """The report as text (a Rich renderable for the terminal)."""
    return renderer(kind, fmt)(report, meta)


def streamed_summary(fmt: Format) -> StreamedSummary:
    """A summary file's renderer in pieces (head, row, tail), for a batch that writes as it goes."""
    from coself.render.common import StreamedSummary

    found = renderer(Kind.SUMMARY, fmt)
    if not isinstance(found, StreamedSummary):
        raise ValueError(f"a {fmt.value} summary is not written as it goes")
    return found
