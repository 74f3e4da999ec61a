"""The XLSForm: pyxform converts it, it says what the bank says, its returns read back exactly."""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from coself.core.matching import choices, list_name
from coself.core.model import Bank, Perspective, Special
from coself.errors import InputError
from coself.io.banks import Library
from coself.io.sources import score_input
from coself.io.xlsform import render_xlsform


@functools.cache
def sheets(bank: Bank) -> dict[str, list[dict[str, Any]]]:
    """Each sheet of the bank's XLSForm as rows keyed by its header."""
    book = load_workbook(io.BytesIO(render_xlsform(bank)))
    found = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        found[sheet.title] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return found


@pytest.mark.parametrize("bank_id", ["organisation", "voices", "mini"])
def test_pyxform_converts_the_xlsform_without_error(
    bank_id: str, library: Library, tmp_path: Path
) -> None:
    from pyxform.xls2xform import convert

    path = tmp_path / f"{bank_id}.xlsx"
    path.write_bytes(render_xlsform(library.get(bank_id)))
    result = convert(xlsform=str(path))
    assert f'id="{bank_id}"' in result.xform
    assert f'version="{library.get(bank_id).version}"' in result.xform


def test_the_xlsform_names_labels_and_groups_every_question(library: Library) -> None:
    bank = library.get("organisation")
    form = sheets(bank)
    fields = {row["name"]: row for row in form["survey"] if row["name"]}
    for question in bank.questions:
        row = fields[question.id]
        assert (row["label"], row["hint"]) == (question.text, " ".join(question.help.split()))
        assert row["type"] == f"select_one {list_name(bank, question)}"
    groups = [row["name"] for row in form["survey"] if row["type"] == "begin_group"]
    assert groups == [s.id for s in bank.sections]
    assert form["settings"] == [
        {"form_title": bank.title, "form_id": bank.id, "version": bank.version}
    ]
    own = next(q for q in bank.questions if q.levels)
    listed = [r for r in form["choices"] if r["list_name"] == list_name(bank, own)]
    assert [r["label"].split(": ", 1)[1] for r in listed[:5]] == [
        " ".join(own.levels[n].split()) for n in range(5)
    ]
    ladder = next(q for q in bank.questions if q.type.value == "ladder")
    names = [r["name"] for r in form["choices"] if r["list_name"] == list_name(bank, ladder)]
    assert names[0] == "not-involved" and "dont_know" in names
    assert ("na" in names) == ladder.allow_na


def test_bank_text_that_looks_like_a_formula_stays_text(library: Library) -> None:
    bank = library.get("mini")
    first = dataclasses.replace(bank.questions[0], text='=HYPERLINK("http://x")')
    hostile = dataclasses.replace(bank, questions=(first, *bank.questions[1:]))
    book = load_workbook(io.BytesIO(render_xlsform(hostile)))
    cells = [c for row in book["survey"].iter_rows() for c in row if c.value == first.text]
    assert cells and all(c.data_type == "s" for c in cells)


def kobo_export(bank: Bank, rows: list[dict[str, Any]], labels: bool, sep: str) -> str:
    """A Kobo-shaped CSV export of rows (question id -> choice name or None) answered to the
    bank's XLSForm: metadata columns, `group/field` headers (or label headers), values (or
    labels) in the cells."""
    form = sheets(bank)
    words = {(r["list_name"], r["name"]): r["label"] for r in form["choices"]}
    header, keys, path = ["start", "end"], [], []
    for row in form["survey"]:
        kind, name = row["type"], row["name"]
        if kind == "begin_group":
            path.append(row["label"] if labels else name)
        elif kind == "end_group":
            path.pop()
        else:
            shown = row["label"] if labels and row["label"] else name
            header.append("/".join([*path, shown]))
            keys.append((kind.removeprefix("select_one "), name, row["calculation"]))
    header += ["_id", "_uuid", "_submission_time", "__version__", "_index"]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep)
    writer.writerow(header)
    for number, answers in enumerate(rows, 1):
        cells = ["2026-11-01T10:00:00", "2026-11-01T10:20:00"]
        for kind, name, calculation in keys:
            if kind == "calculate":
                cells.append(calculation.strip("'\""))
            elif kind == "text":
                cells.append(answers["organisation"])
            else:
                value = answers.get(name)
                cells.append("" if value is None else words[(kind, value)] if labels else value)
        writer.writerow([*cells, number, f"uuid-{number}", "2026-11-01T10:21:00", "vX", number])
    return out.getvalue()


def a_row(bank: Bank) -> st.SearchStrategy[dict[str, Any]]:
    per_question = {
        q.id: st.one_of(st.none(), st.sampled_from([c.name for c in choices(bank, q)]))
        for q in bank.questions
    }
    return st.fixed_dictionaries(
        {
            **per_question,
            "organisation": st.sampled_from(["Acme Care", "Beta; Gamma, Ltd", "Ünïcode Care"]),
            "perspective": st.sampled_from([p.value for p in Perspective]),
        }
    )


def expected(bank: Bank, row: dict[str, Any]) -> dict[str, object]:
    found: dict[str, object] = {}
    for question in bank.questions:
        name = row[question.id]
        if name is not None:
            found[question.id] = next(c.value for c in choices(bank, question) if c.name == name)
    return found


def round_trip(library: Library, bank: Bank, rows: list[dict[str, Any]], labels: bool, sep: str):  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "export.csv")
        path.write_text(kobo_export(bank, rows, labels, sep), encoding="utf-8")
        got = [g for _, g in score_input(path, library)]
    assert not [g.lines() for g in got if isinstance(g, InputError)]
    return [g[0].answers for g in got if not isinstance(g, InputError)]


@pytest.mark.parametrize("labels", [False, True])
def test_a_kobo_export_of_the_generated_form_reads_back_exactly(
    library: Library, labels: bool
) -> None:
    bank = library.get("voices")
    every = [
        {
            q.id: c.name
            for q in bank.questions
            for c in [choices(bank, q)[i % len(choices(bank, q))]]
        }
        | {"organisation": "Acme Care", "perspective": "carer"}
        for i in range(9)
    ]
    got = round_trip(library, bank, every, labels, ";")
    assert [{k: a.value for k, a in g.answers.items()} for g in got] == [
        expected(bank, row) for row in every
    ]
    assert {Special.NA, Special.DONT_KNOW} <= {a.value for g in got for a in g.answers.values()}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), labels=st.booleans(), sep=st.sampled_from([";", ","]))
def test_any_answers_to_the_form_read_back_exactly(
    library: Library, data: st.DataObject, labels: bool, sep: str
) -> None:
    bank = library.get(data.draw(st.sampled_from(["voices", "organisation"])))
    rows = data.draw(st.lists(a_row(bank), min_size=1, max_size=3))
    rows = [r for r in rows if any(r[q.id] is not None for q in bank.questions)]
    got = round_trip(library, bank, rows, labels, sep) if rows else []
    assert [{k: a.value for k, a in g.answers.items()} for g in got] == [
        expected(bank, r) for r in rows
    ]
    assert [(g.organisation, g.perspective.value, g.bank) for g in got] == [
        (r["organisation"], r["perspective"], bank.id) for r in rows
    ]
