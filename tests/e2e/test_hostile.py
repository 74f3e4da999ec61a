"""Hostile input never crashes coself: every command that reads files, over a corpus of bad
files, answers with located one-line messages and exit 1, never a traceback or a hang.

The corpus is tests/hostile/: drop a file in and every command reads it. A file must be refused,
with one located line per problem, unless its name starts with `ok-` (it must then be scored,
and its text shown literally). Files named `bank-*` are question banks: they also go through
`banks validate` and `--banks-dir`. EXPECTED below may say what a file's message must contain.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
import yaml
from conftest import MINI_DIR
from html_check import check_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_check import GUIDE, check_markdown
from markdown_it import MarkdownIt

from coself.errors import InputError
from coself.io.banks import load_library
from coself.io.storage import load_answers

CORPUS = Path(__file__).parents[1] / "hostile"
EVERY = sorted(CORPUS.iterdir())
FILES = [p for p in EVERY if not p.name.startswith("ok-")]  # each must be refused
ACCEPTED = [p for p in EVERY if p.name.startswith("ok-")]  # each must be scored
BANKS = [p for p in EVERY if p.name.startswith("bank-")]
# What a file's message must say (for a bank file: from `banks validate`), by issue 10's classes.
EXPECTED = {
    "csv-line-separators.csv": [":4:c-one: the number 9 is not an answer here"],  # 6
    "organisation-invisible.yaml": [":3:15: 'organisation' holds a character that does not"],  # 7
    "huge-integer.yaml": [":6:10: a number of 5000 characters is too long to read"],  # 9
    "huge-integer.csv": [":2:c-one: a number of 5000 characters is too long to read"],
    "huge-format.json": [":1:12: a number of 5000 characters is too long to read"],
    "bank-huge-numbers.yaml": [":30:13: a number of 401 characters", ":32:7: a number of 200"],
    "bank-huge-version.yaml": [":4:10: 'version' is '1.999"],
    "bank-weights-not-finite.yaml": [  # 10
        ":22:13: review: 'weight' must be a finite number, not 1e999",
        ":37:13: c-two: 'weight' must be from 0.001 to 1000, not 1e308",
        ":17:49: leading: 'max' must be a finite number, not 100.0e999",
    ],
    "wrong-shapes.yaml": [  # 11
        ":6:12: culture: not a stage id: a list",
        ":7:11: review: not a stage id: a mapping",
        ":11:11: c-one: 'note' must be text, not a list",
        ":12:15: c-one: 'evidence' must be text, not a mapping",
    ],
    "bank-wrong-shapes.yaml": [":3:8: 'title' must be text, not a list"],
    "not-utf8.yaml": [":8:14: not UTF-8 text (byte 0xc3)"],  # 12
    "header-only.csv": [": holds no assessments"],  # 22
    "number-as-written.yaml": [
        ":6:10: c-one: the number 1.0 is not",
        ":8:10: r-one: the number 2.50",
    ],
    "json-nan.json": [":1:100: invalid JSON: NaN is not a JSON value"],  # 25
    "json-infinity.json": [":2:47: invalid JSON: -Infinity is not a JSON value"],
    "json-comment.json": [":1:55: invalid JSON"],
    "json-trailing-comma.json": [":1:102: invalid JSON"],
    "json-single-quotes.json": [":1:2: invalid JSON"],
    "json-unquoted.json": [":1:23: invalid JSON"],
    "json-duplicate-keys.json": [":1:55: duplicate key 'organisation'"],
    "status-unknown.yaml": [":6:9: status must be partial or complete, not 'Complete'"],
    "status-not-text.json": [":1:89: 'status' must be text, not true/false (true)"],
}
# Rows of a CSV in the corpus that are good (each is scored on its own, as the batch must).
# Rows of corpus CSVs scored besides the one each accepted file counts for: two good rows in a
# refused export, and the many rows of one organisation (issue 10, classes 15 and 17: every
# report name collides, and they make one combined report).
# An unknown column is reported once and the rest of its export still read (issue 14), so the
# good row under extra-columns.csv's header is scored too.
GOOD_ROWS = {
    "csv-line-separators.csv": 2,
    "ok-many-rows-one-organisation.csv": 59,
    "extra-columns.csv": 1,
}
GOOD = "format: 1\nbank: mini\norganisation: Acme\nperspective: staff\nanswers:\n  c-one: 2\n"


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "huge.yaml"
    path.write_text(GOOD + "# " + "x" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    return path


class _Hung(BaseException):
    """Raised by the alarm: a command blocked instead of refusing its input."""


@pytest.fixture(autouse=True)
def deadline() -> Iterator[None]:
    """Every test here ends within a minute: hostile input must never make coself hang."""

    def expire(*_: object) -> None:
        raise _Hung

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def assert_located(path: Path | str, code: int, out: str, err: str, name: str = "") -> None:
    name = name or Path(path).name
    assert code == 1, (name, code, err)
    assert "Traceback" not in out + err, name
    lines = [line for line in err.splitlines() if line and not line.startswith("warning:")]
    assert lines, name
    for line in lines:
        assert line.startswith(str(path) + ":"), (name, line)
        assert "\x1b" not in line and "\x00" not in line
    csv_on_stdin = path == "<stdin>" and name.endswith(".csv")  # read as YAML there
    if not name.startswith("bank-") and not csv_on_stdin:
        for expected in EXPECTED.get(name, []):
            assert f"{path}{expected}" in err, (name, expected, err)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_report_refuses_each_bad_file(cli, path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("report", path, "--banks-dir", MINI_DIR)
    assert_located(path, code, out, err)
    assert out == ""


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_report_refuses_each_bad_file_on_standard_input(  # type: ignore[no-untyped-def]
    cli, monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(path.read_bytes()), errors="surrogateescape")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, err = cli("report", "-", "--banks-dir", MINI_DIR)
    assert_located("<stdin>", code, out, err, path.name)
    assert out == ""


def test_standard_input_larger_than_a_file_may_be_is_refused(  # type: ignore[no-untyped-def]
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = io.BytesIO(GOOD.encode() + b"#" * (100 * 1024 * 1024))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(data))
    code, out, err = cli("report", "-", "--banks-dir", MINI_DIR)
    assert (code, err) == (1, "<stdin>: standard input is larger than the 1024 KiB limit\n")
    assert data.tell() == 1024 * 1024 + 1  # read no further than needed to know


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json", "html"])
@pytest.mark.parametrize("path", ACCEPTED, ids=[p.name for p in ACCEPTED])
def test_each_accepted_file_is_reported_as_literal_text(cli, path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("report", path, "--banks-dir", MINI_DIR, "--format", fmt)
    assert code == 0, err
    assert not set(out) & set("\x1b\x07\u202e\u200b")
    if fmt == "markdown":
        check_markdown(out)
        pytest.importorskip("linkify_it", reason="markdown-it-py[linkify] is a test extra")
        linkify = MarkdownIt("commonmark", {"linkify": True}).enable("linkify")
        for token in linkify.parse(out):
            for child in token.children or []:
                if child.type == "link_open":  # only coself's own links to the guide
                    assert str(child.attrs["href"]).startswith(GUIDE), child
        assert "$" not in out.replace("\\$", "")
    elif fmt == "html":
        check_html(out)
    elif fmt == "json":
        json.loads(out)


def test_json_reports_strip_controls_from_bank_titles(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "banks"
    folder.mkdir()
    text = (MINI_DIR / "mini.yaml").read_text(encoding="utf-8")
    evil = "Mini \\e[31mred\\e[0m \\u202eevil\\u202c \\x07bell"
    text = text.replace("title: Mini test bank", f'title: "{evil}"').replace(
        "id: mini\n", "id: e\n"
    )
    (folder / "e.yaml").write_text(text, encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text(GOOD.replace("bank: mini", "bank: e"), encoding="utf-8")
    for args in ([answers], [answers, answers]):
        code, out, err = cli("report", *args, "--format", "json", "--banks-dir", folder)
        assert code == 0, err
        assert not set(out) & set("\x1b\x07\u202e\u202c") and "\\u001b" not in out
    two = cli("compare", answers, answers, "--format", "json", "--banks-dir", folder)[1]
    assert not set(two) & set("\x1b\x07\u202e\u202c") and "\\u001b" not in two


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
    for expected in EXPECTED.get(path.name, []) if path.name.startswith("bank-") else []:
        assert f"{path}{expected}" in out, (expected, out)


@pytest.mark.parametrize("path", BANKS, ids=[p.name for p in BANKS])
def test_a_bad_bank_in_a_banks_folder_is_refused_with_its_place(  # type: ignore[no-untyped-def]
    cli, path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "banks"
    folder.mkdir()
    shutil.copy(path, folder / path.name)
    answers = tmp_path / "a.yaml"
    answers.write_text(GOOD, encoding="utf-8")
    code, out, err = cli("report", answers, "--banks-dir", MINI_DIR, "--banks-dir", folder)
    assert_located(Path("banks") / path.name, code, out, err.replace(f"{tmp_path}/", ""))


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
    for path in ACCEPTED:
        assert f"{path}:" not in err, path.name
    scored = 1 + len(ACCEPTED) + sum(GOOD_ROWS.values())
    assert f"{scored} assessment(s) scored, " in err
    reports = [p for p in out_dir.iterdir() if not p.name.startswith(("summary", "combined-"))]
    assert sorted(p.suffix for p in reports) == sorted([".html", ".json", ".md"] * scored)
    for html_report in out_dir.glob("*.html"):
        check_html(html_report.read_text(encoding="utf-8"))
    for markdown in out_dir.glob("*.md"):
        check_markdown(
            markdown.read_text(encoding="utf-8"),
            min_tables=1 if markdown.name.startswith("summary") else 3,
        )


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "coself").exists(), reason="coself is not installed"
)
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_assess_resume_refuses_each_bad_file(tmp_path: Path, path: Path) -> None:
    """One test per file, so that each has the whole deadline (the corpus grows)."""
    coself = str(Path(sys.executable).parent / "coself")
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


COSELF = Path(sys.executable).parent / "coself"


def run_coself(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed coself in a child process that must end within 30 seconds."""
    return subprocess.run(
        [str(COSELF), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.skipif(not COSELF.exists(), reason="coself is not installed")
def test_named_pipes_are_refused_at_once_wherever_they_are_given(tmp_path: Path) -> None:
    inbox, banks = tmp_path / "in", tmp_path / "banks"
    inbox.mkdir()
    banks.mkdir()
    (inbox / "good.yaml").write_text(GOOD, encoding="utf-8")
    os.mkfifo(inbox / "pipe.yaml")
    os.mkfifo(banks / "pipe.yaml")
    refused = "is a named pipe, not a file; give a file instead"
    cases = [
        (["report", "in/pipe.yaml"], "in/pipe.yaml"),
        (["report", "in"], "in/pipe.yaml"),
        (["compare", "in/good.yaml", "in/pipe.yaml"], "in/pipe.yaml"),
        (["batch", "in", "-o", "out"], "in/pipe.yaml"),
        (["banks", "validate", "banks/pipe.yaml"], "banks/pipe.yaml"),
        (["report", "in/good.yaml", "--banks-dir", "banks"], "banks/pipe.yaml"),
    ]
    for args, place in cases:
        banks_dir = [] if args[0] == "banks" else ["--banks-dir", MINI_DIR]
        done = run_coself(*args, *banks_dir, cwd=tmp_path)
        assert done.returncode == 1, (args, done.stderr)
        assert "Traceback" not in done.stdout + done.stderr
        assert f"{place}: {refused}" in done.stdout + done.stderr, (args, done.stderr)


@pytest.mark.parametrize(
    "args",
    [["report", "{empty}"], ["compare", "{empty}", "{good}"], ["compare", "{good}", "{empty}"]],
)
def test_an_empty_folder_is_named_as_holding_no_assessments(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, args: list[str]
) -> None:
    empty, good = tmp_path / "empty", tmp_path / "good.yaml"
    empty.mkdir()
    (empty / "notes.txt").write_text("not an answers file", encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")
    code, out, err = cli(*(a.format(empty=empty, good=good) for a in args), "--banks-dir", MINI_DIR)
    assert (code, out) == (1, "")
    assert err == (
        f"{empty}: holds no assessments: no answers files (.csv, .json, .xlsx, .yaml, .yml) "
        "in this folder\n"
    )


# --- Issue 12, item 5: status claims that disagree, and templates that read back ---------------

STATUS_CLAIMS = {
    "ok-status-claims-complete.yaml": ("partial", ":7:9: the file says status complete, but "
                                       "questions are unanswered (5 of 7): read as partial"),
    "ok-status-claims-partial.json": ("complete", ":1:89: the file says status partial, but "
                                      "every question has an answer: read as complete"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(STATUS_CLAIMS))
def test_a_status_claim_that_disagrees_is_read_as_derived_with_one_warning(  # type: ignore[no-untyped-def]
    cli, name: str, tmp_path: Path
) -> None:
    path = CORPUS / name
    status, warning = STATUS_CLAIMS[name]
    code, out, err = cli("report", path, "--format", "json", "--banks-dir", MINI_DIR)
    assert code == 0, err
    assert json.loads(out)["status"] == status
    assert err == f"warning: {path}{warning}\n"
    code, out, err = cli("report", path, "--format", "markdown", "--banks-dir", MINI_DIR)
    assert code == 0 and f"| Status | {status} |" in out, err
    code, _, err = cli("batch", path, "-o", tmp_path, "--format", "json", "--banks-dir", MINI_DIR)
    assert code == 0, err
    (report,) = tmp_path.glob("*.json")
    assert json.loads(report.read_text(encoding="utf-8"))["status"] == status


# Bank texts that a template writes as comments, made to look like the lines around them: YAML
# line breaks of every kind (NEL, line and paragraph separators, CR), keys, comments, documents.
HOSTILE_BANK_TEXTS = {
    "text: Culture question one?": 'text: "One?\\u2028c-one: 4\\x85status: complete\\r\\n'
    'answers: {c-two: 1}\\n# x\\tc-three: 2"',
    "help: Why culture one matters.": 'help: "Help\\u2029  c-one: 4 \\x1b[31m\\u202e --- ... '
    '\\n\\n  r-one: 3"',
    "descriptor: Not at all.": 'descriptor: "Not at all\\u2028  c-one: 0\\r- x"',
    "text: Were decisions made before people were asked?": 'text: "---\\nflag-late: yes\\u2028?"',
}


def hostile_bank(tmp_path: Path) -> Path:
    text = (MINI_DIR / "mini.yaml").read_text(encoding="utf-8").replace("id: mini\n", "id: h\n", 1)
    for old, new in HOSTILE_BANK_TEXTS.items():
        assert old in text
        text = text.replace(old, new)
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "h.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_template_of_a_hostile_bank_reads_back_blank_then_filled(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    banks = hostile_bank(tmp_path)
    path = tmp_path / "t.yaml"
    code, _, err = cli("template", "--bank", "h", "--org", "Acme", "--perspective", "staff",
                       "-o", path, "--banks-dir", banks)  # fmt: skip
    assert code == 0, err
    library = load_library([banks])
    blank, _, warnings = load_answers(path, library.find)
    assert (blank.status.value, dict(blank.answers), warnings) == ("partial", {}, [])
    filled = {"c-one": "4", "c-two": "na", "c-three": "dont_know", "r-one": "1", "r-two": "2",
              "flag-late": "no", "ladder-design": "co-production"}  # fmt: skip
    text = path.read_text(encoding="utf-8")
    for qid, value in filled.items():
        text = text.replace(f"\n  {qid}:\n", f"\n  {qid}: {value}\n")
    path.write_text(text, encoding="utf-8")
    answers, _, warnings = load_answers(path, library.find)
    assert {
        k: str(getattr(a.value, "value", a.value)) for k, a in answers.answers.items()
    } == filled
    assert answers.status.value == "complete"
    assert [w.message for w in warnings] == [
        "the file says status partial, but every question has an answer: read as complete"
    ]
