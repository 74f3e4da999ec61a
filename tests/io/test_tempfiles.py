"""Temporary files of atomic writes never outlive the write: not after a stop signal, a full
disk, nor (swept by the next write into the folder) a kill -9."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from coself.errors import WriteError
from coself.io.storage import create_exactly, write_atomic
from coself.io.tempfiles import sweep_stale_temps

# Writes a file, sending itself a signal half-way through the write (after the first chunk).
STOPPED_WRITER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from coself.io.storage import write_atomic
    how, path = sys.argv[1], Path(sys.argv[2])
    real_write = os.write
    def write(handle, data):
        os.kill(os.getpid(), getattr(signal, how))
        return real_write(handle, data[:10])
    os.write = write
    write_atomic(path, "new " * 1000)
""")


def hidden(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(".")]


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_stop_signal_during_a_write_leaves_no_temporary_file(tmp_path: Path, how: str) -> None:
    path = tmp_path / "report.md"
    path.write_text("old", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_WRITER, how, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd=tmp_path.parent,  # not the checkout: the installed coself
    )
    # The signal arrives once the write is done, and ends the process as it should (Python
    # ends on an uncaught KeyboardInterrupt by SIGINT too).
    assert done.returncode == -getattr(signal, how), done.stderr
    assert path.read_text(encoding="utf-8") == "new " * 1000  # the write finished whole
    assert hidden(tmp_path) == []


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    path = tmp_path / "x.answers.yaml"
    path.write_text("old", encoding="utf-8")

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, where, full)
    with pytest.raises(WriteError, match=r"x\.answers\.yaml: cannot write: the disk is full$"):
        write_atomic(path, "new")
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old" and hidden(tmp_path) == []
    with monkeypatch.context() as patched:
        patched.setattr(os, "link" if where == "replace" else where, full)
        with pytest.raises(WriteError, match="the disk is full"):
            create_exactly(tmp_path / "new.yaml", "new")
    assert sorted(os.listdir(tmp_path)) == ["x.answers.yaml"]


KILLED_WRITER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from coself.io.storage import write_atomic
    def write(handle, data):
        os.kill(os.getpid(), signal.SIGKILL)
    os.write = write
    write_atomic(Path(sys.argv[1]), "never")
""")


def test_the_next_write_sweeps_what_a_kill_9_left(tmp_path: Path) -> None:
    path = tmp_path / "x.answers.yaml"
    done = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(path)], check=False, cwd=tmp_path.parent
    )
    assert done.returncode == -signal.SIGKILL
    (left,) = hidden(tmp_path)
    assert left.startswith(".x.answers.yaml.") and left.endswith(".tmp")
    write_atomic(tmp_path / "other.md", "text")  # any later write into the folder
    assert hidden(tmp_path) == [] and not path.exists()


def test_a_live_writers_temporary_file_is_left_alone(tmp_path: Path) -> None:
    ours = tmp_path / f".x.md.{os.getpid()}.0.tmp"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        time.sleep(0.2)
        live = tmp_path / f".x.md.{sleeper.pid}.3.tmp"  # a writer running now
        reused = tmp_path / f".y.md.{sleeper.pid}.4.tmp"  # its number, but written before it ran
        for made in (ours, live, reused):
            made.write_text("part", encoding="utf-8")
        hour_ago = time.time() - 3600
        os.utime(reused, (hour_ago, hour_ago))
        assert sweep_stale_temps(tmp_path) == [reused.name]
        assert sorted(hidden(tmp_path)) == sorted([ours.name, live.name])
    finally:
        sleeper.kill()
        sleeper.wait()
    assert sweep_stale_temps(tmp_path) == [live.name]  # its writer has gone
