"""Change over time: the same organisation's answers before and after, side by side.

Each side is one respondent's result, or several combined (each perspective counting equally).
Both sides must use the same banks. Where the bank versions differ, only questions found on both
sides are scored, so that like is compared with like: a bank that names its `previous_version`
links each of its questions to the old one it `replaces` (and only those links count); other
banks share the questions whose ids are the same in both versions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from coself.core.combine import combine
from coself.core.model import Bank
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
    """One figure before and after: a score out of 100 (overall, a section or a principle) or a
    question's answer as a level from 0 to 4 (the mean where several answered)."""

    id: str
    title: str
    before: float | None
    after: float | None
    kind: str = "question"  # "overall", "section", "principle" or "question"

    @property
    def is_score(self) -> bool:
        """Points out of 100, not a level from 0 to 4."""
        return self.kind != "question"

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
        """Scores that rose (points out of 100), the largest rise first."""
        return _moved((self.overall, *self.sections, *self.principles), 1)

    @property
    def declined(self) -> tuple[Change, ...]:
        """Scores that fell (points out of 100), the largest fall first."""
        return _moved((self.overall, *self.sections, *self.principles), -1)

    @property
    def answers_improved(self) -> tuple[Change, ...]:
        """Answers that rose (levels 0 to 4): never ranked with scores, a different unit."""
        return _moved(self.questions, 1)

    @property
    def answers_declined(self) -> tuple[Change, ...]:
        """Answers that fell (levels 0 to 4)."""
        return _moved(self.questions, -1)


def _moved(changes: Sequence[Change], sign: int) -> tuple[Change, ...]:
    moved = [c for c in changes if c.change is not None and c.change * sign > 0]
    return tuple(sorted(moved, key=lambda c: -abs(c.change or 0.0)))


Link = tuple[str, str]  # (question id before, question id after)


def _restrict(results: Sequence[Result], keep: set[str], bank_id: str) -> list[Result]:
    """Score this bank's results again with only the questions that are kept."""
    out = []
    for result in results:
        answers = result.answers
        if result.bank.id != bank_id:
            out.append(result)
            continue
        kept = {q: a for q, a in answers.answers.items() if q in keep}
        out.append(score(result.bank, replace(answers, answers=MappingProxyType(kept))))
    return out


def _links(old: Sequence[Bank], new: Sequence[Bank]) -> list[Link]:
    """Which old question each new one stands for: the explicit mapping where a bank names the
    other side's version as its previous one, else the ids both versions share."""
    for later, earlier, flip in ((new, old, False), (old, new, True)):
        versions = {b.version for b in earlier}
        if any(b.previous_version in versions for b in later):
            known = {q.id for b in earlier for q in b.questions}
            found = [
                (q.replaces, q.id)
                for b in later
                for q in b.questions
                if q.replaces in known and q.replaces
            ]
            return [(n, o) for o, n in found] if flip else found
    old_ids = {q.id: None for b in old for q in b.questions}
    return [(q, q) for q in dict.fromkeys(q.id for b in new for q in b.questions) if q in old_ids]


def _across_versions(
    before: Sequence[Result], after: Sequence[Result]
) -> tuple[list[Result], list[Result], list[Link], tuple[int, int] | None]:
    """Both sides cut down to the questions they have in common, bank by bank; the links; and
    (questions in common, questions on either side) when any bank's versions differ."""
    links: list[Link] = []
    common = [0, 0]
    differ = False
    for bank_id in dict.fromkeys(r.bank.id for r in (*before, *after)):
        old = list({r.bank.version: r.bank for r in before if r.bank.id == bank_id}.values())
        new = list({r.bank.version: r.bank for r in after if r.bank.id == bank_id}.values())
        if {b.version for b in old} == {b.version for b in new}:
            ids = dict.fromkeys(q.id for b in new for q in b.questions)
            links += [(q, q) for q in ids]
            continue
        differ = True
        found = _links(old, new)
        links += found
        old_ids = {q.id for b in old for q in b.questions}
        new_ids = {q.id for b in new for q in b.questions}
        matched_old, matched_new = {o for o, _ in found}, {n for _, n in found}
        common[0] += len(matched_new)
        common[1] += len(new_ids) + len(old_ids - matched_old)
        before = _restrict(before, matched_old, bank_id)
        after = _restrict(after, matched_new, bank_id)
    return list(before), list(after), links, (common[0], common[1]) if differ else None


def _side(results: Sequence[Result]) -> Side:
    if len(results) == 1:
        only = results[0]
        overall, sections, principles = only.overall, only.sections, only.principles
    else:
        # Every respondent counts, as in the question changes below: compare has no --min-group.
        combined = combine(results, min_group=1)
        overall, sections, principles = combined.overall, combined.sections, combined.principles
    levels: dict[str, list[int]] = {}
    flags: dict[str, None] = {}
    for result in results:
        for question in result.bank.questions:
            answer = result.answers.answers.get(question.id)
            level = None if answer is None else question.level_of(answer.value)
            if level is not None:
                levels.setdefault(question.id, []).append(level)
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
    texts.update({q.id: q.text for r in after for q in r.bank.questions})
    before, after, links, common = _across_versions(before, after)
    first, second = _side(before), _side(after)

    def changes(a: Sequence[Figure], b: Sequence[Figure], kind: str) -> tuple[Change, ...]:
        later = {f.id: f for f in b}
        return tuple(
            Change(f.id, f.title, f.score, later[f.id].score if f.id in later else None, kind)
            for f in a
        )

    questions = tuple(
        Change(new, texts[new], _round(first.questions.get(old)), _round(second.questions.get(new)))
        for old, new in links
        if old in first.questions or new in second.questions
    )
    return Comparison(
        first,
        second,
        Change("overall", "Overall", first.overall.score, second.overall.score, "overall"),
        changes(first.sections, second.sections, "section"),
        changes(first.principles, second.principles, "principle"),
        questions,
        common,
        texts,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
