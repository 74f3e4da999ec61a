"""Workshop answers files: votes and the agreed answer written and read back exactly, and bad
votes refused with their place."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import MINI_DIR, make_answers

from coself.core.model import Answer, Perspective, Special, Status, Votes
from coself.io.storage import dump_answers, load_answers, save_answers

HEAD = 'format: 1\nbank: mini\nbank_version: "1.0.0"\norganisation: Acme\nperspective: other\n'
STAFF, PERSON = Perspective.STAFF, Perspective.PERSON


def workshop_answers(mini):  # type: ignore[no-untyped-def]
    """A room's votes on four of the bank's questions (so the file is partial)."""
    by_group = Votes(((STAFF, (3, 3, 4, Special.DONT_KNOW)), (PERSON, (1, 0))))
    answers = make_answers(
        mini,
        {
            "c-one": Answer(3, "talked it through", None, by_group),
            "c-two": Answer(Special.NA, None, None, Votes(((None, (Special.NA, 2)),))),
            "flag-late": Answer("no", None, None, Votes(((None, ("no", "yes", "no")),))),
            "ladder-design": Answer(Special.SKIPPED, None, None, Votes(((None, ("co-design",)),))),
        },
        perspective=Perspective.OTHER,
        workshop=True,
    )
    return replace(answers, status=Status.PARTIAL)


@pytest.mark.parametrize("as_json", [False, True])
def test_votes_and_agreed_answers_read_back_the_same(tmp_path, mini, library, as_json) -> None:  # type: ignore[no-untyped-def]
    answers = workshop_answers(mini)
    path = tmp_path / ("a.json" if as_json else "a.answers.yaml")
    path.write_text(dump_answers(answers, as_json=as_json), encoding="utf-8")
    back, _, warnings = load_answers(path, library.find)
    assert warnings == []
    assert back.workshop
    assert dict(back.answers) == dict(answers.answers)


def test_the_file_is_marked_and_votes_sit_on_one_line(tmp_path, mini) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.answers.yaml"
    save_answers(path, workshop_answers(mini))
    text = path.read_text(encoding="utf-8")
    assert "\nmode: workshop\n" in text
    assert "      staff: [3, 3, 4, dont_know]\n      person: [1, 0]\n" in text
    assert "  ladder-design:\n    answer: null\n    votes: [co-design]\n" in text


def test_a_file_without_votes_reads_and_writes_as_before(tmp_path, mini, library) -> None:  # type: ignore[no-untyped-def]
    body = HEAD.replace("other", "staff") + "answers:\n  c-one: 2\n  c-two: {answer: 1, note: n}\n"
    path = tmp_path / "a.answers.yaml"
    path.write_text(body, encoding="utf-8")
    answers, _, _ = load_answers(path, library.find)
    assert not answers.workshop
    assert dict(answers.answers) == {"c-one": Answer(2), "c-two": Answer(1, "n")}
    written = dump_answers(answers)
    assert "mode" not in written and "votes" not in written
    assert json.loads(dump_answers(answers, as_json=True))["answers"] == {
        "c-one": 2,
        "c-two": {"answer": 1, "note": "n"},
    }


BAD = [
    (
        "votes outside a workshop file",
        HEAD + "answers:\n  c-one: {answer: 1, votes: [1]}\n",
        "a.answers.yaml:7:22: c-one: votes are kept only in a workshop file: "
        "add 'mode: workshop' at the top",
    ),
    (
        "an unknown mode",
        HEAD + "mode: room\nanswers: {}\n",
        "a.answers.yaml:6:7: mode must be workshop, not the text 'room'",
    ),
    (
        "a vote the question does not take",
        HEAD + "mode: workshop\nanswers:\n  c-one:\n    answer: 1\n    votes: [1, 7, 2]\n",
        "a.answers.yaml:10:16: c-one: vote 2: the number 7 is not an answer here; "
        "use a level 0-4 or dont_know",
    ),
    (
        "a vote in a group",
        HEAD + "mode: workshop\nanswers:\n  c-one:\n    answer: 1\n    votes:\n"
        "      staff: [1]\n      carer: [2, maybe]\n",
        "a.answers.yaml:12:18: c-one: vote 2: the text 'maybe' is not an answer here",
    ),
    (
        "an unknown perspective",
        HEAD + "mode: workshop\nanswers:\n  c-one:\n    answer: 1\n    votes:\n      bosses: [1]\n",
        "a.answers.yaml:11:7: c-one: the text 'bosses' is not a perspective; use leadership",
    ),
    (
        "a skipped vote",
        HEAD + "mode: workshop\nanswers:\n  c-one: {answer: 1, votes: [skipped]}\n",
        "a.answers.yaml:8:30: c-one: vote 1: a vote cannot be skipped",
    ),
    (
        "an empty list of votes",
        HEAD + "mode: workshop\nanswers:\n  c-one: {answer: 1, votes: []}\n",
        "a.answers.yaml:8:29: c-one: votes must be a list of at least one answer",
    ),
    (
        "votes that are not a list",
        HEAD + "mode: workshop\nanswers:\n  c-one: {answer: 1, votes: 3}\n",
        "a.answers.yaml:8:29: c-one: 'votes' must be a list of answers or map perspectives",
    ),
]


@pytest.mark.parametrize(("name", "body", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_votes_are_refused_with_their_place(cli, tmp_path, name, body, message) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.answers.yaml"
    path.write_text(body, encoding="utf-8")
    code, out, err = cli("report", path, "--banks-dir", MINI_DIR)
    assert code != 0 and out == ""
    assert message in err, err
    assert "Traceback" not in err


def test_every_bad_vote_in_a_file_is_reported_at_once(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = HEAD + "mode: workshop\nanswers:\n  c-one: {answer: 1, votes: [9]}\n"
    body += "  r-one: {answer: 1, votes: {staff: [1, x]}}\n"
    path = tmp_path / "a.answers.yaml"
    path.write_text(body, encoding="utf-8")
    code, _, err = cli("report", path, "--banks-dir", MINI_DIR)
    assert code != 0
    assert "a.answers.yaml:8:" in err and "a.answers.yaml:9:" in err


def test_a_workshop_file_passes_the_answers_schema(tmp_path: Path, mini) -> None:  # type: ignore[no-untyped-def]
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = Path(__file__).parents[2] / "questions" / "schema" / "answers.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    data = json.loads(dump_answers(workshop_answers(mini), as_json=True))
    jsonschema.validate(data, schema)
    data["answers"]["c-one"]["votes"]["staff"].append("skipped")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_report_min_group_reaches_a_workshop_report(tmp_path, mini, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.answers.yaml"
    save_answers(path, workshop_answers(mini))
    args = ("report", path, "--banks-dir", MINI_DIR, "--format", "json")
    hidden_code, hidden, _ = cli(*args)
    shown_code, shown, _ = cli(*args, "--min-group", "2")
    assert hidden_code == shown_code == 0
    groups = json.dumps(json.loads(shown)["workshop"])
    assert "fewer than" not in groups and '"person"' in groups
    assert "fewer than 5 responses" in hidden


def test_batch_names_a_workshop_report_as_the_room_and_keeps_its_minimum(
    tmp_path, mini, cli
) -> None:  # type: ignore[no-untyped-def]
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    save_answers(inputs / "a.answers.yaml", workshop_answers(mini))
    args = ("batch", inputs, "-o", out, "--banks-dir", MINI_DIR, "--format", "json")
    code, _, _ = cli(*args, "--min-group", "2")
    assert code == 0
    (report,) = out.glob("acme-care-workshop-mini*.json")
    groups = json.dumps(json.loads(report.read_text(encoding="utf-8"))["workshop"])
    assert "fewer than" not in groups and '"person"' in groups
