"""The action plan: one owned action per red flag, top priority and large perception gap.

A plan is made from a report (one assessment, or several combined) and then kept by hand: each
action has an owner, a due date, a status and a note of what changed. Only perspectives a
combined report shows are named, so a plan never points at a group smaller than the minimum.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from coself.core.combine import Combined, Gap
from coself.core.model import Bank, Perspective, Question
from coself.core.scoring import Result
from coself.errors import UsageError

PLAN_FORMAT = 1
RED_FLAG, PRIORITY, GAP = "red-flag", "priority", "gap"
KINDS = (RED_FLAG, PRIORITY, GAP)
GAP_KINDS = ("pair", "recommendation")  # sections and principles sum these up: no action twice
TOP_PRIORITIES = 3
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class ActionStatus(enum.Enum):
    PLANNED = "planned"
    DOING = "doing"
    DONE = "done"
    DROPPED = "dropped"


STATUSES = ", ".join(s.value for s in ActionStatus)


@dataclass(frozen=True)
class PlanAction:
    """One thing to do about one finding, and where it came from."""

    id: str  # stable: the kind and the question, pair or recommendation id it comes from
    kind: str  # red-flag, priority or gap
    subject: str  # the question (or recommendation) as asked, in the bank's words
    finding: str  # what the report found, in a sentence
    questions: tuple[str, ...]  # the question ids the action rests on
    recommendations: tuple[str, ...]
    raised_by: tuple[Perspective, ...]  # for a gap, the group that sees it less well comes first
    action: str  # the suggested action, from the bank
    guide: str  # the guide page (URL) the action comes from
    owner: str | None = None
    due: str | None = None  # YYYY-MM-DD
    status: ActionStatus = ActionStatus.PLANNED
    what_changed: str | None = None


@dataclass(frozen=True)
class Plan:
    organisation: str
    made: str  # the date the plan was made, YYYY-MM-DD
    banks: tuple[tuple[str, str], ...]  # (id, version)
    groups: tuple[tuple[Perspective, int], ...]  # respondents of each perspective shown
    min_group: int
    actions: tuple[PlanAction, ...]

    def action(self, action_id: str) -> PlanAction:
        """The action with this id; UsageError naming the ids there are when there is none."""
        for action in self.actions:
            if action.id == action_id:
                return action
        known = ", ".join(a.id for a in self.actions) or "none"
        raise UsageError(f"the plan has no action {action_id!r} (its actions: {known})")


def date_problem(text: str) -> str | None:
    """Why text is not a date written YYYY-MM-DD, or None when it is one."""
    if _DATE.match(text):
        try:
            dt.date.fromisoformat(text)
            return None
        except ValueError:
            return f"{text!r} is not a date on the calendar"
    return f"{text!r} is not a date written YYYY-MM-DD (such as 2027-03-31)"


def _first_action(questions: Sequence[Question]) -> tuple[str, str]:
    """The suggested action and its guide page: the first question's first action."""
    for question in questions:
        if question.actions:
            first = question.actions[0]
            return first.text, first.page.url
    return "", ""


def _recommendations(questions: Iterable[Question]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r for q in questions for r in q.recommendations))


def _question_action(
    kind: str, question: Question, finding: str, raised_by: tuple[Perspective, ...]
) -> PlanAction:
    text, guide = _first_action([question])
    return PlanAction(
        f"{kind}-{question.id}",
        kind,
        question.text,
        finding,
        (question.id,),
        question.recommendations,
        raised_by,
        text,
        guide,
    )


def plan_from_result(result: Result, made: str) -> Plan:
    """The plan for one assessment: its red flags, then its priorities."""
    who = (result.answers.perspective,)
    actions = [
        _question_action(RED_FLAG, q, "Answered the worrying way: a sign of tokenism.", who)
        for q in result.red_flags
    ]
    actions += [
        _question_action(PRIORITY, h.question, f"Answered at level {h.level} of 4.", who)
        for h in result.priorities
    ]
    bank = result.bank
    return Plan(
        result.answers.organisation,
        made,
        ((bank.id, bank.version),),
        ((result.answers.perspective, 1),),
        1,
        tuple(actions),
    )


class PriorityCount:
    """How often each question was among respondents' own top priorities, by perspective:
    a combined view's priorities are the questions most often a respondent's priority."""

    def __init__(self) -> None:
        self._questions: dict[str, Question] = {}
        self._counts: dict[str, dict[Perspective, int]] = {}
        self.banks: dict[Perspective, set[str]] = {}  # the banks each perspective answered

    def add(self, result: Result) -> None:
        self.banks.setdefault(result.answers.perspective, set()).add(result.bank.id)
        for highlight in result.priorities:
            question = highlight.question
            self._questions.setdefault(question.id, question)
            by = self._counts.setdefault(question.id, {})
            by[result.answers.perspective] = by.get(result.answers.perspective, 0) + 1

    def top(self, shown: Sequence[Perspective]) -> list[PlanAction]:
        """The most common priorities among the perspectives shown, ties in the order met."""
        counted = []
        for qid, by in self._counts.items():
            who = tuple(p for p in shown if by.get(p))
            if who:
                counted.append((sum(by[p] for p in who), qid, who))
        counted.sort(key=lambda c: -c[0])  # a stable sort keeps the order met for ties
        return [
            _question_action(
                PRIORITY,
                self._questions[qid],
                f"Among the top priorities of {n} respondent(s).",
                who,
            )
            for n, qid, who in counted[:TOP_PRIORITIES]
        ]


def plan_from_combined(combined: Combined, priorities: PriorityCount, made: str) -> Plan:
    """The plan for a combined view: red flags, top priorities, then large perception gaps;
    only perspectives the combined report shows are named."""
    shown = [v.perspective for v in combined.views if v.shown]
    actions = [
        _question_action(
            RED_FLAG,
            flag.question,
            f"Answered the worrying way by {flag.count} respondent(s).",
            flag.perspectives,
        )
        for flag in combined.red_flags
    ]
    actions += priorities.top(shown)
    seen: set[tuple[str, ...]] = set()
    for gap in combined.gaps:
        if gap.kind in GAP_KINDS and gap.spread >= combined.gap_threshold:
            action = _gap_action(gap, combined.banks, priorities.banks.get(gap.low, set()))
            if action.questions not in seen:  # a pair's recommendation is the same gap again
                seen.add(action.questions)
                actions.append(action)
    return Plan(
        combined.organisation,
        made,
        tuple((b.id, b.version) for b in combined.banks),
        tuple((v.perspective, v.respondents) for v in combined.views if v.shown),
        combined.min_group,
        tuple(actions),
    )


def _gap_action(gap: Gap, banks: Sequence[Bank], low_banks: set[str]) -> PlanAction:
    """A gap's action rests on the questions behind it: the mirrored questions of a pair, or
    every scored question with the recommendation; those asked of the less positive group
    (from `low_banks`) come first, and the first of them is what the action is about."""
    if gap.kind == "pair":
        found = [(b.id, q) for b in banks for q in b.questions if q.pair == gap.id]
        about = ""
    else:
        found = [(b.id, q) for b in banks for q in b.questions if q.counts]
        found = [(b, q) for b, q in found if gap.id in q.recommendations]
        about = f"On {gap.id} ({gap.title}): "
    found.sort(key=lambda item: item[0] not in low_banks)  # a stable sort keeps bank order
    questions = [q for _, q in found]
    subject = questions[0].text if questions else gap.title
    text, guide = _first_action(questions)
    finding = (
        f"{about}{gap.low.label.capitalize()} score it {gap.low_score:.1f} and "
        f"{gap.high.label} {gap.high_score:.1f}: {gap.spread:.1f} points apart."
    )
    return PlanAction(
        f"gap-{gap.kind}-{gap.id}",
        GAP,
        subject,
        finding,
        tuple(q.id for q in questions),
        _recommendations(questions) or (gap.id,),
        (gap.low, gap.high),
        text,
        guide,
    )


def update_action(
    plan: Plan,
    action_id: str,
    *,
    status: ActionStatus | None = None,
    what_changed: str | None = None,
    owner: str | None = None,
    due: str | None = None,
) -> Plan:
    """The plan with one action changed (None leaves a field as it is); UsageError for an
    unknown id or a due date that is not a date."""
    found = plan.action(action_id)
    if due is not None and (problem := date_problem(due)):
        raise UsageError(f"--due {problem}")
    changed = replace(
        found,
        status=found.status if status is None else status,
        what_changed=found.what_changed if what_changed is None else what_changed,
        owner=found.owner if owner is None else owner,
        due=found.due if due is None else due,
    )
    return replace(plan, actions=tuple(changed if a is found else a for a in plan.actions))


OVERDUE = "overdue"
SHOWN_ORDER = (OVERDUE, "doing", "planned", "done", "dropped")


def is_overdue(action: PlanAction, today: str) -> bool:
    """Not finished and past its due date (dates written YYYY-MM-DD sort as text)."""
    unfinished = action.status in (ActionStatus.PLANNED, ActionStatus.DOING)
    return unfinished and action.due is not None and action.due < today


def by_status(plan: Plan, today: str) -> list[tuple[str, list[PlanAction]]]:
    """The actions in groups, overdue ones first, then doing, planned, done and dropped; each
    group in the plan's order (overdue by due date). Empty groups are left out."""
    groups: dict[str, list[PlanAction]] = {name: [] for name in SHOWN_ORDER}
    for action in plan.actions:
        name = OVERDUE if is_overdue(action, today) else action.status.value
        groups[name].append(action)
    groups[OVERDUE].sort(key=lambda a: a.due or "")
    return [(name, actions) for name, actions in groups.items() if actions]
