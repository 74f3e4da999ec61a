"""The plan file: read strictly with every problem at file:line:col, written so it reads back."""

from __future__ import annotations

from pathlib import Path

import pytest
from plans import combined_plan

from coself.core.plan import ActionStatus, update_action
from coself.errors import InputError
from coself.io.banks import Library
from coself.io.planfile import create_plan, dump_plan, load_plan, read_plan, replace_plan


def written(tmp_path: Path, library: Library) -> Path:
    path = tmp_path / "plan.yaml"
    create_plan(path, combined_plan(library))
    return path


def test_a_plan_reads_back_as_it_was_written(tmp_path: Path, library: Library) -> None:
    plan = update_action(
        combined_plan(library),
        "red-flag-v-flag",
        status=ActionStatus.DONE,
        what_changed='yes: 1e5 "quoted" ~ [red]x[/red] <b>\nnew line',
        owner="2027-01-01",
        due="2027-01-31",
    )
    path = tmp_path / "plan.yaml"
    create_plan(path, plan)
    assert load_plan(path) == plan


def test_a_new_plan_is_never_written_over_a_file(tmp_path: Path, library: Library) -> None:
    path = written(tmp_path, library)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        create_plan(path, combined_plan(library))
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  status: planned\n", "  status: finished\n", "'status' must be one of planned, doing"),
        ("  due: null\n", "  due: 2027-02-30\n", "is not a date on the calendar"),
        ("  due: null\n", "  due: 31/03/2027\n", "is not a date written YYYY-MM-DD"),
        ("  due: null\n", "  due: 20270331\n", "'due' must be text, not the number 20270331"),
        ("  raised_by:\n  - person\n", "  raised_by:\n  - Sam\n", "is not a perspective"),
        ("  owner: null\n", "  owner: [a]\n", "'owner' must be text"),
        ("  status: planned\n", "  status: planned\n  colour: red\n", "unknown field 'colour'"),
    ],
)
def test_a_hand_edited_plan_is_refused_at_its_place(
    tmp_path: Path, library: Library, old: str, new: str, message: str
) -> None:
    path = written(tmp_path, library)
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    line = text[:index].count("\n") + 1
    with pytest.raises(InputError) as caught:
        load_plan(path)
    problem = caught.value.problems[0]
    assert message in problem.message
    assert problem.file == str(path) and line <= problem.line <= line + 1 and problem.col
    assert str(problem).startswith(f"{path}:{problem.line}:{problem.col}: ")


def test_every_problem_is_listed_in_one_pass(tmp_path: Path, library: Library) -> None:
    path = written(tmp_path, library)
    text = path.read_text(encoding="utf-8")
    text = text.replace("  status: planned\n", "  status: later\n").replace(
        "  due: null\n", "  due: soon\n"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(path)
    actions = len(combined_plan(library).actions)
    assert len(caught.value.problems) == 2 * actions


def test_a_repeated_id_is_refused(tmp_path: Path, library: Library) -> None:
    path = written(tmp_path, library)
    text = path.read_text(encoding="utf-8").replace("id: red-flag-v-flag", "id: red-flag-flag-late")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="used twice"):
        load_plan(path)


def test_a_plan_changed_on_disk_meanwhile_is_not_written_over(
    tmp_path: Path, library: Library
) -> None:
    path = written(tmp_path, library)
    plan, text = read_plan(path)
    path.write_text(text + "# a note added by hand\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed on disk"):
        replace_plan(path, update_action(plan, plan.actions[0].id, owner="Sam"), text)
    assert path.read_text(encoding="utf-8").endswith("# a note added by hand\n")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_the_plan_text_starts_with_how_to_edit_it(library: Library) -> None:
    text = dump_plan(combined_plan(library))
    assert text.startswith("# coself action plan") and "coself plan set" in text
