"""Every way a command ends gives the README's exit code and one line on standard error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MINI_DIR
from test_docs import GROUPS, README, commands

import coself.errors

ANSWERS = "format: 1\nbank: {bank}\norganisation: {org}\nperspective: staff\nanswers:\n  {q}: 1\n"


def answers_file(folder: Path, name: str, bank: str = "mini", org: str = "Acme") -> Path:
    path = folder / name
    path.write_text(ANSWERS.format(bank=bank, org=org, q="c-one" if bank == "mini" else "v-c1"))
    return path


def setup_files(tmp_path: Path) -> dict[str, str]:
    """The files the cases below name, by placeholder."""
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nbank: mini\nanswers: [\n", encoding="utf-8")
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    answers_file(mixed, "good.yaml")
    answers_file(mixed, "bad.yaml").write_text("answers: {c-one: 9}\n", encoding="utf-8")
    bad_banks = tmp_path / "banks"
    bad_banks.mkdir()
    (bad_banks / "broken.yaml").write_text("id: broken\ntitle: [\n", encoding="utf-8")
    return {
        "ok": str(answers_file(tmp_path, "ok.yaml")),
        "other_org": str(answers_file(tmp_path, "other.yaml", org="Other Org")),
        "other_bank": str(answers_file(tmp_path, "voices.yaml", bank="minivoices")),
        "bad": str(bad),
        "mixed": str(mixed),
        "missing": str(tmp_path / "nope.yaml"),
        "blocked": str(blocker / "report.md"),
        "folder": str(tmp_path),
        "blocked_dir": str(blocker / "out"),
        "mini": str(MINI_DIR),
        "bad_banks": str(bad_banks),
    }


# (arguments, exit code, a piece of the one line on standard error)
CASES = [
    (["report", "{ok}"], 0, ""),
    (["report", "{missing}"], 1, "nope.yaml"),
    (["report", "{bad}"], 1, "bad.yaml:"),
    (["compare", "{ok}", "{bad}"], 1, "bad.yaml:"),
    (["batch", "{mixed}", "-o", "{folder}/out"], 1, "could not be scored"),
    (["banks", "validate", "{bad}"], 1, "problem(s)"),
    (["banks", "list", "--banks-dir", "{bad_banks}"], 1, "broken.yaml:"),
    (["banks", "show", "mini", "--banks-dir", "{bad}"], 2, "is a file"),
    (["report", "{ok}", "--format", "pdf"], 2, "'pdf' is not one of"),
    (["report", "{ok}", "--no-such-option"], 2, "No such option"),
    (["report", "{ok}", "--gap-threshold", "101"], 2, "--gap-threshold"),
    (["batch", "{ok}", "--format", "markdown,pdf"], 2, "'pdf' is not one of"),
    (["template", "--format", "xml"], 2, "'xml' is not one of: yaml, csv"),
    (["template", "--perspective", "boss"], 2, "'boss' is not one of"),
    (["banks", "show", "no-such-bank"], 2, "no question bank with id"),
    (["banks", "show", "mini", "--format", "html"], 2, "'html' is not one of: terminal, json"),
    (["assess", "--org", "Acme", "--perspective", "staff"], 2, "needs a terminal"),
    (["report", "{ok}", "{other_org}"], 2, "one organisation, not several"),
    (["compare", "{ok}", "{other_bank}"], 2, "different banks"),
    (["report", "{ok}", "-o", "{blocked}"], 73, "a-file/report.md: cannot write"),
    (["report", "{ok}", "-o", "{folder}"], 73, "cannot write"),
    (["compare", "{ok}", "{ok}", "-o", "{blocked}"], 73, "cannot write"),
    (["template", "-o", "{blocked}"], 73, "a-file/report.md: cannot write"),
    (["export", "paper", "--bank", "no-such-bank"], 2, "no question bank with id"),
    (["export", "paper", "--bank", "mini", "-o", "{blocked}"], 73, "a-file/report.md: cannot"),
    (["export", "paper", "--bank", "mini", "--banks-dir", "{bad_banks}"], 1, "broken.yaml:"),
    (["export", "paper", "--bank", "mini", "-o", "{mini}/mini.yaml"], 2, "is also an input"),
    (["export", "paper", "--bank", "mini", "-o", "{ok}"], 0, ""),
    (["batch", "{ok}", "-o", "{blocked_dir}"], 73, "cannot write"),
    (["export", "xlsform", "--bank", "mini", "-o", "{folder}/form.xlsx"], 0, ""),
    (["export", "xlsform", "--bank", "mini", "-o", "{folder}/form.txt"], 2, "ending .xlsx"),
    (["export", "xlsform", "--bank", "mini", "-o", "{blocked_dir}/f.xlsx"], 73, "cannot write"),
    (["export", "xlsform", "--bank", "nope", "-o", "{folder}/f.xlsx"], 2, "no question bank"),
    (["map", "suggest", "{folder}/nope.csv", "--bank", "mini"], 1, "nope.csv: no such file"),
    (["map", "suggest", "{ok}", "--bank", "mini"], 2, "a .csv or .xlsx file"),
    (["map", "suggest", "{ok}", "--bank", "mini", "-o", "{ok}"], 2, "is also an input"),
    (["map", "suggest", "{ok}", "--bank", "mini", "-o", "{blocked}"], 73, "cannot write"),
    (["report", "{ok}", "--map", "{missing}"], 1, "nope.yaml"),
]


@pytest.mark.parametrize(("args", "code", "message"), CASES)
def test_exit_codes(cli, tmp_path: Path, args: list[str], code: int, message: str) -> None:  # type: ignore[no-untyped-def]
    files = setup_files(tmp_path)
    filled = [a.format(**files) for a in args]
    if "--banks-dir" not in filled and args[:2] != ["banks", "validate"]:
        filled += ["--banks-dir", files["mini"]]
    got, _, err = cli(*filled)
    assert got == code, err
    assert message in err
    assert "Traceback" not in err and "Value error" not in err
    if code in (2, 73):  # one line, naming what went wrong
        assert len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize(
    "command", ["report", "compare", "template", "batch", "banks list", "export paper"]
)
def test_ctrl_c_in_any_command_is_one_line_and_130(cli, monkeypatch, command: str) -> None:  # type: ignore[no-untyped-def]
    import coself.app

    def stop(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    for name in ("report", "compare", "template", "batch"):
        monkeypatch.setattr(coself.app, name, stop)
    monkeypatch.setattr(coself.app, "load_library", stop)
    args = {"report": ["x"], "compare": ["x", "y"], "batch": ["x"]}.get(command, [])
    code, out, err = cli(*command.split(), *args)
    assert (code, out, err) == (130, "", "coself: stopped\n")


def readme_codes_by_command() -> dict[str, set[int]]:
    section = README.split("## Exit codes")[1].split("\n## ")[0]
    rows = re.findall(r"^\| `coself ([a-z -]+)` \| ([0-9, ]+) \|$", section, re.M)
    return {name: {int(c) for c in codes.split(",")} for name, codes in rows}


def readme_code_meanings() -> set[int]:
    section = README.split("## Exit codes")[1].split("\n## ")[0]
    return {int(c) for c in re.findall(r"^\| (\d+) \| ", section, re.M)}


def error_classes(base: type = coself.errors.CoselfError) -> list[type]:
    return [base, *(c for sub in base.__subclasses__() for c in error_classes(sub))]


def test_every_exit_code_is_explained_in_the_readme() -> None:
    codes = {cls.exit_code for cls in error_classes()} | {0, 2}  # 2: click's usage errors
    assert readme_code_meanings() == codes
    for name, listed in readme_codes_by_command().items():
        assert listed <= codes, name


def test_the_readme_lists_every_command_and_the_codes_it_gave_here() -> None:
    documented = readme_codes_by_command()
    assert set(documented) == {*commands(), "--version"}
    for args, code, _ in CASES:
        name = " ".join(args[:2]) if args[0] in GROUPS else args[0]
        assert code in documented[name], (name, code)
    for name, codes in documented.items():  # everything can be stopped, and misused
        assert name == "--version" or {0, 2, 130} <= codes, name


def test_an_org_option_the_reader_would_refuse_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("template", "--bank", "organisation", "--org", "Acme\u200bCare")
    assert code == 2 and out == ""
    assert "--org holds a character that does not show (U+200B ZERO WIDTH SPACE)" in err
