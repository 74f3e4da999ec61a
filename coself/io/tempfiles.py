"""Temporary files of atomic writes: stale ones swept, stops held back, failures named."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path

from coself.errors import WriteError

# `.<name>.<pid>.<n>.tmp`, as storage makes them
_TEMP_NAME = re.compile(r"\.(?:.*)\.([0-9]+)\.[0-9]+\.tmp\Z", re.DOTALL)


def sweep_stale_temps(folder: Path) -> list[str]:
    """Remove coself's temporary files in folder (those of atomic writes, streamed summaries and
    the batch's store) whose writer is gone (killed with -9, say):
    its process no longer runs, or a process of that number started after the file was
    written. Returns the names removed."""
    removed = []
    for entry in stale_entries(folder, _TEMP_NAME, folders=False):
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(entry.name)
    return removed


def stale_entries(
    folder: Path, name: re.Pattern[str], *, folders: bool
) -> Iterator[os.DirEntry[str]]:
    """The hidden entries of folder that coself made (files, or folders with `folders`) whose
    name matches `name`, with the writing process's number as its first group, and whose
    writer is gone. Entries that vanish or cannot be read meanwhile are passed by."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            found = name.match(entry.name) if entry.name.startswith(".") else None
            if found is None or int(found.group(1)) == os.getpid():
                continue
            with contextlib.suppress(OSError):
                # only what coself itself made: a file, or a folder where folders are swept
                made = entry.is_dir if folders else entry.is_file
                if made(follow_symlinks=False) and writer_gone(
                    int(found.group(1)), entry.stat().st_mtime
                ):
                    yield entry


def writer_gone(pid: int, written: float) -> bool:
    """Whether the process that wrote a temporary file at `written` has ended (its number may
    since belong to a newer process, which started after the file was written)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process: alive
        pass
    started = _process_start(pid)
    return started is not None and started > written + 1


def _process_start(pid: int) -> float | None:
    """When a process started (seconds since the epoch), where the system says (Linux)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            ticks = int(handle.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/stat", encoding="ascii") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith("btime "))
    except (OSError, ValueError, IndexError, StopIteration):
        return None
    return boot + ticks / os.sysconf("SC_CLK_TCK")


_WHY = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.ENOENT: "the folder does not exist",
    errno.ENAMETOOLONG: "the name is too long",
}


def write_error(path: Path | str, error: OSError) -> WriteError:
    """A failed write as one line naming the path the user gave (never a temporary file)."""
    why = _WHY.get(error.errno or 0) or error.strerror or str(error)
    return WriteError(f"{path}: cannot write: {why}")


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold back Ctrl-C, SIGTERM and SIGHUP while a file is being written, so that a stop
    never leaves a temporary file behind; they arrive as soon as the write is done."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on Windows
        yield
        return
    stops = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, stops)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
