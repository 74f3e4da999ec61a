"""How a group's answers spread: counts that add up, the median, and the split rule."""

from __future__ import annotations

from collections import Counter

from conftest import MINI_DIR
from hypothesis import given
from hypothesis import strategies as st

from coself.core.model import NO, YES, AnswerValue, Bank, Question, Special
from coself.core.spread import (
    choices_of,
    counted_median,
    counted_spread,
    is_split,
    median,
    spread,
)
from coself.io.banks import load_library

_MINI = load_library([MINI_DIR]).get("mini")


def test_counts_add_up_to_everyone_who_answered(mini: Bank) -> None:
    question = mini.question("c-one")
    assert question is not None
    values = [0, 0, 4, 4, 4, Special.DONT_KNOW, Special.NA, Special.SKIPPED]
    result = spread(mini, question, values)
    assert result.counts == (2, 0, 0, 0, 3)
    assert (result.dont_know, result.not_applicable) == (1, 1)
    assert result.total == 7  # skipped is not an answer
    assert result.median == 4.0
    assert result.split  # two of five sit four levels from the median


def test_equal_means_different_spreads_are_told_apart(mini: Bank) -> None:
    question = mini.question("c-one")
    assert question is not None
    polarised = spread(mini, question, [0, 0, 4, 4, 4])
    agreed = spread(mini, question, [2, 2, 2, 3, 3])
    assert polarised.split and not agreed.split
    assert agreed.median == 2.0


def test_values_a_question_does_not_take_are_not_counted(mini: Bank) -> None:
    question = mini.question("c-one")
    assert question is not None
    result = spread(mini, question, [True, "3", 7, 3])
    assert result.answered == 1 and result.count(3) == 1


def test_yes_no_and_ladder_answers_are_counted_by_choice(mini: Bank) -> None:
    flag = mini.question("flag-late")
    ladder = mini.question("ladder-design")
    assert flag is not None and ladder is not None
    assert spread(mini, flag, [YES, NO, NO]).counts == (2, 1)
    rungs = spread(mini, ladder, ["not-involved", "not-involved"])
    assert rungs.count("not-involved") == 2 and rungs.median is None


def test_one_outlier_in_a_large_room_is_not_a_split() -> None:
    assert not is_split([2] * 9 + [4])
    assert is_split([2] * 6 + [0, 4])  # a quarter sit two levels out


def test_even_counts_take_the_halfway_point() -> None:
    assert median([1, 2, 3, 4]) == 2.5
    assert median([]) is None


@given(st.lists(st.sampled_from([0, 1, 2, 3, 4, Special.DONT_KNOW, Special.NA]), max_size=40))
def test_spread_counts_always_add_up(values: list[object]) -> None:
    bank = _MINI
    question = bank.question("c-one")
    assert question is not None
    result = spread(bank, question, values)  # type: ignore[arg-type]
    assert result.total == len(values)
    levels = [v for v in values if isinstance(v, int)]
    assert result.median == median(levels)
    if result.median is not None:
        assert min(levels) <= result.median <= max(levels)


# A combined report counts answers, then works the spread out from the counts.

_SHIPPED = load_library()
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
