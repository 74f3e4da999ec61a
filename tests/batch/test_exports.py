"""The analyst exports of a batch: the tidy answers table and the SQLite database."""

from __future__ import annotations

import csv
import errno
import io
import re
import sqlite3
from collections import defaultdict
from pathlib import Path
from statistics import mean
from typing import Any

import pytest
from conftest import MINI_DIR

from coself.batch import database, exports
from coself.batch.rows import spreadsheet_safe
from coself.core.scoring import score
from coself.io.banks import load_library
from coself.io.storage import load_answers

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")

# Every kind of answer the mini bank takes: levels, don't know, not applicable, yes/no (a red
# flag), a ladder rung; a respondent's name with a terminal escape in it.
ACME = """format: 1
bank: mini
organisation: Acme Care
perspective: staff
respondent: "Sam\\e[31m Smith"
answers:
  c-one: 4
  c-two:
    answer: dont_know
    note: Ask Jo Bloggs
  c-three: 4
  r-one: 3
  r-two: na
  flag-late: "yes"
  ladder-design: not-involved
"""
EXPORT = (
    "organisation,perspective,respondent,c-one,c-two,c-three,r-one,r-two,flag-late,ladder-design\n"
    "=SUM(A1),person,Pat Quinn,3,4,,2,na,no,co-design\n"
    "Bad,staff,,9,,,,,,\n"
)


@pytest.fixture
def returns(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "acme.yaml").write_text(ACME, encoding="utf-8")
    (folder / "export.csv").write_text(EXPORT, encoding="utf-8")
    return folder


def run_batch(cli: Any, tmp_path: Path, *args: object) -> tuple[int, str]:
    code, _, err = cli(
        "batch", tmp_path / "in", "-o", tmp_path / "out", "--banks-dir", MINI_DIR, "--plain", *args
    )
    return code, err


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_answers_table_has_a_row_per_answer_of_every_kind(cli, returns, tmp_path) -> None:  # type: ignore[no-untyped-def]
    table = tmp_path / "answers.csv"
    code, err = run_batch(cli, tmp_path, "--answers-csv", table)
    assert code == 1, err  # the bad row fails; the others are exported
    assert "export.csv:3:c-one" in err
    text = table.read_bytes().decode("utf-8")
    assert text.startswith(",".join(exports.ANSWERS_COLUMNS) + "\r\n")
    rows = read_rows(table)
    assert {r["source"] for r in rows} == {f"{returns}/acme.yaml", f"{returns}/export.csv:2"}
    acme = [r for r in rows if r["source"].endswith("acme.yaml")]
    picked = ("question_id", "section", "kind", "value", "level", "rung", "pair", "red_flag")
    assert [tuple(r[c] for c in picked) for r in acme] == [
        ("c-one", "culture", "level", "4", "4", "", "", ""),
        ("c-two", "culture", "level", "dont_know", "", "", "meaning", ""),
        ("c-three", "culture", "level", "4", "4", "", "", ""),
        ("r-one", "review", "level", "3", "3", "", "", ""),
        ("r-two", "review", "level", "na", "", "", "", ""),
        ("flag-late", "culture", "yesno", "yes", "", "", "", "1"),
        ("ladder-design", "review", "ladder", "not-involved", "", "0", "", ""),
    ]
    assert {(r["organisation"], r["perspective"], r["bank"], r["bank_version"]) for r in acme} == {
        ("Acme Care", "staff", "mini", "1.0.0")
    }
    gamma = {r["question_id"]: r for r in rows if r["source"].endswith("export.csv:2")}
    assert "c-three" not in gamma  # unanswered: no row
    assert gamma["flag-late"]["value"] == "no" and gamma["flag-late"]["red_flag"] == "0"
    assert gamma["ladder-design"]["rung"] == "6"
    # A formula is shown, never run, by a spreadsheet.
    assert {r["organisation"] for r in gamma.values()} == {"'=SUM(A1)"}
    assert "Jo Bloggs" not in text  # notes are never exported


def test_names_are_left_out_unless_asked_for(cli, returns, tmp_path) -> None:  # type: ignore[no-untyped-def]
    table, db = tmp_path / "answers.csv", tmp_path / "answers.db"
    run_batch(cli, tmp_path, "--answers-csv", table, "--sqlite", db)
    for path in (table, db):
        for name in (b"Sam", b"Smith", b"Pat Quinn"):
            assert name not in path.read_bytes(), (path, name)
    assert {r["respondent"] for r in read_rows(table)} == {""}
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT DISTINCT respondent FROM assessments").fetchall() == [
            (None,)
        ]

    table.unlink()
    db.unlink()
    run_batch(cli, tmp_path, "--answers-csv", table, "--sqlite", db, "--include-names")
    # named, and cleaned of the control character hidden in one of them
    assert {r["respondent"] for r in read_rows(table)} == {"Sam[31m Smith", "Pat Quinn"}
    with sqlite3.connect(db) as connection:
        names = connection.execute("SELECT respondent FROM assessments ORDER BY id").fetchall()
    assert names == [("Sam[31m Smith",), ("Pat Quinn",)]


def test_the_database_holds_the_same_answers_and_keys_that_hold(cli, returns, tmp_path) -> None:  # type: ignore[no-untyped-def]
    table, db = tmp_path / "answers.csv", tmp_path / "answers.db"
    run_batch(cli, tmp_path, "--answers-csv", table, "--sqlite", db)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (1,)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        view = connection.execute("SELECT * FROM answer_rows")
        columns = [c[0] for c in view.description]
        from_view = [dict(zip(columns, row, strict=True)) for row in view]
        assessments = connection.execute(
            "SELECT source, overall, stage, uncapped_stage, red_flags FROM assessments ORDER BY id"
        ).fetchall()
        flags = connection.execute(
            "SELECT q.question_id FROM red_flags JOIN questions AS q ON q.id = question"
        ).fetchall()
        sections = connection.execute(
            "SELECT section, score, levels, na, dont_know, unanswered FROM section_scores "
            "WHERE assessment_id = 1 ORDER BY section"
        ).fetchall()
        # The keys are declared: a tool that enforces them refuses an answer from nobody, and
        # an answer the question does not take.
        connection.execute("PRAGMA foreign_keys = ON")
        for orphan in ("99, 1, '4'", "1, 99, '4'", "2, 3, 'seven'"):
            with pytest.raises(sqlite3.IntegrityError):
                connection.execute(f"INSERT INTO answers VALUES ({orphan})")
    assert columns == ["assessment_id", *exports.ANSWERS_COLUMNS]
    # The same rows; the CSV alone guards its cells against spreadsheet formulas.
    as_text = [
        {c: spreadsheet_safe("" if v is None else str(v)) for c, v in row.items()}
        for row in from_view
    ]
    assert {row.pop("assessment_id") for row in as_text} == {"1", "2"}
    key = ("source", "question_id")
    assert sorted(as_text, key=lambda r: [r[k] for k in key]) == sorted(
        read_rows(table), key=lambda r: [r[k] for k in key]
    )
    # acme: culture 100, review 75 (weighed twice): 83.3, held down by its red flag
    assert assessments[0][0].endswith("acme.yaml") and assessments[0][1:] == (
        83.3,
        "Developing",
        "Leading",
        1,
    )
    assert flags == [("flag-late",)]
    assert sections == [("culture", 100.0, 2, 0, 1, 0), ("review", 75.0, 1, 1, 0, 0)]


def _readme_query() -> str:
    found = re.search(r"### Data for analysts.*?```sql\n(.*?)```", README, re.S)
    assert found, "the README's example query"
    return found.group(1)


def _voices_file(folder: Path, n: int, organisation: str, levels: list[int]) -> None:
    bank = load_library().get("voices")
    graded = [q for q in bank.questions if q.counts]
    answers = "".join(
        f"  {q.id}: {levels[i % len(levels)]}\n" if q.type.value != "yesno" else ""
        for i, q in enumerate(graded)
    )
    (folder / f"r{n:02d}.yaml").write_text(
        "format: 1\nbank: voices\n"
        f"organisation: {organisation}\nperspective: person\nanswers:\n{answers}",
        encoding="utf-8",
    )


def test_the_readme_query_answers_its_question(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    sizes = {"Acme Care": 6, "Beta Homes": 5, "Small Group": 2}
    n = 0
    for organisation, size in sizes.items():
        for k in range(size):
            _voices_file(folder, n, organisation, [(k + n) % 5, 4 - k % 5, 2])
            n += 1
    db = tmp_path / "answers.db"
    code, _, err = cli("batch", folder, "-o", tmp_path / "out", "--sqlite", db, "--plain")
    assert code == 0, err
    with sqlite3.connect(db) as connection:
        found = connection.execute(_readme_query()).fetchall()
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    # The same figures worked out here from each file's own scores.
    library = load_library()
    scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    for path in sorted(folder.iterdir()):
        answers, bank, _ = load_answers(path, library.find)
        for section in score(bank, answers).sections:
            if section.score is not None:
                scores[answers.organisation, section.id].append(section.score)
    expected = {k: v for k, v in scores.items() if len(v) >= 5}
    assert [(o, s) for o, s, _, _ in found] == sorted(expected)
    assert "Small Group" not in {o for o, *_ in found}  # too few to show
    for organisation, section, mean_score, respondents in found:
        figures = expected[organisation, section]
        assert respondents == len(figures)
        assert mean_score == pytest.approx(mean(figures), abs=0.051)


def test_a_failing_write_leaves_no_file(cli, returns, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    table, db = tmp_path / "answers.csv", tmp_path / "answers.db"
    # A database that fills up: SQLite's own "disk is full", met part-way through the batch.
    monkeypatch.setattr(database, "PRAGMAS", (*database.PRAGMAS, "max_page_count = 7"))
    code, err = run_batch(cli, tmp_path, "--answers-csv", table, "--sqlite", db)
    assert code == 73, err
    assert err.strip().splitlines()[-1] == f"coself: {db}: cannot write: the disk is full"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_a_full_disk_under_the_answers_table_leaves_no_file(
    cli, returns, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    table = tmp_path / "answers.csv"

    class FullDisk(io.StringIO):
        def write(self, text: str) -> int:
            if self.tell() > 200:
                raise OSError(errno.ENOSPC, "No space left on device")
            return super().write(text)

    real_open = open

    def opened(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path).endswith(".tmp") and "answers.csv" in str(path):
            real_open(path, *args, **kwargs).close()
            return FullDisk()
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(exports, "open", opened, raising=False)
    code, err = run_batch(cli, tmp_path, "--answers-csv", table)
    assert code == 73, err
    assert err.strip().splitlines()[-1] == f"coself: {table}: cannot write: the disk is full"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_a_stopped_batch_leaves_no_export(cli, returns, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    table, db = tmp_path / "answers.csv", tmp_path / "answers.db"
    added = database.ExportDatabase.add

    def add_then_stop(self: database.ExportDatabase, rows: exports.ExportRows) -> None:
        added(self, rows)
        raise KeyboardInterrupt  # Ctrl-C after the first assessment is in

    monkeypatch.setattr(database.ExportDatabase, "add", add_then_stop)
    code, err = run_batch(cli, tmp_path, "--answers-csv", table, "--sqlite", db)
    assert code == 130, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


@pytest.mark.parametrize(
    ("option", "target", "code", "message"),
    [
        ("--sqlite", "in/acme.yaml/x.db", 73, "in/acme.yaml is a file, not a folder"),
        ("--answers-csv", "in/acme.yaml/x.csv", 73, "in/acme.yaml is a file, not a folder"),
        ("--sqlite", "in/acme.yaml", 2, "is also an input"),
        ("--answers-csv", "in/export.csv", 2, "is also an input"),
        ("--sqlite", "in", 2, "is a directory"),
        ("--sqlite", "summary.csv", 2, "named by both --summary and --sqlite"),
        ("--include-names", None, 2, "--include-names puts names in --answers-csv or --sqlite"),
    ],
)
def test_a_bad_path_is_one_line_and_writes_nothing(  # type: ignore[no-untyped-def]
    cli, returns, tmp_path, option, target, code, message
) -> None:
    before = sorted(p.name for p in returns.iterdir())
    named = [] if target is None else [tmp_path / target]
    got, err = run_batch(cli, tmp_path, "--summary", tmp_path / "summary.csv", option, *named)
    assert got == code, err
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert "Traceback" not in err
    assert sorted(p.name for p in returns.iterdir()) == before
    assert not (tmp_path / "out").exists()  # refused before any work
