"""The shipped banks: coverage of the guide, counts, plain English, schema, browsing commands."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import MINI_DIR

from coself.core.model import QuestionType
from coself.io.banks import load_library, shipped_dir
from coself.io.documents import load_file

SCHEMA = json.loads((shipped_dir() / "schema" / "bank.schema.json").read_text(encoding="utf-8"))
BRIEF_IDS = (
    [f"culture-{i}" for i in range(1, 4)]
    + [f"structure-{i}" for i in range(1, 6)]
    + [f"practice-{i}" for i in range(1, 8)]
    + [f"review-{i}" for i in range(1, 6)]
)
PRINCIPLES = {"equality", "diversity", "accessibility", "reciprocity"}


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    return load_library()


def test_framework_holds_every_recommendation_from_the_brief(shipped) -> None:  # type: ignore[no-untyped-def]
    assert [r.id for r in shipped.framework.recommendations] == BRIEF_IDS
    assert all(
        r.page.url.startswith("https://www.scie.org.uk/") for r in shipped.framework.recommendations
    )
    assert [r.id for r in shipped.framework.ladder] == [
        "coercion",
        "educating",
        "informing",
        "consultation",
        "engagement",
        "co-design",
        "co-production",
    ]


def test_every_recommendation_is_covered_by_the_organisation_bank(shipped) -> None:  # type: ignore[no-untyped-def]
    bank = shipped.get("organisation")
    covered = {r for q in bank.questions if q.type is QuestionType.LEVEL for r in q.recommendations}
    assert set(BRIEF_IDS) - covered == set()


@pytest.mark.parametrize(("bank_id", "low", "high"), [("organisation", 35, 70), ("voices", 15, 40)])
def test_bank_sizes_tags_help_and_actions(shipped, bank_id: str, low: int, high: int) -> None:  # type: ignore[no-untyped-def]
    bank = shipped.get(bank_id)
    assert low <= len(bank.questions) <= high
    assert [s.id for s in bank.sections] == ["culture", "structure", "practice", "review"]
    for principle in PRINCIPLES:
        tagged = [q for q in bank.questions if principle in q.principles]
        assert len(tagged) >= 5, principle
    for question in bank.questions:
        assert question.help.strip() and question.actions and question.recommendations
        assert all(a.page.url.startswith("https://www.scie.org.uk/") for a in question.actions)
    kinds = {q.type for q in bank.questions}
    graded = QuestionType.LEVEL if bank_id == "organisation" else QuestionType.FREQUENCY
    assert kinds == {graded, QuestionType.YESNO, QuestionType.LADDER}


def _syllables(word: str) -> int:
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups) - (
        1 if word.endswith("e") and not word.endswith("le") and len(groups) > 1 else 0
    )
    return max(1, count)


def test_voices_questions_are_plain_english(shipped) -> None:  # type: ignore[no-untyped-def]
    texts = [q.text for q in shipped.get("voices").questions]
    words = [w for t in texts for w in re.findall(r"[A-Za-z']+", t)]
    syllables = sum(_syllables(w) for w in words)
    flesch = 206.835 - 1.015 * (len(words) / len(texts)) - 84.6 * (syllables / len(words))
    assert flesch >= 70, flesch
    second_person = [t for t in texts if re.search(r"\byou(r)?\b", t, re.IGNORECASE)]
    assert len(second_person) >= 0.9 * len(texts)


def test_voices_meets_the_organisation_bank_at_recommendation_ids(shipped) -> None:  # type: ignore[no-untyped-def]
    voices = {r for q in shipped.get("voices").questions for r in q.recommendations}
    organisation = {r for q in shipped.get("organisation").questions for r in q.recommendations}
    assert len(voices & organisation) >= 14


def _as_json(path: Path) -> object:
    return json.loads(json.dumps(load_file(path, path.name, 10**7)))


@pytest.mark.parametrize("name", ["organisation.yaml", "voices.yaml"])
def test_json_schema_accepts_the_shipped_banks(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    errors = list(
        jsonschema.Draft202012Validator(SCHEMA).iter_errors(_as_json(shipped_dir() / name))
    )
    assert errors == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("audience: Tests", "audience: Tests\ncolour: blue"),
        ("audience: Tests\n", ""),
        ('version: "1.0.0"', 'version: "1.0"'),
        ("[reciprocity]", "[kindness]"),
        ('red_flag_if: "yes"', 'red_flag_if: "maybe"'),
        ("allow_na: true", 'allow_na: "true"'),
    ],
)
def test_schema_and_validator_agree_on_broken_banks(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, old: str, new: str
) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(
        (MINI_DIR / "mini.yaml").read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8"
    )
    schema_errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(_as_json(path)))
    code, _, _ = cli("banks", "validate", path)
    assert schema_errors and code == 1


def test_mini_bank_passes_the_schema_too() -> None:
    assert (
        list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(_as_json(MINI_DIR / "mini.yaml")))
        == []
    )


def test_banks_list_shows_each_bank(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("banks", "list", "--plain", "--banks-dir", MINI_DIR)
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines() if line.strip()}  # no borders
    assert {"organisation", "voices", "mini"} <= set(rows)
    assert "1.0.0" in rows["mini"] and " 7 " in rows["mini"]


def test_banks_show_json_is_the_normalised_bank(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("banks", "show", "mini", "--format", "json", "--banks-dir", MINI_DIR)
    assert code == 0
    data = json.loads(out)
    assert data["sections"] == [
        {"id": "culture", "title": "Culture", "weight": 1.0},
        {"id": "review", "title": "Review", "weight": 2.0},
    ]
    first = data["questions"][0]
    assert first["type"] == "level" and first["weight"] == 1.0
    assert first["principles"] == ["equality", "diversity"]
    assert first["recommendations"] == ["culture-1"]
    assert data["questions"][5]["type"] == "yesno"


def test_banks_show_terminal_lists_questions(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("banks", "show", "organisation")
    assert code == 0
    assert "Culture" in out and "Review" in out and "culture-board-commitment" in out


def test_unknown_bank_is_a_usage_error(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("banks", "show", "nope")
    assert code == 2
    assert "no question bank with id 'nope'" in err and "organisation" in err


def test_banks_dir_from_the_environment(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COSELF_BANKS_DIR", str(MINI_DIR))
    code, out, _ = cli("banks", "list", "--plain")
    assert code == 0 and "mini" in out


def test_version(cli) -> None:  # type: ignore[no-untyped-def]
    from coself import __version__

    code, out, _ = cli("--version")
    assert code == 0 and out.strip() == f"coself {__version__}"


def test_python_dash_m_runs_coself() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coself", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.startswith("coself ")


def test_the_core_imports_neither_typer_rich_nor_yaml() -> None:
    code = (
        "import sys, coself.core.model, coself.core.bankcheck, coself.core.answers, "
        "coself.core.scoring, coself.core.fields, coself.core.text; "
        "print(sorted(m for m in ('typer', 'rich', 'yaml', 'click') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
