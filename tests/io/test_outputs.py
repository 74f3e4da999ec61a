"""Outputs never replace an input, and a write that fails names the path the user gave."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from conftest import MINI_DIR

from coself.errors import WriteError
from coself.io.storage import create_exactly, write_atomic

ANSWERS = "format: 1\nbank: mini\norganisation: Acme\nperspective: staff\nanswers:\n  c-one: 2\n"


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def refused(code: int, err: str, *names: str) -> None:
    """Refused with exit 2, on one line naming every given name, before any report."""
    assert code == 2, err
    (line,) = err.strip().splitlines()
    assert "Traceback" not in err and "Report saved" not in err
    for name in names:
        assert name in line, line


def test_report_over_its_own_input_is_refused(cli, answers: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(
        "report", answers, "-o", answers, "--format", "markdown", "--banks-dir", MINI_DIR
    )
    refused(code, err, str(answers), "never writes over a file it reads")
    assert answers.read_text(encoding="utf-8") == ANSWERS and out == ""


@pytest.mark.parametrize("how", ["symlink", "hard link", "same file by another spelling"])
def test_report_over_another_name_of_its_input_is_refused(cli, answers: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    other = answers.parent / "other.md"
    if how == "symlink":
        other.symlink_to(answers)
    elif how == "hard link":
        os.link(answers, other)
    else:
        (answers.parent / "sub").mkdir()
        other = answers.parent / "sub" / ".." / answers.name
    code, _, err = cli("report", answers, "-o", other, "--format", "json", "--banks-dir", MINI_DIR)
    refused(code, err, str(other), str(answers))
    assert answers.read_text(encoding="utf-8") == ANSWERS


def test_report_of_a_folder_into_one_of_its_files_is_refused(cli, answers: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("report", answers.parent, "-o", answers, "--banks-dir", MINI_DIR)
    refused(code, err, str(answers))
    assert answers.read_text(encoding="utf-8") == ANSWERS


def test_compare_over_either_side_is_refused(cli, answers: Path) -> None:  # type: ignore[no-untyped-def]
    after = answers.parent / "b.yaml"
    after.write_text(ANSWERS.replace("c-one: 2", "c-one: 3"), encoding="utf-8")
    for output in (answers, after):
        code, _, err = cli("compare", answers, after, "-o", output, "--banks-dir", MINI_DIR)
        refused(code, err, str(output))
    assert answers.read_text(encoding="utf-8") == ANSWERS
    assert "c-one: 3" in after.read_text(encoding="utf-8")


def test_batch_summary_over_an_input_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export = tmp_path / "in" / "responses.csv"
    export.parent.mkdir()
    text = "organisation,perspective,c-one\nAcme,staff,2\n"
    export.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = cli(
        "batch", export.parent, "-o", out, "--summary", export, "--banks-dir", MINI_DIR
    )
    refused(code, err, str(export))
    assert export.read_text(encoding="utf-8") == text
    assert not out.exists()  # refused before any work


def test_an_output_beside_the_inputs_is_fine(cli, answers: Path) -> None:  # type: ignore[no-untyped-def]
    report = answers.parent / "report.md"
    code, _, err = cli("report", answers.parent, "-o", report, "--format", "markdown",
                       "--banks-dir", MINI_DIR)  # fmt: skip
    assert code == 0, err
    assert report.read_text(encoding="utf-8").startswith("# Co-production self-assessment")


@pytest.mark.parametrize("command", ["report", "compare", "template"])
def test_an_output_that_cannot_be_a_file_is_named(cli, answers: Path, command: str) -> None:  # type: ignore[no-untyped-def]
    inputs = {"report": [answers], "compare": [answers, answers], "template": []}[command]
    folder = answers.parent / "folder"
    folder.mkdir()
    cases = {
        "": "the output file name is empty",
        str(folder): f"{folder}: cannot write: it is a folder",
        str(answers / "r.md"): f"{answers / 'r.md'}: cannot write: {answers} is a file",
    }
    for output, message in cases.items():
        code, _, err = cli(command, *inputs, "-o", output, "--bank", "mini", "--banks-dir",
                           MINI_DIR) if command == "template" else cli(
            command, *inputs, "-o", output, "--banks-dir", MINI_DIR)  # fmt: skip
        assert code == 73, err
        assert message in err and ".tmp" not in err and len(err.strip().splitlines()) == 1, err
    assert os.listdir(folder) == []


def test_batch_summary_under_a_file_is_named(cli, answers: Path) -> None:  # type: ignore[no-untyped-def]
    summary = answers / "summary.csv"
    code, _, err = cli("batch", answers, "--summary", summary, "-o", answers.parent / "out",
                       "--banks-dir", MINI_DIR)  # fmt: skip
    assert code == 73 and f"{summary}: cannot write: {answers} is a file" in err, err


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "the file system is read-only"),
        (errno.ENOSPC, "the disk is full"),
    ],
)
def test_a_failed_write_names_the_users_path_not_a_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, reason: str
) -> None:
    """A read-only folder (root ignores permissions, so the refusal is simulated), a
    read-only file system, a full disk: the message names the path asked for."""
    real_open = os.open

    def refusing_open(path: str, flags: int, *args: int) -> int:
        if path.endswith(".tmp"):
            raise OSError(number, os.strerror(number), path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing_open)
    target = tmp_path / "out" / "report.md"
    for write in (write_atomic, create_exactly):
        with pytest.raises(WriteError) as caught:
            write(target, "text")
        assert str(caught.value) == f"{target}: cannot write: {reason}"
    assert not (tmp_path / "out").exists() or os.listdir(tmp_path / "out") == []


def test_report_to_a_read_only_place_says_so_in_one_line(cli, answers: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real_open = os.open

    def refusing_open(path: str, flags: int, *args: int) -> int:
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing_open)
    target = answers.parent / "locked" / "r.md"
    code, _, err = cli("report", answers, "-o", target, "--banks-dir", MINI_DIR)
    assert code == 73 and err == f"coself: {target}: cannot write: permission denied\n", err


def test_a_full_disk_during_a_batch_is_one_line_per_failing_write(
    cli, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(3):
        (inputs / f"a{n}.yaml").write_text(ANSWERS.replace("Acme", f"Org {n}"), encoding="utf-8")
    out = tmp_path / "out"
    real_write = os.write

    def full(handle: int, data: bytes) -> int:
        if b"Co-production self-assessment" in bytes(data[:200]):  # a report, not the summary
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(handle, data)

    monkeypatch.setattr(os, "write", full)
    code, _, err = cli("batch", inputs, "-o", out, "--plain", "--banks-dir", MINI_DIR)
    assert code == 1, err
    # one line for each report that could not be written, naming the folder given
    assert err.count(f"{out}: cannot write: the disk is full\n") == 3, err
    assert ".tmp" not in err and "Traceback" not in err
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
