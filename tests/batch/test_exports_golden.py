"""The analyst exports compared whole: every byte of the answers table, every row of the database.

Fixed inputs (the mini banks, answers of every kind, names and organisations that need quoting,
escaping or guarding against spreadsheet formulas), so the files are fixed too. After a deliberate
change to the exports, refresh the files and read the diff before committing:

    UPDATE_GOLDEN=1 python -m pytest tests/batch/test_exports_golden.py
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI_DIR

from coself.batch import database

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

INPUTS = {
    "acme.yaml": """format: 1
bank: mini
organisation: Acme Care
perspective: staff
respondent: 'Sam "the Man", Smith'
started: "2026-11-01T09:00:00+00:00"
updated: "2026-11-01T10:00:00+00:00"
status: complete
answers:
  c-one: 4
  c-two:
    answer: dont_know
    note: Ask Jo Bloggs
  c-three:
    note: left for later
  r-one: 3
  r-two: na
  flag-late: "yes"
  ladder-design: not-involved
""",
    "cafe.yaml": """format: 1
bank: minivoices
organisation: 'Café "Ünïcode", Ltd'
perspective: person
respondent: Zoë
answers:
  v-flag: "yes"
  v-c1: 1
  v-ladder: co-design
  v-r1: dont_know
""",
    "export.csv": (
        "organisation,perspective,respondent,c-one,c-two,c-three,r-one,r-two,flag-late,"
        "ladder-design\n"
        '=SUM(A1),person,"Pat, Quinn",3,4,,2,na,no,co-design\n'
        '"Two\nLines",carer,+44 20,0,1,2,3,4,yes,na\n'
        "Bad,staff,,9,,,,,,\n"
    ),
}


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in INPUTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the sources are named as given: "in/..."
    return folder


def database_rows(path: Path) -> str:
    """The database as text: its schema, then every row of every table and of the view, values
    by repr (a float to its last bit)."""
    lines = []
    with sqlite3.connect(path) as connection:
        lines.append(f"user_version {connection.execute('PRAGMA user_version').fetchone()[0]}")
        schema = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        for kind, name, table, sql in schema:
            lines.append(f"{kind} {name} on {table}:\n{sql}")
        for kind, name, _, _ in schema:
            if kind in ("table", "view"):
                rows: list[Any] = connection.execute(f"SELECT * FROM {name}").fetchall()
                lines += [f"{name} {row!r}" for row in sorted(rows, key=repr)]
    return "\n".join(lines) + "\n"


def compare_with_golden(name: str, got: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(got)
    assert got == path.read_bytes(), name


@pytest.mark.parametrize("named", [False, True], ids=["without-names", "with-names"])
def test_the_exports_are_the_golden_files(cli, inputs, named) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(
        "batch",
        "in",
        "-o",
        "out",
        "--banks-dir",
        MINI_DIR,
        "--plain",
        "--answers-csv",
        "answers.csv",
        "--sqlite",
        "answers.db",
        *(["--include-names"] if named else []),
    )
    assert code == 1, err  # the bad row of the export fails; every other assessment is exported
    suffix = "-named" if named else ""
    compare_with_golden(f"answers{suffix}.csv", Path("answers.csv").read_bytes())
    compare_with_golden(
        f"answers{suffix}.db.txt", database_rows(Path("answers.db")).encode("utf-8")
    )


def test_scores_split_over_statements_are_the_same_rows(cli, inputs, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A bank with more scores than one statement takes has them written in parts: here one
    row a statement, for the same database."""
    monkeypatch.setattr(database, "_SCORE_VALUES_PER_STATEMENT", database._SCORE_COLUMNS - 1)
    code, _, err = cli(
        "batch", "in", "-o", "out", "--banks-dir", MINI_DIR, "--plain", "--sqlite", "answers.db"
    )
    assert code == 1, err
    compare_with_golden("answers.db.txt", database_rows(Path("answers.db")).encode("utf-8"))
