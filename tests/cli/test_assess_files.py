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
