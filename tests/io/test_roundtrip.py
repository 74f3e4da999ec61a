"""What coself writes, coself reads back exactly: answers files (YAML and JSON) and templates."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import make_answers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coself.core.answers import with_derived_status
from coself.core.model import Answer, Bank
from coself.core.text import hidden_in_name, one_line
from coself.io.banks import Library
from coself.io.storage import dump_answers, load_answers, write_atomic
from coself.io.template import render_yaml_template
from coself.io.yamlsafe import parse
from coself.io.yamlwrite import dump_yaml, yaml_scalar

HOSTILE = [
    "1e5",
    "2E3",
    "1.5e3",
    "1e999",
    "-1e999",
    "1_000",
    "0x10",
    "0o17",
    "010",
    "+1",
    ".5",
    "1.",
    ".inf",
    "-.inf",
    ".nan",
    "true",
    "False",
    "yes",
    "no",
    "on",
    "off",
    "null",
    "Null",
    "~",
    "2026-01-01",
    "2026-01-01T10:00:00Z",
    "12:30",
    "a # b",
    "#hash",
    "a: b",
    "a:b",
    "- x",
    "-",
    "? x",
    "'quoted'",
    '"double"',
    "'",
    '"',
    "a\\nb",
    "line\nbreak",
    "carriage\r\nreturn",
    "next\x85line",
    "line\u2028separator",
    "para\u2029graph",
    "\ufeffbom",
    "tab\there",
    "trailing  ",
    "  leading",
    "&anchor",
    "*alias",
    "!tag",
    "%directive",
    "@at",
    "`tick",
    "{a: 1}",
    "[1, 2]",
    "|",
    ">",
    "---",
    "...",
    "<<",
    "=1+1",
    "Caf\u00e9 \u00e0 l'ombre",
    "\u05e9\u05dc\u05d5\u05dd",
    "\U0001f600 emoji",
    "\u200b",
    "x" * 500 + " y" * 200,
]
# Any text, text shaped like YAML's numbers, dates and keywords, and the known hostile values
# with text around them.
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=80),
    st.from_regex(r"[-+]?[0-9_]*\.?[0-9]*([eE][-+]?[0-9]+)?", fullmatch=True),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9:.]+)?", fullmatch=True),
    st.sampled_from(["true", "false", "null", "~", "yes", "no", "on", "off", ".inf", ".nan"]),
    st.builds(
        lambda a, b, c: a + b + c,
        st.text(max_size=3),
        st.sampled_from(HOSTILE),
        st.text(max_size=3),
    ),
)
NAMES = TEXT.filter(lambda s: s.strip() != "")


def as_accepted(name: str) -> str | None:
    """The organisation name as coself takes it at a prompt or option (one line, nothing
    hidden), or None where it is refused there (and so never written)."""
    folded = one_line(name)
    return folded if folded and hidden_in_name(folded) is None else None


def reread(tmp_path: Path, library: Library, text: str, name: str = "x.answers.yaml"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    write_atomic(path, text)
    answers, _, warnings = load_answers(path, library.find)
    assert warnings == []
    return answers


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_strings_are_written_so_that_they_read_back(value: str) -> None:
    assert parse(dump_yaml({"key": value}), "x")["key"] == value
    assert parse(f"key: {yaml_scalar(value)}\n", "x")["key"] == value
    assert "\n" not in yaml_scalar(value)  # a template writes it after a key, on one line


@pytest.mark.parametrize("as_json", [False, True], ids=["yaml", "json"])
@pytest.mark.parametrize("value", HOSTILE)
def test_an_answers_file_with_hostile_names_and_notes_reads_back(
    tmp_path: Path, library: Library, mini: Bank, value: str, as_json: bool
) -> None:
    answers = make_answers(
        mini,
        {"c-one": Answer(2, note=value, evidence=value)},
        organisation=as_accepted(value) or "Acme",
        respondent=value if value.strip() else None,
    )
    answers = with_derived_status(answers, mini)  # as coself writes it: partial
    name = "x.answers.json" if as_json else "x.answers.yaml"
    loaded = reread(tmp_path, library, dump_answers(answers, as_json=as_json), name)
    assert replace(loaded, source=answers.source) == answers
    if as_json:
        assert json.loads((tmp_path / name).read_text(encoding="utf-8"))["organisation"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    organisation=NAMES, respondent=st.none() | NAMES, note=st.none() | NAMES, as_json=st.booleans()
)
def test_any_text_coself_accepts_reads_back_identically(
    tmp_path: Path,
    library: Library,
    mini: Bank,
    organisation: str,
    respondent: str | None,
    note: str | None,
    as_json: bool,
) -> None:
    answers = make_answers(
        mini,
        {"c-one": Answer(3, note=note), "flag-late": Answer("no", evidence=note)},
        organisation=as_accepted(organisation) or "Acme",
        respondent=respondent,
    )
    answers = with_derived_status(answers, mini)
    name = "p.answers.json" if as_json else "p.answers.yaml"
    loaded = reread(tmp_path, library, dump_answers(answers, as_json=as_json), name)
    assert replace(loaded, source=answers.source) == answers


@settings(max_examples=100, deadline=None)
@given(value=TEXT)
def test_any_string_survives_the_yaml_writer(value: str) -> None:
    assert parse(dump_yaml({"key": value}), "x")["key"] == value
    assert parse(f"key: {yaml_scalar(value)}\n", "x")["key"] == value


@pytest.mark.parametrize("value", [v for v in HOSTILE if as_accepted(v)])
def test_a_template_for_a_hostile_organisation_reads_back(
    tmp_path: Path, library: Library, mini: Bank, value: str
) -> None:
    from coself.core.model import Perspective

    value = one_line(value)  # as --org takes it
    text = render_yaml_template(mini, value, Perspective.CARER)
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    answers, _, _ = load_answers(path, library.find)
    assert answers.organisation == value
