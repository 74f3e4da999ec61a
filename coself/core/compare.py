"""Change over time: the same organisation's answers before and after, side by side.

Each side is one respondent's result, or several combined (each perspective counting equally).
Both sides must use the same banks. Where the bank versions differ, only the questions the two
versions share are scored on both sides, so that like is compared with like.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from coself.core.combine import combine
from coself.core.model import QuestionType
from coself.core.scoring import Figure, Result, ladder_spread, round1, score
from coself.errors import MismatchError


@dataclass(frozen=True)
class Side:
    """One side of a comparison: its figures, red flags and ladder."""

    respondents: int
    banks: tuple[tuple[str, str], ...]  # (id, version)
    overall: Figure
    sections: tuple[Figure, ...]
    principles: tuple[Figure, ...]
    questions: dict[str, float]  # mean level of each level question answered on this side
    red_flags: tuple[str, ...]  # question ids raised
    ladder: dict[str, int]  # decisions at doing to / doing for / doing with


@dataclass(frozen=True)
class Change:
    id: str
    title: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round1(self.after - self.before)


@dataclass(frozen=True)
class Comparison:
    before: Side
    after: Side
    overall: Change
    sections: tuple[Change, ...]
    principles: tuple[Change, ...]
    questions: tuple[Change, ...]
    common: tuple[int, int] | None  # (questions in common, questions in either) if versions differ
    texts: dict[str, str]  # question id -> text, for red flags and questions

    @property
    def improved(self) -> tuple[Change, ...]:
        return self._moved(1)

    @property
    def declined(self) -> tuple[Change, ...]:
        return self._moved(-1)

    def _moved(self, sign: int) -> tuple[Change, ...]:
        moved = [
            c
            for c in (*self.sections, *self.principles, *self.questions)
            if c.change is not None and c.change * sign > 0
        ]
        return tuple(sorted(moved, key=lambda c: -abs(c.change or 0.0)))


def _restrict(results: Sequence[Result], keep: set[str]) -> list[Result]:
    """Score again with only the questions both versions share."""
    out = []
    for result in results:
        answers = result.answers
        kept = {q: a for q, a in answers.answers.items() if q in keep}
        out.append(score(result.bank, replace(answers, answers=MappingProxyType(kept))))
    return out


def _side(results: Sequence[Result]) -> Side:
    if len(results) == 1:
        only = results[0]
        overall, sections, principles = only.overall, only.sections, only.principles
    else:
        combined = combine(results)
        overall, sections, principles = combined.overall, combined.sections, combined.principles
    levels: dict[str, list[int]] = {}
    flags: dict[str, None] = {}
    for result in results:
        for question in result.bank.questions:
            answer = result.answers.answers.get(question.id)
            if question.type is QuestionType.LEVEL and answer and type(answer.value) is int:
                levels.setdefault(question.id, []).append(answer.value)
        flags.update(dict.fromkeys(q.id for q in result.red_flags))
    banks = tuple(sorted({(r.bank.id, r.bank.version) for r in results}))
    return Side(
        len(results),
        banks,
        overall,
        sections,
        principles,
        {q: sum(v) / len(v) for q, v in levels.items()},
        tuple(flags),
        ladder_spread(p for r in results for p in r.ladder),
    )


def compare(before: Sequence[Result], after: Sequence[Result]) -> Comparison:
    """Compare two sets of results; refuse (MismatchError) when they use different banks."""
    before_ids = {r.bank.id for r in before}
    after_ids = {r.bank.id for r in after}
    if before_ids != after_ids:
        raise MismatchError(
            f"cannot compare answers to different banks: before uses "
            f"{', '.join(sorted(before_ids))}, after uses "
            f"{', '.join(sorted(after_ids))}"
        )
    texts = {q.id: q.text for r in (*before, *after) for q in r.bank.questions}
    common = None
    before_banks = {r.bank.version: r.bank for r in before}
    after_banks = {r.bank.version: r.bank for r in after}
    if set(before_banks) != set(after_banks):
        old = {q.id for b in before_banks.values() for q in b.questions}
        new = {q.id for b in after_banks.values() for q in b.questions}
        common = (len(old & new), len(old | new))
        before, after = _restrict(before, old & new), _restrict(after, old & new)
    first, second = _side(before), _side(after)

    def changes(a: Sequence[Figure], b: Sequence[Figure]) -> tuple[Change, ...]:
        later = {f.id: f for f in b}
        return tuple(
            Change(f.id, f.title, f.score, later[f.id].score if f.id in later else None) for f in a
        )

    question_ids = [q for q in texts if q in first.questions or q in second.questions]
    questions = tuple(
        Change(q, texts[q], _round(first.questions.get(q)), _round(second.questions.get(q)))
        for q in question_ids
    )
    return Comparison(
        first,
        second,
        Change("overall", "Overall", first.overall.score, second.overall.score),
        changes(first.sections, second.sections),
        changes(first.principles, second.principles),
        questions,
        common,
        texts,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
