"""The plan cycle on the command line: plan new, set, show, feedback and compare --plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MINI_DIR

ANSWERS = "format: 1\nbank: mini\norganisation: {org}\nperspective: staff\nanswers:\n{answers}"


def answers(folder: Path, name: str, values: str, org: str = "Acme") -> str:
    path = folder / name
    path.write_text(ANSWERS.format(org=org, answers=values), encoding="utf-8")
    return str(path)


@pytest.fixture
def made(cli, tmp_path: Path) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """(before, after, plan): the plan made from before, its red flag marked done."""
    before = answers(tmp_path, "before.yaml", '  c-one: 1\n  c-two: 2\n  flag-late: "yes"\n')
    after = answers(tmp_path, "after.yaml", '  c-one: 0\n  c-two: 3\n  flag-late: "yes"\n')
    plan = str(tmp_path / "plan.yaml")
    code, _, err = cli("plan", "new", before, "-o", plan, "--banks-dir", MINI_DIR)
    assert code == 0, err
    code, _, err = cli(
        "plan", "set", plan, "priority-c-one", "--status", "done", "--what-changed", "We met."
    )
    assert code == 0, err
    return before, after, plan


def test_compare_with_a_plan_flags_a_done_action_that_did_not_help(cli, made) -> None:  # type: ignore[no-untyped-def]
    before, after, plan = made
    code, out, err = cli("compare", before, after, "--plan", plan, "--banks-dir", MINI_DIR)
    assert code == 0, err
    text = " ".join(out.split())
    assert "WARNING: priority-c-one is marked done, but its answers did not improve" in text
    assert "RED FLAG still raised: red-flag-flag-late" in text
    code, out, err = cli(
        "compare", before, after, "--plan", plan, "--format", "json", "--banks-dir", MINI_DIR
    )
    assert code == 0, err
    data = json.loads(out)["plan"]
    assert data["done_not_improved"] == ["priority-c-one"]
    assert data["red_flags_still_raised"] == ["red-flag-flag-late"]
    moved = {a["id"]: a["moved"] for a in data["actions"]}
    assert moved == {"red-flag-flag-late": "same", "priority-c-one": "down", "priority-c-two": "up"}


def test_a_hand_edited_plan_is_refused_with_its_place(cli, made) -> None:  # type: ignore[no-untyped-def]
    before, after, plan = made
    path = Path(plan)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: planned", "status: soon", 1), encoding="utf-8")
    line = text[: text.index("status: planned")].count("\n") + 1
    for args in (["plan", "show", plan], ["compare", before, after, "--plan", plan]):
        code, out, err = cli(*args, *(["--banks-dir", MINI_DIR] if args[0] == "compare" else []))
        assert code == 1 and out == ""
        assert err.startswith(f"{plan}:{line}:11: ") and "'status' must be one of" in err, err
        assert len(err.strip().splitlines()) == 1


def test_plan_show_puts_overdue_actions_first(cli, made) -> None:  # type: ignore[no-untyped-def]
    _, _, plan = made
    assert cli("plan", "set", plan, "priority-c-two", "--due", "2026-12-01")[0] == 0
    code, out, err = cli("plan", "show", plan, "--today", "2027-01-01", "--format", "markdown")
    assert code == 0, err
    assert out.index("## Overdue (1)") < out.index("priority-c-two") < out.index("## Planned")
    code, out, _ = cli("plan", "show", plan, "--today", "2026-11-30", "--format", "json")
    assert [a["group"] for a in json.loads(out)["actions"]] == ["planned", "planned", "done"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["plan", "set", "{plan}", "nope", "--status", "done"], 2, "no action 'nope'"),
        (["plan", "set", "{plan}", "priority-c-one", "--due", "2027-02-30"], 2, "--due"),
        (["plan", "set", "{plan}", "priority-c-one", "--status", "finished"], 2, "'finished'"),
        (["plan", "set", "{plan}", "priority-c-one"], 2, "nothing to change"),
        (["plan", "set", "{plan}", "priority-c-one", "--owner", " "], 2, "--owner is blank"),
        (["plan", "show", "{plan}", "--today", "tomorrow"], 2, "--today"),
        (["plan", "show", "{plan}", "-o", "{plan}"], 2, "is also an input"),
        (["plan", "feedback", "{plan}", "--format", "json"], 2, "'json' is not one of"),
        (["plan", "new", "{before}", "-o", "{plan}"], 1, "already exists"),
        (["plan", "new", "{before}", "-o", "{before}"], 2, "is also an input"),
        (["plan", "show", "{before}"], 1, "unknown field"),
    ],
)
def test_plan_commands_refuse_with_one_line(cli, made, args, code, message) -> None:  # type: ignore[no-untyped-def]
    before, _, plan = made
    kept = Path(plan).read_text(encoding="utf-8")
    filled = [a.format(plan=plan, before=before) for a in args]
    if filled[1] == "new":
        filled += ["--banks-dir", str(MINI_DIR)]
    got, _, err = cli(*filled)
    assert got == code, err
    assert message in err and "Traceback" not in err
    assert code == 1 or len(err.strip().splitlines()) == 1  # a bad file: each problem a line
    assert Path(plan).read_text(encoding="utf-8") == kept


def test_text_from_the_plan_is_data_in_every_format(cli, made) -> None:  # type: ignore[no-untyped-def]
    _, _, plan = made
    path = Path(plan)
    hostile = '"[red]x[/red] <script>\\e[2J\\u202e *y* # z"'  # escapes in YAML's own quotes
    text = path.read_text(encoding="utf-8").replace("owner: null", f"owner: {hostile}", 1)
    path.write_text(text, encoding="utf-8")
    for fmt in ("terminal", "markdown", "html", "json"):
        code, out, err = cli("plan", "show", plan, "--format", fmt, "--today", "2026-11-30")
        assert code == 0, err
        assert "\x1b" not in out and "\u202e" not in out
        assert fmt in ("terminal", "json") or "<script>" not in out  # escaped as markup
        assert fmt != "terminal" or "[red]x[/red]" in out  # shown, never taken as Rich markup
    code, out, _ = cli("plan", "show", plan, "--format", "json", "--today", "2026-11-30")
    owners = [a["owner"] for a in json.loads(out)["actions"]]
    assert "[red]x[/red] <script>[2J *y* # z" in owners


def test_the_feedback_sheet_is_written_to_a_file(cli, made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, _, plan = made
    out_file = tmp_path / "feedback.html"
    code, out, err = cli("plan", "feedback", plan, "--format", "html", "-o", out_file)
    assert code == 0, err
    page = out_file.read_text(encoding="utf-8")
    assert "<h1>You said, we did</h1>" in page and "We met." in page
    assert "What staff told us" not in page  # one respondent: below the minimum of five


def test_feedback_warns_about_hard_words_in_what_people_wrote(cli, made) -> None:  # type: ignore[no-untyped-def]
    _, _, plan = made
    note = "We facilitated stakeholder workshops."
    assert (
        cli("plan", "set", plan, "priority-c-two", "--status", "done", "--what-changed", note)[0]
        == 0
    )
    code, out, err = cli("plan", "feedback", plan)
    assert code == 0, err
    assert f"warning: {plan}: priority-c-two what_changed: 'stakeholder' is jargon" in err
    assert "priority-c-one what_changed" not in err  # "We met." is plain
    assert note in out


@pytest.mark.parametrize(
    "args", [["new", "x"], ["show", "x"], ["set", "x", "y", "--owner", "z"], ["feedback", "x"]]
)
def test_ctrl_c_in_a_plan_command_is_one_line_and_130(cli, monkeypatch, args) -> None:  # type: ignore[no-untyped-def]
    import coself.app_plan

    def stop(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(coself.app_plan, f"plan_{args[0]}", stop)
    assert cli("plan", *args) == (130, "", "coself: stopped\n")


def test_a_plan_from_a_folder_names_only_groups_the_combined_report_shows(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    for n in range(5):
        answers(folder, f"staff-{n}.yaml", '  c-one: 3\n  c-two: 4\n  flag-late: "yes"\n')
    carer = ANSWERS.replace("bank: mini", "bank: minivoices").replace("staff", "carer")
    (folder / "carer.yaml").write_text(
        carer.format(org="Acme", answers='  v-c1: 0\n  v-flag: "yes"\n'), encoding="utf-8"
    )
    code, out, err = cli("plan", "new", folder, "--banks-dir", MINI_DIR)
    assert code == 0, err
    assert "id: red-flag-flag-late" in out and "v-flag" not in out and "carer" not in out
    code, out, err = cli("plan", "new", folder, "--min-group", "1", "--banks-dir", MINI_DIR)
    assert code == 0, err
    assert "id: red-flag-v-flag" in out and "- carer" in out
