"""Version 2 of the banks through the commands: validation refuses what is not calibrated or
not mirrored alike, `banks lint`, old answers reported and compared, mirrored gaps first."""

from __future__ import annotations

import json
import re
from pathlib import Path

from coself.io.banks import shipped_dir

VOICES = (shipped_dir() / "voices-2.yaml").read_text(encoding="utf-8")
ORGANISATION = (shipped_dir() / "organisation-2.yaml").read_text(encoding="utf-8")


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_refuses_stages_that_are_not_calibrated(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Move the boundary between "Hardly ever" and "Sometimes" past 50, the score of answering
    # Sometimes (level 2) everywhere.
    text = VOICES.replace("    max: 37.5\n", "    max: 55\n", 1).replace(
        "    min: 37.5\n", "    min: 55\n", 1
    )
    code, out, _ = cli("banks", "validate", _write(tmp_path, "voices.yaml", text))
    assert code == 1
    line = text[: text.index("  - id: sometimes")].count("\n") + 1
    assert f"voices.yaml:{line}:5: stage 'sometimes': answering level 2 everywhere scores 50" in out


def test_validate_refuses_a_level_question_without_its_own_descriptors(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = re.sub(
        r"(  - id: culture-beyond-projects\n(?:    .*\n)*?)    levels:\n(      \d: .*\n)+",
        r"\1",
        ORGANISATION,
        count=1,
    )
    code, out, _ = cli("banks", "validate", _write(tmp_path, "organisation.yaml", text))
    assert code == 1
    assert "culture-beyond-projects: a level question needs its own 'levels' 0-4" in out


def test_validate_refuses_mirrored_questions_tagged_differently(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    start = VOICES.index("    pair: costs-covered\n")
    voices = VOICES[:start] + VOICES[start:].replace(
        "    recommendations: [structure-2]", "    recommendations: [structure-3]", 1
    )
    organisation = _write(tmp_path, "organisation.yaml", ORGANISATION)
    code, out, _ = cli("banks", "validate", organisation, _write(tmp_path, "voices.yaml", voices))
    assert code == 1
    assert re.search(
        r"voices\.yaml:\d+:5: structure-costs-covered: pair 'costs-covered': recommendations "
        r"\[structure-3\] differ from \[structure-2\] on 'structure-expenses'",
        out,
    ), out


def test_lint_is_clean_on_the_shipped_banks_and_locates_what_it_finds(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("banks", "lint")
    assert code == 0 and out == "" and "Checked 2 file(s): nothing to change." in err
    text = VOICES.replace(
        "      Local groups and clubs know a lot of people.",
        "      Local forums know a lot of people.",
    )
    code, out, _ = cli("banks", "lint", _write(tmp_path, "voices.yaml", text))
    line = text[: text.index("Local forums")].count("\n") + 1
    assert code == 1
    where = f"{tmp_path / 'voices.yaml'}:{line}:13"
    assert out.splitlines() == [
        f"{where}: structure-groups-you-know: 'forums' is jargon; try 'group'"
    ]


ANSWERS = """format: 1
bank: {bank}
bank_version: "{version}"
organisation: Acme Care
perspective: {perspective}
answers:
{answers}
"""


def _answers(
    tmp_path: Path, name: str, bank: str, version: str, perspective: str, answers: dict[str, object]
) -> Path:
    body = "\n".join(f"  {k}: {v}" for k, v in answers.items())
    text = ANSWERS.format(bank=bank, version=version, perspective=perspective, answers=body)
    return _write(tmp_path, name, text)


def test_a_1_0_0_answers_file_reports_and_compares_with_a_2_0_0_one(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = _answers(
        tmp_path,
        "old.yaml",
        "organisation",
        "1.0.0",
        "staff",
        {"culture-board-commitment": 1, "practice-plain-language": 1},
    )
    new = _answers(
        tmp_path,
        "new.yaml",
        "organisation",
        "2.0.0",
        "staff",
        {"culture-board-commitment": 3, "practice-plain-words": 3, "practice-terms-explained": 2},
    )
    code, out, err = cli("report", old, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["bank"]["version"] == "1.0.0"
    code, out, err = cli("compare", old, new, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    changes = {q["id"]: (q["before"], q["after"]) for q in data["questions"]}
    assert changes["culture-board-commitment"] == (1, 3)
    assert changes["practice-plain-words"] == (1, 3) and changes["practice-terms-explained"] == (
        1,
        2,
    )
    code, out, _ = cli("compare", old, new, "--format", "markdown")
    assert "59 of 67 questions in common" in out


def test_a_combined_report_leads_with_the_gaps_on_mirrored_questions(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    staff = _answers(
        tmp_path,
        "staff.yaml",
        "organisation",
        "2.0.0",
        "staff",
        {"structure-expenses": 4, "structure-paid-for-time": 3, "culture-board-commitment": 2},
    )
    person = _answers(
        tmp_path,
        "person.yaml",
        "voices",
        "2.0.0",
        "person",
        {"structure-costs-covered": 1, "structure-paid-for-time": 3, "culture-skills-seen": 2},
    )
    code, out, err = cli("report", staff, person, "--format", "markdown", "--min-group", "1")
    assert code == 0, err
    gaps = out.split("## Perception gaps")[1]
    mirrored = gaps.index("### Mirrored questions")
    assert mirrored < gaps.index("| Kind | Item |")
    assert (
        "Staff say 100.0 about \"How quickly are contributors' costs of taking part, such as "
        'travel or care cover, paid back?"; people who draw on care and support say 25.0 about '
        '"Do they pay you back for what it costs you to take part?": the same thing, 75.0 points '
        "apart."
    ) in gaps.replace("\\", "")
    assert "Think Local Act Personal" in out


def test_validate_refuses_the_new_fields_used_wrongly(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = VOICES.replace(
        "  coercion:\n    title: You were just there", "  force:\n    title: X", 1
    )
    text = text.replace(
        '    allow_na: true\n    red_flag_if: "no"\n', "    allow_na: true\n", 1
    )  # flag-not-offered-pay: neither a red flag nor scored
    text = text.replace("    type: frequency\n", "    type: frequency\n    scored: true\n", 1)
    code, out, _ = cli("banks", "validate", _write(tmp_path, "voices.yaml", text))
    assert code == 1
    assert "unknown rung 'force' (the ladder has not-involved, coercion," in out
    assert "flag-not-offered-pay: a yesno question needs 'red_flag_if'" in out
    assert "culture-leaders-show-it: only yesno questions have 'scored'" in out
    scored_flag = ORGANISATION.replace(
        '    red_flag_if: "yes"\n', '    scored: true\n    red_flag_if: "yes"\n', 1
    )
    code, out, _ = cli("banks", "validate", _write(tmp_path, "organisation.yaml", scored_flag))
    assert code == 1 and "so only 'no' can be its red flag" in out


def test_the_template_shows_the_scale_of_frequency_questions_and_not_involved(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("template", "--bank", "voices")
    assert code == 0
    block = out.split("culture-leaders-show-it:")[0].rsplit("# [1]", 1)[1]
    assert "  #   0 Never: This does not happen for me.\n" in block  # the bank's scale, in full
    assert "  #   4 Always: This happens every time, or close to it.\n" in block
    assert (
        "  #   not-involved: Not part of it (not on the ladder): You were not part of it at all.\n"
        in out
    )
    assert "  #   coercion: You were just there (rung 1 of 7, doing to): You were there, but" in out
