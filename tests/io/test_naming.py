"""Choosing a free report name costs the same however many files share a stem (issue 10,
item 15): each candidate name is tried at most once per process, yet two writers never
clobber each other's files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import coself.io.storage as storage


def _count_links(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    real = os.link

    def counted(*args: object, **kwargs: object) -> None:
        calls[0] += 1
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(storage.os, "link", counted)
    return calls


def test_many_files_with_one_stem_cost_one_try_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = _count_links(monkeypatch)
    names = [
        storage.create_new(tmp_path, "acme-care-staff", ".md", f"{n}\n", sync=False).name
        for n in range(1500)
    ]
    assert names[:3] == ["acme-care-staff.md", "acme-care-staff-2.md", "acme-care-staff-3.md"]
    assert len(set(names)) == 1500
    assert links[0] < 2 * 1500  # trying -2, -3, ... afresh each time made 1,125,750 tries


def test_names_taken_by_another_writer_are_skipped_not_overwritten(tmp_path: Path) -> None:
    first = storage.create_new(tmp_path, "beta", ".md", "mine 1\n", sync=False)
    storage.create_new(tmp_path, "beta", ".md", "mine 2\n", sync=False)
    for n in (3, 4):  # another process claims the next names meanwhile
        (tmp_path / f"beta-{n}.md").write_text("theirs\n", encoding="utf-8")
    third = storage.create_new(tmp_path, "beta", ".md", "mine 3\n", sync=False)
    assert (first.name, third.name) == ("beta.md", "beta-5.md")
    assert (tmp_path / "beta-3.md").read_text(encoding="utf-8") == "theirs\n"
    assert not list(tmp_path.glob(".*"))


def test_a_streamed_file_gets_a_free_name_too(tmp_path: Path) -> None:
    (tmp_path / "summary.md").write_text("an earlier run\n", encoding="utf-8")
    with storage.NewFile(tmp_path, "summary", ".md") as out:
        out.write("this run\n")
        (temp,) = tmp_path.glob(".summary.*.tmp")
        assert f".{os.getpid()}." in temp.name  # pid-named, so a killed run's can be swept
    assert (tmp_path / "summary-2.md").read_text(encoding="utf-8") == "this run\n"
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == "an earlier run\n"
