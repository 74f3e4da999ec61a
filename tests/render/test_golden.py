"""Golden files: a canonical report of every kind in every format it comes in, compared whole.

The inputs are fixed (the mini banks in tests/data/banks, a fixed date), so the output is too.
After a deliberate change to a report, refresh the files and read the diff before committing:

    UPDATE_GOLDEN=1 python -m pytest tests/render
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from conftest import MINI_DIR, make_answers
from html_check import check_html
from markdown_check import check_markdown

from coself.batch.engine import Job, run_batch
from coself.batch.rows import Outcome, Totals
from coself.core.combine import Combined, combine
from coself.core.compare import Comparison, compare
from coself.core.model import Answer, Perspective
from coself.core.scoring import Result, score
from coself.io.banks import Library
from coself.render import RENDERERS, Format, Kind, Meta, render
from coself.render.common import Summary
from coself.render.terminal import REPORT_WIDTH, as_text

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
DATE = "2026-11-26"
GOLDEN_KINDS = (Kind.SINGLE, Kind.COMBINED, Kind.COMPARISON, Kind.SUMMARY)
CASES = [(kind, fmt) for kind in GOLDEN_KINDS for fmt in RENDERERS[kind]]


def golden_name(kind: Kind, fmt: Format) -> str:
    return f"{kind.value}{fmt.suffix}"


def single_report(library: Library) -> Result:
    """A staff member's answers touching every part of a single report."""
    mini = library.get("mini")
    answers = {
        "c-one": Answer(3, note="Seen in the minutes", evidence="Board papers, March"),
        "c-two": "na",
        "c-three": "dont_know",
        "r-one": 1,
        "r-two": 4,
        "flag-late": "yes",
        "ladder-design": "engagement",
    }
    targets = MappingProxyType({"review": "leading"})
    return score(mini, make_answers(mini, answers, respondent="Sam", targets=targets))


def combined_report(library: Library) -> Combined:
    """Four perspectives of one organisation, across the two banks, with a red flag."""
    mini, voices = library.get("mini"), library.get("minivoices")
    answered = [
        (mini, Perspective.LEADERSHIP, {"c-one": 4, "c-two": 3, "r-one": 4}),
        (mini, Perspective.STAFF, {"c-one": 2, "c-two": 4, "r-one": 3, "r-two": 3}),
        (voices, Perspective.PERSON, {"v-c1": 1, "v-c2": 1, "v-r1": 0, "v-flag": "yes"}),
        (voices, Perspective.CARER, {"v-c1": 2, "v-r1": 1}),
    ]
    ladders = {Perspective.LEADERSHIP: ("ladder-design", "co-production")}
    ladders[Perspective.PERSON] = ("v-ladder", "informing")
    results = []
    for bank, perspective, values in answered:
        if perspective in ladders:
            values = {**values, ladders[perspective][0]: ladders[perspective][1]}
        results.append(score(bank, make_answers(bank, values, perspective=perspective)))
    return combine(results, min_group=1)  # every feature shown; the privacy tests hide groups


def comparison_report(library: Library) -> Comparison:
    """One organisation a year apart: some better, one worse, a red flag cleared."""
    mini = library.get("mini")
    before = {"c-one": 1, "c-two": 2, "r-one": 2, "flag-late": "yes", "ladder-design": "informing"}
    after = {"c-one": 3, "c-two": 2, "r-one": 1, "r-two": 4, "flag-late": "no"}
    after["ladder-design"] = "co-design"
    return compare(
        [score(mini, make_answers(mini, before))], [score(mini, make_answers(mini, after))]
    )


BATCH_INPUTS = {
    "acme-staff.yaml": "perspective: staff\nanswers:\n  c-one: 3\n  c-two: 2\n  r-one: 4\n"
    "  flag-late: 'yes'\n",
    "acme-carer.yaml": "perspective: carer\nanswers:\n  c-one: 1\n  r-two: na\n",
    "bad.yaml": "perspective: staff\nanswers:\n  c-one: 9\n",
    "zeta.yaml": "perspective: leadership\norganisation: '=Zeta | Care'\nanswers:\n  c-two: 4\n",
}


def batch_summary(folder: Path, library: Library) -> tuple[Summary, str, str]:
    """A real batch over fixed files, run from `folder`: its summary, and the files it wrote."""
    returns = folder / "returns"
    returns.mkdir()
    for name, body in BATCH_INPUTS.items():
        organisation = "" if "organisation" in body else "organisation: Acme Care\n"
        text = f"format: 1\nbank: mini\n{organisation}{body}"
        (returns / name).write_text(text, encoding="utf-8")
    failures: list[str] = []

    def note(outcome: Outcome) -> None:
        failures.extend(outcome.problems)

    job = Job((MINI_DIR,), Path("out"), (Format.MARKDOWN,), DATE)
    totals, written = run_batch([Path("returns")], job, library, Path("summary.csv"), note)
    assert written is not None
    combined = sorted(p.name for p in Path("out").glob("combined-*"))
    summary = Summary(totals, totals.rows, failures, combined)
    csv_text = Path("summary.csv").read_bytes().decode("utf-8")
    return summary, written.read_text(encoding="utf-8"), csv_text


@pytest.fixture(scope="module")
def reports(library: Library, tmp_path_factory: pytest.TempPathFactory) -> dict[Kind, Any]:
    folder = tmp_path_factory.mktemp("batch")
    here = Path.cwd()
    os.chdir(folder)  # so that the summary names its sources by relative paths
    try:
        summary, markdown, csv_text = batch_summary(folder, library)
    finally:
        os.chdir(here)
    return {
        Kind.SINGLE: single_report(library),
        Kind.COMBINED: combined_report(library),
        Kind.COMPARISON: comparison_report(library),
        Kind.SUMMARY: summary,
        "streamed": {Format.MARKDOWN: markdown, Format.CSV: csv_text},
    }


def rendered(kind: Kind, fmt: Format, report: Any) -> str:
    warnings = (
        ("The answers name bank version 0.9.0; this is 1.0.0.",) if kind is Kind.SINGLE else ()
    )
    out = render(kind, fmt, report, Meta(DATE, warnings, plain=True))
    if fmt is Format.TERMINAL:
        return as_text(out, REPORT_WIDTH)
    assert isinstance(out, str)
    return out


def compare_with_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), (
        f"no golden file {name}: run UPDATE_GOLDEN=1 python -m pytest tests/render"
    )
    expected = path.read_bytes().decode("utf-8")  # bytes: a CSV's \r\n must stay as written
    assert text == expected, f"{name} differs from its golden file (see the module docstring)"


@pytest.mark.parametrize(("kind", "fmt"), CASES, ids=[golden_name(k, f) for k, f in CASES])
def test_report_matches_its_golden_file(reports: dict[Any, Any], kind: Kind, fmt: Format) -> None:
    text = rendered(kind, fmt, reports[kind])
    if fmt is Format.MARKDOWN:
        check_markdown(text, min_tables=1)
    elif fmt is Format.HTML:
        check_html(text)
    compare_with_golden(golden_name(kind, fmt), text)


@pytest.mark.parametrize("fmt", [Format.MARKDOWN, Format.CSV])
def test_batch_streams_the_same_summary_as_the_whole_renderer(
    reports: dict[Any, Any], fmt: Format
) -> None:
    """The batch writes its summary files a line at a time; the result is the golden file."""
    assert reports["streamed"][fmt] == rendered(Kind.SUMMARY, fmt, reports[Kind.SUMMARY])


def test_golden_folder_holds_exactly_the_cases() -> None:
    if UPDATE:
        pytest.skip("refreshing the golden files")
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(golden_name(k, f) for k, f in CASES)


def test_summary_of_many_assessments_shows_averages() -> None:
    """Beyond 50 assessments the terminal shows averages per bank and perspective."""
    totals = Totals()
    for n in range(51):
        row = {"bank": "mini", "perspective": "staff" if n % 2 else "carer"}
        totals.add(Outcome(f"f{n}.yaml", row, (float(n), None, None, None, 10.0)))
    text = as_text(
        render(Kind.SUMMARY, Format.TERMINAL, Summary(totals), Meta(plain=True)), REPORT_WIDTH
    )
    assert "Summary of 51 assessments (averages; every row is in the summary files)" in text
    # carers are the even numbers 0..50: mean 25.0; staff the odd 1..49: mean 25.0 too
    row = next(line.split() for line in text.splitlines() if "carer" in line)
    assert row[:5] == ["mini", "carer", "26", "25.0", "—"]
