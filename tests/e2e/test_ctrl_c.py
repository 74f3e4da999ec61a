"""Ctrl-C in a long command: one line, exit 130, no traceback (the installed program in a pty)."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pexpect
import pytest
from conftest import MINI_DIR

COSELF = str(Path(sys.executable).parent / "coself")
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # the progress bar's drawing and clearing
installed = pytest.mark.skipif(not os.path.exists(COSELF), reason="coself is not installed")


def write_answers(folder: Path, count: int, organisations: int) -> None:
    """`count` small answers files for the mini bank, spread over `organisations`."""
    folder.mkdir()
    for n in range(count):
        (folder / f"f{n:05}.yaml").write_text(
            f"format: 1\nbank: mini\norganisation: Org {n % organisations}\n"
            f"perspective: staff\nanswers:\n  c-one: {n % 5}\n  r-one: {(n + 1) % 5}\n",
            encoding="utf-8",
        )


def spawn(*args: str) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}  # batch: draw its progress
    return pexpect.spawn(
        COSELF,
        [*args, "--banks-dir", str(MINI_DIR)],
        encoding="utf-8",
        timeout=120,
        env={**env, "TERM": "xterm", "COLUMNS": "100"},
    )


def wait_until_reading(child: pexpect.spawn) -> None:
    """Until the command is at work: the YAML reader is loaded only once the command runs."""
    deadline = time.monotonic() + 60
    maps = Path(f"/proc/{child.pid}/maps")
    while "yaml" not in maps.read_text(errors="replace"):
        assert time.monotonic() < deadline, "the command never started reading"
        time.sleep(0.01)


def stop_and_read(child: pexpect.spawn) -> str:
    child.sendintr()  # Ctrl-C typed at the terminal: SIGINT to the whole foreground group
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before
    return str(child.before).replace("^C", "")  # the terminal's echo of Ctrl-C


@installed
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_while_report_reads_a_large_folder(tmp_path: Path) -> None:
    write_answers(tmp_path / "in", 6000, organisations=1)
    child = spawn("report", str(tmp_path / "in"), "--format", "json")
    wait_until_reading(child)
    said = stop_and_read(child)
    assert said.strip().splitlines() == ["coself: stopped"]


@installed
def test_ctrl_c_during_batch(tmp_path: Path) -> None:
    write_answers(tmp_path / "in", 6000, organisations=6000)
    out = tmp_path / "out"
    child = spawn("batch", str(tmp_path / "in"), "-o", str(out))
    child.expect_exact("/6000")  # the progress bar is drawn: reports are being written
    said = stop_and_read(child)
    lines = [line for line in ESCAPE.sub("", said).splitlines() if line.strip()]
    assert lines[-1].strip().startswith("coself: batch stopped; no summary written"), said
    assert "Traceback" not in said and "Error" not in said
    assert not list(out.glob(".*.tmp")), "a temporary file was left behind"
