"""A combined report of a big CSV export holds running totals, never every result (issue 10,
item 17): memory grows with the size of the file's text, not with results kept per row."""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import tracemalloc
from pathlib import Path

from conftest import MINI_DIR

from coself import app
from coself.render import Format

HEADER = "organisation,perspective,c-one,c-two,c-three,r-one,r-two,flag-late,ladder-design"


def _export(path: Path, rows: int) -> Path:
    rng = random.Random(51)
    lines = [HEADER]
    for _ in range(rows):
        who = rng.choice(["staff", "person", "carer", "leadership"])
        lines.append(
            f"Acme Care,{who},{rng.randint(0, 4)},{rng.choice(['1', 'na', 'dont_know'])},"
            f"{rng.randint(0, 4)},{rng.randint(0, 4)},{rng.choice(['2', 'na', ''])},"
            f"{rng.choice(['yes', 'no'])},{rng.choice(['coercion', 'informing', 'co-design'])}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _peak_of_report(path: Path) -> tuple[int, str]:
    tracemalloc.start()
    try:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            app.report([str(path)], Format.JSON, None, app.Context((MINI_DIR,)))
        return tracemalloc.get_traced_memory()[1], out.getvalue()
    finally:
        tracemalloc.stop()


def test_a_combined_report_of_many_rows_keeps_no_result_per_row(tmp_path: Path) -> None:
    _peak_of_report(_export(tmp_path / "warm.csv", 50))  # imports and caches, once
    small, small_report = _peak_of_report(_export(tmp_path / "small.csv", 1000))
    big, big_report = _peak_of_report(_export(tmp_path / "big.csv", 11000))
    assert json.loads(big_report)["respondents"] == 11000
    # The text itself is 45 bytes a row; a kept result would be several kilobytes a row.
    assert big - small < 400 * 10000, f"{(big - small) / 10000:.0f} bytes per extra row"
    # Counts only: eleven times the rows make each number at most one digit longer.
    assert len(big_report) <= len(small_report) + len(re.findall(r"\d+", small_report))
