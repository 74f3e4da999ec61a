"""Known fields with hostile values: wrong shapes, numbers that are not finite or too large,
hidden characters in names, and values named as the file wrote them."""

from __future__ import annotations

import math

import pytest
from conftest import MINI_DIR

from coself.core.answers import build_answers
from coself.core.bankcheck import build_bank
from coself.core.scoring import score
from coself.errors import InputError
from coself.io.banks import Library, load_framework
from coself.io.storage import load_answers
from coself.io.yamlsafe import parse

GOOD_BANK = (MINI_DIR / "mini.yaml").read_text(encoding="utf-8")
GOOD = "format: 1\nbank: mini\norganisation: Acme\nperspective: staff\nanswers:\n  c-one: 2\n"


def bank_problems(text: str) -> list[str]:
    with pytest.raises(InputError) as error:
        build_bank(parse(text, "b.yaml"), "b.yaml", load_framework())
    return [str(p) for p in error.value.problems]


def answer_problems(library: Library, text: str) -> list[str]:
    with pytest.raises(InputError) as error:
        load_answers("a.yaml", library.find, text)
    return [str(p) for p in error.value.problems]


# --- 10: weights and thresholds are finite and sane -----------------------------------------

SECTION_WEIGHT = "  - id: review\n    weight: 2\n"


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        ("1e999", "'weight' must be a finite number, not 1e999"),
        ("-1e999", "'weight' must be a finite number, not -1e999"),
        ("1e308", "'weight' must be from 0.001 to 1000, not 1e308"),
        ("1001", "'weight' must be from 0.001 to 1000, not 1001"),
        ("1e-300", "'weight' must be from 0.001 to 1000, not 1e-300"),
        ("0", "'weight' must be from 0.001 to 1000, not 0"),
        (".nan", "'weight' must be a number, not the text '.nan'"),
    ],
)
def test_section_weights_must_be_finite_and_sane(weight: str, message: str) -> None:
    text = GOOD_BANK.replace(SECTION_WEIGHT, f"  - id: review\n    weight: {weight}\n")
    assert bank_problems(text) == [f"b.yaml:22:13: review: {message}"]


def test_question_weights_and_stage_bounds_must_be_finite() -> None:
    text = GOOD_BANK.replace("    weight: 2\n    allow_na", "    weight: 1e999\n    allow_na")
    text = text.replace("min: 75, max: 100,", "min: 75, max: 1e999,")
    found = bank_problems(text)
    assert "b.yaml:38:13: c-two: 'weight' must be a finite number, not 1e999" in found
    assert any("leading: 'max' must be a finite number, not 1e999" in p for p in found)


def test_the_largest_weights_allowed_score_without_overflow(library: Library) -> None:
    text = GOOD_BANK.replace(SECTION_WEIGHT, "  - id: review\n    weight: 1000\n")
    text = text.replace("    weight: 2\n    allow_na", "    weight: 0.001\n    allow_na")
    bank = build_bank(parse(text, "b.yaml"), "b.yaml", load_framework())
    answers, _, _ = build_answers(
        parse(GOOD + "  c-two: 4\n  r-one: 3\n", "a.yaml"), "a.yaml", lambda *_: bank
    )
    result = score(bank, answers)
    assert result.overall.score is not None and math.isfinite(result.overall.score)


def test_version_parts_are_bounded() -> None:
    text = GOOD_BANK.replace('version: "1.0.0"', f'version: "1.{"9" * 5000}.0"')
    (found,) = bank_problems(text)
    assert found.startswith("b.yaml:4:10: 'version' is '1.999")
    assert "each part at most 9 digits" in found and len(found) < 200


def test_a_bank_version_too_long_to_compare_is_refused_in_a_library(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from coself.io.banks import load_library

    text = GOOD_BANK.replace('version: "1.0.0"', f'version: "1.{"9" * 5000}.0"')
    (tmp_path / "mini2.yaml").write_text(text.replace("id: mini\n", "id: mini2\n"))
    with pytest.raises(InputError) as error:
        load_library([tmp_path])
    assert "mini2.yaml:4:10: 'version' is" in str(error.value)


# --- 11: wrong shapes inside known fields -------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        ("targets:\n  culture: [established]\n", "a.yaml:6:12: culture: not a stage id: a list"),
        ("targets:\n  culture: {a: b}\n", "a.yaml:6:12: culture: not a stage id: a mapping"),
        ("targets: [culture]\n", "a.yaml:5:10: 'targets' must map section ids to stage ids"),
        ("targets:\n  culture: 3\n", "a.yaml:6:12: culture: not a stage id: the number 3"),
    ],
)
def test_targets_of_the_wrong_shape_are_located(library: Library, tail: str, message: str) -> None:
    found = answer_problems(library, GOOD.replace("answers:", tail + "answers:"))
    assert len(found) == 1 and found[0].startswith(message), found


def test_notes_and_answers_of_the_wrong_shape_are_located(library: Library) -> None:
    text = GOOD + "  c-two:\n    answer: [1]\n    note: {a: b}\n    evidence: [x]\n"
    assert answer_problems(library, text) == [
        "a.yaml:9:11: c-two: 'note' must be text, not a mapping",
        "a.yaml:10:15: c-two: 'evidence' must be text, not a list",
        "a.yaml:8:13: c-two: a list is not an answer here; use a level 0-4, na or dont_know",
    ]


def test_bank_fields_of_the_wrong_shape_are_located() -> None:
    text = GOOD_BANK.replace('red_flag_if: "yes"', "red_flag_if: [yes]")
    text = text.replace("recommendations: [culture-2]", "recommendations: [[culture-2]]")
    text = text.replace(
        "    principles: [equality, diversity]\n",
        "    principles: [equality, diversity]\n    levels: {0: [a], 1.0: b}\n",
    )
    assert bank_problems(text) == [
        "b.yaml:30:17: c-one: level 0 needs a line of text",
        "b.yaml:30:22: c-one: 'levels' keys must be the whole numbers 0-4, not the number 1.0",
        "b.yaml:37:23: c-two: a recommendation id must be text, not a list",
        'b.yaml:70:18: flag-late: \'red_flag_if\' must be "yes" or "no", not a list',
    ]


# --- 7: names that differ only by characters that do not show ---------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Acme\\u200b", "U+200B ZERO WIDTH SPACE"),
        ("Ac\\u00adme", "U+00AD SOFT HYPHEN"),
        ("\\ufeffAcme", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("Acme\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Acme\\u2028", "U+2028 LINE SEPARATOR"),
        ("Acme\\e", "U+001B"),
    ],
)
def test_an_organisation_with_a_hidden_character_is_refused(
    library: Library, name: str, shown: str
) -> None:
    text = GOOD.replace("organisation: Acme", f'organisation: "{name}"')
    assert answer_problems(library, text) == [
        f"a.yaml:3:15: 'organisation' holds a character that does not show ({shown}); remove it"
    ]


@pytest.mark.parametrize(
    "name", ["Acme Care", "Caf\u00e9 \U0001f468\u200d\U0001f469", "\u0645\u200c\u0627"]
)
def test_names_in_any_script_are_accepted(library: Library, name: str) -> None:
    answers, _, _ = load_answers("a.yaml", library.find, GOOD.replace("Acme", f'"{name}"'))
    assert answers.organisation == name


# --- 24: values named as written ----------------------------------------------------------------


@pytest.mark.parametrize("written", ["1.0", "1e0", "2.50", "+1.0", "0.4e1", "1e999"])
def test_a_refused_number_is_named_as_written(library: Library, written: str) -> None:
    found = answer_problems(library, GOOD.replace("c-one: 2", f"c-one: {written}"))
    assert found == [
        f"a.yaml:6:10: c-one: the number {written} is not an answer here; "
        "use a level 0-4 or dont_know"
    ]


def test_a_refused_csv_number_is_named_as_written(library: Library) -> None:
    from coself.io.csvin import read_rows

    ((_, data),) = read_rows(
        "organisation,perspective,c-one\nAcme,staff,3.0\n", "x.csv", library.banks
    )
    with pytest.raises(InputError) as error:
        build_answers(data, "x.csv", library.find)
    assert str(error.value) == (
        "x.csv:2:c-one: the number 3.0 is not an answer here; use a level 0-4 or dont_know"
    )
