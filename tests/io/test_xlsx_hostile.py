"""Hostile .xlsx files: a zip bomb, entity expansion, not a workbook at all; each refused in
one line, quickly, and nothing else in the run is lost."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import MINI_DIR
from openpyxl import Workbook

from coself.io import xlsxin

SHEET = "xl/worksheets/sheet1.xml"


def workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["organisation", "perspective", "c-one"])
    sheet.append(["Acme", "staff", 2])
    book.save(path)
    return path


def rewritten(source: Path, target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of a workbook with its first sheet's XML changed."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item, change(data) if item.filename == SHEET else data)
    return target


def laughs(data: bytes) -> bytes:
    """The billion laughs: ten entities, each ten of the one before."""
    entities = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "lol"}">' for i in range(10)
    )
    body = data.decode().split("?>", 1)[-1].replace("<v>2</v>", "<v>&lol9;</v>", 1)
    return f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>{body}'.encode()


def coself(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "coself", *args, "--banks-dir", str(MINI_DIR)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_a_workbook_is_read(tmp_path: Path) -> None:
    done = coself("report", str(workbook(tmp_path / "ok.xlsx")), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"c-one"' in done.stdout


def test_entity_expansion_is_refused_in_one_line(tmp_path: Path) -> None:
    bomb = rewritten(workbook(tmp_path / "ok.xlsx"), tmp_path / "laughs.xlsx", laughs)
    done = coself("report", str(bomb))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{bomb}: unreadable .xlsx workbook: ")


def test_a_zip_bomb_is_refused_before_any_xml_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsxin, "XLSX_UNPACKED_LIMIT", 1024 * 1024)
    bomb = rewritten(workbook(tmp_path / "ok.xlsx"), tmp_path / "bomb.xlsx", lambda d: d * 0)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/media/zeros.bin", bytes(2 * 1024 * 1024))
    assert bomb.stat().st_size < 64 * 1024
    with pytest.raises(xlsxin.InputError) as refused:
        xlsxin.read_table(bomb, "bomb.xlsx")
    (line,) = refused.value.lines()
    assert line.startswith("bomb.xlsx: the workbook would unpack to 2 MiB in ")
    assert line.endswith(" parts, over the limit of 1 MiB: not read")


def test_what_is_not_a_workbook_is_refused_and_the_rest_is_scored(tmp_path: Path) -> None:
    fake = tmp_path / "returns" / "fake.xlsx"
    fake.parent.mkdir()
    fake.write_text("organisation,perspective,c-one\nAcme,staff,2\n")
    workbook(tmp_path / "returns" / "real.xlsx")
    done = coself("batch", str(fake.parent), "-o", str(tmp_path / "out"))
    assert done.returncode == 1
    assert f"{fake}: not an .xlsx workbook (it is not a zip package)" in done.stderr
    assert "1 assessment(s) scored, 1 failed" in done.stderr


def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    with pytest.raises(xlsxin.InputError) as refused:
        xlsxin.read_table(pipe, "pipe.xlsx")
    assert refused.value.lines() == ["pipe.xlsx: is a named pipe, not a file; give a file instead"]
