"""Batch runs over a mixed folder, templates that round-trip, and answers from standard input."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import MINI_DIR
from markdown_check import check_markdown

GOOD_YAML = """format: 1
bank: mini
organisation: Acme Care
perspective: staff
answers:
  c-one: 4
  c-two: 2
  c-three: 3
  r-one: 1
  r-two: na
"""
GOOD_JSON = {
    "format": 1,
    "bank": "mini",
    "organisation": '=HYPERLINK("x") Beta',
    "perspective": "carer",
    "answers": {"c-one": 1, "r-one": {"answer": 3}},
}


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / "acme.yaml").write_text(GOOD_YAML, encoding="utf-8")
    (folder / "nested" / "beta.json").write_text(json.dumps(GOOD_JSON), encoding="utf-8")
    (folder / "export.csv").write_text(
        "organisation,perspective,respondent,c-one,c-two,c-three,r-one,r-two,flag-late\n"
        "Gamma,person,Pat,3,4,,2,na,no\n"
        "Delta,leadership,,2,2,2,2,2,yes\n"
        "Epsilon,staff,,7,2,2,2,2,no\n",
        encoding="utf-8",
    )
    (folder / "broken.yaml").write_text("format: 1\nbank: mini\n  oops: [\n", encoding="utf-8")
    (folder / "other.yaml").write_text(
        GOOD_YAML.replace("bank: mini", "bank: nope"), encoding="utf-8"
    )
    (folder / "notes.txt").write_text("not an answers file", encoding="utf-8")
    return folder


def test_a_mixed_folder(cli, mixed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    summary = tmp_path / "summary.csv"
    code, stdout, err = cli(
        "batch",
        mixed,
        "-o",
        out,
        "--format",
        "markdown,json",
        "--summary",
        summary,
        "--banks-dir",
        MINI_DIR,
        "--plain",
    )
    assert code == 1
    assert "Traceback" not in err
    assert re.search(r"broken\.yaml:3:\d+: invalid YAML", err)
    assert re.search(r"other\.yaml:2:7: unknown bank 'nope'", err)
    assert re.search(r"export\.csv:4:c-one: the number 7 is not an answer here", err)
    assert "notes.txt" not in err

    rows = list(csv.DictReader(io.StringIO(summary.read_text(encoding="utf-8"))))
    # input order: files in a folder before its sub-folders, by name; CSV rows in order.
    # A leading '=' is quoted so that a spreadsheet shows it rather than running it.
    assert [(r["organisation"], r["perspective"]) for r in rows] == [
        ("Acme Care", "staff"),
        ("Gamma", "person"),
        ("Delta", "leadership"),
        ('\'=HYPERLINK("x") Beta', "carer"),
    ]
    by_org = {r["organisation"]: r for r in rows}
    # culture 100 * (1 + 2 * .5 + .75) / 4 = 68.75, review 25 -> (68.75 + 2 * 25) / 3
    assert by_org["Acme Care"]["overall"] == "39.6"
    assert by_org["Gamma"]["source"].endswith("export.csv:2")
    assert by_org["Delta"]["stage"] == "Developing"  # 50.0 would be Established: red flag cap
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [
            "acme-care-staff-mini.md",
            "acme-care-staff-mini.json",
            "hyperlink-x-beta-carer-mini.md",
            "hyperlink-x-beta-carer-mini.json",
            "gamma-person-mini.md",
            "gamma-person-mini.json",
            "delta-leadership-mini.md",
            "delta-leadership-mini.json",
            "summary.md",
        ]
    )
    for name in names:
        if name.endswith(".md") and name != "summary.md":
            check_markdown((out / name).read_text(encoding="utf-8"))
    assert json.loads((out / "gamma-person-mini.json").read_text())["respondent"] == "Pat"
    summary_md = (out / "summary.md").read_text(encoding="utf-8")
    check_markdown(summary_md, min_tables=1)
    assert summary_md.count("\n| ") == 5  # the header and four assessments
    assert "## Files that could not be used" in summary_md and "broken.yaml" in summary_md
    assert "Acme Care" in stdout and "Gamma" in stdout


def test_reports_are_never_overwritten(cli, mixed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    for _ in range(2):
        cli("batch", mixed / "acme.yaml", "-o", out, "--banks-dir", MINI_DIR)
    assert sorted(p.name for p in out.iterdir()) == [
        "acme-care-staff-mini-2.md",
        "acme-care-staff-mini.md",
        "summary-2.md",
        "summary.md",
    ]


def test_all_good_exits_0(cli, mixed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(
        "batch",
        mixed / "acme.yaml",
        mixed / "nested",
        "-o",
        tmp_path / "o",
        "--banks-dir",
        MINI_DIR,
    )
    assert code == 0, err
    assert "2 assessment(s) scored, 0 failed" in err


def test_many_files_use_worker_processes_and_keep_order(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(80):
        (folder / f"f{n:03}.yaml").write_text(
            GOOD_YAML.replace("Acme Care", f"Org {n:03}").replace("c-one: 4", f"c-one: {n % 5}"),
            encoding="utf-8",
        )
    summary = tmp_path / "s.csv"
    code, stdout, _ = cli(
        "batch",
        folder,
        "-o",
        tmp_path / "o",
        "--summary",
        summary,
        "--banks-dir",
        MINI_DIR,
        "--format",
        "json",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(summary.read_text(encoding="utf-8"))))
    assert [r["organisation"] for r in rows] == [f"Org {n:03}" for n in range(80)]
    assert "Summary of 80 assessments" in stdout
    assert len(list((tmp_path / "o").glob("*.json"))) == 80


def test_a_filled_template_round_trips(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "t.answers.yaml"
    code, _, _ = cli(
        "template",
        "--bank",
        "mini",
        "--org",
        "yes",
        "--perspective",
        "carer",
        "-o",
        path,
        "--banks-dir",
        MINI_DIR,
    )
    assert code == 0
    text = path.read_text(encoding="utf-8")
    assert "# [1] Culture question one?" in text and "# Help: Why culture one matters." in text
    code, out, err = cli("report", path, "--format", "json", "--banks-dir", MINI_DIR)
    assert code == 0, err  # blank is accepted unchanged
    assert json.loads(out)["overall"]["score"] is None
    filled = (
        text.replace("  c-one:\n", "  c-one: 4\n")
        .replace("  r-one:\n", "  r-one: 2\n")
        .replace("  flag-late:\n", "  flag-late: no\n")
        .replace("  ladder-design:\n", "  ladder-design: co-design\n")
    )
    path.write_text(filled, encoding="utf-8")
    code, out, err = cli("report", path, "--format", "json", "--banks-dir", MINI_DIR)
    assert code == 0, err
    data = json.loads(out)
    assert data["organisation"] == "yes" and data["perspective"] == "carer"
    assert data["overall"]["score"] == 66.7  # (100 + 2 * 50) / 3
    code, _, err = cli("batch", path, "-o", tmp_path / "o", "--banks-dir", MINI_DIR)
    assert code == 0, err


def test_csv_template_is_the_header_row(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("template", "--bank", "mini", "--format", "csv", "--banks-dir", MINI_DIR)
    assert code == 0
    assert out == (
        "organisation,perspective,respondent,c-one,c-two,c-three,r-one,r-two,"
        "flag-late,ladder-design\n"
    )


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("perspective,c-one\n", "1:organisation: the CSV needs a column 'organisation'"),
        # an unknown column is read as a form export's: reported, and the rest of the file read
        ("organisation,perspective,c-one,c-zero\n", "1:c-zero: no question of bank 'mini' matches"),
        ("organisation,perspective,c-one,c-one\n", "the column 'c-one' appears twice"),
    ],
)
def test_bad_csv_headers(cli, tmp_path: Path, header: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.csv"
    path.write_text(header + "A,staff,1\n", encoding="utf-8")
    code, _, err = cli("batch", path, "-o", tmp_path / "o", "--banks-dir", MINI_DIR)
    assert code == 1 and message in err


def test_csv_rows_with_missing_or_extra_cells(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.csv"
    path.write_text(
        "organisation,perspective,c-one\nA,staff\nB,staff,1,2\nC,staff,3\n", encoding="utf-8"
    )
    code, _, err = cli("batch", path, "-o", tmp_path / "o", "--banks-dir", MINI_DIR)
    assert code == 1
    assert "x.csv:2: the row has 2 cells but the header has 3 columns" in err
    assert "x.csv:3: the row has 4 cells" in err
    assert "1 assessment(s) scored, 2 failed" in err


def test_report_reads_standard_input(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdin", io.StringIO(GOOD_YAML))
    code, out, err = cli("report", "-", "--format", "json", "--banks-dir", MINI_DIR)
    assert code == 0, err
    assert json.loads(out)["overall"]["score"] == 39.6


def test_standard_input_errors_are_located(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdin", io.StringIO(GOOD_YAML.replace("c-one: 4", "c-one: 8")))
    code, _, err = cli("report", "-", "--banks-dir", MINI_DIR)
    assert code == 1
    assert "<stdin>:6:10: c-one: the number 8 is not an answer here" in err


def test_template_never_writes_over_a_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "filled.answers.yaml"
    path.write_text("someone's answers\n", encoding="utf-8")
    code, _, err = cli("template", "--bank", "mini", "-o", path, "--banks-dir", MINI_DIR)
    assert code == 1 and "already exists" in err
    assert path.read_text(encoding="utf-8") == "someone's answers\n"
    assert list(tmp_path.iterdir()) == [path]
