"""Temporary files left by coself processes that were killed: found by name, and removed.

coself names its temporary files `.<name>.<pid>.<n>.tmp` (see coself.io.storage), and the
batch's store likewise, so that a file's maker can be told from its name. A file is stale when
that process no longer runs, or runs but started after the file was last written (the process
id has come round again): only then is it removed, so runs at the same time never lose a file.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

_TEMP_NAME = re.compile(r"\..+\.(\d+)\.\d+\.tmp")


def sweep_stale(folder: Path) -> int:
    """Remove the stale temporary files directly in folder; return how many went."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:  # no folder yet, or not readable: nothing of ours to sweep
        return 0
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        with contextlib.suppress(OSError):
            if _stale(int(match[1]), entry.stat(follow_symlinks=False).st_mtime):
                os.unlink(entry.path)
                removed += 1
    return removed


def _stale(pid: int, written: float) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process: alive
        pass
    started = _start_time(pid)
    return started is not None and started > written + 1


def _start_time(pid: int) -> float | None:
    """When a process started (seconds since the epoch), where /proc tells; else None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
    except (OSError, StopIteration, ValueError):
        return None
    ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22, counted after the name
    return boot + ticks / os.sysconf("SC_CLK_TCK")
