"""How a combined report counts: from counts rather than one answer at a time, and never a group
too small to show, with every figure the same as counting each answer as it comes."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import MINI_DIR, make_answers
from hypothesis import given, settings
from hypothesis import strategies as st

from coself.core import respondents as respondents_module
from coself.core.combine import Combiner, respondent
from coself.core.model import AnswerValue, Bank, Perspective, Question, Special
from coself.core.scoring import Result, score
from coself.core.spread import choices_of, counted_median, counted_spread, median, spread
from coself.io.banks import load_library

_SHIPPED = load_library()
_MINI = load_library([MINI_DIR])
# Every kind of question: levels, frequencies, yes/no (scored and not) and the ladder.
_QUESTIONS = [(bank, q) for bank in _SHIPPED.banks.values() for q in bank.questions]
_SPECIALS = list(Special)
# Values no question takes, of every type an answer has (True is left out: a mapping cannot
# tell it from 1, and validated answers never hold it).
_FOREIGN: list[AnswerValue] = [7, -1, "3", "maybe", "not-involved", "yes"]


@st.composite
def _answers_to_one_question(draw: st.DrawFn) -> tuple[Bank, Question, list[AnswerValue]]:
    bank, question = draw(st.sampled_from(_QUESTIONS))
    values = [*choices_of(bank, question), *_SPECIALS, *_FOREIGN]
    return bank, question, draw(st.lists(st.sampled_from(values), max_size=30))


@given(_answers_to_one_question())
def test_counting_answers_gives_the_spread_of_the_answers(
    case: tuple[Bank, Question, list[AnswerValue]],
) -> None:
    bank, question, values = case
    assert counted_spread(bank, question, Counter(values)) == spread(bank, question, values)


@given(st.lists(st.integers(min_value=0, max_value=6), max_size=8))
def test_the_median_of_counts_is_the_median_of_what_they_count(counts: list[int]) -> None:
    laid_out = [level for level, n in enumerate(counts) for _ in range(n)]
    assert counted_median(list(enumerate(counts))) == median(laid_out)


_BANKS = [_MINI.get("mini"), _MINI.get("minivoices")]


@st.composite
def _respondents(draw: st.DrawFn) -> list[Result]:
    """Up to a dozen respondents of one organisation, from either mini bank, any perspective."""
    results = []
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        bank = draw(st.sampled_from(_BANKS))
        values: dict[str, object] = {}
        for question in bank.questions:
            choices = [*choices_of(bank, question), "dont_know", None]
            if question.allow_na:
                choices.append("na")
            value = draw(st.sampled_from(choices))
            if value is not None:
                values[question.id] = value
        perspective = draw(st.sampled_from(list(Perspective)))
        results.append(score(bank, make_answers(bank, values, perspective=perspective)))
    return results


@settings(max_examples=60, deadline=None)
@given(_respondents(), st.integers(min_value=1, max_value=7), st.integers(min_value=0))
def test_a_report_is_the_same_whether_groups_are_counted_as_they_come_or_when_shown(
    results: list[Result], min_group: int, cut: int
) -> None:
    """A group is counted only once it may be shown; counting everyone at once, part way
    through, changes no figure of the report."""
    held = Combiner()
    for result in results:
        held.add(respondent(result))
    counted = Combiner()
    cut = 1 + cut % len(results)  # a report needs someone to combine
    for result in results[:cut]:
        counted.add(respondent(result))
    counted.result(1)  # shows, so counts, every group so far
    for result in results[cut:]:
        counted.add(respondent(result))
    assert held.result(min_group) == counted.result(min_group)


def test_a_group_too_small_to_show_is_never_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its recommendation scores are never worked out: only its size is reported."""
    worked_out: list[str] = []
    real = respondents_module.recommendation_scores

    def counting(bank: Bank, levels: dict[str, int]) -> dict[str, float]:
        worked_out.append(bank.id)
        return real(bank, levels)

    monkeypatch.setattr(respondents_module, "recommendation_scores", counting)
    mini = _MINI.get("mini")
    combiner = Combiner()
    for level in range(4):
        answers = make_answers(mini, {"c-one": level}, perspective=Perspective.STAFF)
        combiner.add(respondent(score(mini, answers)))
    assert not combiner.result(5).views[0].shown
    assert worked_out == []
    assert combiner.result(4).views[0].shown
    assert worked_out == ["mini"] * 4
