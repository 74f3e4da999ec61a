"""Answers files: what is accepted, what is refused (located, one line each), and safe storage."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest
from conftest import MINI_DIR, make_answers

from coself.core.answers import with_derived_status
from coself.core.model import Special, Status
from coself.errors import WriteError
from coself.io.storage import (
    create_new,
    dump_answers,
    load_answers,
    save_answers,
    slug,
    write_atomic,
)

HEAD = 'format: 1\nbank: mini\nbank_version: "1.0.0"\norganisation: Acme\nperspective: staff\n'
LOCATED = re.compile(r"^\S+:\d+:\d+: .+$")


def report(cli, tmp_path: Path, body: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "a.answers.yaml"
    path.write_text(body, encoding="utf-8")
    return cli("report", path, "--format", "json", "--banks-dir", MINI_DIR)


BAD = [
    (
        "unknown question",
        "answers:\n  c-one: 2\n  c-nine: 3\n",
        "a.answers.yaml:8:3: c-nine: unknown question id 'c-nine' in bank 'mini'",
    ),
    (
        "level out of range",
        "answers:\n  c-one: 5\n",
        "a.answers.yaml:7:10: c-one: the number 5 "
        "is not an answer here; use a level 0-4 or dont_know",
    ),
    (
        "na where not allowed",
        "answers:\n  c-one: na\n",
        "c-one: this question cannot be answered na",
    ),
    ("yes on a level question", "answers:\n  c-one: yes\n", "the text 'yes' is not an answer"),
    ("unknown rung", "answers:\n  ladder-design: top\n", "use a rung (not-involved, coercion"),
    ("true on a yes/no question", "answers:\n  flag-late: true\n", "use yes or no"),
    ("a list instead of answers", "answers: [1, 2]\n", "'answers' must map question ids"),
    (
        "unknown field in an answer",
        "answers:\n  c-one: {answer: 1, mood: happy}\n",
        "unknown field 'mood' in an answer",
    ),
]


@pytest.mark.parametrize(("name", "tail", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_answers_are_located(cli, tmp_path, name, tail, message) -> None:  # type: ignore[no-untyped-def]
    code, out, err = report(cli, tmp_path, HEAD + tail)
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert all(LOCATED.match(line) for line in lines), err
    assert any(message in line for line in lines), err


def test_unknown_bank_and_perspective(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = HEAD.replace("bank: mini", "bank: nope").replace("staff", "boss") + "answers: {}\n"
    code, _, err = report(cli, tmp_path, body)
    assert code == 1
    assert "a.answers.yaml:2:7: unknown bank 'nope'" in err
    assert "a.answers.yaml:5:14: perspective 'boss' is not one of" in err


def test_a_different_bank_version_warns_and_names_lost_questions(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = HEAD.replace('"1.0.0"', '"0.9.0"') + "answers:\n  c-one: 4\n  c-old: 2\n"
    code, out, err = report(cli, tmp_path, body)
    assert code == 0
    assert "warning: " in err and "version 0.9.0" in err and "no longer in the bank: c-old" in err
    assert json.loads(out)["overall"]["score"] == 100.0


def test_blank_answers_are_unanswered_and_notes_kept(tmp_path, library) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.yaml"
    path.write_text(
        HEAD + "answers:\n  c-one:\n  c-two:\n    answer:\n    note: ask Sam\n", encoding="utf-8"
    )
    answers, _, _ = load_answers(path, library.find)
    assert "c-one" not in answers.answers
    assert answers.answers["c-two"].value is Special.SKIPPED
    assert answers.answers["c-two"].note == "ask Sam"


def test_saved_answers_load_back_the_same(tmp_path, mini, library) -> None:  # type: ignore[no-untyped-def]
    from coself.core.model import Answer

    tricky = "yes: no\n'quoted' \"dq\" 010 1.10 ~ null #hash \x1b[31m\u202e"
    answers = make_answers(
        mini,
        {
            "c-one": Answer(2, note=tricky, evidence="010"),
            "c-two": "na",
            "c-three": "dont_know",
            "flag-late": "no",
            "ladder-design": "co-design",
        },
        organisation="yes",
        respondent="1.10",
    )
    answers = with_derived_status(answers, mini)  # two questions unanswered: partial
    path = tmp_path / "x.answers.yaml"
    save_answers(path, answers)
    loaded, _, warnings = load_answers(path, library.find)
    assert warnings == []
    assert dict(loaded.answers) == dict(answers.answers)
    assert (loaded.organisation, loaded.respondent) == ("yes", "1.10")
    assert loaded.status is answers.status is Status.PARTIAL


def test_write_atomic_keeps_the_old_file_when_a_write_fails(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.yaml"
    write_atomic(path, "old\n")

    def broken(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/somewhere/.a.yaml.1.0.tmp")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(WriteError, match=r"^\S*a\.yaml: cannot write: the disk is full$"):
        write_atomic(path, "new\n")
    assert path.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["a.yaml"]  # no temporary file left behind


def test_create_new_never_overwrites(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = create_new(tmp_path, "acme", ".md", "one")
    second = create_new(tmp_path, "acme", ".md", "two")
    assert (first.name, second.name) == ("acme.md", "acme-2.md")
    assert first.read_text() == "one" and second.read_text() == "two"
    assert sorted(os.listdir(tmp_path)) == ["acme-2.md", "acme.md"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme Care Ltd.", "acme-care-ltd"),
        ("../../etc/passwd", "etc-passwd"),
        ("/abs/path", "abs-path"),
        ("CON", "con-organisation"),
        ("x" * 300, "x" * 60),
        ("\U0001f600\U0001f600", "organisation"),
        ("Caf\u00e9 Soleil", "cafe-soleil"),
    ],
)
def test_slugs_are_safe_file_names(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_dump_quotes_values_yaml_would_misread(mini) -> None:  # type: ignore[no-untyped-def]
    text = dump_answers(make_answers(mini, {"flag-late": "no"}, organisation="on"))
    assert "organisation: 'on'" in text and "flag-late: 'no'" in text
