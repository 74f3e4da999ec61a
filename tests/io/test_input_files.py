"""Which files a folder gives, and in what order: the same as walking it whole and sorting."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from coself.io import sources
from coself.io.sources import _is_input, _searched, count_input_files, input_files


def walked(folder: Path, skip: Path | None = None) -> Iterator[str]:
    """The plain rule: os.walk, files before sub-folders, each in name order."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if _searched(root, d, skip))
        yield from (os.path.join(root, f) for f in sorted(files) if _is_input(f))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Files made in shuffled order: inputs, other files, hidden ones, sub-folders, a hidden
    folder and a link to a folder (which is not followed)."""
    top = tmp_path / "in"
    names = [f"r-{n:03d}.answers.yaml" for n in range(40)]
    names += ["B.csv", "a.JSON", "z.xlsx", "notes.txt", ".hidden.yaml", "é-x.yml", "01.yaml"]
    random.Random(3).shuffle(names)
    for folder in (top, top / "sub", top / "sub" / "deeper", top / "Zed", top / ".secret"):
        folder.mkdir(parents=True, exist_ok=True)
        for name in names[: 10 + len(str(folder)) % 7]:
            (folder / name).write_text("x", encoding="utf-8")
    for name in names:
        (top / name).write_text("x", encoding="utf-8")
    (top / "linked").symlink_to(top / "sub", target_is_directory=True)
    return top


@pytest.mark.parametrize("at_once", [1, 3, 1024])
def test_files_come_in_name_order_as_a_whole_walk_gives_them(
    tree: Path, at_once: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "NAMES_SORTED_AT_ONCE", at_once)  # many runs to merge, or one
    expected = list(walked(tree))
    assert list(input_files([tree])) == expected
    assert count_input_files([tree]) == len(expected)
    assert len(expected) > 50 and not any("/linked/" in f or "/.secret/" in f for f in expected)


def test_the_output_folder_is_left_out(tree: Path) -> None:
    out = tree / "sub"
    assert list(input_files([tree], exclude=out)) == list(walked(tree, skip=out.resolve()))


def test_files_named_and_missing_paths(tree: Path) -> None:
    named = tree / "notes.txt"  # named outright, a file is taken whatever its suffix
    assert list(input_files([named, tree / "missing.yaml"])) == [str(named)]
