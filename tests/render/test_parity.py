"""Every format carries the same facts. The facts are read off the data form of each report kind
(JSON; a summary's CSV) by walking it whole, so whatever is added to the data later is checked
too: each must be found in every other format of that kind, markup and escapes stripped.

A fact is a text a reader must find: a title, a question's text, a figure as printed, a stage,
a date, a rung. Machine codes in the data (stage, section, question, rung and perspective ids,
answer codes) count as found when either the code or its words are there.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from test_golden import DATE, batch_summary, combined_report, comparison_report, single_report
from test_plan_reports import small_plan
from test_workshop_report import workshop_result

from coself.core.model import PERSPECTIVE_LABELS, Bank
from coself.core.plancheck import check_plan
from coself.core.words import SPECIAL_WORDS, answer_words
from coself.io.banks import Library
from coself.render import Format, Kind, Meta, formats_for, render
from coself.render.common import Summary
from coself.render.perspectives import GAP_KIND_WORDS
from coself.render.terminal import as_text

# What the data carries for scripts only, and why a reader need not find it.
FOR_SCRIPTS_ONLY = {
    "coself_version": "the program's version, not the report's content",
    "rung_number": "said in the rung's words",
    "url": "a link: its page title is what a reader sees",
}
WIDE = 2000  # terminal reports are read at a width where nothing wraps or is left out

Fact = tuple[str, ...]  # the ways a fact may be written: any one of them will do


def bank_words(banks: list[Bank]) -> dict[str, str]:
    """Each machine code the data may hold, with the words a report uses for it."""
    words = {p.value: label for p, label in PERSPECTIVE_LABELS.items()}
    words.update({s.value: w for s, w in SPECIAL_WORDS.items()})
    words.update(GAP_KIND_WORDS)
    for bank in banks:
        framework = bank.framework
        words.update({s.id: s.title for s in bank.stages})
        words.update({s.id: s.title for s in framework.sections})
        words.update({p.id: p.title for p in framework.principles})
        words.update({r.id: r.summary for r in framework.recommendations})
        words.update({r.id: r.title for r in (*framework.ladder, framework.not_involved)})
        words.update({q.id: q.text for q in bank.questions})
        words.update({q.pair: q.text for q in bank.questions if q.pair})
    return words


def number_fact(key: str, value: float) -> Fact:
    """A figure as the reports print it."""
    if key == "change" and value == 0:
        return ("no change",)
    if isinstance(value, int):
        return (str(value),)
    if key == "coverage":
        return (f"{value:.0f}%", f"{value:.1f}")
    return (f"{value:.1f}", f"{value:.2f}", f"{value:g}")


def facts(data: Any, words: Mapping[str, str], key: str = "") -> Iterator[tuple[str, Fact]]:
    """Every fact in the data, with the key it was found under: strings (with the words for a
    code), numbers as printed, and the keys of mappings that are codes (a question id: its text)
    or words. Field names are not facts; true/false and null are said in sentences, checked
    elsewhere."""
    if isinstance(data, Mapping):
        for name, value in data.items():
            if name in FOR_SCRIPTS_ONLY:
                continue
            if name in words:  # a code: a question id, a stage id...
                yield name, (name, words[name])
            elif " " in name:  # words, e.g. a part of the ladder ("doing with")
                yield name, (name,)
            yield from facts(value, words, name)
    elif isinstance(data, list):
        for item in data:
            yield from facts(item, words, key)
    elif isinstance(data, bool) or data is None:
        return
    elif isinstance(data, int | float):
        yield key, number_fact(key, data)
    elif isinstance(data, str) and data:
        yield key, (data, words[data]) if data in words else (data,)


def readable(text: str, fmt: Format) -> str:
    """What a reader of the format sees, as one line of plain text in lower case."""
    if fmt is Format.HTML:
        text = re.sub(r"<(style|title)>.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r'<a href="([^"]*)">', r" \1 ", text)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    elif fmt is Format.MARKDOWN:
        text = re.sub(r"\\([^\w\s])", r"\1", text)
    return " ".join(text.split()).casefold()


def found(fact: Fact, text: str) -> bool:
    for way in fact:
        way = " ".join(way.split()).casefold()
        if re.fullmatch(r"[\d.]+%?", way):  # a figure: whole, not part of a longer one
            if re.search(rf"(?<![\d.]){re.escape(way)}(?!\d|\.\d)", text):
                return True
        elif way in text:
            return True
    return False


def meta(kind: Kind) -> Meta:
    warnings = ("The answers name bank version 0.9.0.",) if kind is Kind.SINGLE else ()
    return Meta(DATE, warnings, plain=True)


def shown(kind: Kind, fmt: Format, report: Any) -> str:
    out = render(kind, fmt, report, meta(kind))
    return readable(as_text(out, WIDE) if fmt is Format.TERMINAL else out, fmt)


def missing(data: Any, words: Mapping[str, str], text: str) -> list[str]:
    return sorted(
        {f"{key}: {fact[-1]!r}" for key, fact in facts(data, words) if not found(fact, text)}
    )


def report_cases(library: Library) -> dict[str, tuple[Kind, Any]]:
    """Each report case by name (those of CASE_KINDS): its kind and the report."""
    comparison = comparison_report(library)
    return {
        "single": (Kind.SINGLE, single_report(library)),
        "workshop": (Kind.SINGLE, workshop_result(library.get("mini"))),
        "combined": (Kind.COMBINED, combined_report(library)),
        "comparison": (Kind.COMPARISON, comparison),
        "planned-comparison": (Kind.COMPARISON, check_plan(comparison, small_plan(library))),
    }


@pytest.fixture(scope="module")
def reports(library: Library) -> dict[str, tuple[Kind, Any]]:
    return report_cases(library)


CASE_KINDS = {
    "single": Kind.SINGLE,
    "workshop": Kind.SINGLE,
    "combined": Kind.COMBINED,
    "comparison": Kind.COMPARISON,
    "planned-comparison": Kind.COMPARISON,
}
REPORT_CASES = [
    (case, fmt)
    for case, kind in CASE_KINDS.items()
    for fmt in formats_for(kind)
    if fmt is not Format.JSON
]


@pytest.mark.parametrize(
    ("case", "fmt"), REPORT_CASES, ids=[f"{c}-{f.value}" for c, f in REPORT_CASES]
)
def test_every_fact_in_the_json_is_in_the_format(
    reports: dict[str, tuple[Kind, Any]], library: Library, case: str, fmt: Format
) -> None:
    kind, report = reports[case]
    data = json.loads(render(kind, Format.JSON, report, meta(kind)))
    words = bank_words(list(library.banks.values()))
    assert missing(data, words, shown(kind, fmt, report)) == []


@pytest.mark.parametrize("fmt", [f for f in formats_for(Kind.SUMMARY) if f is not Format.CSV])
def test_every_fact_in_the_csv_summary_is_in_the_format(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: Format
) -> None:
    monkeypatch.chdir(tmp_path)
    summary, _, csv_text = batch_summary(tmp_path, library)
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    data = [{k: v.removeprefix("'") for k, v in row.items()} for row in rows]  # formula guard
    wide = Summary(summary.totals, summary.rows, summary.failures, summary.combined, width=WIDE)
    assert missing(data, {}, shown(Kind.SUMMARY, fmt, wide)) == []


def test_the_check_finds_what_a_format_leaves_out(
    reports: dict[str, tuple[Kind, Any]], library: Library
) -> None:
    """The check can fail: a fact taken out of a report is reported missing."""
    single = reports["single"][1]
    data = json.loads(render(Kind.SINGLE, Format.JSON, single, Meta(DATE)))
    text = shown(Kind.SINGLE, Format.MARKDOWN, single)
    words = bank_words([library.get("mini")])
    cut = text.replace("board papers, march", "")
    assert missing(data, words, cut) == ["c-one: 'Seen in the minutes Board papers, March'"]
    assert missing({"distributions": {"c-one": {"median": 2.5}}}, words, text) == ["median: '2.5'"]


@pytest.mark.parametrize("fmt", [f for f in formats_for(Kind.SINGLE) if f is not Format.JSON])
def test_every_format_lists_every_answer_with_its_section(
    reports: dict[str, tuple[Kind, Any]], fmt: Format
) -> None:
    """The appendix: one row per question holding its number, section, text and answer."""
    result = reports["single"][1]
    out = render(Kind.SINGLE, fmt, result, meta(Kind.SINGLE))
    text = as_text(out, WIDE) if fmt is Format.TERMINAL else out
    rows = [readable(row, fmt) for row in re.split(r"</tr>|\n", text)]
    bank = result.bank
    titles = {s.id: s.title for s in bank.framework.sections}
    for n, question in enumerate(bank.questions, 1):
        answer = result.answers.answers.get(question.id)
        cells = [
            str(n),
            titles[question.section],
            question.text,
            answer_words(question, bank, answer),
        ]
        wanted = [" ".join(c.split()).casefold() for c in cells]
        assert any(all(w in row for w in wanted) for row in rows), (fmt, cells)
