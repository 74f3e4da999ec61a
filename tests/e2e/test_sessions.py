"""The installed `coself assess` in pseudo-terminals: one session per answers file, hand edits
never written over, signals in quick succession, end of input at the first prompts."""

from __future__ import annotations

import os
import re
import signal
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import MINI_DIR

from coself.io.banks import load_library
from coself.io.storage import load_answers

COSELF = str(Path(sys.executable).parent / "coself")
pytestmark = pytest.mark.skipif(not os.path.exists(COSELF), reason="coself is not installed")
SAVED = (
    'format: 1\nbank: mini\nbank_version: "1.0.0"\norganisation: Acme\nperspective: staff\n'
    "status: partial\nanswers:\n  c-one: 3\n"
)


def spawn(*args: object, cwd: Path) -> pexpect.spawn:
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm", "NO_COLOR": "1"}
    return pexpect.spawn(
        COSELF,
        [*map(str, args), "--banks-dir", str(MINI_DIR)],
        cwd=str(cwd),  # not the checkout: the installed coself
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )


def answer(child: pexpect.spawn, value: str) -> None:
    child.expect_exact("Your answer: ")
    child.sendline(value)
    child.expect_exact("Saved: ")  # said once the answer is on disk


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return str(child.before)


def values(path: Path) -> dict[str, object]:
    answers, _, _ = load_answers(path, load_library([MINI_DIR]).find)
    return {k: v.value for k, v in answers.answers.items()}


def test_a_second_session_on_the_same_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "acme.answers.yaml"
    path.write_text(SAVED, encoding="utf-8")
    first = spawn("assess", "--resume", path, cwd=tmp_path)
    answer(first, "2")  # c-two

    second = spawn("assess", "--resume", path, cwd=tmp_path)
    said = finish(second)
    assert second.exitstatus == 1, said
    assert "another coself session is answering into this file" in said
    assert "Traceback" not in said and "Your answer" not in said

    answer(first, "1")  # c-three: the first session carries on, its answers all kept
    first.expect_exact("Your answer: ")
    first.sendline("q")
    said = finish(first)
    assert first.exitstatus == 0, said
    assert values(path) == {"c-one": 3, "c-two": 2, "c-three": 1}
    assert sorted(os.listdir(tmp_path)) == ["acme.answers.yaml"]  # no lock or temporary file

    again = spawn("assess", "--resume", path, cwd=tmp_path)  # once it ended, the file is free
    again.expect_exact("Question 4 of 7:")
    again.sendline("q")
    finish(again)
    assert again.exitstatus == 0


def test_a_hand_edit_during_a_session_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "acme.answers.yaml"
    path.write_text(SAVED, encoding="utf-8")
    child = spawn("assess", "--resume", path, cwd=tmp_path)
    answer(child, "2")
    edited = path.read_text(encoding="utf-8").replace("Acme", "Acme Care Ltd")
    path.write_text(edited, encoding="utf-8")  # someone fixes the name in an editor
    child.expect_exact("Your answer: ")
    child.sendline("1")
    said = finish(child)
    assert child.exitstatus == 1, said
    assert path.read_text(encoding="utf-8") == edited
    flat = " ".join(said.split())
    assert "changed on disk since this session last saved it" in flat
    beside = tmp_path / "acme-2.answers.yaml"
    assert f"coself assess --resume {beside} --banks-dir" in flat or (f"--resume {beside}" in flat)
    assert values(beside) == {"c-one": 3, "c-two": 2, "c-three": 1}


@pytest.mark.parametrize(
    "signals",
    [
        ("SIGTERM", "SIGTERM"),
        ("SIGHUP", "SIGTERM"),
        ("SIGTERM", "SIGINT"),
        ("SIGINT", "SIGINT"),
        ("SIGTERM", "SIGHUP", "SIGINT", "SIGTERM"),
    ],
)
@pytest.mark.parametrize("at", ["question", "note"])
def test_signals_in_quick_succession_still_save_and_exit_130(
    tmp_path: Path, signals: tuple[str, ...], at: str
) -> None:
    path = tmp_path / "acme.answers.yaml"
    path.write_text(SAVED, encoding="utf-8")
    child = spawn("assess", "--resume", path, cwd=tmp_path)
    answer(child, "2")
    child.expect_exact("Your answer: ")
    if at == "note":  # stop while a note to the third answer is asked: it is on disk already
        child.sendline("1")
        child.expect_exact("Saved: 1")
        child.expect_exact("Your answer: ")
        child.sendline("+")
        child.expect_exact("(press Enter to leave it out): ")
    for name in signals:
        os.kill(child.pid, getattr(signal, name))
    said = finish(child)
    assert child.exitstatus == 130, said
    assert "Traceback" not in said and "Error" not in said
    assert re.search(r"To carry on, run this command:\r?\n  coself assess .*--resume", said)
    expected = {"c-one": 3, "c-two": 2} | ({"c-three": 1} if at == "note" else {})
    assert values(path) == expected
    assert sorted(os.listdir(tmp_path)) == ["acme.answers.yaml"]


@pytest.mark.parametrize("at", ["Organisation name: ", "Type a number from 1 to 5: "])
def test_end_of_input_at_the_first_prompts_exits_130(tmp_path: Path, at: str) -> None:
    child = spawn("assess", "--bank", "mini", "--reports-dir", tmp_path / "out", cwd=tmp_path)
    if at != "Organisation name: ":
        child.expect_exact("Organisation name: ")
        child.sendline("Acme")
    child.expect_exact(at)
    child.sendeof()
    said = finish(child)
    assert child.exitstatus == 130, said
    assert "Aborted" not in said and "Stopped. Nothing was saved yet." in said
    assert not (tmp_path / "out").exists()
