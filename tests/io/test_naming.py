"""Choosing a free report name costs the same however many files share a stem (issue 10,
item 15): each candidate name is tried at most once per process, yet two writers never
clobber each other's files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import coself.io.storage as storage


def _count_links(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    real = os.link

    def counted(*args: object, **kwargs: object) -> None:
        calls[0] += 1
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(storage.os, "link", counted)
    return calls


def test_many_files_with_one_stem_cost_one_try_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = _count_links(monkeypatch)
    names = [
        storage.create_new(tmp_path, "acme-care-staff", ".md", f"{n}\n", sync=False).name
        for n in range(1500)
    ]
    assert names[:3] == ["acme-care-staff.md", "acme-care-staff-2.md", "acme-care-staff-3.md"]
    assert len(set(names)) == 1500
    assert links[0] < 2 * 1500  # trying -2, -3, ... afresh each time made 1,125,750 tries


def test_names_taken_by_another_writer_are_skipped_not_overwritten(tmp_path: Path) -> None:
    first = storage.create_new(tmp_path, "beta", ".md", "mine 1\n", sync=False)
    storage.create_new(tmp_path, "beta", ".md", "mine 2\n", sync=False)
    for n in (3, 4):  # another process claims the next names meanwhile
        (tmp_path / f"beta-{n}.md").write_text("theirs\n", encoding="utf-8")
    third = storage.create_new(tmp_path, "beta", ".md", "mine 3\n", sync=False)
    assert (first.name, third.name) == ("beta.md", "beta-5.md")
    assert (tmp_path / "beta-3.md").read_text(encoding="utf-8") == "theirs\n"
    assert not list(tmp_path.glob(".*"))


def test_a_streamed_file_gets_a_free_name_too(tmp_path: Path) -> None:
    (tmp_path / "summary.md").write_text("an earlier run\n", encoding="utf-8")
    with storage.NewFile(tmp_path, "summary", ".md") as out:
        out.write("this run\n")
        (temp,) = tmp_path.glob(".summary.*.tmp")
        assert f".{os.getpid()}." in temp.name  # pid-named, so a killed run's can be swept
    assert (tmp_path / "summary-2.md").read_text(encoding="utf-8") == "this run\n"
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == "an earlier run\n"


# --- Files that pair (issue 12, item 6) ------------------------------------------------------


def test_the_stem_names_organisation_perspective_bank_and_date(mini) -> None:  # type: ignore[no-untyped-def]
    from conftest import make_answers

    from coself.core.model import Perspective

    answers = make_answers(mini, {}, organisation="Caf\u00e9 & Co.", perspective=Perspective.CARER)
    assert storage.answers_stem(answers, "2026-11-26") == "cafe-co-carer-mini-2026-11-26"
    assert storage.stem_label(answers) == "carer"


def test_a_workshop_file_is_named_as_the_room(mini) -> None:  # type: ignore[no-untyped-def]
    from conftest import make_answers

    from coself.core.model import Perspective

    room = make_answers(mini, {}, organisation="Acme", perspective=Perspective.OTHER, workshop=True)
    assert storage.answers_stem(room, "2026-11-26") == "acme-workshop-mini-2026-11-26"


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("acme-staff-organisation-2026-11-26.answers.yaml", "acme-staff-organisation-2026-11-26"),
        ("acme-staff-mini-2026-11-26-2.answers.yaml", "acme-staff-mini-2026-11-26-2"),
        ("acme-2026-11-26-organisation.answers.yaml", "acme-2026-11-26-organisation"),  # old way
        ("acme-2026-11-26-organisation-2.answers.yaml", "acme-2026-11-26-organisation-2"),
        ("acme.answers.json", "acme"),
        ("acme.yaml", "acme"),
        ("acme.yml", "acme"),
        ("acme.json", "acme"),
        ("v1.2.answers.yaml", "v1.2"),
        ("acme", "acme"),
    ],
)  # fmt: skip
def test_a_report_takes_its_answers_files_stem(name: str, stem: str) -> None:
    assert storage.report_stem(Path("some/folder") / name) == stem


def test_a_later_report_of_one_file_never_takes_the_next_files_number(tmp_path: Path) -> None:
    first = tmp_path / "acme-staff-mini-2026-11-26.answers.yaml"
    second = tmp_path / "acme-staff-mini-2026-11-26-2.answers.yaml"
    names = [storage.create_report(tmp_path, path, ".md", "r\n").name for path in (first, first)]
    names.append(storage.create_report(tmp_path, second, ".md", "r\n").name)
    names.append(storage.create_report(tmp_path, first, ".md", "r\n").name)
    assert names == [
        "acme-staff-mini-2026-11-26.md",
        "acme-staff-mini-2026-11-26.report-2.md",  # not -2.md: that is the second file's
        "acme-staff-mini-2026-11-26-2.md",
        "acme-staff-mini-2026-11-26.report-3.md",
    ]


def test_later_reports_cost_one_try_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    links = _count_links(monkeypatch)
    answers = tmp_path / "acme.answers.yaml"
    names = [storage.create_report(tmp_path, answers, ".md", "r\n").name for _ in range(300)]
    assert names[-1] == "acme.report-300.md" and len(set(names)) == 300
    assert links[0] < 2 * 300


@pytest.mark.parametrize(
    ("name", "beside"),
    [
        ("acme-staff-mini-2026-11-26.answers.yaml", "acme-staff-mini-2026-11-26-2.answers.yaml"),
        ("acme.answers.json", "acme-2.answers.json"),  # not acme.answers-2.json
        ("acme.json", "acme-2.json"),
        ("acme.yml", "acme-2.yml"),
    ],
)
def test_answers_saved_beside_a_changed_file_pair_with_their_reports(
    tmp_path: Path, library, name: str, beside: str
) -> None:  # type: ignore[no-untyped-def]
    from coself.io.held import HeldAnswers

    path = tmp_path / name
    path.write_text(
        '{"format": 1, "bank": "mini", "organisation": "Acme", "perspective": "staff", '
        '"answers": {"c-one": 3}}',
        encoding="utf-8",
    )
    held, answers, _, _ = HeldAnswers.resume(path, library.find)
    with held:
        saved = held.save_beside(answers)
    assert saved == tmp_path / beside
    assert storage.report_stem(saved) + ".md" == beside.split(".")[0] + ".md"
