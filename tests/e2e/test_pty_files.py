"""The installed `coself assess` in a pseudo-terminal names files that pair (issue 12, item 6):
two runs the same day, then the FIRST resumed and finished: its report takes its name."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import MINI_DIR

COSELF = shutil.which("coself") or str(Path(sys.executable).parent / "coself")
pytestmark = pytest.mark.skipif(not os.path.exists(COSELF), reason="coself is not installed")
EVERY_ANSWER = (
    "answers:\n  c-one: 3\n  c-two: na\n  c-three: dont_know\n  r-one: 1\n  r-two: 4\n"
    "  flag-late: no\n  ladder-design: co-design\n"
)


def run(args: list[str], cwd: Path, then: list[tuple[str, str]]) -> str:
    """Run coself, answering each prompt (text to wait for, line to send); its whole output."""
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm", "NO_COLOR": "1"}
    child = pexpect.spawn(
        COSELF, args, cwd=str(cwd), env=env, encoding="utf-8", timeout=30, dimensions=(40, 100)
    )
    seen = []
    for prompt, line in then:
        child.expect_exact(prompt)
        seen.append((child.before or "") + prompt)
        child.sendline(line)
    child.expect(pexpect.EOF)
    seen.append(child.before or "")
    child.close()
    assert child.exitstatus == 0, "".join(seen)
    return " ".join("".join(seen).split())


def test_the_first_of_two_same_day_files_resumed_gets_its_own_report_name(tmp_path: Path) -> None:
    start = ["assess", "--bank", "mini", "--org", "Acme Care", "--perspective", "staff",
             "--reports-dir", "out", "--banks-dir", str(MINI_DIR)]  # fmt: skip
    for _ in range(2):  # two runs on one day, each saved and quit at the first question
        run(start, tmp_path, [("Your answer: ", "q")])
    stem = f"acme-care-staff-mini-{dt.date.today().isoformat()}"
    out = tmp_path / "out"
    first, second = out / f"{stem}.answers.yaml", out / f"{stem}-2.answers.yaml"
    assert {p.name for p in out.iterdir()} == {first.name, second.name}
    text = first.read_text(encoding="utf-8")  # every question answered by hand meanwhile
    first.write_text(text[: text.index("answers:")] + EVERY_ANSWER, encoding="utf-8")

    resume = ["assess", "--resume", str(first), "--banks-dir", str(MINI_DIR)]
    said = run(resume, tmp_path, [("Enter to finish", "")])
    assert f"Markdown report saved in {out / stem}.md" in said, said
    said = run(resume, tmp_path, [("Enter to finish", "")])  # finished again: a later report
    assert f"Markdown report saved in {out / stem}.report-2.md" in said, said
    assert not (out / f"{stem}-2.md").exists()  # the second file's report name stays free
