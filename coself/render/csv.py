"""CSV, for spreadsheets: the batch summary, one row per assessment, safe from formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from coself.batch.rows import SUMMARY_COLUMNS, spreadsheet_safe
from coself.render import Meta
from coself.render.common import StreamedSummary, Summary

# One buffer and writer, reused: a batch makes one summary line per file.
_BUFFER = io.StringIO()
_WRITER = csv.writer(_BUFFER)


def _line(cells: Sequence[str]) -> str:
    _BUFFER.seek(0)
    _BUFFER.truncate()
    _WRITER.writerow(cells)
    return _BUFFER.getvalue()


def _summary_head(meta: Meta) -> str:
    return _line(SUMMARY_COLUMNS)


def summary_row(row: Mapping[str, str]) -> str:
    """One assessment's summary line, every cell safe to open in a spreadsheet."""
    return _line([spreadsheet_safe(row[c]) for c in SUMMARY_COLUMNS])


def _summary_tail(summary: Summary, meta: Meta) -> str:
    return ""  # a CSV is rows only: totals and failures are in the markdown summary


render_summary = StreamedSummary(_summary_head, summary_row, _summary_tail)
