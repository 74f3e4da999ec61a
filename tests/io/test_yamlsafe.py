"""The strict YAML reader: libyaml and the pure-Python parser are held to the same rules."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coself.errors import InputError
from coself.io import yamlsafe
from coself.io.yamlsafe import FastLoader, PureLoader, parse, read_text

LOADERS = [PureLoader, FastLoader]

DOCUMENTS = [
    "a: yes\nb: no\nc: on\nd: 010\ne: 1.10\nf: ~\ng: true\nh: 0x1F\ni: 1_000\nj: 2026-11-26\n",
    "list:\n  - 1\n  - 'two'\n  - {x: 3}\n",
    '{"json": [1, 2.5, null, true, "x"]}\n',
    "a: &x 1\nb: *x\n",
    "a: 1\na: 2\n",
    "<<: {a: 1}\n",
    "a: !!python/object:os.system echo\n",
    "a: 1\n---\nb: 2\n",
    "a: [\n",
    "? [complex, key]\n: value\n",
    "[" * 100 + "]" * 100,
    "",
    "just text\n",
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 40)),
]


def outcome(text: str, loader: type) -> object:
    try:
        return ("ok", parse(text, "f.yaml", loader))
    except InputError as error:
        return (
            "refused",
            [(p.line, p.col) for p in error.problems],
            [p.message for p in error.problems],
        )


@pytest.mark.parametrize("text", DOCUMENTS)
def test_both_loaders_agree(text: str) -> None:
    pure, fast = (outcome(text, loader) for loader in LOADERS)
    assert pure[0] == fast[0]
    if pure[0] == "ok":
        assert pure == fast
    else:
        assert pure[1] == fast[1]  # the same places
        if not any("invalid YAML" in m for m in pure[2]):  # libyaml words syntax errors its way
            assert pure[2] == fast[2]


def test_yaml_1_1_surprises_stay_as_written() -> None:
    value = parse(DOCUMENTS[0], "f.yaml")
    assert value == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": "010",
        "e": 1.1,
        "f": None,
        "g": True,
        "h": "0x1F",
        "i": "1_000",
        "j": "2026-11-26",
    }


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:- \n[]{},&*!'\"#|>?0")), max_size=40))
def test_any_text_is_read_or_refused_with_a_place(text: str) -> None:
    for loader in LOADERS:
        try:
            parse(text, "f.yaml", loader)
        except InputError as error:
            assert error.problems and all(str(p).startswith("f.yaml:") for p in error.problems)


def _fstat_saying(size: int, real: Any) -> Any:
    """os.fstat, but telling a smaller size: as if the file grew after it was asked."""

    def fstat(handle: int) -> Any:
        found = real(handle)
        return os.stat_result((*found[:6], size, *found[7:]))

    return fstat


@pytest.mark.parametrize("limit", [1000, 50])
def test_a_file_that_grows_while_read_is_read_whole_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    path = tmp_path / "grew.yaml"
    path.write_text("a: " + "x" * 97, encoding="utf-8")  # 100 bytes
    monkeypatch.setattr(yamlsafe.os, "fstat", _fstat_saying(10, os.fstat))
    if limit >= 100:
        assert read_text(path, "grew.yaml", limit) == path.read_text(encoding="utf-8")
    else:
        with pytest.raises(InputError, match="larger than"):
            read_text(path, "grew.yaml", limit)
