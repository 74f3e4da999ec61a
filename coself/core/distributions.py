"""How each group's answers spread in a combined report: per question and per section.

Counted as each perspective's respondents are counted in (core/respondents.py): one count per
question, answer and perspective, and one per section, stage and perspective, never the
answers of one respondent, so a combined report stays the same size however many answered.
Only the perspectives large enough to show are counted into what is reported (the whole is the
shown perspectives together), so nothing in it depends on the answers of a group too small to
show. The rule for one question's answers is coself.core.spread's, worked out from the counts
(counted_spread).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from coself.core.model import Answer, AnswerValue, Bank, Perspective, Question, Special, Stage
from coself.core.spread import Spread, counted_median, counted_spread


@dataclass(frozen=True, slots=True)
class GroupSpread:
    """One group's answers to one question: None as perspective is every shown group together."""

    perspective: Perspective | None
    asked: int  # respondents whose bank asks the question
    spread: Spread

    @property
    def no_answer(self) -> int:
        """Respondents asked who gave no answer (or skipped the question)."""
        return self.asked - self.spread.total


@dataclass(frozen=True, slots=True)
class QuestionSpread:
    """How the shown groups answered one question: all of them together first, then each."""

    question: Question
    groups: tuple[GroupSpread, ...]

    @property
    def whole(self) -> GroupSpread:
        return self.groups[0]

    @property
    def split_groups(self) -> tuple[GroupSpread, ...]:
        """The groups split on this question (the whole included): a conversation to have."""
        return tuple(g for g in self.groups if g.spread.split)


@dataclass(frozen=True, slots=True)
class StageCounts:
    """How many of one group's respondents reach each stage in one section on their own."""

    perspective: Perspective | None  # None: every shown group together
    counts: tuple[int, ...]  # one per stage, lowest first
    not_enough: int  # respondents whose answers were too few for a stage
    median: float | None  # the middle stage's index (halfway between two: .5)

    @property
    def respondents(self) -> int:
        return sum(self.counts) + self.not_enough


@dataclass(frozen=True, slots=True)
class SectionSpread:
    """How the shown groups' respondents spread over the stages in one section."""

    id: str
    title: str
    stages: tuple[Stage, ...]
    groups: tuple[StageCounts, ...]  # all shown groups together first, then each


class AnswerCounts:
    """One perspective's running counts: answers per question, stages per section, banks."""

    __slots__ = ("answers", "banks", "stages")

    def __init__(self) -> None:
        # How many gave each (question id, answer): counted in one step per respondent.
        self.answers: Counter[tuple[str, AnswerValue]] = Counter()
        # Respondents per bank (by id and version, as the Combiner keeps banks), to know who
        # was asked what.
        self.banks: dict[tuple[str, str], tuple[Bank, int]] = {}
        self.stages: dict[str, dict[str | None, int]] = {}  # section: stage id (None): count

    def add(
        self,
        bank: Bank,
        answers: Iterable[tuple[str, AnswerValue]],
        stages: Iterable[tuple[str, str | None]],
    ) -> None:
        key = (bank.id, bank.version)
        self.banks[key] = (bank, self.banks[key][1] + 1 if key in self.banks else 1)
        self.answers.update(answers)
        for section, stage in stages:
            counts = self.stages.setdefault(section, {})
            counts[stage] = counts.get(stage, 0) + 1

    def by_question(self) -> dict[str, dict[AnswerValue, int]]:
        """How many gave each answer, by question id."""
        found: dict[str, dict[AnswerValue, int]] = {}
        for (qid, value), n in self.answers.items():
            found.setdefault(qid, {})[value] = n
        return found

    def asked(self) -> dict[str, int]:
        """How many respondents were asked each question (their bank has it), by question id."""
        asked: dict[str, int] = {}
        for bank, n in self.banks.values():
            for question in bank.questions:
                asked[question.id] = asked.get(question.id, 0) + n
        return asked


Shown = Sequence[tuple[Perspective, AnswerCounts]]
# A shown group's answer counts by question, and how many of it were asked each question.
_Group = tuple[Perspective, dict[str, dict[AnswerValue, int]], dict[str, int]]
_Key = TypeVar("_Key")


def question_spreads(banks: Sequence[Bank], shown: Shown) -> tuple[QuestionSpread, ...]:
    """Each question any shown group answered, in the banks' order; split ones first."""
    groups = [(p, counts.by_question(), counts.asked()) for p, counts in shown]
    found: list[QuestionSpread] = []
    seen: set[str] = set()
    for bank in banks if groups else ():
        for question in bank.questions:
            if question.id in seen:
                continue
            seen.add(question.id)
            one = _question_spread(bank, question, groups)
            if one is not None:
                found.append(one)
    # Conversations to have lead; otherwise the banks' order is kept (sorted is stable).
    return tuple(sorted(found, key=lambda q: not q.split_groups))


def _question_spread(
    bank: Bank, question: Question, groups: Sequence[_Group]
) -> QuestionSpread | None:
    qid = question.id
    asked = [(p, answers.get(qid, {}), n) for p, answers, by_id in groups if (n := by_id.get(qid))]
    if not any(counts for _, counts, _ in asked):
        return None
    each = [GroupSpread(p, n, counted_spread(bank, question, counts)) for p, counts, n in asked]
    if len(each) == 1:  # everyone shown is that one group
        return QuestionSpread(question, (GroupSpread(None, each[0].asked, each[0].spread), *each))
    together = _added(counts for _, counts, _ in asked)
    everyone = GroupSpread(
        None, sum(g.asked for g in each), counted_spread(bank, question, together)
    )
    return QuestionSpread(question, (everyone, *each))


def _added(counts: Iterable[Mapping[_Key, int]]) -> dict[_Key, int]:
    """Several groups' counts added up, key by key (in the order the keys are first met)."""
    together: dict[_Key, int] = {}
    for one in counts:
        for key, n in one.items():
            together[key] = together.get(key, 0) + n
    return together


def section_spreads(
    bank: Bank, sections: Iterable[tuple[str, str]], shown: Shown
) -> tuple[SectionSpread, ...]:
    """How respondents' own stages spread in each section, for everyone shown and each group."""
    spreads = []
    for sid, title in sections:
        groups = [(p, counts.stages[sid]) for p, counts in shown if sid in counts.stages]
        if not groups:
            continue
        counted = [_stage_counts(bank, None, _added(stages for _, stages in groups))]
        counted += [_stage_counts(bank, p, stages) for p, stages in groups]
        spreads.append(SectionSpread(sid, title, bank.stages, tuple(counted)))
    return tuple(spreads)


def _stage_counts(
    bank: Bank, perspective: Perspective | None, stages: dict[str | None, int]
) -> StageCounts:
    ids = [s.id for s in bank.stages]
    counts = tuple(stages.get(sid, 0) for sid in ids)
    # A stage the stage bank does not have cannot be placed: it counts as not enough answers.
    not_enough = sum(n for stage, n in stages.items() if stage not in ids)
    middle = counted_median(list(enumerate(counts)))
    return StageCounts(perspective, counts, not_enough, middle)


def given(answers: Mapping[str, Answer]) -> tuple[tuple[str, AnswerValue], ...]:
    """The answers that count in a distribution, as (question id, value): skipped ones are no
    answer."""
    skipped = Special.SKIPPED  # named once: a member looked up on its Enum class is slow (3.11)
    return tuple((qid, a.value) for qid, a in answers.items() if a.value is not skipped)
