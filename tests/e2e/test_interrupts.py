"""Interruptions lose nothing: signals at random points during `coself assess`, a write killed
half-way, and two batches writing into one folder at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pexpect
import pytest
from conftest import MINI_DIR
from markdown_check import check_markdown

from coself.io.banks import load_library
from coself.io.storage import load_answers

COSELF = str(Path(sys.executable).parent / "coself")
installed = pytest.mark.skipif(not os.path.exists(COSELF), reason="coself is not installed")
CHOICES = {  # in the order asked: section by section
    "c-one": "3",
    "c-two": "na",
    "c-three": "d",
    "flag-late": "no",
    "r-one": "1",
    "r-two": "4",
    "ladder-design": "5",
}
QUESTIONS = list(CHOICES)


def saved_answers(folder: Path) -> dict[str, object]:
    (path,) = folder.glob("*.answers.yaml")
    answers, _, _ = load_answers(path, load_library([MINI_DIR]).find)
    return {k: v.value for k, v in answers.answers.items()}


@installed
@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM", "SIGKILL"])
def test_every_confirmed_answer_survives_a_signal(tmp_path: Path, how: str, seed: int) -> None:
    rng = random.Random(f"{how}-{seed}")
    confirmed = rng.randint(0, len(QUESTIONS) - 1)
    at_note = rng.random() < 0.5  # stop as the answer is said back, before the next question
    child = pexpect.spawn(
        COSELF,
        [
            "assess",
            "--bank",
            "mini",
            "--org",
            "Acme",
            "--perspective",
            "staff",
            "--reports-dir",
            str(tmp_path),
            "--banks-dir",
            str(MINI_DIR),
        ],
        encoding="utf-8",
        timeout=20,
        env={**os.environ, "NO_COLOR": "1"},
    )
    for index in range(confirmed + (1 if at_note else 0)):
        child.expect_exact("Your answer: ")
        child.sendline(CHOICES[QUESTIONS[index]])
        child.expect_exact("Saved: ")  # said only after the answer is on disk
    if not at_note:
        child.expect_exact("Your answer: ")
    expected = confirmed + (1 if at_note else 0)
    child.kill(getattr(signal, how))
    child.expect(pexpect.EOF)
    child.close()
    if how == "SIGKILL":
        assert child.signalstatus == signal.SIGKILL
    else:
        assert child.exitstatus == 130
        assert "coself assess --banks-dir" in child.before and "--resume" in child.before
    answers = saved_answers(tmp_path)
    assert sorted(answers) == sorted(QUESTIONS[:expected])  # the file keeps the bank's order
    if how != "SIGKILL":  # a clean stop leaves no temporary file behind
        assert not list(tmp_path.glob(".*.tmp"))


WRITER = textwrap.dedent("""
    import sys
    from types import MappingProxyType
    from coself.core.model import Answer, Answers, Perspective
    from coself.io.storage import save_answers
    from pathlib import Path
    path = Path(sys.argv[1])
    notes = ["a" * 200_000, "b" * 300_000]
    n = 0
    while True:
        n += 1
        note = notes[n % 2]
        save_answers(path, Answers("mini", "1.0.0", "Acme", Perspective.STAFF,
                                   MappingProxyType({"c-one": Answer(n % 5, note=note)})))
        if n == 1:  # only once a first version is whole on disk may the kill come
            print("ready", flush=True)
""")


@pytest.mark.parametrize("seed", range(5))
def test_a_killed_write_leaves_the_previous_version_whole(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "x.answers.yaml"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    time.sleep(0.05 + random.Random(seed).random() * 0.4)
    writer.send_signal(signal.SIGKILL)
    writer.communicate()
    answers, _, _ = load_answers(path, load_library([MINI_DIR]).find)
    note = answers.answers["c-one"].note
    assert note in ("a" * 200_000, "b" * 300_000)  # one whole version, never a torn one


def test_two_batches_into_one_folder_never_overwrite(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(90):
        (folder / f"f{n:03}.yaml").write_text(
            f"format: 1\nbank: mini\norganisation: Org {n:03}\nperspective: staff\n"
            f"answers:\n  c-one: {n % 5}\n",
            encoding="utf-8",
        )
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "coself",
        "batch",
        str(folder),
        "-o",
        str(out),
        "--banks-dir",
        str(MINI_DIR),
        "--format",
        "markdown",
    ]
    runs = [
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for run in runs:
        _, err = run.communicate()
        assert run.returncode == 0, err
    reports = sorted(p.name for p in out.glob("org-*.md"))
    assert len(reports) == 180  # every report of both runs is there: none overwrote another
    for n in range(90):
        first = out / f"org-{n:03}-staff-mini.md"
        second = out / f"org-{n:03}-staff-mini-2.md"
        for report in (first, second):
            text = report.read_text(encoding="utf-8")
            assert f"# Co-production self-assessment: Org {n:03}" in text
            if n % 30 == 0:
                check_markdown(text)
    for summary in out.glob("summary*.md"):
        check_markdown(summary.read_text(encoding="utf-8"), min_tables=1)
    assert len(list(out.glob("summary*.md"))) == 2
    assert not list(out.glob(".*"))
