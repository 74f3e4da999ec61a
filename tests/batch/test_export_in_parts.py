"""A batch over a CSV export large enough to be shared among the workers in parts writes exactly
what a batch reading it whole writes: the same summaries, reports under the same names,
combined reports and failures, and the export's column problems once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from export_files import kobo_export, wide_export

import coself.batch.parts as parts_module
from coself.batch.engine import Job, run_batch
from coself.io.banks import load_library
from coself.io.sources import Part, export_parts
from coself.render import Format


def _batch(cli, export: Path, out: Path, part_bytes: int, monkeypatch) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(parts_module, "EXPORT_PART_BYTES", part_bytes)
    code, _, err = cli(
        "batch",
        export,
        "-o",
        out,
        "--format",
        "markdown,json",
        "--summary",
        out / "summary.csv",
        "--answers-csv",
        out / "answers.csv",
        "--plain",
    )
    return code, [line for line in err.splitlines() if line.startswith(str(export))]


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_an_export_in_parts_gives_what_it_gives_read_whole(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    library = load_library()
    export = kobo_export(tmp_path / "export.csv", library.get("voices"), rows=400)
    parts = list(export_parts(str(export), library, None, 1000))
    assert len(parts) > 10 and all(isinstance(p, Part) for p in parts)
    whole_code, whole_said = _batch(cli, export, tmp_path / "whole", 10**9, monkeypatch)
    parts_code, parts_said = _batch(cli, export, tmp_path / "parts", 1000, monkeypatch)
    assert (parts_code, parts_said) == (whole_code, whole_said) == (1, whole_said)
    whole, in_parts = _contents(tmp_path / "whole"), _contents(tmp_path / "parts")
    assert in_parts == whole
    # reports whose names collide (Café 0 carer, -2, -3, ...) and combined reports
    assert "cafe-0-carer-voices-3.md" in whole and "combined-cafe-0.md" in whole
    assert sum(".coself" in name for name in whole) == 0  # nothing staged is left
    # the export's column problem once; a bad row in the middle of a part with its own number
    assert [line for line in parts_said if "mystery" in line] == [
        line for line in parts_said if line.startswith(f"{export}:1:")
    ]
    assert len([line for line in parts_said if "mystery" in line]) == 1
    assert any(line.startswith(f"{export}:42:") for line in parts_said)


def _dead_pid() -> int:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    return gone.pid


def test_a_batch_sweeps_only_the_staging_folders_of_batches_that_are_gone(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    stale = out / f".coself-parts-{_dead_pid()}" / "3-7"
    live = out / f".coself-parts-{os.getppid()}" / "0-0"  # a batch still running
    for folder in (stale, live):
        folder.mkdir(parents=True)
        (folder / "acme-staff-mini.md").write_text("half a batch", encoding="utf-8")
    export = wide_export(tmp_path / "export.csv")
    code, said = _batch(cli, export, out, 10**9, monkeypatch)
    assert code == 1, said  # the export's one bad row
    assert not stale.parent.exists()
    assert (live / "acme-staff-mini.md").exists()


def test_progress_counts_the_export_once_when_its_last_part_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parts_module, "EXPORT_PART_BYTES", 1000)
    library = load_library()
    export = kobo_export(tmp_path / "export.csv", library.get("voices"), rows=300)
    job = Job((), tmp_path / "out", (Format.MARKDOWN,), "2026-11-26")
    (tmp_path / "out").mkdir()
    files: list[int] = []
    done: list[bool] = []
    run_batch([export], job, library, None, lambda o: done.append(o.file_done), files.append)
    assert files == [1]
    assert len(done) > 200 and done[-1] and done.count(True) == 1
