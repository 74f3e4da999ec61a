"""Scoring: a pure function from a bank and one set of answers to the figures a report shows.

The rule, in plain words (the README and every report say the same):
- only level questions count; a question's value is its level / 4;
- a section's score is 100 x sum(weight x level / 4) / sum(weight) over its questions answered
  with a level; not applicable, don't know and unanswered questions are left out;
- a principle's score uses the same formula over every level-answered question tagged with it;
- the overall score is the average of the section scores that exist, weighted by section weight;
- coverage = level-answered questions / (questions - not applicable answers);
- a stage is given only where coverage is at least 50%; scores are rounded to one decimal place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from coself.model import (
    Answer, Answers, Bank, Question, QuestionType, Rung, Special, Stage,
)

MIN_COVERAGE = 0.5
TOP_N = 3


def round1(value: float) -> float:
    """Round half up to one decimal place (62.25 -> 62.3), as people expect."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Tally:
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


@dataclass(frozen=True, slots=True)
class Figure:
    """A score for a section, a principle or the whole, with its stage where there is one."""

    id: str
    title: str
    score: float | None  # rounded to one decimal; None when nothing was answered with a level
    stage: Stage | None  # None when there is no score or coverage is below 50%
    tally: Tally
    weight: float = 1.0
    target: Stage | None = None
    exact: float | None = None  # the score before rounding, for the overall score
    @property
    def enough(self) -> bool:
        coverage = self.tally.coverage
        return coverage is not None and coverage >= MIN_COVERAGE


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


def _weighted(pairs: Iterable[tuple[float, float]]) -> float | None:
    """100 x sum(weight x value) / sum(weight), or None for no pairs."""
    total = weighted = 0.0
    for weight, value in pairs:
        total += weight
        weighted += weight * value
    return 100 * weighted / total if total else None


def _tally(questions: Iterable[Question], answers: dict[str, Answer]) -> Tally:
    counts = {"questions": 0, "levels": 0, "na": 0, "dont_know": 0, "unanswered": 0}
    for question in questions:
        counts["questions"] += 1
        answer = answers.get(question.id)
        value = answer.value if answer else Special.SKIPPED
        if value is Special.NA:
            counts["na"] += 1
        elif value is Special.DONT_KNOW:
            counts["dont_know"] += 1
        elif isinstance(value, int):
            counts["levels"] += 1
        else:
            counts["unanswered"] += 1
    return Tally(**counts)


def _figure(bank: Bank, fid: str, title: str, questions: list[Question],
            answers: dict[str, Answer], weight: float = 1.0) -> Figure:
    levels = [(q.weight, _level(answers, q) / 4) for q in questions if _level(answers, q) >= 0]
    raw = _weighted(levels)
    score = None if raw is None else round1(raw)
    tally = _tally(questions, answers)
    figure = Figure(fid, title, score, None, tally, weight)
    stage = bank.stage_for(score) if score is not None and figure.enough else None
    return Figure(fid, title, score, stage, tally, weight, exact=raw)


def _level(answers: dict[str, Answer], question: Question) -> int:
    answer = answers.get(question.id)
    if answer is None or not isinstance(answer.value, int) or isinstance(answer.value, bool):
        return -1
    return answer.value


def score(bank: Bank, answers: Answers) -> Result:
    """Score one set of answers against its bank, exactly as the module docstring says."""
    given = dict(answers.answers)
    levels = [q for q in bank.questions if q.type is QuestionType.LEVEL]
    sections = tuple(
        _with_target(bank, answers, _figure(bank, s.id, s.title,
                                            [q for q in levels if q.section == s.id], given,
                                            s.weight))
        for s in bank.sections
    )
    principles = tuple(
        _figure(bank, p.id, p.title, [q for q in levels if p.id in q.principles], given)
        for p in bank.framework.principles
    )
    overall = _overall(bank, sections, _tally(levels, given))
    red_flags = tuple(q for q in bank.questions if q.type is QuestionType.YESNO
                      and given.get(q.id) is not None and given[q.id].value == q.red_flag_if)
    uncapped = overall.stage
    if red_flags and overall.stage is not None and bank.red_flag_stage_cap:
        cap = bank.stage(bank.red_flag_stage_cap)
        if overall.stage.min > cap.min:
            overall = replace(overall, stage=cap)
    priorities = _priorities(levels, given)
    shown = {h.question.id for h in priorities}
    strengths = _strengths([q for q in levels if q.id not in shown], given)
    return Result(bank, answers, overall, sections, principles, strengths, priorities,
                  tuple(q for q in bank.questions
                        if given.get(q.id) is not None and given[q.id].value is Special.DONT_KNOW),
                  red_flags, uncapped, _ladder(bank, given))


def _with_target(bank: Bank, answers: Answers, figure: Figure) -> Figure:
    target = answers.targets.get(figure.id)
    if target is None:
        return figure
    return replace(figure, target=bank.stage(target))


def _overall(bank: Bank, sections: tuple[Figure, ...], tally: Tally) -> Figure:
    scored = [(s.weight, s.exact) for s in sections if s.exact is not None]
    total = sum(w for w, _ in scored)
    score_ = round1(sum(w * v for w, v in scored) / total) if total else None
    figure = Figure("overall", "Overall", score_, None, tally)
    stage = bank.stage_for(score_) if score_ is not None and figure.enough else None
    return Figure("overall", "Overall", score_, stage, tally)


def _highlights(questions: list[Question], answers: dict[str, Answer],
                key: str) -> tuple[Highlight, ...]:
    picked: list[tuple[float, int, Highlight]] = []
    for order, question in enumerate(questions):
        level = _level(answers, question)
        if level < 0 or (key == "strength" and level < 3) or (key == "priority" and level == 4):
            continue
        size = question.weight * (level if key == "strength" else 4 - level)
        picked.append((-size, order, Highlight(question, level, answers[question.id].note)))
    picked.sort(key=lambda item: (item[0], item[1]))
    return tuple(h for _, _, h in picked[:TOP_N])


def _strengths(questions: list[Question], answers: dict[str, Answer]) -> tuple[Highlight, ...]:
    """Up to three level-answered questions at 3 or 4, largest weight x level first."""
    return _highlights(questions, answers, "strength")


def _priorities(questions: list[Question], answers: dict[str, Answer]) -> tuple[Highlight, ...]:
    """Up to three level-answered questions below 4, largest weight x (4 - level) first."""
    return _highlights(questions, answers, "priority")


def _ladder(bank: Bank, answers: dict[str, Answer]) -> tuple[LadderPlacement, ...]:
    placements = []
    for question in bank.questions:
        answer = answers.get(question.id)
        if question.type is QuestionType.LADDER and answer and isinstance(answer.value, str):
            placements.append(LadderPlacement(question, bank.framework.rung(answer.value)))
    return tuple(placements)
