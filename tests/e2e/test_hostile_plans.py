"""The hostile corpus through the plan commands: every bad file refused with located lines, exit
1, nothing written; and no corpus file, not even a good answers file, is taken for a plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINI_DIR
from test_hostile import EVERY, FILES, GOOD, assert_located


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_plan_new_refuses_each_bad_file_and_writes_nothing(cli, path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.yaml"
    code, out, err = cli("plan", "new", path, "-o", plan, "--banks-dir", MINI_DIR)
    assert_located(path, code, out, err)
    assert not plan.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", EVERY, ids=[p.name for p in EVERY])
def test_plan_commands_refuse_each_corpus_file_as_a_plan(cli, path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    before = path.read_bytes()
    for args in (
        ["plan", "show", path],
        ["plan", "feedback", path],
        ["plan", "set", path, "some-id", "--status", "done"],
        ["compare", good, good, "--plan", path, "--banks-dir", MINI_DIR],
    ):
        code, out, err = cli(*args)
        assert_located(path, code, out, err, name=f"plan-{path.name}")
        assert out == ""
    assert path.read_bytes() == before
