"""Stopping the installed `coself batch` part-way (issue 10, items 14 and 18).

Ctrl-C in a terminal, SIGTERM and SIGHUP: one line, exit 130, no worker tracebacks, no
half-written report or summary, and none of the batch's temporary files (its store, the
summaries being written, reports being written) left behind. A later run sweeps away those
that a killed run left, and only those whose process is gone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest
from conftest import MINI_DIR
from test_pty import COSELF, spawn

pytestmark = pytest.mark.skipif(not os.path.exists(COSELF), reason="coself is not installed")
FILES = 3000  # enough for worker processes, and for the batch to be stopped half-way
EXPORT_ROWS = 15000  # an export of about 300 KB, read in parts by the workers


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for n in range(FILES):
        (folder / f"f{n:04}.yaml").write_text(
            f"format: 1\nbank: mini\norganisation: Org {n % 1000:03}\nperspective: staff\n"
            f"answers:\n  c-one: {n % 5}\n  c-two: 2\n  r-one: 1\n",
            encoding="utf-8",
        )
    return folder


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One CSV export large enough to be shared among the workers in parts."""
    folder = tmp_path_factory.mktemp("export")
    rows = (f"Org {n % 1000:03},staff,{n % 5},2,1\n" for n in range(EXPORT_ROWS))
    text = "organisation,perspective,c-one,c-two,r-one\n" + "".join(rows)
    (folder / "export.csv").write_text(text, encoding="utf-8")
    return folder


def _command(folder: Path, out: Path) -> list[str]:
    return [
        COSELF,
        "batch",
        str(folder),
        "-o",
        str(out),
        "--format",
        "markdown,json",
        "--summary",
        str(out.parent / "summary.csv"),
        "--banks-dir",
        str(MINI_DIR),
    ]


def _wait_for_reports(out: Path, at_least: int = 20) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if out.is_dir() and sum(1 for _ in out.glob("org-*.json")) >= at_least:
            return
        time.sleep(0.02)
    pytest.fail("the batch wrote no reports")


def _assert_nothing_half_done(out: Path, inputs: int = FILES) -> None:
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")], "temporary files left"
    assert not (out / "summary.md").exists() and not (out.parent / "summary.csv").exists()
    reports = list(out.glob("org-*.json"))
    assert 0 < len(reports) < 2 * inputs  # stopped half-way
    for report in reports:  # every report there is whole
        json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("given", "inputs"), [("many", FILES), ("export", EXPORT_ROWS)])
def test_ctrl_c_in_a_terminal_gives_one_line_and_exit_130(
    request: pytest.FixtureRequest, tmp_path: Path, given: str, inputs: int
) -> None:
    out = tmp_path / "out"
    command = _command(request.getfixturevalue(given), out)
    child = spawn(command, tmp_path)
    _wait_for_reports(out)
    child.sendintr()
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert child.exitstatus == 130, child.before
    said = child.before
    assert "Traceback" not in said and "KeyboardInterrupt" not in said, said
    assert said.count("coself: batch stopped; no summary written") == 1, said
    _assert_nothing_half_done(out, inputs)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_removes_every_unfinished_file(many: Path, tmp_path: Path, stop: int) -> None:
    out = tmp_path / "out"
    run = subprocess.Popen(
        _command(many, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _wait_for_reports(out)
    run.send_signal(stop)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "Traceback" not in err, err
    assert err.strip().splitlines()[-1].startswith("coself: batch stopped"), err
    _assert_nothing_half_done(out)


def _dead_pid() -> int:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    return gone.pid


def test_a_later_run_sweeps_only_stale_temporary_files(many: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = _dead_pid()
    stale = [
        out / f".coself-groups.{dead}.0.tmp",
        out / f".summary.{dead}.3.tmp",
        out / f".org-001-staff-mini.{dead}.17.tmp",
        tmp_path / f".summary.csv.{dead}.0.tmp",
    ]
    live = [out / f".notes.{os.getpid()}.0.tmp", out / ".not-ours.tmp"]
    for path in stale + live:
        path.write_text("left behind", encoding="utf-8")
    folder = tmp_path / "few"
    folder.mkdir()
    (folder / "one.yaml").write_text((many / "f0001.yaml").read_text(), encoding="utf-8")
    done = subprocess.run(_command(folder, out), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert [p for p in stale if p.exists()] == []
    assert all(p.exists() for p in live)  # a running process's file, and a name not ours
