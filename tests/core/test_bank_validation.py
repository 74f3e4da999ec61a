"""The bank loader refuses bad banks with located one-line messages, all problems in one pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MINI_DIR

GOOD = (MINI_DIR / "mini.yaml").read_text(encoding="utf-8")
LOCATED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<rest>.+)$")


def write(tmp_path: Path, text: str | bytes, name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(cli, path: Path) -> list[re.Match[str]]:  # type: ignore[no-untyped-def]
    code, out, err = cli("banks", "validate", path)
    assert code == 1, (out, err)
    assert "Traceback" not in out + err
    lines = out.strip().splitlines()
    matches = [LOCATED.match(line) for line in lines]
    assert lines and all(matches), out
    assert all(m.group("file").endswith(path.name) for m in matches)  # type: ignore[union-attr]
    return matches  # type: ignore[return-value]


CASES = [
    ("invalid yaml", GOOD.replace("title: Mini test bank", "title: [unclosed"), "invalid YAML"),
    ("anchor", GOOD.replace("audience: Tests", "audience: &who Tests"), "anchors"),
    ("alias", GOOD.replace("audience: Tests", "audience: &who Tests\nextra: *who"), "anchors"),
    (
        "merge key",
        GOOD.replace("  - id: c-one\n", "  - <<: {weight: 1}\n    id: c-one\n"),
        "merge keys",
    ),
    ("tag", GOOD.replace("audience: Tests", "audience: !!python/object:os.system Tests"), "tags"),
    ("second document", GOOD + "\n---\nid: other\n", "more than one YAML document"),
    (
        "unknown field",
        GOOD.replace("audience: Tests", "audience: Tests\ncolour: blue"),
        "unknown field 'colour'",
    ),
    ("missing field", GOOD.replace("audience: Tests\n", ""), "missing the field 'audience'"),
    (
        "yes as a boolean",
        GOOD.replace(
            "    allow_na: true\n    actions: [{text: Do culture two.",
            "    allow_na: yes\n    actions: [{text: Do culture two.",
        ),
        "'allow_na' must be true or false, not the text 'yes'",
    ),
    (
        "no as a boolean",
        GOOD.replace(
            "    allow_na: true\n    actions: [{text: Do culture two.",
            "    allow_na: no\n    actions: [{text: Do culture two.",
        ),
        "'allow_na' must be true or false, not the text 'no'",
    ),
    (
        "on as a number",
        GOOD.replace("    weight: 2\n    allow_na", "    weight: on\n    allow_na"),
        "'weight' must be a number, not the text 'on'",
    ),
    (
        "1.10 as a version",
        GOOD.replace('version: "1.0.0"', "version: 1.10"),
        "'version' must be text, not the number 1.10; put it in quotes",
    ),
    (
        "010 as a level",
        GOOD.replace("{level: 0, label", "{level: 010, label"),
        "'level' must be a whole number, not the text '010'",
    ),
    (
        "no as red_flag_if",
        GOOD.replace('red_flag_if: "yes"', "red_flag_if: 0"),
        '\'red_flag_if\' must be "yes" or "no"',
    ),
    (
        "duplicate question id",
        GOOD.replace("  - id: c-two\n", "  - id: c-one\n"),
        "duplicate question id",
    ),
    (
        "unknown section",
        GOOD.replace(
            "    section: culture\n    text: Culture question two?",
            "    section: vision\n    text: Culture question two?",
        ),
        "unknown section 'vision'",
    ),
    (
        "unknown recommendation",
        GOOD.replace("[culture-2]", "[culture-9]"),
        "unknown recommendation 'culture-9'",
    ),
    (
        "unknown principle",
        GOOD.replace("[reciprocity]", "[kindness]"),
        "unknown principle 'kindness'",
    ),
    ("unknown page", GOOD.replace("page: review}", "page: reviews}"), "unknown page 'reviews'"),
    (
        "thresholds with a gap",
        GOOD.replace("min: 50, max: 75", "min: 55, max: 75"),
        "must start where the previous stage ends (50)",
    ),
    (
        "thresholds short of 100",
        GOOD.replace("min: 75, max: 100", "min: 75, max: 90"),
        "the last stage must end at 100",
    ),
    (
        "thresholds not from 0",
        GOOD.replace("min: 0, max: 25", "min: 5, max: 25"),
        "the first stage must start at 0",
    ),
    (
        "thresholds out of order",
        GOOD.replace("min: 25, max: 50", "min: 25, max: 20"),
        "must be above 'min'",
    ),
    (
        "list where a mapping belongs",
        GOOD.replace("  - {level: 0, label: Not yet, descriptor: Not at all.}", "  - [0, Not yet]"),
        "a scale level must be a mapping of fields, not a list",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_bank_gets_a_located_one_line_message(cli, tmp_path, name, text, message):  # type: ignore[no-untyped-def]
    found = problems(cli, write(tmp_path, text))
    assert any(message in m.group("rest") for m in found), [m.group(0) for m in found]


def test_duplicate_keys_name_both_lines(cli, tmp_path):  # type: ignore[no-untyped-def]
    text = GOOD.replace("audience: Tests", "audience: Tests\naudience: Others")
    (match,) = problems(cli, write(tmp_path, text))
    line = GOOD.splitlines().index("audience: Tests") + 1
    assert match.group("line") == str(line + 1)
    assert f"duplicate key 'audience' (first at line {line})" in match.group("rest")


def test_question_problems_name_the_question(cli, tmp_path):  # type: ignore[no-untyped-def]
    found = problems(cli, write(tmp_path, GOOD.replace("[reciprocity]", "[kindness]")))
    assert found[0].group("rest").startswith("r-one: unknown principle")


def test_all_problems_are_reported_in_one_pass(cli, tmp_path):  # type: ignore[no-untyped-def]
    text = (
        GOOD.replace("[reciprocity]", "[kindness]")
        .replace("[culture-2]", "[culture-9]")
        .replace("audience: Tests", "audience: Tests\ncolour: blue")
    )
    assert len(problems(cli, write(tmp_path, text))) == 3


def test_non_utf8_is_refused_with_its_place(cli, tmp_path):  # type: ignore[no-untyped-def]
    data = GOOD.replace("Mini test bank", "Caf\u00e9 bank").encode("latin-1")
    (match,) = problems(cli, write(tmp_path, data))
    assert "not UTF-8" in match.group("rest")
    assert match.group("line") == "3"


def test_files_over_the_size_cap_are_refused(cli, tmp_path):  # type: ignore[no-untyped-def]
    path = write(tmp_path, GOOD + "#" * (3 * 1024 * 1024))
    code, out, _ = cli("banks", "validate", path)
    assert code == 1
    assert "larger than the 2048 KiB limit" in out


def test_billion_laughs_is_refused_before_expanding(cli, tmp_path):  # type: ignore[no-untyped-def]
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}] " for i in range(8)]
    (match,) = problems(cli, write(tmp_path, "\n".join(lines) + "\n"))
    assert "anchors" in match.group("rest")


def test_shipped_banks_validate(cli):  # type: ignore[no-untyped-def]
    code, out, err = cli("banks", "validate")
    assert code == 0, out + err
    assert "no problems" in err


def test_two_banks_with_one_id_is_an_error_naming_both(cli, tmp_path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "copy.yaml").write_text(GOOD, encoding="utf-8")
    code, _, err = cli("banks", "list", "--banks-dir", MINI_DIR, "--banks-dir", folder)
    assert code == 1
    assert "copy.yaml" in err and "mini.yaml" in err and "'mini'" in err


PROMPTS_CASES = [
    ("prompts: a list", "prompts: [Part]", "'prompts' must be a mapping of fields, not a list"),
    ("prompts: unknown key", "prompts:\n  greeting: Hello", "unknown field 'greeting'"),
    ("prompts: empty text", "prompts:\n  note: ''", "'note' must not be empty"),
    ("prompts: a number", "prompts:\n  section: 3", "'section' must be text, not"),
    (
        "prompts: unknown perspective",
        "prompts:\n  perspectives: {person: Me, boss: The boss}",
        "unknown id 'boss' in 'prompts.perspectives'",
    ),
    (
        "prompts: unknown section",
        "prompts:\n  sections: {culture: How they treat you, money: Money}",
        "unknown id 'money' in 'prompts.sections'",
    ),
    (
        "prompts: perspectives not a mapping",
        "prompts:\n  perspectives: [person]",
        "'prompts.perspectives' must map ids to words",
    ),
]


@pytest.mark.parametrize(
    ("name", "block", "message"), PROMPTS_CASES, ids=[c[0] for c in PROMPTS_CASES]
)
def test_bad_prompts_get_a_located_message(cli, tmp_path, name, block, message):  # type: ignore[no-untyped-def]
    text = GOOD.replace("audience: Tests\n", f"audience: Tests\n{block}\n")
    found = problems(cli, write(tmp_path, text))
    (match,) = [m for m in found if message in m.group("rest")]
    line = GOOD.splitlines().index("audience: Tests") + 2
    assert int(match.group("line")) in (line, line + 1), match.group(0)


def test_a_bank_s_own_prompts_are_read(library) -> None:  # type: ignore[no-untyped-def]
    from coself.core.model import Perspective

    prompts = library.get("voices").prompts
    assert prompts.who_are_you == "Who are you answering as?"
    assert list(prompts.perspectives) == [Perspective.PERSON, Perspective.CARER, Perspective.OTHER]
    assert prompts.section == "Part" and prompts.dont_know == "not sure"
    assert library.get("organisation").prompts.section == "Section"
