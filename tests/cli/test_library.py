"""`import coself` is a small library: quick to import, and the README's example runs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI_DIR
from test_docs import README

HEAVY = ("yaml", "rich", "typer", "click", "pydantic")


def modules_after(code: str) -> set[str]:
    """The top-level modules (and coself's own) loaded after running `code` in a fresh Python."""
    show = "import sys; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{show}"], capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


def test_importing_coself_loads_nothing_heavy() -> None:
    loaded = modules_after("import coself")
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}, loaded
    assert {m for m in loaded if m.startswith("coself")} == {"coself"}


def test_a_name_loads_only_what_it_needs() -> None:
    loaded = modules_after("import coself; coself.score")
    assert "coself.core.scoring" in loaded
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}, loaded
    assert "yaml" in modules_after("import coself; coself.load_library")


def test_version_starts_without_yaml_or_rich() -> None:
    loaded = modules_after(
        "import sys\nsys.argv = ['coself', '--version']\nfrom coself.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert not {m for m in loaded if m.split(".")[0] in ("yaml", "rich")}, loaded
    assert not {m for m in loaded if m.startswith(("coself.io", "coself.render", "coself.app"))}
    # the model's dataclasses cost a third of start-up: option defaults come from constants
    assert "coself.core.model" not in loaded, loaded


def test_unknown_names_are_still_an_attribute_error() -> None:
    import coself

    with pytest.raises(AttributeError, match="no_such_name"):
        coself.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_the_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    section = README.split("## Using coself from Python")[1].split("\n## ")[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(code.strip().splitlines()) == 5
    answers = re.search(r"## The answers file.*?```yaml\n(.*?)```", README, re.S)
    assert answers
    (tmp_path / "acme.answers.yaml").write_text(answers.group(1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    names: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), names)
    result, report = names["result"], names["report"]
    assert result.overall.score is not None  # type: ignore[attr-defined]
    assert isinstance(report, str) and "Acme Care" in report


def test_combine_is_the_core_combine() -> None:
    import coself
    from coself.core.combine import combine

    assert coself.combine is combine


def test_a_command_starts_without_pydantic(tmp_path: Path) -> None:
    """typer 0.29 brought pydantic in and built a validator per option on every start (about
    0.1 s a command); the pin keeps to typers that do not."""
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "format: 1\nbank: mini\norganisation: Acme\nperspective: staff\nanswers:\n  c-one: 2\n",
        encoding="utf-8",
    )
    probe = (
        "import sys\n"
        "sys.argv = ['coself', *sys.argv[1:]]\n"
        "from coself.cli import main\n"
        "try:\n    main()\n"
        "except SystemExit as done:\n    assert done.code in (0, None), done.code\n"
        "print('loaded:', *(m for m in sys.modules if m.startswith('pydantic')), file=sys.stderr)"
    )
    args = ["report", str(answers), "--format", "json", "--banks-dir", str(MINI_DIR)]
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["overall"]  # the report was made
    assert done.stderr.splitlines()[-1] == "loaded:"  # with no pydantic module
