"""Shared fixtures: the shipped library, the small test bank, and answers built in code."""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType

import pytest

from coself.core.model import Answer, Answers, Bank, Perspective, Special, Status
from coself.io.banks import Library, load_library

DATA = Path(__file__).parent / "data"
MINI_DIR = DATA / "banks"

# Reports in tests are plain and of a fixed width, whatever terminal runs them.
os.environ["COLUMNS"] = "100"
os.environ.pop("COSELF_BANKS_DIR", None)


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library([MINI_DIR])


@pytest.fixture(scope="session")
def mini(library: Library) -> Bank:
    return library.get("mini")


def make_answers(
    bank: Bank,
    values: dict[str, object],
    organisation: str = "Acme Care",
    perspective: Perspective = Perspective.STAFF,
    **extra: object,
) -> Answers:
    """Answers from question id -> value (an int, 'yes', a rung id, 'na' or 'dont_know')."""
    specials = {s.value: s for s in Special}
    given = {}
    for qid, value in values.items():
        if isinstance(value, Answer):
            given[qid] = value
        else:
            given[qid] = Answer(specials.get(value, value) if isinstance(value, str) else value)
    return Answers(
        bank.id,
        bank.version,
        organisation,
        perspective,
        MappingProxyType(given),
        "2026-11-26T10:00:00+00:00",
        "2026-11-26T10:30:00+00:00",
        Status.COMPLETE,
        **extra,
    )  # type: ignore[arg-type]


def run_cli(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    """Run `coself ARGS` in-process through the real entry point; return (exit code, out, err)."""
    import sys

    from coself.cli import main

    monkeypatch.setattr(sys, "argv", ["coself", *args])
    code = 0
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return lambda *args: run_cli([str(a) for a in args], capsys, monkeypatch)
