"""One input must never stop a batch (issue 10, item 7): whatever goes wrong with one file,
even a fault in coself itself, is that file's failure, listed with its place; the others are
still processed, the summary is still written, and the batch exits 1. Also: the batch's own
store refuses bad data with coself's errors, never an assert."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import MINI_DIR

import coself.batch.engine as engine
from coself.batch.store import from_payload, to_payload
from coself.core.scoring import score
from coself.errors import CoselfError
from coself.io.banks import load_library

ANSWERS = "format: 1\nbank: mini\norganisation: {org}\nperspective: {who}\nanswers:\n  c-one: 3\n"


def _folder(tmp_path: Path, organisations: list[str], who: str = "staff") -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, org in enumerate(organisations):
        text = ANSWERS.format(org=json.dumps(org), who=who)
        (folder / f"f{n:03}.yaml").write_text(text, encoding="utf-8")
    return folder


def _batch(cli, folder: Path | list[Path], out: Path):  # type: ignore[no-untyped-def]
    summary = out.parent / "summary.csv"
    inputs = folder if isinstance(folder, list) else [folder]
    code, stdout, err = cli(
        "batch", *inputs, "-o", out, "--summary", summary, "--banks-dir", MINI_DIR, "--plain"
    )
    rows = list(csv.DictReader(io.StringIO(summary.read_text(encoding="utf-8"))))
    return code, err, rows


@pytest.mark.parametrize("files", [5, 70], ids=["in-process", "worker-processes"])
def test_a_fault_met_by_one_file_is_that_files_failure(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: int
) -> None:
    real = engine.render

    def fragile(kind, fmt, result, meta):  # type: ignore[no-untyped-def]
        if result.answers.organisation == "Org 003":
            raise OverflowError("int too large to convert to float")
        return real(kind, fmt, result, meta)

    monkeypatch.setattr(engine, "render", fragile)  # forked workers inherit it
    folder = _folder(tmp_path, [f"Org {n:03}" for n in range(files)])
    code, err, rows = _batch(cli, folder, tmp_path / "out")
    assert code == 1
    assert "Traceback" not in err
    broken = str(folder / "f003.yaml")
    assert f"{broken}: could not be processed (a fault in coself: OverflowError: int too" in err
    assert len(rows) == files - 1 and "Org 003" not in {r["organisation"] for r in rows}
    summary = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "## Files that could not be used" in summary and "f003.yaml" in summary


def test_names_differing_only_in_case_spacing_or_width_are_one_organisation(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path
) -> None:
    names = ["Acme Care", "ACME  care", " acme care ", "\uff21cme Care"]  # full-width A
    code, err, rows = _batch(cli, _folder(tmp_path, names), tmp_path / "out")
    assert code == 0, err
    assert "Traceback" not in err
    assert len(rows) == 4
    assert [p.name for p in (tmp_path / "out").glob("combined-*")] == ["combined-acme-care.md"]


def test_names_with_invisible_characters_are_each_files_failure(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path
) -> None:
    names = ["Acme Care", "Ac\u202eme Care", "Acme\u200b Care", "ACME  care\u2060"]
    folder = _folder(tmp_path, names)
    code, err, rows = _batch(cli, folder, tmp_path / "out")
    assert code == 1 and "Traceback" not in err
    assert len(rows) == 1  # the others are listed, with their place, and the batch went on
    for n in (1, 2, 3):
        assert f"{folder / f'f{n:03}.yaml'}:" in err and "does not show" in err


def test_a_combined_report_that_fails_is_listed_and_the_batch_goes_on(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> list[str]:
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(engine, "_combined_report", broken)
    code, err, rows = _batch(cli, _folder(tmp_path, ["Acme", "Acme", "Beta"]), tmp_path / "out")
    assert code == 1
    assert "Traceback" not in err
    assert "combined report for acme: could not be processed (a fault in coself: " in err
    assert len(rows) == 3
    assert (tmp_path / "out" / "summary.md").exists()


def test_the_store_refuses_a_bank_that_went_missing_with_a_coself_error(tmp_path: Path) -> None:
    library = load_library([MINI_DIR])
    mini = library.get("mini")
    from conftest import make_answers

    payload = to_payload(score(mini, make_answers(mini, {"c-one": 2})))
    assert from_payload(payload, library).bank is mini
    with pytest.raises(CoselfError, match="bank mini"):
        from_payload(payload, load_library([]))


def test_a_combined_report_from_the_store_equals_one_from_the_results(library) -> None:  # type: ignore[no-untyped-def]
    """What the batch keeps per respondent is enough: combining it gives exactly the figures
    that combining the results themselves gives (as `coself report` does)."""
    from conftest import make_answers

    from coself.core.combine import Combiner, combine
    from coself.core.model import Perspective

    mini, voices = library.get("mini"), library.get("minivoices")
    results = [
        score(
            mini,
            make_answers(
                mini, {"c-one": n % 5, "c-two": "na", "r-one": 3, **extra}, perspective=who
            ),
        )
        for n, (who, extra) in enumerate(
            [
                (Perspective.STAFF, {"flag-late": "yes", "ladder-design": "informing"}),
                (Perspective.LEADERSHIP, {"c-three": "dont_know"}),
                (Perspective.STAFF, {"ladder-design": "co-design", "r-two": 1}),
            ]
        )
    ] + [
        score(
            voices,
            make_answers(voices, {"v-c1": 2, "v-flag": "yes"}, perspective=Perspective.CARER),
        )
    ]
    combiner = Combiner()
    for result in results:
        combiner.add(from_payload(to_payload(result), library))
    assert combiner.result() == combine(results)


def test_an_empty_folder_given_to_a_batch_is_named(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty"
    empty.mkdir()
    folder = _folder(tmp_path, ["Acme Care"])
    code, err, rows = _batch(cli, [folder, empty], tmp_path / "out")
    assert code == 1 and len(rows) == 1
    assert f"{empty}: holds no assessments: no answers files" in err
