"""The JSON Schemas are valid for their draft and accept every shipped file as an editor sees it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema.validators
import pytest
import yaml
from conftest import MINI_DIR

ROOT = Path(__file__).parents[2]
SCHEMAS = ROOT / "questions" / "schema"
README = (ROOT / "README.md").read_text(encoding="utf-8")


class EditorLoader(yaml.SafeLoader):
    """PyYAML's safe loader with mapping keys as strings, as an editor's JSON Schema check sees
    a YAML file (JSON has string keys only: `levels: {0: …}` has the key "0")."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[str, Any]:
        mapping = super().construct_mapping(node, deep=True)
        return {str(key): value for key, value in mapping.items()}


EditorLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, EditorLoader.construct_mapping
)


def as_an_editor_sees_it(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=EditorLoader)


def validator(name: str) -> jsonschema.protocols.Validator:
    """The validator of the draft the schema names in `$schema`, after checking the schema."""
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema, default=None)
    assert cls is not None, f"{name} names no draft in $schema"
    cls.check_schema(schema)
    return cls(schema)  # type: ignore[no-any-return]


def problems(name: str, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(name).iter_errors(data)
    ]


SHIPPED = [
    (ROOT / "questions" / "framework.yaml", "framework.schema.json"),
    *(
        (p, "bank.schema.json")
        for p in sorted((ROOT / "questions").glob("*.yaml"))
        if p.name != "framework.yaml"
    ),
    *((p, "bank.schema.json") for p in sorted(MINI_DIR.glob("*.yaml"))),
]


@pytest.mark.parametrize("name", sorted(p.name for p in SCHEMAS.glob("*.json")))
def test_every_schema_is_valid_for_the_draft_it_names(name: str) -> None:
    check = validator(name)
    assert type(check) is jsonschema.Draft202012Validator
    assert check.schema["$id"].endswith(f"/questions/schema/{name}")


def test_every_shipped_yaml_file_has_a_schema() -> None:
    assert {p for p, _ in SHIPPED} >= set((ROOT / "questions").glob("*.yaml"))
    assert {s for _, s in SHIPPED} | {"answers.schema.json", "plan.schema.json"} == {
        p.name for p in SCHEMAS.glob("*.json")
    }


@pytest.mark.parametrize(("path", "schema"), SHIPPED, ids=lambda x: getattr(x, "name", x))
def test_every_shipped_file_passes_its_schema_as_an_editor_sees_it(path: Path, schema: str) -> None:
    assert problems(schema, as_an_editor_sees_it(path)) == []


@pytest.mark.parametrize("bank", ["organisation", "voices"])
def test_a_template_passes_the_answers_schema_as_an_editor_sees_it(
    cli, tmp_path: Path, bank: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "blank.answers.yaml"
    code, _, err = cli(
        "template", "--bank", bank, "--org", "Acme Care", "--perspective", "staff", "-o", path
    )
    assert code == 0, err
    assert problems("answers.schema.json", as_an_editor_sees_it(path)) == []


def test_the_readme_answers_example_passes_the_answers_schema(tmp_path: Path) -> None:
    example = re.search(r"## The answers file.*?```yaml\n(.*?)```", README, re.S)
    assert example
    path = tmp_path / "example.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    assert problems("answers.schema.json", as_an_editor_sees_it(path)) == []


@pytest.mark.parametrize("name", sorted(p.name for p in SCHEMAS.glob("*.json")))
def test_schemas_point_to_readme_sections_that_exist(name: str) -> None:
    description = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))["description"]
    assert "docs/" not in description
    sections = re.findall(r"README[^']*'([^']+)'", description)
    assert sections, description
    for section in sections:
        assert f"## {section}\n" in README, section


FRAMEWORK = (ROOT / "questions" / "framework.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("framework: scie-guide51\n", "framework: scie-guide51\ncolour: blue\n"),
        (
            "    url: https://www.scie.org.uk/publications/guides/guide51/recommendations.asp",
            "    url: www.scie.org.uk",
        ),
        ("    group: doing to\n", "    group: done to\n"),
        ("  - id: culture\n    title: Culture\n", "  - id: culture\n    title: ''\n"),
        ("    rung: 1\n", "    rung: one\n"),
    ],
)
def test_framework_schema_and_validator_agree_on_broken_frameworks(
    cli, tmp_path: Path, old: str, new: str
) -> None:  # type: ignore[no-untyped-def]
    assert FRAMEWORK.count(old) >= 1, old
    path = tmp_path / "framework.yaml"
    path.write_text(FRAMEWORK.replace(old, new, 1), encoding="utf-8")
    assert problems("framework.schema.json", as_an_editor_sees_it(path))
    code, _, _ = cli("banks", "validate", path)
    assert code == 1


def test_a_plan_passes_the_plan_schema_and_a_broken_one_fails_both_checks(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "format: 1\nbank: mini\norganisation: Acme\nperspective: staff\nanswers:\n"
        '  c-one: 1\n  flag-late: "yes"\n',
        encoding="utf-8",
    )
    plan = tmp_path / "plan.yaml"
    code, _, err = cli("plan", "new", answers, "-o", plan, "--banks-dir", MINI_DIR)
    assert code == 0, err
    code, _, err = cli("plan", "set", plan, "priority-c-one", "--due", "2027-01-31")
    assert code == 0, err
    assert problems("plan.schema.json", as_an_editor_sees_it(plan)) == []
    for old, new in [("status: planned", "status: finished"), ("due: null", "due: 31/01/2027")]:
        text = plan.read_text(encoding="utf-8")
        broken = tmp_path / "broken.yaml"
        broken.write_text(text.replace(old, new, 1), encoding="utf-8")
        assert problems("plan.schema.json", as_an_editor_sees_it(broken))
        assert cli("plan", "show", broken)[0] == 1
