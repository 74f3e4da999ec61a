"""How a combined report counts: never a group too small to show, with every figure the same as
counting each respondent as they come."""

from __future__ import annotations

import pytest
from conftest import MINI_DIR, make_answers
from hypothesis import given, settings
from hypothesis import strategies as st

from coself.core import respondents as respondents_module
from coself.core.combine import Combiner, respondent
from coself.core.model import Bank, Perspective
from coself.core.scoring import Result, score
from coself.core.spread import choices_of
from coself.io.banks import load_library

_MINI = load_library([MINI_DIR])
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
