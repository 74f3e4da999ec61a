"""The README tells the truth: every command and option is in it, its examples work."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer.main

from coself.cli import app

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
GROUPS = ("banks", "export", "map", "plan")  # their commands are named `GROUP COMMAND`


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


def command_rows() -> dict[str, str]:
    """The README's command table: command name -> (synopsis, description), from `coself NAME …`."""
    table = README.split("## Commands")[1].split("\n\n")[1]
    rows = re.findall(r"^\| `coself ([^`]*)` \| (.*) \|$", table, re.M)
    groups = {name.split()[0] for name in commands() if " " in name}  # banks, export, map
    found = {}
    for synopsis, description in rows:
        words = synopsis.replace("\\|", "|").split()
        name = " ".join(words[:2]) if words[0] in groups else words[0]
        found[name] = (synopsis.replace("\\|", "|"), description)
    return found  # type: ignore[return-value]


def option_metavars(command: object) -> dict[str, str]:
    """Each option's flags -> its metavar, as `--help` shows them."""
    found = {}
    for param in command.params:  # type: ignore[attr-defined]
        if param.param_type_name == "option" and not param.is_flag:
            for flag in param.opts:
                found[flag] = param.metavar
    return found


def test_the_readme_synopses_match_the_help() -> None:
    rows = command_rows()
    assert set(rows) == {*commands(), "--version"}
    for name, command in commands().items():
        synopsis = rows[name][0].removeprefix(name)
        given = re.findall(r"\[(-[-\w]+) ([^\]]+)\]", synopsis)
        metavars = option_metavars(command)
        for flag, metavar in given:
            assert metavars.get(flag) == metavar, f"{name} {flag} {metavar}"
        arguments = re.sub(r"\[-[^\]]+\](\.\.\.)?", "", synopsis).split()
        usage = command.collect_usage_pieces(None)  # type: ignore[attr-defined]
        assert arguments == usage[1:], name


def accepted(cli, *args: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The values an option accepts, as its error message lists them."""
    code, _, err = cli(*args, "no-such-value")
    assert code == 2, err
    return err.split("is not one of: ")[1].split(" (see")[0].split(", ")  # type: ignore[no-any-return]


def test_the_readme_names_every_choice_each_option_accepts(cli) -> None:  # type: ignore[no-untyped-def]
    rows = command_rows()
    for name, command in commands().items():
        if "--format" in option_metavars(command):
            described = re.findall(r"`([a-z]+)`", rows[name][1].split("FORMAT:")[1])
            assert described == accepted(cli, *name.split(), "--format"), name
    listed = README.split("Perspectives (`--perspective`):")[1].split("\n\n")[0]
    for name in ("assess", "template"):
        assert re.findall(r"`([a-z]+)`", listed) == accepted(cli, name, "--perspective")


def help_text(cli, *args: str) -> str:  # type: ignore[no-untyped-def]
    code, out, err = cli(*args, "--help")
    assert code == 0, err
    return str(out)


@pytest.mark.parametrize("columns", ["80", "100"])
def test_help_reads_well_at_any_width(cli, monkeypatch, columns: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", columns)
    for name in ["", *commands()]:
        out = help_text(cli, *name.split())
        assert not re.search(r"<[a-z]+[^>]*>", out), (name, out)  # no <list[Path]>, <str>
        assert "range" not in out and "{" not in out, (name, out)
        for line in out.splitlines():
            if "Example: " in line:  # whole on one line, never wrapped mid-path
                example = line.split("Example: ")[1]
                assert example.startswith(f"coself {name}"), line
                assert any(example.rstrip() in row for row in README.splitlines()) or (
                    len(example) > 20
                ), line
            assert len(line) <= int(columns) or "Example: " in line, (name, line)


def test_assess_help_lists_the_banks(cli) -> None:  # type: ignore[no-untyped-def]
    from coself.io.banks import load_library

    for name in ("assess", "template"):
        out = " ".join(help_text(cli, name).split())
        banks = ", ".join(sorted(load_library().banks))
        assert f"Banks: {banks} (more with --banks-dir" in out, out


def test_the_readme_status_warning_is_what_coself_says(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    example = re.search(r"## The answers file.*?```yaml\n(.*?)```", README, re.S)
    assert example
    path = tmp_path / "acme.answers.yaml"
    path.write_text(example.group(1).replace("status: partial", "status: complete"), "utf-8")
    code, _, err = cli("report", path, "--format", "json")
    assert code == 0, err
    said = err.strip().removeprefix("warning: ").replace(str(path), "acme.answers.yaml")
    assert said in " ".join(README.split()), said


def test_the_readme_file_names_are_the_ones_coself_makes(mini, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from conftest import make_answers

    from coself.io.storage import answers_stem, create_report

    answers = replace(make_answers(mini, {}), organisation="Acme Care", bank="organisation")
    stem = answers_stem(answers, "2026-11-26")
    text = " ".join(README.split())
    assert f"`{stem}.answers.yaml` and its report `{stem}.md`" in text
    assert f"--resume reports/{stem}.answers.yaml`" in text
    first = tmp_path / f"{stem}.answers.yaml"
    again = [create_report(tmp_path, first, ".md", "r\n").name for _ in range(2)][1]
    assert f"`…{again.removeprefix(stem.removesuffix('-2026-11-26'))}`" in text
    json_report = create_report(tmp_path, tmp_path / "acme.answers.json", ".md", "r\n").name
    assert f"`acme.answers.json` gives `{json_report}`" in text
