"""coself's scorer against a plain reference scorer written from the README's rule alone.

The reference below is deliberately slow and obvious: one list per section or principle, sums
written out. A hypothesis property checks that `coself.core.scoring.score` agrees with it on
random banks (the test banks and the shipped banks, with random question and section weights)
and random answers (levels, na, dont_know, skipped, blank, ladder rungs and red flags)."""

from __future__ import annotations

import dataclasses
from typing import Any

from conftest import MINI_DIR, make_answers
from hypothesis import given, settings
from hypothesis import strategies as st

from coself.core.model import Answer, Answers, Bank, QuestionType, Special
from coself.core.scoring import round1, score
from coself.io.banks import load_library

LIBRARY = load_library([MINI_DIR])
BANKS = [LIBRARY.get(b) for b in ("mini", "minivoices", "organisation", "voices")]
BANKS += [LIBRARY.find(b, "1.0.0") for b in ("organisation", "voices")]  # type: ignore[misc]


NUMBERED = (QuestionType.LEVEL, QuestionType.FREQUENCY)


def _counts(question: Any) -> bool:
    """Level and frequency questions count, and yes/no questions the bank marks scored."""
    return question.type in NUMBERED or (question.type is QuestionType.YESNO and question.scored)


def _level(answer: Answer | None, question: Any) -> int | None:
    if answer is None:
        return None
    if question.type in NUMBERED and isinstance(answer.value, int):
        return answer.value
    if question.type is QuestionType.YESNO and answer.value in ("yes", "no"):
        return 4 if answer.value == "yes" else 0
    return None


def reference(bank: Bank, answers: Answers) -> dict[str, Any]:
    """The README's 'How scores are worked out', step by step."""
    given = answers.answers
    levelled = [q for q in bank.questions if _counts(q)]

    def group(questions: list[Any]) -> tuple[float | None, tuple[int, ...]]:
        answered = [q for q in questions if _level(given.get(q.id), q) is not None]
        values = [given[q.id].value if q.id in given else None for q in questions]
        na = values.count(Special.NA)
        dont_know = values.count(Special.DONT_KNOW)
        tally = (len(questions), len(answered), na, dont_know)
        tally += (len(questions) - len(answered) - na - dont_know,)
        if not answered:
            return None, tally
        top = sum(q.weight * _level(given[q.id], q) / 4 for q in answered)  # type: ignore[operator]
        return 100 * top / sum(q.weight for q in answered), tally

    sections = {s.id: group([q for q in levelled if q.section == s.id]) for s in bank.sections}
    principles = {
        p.id: group([q for q in levelled if p.id in q.principles])
        for p in bank.framework.principles
    }
    weights = {s.id: s.weight for s in bank.sections}
    scored = [(weights[sid], exact) for sid, (exact, _) in sections.items() if exact is not None]
    overall = (
        sum(w * v for w, v in scored) / sum(w for w, _ in scored) if scored else None,
        group(levelled)[1],
    )
    levels = {q.id: _level(given.get(q.id), q) for q in levelled}
    answered = [q for q in levelled if levels[q.id] is not None]
    low = sorted(
        (q for q in answered if levels[q.id] < 4),  # type: ignore[operator]
        key=lambda q: -q.weight * (4 - levels[q.id]),  # type: ignore[operator]
    )[:3]
    high = sorted(
        (q for q in answered if levels[q.id] >= 3 and q not in low),  # type: ignore[operator]
        key=lambda q: -q.weight * levels[q.id],  # type: ignore[operator]
    )[:3]
    return {
        "levels": {qid: level for qid, level in levels.items() if level is not None},
        "sections": sections,
        "principles": principles,
        "overall": overall,
        "priorities": [q.id for q in low],
        "strengths": [q.id for q in high],
        "find_out": [q.id for q in bank.questions if _value(given, q.id) is Special.DONT_KNOW],
        "red_flags": [
            q.id
            for q in bank.questions
            if q.type is QuestionType.YESNO
            and q.red_flag_if is not None
            and _value(given, q.id) == q.red_flag_if
        ],
        "ladder": [
            (q.id, _value(given, q.id))
            for q in bank.questions
            if q.type is QuestionType.LADDER and isinstance(_value(given, q.id), str)
        ],
    }


def _value(given: Any, qid: str) -> object:
    return given[qid].value if qid in given else None


def _options(bank: Bank, question: Any) -> list[object]:
    common: list[object] = [None, "dont_know", "skipped"] + (["na"] if question.allow_na else [])
    if question.type in NUMBERED:
        return [*common, 0, 1, 2, 3, 4]
    if question.type is QuestionType.YESNO:
        return [*common, "yes", "no"]
    return [*common, "not-involved", *(r.id for r in bank.framework.ladder)]


@st.composite
def banks_and_answers(draw):  # type: ignore[no-untyped-def]
    bank = draw(st.sampled_from(BANKS))
    weight = st.sampled_from([0.5, 1, 1.5, 2, 3, 0.25])
    questions = tuple(dataclasses.replace(q, weight=draw(weight)) for q in bank.questions)
    sections = tuple(dataclasses.replace(s, weight=draw(weight)) for s in bank.sections)
    bank = dataclasses.replace(bank, questions=questions, sections=sections)
    values = {}
    for question in bank.questions:
        value = draw(st.sampled_from(_options(bank, question)))
        if value is not None:
            values[question.id] = value
    return bank, make_answers(bank, values)


@settings(max_examples=300, deadline=None)
@given(banks_and_answers())
def test_the_scorer_agrees_with_the_reference(case) -> None:  # type: ignore[no-untyped-def]
    bank, answers = case
    result, expected = score(bank, answers), reference(bank, answers)
    for kind in ("sections", "principles"):
        for figure in getattr(result, kind):
            exact, tally = expected[kind][figure.id]
            assert figure.exact == exact and tuple(figure.tally) == tally, (kind, figure.id)
            assert figure.score == (None if exact is None else round1(exact))
    exact, tally = expected["overall"]
    assert result.overall.exact == exact and tuple(result.overall.tally) == tally
    assert [h.question.id for h in result.priorities] == expected["priorities"]
    assert [h.question.id for h in result.strengths] == expected["strengths"]
    assert [q.id for q in result.find_out] == expected["find_out"]
    assert [q.id for q in result.red_flags] == expected["red_flags"]
    assert [(p.question.id, p.rung.id) for p in result.ladder] == expected["ladder"]
    assert result.levels == expected["levels"]
