"""Many voices: combined reports, perception gaps, the voices cap, privacy, comparison."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import MINI_DIR, make_answers
from markdown_check import check_markdown, texts

from coself.core.combine import combine
from coself.core.model import Answer, Perspective
from coself.core.scoring import score
from coself.render import Meta
from coself.render.json import render_combined as render_combined_json
from coself.render.markdown import render_combined as render_combined_markdown

ALL_FOUR = {"c-one": 4, "c-two": 4, "c-three": 4, "r-one": 4, "r-two": 4}


@pytest.fixture
def organisation(library):  # type: ignore[no-untyped-def]
    """Acme: two leaders, one staff member (mini bank); a person and a carer (minivoices)."""
    mini, voices = library.get("mini"), library.get("minivoices")
    return [
        score(
            mini,
            make_answers(
                mini,
                {**ALL_FOUR, "ladder-design": "co-production"},
                perspective=Perspective.LEADERSHIP,
                respondent="Lee Secret",
            ),
        ),
        score(
            mini,
            make_answers(
                mini, {**ALL_FOUR, "c-one": 2, "r-one": 2}, perspective=Perspective.LEADERSHIP
            ),
        ),
        score(
            mini, make_answers(mini, {**ALL_FOUR, "flag-late": "no"}, perspective=Perspective.STAFF)
        ),
        score(
            voices,
            make_answers(
                voices,
                {"v-c1": 1, "v-c2": 1, "v-r1": 0, "v-flag": "yes", "v-ladder": "informing"},
                perspective=Perspective.PERSON,
            ),
        ),
        score(
            voices,
            make_answers(
                voices,
                {"v-c1": 1, "v-c2": 1, "v-r1": 1},
                perspective=Perspective.CARER,
                organisation="  acme CARE ",
            ),
        ),
    ]


def _views(combined):  # type: ignore[no-untyped-def]
    return {v.perspective.value: v for v in combined.views}


def test_perspective_scores_are_the_mean_of_their_respondents(organisation) -> None:  # type: ignore[no-untyped-def]
    views = _views(combine(organisation, min_group=1))
    # leader 1: culture 100; leader 2: culture (1*.5 + 2*1 + 1) / 4 = 87.5 -> mean 93.75
    assert views["leadership"].respondents == 2
    assert views["leadership"].sections["culture"] == pytest.approx(93.75)
    assert views["leadership"].sections["review"] == pytest.approx(87.5)  # (100 + 75) / 2
    assert views["staff"].sections["culture"] == 100.0
    assert views["person"].sections["culture"] == 25.0
    assert views["carer"].sections["review"] == 25.0
    # culture-1 is asked in both banks: leadership (100 + 50) / 2, person 25
    assert views["leadership"].recommendations["culture-1"] == 75.0
    assert views["person"].recommendations["culture-1"] == 25.0


def test_each_perspective_counts_equally(organisation) -> None:  # type: ignore[no-untyped-def]
    combined = combine(organisation, min_group=1)
    culture, review = combined.sections
    # two leaders do not outweigh one carer: the mean of the four perspective scores
    assert culture.score == 60.9  # (93.75 + 100 + 25 + 25) / 4
    assert review.score == 53.1  # (87.5 + 100 + 0 + 25) / 4
    assert combined.overall.score == 55.7  # (60.9375 + 2 * 53.125) / 3, review weighs 2
    assert combined.respondents == 5


def test_people_who_draw_on_care_hold_the_stage_down(organisation) -> None:  # type: ignore[no-untyped-def]
    combined = combine(organisation, min_group=1)
    culture, review = combined.sections
    # 60.9 would be established; their own answers (25) give developing
    assert culture.stage.id == "developing"  # type: ignore[union-attr]
    assert review.stage.id == "starting"  # type: ignore[union-attr]  # theirs: (0 + 25) / 2
    assert combined.held_by_voices == ("culture", "review")
    report = render_combined_markdown(combined, Meta("2026-11-26"))
    assert "Nothing about us without us: the stage of Culture, Review is held" in report


def test_a_red_flag_caps_the_combined_stage(organisation) -> None:  # type: ignore[no-untyped-def]
    combined = combine(organisation, min_group=1)
    assert [(f.question.id, f.perspectives) for f in combined.red_flags] == [
        ("v-flag", (Perspective.PERSON,))
    ]
    assert combined.uncapped_stage.id == "established"  # type: ignore[union-attr]
    assert combined.overall.stage.id == "developing"  # type: ignore[union-attr]


def test_perception_gaps_largest_first_naming_who_is_more_positive(organisation) -> None:  # type: ignore[no-untyped-def]
    everything = combine(organisation, min_group=1).gaps
    # Mirrored questions lead, whatever their size; then the largest gaps first.
    mirrored = [g for g in everything if g.kind == "pair"]
    assert everything[: len(mirrored)] == tuple(mirrored) and [g.id for g in mirrored] == [
        "meaning"
    ]
    gaps = everything[len(mirrored) :]
    first = gaps[0]
    assert (first.kind, first.id, first.spread) == ("section", "review", 100.0)
    assert (first.high, first.low) == (Perspective.STAFF, Perspective.PERSON)
    large = [g for g in gaps if g.spread >= 20]
    assert gaps[: len(large)] == tuple(large)
    assert [g.spread for g in large] == sorted((g.spread for g in large), reverse=True)
    assert any(g.kind == "recommendation" and g.id == "culture-1" for g in gaps)
    raised = combine(organisation, min_group=1, gap_threshold=90)
    # review, and reciprocity and review-1, which rest on the same questions here
    assert [g.id for g in raised.gaps if g.spread >= 90 and g.kind != "pair"] == [
        "review",
        "reciprocity",
        "review-1",
    ]


def test_min_group_hides_small_perspectives_and_leaves_them_out(organisation) -> None:  # type: ignore[no-untyped-def]
    combined = combine(organisation, min_group=2)
    assert [v.perspective.value for v in combined.hidden] == ["staff", "person", "carer"]
    culture, review = combined.sections
    assert (culture.score, review.score) == (93.8, 87.5)  # leaders only
    assert combined.red_flags == () and combined.gaps == () and combined.held_by_voices == ()
    report = render_combined_markdown(combined, Meta("2026-11-26"))
    assert "fewer than 2 responses" in report
    data = json.loads(render_combined_json(combined, Meta("2026-11-26")))
    staff = next(p for p in data["perspectives"] if p["perspective"] == "staff")
    assert staff == {
        "perspective": "staff",
        "respondents": None,  # a count under the minimum is never given
        "shown": False,
        "note": "fewer than 2 responses",
    }


def test_ladder_spread_in_the_combined_report(organisation) -> None:  # type: ignore[no-untyped-def]
    combined = combine(organisation, min_group=1)
    groups = [(c.rung.id, c.perspective, c.count) for c in combined.ladder]
    assert groups == [
        ("co-production", Perspective.LEADERSHIP, 1),
        ("informing", Perspective.PERSON, 1),
    ]
    report = render_combined_markdown(combined, Meta("2026-11-26"))
    assert "0 doing to, 1 doing for, 1 doing with. Lowest rung 3, highest rung 7" in report


def test_combined_markdown_is_valid_and_keeps_names_out(organisation) -> None:  # type: ignore[no-untyped-def]
    hostile = "Acme | [red]Care[/] <b>x</b> \x1b[31m"
    results = [
        score(
            r.bank,
            make_answers(
                r.bank,
                {q: Answer(v.value, note="Private note") for q, v in r.answers.answers.items()},
                organisation=hostile,
                perspective=r.answers.perspective,
                respondent="Lee Secret",
            ),
        )
        for r in organisation
    ]
    report = render_combined_markdown(combine(results, min_group=1), Meta("2026-11-26"))
    tokens = check_markdown(report)
    assert (
        f"Co-production self-assessment, all perspectives: {hostile.replace(chr(27), '')}"
        in texts(tokens)
    )
    assert "Lee Secret" not in report and "Private note" not in report


def test_one_organisation_only(organisation, library) -> None:  # type: ignore[no-untyped-def]
    from coself.errors import UsageError

    mini = library.get("mini")
    other = score(mini, make_answers(mini, ALL_FOUR, organisation="Other Org"))
    with pytest.raises(UsageError, match="one organisation"):
        combine([*organisation, other])


def _write(
    folder: Path,
    name: str,
    bank: str,
    perspective: str,
    answers: str,
    version: str = "1.0.0",
    organisation: str = "Acme Care",
) -> Path:
    path = folder / name
    path.write_text(
        f'format: 1\nbank: {bank}\nbank_version: "{version}"\n'
        f"organisation: {organisation}\nperspective: {perspective}\n"
        f"respondent: Lee Secret\nanswers:\n{answers}",
        encoding="utf-8",
    )
    return path


def test_report_with_several_files_is_combined(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = _write(tmp_path, "a.yaml", "mini", "leadership", "  c-one: 4\n  r-one: 4\n")
    b = _write(tmp_path, "b.yaml", "minivoices", "carer", "  v-c1: 0\n  v-r1: 0\n")
    code, out, err = cli(
        "report", a, b, "--format", "json", "--banks-dir", MINI_DIR, "--min-group", "1"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["combined"] is True and "Lee Secret" not in out
    assert {s["id"]: s["score"] for s in data["sections"]} == {"culture": 50.0, "review": 50.0}
    assert [p["perspective"] for p in data["perspectives"]] == ["leadership", "carer"]
    assert data["gaps"][0]["gap"] == 100.0 and data["gaps"][0]["large"] is True
    code, out, _ = cli(
        "report", a, b, "--format", "markdown", "--banks-dir", MINI_DIR, "--min-group", "1"
    )
    assert code == 0
    check_markdown(out)
    code, out, _ = cli("report", a, b, "--banks-dir", MINI_DIR, "--min-group", "1", "--plain")
    assert code == 0 and "Perception gaps of 20 points or more: " in out


def test_batch_writes_a_combined_report_per_organisation(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "a.yaml", "mini", "leadership", "  c-one: 4\n")
    _write(folder, "b.yaml", "minivoices", "person", "  v-c1: 1\n")
    _write(folder, "c.yaml", "mini", "staff", "  c-one: 2\n", organisation="Solo Ltd")
    out = tmp_path / "out"
    code, _, err = cli(
        "batch", folder, "-o", out, "--format", "markdown,json", "--banks-dir", MINI_DIR
    )
    assert code == 0, err
    combined = sorted(p.name for p in out.glob("combined-*"))
    assert combined == ["combined-acme-care.json", "combined-acme-care.md"]
    check_markdown((out / "combined-acme-care.md").read_text(encoding="utf-8"))
    assert "combined-acme-care.md" in (out / "summary.md").read_text(encoding="utf-8")


@pytest.fixture
def two_versions(tmp_path: Path) -> Path:
    """Version 1.1.0 of the mini bank: c-three removed, c-four added."""
    folder = tmp_path / "banks"
    folder.mkdir()
    text = (MINI_DIR / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "1.0.0"', 'version: "1.1.0"').replace("id: c-three", "id: c-four")
    (folder / "mini-1.1.0.yaml").write_text(text, encoding="utf-8")
    return folder


def test_compare_across_two_bank_versions(cli, tmp_path: Path, two_versions: Path) -> None:  # type: ignore[no-untyped-def]
    before = _write(
        tmp_path,
        "before.yaml",
        "mini",
        "staff",
        "  c-one: 1\n  c-two: 1\n  c-three: 4\n  r-one: 1\n  flag-late: 'yes'\n",
    )
    after = _write(
        tmp_path,
        "after.yaml",
        "mini",
        "staff",
        "  c-one: 3\n  c-two: 1\n  c-four: 0\n  r-one: 1\n  flag-late: 'no'\n",
        version="1.1.0",
    )
    code, out, err = cli(
        "compare",
        before,
        after,
        "--format",
        "json",
        "--banks-dir",
        MINI_DIR,
        "--banks-dir",
        two_versions,
    )
    assert code == 0, err
    data = json.loads(out)
    # 7 questions in each version, 6 shared, 8 in all; c-three and c-four are left out
    assert data["questions_in_common"] == {"shared": 6, "total": 8}
    culture = next(s for s in data["sections"] if s["id"] == "culture")
    # before: (1*.25 + 2*.25) / 3 = 25.0; after: (1*.75 + 2*.25) / 3 = 41.7
    assert (culture["before"], culture["after"], culture["change"]) == (25.0, 41.7, 16.7)
    assert {q["id"] for q in data["questions"]} == {"c-one", "c-two", "r-one"}
    c_one = next(q for q in data["questions"] if q["id"] == "c-one")
    assert (c_one["before"], c_one["after"], c_one["change"]) == (1, 3, 2.0)
    assert "culture" in data["improved"] and data["before"]["red_flags"] == ["flag-late"]
    assert data["after"]["red_flags"] == []
    code, out, _ = cli(
        "compare",
        before,
        after,
        "--format",
        "markdown",
        "--banks-dir",
        MINI_DIR,
        "--banks-dir",
        two_versions,
    )
    check_markdown(out)
    assert "6 of 8 questions in common" in out
    assert "raised before, cleared after" in out


def test_compare_refuses_different_banks(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = _write(tmp_path, "before.yaml", "mini", "staff", "  c-one: 1\n")
    after = _write(tmp_path, "after.yaml", "minivoices", "person", "  v-c1: 1\n")
    code, out, err = cli("compare", before, after, "--banks-dir", MINI_DIR)
    assert code == 2 and out == ""  # as for different organisations
    assert "cannot compare answers to different banks" in err


def test_compare_folders_as_combined_sides(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for side, level in (("before", 1), ("after", 3)):
        folder = tmp_path / side
        folder.mkdir()
        _write(folder, "a.yaml", "mini", "staff", f"  c-one: {level}\n")
        _write(folder, "b.yaml", "mini", "leadership", f"  c-one: {level + 1}\n")
    code, out, err = cli(
        "compare",
        tmp_path / "before",
        tmp_path / "after",
        "--format",
        "json",
        "--banks-dir",
        MINI_DIR,
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["before"]["respondents"] == 2
    culture = next(s for s in data["sections"] if s["id"] == "culture")
    assert (culture["before"], culture["after"]) == (37.5, 87.5)  # means of the two


def test_a_combined_report_does_not_grow_with_respondents(library) -> None:  # type: ignore[no-untyped-def]
    """Issue 10, item 17: the ladder counts placements per decision, rung and perspective
    rather than listing each one, so ten times the respondents give a report of the same size."""
    mini = library.get("mini")
    rungs = [r.id for r in mini.framework.ladder]
    perspectives = [Perspective.STAFF, Perspective.PERSON, Perspective.CARER]

    def report(respondents: int) -> str:
        results = [
            score(
                mini,
                make_answers(
                    mini,
                    {"c-one": n % 5, "ladder-design": rungs[n % 7], "flag-late": "yes"},
                    perspective=perspectives[n % 3],
                ),
            )
            for n in range(respondents)
        ]
        return render_combined_json(combine(results), Meta("2026-11-26"))

    small, big = report(42), report(420)
    ladder = json.loads(big)["ladder"]
    assert len(ladder) == 21  # 7 rungs x 3 perspectives, each counted once
    assert sum(entry["count"] for entry in ladder) == 420
    assert {e["count"] for e in ladder} == {20}
    # Counts only (the ladder, and each answer's count in the distributions): ten times the
    # respondents make each number at most one digit longer, and add nothing else.
    assert len(big) <= len(small) + len(re.findall(r"\d+", small))
    assert len(json.loads(big)["questions"]) == len(json.loads(small)["questions"])
