"""Exports from online forms in their real shapes (Kobo CSV, Microsoft Forms .xlsx, Google Forms
CSV) read into the same answers as an answers file, with broken cells reported in place."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from coself.core.matching import Reading, choices
from coself.core.model import GRADED, Answers, Bank, Perspective, Question, Special
from coself.errors import InputError
from coself.io.banks import Library
from coself.io.sources import score_input


@pytest.fixture(scope="module")
def voices(library: Library) -> Bank:
    return library.get("voices")


def graded(bank: Bank) -> list[Question]:
    return [q for q in bank.questions if q.type in GRADED]


def read(path: Path, library: Library, reading: Reading | None = None) -> list[Any]:
    """Each row's answers, or its problems as lines."""
    found: list[Any] = []
    for _, got in score_input(path, library, reading):
        found.append(got.lines() if isinstance(got, InputError) else got[0].answers)
    return found


def values(answers: Answers) -> dict[str, object]:
    return {qid: a.value for qid, a in answers.answers.items()}


def write_csv(path: Path, rows: list[list[str]], sep: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out, delimiter=sep).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_kobo_csv_with_semicolons_and_group_prefixes_reads_the_right_answers(
    tmp_path: Path, library: Library, voices: Bank
) -> None:
    first, second, third = graded(voices)[:3]
    header = ["start", "end", "organisation", "perspective"]
    header += [f"{q.section}/{q.id}" for q in (first, second, third)]
    header += ["_id", "_uuid", "_submission_time", "_index"]
    rows = [
        header,
        ["2026-11-01T10:00", "2026-11-01T10:09", "Acme Care", "person", "3", "dont_know", "0"]
        + ["17", "a1b2", "2026-11-01T10:10", "1"],
        ["2026-11-02T10:00", "2026-11-02T10:09", "Acme Care", "carer", "4", "", "1"]
        + ["18", "c3d4", "2026-11-02T10:10", "2"],
    ]
    got = read(write_csv(tmp_path / "kobo.csv", rows, ";"), library)
    assert [values(a) for a in got] == [
        {first.id: 3, second.id: Special.DONT_KNOW, third.id: 0},
        {first.id: 4, third.id: 1},
    ]
    assert [a.perspective for a in got] == [Perspective.PERSON, Perspective.CARER]
    assert {a.bank for a in got} == {"voices"}


def test_kobo_label_headers_and_label_cells_read_as_names_and_values(
    tmp_path: Path, library: Library, voices: Bank
) -> None:
    question = graded(voices)[0]
    label = choices(voices, question)[2].label  # "Sometimes: ..." as the XLSForm writes it
    rows = [
        ["Organisation", "Who is answering?", f"Culture/{question.text}"],
        ["Acme Care", "Carers", label],
        ["Acme Care", "People who draw on care and support", "  don't KNOW "],
    ]
    got = read(write_csv(tmp_path / "labels.csv", rows, ";"), library)
    assert [values(a) for a in got] == [{question.id: 2}, {question.id: Special.DONT_KNOW}]
    assert [a.perspective for a in got] == [Perspective.CARER, Perspective.PERSON]


def ms_forms_rows(voices: Bank) -> list[list[Any]]:
    first, second = graded(voices)[:2]
    header = ["ID", "Start time", "Completion time", "Email", "Name", first.text, second.text]
    scale = [s.label for s in voices.scale]
    return [
        header,
        [1, "11/1/26 10:00:00", "11/1/26 10:05:00", "ann@example.org", "Ann Lee", scale[3], 2],
        [2, "11/1/26 11:00:00", "11/1/26 11:05:00", "anonymous", "", scale[4], scale[0]],
    ]


def test_a_microsoft_forms_workbook_reads_the_answers_and_drops_names(
    tmp_path: Path, library: Library, voices: Bank
) -> None:
    path = write_xlsx(tmp_path / "ms.xlsx", ms_forms_rows(voices))
    first, second = graded(voices)[:2]
    reading = Reading("Acme Care", Perspective.PERSON)
    got = read(path, library, reading)
    assert [values(a) for a in got] == [{first.id: 3, second.id: 2}, {first.id: 4, second.id: 0}]
    assert [a.respondent for a in got] == [None, None]
    assert {a.organisation for a in got} == {"Acme Care"}


def test_include_names_keeps_the_name_before_the_email(
    tmp_path: Path, library: Library, voices: Bank
) -> None:
    path = write_xlsx(tmp_path / "ms.xlsx", ms_forms_rows(voices))
    reading = Reading("Acme Care", Perspective.PERSON, include_names=True)
    assert [a.respondent for a in read(path, library, reading)] == ["Ann Lee", "anonymous"]


def test_a_google_forms_csv_reads_question_titles_with_commas(
    tmp_path: Path, library: Library, voices: Bank
) -> None:
    with_comma = next(q for q in graded(voices) if "," in q.text)
    rows = [
        ["Timestamp", "Organisation", with_comma.text],
        ["2026/11/01 10:00:00 AM GMT", "Acme Care", voices.scale[2].label],
    ]
    got = read(write_csv(tmp_path / "google.csv", rows), library, Reading(None, Perspective.CARER))
    assert [values(a) for a in got] == [{with_comma.id: 2}]


def test_broken_cells_are_reported_in_place_and_the_other_rows_read(
    tmp_path: Path, library: Library, voices: Bank
) -> None:
    first, second = graded(voices)[:2]
    flag = next(q for q in graded(voices) if not q.allow_na and q not in (first, second))
    rows = [
        ["organisation", "perspective", f"g/{first.id}", f"g/{second.id}", flag.id, "colour"],
        ["Acme Care", "person", voices.scale[3].label, "9", "na", "blue"],
        ["Acme Care", "person", voices.scale[4].label.upper(), "1", "", "red"],
        ["Acme Care", "someone", "2", "", "", ""],
    ]
    path = write_csv(tmp_path / "bad.csv", rows, ";")
    got = read(path, library)
    assert got[0] == [
        f"{path}:1:colour: no question of bank 'voices' matches this column, so it is not read; "
        "to read it, map it to a question (or to ignore) in a mapping file "
        "(coself map suggest FILE --bank voices)"
    ]
    assert got[1][0].startswith(f"{path}:2:g/{second.id}: {second.id}: the text '9' is not an")
    assert got[1][1].startswith(f"{path}:2:{flag.id}: the text 'na' is not an answer to this")
    assert values(got[2]) == {first.id: 4, second.id: 1}
    assert got[3] == [
        f"{path}:4:perspective: perspective 'someone' is not one of "
        "leadership, staff, person, carer, other"
    ]


def test_a_file_where_no_column_matches_is_an_error(tmp_path: Path, library: Library) -> None:
    path = write_csv(tmp_path / "none.csv", [["when", "what"], ["today", "tea"]])
    got = read(path, library)
    assert len(got) == 1 and "no column matches a question of any bank" in got[0][0]


def test_an_export_without_organisation_asks_for_org(
    tmp_path: Path, library: Library, voices: Bank
) -> None:
    rows = [["perspective", graded(voices)[0].id, "start"], ["staff", "2", "x"]]
    got = read(write_csv(tmp_path / "no-org.csv", rows), library)
    assert "the export has no organisation column: give --org" in got[0][0]
    assert values(read(tmp_path / "no-org.csv", library, Reading("Acme"))[0]) == {
        graded(voices)[0].id: 2
    }


def test_a_broken_workbook_cell_is_named_by_its_sheet_row_and_column(
    tmp_path: Path, library: Library, voices: Bank
) -> None:
    rows = ms_forms_rows(voices)
    rows[2][5] = "Quite often"
    got = read(write_xlsx(tmp_path / "ms.xlsx", rows), library, Reading("Acme", Perspective.CARER))
    first = graded(voices)[0]
    assert values(got[0]) == {first.id: 3, graded(voices)[1].id: 2}
    assert got[1] == [
        f"{tmp_path / 'ms.xlsx'}:3:{first.text}: {first.id}: the text 'Quite often' is not an "
        "answer to this question; use one of 0, 1, 2, 3, 4, dont_know or the words the form "
        "shows for them (or map it in a mapping file)"
    ]


def test_two_columns_for_one_question_are_reported(tmp_path: Path, library: Library) -> None:
    rows = [
        ["organisation", "perspective", "culture/c-one", "culture/c-one", "when"],
        ["A", "staff", "1", "2", "x"],
    ]
    path = write_csv(tmp_path / "twice.csv", rows, ";")
    got = read(path, library)
    twice = f"{path}:1:culture/c-one: c-one: this column and 'culture/c-one' both hold answers"
    assert got[0][0].startswith(twice)
    assert values(got[1]) == {"c-one": 1}
