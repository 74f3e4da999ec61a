"""How a group's answers to one question spread out: a count per answer, the median, and splits.

Used wherever several people answered the same question: combined reports, batch combined
reports and the votes of a workshop. The rules, as the README states them:

- **Counts.** One count per answer the question takes (levels 0-4, yes and no, or every rung of
  the ladder with "not involved"), plus don't know and not applicable. Skipped and unanswered
  questions are not counted. The counts add up to the people who gave any of those answers.
- **Median.** For a question answered with a level (or a scored yes/no, yes as 4 and no as 0):
  the middle answer once they are sorted; with an even number, the halfway point of the two
  middle answers (so it may end in .5). Don't know and not applicable are left out.
- **Split.** A group is split on a question when at least one answer in four (and at least
  one) sits two or more levels from the median. This follows the consensus rule most used in
  Delphi studies, an interquartile range of at most one point on a four or five point scale (von
  der Gracht, "Consensus measurement in Delphi studies", Technological Forecasting and Social
  Change 79(8), 2012): when a quarter of the answers lie two levels out, the middle half of the
  answers can no longer sit within one level, so the group has not agreed. One outlier in a
  large room is not a split; two people of five at opposite ends are.
- **Privacy.** A group's counts are shown only when it has at least the minimum group size
  (`DEFAULT_MIN_GROUP` in core/privacy.py unless the user chooses another).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from coself.core.model import (
    GRADED,
    NO,
    TOP_LEVEL,
    YES,
    AnswerValue,
    Bank,
    Question,
    QuestionType,
    Special,
)

SPLIT_DISTANCE = 2  # levels from the median that count as far
SPLIT_SHARE = 4  # a split needs at least one answer in this many to be far


@dataclass(frozen=True, slots=True)
class Spread:
    """How the answers of one group to one question spread out."""

    choices: tuple[AnswerValue, ...]  # every answer the question takes, in the bank's order
    counts: tuple[int, ...]  # how many gave each choice, in the same order
    dont_know: int
    not_applicable: int
    median: float | None  # None when nobody answered with a level
    split: bool

    @property
    def answered(self) -> int:
        """How many gave one of the question's own answers (not don't know or n/a)."""
        return sum(self.counts)

    @property
    def total(self) -> int:
        """How many answered at all, don't know and not applicable included."""
        return self.answered + self.dont_know + self.not_applicable

    def count(self, choice: AnswerValue) -> int:
        """How many gave one answer."""
        return self.counts[self.choices.index(choice)] if choice in self.choices else 0


def choices_of(bank: Bank, question: Question) -> tuple[AnswerValue, ...]:
    """Every answer a question takes, in the order reports show them (lowest first)."""
    if question.type in GRADED:
        return tuple(range(TOP_LEVEL + 1))
    if question.type is QuestionType.YESNO:
        return (NO, YES)
    return tuple(rung.id for rung in bank.framework.ladder_answers)


def median(levels: Iterable[int]) -> float | None:
    """The middle level, or the halfway point of the two middle levels; None when empty."""
    ordered = sorted(levels)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def is_split(levels: Iterable[int]) -> bool:
    """Whether at least one level in four (and at least one) lies two or more from the median."""
    values = list(levels)
    middle = median(values)
    if middle is None:
        return False
    far = sum(1 for level in values if abs(level - middle) >= SPLIT_DISTANCE)
    return far > 0 and far * SPLIT_SHARE >= len(values)


def spread(bank: Bank, question: Question, values: Iterable[AnswerValue]) -> Spread:
    """Count a group's answers to one question; values the question does not take are ignored."""
    choices = choices_of(bank, question)
    counts = dict.fromkeys(choices, 0)
    special = dict.fromkeys(Special, 0)
    levels: list[int] = []
    for value in values:
        if isinstance(value, Special):
            special[value] += 1
        elif value in counts and type(value) is type(choices[0]):
            counts[value] += 1
            level = question.level_of(value)
            if level is not None:
                levels.append(level)
    return Spread(
        choices,
        tuple(counts.values()),
        special[Special.DONT_KNOW],
        special[Special.NA],
        median(levels),
        is_split(levels),
    )


# The same rule from how many gave each answer, as a combined report keeps its answers: steps per
# distinct answer, not per person. tests/core/test_spread.py holds it equal to spread() above.


def counted_spread(bank: Bank, question: Question, counts: Mapping[AnswerValue, int]) -> Spread:
    """spread() of the values in `counts`, each given as many times as its count says."""
    choices, scale = _choice_levels(bank, question)
    tally = dict.fromkeys(choices, 0)
    dont_know = not_applicable = 0
    kind = type(choices[0])
    for value, n in counts.items():
        if value is Special.DONT_KNOW:
            dont_know += n
        elif value is Special.NA:
            not_applicable += n
        elif type(value) is kind and value in tally:
            tally[value] += n
    counted = tuple(tally.values())
    return Spread(choices, counted, dont_know, not_applicable, *_middle_and_split(scale, counted))


@lru_cache(maxsize=4096)  # small groups give the same few counts, question after question
def _middle_and_split(
    scale: tuple[tuple[int, int], ...], counted: tuple[int, ...]
) -> tuple[float | None, bool]:
    """The median and whether the group is split, from the counts of a question's choices."""
    by_level = [(level, counted[index]) for index, level in scale]
    middle = counted_median(by_level)
    return middle, _counted_split(by_level, middle)


@lru_cache(maxsize=1024)  # the questions of a few banks, met in every combined report
def _choice_levels(
    bank: Bank, question: Question
) -> tuple[tuple[AnswerValue, ...], tuple[tuple[int, int], ...]]:
    """A question's choices, and the place among them and level of each choice that has a
    level, lowest level first."""
    choices = choices_of(bank, question)
    scale = []
    for index, choice in enumerate(choices):
        level = question.level_of(choice)
        if level is not None:
            scale.append((index, level))
    return choices, tuple(sorted(scale, key=lambda place: place[1]))


def counted_median(by_level: Sequence[tuple[int, int]]) -> float | None:
    """median() of levels given as (level, how many) pairs, lowest level first."""
    total = sum([n for _, n in by_level])
    if not total:
        return None
    middle = total // 2
    if total % 2:
        return float(_nth_level(by_level, middle))
    return (_nth_level(by_level, middle - 1) + _nth_level(by_level, middle)) / 2


def _nth_level(by_level: Sequence[tuple[int, int]], index: int) -> int:
    """The level at `index` (from 0) once the levels are laid out lowest first."""
    for level, n in by_level:
        if index < n:
            return level
        index -= n
    raise IndexError(index)


def _counted_split(by_level: Sequence[tuple[int, int]], middle: float | None) -> bool:
    """is_split() of levels given as (level, how many) pairs around their median."""
    if middle is None:
        return False
    far = total = 0
    for level, n in by_level:
        total += n
        if abs(level - middle) >= SPLIT_DISTANCE:
            far += n
    return far > 0 and far * SPLIT_SHARE >= total
