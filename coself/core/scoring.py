"""Scoring: a pure function from a bank and one set of answers to the figures a report shows.

The rule, in plain words (the README and every report say the same):
- only level and frequency questions count, and yes/no questions the bank marks as scored
  (yes as level 4, no as 0); a question's value is its level / 4;
- a section's score is 100 x sum(weight x level / 4) / sum(weight) over its questions answered
  with a level; not applicable, don't know and unanswered questions are left out;
- a principle's score uses the same formula over every level-answered question tagged with it;
- the overall score is the average of the section scores that exist, weighted by section weight;
- coverage = level-answered questions / (questions - not applicable answers);
- a stage is given only where coverage is at least 50%; scores are rounded to one decimal place.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from coself.core.model import (
    NO,
    SPREAD_GROUPS,
    TOP_LEVEL,
    YES,
    Answer,
    Answers,
    AnswerValue,
    Bank,
    Question,
    QuestionType,
    Rung,
    Special,
    Stage,
)

MIN_COVERAGE = 0.5
TOP_N = 3


def round1(value: float) -> float:
    """Round half up to one decimal place (62.25 -> 62.3), as people expect.

    The tiny nudge makes a value stored just under a half (62.35 is 62.349999...) round the way
    it is written; scores are at most 100, far above where the nudge could matter otherwise.
    """
    return math.floor(value * 10 + 0.5 + 1e-9) / 10


class Tally(NamedTuple):
    """How the questions in a group were answered."""

    questions: int = 0
    levels: int = 0
    na: int = 0
    dont_know: int = 0
    unanswered: int = 0

    @property
    def coverage(self) -> float | None:
        possible = self.questions - self.na
        return self.levels / possible if possible else None


class Figure(NamedTuple):
    """A score for a section, a principle or the whole, with its stage where there is one.

    (Named tuples rather than frozen dataclasses: a batch makes millions of these.)
    """

    id: str
    title: str
    score: float | None  # rounded to one decimal; None when nothing was answered with a level
    stage: Stage | None  # None when there is no score or coverage is below 50%
    tally: Tally
    weight: float = 1.0
    target: Stage | None = None
    exact: float | None = None  # the score before rounding, for the overall score


@dataclass(frozen=True, slots=True)
class Highlight:
    """A question picked out as a strength or a priority."""

    question: Question
    level: int
    note: str | None


@dataclass(frozen=True, slots=True)
class LadderPlacement:
    question: Question
    rung: Rung


@dataclass(frozen=True, slots=True)
class Result:
    bank: Bank
    answers: Answers
    overall: Figure
    sections: tuple[Figure, ...]
    principles: tuple[Figure, ...]
    strengths: tuple[Highlight, ...]
    priorities: tuple[Highlight, ...]
    find_out: tuple[Question, ...]
    red_flags: tuple[Question, ...]  # raised: answered the worrying way
    uncapped_stage: Stage | None  # the overall stage before any red-flag cap
    ladder: tuple[LadderPlacement, ...]
    # The level of each question answered with one (answered_levels), worked out once and
    # shared with what else needs it (combined reports, analyst exports).
    levels: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class _Groups:
    """A bank's level questions, by the groups whose scores they count in (worked out once)."""

    sections: tuple[tuple[Question, ...], ...]  # in the order of the bank's sections
    principles: tuple[tuple[Question, ...], ...]  # in the order of the framework's principles
    whole: tuple[Question, ...]  # every level question, in bank order
    recommendations: tuple[tuple[str, tuple[Question, ...]], ...]  # by recommendation id
    pairs: tuple[tuple[str, tuple[Question, ...]], ...]  # by pair id (mirrored questions)
    # For each question that can score, the level each answer it takes stands for.
    levels: dict[str, dict[AnswerValue, int]]
    flaggable: tuple[Question, ...]  # yes/no questions with a worrying answer, in bank order
    ladder: tuple[Question, ...]  # ladder questions, in bank order
    place: dict[str, int]  # each question's place in the bank


@lru_cache(maxsize=64)
def _groups(bank: Bank) -> _Groups:
    levels = tuple(q for q in bank.questions if q.counts)
    recommendations = dict.fromkeys(r for q in levels for r in q.recommendations)
    pairs = dict.fromkeys(q.pair for q in levels if q.pair)
    return _Groups(
        tuple(tuple(q for q in levels if q.section == s.id) for s in bank.sections),
        tuple(tuple(q for q in levels if p.id in q.principles) for p in bank.framework.principles),
        levels,
        tuple((r, tuple(q for q in levels if r in q.recommendations)) for r in recommendations),
        tuple((p, tuple(q for q in levels if q.pair == p)) for p in pairs if p),
        {q.id: _level_table(q) for q in levels},
        tuple(q for q in bank.questions if q.type is QuestionType.YESNO and q.red_flag_if),
        tuple(q for q in bank.questions if q.type is QuestionType.LADDER),
        {q.id: n for n, q in enumerate(bank.questions)},
    )


def _level_table(question: Question) -> dict[AnswerValue, int]:
    """Every answer value that scores for a question, and its level (Question.level_of)."""
    values: tuple[AnswerValue, ...] = (*range(TOP_LEVEL + 1), YES, NO)
    return {v: level for v in values if (level := question.level_of(v)) is not None}


def recommendation_scores(bank: Bank, levels: Mapping[str, int]) -> dict[str, float]:
    """The score for each recommendation id, by the same rule, from the levels answered (for
    combined reports, which compare perspectives on each recommendation)."""
    return _scores_by(_groups(bank).recommendations, levels)


def pair_scores(bank: Bank, levels: Mapping[str, int]) -> dict[str, float]:
    """The score of each mirrored question (by pair id), for combined reports."""
    return _scores_by(_groups(bank).pairs, levels)


def _scores_by(
    groups: tuple[tuple[str, tuple[Question, ...]], ...], levels: Mapping[str, int]
) -> dict[str, float]:
    scores = {}
    for rec, questions in groups:
        weights = weighted = 0.0
        for question in questions:
            level = levels.get(question.id)
            if level is not None:
                weights += question.weight
                weighted += question.weight * level / 4
        if weights:
            scores[rec] = 100 * weighted / weights
    return scores


def answered_levels(bank: Bank, answers: Answers) -> dict[str, int]:
    """The level each scored question was answered with (yes and no as 4 and 0 where scored)."""
    return levels_of(bank, ((qid, answer.value) for qid, answer in answers.answers.items()))


def levels_of(bank: Bank, values: Iterable[tuple[str, AnswerValue]]) -> dict[str, int]:
    """The same from (question id, answer value) pairs, as the combined reports' store keeps.

    Each scoring question's levels are looked up in a table made once per bank with
    Question.level_of (answer values are never booleans: the readers refuse them)."""
    tables = _groups(bank).levels  # only these questions can have a level
    return {
        qid: level
        for qid, value in values
        if (level := tables.get(qid, _NO_LEVELS).get(value)) is not None
    }


_NO_LEVELS: dict[AnswerValue, int] = {}


def score_over(
    questions: Sequence[Question], given: Mapping[str, Answer], levels: Mapping[str, int]
) -> tuple[float | None, Tally]:
    """The rule: 100 x sum(weight x level / 4) / sum(weight) over the questions answered with a
    level (None when there is none), and how the questions were answered. `levels` holds each
    scored answer's level (answered_levels), worked out once for all the groups of a bank."""
    weights = weighted = 0.0
    scored = na = dont_know = 0
    # Named once: a member looked up on its Enum class takes several times longer than a
    # local name (Python 3.11), and this loop runs for every question of every group.
    not_applicable, unknown = Special.NA, Special.DONT_KNOW
    for question in questions:
        level = levels.get(question.id)
        if level is not None:
            scored += 1
            weights += question.weight
            weighted += question.weight * level / 4
            continue
        answer = given.get(question.id)
        value = None if answer is None else answer.value
        if value is not_applicable:
            na += 1
        elif value is unknown:
            dont_know += 1
    unanswered = len(questions) - scored - na - dont_know  # blank or skipped
    tally = Tally(len(questions), scored, na, dont_know, unanswered)
    return (100 * weighted / weights if weights else None), tally


def make_figure(
    bank: Bank, fid: str, title: str, exact: float | None, tally: Tally, weight: float = 1.0
) -> Figure:
    """A figure from its unrounded score: rounded, with a stage where coverage allows one."""
    score_ = None if exact is None else round1(exact)
    coverage = tally.coverage
    enough = coverage is not None and coverage >= MIN_COVERAGE
    stage = bank.stage_for(score_) if score_ is not None and enough else None
    return Figure(fid, title, score_, stage, tally, weight, exact=exact)


def score(bank: Bank, answers: Answers) -> Result:
    """Score one set of answers against its bank, exactly as the module docstring says."""
    given = answers.answers
    levels = answered_levels(bank, answers)
    groups = _groups(bank)
    sections = tuple(
        _with_target(
            bank,
            answers,
            make_figure(bank, s.id, s.title, *score_over(qs, given, levels), s.weight),
        )
        for s, qs in zip(bank.sections, groups.sections, strict=True)
    )
    principles = tuple(
        make_figure(bank, p.id, p.title, *score_over(qs, given, levels))
        for p, qs in zip(bank.framework.principles, groups.principles, strict=True)
    )
    _, tally = score_over(groups.whole, given, levels)
    overall = overall_figure(bank, sections, tally)
    red_flags, find_out, ladder = _others(bank, given)
    uncapped = overall.stage
    overall = cap_for_red_flags(bank, overall, bool(red_flags))
    priorities, strengths = _highlights(groups.whole, given, levels)
    return Result(
        bank,
        answers,
        overall,
        sections,
        principles,
        strengths,
        priorities,
        find_out,
        red_flags,
        uncapped,
        ladder,
        levels,
    )


def _with_target(bank: Bank, answers: Answers, figure: Figure) -> Figure:
    target = answers.targets.get(figure.id)
    if target is None:
        return figure
    return figure._replace(target=bank.stage(target))


def overall_figure(bank: Bank, sections: Sequence[Figure], tally: Tally) -> Figure:
    """The overall score: the section scores that exist, averaged by section weight."""
    scored = [(s.weight, s.exact) for s in sections if s.exact is not None]
    total = sum(w for w, _ in scored)
    exact = sum(w * v for w, v in scored) / total if total else None
    return make_figure(bank, "overall", "Overall", exact, tally)


def cap_for_red_flags(bank: Bank, overall: Figure, raised: bool) -> Figure:
    """While a red flag is raised, the overall stage is at most the bank's cap."""
    if not raised or overall.stage is None or not bank.red_flag_stage_cap:
        return overall
    cap = bank.stage(bank.red_flag_stage_cap)
    return overall._replace(stage=cap) if overall.stage.min > cap.min else overall


def ladder_spread(placements: Iterable[LadderPlacement]) -> dict[str, int]:
    """How many decisions had nobody involved, and how many sit at "doing to", "doing for" and
    "doing with"."""
    spread = dict.fromkeys(SPREAD_GROUPS, 0)
    for placement in placements:
        spread[placement.rung.group] += 1
    return spread


def _highlights(
    questions: tuple[Question, ...], given: Mapping[str, Answer], levels: Mapping[str, int]
) -> tuple[tuple[Highlight, ...], tuple[Highlight, ...]]:
    """Priorities: up to three questions below 4 with the largest weight x (4 - level).
    Strengths: up to three at 3 or 4, not already priorities, with the largest weight x level.
    Ties go in bank order (sorting keeps the order of equals)."""
    answered = [
        (q, level, given[q.id].note) for q in questions if (level := levels.get(q.id)) is not None
    ]
    low = sorted((x for x in answered if x[1] < 4), key=lambda x: -x[0].weight * (4 - x[1]))
    low = low[:TOP_N]
    shown = {question.id for question, _, _ in low}
    high = sorted(
        (x for x in answered if x[1] >= 3 and x[0].id not in shown),
        key=lambda x: -x[0].weight * x[1],
    )[:TOP_N]
    return tuple(Highlight(*x) for x in low), tuple(Highlight(*x) for x in high)


def _others(
    bank: Bank, given: Mapping[str, Answer]
) -> tuple[tuple[Question, ...], tuple[Question, ...], tuple[LadderPlacement, ...]]:
    """Red flags raised, questions answered don't know, ladder placements; each in bank order."""
    groups = _groups(bank)
    red_flags = tuple(
        q
        for q in groups.flaggable
        if (answer := given.get(q.id)) is not None and answer.value == q.red_flag_if
    )
    ladder = tuple(
        LadderPlacement(q, bank.framework.rung(answer.value))
        for q in groups.ladder
        if (answer := given.get(q.id)) is not None and type(answer.value) is str
    )
    # Don't know is rare: found among the answers (the member named once, as in score_over),
    # then put in bank order.
    places, unknown = groups.place, Special.DONT_KNOW
    found = sorted(
        places[q] for q, answer in given.items() if answer.value is unknown and q in places
    )
    return red_flags, tuple(bank.questions[n] for n in found), ladder
