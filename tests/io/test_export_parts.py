"""A large CSV export read in parts (as batch shares it among workers) gives exactly the rows,
places and problems that reading it whole gives, and its column problems once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from export_files import kobo_export, wide_export

from coself.errors import InputError
from coself.io.banks import Library
from coself.io.sources import Part, export_parts, score_input, score_part


def described(got: Any) -> Any:
    """A row's outcome as something to compare: its problems, or its answers and warnings."""
    if isinstance(got, InputError):
        return got.lines()
    result, warnings = got
    return result.answers, warnings


def read_in_parts(path: Path, library: Library, size: int) -> list[tuple[str, Any]]:
    parts = list(export_parts(str(path), library, None, size))
    assert len(parts) > 2 and all(isinstance(p, Part) for p in parts)
    assert [p.last for p in parts] == [False] * (len(parts) - 1) + [True]
    assert [p.index for p in parts] == list(range(len(parts)))
    return [
        (place, described(got))
        for part in parts
        if isinstance(part, Part)
        for place, got in score_part(part, library)
    ]


@pytest.mark.parametrize("size", [1, 150, 700])
@pytest.mark.parametrize("shape", ["kobo", "wide"])
def test_an_export_read_in_parts_gives_what_reading_it_whole_gives(
    tmp_path: Path, library: Library, size: int, shape: str
) -> None:
    voices = library.get("voices")
    path = (
        kobo_export(tmp_path / "k.csv", voices)
        if shape == "kobo"
        else wide_export(tmp_path / "w.csv")
    )
    whole = [(place, described(got)) for place, got in score_input(path, library)]
    assert read_in_parts(path, library, size) == whole


def test_the_column_problems_come_once_and_a_bad_row_with_its_own_number(
    tmp_path: Path, library: Library
) -> None:
    path = kobo_export(tmp_path / "k.csv", library.get("voices"))
    got = read_in_parts(path, library, 100)
    header_problems = [found for place, found in got if place == f"{path}:1"]
    assert len(header_problems) == 1
    assert "mystery" in header_problems[0][0]
    # row 40 of the answers is record 42 (the header, and a blank row before it), yet the line
    # breaks quoted in its cells put it on a later line of the file
    bad = [found for place, found in got if place == f"{path}:42"]
    assert bad and "'9' is not an answer" in bad[0][0]
    assert bad[0][0].startswith(f"{path}:42:")


def test_small_files_and_refused_headers_are_read_whole(tmp_path: Path, library: Library) -> None:
    small = wide_export(tmp_path / "small.csv", rows=3)
    assert list(export_parts(str(small), library, None, 10_000)) == [str(small)]
    refused = tmp_path / "refused.csv"
    refused.write_text("colour;size\n" + "red;big\n" * 200, encoding="utf-8")
    assert list(export_parts(str(refused), library, None, 10)) == [str(refused)]
    blank = tmp_path / "blank.csv"
    blank.write_text("organisation,perspective,c-one\n" + ",,\n" * 200, encoding="utf-8")
    assert list(export_parts(str(blank), library, None, 10)) == [str(blank)]


def test_a_part_of_an_export_changed_meanwhile_is_refused_in_one_line(
    tmp_path: Path, library: Library
) -> None:
    path = wide_export(tmp_path / "w.csv")
    last = list(export_parts(str(path), library, None, 200))[-1]
    assert isinstance(last, Part)
    path.write_text("organisation,perspective\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(score_part(last, library))
    assert caught.value.lines() == [
        f"{path}: changed while the batch was reading it; run the batch again"
    ]
