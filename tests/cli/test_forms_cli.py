"""The form commands from the command line: map suggest drafts, --map applies only what a person
checked, exports are scored as answers files are, and openpyxl is loaded only when needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from conftest import MINI_DIR

GOOGLE = (
    "Timestamp,Organisation,Culture question one?,Culture question two?,How did you hear of us?\n"
    "2026/11/01 10:00:00,Acme,Established,Not applicable,A friend\n"
    "2026/11/01 11:00:00,Acme,Sort of,2,Leaflet\n"
)


def test_map_suggest_marks_what_it_is_unsure_of_and_map_applies_it_once_checked(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    export = tmp_path / "google.csv"
    export.write_text(GOOGLE, encoding="utf-8")
    code, _, err = cli("report", export, "--perspective", "staff", "--banks-dir", MINI_DIR)
    assert code == 1
    assert f"{export}:1:How did you hear of us?: no question of bank 'mini'" in err
    assert f"{export}:3:Culture question one?: c-one: the text 'Sort of' is not an answer" in err

    draft = tmp_path / "map.yaml"
    code, _, err = cli(
        "map", "suggest", export, "--bank", "mini", "-o", draft, "--banks-dir", MINI_DIR
    )
    assert code == 0, err
    mapping = yaml.safe_load(draft.read_text(encoding="utf-8"))
    columns = mapping["columns"]
    assert columns["Timestamp"] == "metadata" and columns["Organisation"] == "organisation"
    assert columns["Culture question two?"] == "c-two"
    assert columns["How did you hear of us?"]["check"] is True
    assert columns["Culture question one?"]["answers"] == {"Sort of": None}
    assert columns["Culture question one?"]["check"] is True

    code, _, err = cli(
        "report", export, "--map", draft, "--perspective", "staff", "--banks-dir", MINI_DIR
    )
    assert code == 1 and "not checked yet" in err and f"{draft}:" in err

    columns["How did you hear of us?"] = "ignore"
    columns["Culture question one?"] = {"question": "c-one", "answers": {"Sort of": 1}}
    mapping["perspective"] = "staff"
    draft.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    code, out, err = cli(
        "report", export, "--map", draft, "--format", "json", "--banks-dir", MINI_DIR
    )
    assert code == 0, err
    assert '"respondents"' in out  # two rows of one organisation: one combined report


def test_map_suggest_never_writes_over_a_mapping(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export = tmp_path / "google.csv"
    export.write_text(GOOGLE, encoding="utf-8")
    kept = tmp_path / "map.yaml"
    kept.write_text("checked by hand\n", encoding="utf-8")
    code, _, err = cli(
        "map", "suggest", export, "--bank", "mini", "-o", kept, "--banks-dir", MINI_DIR
    )
    assert code == 1 and "already exists" in err
    assert kept.read_text(encoding="utf-8") == "checked by hand\n"


def test_a_bad_mapping_file_is_refused_with_places(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export = tmp_path / "google.csv"
    export.write_text(GOOGLE, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\ncolumns:\n  Timestamp: [1]\n  X: {question: c-one, role: name}\n")
    code, _, err = cli("report", export, "--map", bad, "--banks-dir", MINI_DIR)
    assert code == 1
    assert f"{bad}:3:14: Timestamp: a column entry must be a mapping" in err
    assert f"{bad}:4:6: X: give either 'question'" in err


def test_batch_scores_a_form_export_like_answers_files(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export = tmp_path / "kobo.csv"
    export.write_text(
        "start;end;organisation;perspective;culture/c-one;review/r-one;_uuid\n"
        "x;y;Acme;staff;3;dont_know;u1\nx;y;Acme;carer;Embedded;;u2\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, _, err = cli("batch", export, "-o", out, "--format", "json", "--banks-dir", MINI_DIR)
    assert code == 0, err
    assert "2 assessment(s) scored, 0 failed, 1 combined report(s)" in err


def test_a_report_of_an_answers_file_does_not_load_openpyxl(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("format: 1\nbank: mini\norganisation: A\nperspective: staff\nanswers: {}\n")
    script = (
        "import sys\nfrom coself.cli import run\n"
        f"code = run(['report', {str(answers)!r}, '--format', 'json', '--banks-dir', "
        f"{str(MINI_DIR)!r}])\n"
        "print(code, 'openpyxl' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stderr.splitlines()[-1] == "0 False", done.stderr
