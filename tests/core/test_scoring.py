"""The scoring rule, pinned case by case, plus properties that must hold for any answers."""

from __future__ import annotations

import pytest
from conftest import make_answers
from hypothesis import given, settings
from hypothesis import strategies as st

from coself.core.model import Answer, Special
from coself.core.scoring import Result, round1, score
from coself.io.banks import load_library

# mini: culture (weight 1): c-one w1, c-two w2 (na allowed), c-three w1;
#       review (weight 2): r-one w1, r-two w1 (na allowed). Plus one red flag, one ladder.
CASES = [
    (
        "all embedded",
        {"c-one": 4, "c-two": 4, "c-three": 4, "r-one": 4, "r-two": 4},
        {"culture": (100.0, "leading"), "review": (100.0, "leading")},
        (100.0, "leading"),
    ),
    (
        "question weights and section weights",
        {"c-one": 2, "c-two": 4, "c-three": 0, "r-one": 0, "r-two": 2},
        # culture = 100 * (1*.5 + 2*1 + 1*0) / 4 = 62.5; review = 100 * (0 + .5) / 2 = 25
        # overall = (1 * 62.5 + 2 * 25) / 3 = 37.5
        {"culture": (62.5, "established"), "review": (25.0, "developing")},
        (37.5, "developing"),
    ),
    (
        "not applicable is left out, and out of coverage",
        {"c-one": 1, "c-two": "na", "c-three": 3, "r-one": 2, "r-two": "na"},
        {"culture": (50.0, "established"), "review": (50.0, "established")},
        (50.0, "established"),
    ),
    (
        "don't know is left out of the score but counts against coverage",
        {"c-one": 4, "c-two": "dont_know", "c-three": "dont_know", "r-one": 3, "r-two": 1},
        # culture coverage 1/3: score shown, no stage
        {"culture": (100.0, None), "review": (50.0, "established")},
        (66.7, "established"),
    ),
    (
        "exactly half coverage earns a stage",
        {"c-one": 3, "c-two": "na", "c-three": "dont_know", "r-one": 1},
        {"culture": (75.0, "leading"), "review": (25.0, "developing")},
        (41.7, "developing"),
    ),
    (
        "an empty section has no score and the overall uses the rest",
        {"c-one": 1, "c-two": 1, "c-three": 1},
        # overall coverage 3/5 = 60%: enough
        {"culture": (25.0, "developing"), "review": (None, None)},
        (25.0, "developing"),
    ),
    ("no answers at all", {}, {"culture": (None, None), "review": (None, None)}, (None, None)),
    (
        "rounding is half up on the shown score",
        {"c-one": 1, "c-two": 2, "c-three": 0, "r-one": 0, "r-two": 1},
        # culture = 100 * (.25 + 1 + 0) / 4 = 31.25 -> 31.3; review = 12.5
        # overall = (31.25 + 2 * 12.5) / 3 = 18.75 -> 18.8
        {"culture": (31.3, "developing"), "review": (12.5, "starting")},
        (18.8, "starting"),
    ),
]


def _figures(result: Result) -> dict[str, tuple[float | None, str | None]]:
    return {f.id: (f.score, f.stage.id if f.stage else None) for f in result.sections}


@pytest.mark.parametrize(
    ("name", "values", "sections", "overall"), CASES, ids=[c[0] for c in CASES]
)
def test_scoring_rule(mini, name, values, sections, overall) -> None:  # type: ignore[no-untyped-def]
    result = score(mini, make_answers(mini, values))
    assert _figures(result) == sections
    assert (
        result.overall.score,
        result.overall.stage.id if result.overall.stage else None,
    ) == overall


def test_coverage_and_counts(mini) -> None:  # type: ignore[no-untyped-def]
    result = score(
        mini, make_answers(mini, {"c-one": 2, "c-two": "na", "c-three": "dont_know", "r-one": 1})
    )
    culture, review = result.sections
    assert (
        culture.tally.levels,
        culture.tally.na,
        culture.tally.dont_know,
        culture.tally.unanswered,
    ) == (1, 1, 1, 0)
    assert culture.tally.coverage == 0.5
    assert review.tally.unanswered == 1 and review.tally.coverage == 0.5
    assert result.overall.tally.coverage == 2 / 4


def test_principles_use_every_tagged_question(mini) -> None:  # type: ignore[no-untyped-def]
    result = score(mini, make_answers(mini, {"c-one": 4, "c-two": 0, "c-three": 2, "r-one": 1}))
    principles = {f.id: f.score for f in result.principles}
    # equality: c-one (w1) = 1, c-two (w2) = 0 -> 33.3; diversity: c-one 1, c-three .5 -> 75
    assert principles == {
        "equality": 33.3,
        "diversity": 75.0,
        "accessibility": None,
        "reciprocity": 25.0,
    }


def test_priorities_strengths_and_find_out(mini) -> None:  # type: ignore[no-untyped-def]
    result = score(
        mini,
        make_answers(
            mini, {"c-one": 1, "c-two": 3, "c-three": 4, "r-one": 1, "r-two": "dont_know"}
        ),
    )
    # shortfall: c-one 3, c-two 2*1 = 2, r-one 3 -> c-one, r-one (bank order), then c-two
    assert [h.question.id for h in result.priorities] == ["c-one", "r-one", "c-two"]
    assert [h.question.id for h in result.strengths] == ["c-three"]
    assert [q.id for q in result.find_out] == ["r-two"]


def test_a_red_flag_caps_the_overall_stage(mini) -> None:  # type: ignore[no-untyped-def]
    values = {"c-one": 4, "c-two": 4, "c-three": 4, "r-one": 4, "r-two": 4}
    calm = score(mini, make_answers(mini, {**values, "flag-late": "no"}))
    flagged = score(mini, make_answers(mini, {**values, "flag-late": "yes"}))
    assert calm.red_flags == () and calm.overall.stage.id == "leading"  # type: ignore[union-attr]
    assert [q.id for q in flagged.red_flags] == ["flag-late"]
    assert flagged.overall.score == 100.0
    assert flagged.overall.stage.id == "developing"  # type: ignore[union-attr]
    assert flagged.uncapped_stage.id == "leading"  # type: ignore[union-attr]


def test_ladder_answers_are_placed_but_never_scored(mini) -> None:  # type: ignore[no-untyped-def]
    base = {"c-one": 2, "r-one": 2}
    plain = score(mini, make_answers(mini, base))
    laddered = score(mini, make_answers(mini, {**base, "ladder-design": "consultation"}))
    assert [(p.question.id, p.rung.group) for p in laddered.ladder] == [
        ("ladder-design", "doing for")
    ]
    assert _figures(plain) == _figures(laddered)


def test_round1_is_half_up() -> None:
    assert [round1(x) for x in (62.25, 62.35, 0.05, 99.95, 33.333)] == [
        62.3,
        62.4,
        0.1,
        100.0,
        33.3,
    ]


ORGANISATION = load_library().get("organisation")


@st.composite
def answer_sets(draw):  # type: ignore[no-untyped-def]
    values = {}
    for question in ORGANISATION.questions:
        if question.type.value != "level":
            continue
        options = [None, 0, 1, 2, 3, 4, "dont_know"] + (["na"] if question.allow_na else [])
        value = draw(st.sampled_from(options))
        if value is not None:
            values[question.id] = value
    return values


@settings(max_examples=150, deadline=None)
@given(answer_sets())
def test_scores_stay_within_0_to_100(values) -> None:  # type: ignore[no-untyped-def]
    result = score(ORGANISATION, make_answers(ORGANISATION, values))
    for figure in (result.overall, *result.sections, *result.principles):
        assert figure.score is None or 0.0 <= figure.score <= 100.0
        coverage = figure.tally.coverage
        assert coverage is None or 0.0 <= coverage <= 1.0


@settings(max_examples=150, deadline=None)
@given(answer_sets(), st.data())
def test_dont_know_never_changes_a_score(values, draw) -> None:  # type: ignore[no-untyped-def]
    blank = [q.id for q in ORGANISATION.questions if q.id not in values]
    extra = draw.draw(st.lists(st.sampled_from(blank), unique=True) if blank else st.just([]))
    before = score(ORGANISATION, make_answers(ORGANISATION, values))
    after = score(
        ORGANISATION,
        make_answers(ORGANISATION, {**values, **{qid: Answer(Special.DONT_KNOW) for qid in extra}}),
    )
    scores = lambda r: [f.score for f in (r.overall, *r.sections, *r.principles)]  # noqa: E731
    assert scores(before) == scores(after)
