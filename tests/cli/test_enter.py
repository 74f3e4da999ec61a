"""`coself enter` refuses what it cannot do in one line with exit 2, before any file is made."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ([], "coself: coself enter needs --bank ID (or --resume FILE)\n"),
        (["--verify", "--resume", "x.answers.yaml"], "coself: --verify checks finished forms; "
         "--resume carries on an unfinished one\n"),
        (["--bank", "voices", "--org", "Acme\u200bCare"], "coself: --org holds a character that "
         "does not show (U+200B ZERO WIDTH SPACE): type the name again\n"),
        (["--bank", "voices"], "coself: coself enter asks for each paper form's answers and "
         "needs a terminal; to score answers files, use: coself report FILE\n"),
    ],
)  # fmt: skip
def test_enter_refuses_in_one_line(cli, monkeypatch, tmp_path: Path, args, said) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("enter", *args)
    assert (code, out, err) == (2, "", said)
    assert list(tmp_path.iterdir()) == []


def test_enter_of_an_unknown_bank_is_a_usage_error(cli, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    code, _, err = cli("enter", "--bank", "no-such-bank")
    assert code == 2 and err.count("\n") == 1 and "no-such-bank" in err
