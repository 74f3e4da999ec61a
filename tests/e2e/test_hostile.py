"""Hostile input never crashes coself: every command that reads files, over a corpus of bad
files, answers with located one-line messages and exit 1, never a traceback."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from conftest import MINI_DIR
from html_check import check_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_check import check_markdown

from coself.errors import InputError
from coself.io.storage import load_answers

CORPUS = Path(__file__).parents[1] / "hostile"
FILES = sorted(CORPUS.iterdir())
GOOD = "format: 1\nbank: mini\norganisation: Acme\nperspective: staff\nanswers:\n  c-one: 2\n"


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "huge.yaml"
    path.write_text(GOOD + "# " + "x" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    return path


def assert_located(path: Path, code: int, out: str, err: str) -> None:
    assert code == 1, (path.name, code, err)
    assert "Traceback" not in out + err, path.name
    lines = [line for line in err.splitlines() if line and not line.startswith("warning:")]
    assert lines, path.name
    for line in lines:
        assert line.startswith(str(path) + ":"), (path.name, line)
        assert "\x1b" not in line and "\x00" not in line


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_report_refuses_each_bad_file(cli, path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("report", path, "--banks-dir", MINI_DIR)
    assert_located(path, code, out, err)
    assert out == ""


def test_report_refuses_a_huge_file(cli, huge: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("report", huge, "--banks-dir", MINI_DIR)
    assert_located(huge, code, out, err)
    assert "larger than the 1024 KiB limit" in err


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_compare_refuses_each_bad_file(cli, path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    code, out, err = cli("compare", good, path, "--banks-dir", MINI_DIR)
    assert_located(path, code, out, err)


@pytest.mark.parametrize(
    "path",
    [p for p in FILES if p.suffix == ".yaml"],
    ids=[p.name for p in FILES if p.suffix == ".yaml"],
)
def test_banks_validate_refuses_each_bad_file(cli, path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("banks", "validate", path)
    assert code == 1 and "Traceback" not in out + err
    assert all(line.startswith(str(path) + ":") for line in out.splitlines())


def test_batch_lists_every_bad_file_and_goes_on(cli, tmp_path: Path, huge: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    out_dir = tmp_path / "out"
    code, out, err = cli(
        "batch",
        CORPUS,
        huge,
        good,
        "-o",
        out_dir,
        "--banks-dir",
        MINI_DIR,
        "--format",
        "markdown,json,html",
    )
    assert code == 1 and "Traceback" not in out + err
    for path in [*FILES, huge]:
        assert f"{path}:" in err, path.name
    assert "1 assessment(s) scored, " in err
    assert sorted(p.suffix for p in out_dir.iterdir()) == [".html", ".json", ".md", ".md"]
    (html_report,) = out_dir.glob("*.html")
    check_html(html_report.read_text(encoding="utf-8"))
    for markdown in out_dir.glob("*.md"):
        check_markdown(
            markdown.read_text(encoding="utf-8"),
            min_tables=1 if markdown.name.startswith("summary") else 3,
        )


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "coself").exists(), reason="coself is not installed"
)
def test_assess_resume_refuses_each_bad_file(tmp_path: Path) -> None:
    coself = str(Path(sys.executable).parent / "coself")
    for path in FILES:
        child = pexpect.spawn(
            coself,
            ["assess", "--resume", str(path), "--banks-dir", str(MINI_DIR)],
            encoding="utf-8",
            timeout=20,
            env={**os.environ, "NO_COLOR": "1"},
            cwd=str(tmp_path),
        )
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 1, (path.name, child.before)
        assert "Traceback" not in (child.before or ""), path.name
        assert f"{path}:" in (child.before or ""), path.name


# Documents made of the answers file's own words, in every shape, as YAML and as JSON.
KEYS = st.sampled_from(
    [
        "format",
        "bank",
        "organisation",
        "perspective",
        "answers",
        "status",
        "respondent",
        "targets",
        "bank_version",
        "c-one",
        "c-two",
        "r-one",
        "flag-late",
        "ladder-design",
        "answer",
        "note",
        "evidence",
        "x",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10),
    st.floats(allow_nan=True),
    st.sampled_from(
        [
            "mini",
            "staff",
            "yes",
            "no",
            "na",
            "dont_know",
            "010",
            "co-design",
            "1.10",
            "",
            "~",
            "[red]x[/]",
            "\x1b[31m",
        ]
    ),
    st.text(max_size=8),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=6)),
    max_leaves=25,
)
BASE = {
    "format": 1,
    "bank": "mini",
    "organisation": "Acme",
    "perspective": "staff",
    "answers": {"c-one": 1},
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    doc=DOCUMENTS,
    patch=st.dictionaries(KEYS, DOCUMENTS, max_size=3),
    as_json=st.booleans(),
    cut=st.integers(0, 400),
)
def test_random_documents_give_located_errors_or_answers(library, doc, patch, as_json, cut):  # type: ignore[no-untyped-def]
    for data in (doc, {**BASE, **patch}):
        if as_json:
            text = json.dumps(data, allow_nan=True)
        else:
            text = yaml.safe_dump(data, allow_unicode=True)
        for candidate in (text, text[:cut]):
            try:
                load_answers("doc.json" if as_json else "doc.yaml", library.find, candidate)
            except InputError as error:
                assert error.problems
                assert all(str(p).startswith("doc.") for p in error.problems)
                assert all("\n" not in str(p) for p in error.problems)
