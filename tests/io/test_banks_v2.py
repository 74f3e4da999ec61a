"""Version 2.0.0 of the shipped banks: calibrated stages, fitting answer kinds, mirrored pairs,
plain words, our own words, and old answers still read."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import make_answers
from hypothesis import given, settings
from hypothesis import strategies as st

from coself.core.compare import compare
from coself.core.lint import flesch
from coself.core.model import GRADED, QuestionType
from coself.core.pairs import pair_problems, pairs_of
from coself.core.scoring import score
from coself.io.banks import Library, load_library, shipped_dir
from coself.io.lintfiles import lint_paths

SHIPPED = load_library()
NEW = [SHIPPED.get("organisation"), SHIPPED.get("voices")]
BRIEF = Path("/work/shared/domain/scie-guide51.md")


def test_the_newest_versions_are_2_and_the_old_ones_stay() -> None:
    assert [b.version for b in NEW] == ["2.0.0", "2.0.0"]
    assert SHIPPED.find("organisation", "1.0.0").version == "1.0.0"  # type: ignore[union-attr]
    assert SHIPPED.find("voices", "1.0.0").version == "1.0.0"  # type: ignore[union-attr]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(NEW), st.sampled_from([0, 1, 2, 3, 4]))
def test_answering_level_l_everywhere_lands_in_the_stage_for_l(bank, level: int) -> None:  # type: ignore[no-untyped-def]
    values: dict[str, object] = {}
    for question in bank.questions:
        if question.type in GRADED:
            values[question.id] = level
        elif question.type is QuestionType.YESNO:
            values[question.id] = (
                "dont_know"
                if question.scored
                else ("no" if question.red_flag_if == "yes" else "yes")
            )
    result = score(bank, make_answers(bank, values))
    assert result.overall.score == 25 * level
    assert result.overall.stage is not None and result.overall.stage.level == level
    assert all(s.stage is not None and s.stage.level == level for s in result.sections)


@pytest.mark.parametrize("bank", NEW, ids=lambda b: b.id)
def test_every_question_has_a_fitting_kind_and_its_own_descriptors(bank) -> None:  # type: ignore[no-untyped-def]
    generic = {s.descriptor for s in bank.scale}
    for question in bank.questions:
        if question.type is QuestionType.LEVEL:
            assert sorted(question.levels) == [0, 1, 2, 3, 4], question.id
            assert not generic & set(question.levels.values()), question.id
        if question.type is QuestionType.FREQUENCY:
            assert bank.id == "voices" and not re.search(r"now and then|often", question.text)
        if question.type is QuestionType.YESNO:
            assert question.scored or question.red_flag_if, question.id
    kinds = Counter(q.type for q in bank.questions)
    expected = {QuestionType.LEVEL if bank.id == "organisation" else QuestionType.FREQUENCY}
    assert expected | {QuestionType.YESNO, QuestionType.LADDER} == set(kinds)


@pytest.mark.parametrize("bank", NEW, ids=lambda b: b.id)
def test_no_principle_is_on_more_than_about_half_the_scored_questions(bank) -> None:  # type: ignore[no-untyped-def]
    scored = [q for q in bank.questions if q.counts]
    tags = Counter(p for q in scored for p in q.principles)
    assert set(tags) == {"equality", "diversity", "accessibility", "reciprocity"}
    assert max(tags.values()) <= 0.5 * len(scored), tags


def test_mirrored_pairs_agree_and_cover_the_remapped_questions() -> None:
    assert pair_problems(NEW) == []
    pairs = pairs_of(NEW)
    both = {
        p
        for p, members in pairs.items()
        if {b.id for b, _ in members} == {"organisation", "voices"}
    }
    assert len(both) == len(pairs) >= 25
    by_id = {q.id: q for q in NEW[1].questions}
    assert by_id["structure-costs-covered"].recommendations == ("structure-2",)
    assert by_id["review-aims-looked-at-again"].recommendations == ("review-4",)
    assert "practice-not-often-heard" not in by_id and "culture-listened-to" not in by_id


def test_voices_reads_easily_and_lint_finds_nothing_in_either_bank() -> None:
    voices = NEW[1]
    assert flesch([q.text for q in voices.questions]) >= 80
    wording = [t for r in voices.framework.ladder_answers for t in (r.title, r.description)]
    assert flesch(wording) >= 80
    assert all(re.search(r"\byou", r.description, re.I) for r in voices.framework.ladder_answers)
    checked, findings = lint_paths(
        [shipped_dir() / "voices-2.yaml", shipped_dir() / "organisation-2.yaml"]
    )
    assert len(checked) == 2 and findings == []


def _grams(text: str, n: int = 7) -> set[tuple[str, ...]]:
    text = re.sub(r"https?://\S+", " ", text.lower())
    # The guide's required terms and names may be repeated word for word.
    for term in (
        r"people who draw on care( and (support|carers))?",
        r"think local act personal",
        r"national co-production advisory group",
    ):
        text = re.sub(term.replace(" ", r"\s+"), " term ", text)
    words = re.findall(r"[a-z0-9']+", text)
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not BRIEF.exists(), reason="the content brief is not on this machine")
def test_new_texts_are_in_our_own_words() -> None:
    brief = _grams(BRIEF.read_text(encoding="utf-8"))
    for name in ("organisation-2.yaml", "voices-2.yaml", "framework.yaml", "CHANGELOG.md"):
        shared = _grams((shipped_dir() / name).read_text(encoding="utf-8")) & brief
        assert shared == set(), (name, sorted(shared)[:3])


def test_a_1_0_0_answers_file_reports_and_compares_with_a_2_0_0_one(library: Library) -> None:
    old_bank = SHIPPED.find("organisation", "1.0.0")
    assert old_bank is not None
    old = make_answers(
        old_bank,
        {
            "culture-board-commitment": 1,
            "practice-accessible-venues": 2,
            "flag-unpaid-contributors": "yes",
        },
    )
    new_bank = NEW[0]
    new = make_answers(
        new_bank,
        {
            "culture-board-commitment": 3,
            "practice-venue-checklist": 4,
            "structure-role-descriptions": 2,
        },
    )
    before, after = score(old_bank, old), score(new_bank, new)
    assert before.bank.version == "1.0.0" and before.overall.score is not None
    comparison = compare([before], [after])
    replaced = sum(1 for q in new_bank.questions if q.replaces)
    gone = {q.id for q in old_bank.questions} - {q.replaces for q in new_bank.questions}
    assert comparison.common == (replaced, len(new_bank.questions) + len(gone))
    changes = {c.id: (c.before, c.after) for c in comparison.questions}
    assert changes["culture-board-commitment"] == (1, 3)
    assert changes["practice-venue-checklist"] == (2, 4)
    assert changes["practice-travel-arranged"] == (2, None)  # split from the same old question
    assert "structure-role-descriptions" not in changes  # new: nothing to compare it with
