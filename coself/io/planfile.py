"""The action plan on disk: read strictly with located errors, written whole and atomically."""

from __future__ import annotations

from pathlib import Path

from coself.core.plan import Plan
from coself.core.planfields import plan_from_data, plan_to_data
from coself.errors import InputError, Problem
from coself.io.documents import parse_document
from coself.io.storage import ANSWERS_SIZE_LIMIT, create_exactly, write_atomic
from coself.io.yamlsafe import read_text
from coself.io.yamlwrite import dump_yaml

PLAN_SIZE_LIMIT = ANSWERS_SIZE_LIMIT
HEADER = (
    "# coself action plan (schema: questions/schema/plan.schema.json).\n"
    "# For each action fill in owner, due (YYYY-MM-DD), status (planned, doing, done or\n"
    "# dropped) and what_changed, by hand or with: coself plan set PLAN ID --status done\n"
    "# `coself plan set` writes the whole file again: comments other than these are not kept.\n"
)


def read_plan(path: Path | str) -> tuple[Plan, str]:
    """A plan file, checked (InputError listing every problem as file:line:col), and its text."""
    source = str(path)
    text = read_text(Path(path), source, PLAN_SIZE_LIMIT)
    return plan_from_data(parse_document(text, source), source), text


def load_plan(path: Path | str) -> Plan:
    """A plan file, checked."""
    return read_plan(path)[0]


def dump_plan(plan: Plan) -> str:
    """The plan file's text: a short header, then YAML that reads back as the same plan."""
    return HEADER + dump_yaml(plan_to_data(plan))


def create_plan(path: Path, plan: Plan) -> None:
    """Write a new plan file at `path`, whole; refuse if anything is already there."""
    create_exactly(path, dump_plan(plan))


def replace_plan(path: Path, plan: Plan, read_as: str) -> None:
    """Write the plan over its file atomically, unless the file changed since it was read as
    `read_as` (edited by hand meanwhile): then refuse, writing nothing."""
    source = str(path)
    if read_text(path, source, PLAN_SIZE_LIMIT) != read_as:
        message = "changed on disk since coself read it; nothing was written: run the command again"
        raise InputError.of([Problem(source, 0, 0, message)])
    write_atomic(path, dump_plan(plan))
