"""CSV exports in the shapes that make reading them in parts hard, for the io and batch tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from coself.core.model import GRADED, Bank


def _graded(bank: Bank) -> list[str]:
    return [f"{q.section}/{q.id}" for q in bank.questions if q.type in GRADED][:4]


def kobo_export(path: Path, bank: Bank, rows: int = 90) -> Path:
    """A Kobo-shaped export with what makes parts hard: a byte order mark, names that are not
    ASCII, quoted line breaks, blank rows, a bad cell and a short row, and a column no question
    matches (a problem with the whole file, to be reported once)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # \r\n line endings, as Kobo writes them
    writer.writerow(["start", "organisation", "perspective", *_graded(bank), "mystery", "_uuid"])
    for n in range(rows):
        if n % 17 == 5:
            writer.writerow([])
            continue
        cells = [str((n * 7 + k) % 5) for k in range(4)]
        if n == 40:
            cells[2] = "9"  # not an answer: reported with its row and column
        note = f"said:\n«{n}»\r\nthen more" if n % 4 == 0 else ""
        row = ["2026-11-01", f"Café {n % 3}", ["carer", "staff", "person"][n % 3], *cells]
        writer.writerow(row + [note, f"u-{n}"] if n != 61 else row[:3])
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8", newline="")
    return path


def wide_export(path: Path, rows: int = 90) -> Path:
    """coself's own wide CSV export of the mini bank, with a bad cell and quoted line breaks."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["organisation", "perspective", "respondent", "c-one", "c-two", "r-one"])
    for n in range(rows):
        value = "7" if n == 33 else str(n % 5)
        writer.writerow([f"Zoë {n % 4}", "staff", f"line\n{n}" if n % 5 == 0 else "", value, 1, 2])
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path
