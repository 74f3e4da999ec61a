"""The README tells the truth: every command and option is in it, its examples work."""

from __future__ import annotations

import json
import re
from pathlib import Path

import typer.main

from coself.cli import app

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    found = {}
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        if hasattr(command, "commands"):
            for sub, subcommand in command.commands.items():
                found[f"{name} {sub}"] = subcommand
        else:
            found[name] = command
    return found


def test_every_command_is_in_the_readme() -> None:
    for name in commands():
        assert f"coself {name}" in README, name


def test_every_option_is_in_the_readme() -> None:
    for name, command in commands().items():
        for param in command.params:  # type: ignore[attr-defined]
            longest = max(param.opts, key=len)
            if longest.startswith("--") and longest != "--help":
                assert longest in README, f"{name} {longest}"


def test_every_command_help_has_a_summary_and_an_example(cli) -> None:  # type: ignore[no-untyped-def]
    for name in commands():
        code, out, _ = cli(*name.split(), "--help")
        assert code == 0
        assert f"Example: coself {name}" in " ".join(out.split()), name


def test_the_readme_answers_file_example_scores(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    example = re.search(r"## The answers file.*?```yaml\n(.*?)```", README, re.S)
    assert example
    path = tmp_path / "example.answers.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    code, out, err = cli("report", path, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["organisation"] == "Acme Care" and data["answers"]["culture-board-commitment"] == 3


def test_quick_start_is_two_commands_ending_in_assess_and_pytest() -> None:
    quick = README.split("## Quick start")[1].split("##")[0]
    blocks = re.findall(r"```sh\n(.*?)\n```", quick, re.S)
    assert blocks == ["pip install . && coself assess", "pip install '.[test]' && python -m pytest"]
