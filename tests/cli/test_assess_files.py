"""`coself assess` and `template` in-process: what they write reads back, resumed files keep their
format and every answer, a hand edit is never written over, a full disk loses nothing."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import signal
from pathlib import Path

import pytest
from conftest import MINI_DIR
from terminal import type_into

from coself.io.banks import load_library
from coself.io.storage import load_answers

QUIT = "q"
START = ["assess", "--bank", "mini", "--perspective", "staff", "--banks-dir", MINI_DIR]
RESUME_LINE = re.compile(r"To carry on, run this command:\n  (coself assess .*--resume (\S+))\n")


def read_back(path: Path, dirs: list[Path] | None = None):  # type: ignore[no-untyped-def]
    answers, _, _ = load_answers(path, load_library(dirs or [MINI_DIR]).find)
    return answers


def only_file(folder: Path, pattern: str = "*.answers.yaml") -> Path:
    (path,) = folder.glob(pattern)
    return path


@pytest.mark.parametrize("name", ["1e5", "2E3", "1.5e3", "1e999", "true", "null", "~",
                                  "2026-01-01", "0x10", ".inf", "a # b", "a: b", "- x",
                                  "'q'", "Caf\u00e9"])  # fmt: skip
def test_names_and_notes_coself_accepts_read_back(
    cli, monkeypatch, tmp_path: Path, name: str
) -> None:  # type: ignore[no-untyped-def]
    type_into(monkeypatch, [f"3 {name}", QUIT])  # the note on the answer's line
    code, _, err = cli(*START, "--org", name, "--respondent", name, "--reports-dir", tmp_path)
    assert code == 0, err
    answers = read_back(only_file(tmp_path))
    assert (answers.organisation, answers.respondent) == (name, name)
    assert answers.answers["c-one"].note == name

    template = tmp_path / "t.yaml"
    code, _, err = cli("template", "--bank", "mini", "--org", name, "--perspective", "staff",
                       "-o", template, "--banks-dir", MINI_DIR)  # fmt: skip
    assert code == 0, err
    assert read_back(template).organisation == name


@pytest.mark.parametrize("blank", ["", "   ", "\t", "\u00a0"])
@pytest.mark.parametrize("flag", ["--org", "--respondent"])
def test_a_blank_name_is_refused_at_the_option(
    cli, monkeypatch, tmp_path: Path, blank: str, flag: str
) -> None:  # type: ignore[no-untyped-def]
    type_into(monkeypatch, ["3", "", QUIT])
    org = [] if flag == "--org" else ["--org", "Acme"]
    code, _, err = cli(*START, *org, flag, blank, "--reports-dir", tmp_path)
    assert code == 2 and f"{flag} is blank" in err, err
    assert not list(tmp_path.iterdir())
    if flag == "--org":
        code, _, err = cli("template", "--bank", "mini", "--org", blank, "--banks-dir", MINI_DIR)
        assert code == 2 and "--org is blank" in err, err


def test_a_blank_organisation_at_the_prompt_is_asked_again(
    cli, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    type_into(monkeypatch, ["   ", "1e5", QUIT])
    code, _, err = cli(*START, "--reports-dir", tmp_path)
    assert code == 0 and "Please type the organisation's name." in err, err
    assert read_back(only_file(tmp_path)).organisation == "1e5"


def test_resuming_a_json_file_keeps_it_json(cli, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "acme.json"
    data = {"format": 1, "bank": "mini", "bank_version": "1.0.0", "organisation": "1e5",
            "perspective": "staff", "answers": {"c-one": 3}}  # fmt: skip
    path.write_text(json.dumps(data), encoding="utf-8")
    type_into(monkeypatch, ["2 a note: \u00e9", QUIT])
    code, _, err = cli("assess", "--resume", path, "--banks-dir", MINI_DIR)
    assert code == 0, err
    saved = json.loads(path.read_text(encoding="utf-8"))  # still JSON
    assert saved["organisation"] == "1e5"
    assert saved["answers"] == {"c-one": 3, "c-two": {"answer": 2, "note": "a note: \u00e9"}}
    assert read_back(path).answers["c-two"].note == "a note: \u00e9"


def second_version(tmp_path: Path) -> Path:
    """Version 1.1.0 of the mini bank, without the question c-three, alone in a folder."""
    text = (MINI_DIR / "mini.yaml").read_text(encoding="utf-8")
    start, end = text.index("  - id: c-three"), text.index("  - id: r-one")
    folder = tmp_path / "banks-v2"
    folder.mkdir()
    newer = text[:start] + text[end:]
    (folder / "mini.yaml").write_text(newer.replace('"1.0.0"', '"1.1.0"'), encoding="utf-8")
    return folder


OLD = (
    'format: 1\nbank: mini\nbank_version: "1.0.0"\norganisation: Acme\nperspective: staff\n'
    "answers:\n  c-one: 3\n"
)


def test_resuming_with_a_newer_bank_keeps_answers_it_no_longer_asks(
    cli, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    banks = second_version(tmp_path)
    path = tmp_path / "old.answers.yaml"
    path.write_text(OLD + "  c-three:\n    answer: 1\n    note: '1e5'\n", encoding="utf-8")
    type_into(monkeypatch, ["2", QUIT])
    code, _, err = cli("assess", "--resume", path, "--banks-dir", banks)
    assert code == 0, err
    assert "Kept as they are" in err and "c-three" in err
    text = path.read_text(encoding="utf-8")
    assert "  c-three:\n    answer: 1\n    note: '1e5'\n" in text  # carried through unchanged
    old = read_back(path, [MINI_DIR])  # read with the version it names: every answer is there
    assert old.bank_version == "1.0.0"
    assert {k: (v.value, v.note) for k, v in old.answers.items()} == {
        "c-one": (3, None),
        "c-two": (2, None),
        "c-three": (1, "1e5"),
    }
    code, _, err = cli("report", path, "--banks-dir", banks)  # and with the newer one: a warning
    assert code == 0 and "questions no longer in the bank: c-three" in err, err


def test_resuming_with_a_newer_bank_that_has_every_question_moves_the_file_on(
    cli, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    banks = second_version(tmp_path)
    path = tmp_path / "old.answers.yaml"
    path.write_text(OLD, encoding="utf-8")
    type_into(monkeypatch, ["2", QUIT])
    code, _, err = cli("assess", "--resume", path, "--banks-dir", banks)
    assert code == 0, err
    newer = read_back(path, [banks])
    assert newer.bank_version == "1.1.0" and set(newer.answers) == {"c-one", "c-two"}
    code, _, err = cli("report", path, "--banks-dir", banks)
    assert code == 0 and "warning" not in err, err


def test_a_hand_edit_during_a_session_is_never_written_over(
    cli, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "acme.answers.yaml"
    path.write_text(OLD, encoding="utf-8")
    edited = OLD.replace("organisation: Acme", "organisation: Acme Care Ltd")

    def edit_by_hand() -> None:
        path.write_text(edited, encoding="utf-8")

    type_into(monkeypatch, ["2", edit_by_hand, "1", QUIT])
    code, _, err = cli("assess", "--resume", path, "--banks-dir", MINI_DIR)
    assert code == 1, err
    assert path.read_text(encoding="utf-8") == edited  # the edit is kept
    found = RESUME_LINE.search(err)
    assert found, err
    beside = Path(found.group(2))
    assert beside == tmp_path / "acme-2.answers.yaml"
    assert f"coself: {path}: changed on disk since this session last saved it" in err
    assert str(beside) in err.strip().splitlines()[-1]
    kept = read_back(beside)  # the session's answers, every one of them
    assert {k: v.value for k, v in kept.answers.items()} == {"c-one": 3, "c-two": 2, "c-three": 1}


def test_a_file_another_session_holds_is_refused(cli, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "acme.answers.yaml"
    path.write_text(OLD, encoding="utf-8")
    with open(path, "rb") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        type_into(monkeypatch, ["0", QUIT])
        code, _, err = cli("assess", "--resume", path, "--banks-dir", MINI_DIR)
    assert code == 1 and "another coself session is answering into this file" in err, err
    assert path.read_text(encoding="utf-8") == OLD
    assert sorted(os.listdir(tmp_path)) == ["acme.answers.yaml"]  # no lock file left behind


@pytest.mark.parametrize("at", ["organisation", "perspective"])
def test_end_of_input_at_the_first_prompts_stops_with_130(
    cli, monkeypatch, tmp_path: Path, at: str
) -> None:  # type: ignore[no-untyped-def]
    type_into(monkeypatch, [] if at == "organisation" else ["Acme"])
    start = ["assess", "--bank", "mini", "--banks-dir", MINI_DIR, "--reports-dir", tmp_path]
    code, _, err = cli(*start)
    assert code == 130, err
    assert "Aborted" not in err and "Nothing was saved yet" in err
    assert not tmp_path.exists() or not list(tmp_path.iterdir())


def test_a_full_disk_during_a_session_keeps_what_was_confirmed(
    cli, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    real_fsync = os.fsync
    saves = []

    def fsync(handle: int) -> None:
        saves.append(handle)
        if len(saves) > 2:  # the new file, the first answer; then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", fsync)
    type_into(monkeypatch, ["3", "2", QUIT])
    code, _, err = cli(*START, "--org", "Acme", "--reports-dir", tmp_path)
    assert code == 73, err
    path = only_file(tmp_path)
    assert f"The answers confirmed so far are safe in {path}" in " ".join(err.split())
    found = RESUME_LINE.search(err)
    assert found and found.group(2) == str(path), err
    assert err.strip().splitlines()[-1] == f"coself: {path}: cannot write: the disk is full"
    assert {k: v.value for k, v in read_back(path).answers.items()} == {"c-one": 3}
    assert os.listdir(tmp_path) == [path.name]  # no temporary file left behind


@pytest.mark.parametrize("first", ["end of input", "SIGTERM", "SIGHUP", "SIGINT"])
@pytest.mark.parametrize("second", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_during_the_final_save_is_ignored(
    cli, monkeypatch, tmp_path: Path, first: str, second: str
) -> None:  # type: ignore[no-untyped-def]
    """The second of two stops comes while the answers are being saved: the save completes,
    the resume command is printed, the exit code is 130."""
    path = tmp_path / "acme.answers.yaml"
    path.write_text(OLD, encoding="utf-8")
    stopping = []
    real_fsync = os.fsync

    def fsync(handle: int) -> None:
        if stopping:
            os.kill(os.getpid(), getattr(signal, second))
        real_fsync(handle)

    def stop() -> None:
        stopping.append(True)
        if first != "end of input":
            os.kill(os.getpid(), getattr(signal, first))

    monkeypatch.setattr(os, "fsync", fsync)
    type_into(monkeypatch, ["2", stop])
    code, _, err = cli("assess", "--resume", path, "--banks-dir", MINI_DIR)
    assert code == 130, err
    assert RESUME_LINE.search(err) and "Traceback" not in err, err
    assert {k: v.value for k, v in read_back(path).answers.items()} == {"c-one": 3, "c-two": 2}
    assert os.listdir(tmp_path) == [path.name]


# --- Files that pair (issue 12, item 6) ------------------------------------------------------

EVERY_ANSWER = (
    "answers:\n  c-one: 3\n  c-two: na\n  c-three: dont_know\n  r-one: 1\n  r-two: 4\n"
    "  flag-late: no\n  ladder-design: co-design\n"
)


def answer_everything(path: Path) -> None:
    """Fill in every question of the file by hand, between sessions."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("answers:")] + EVERY_ANSWER, encoding="utf-8")


def finish(cli, monkeypatch, path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Resume a fully answered file and finish at the review; the report it saved."""
    type_into(monkeypatch, [""])  # Enter at the review finishes
    code, _, err = cli("assess", "--resume", path, "--banks-dir", MINI_DIR)
    assert code == 0, err
    found = re.search(r"Markdown report saved in (\S+)", " ".join(err.split()))
    assert found, err
    return Path(found.group(1))


def test_resuming_the_first_of_two_same_day_files_pairs_its_report_with_it(
    cli, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("coself.app.today", lambda: "2026-11-26")
    for _ in range(2):  # two runs the same day, each quit after one answer
        type_into(monkeypatch, ["3", "", QUIT])
        code, _, err = cli(*START, "--org", "Acme Care", "--reports-dir", tmp_path)
        assert code == 0, err
    stem = "acme-care-staff-mini-2026-11-26"
    first, second = tmp_path / f"{stem}.answers.yaml", tmp_path / f"{stem}-2.answers.yaml"
    assert set(tmp_path.iterdir()) == {first, second}
    answer_everything(first)
    assert finish(cli, monkeypatch, first) == tmp_path / f"{stem}.md"
    # Finished again (after a change, say): a new report, named after the first file still,
    # never `-2.md`, the name of the second file's report.
    assert finish(cli, monkeypatch, first) == tmp_path / f"{stem}.report-2.md"
    answer_everything(second)
    assert finish(cli, monkeypatch, second) == tmp_path / f"{stem}-2.md"
    assert read_back(first).status.value == "complete"


@pytest.mark.parametrize(
    ("name", "report"),
    [
        ("acme-2026-11-26-mini.answers.yaml", "acme-2026-11-26-mini.md"),  # named the old way
        ("acme-2026-11-26-mini-2.answers.yaml", "acme-2026-11-26-mini-2.md"),
        ("acme.answers.json", "acme.md"),
    ],
)
def test_files_named_the_old_way_still_resume_and_pair(
    cli, monkeypatch, tmp_path: Path, name: str, report: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(OLD, encoding="utf-8")
    answer_everything(path)
    if name.endswith(".json"):  # the same answers, as JSON
        path.write_text(json.dumps(read_back_data(path)), encoding="utf-8")
    (tmp_path / "acme-2026-11-26-mini-3.md").write_text("another file's report\n", "utf-8")
    assert finish(cli, monkeypatch, path) == tmp_path / report


def read_back_data(path: Path) -> dict[str, object]:
    from coself.io.yamlsafe import parse

    return parse(path.read_text(encoding="utf-8"), str(path))  # type: ignore[no-any-return]


def test_a_session_finished_with_a_question_skipped_is_saved_partial(
    cli, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "acme.answers.yaml"
    path.write_text(OLD, encoding="utf-8")
    answer_everything(path)
    path.write_text(path.read_text("utf-8").replace("  ladder-design: co-design\n", ""), "utf-8")
    type_into(monkeypatch, ["s", ""])  # skip the one question left, then finish
    code, _, err = cli("assess", "--resume", path, "--banks-dir", MINI_DIR)
    assert code == 0, err
    assert "status: partial\n" in path.read_text(encoding="utf-8")  # not `complete`
    report = (tmp_path / "acme.md").read_text(encoding="utf-8")
    assert "| Status | partial |" in report, report
    code, out, err = cli("report", path, "--format", "json", "--banks-dir", MINI_DIR)
    assert code == 0 and "warning" not in err, err  # what the file says is what is found
    assert json.loads(out)["status"] == "partial"
