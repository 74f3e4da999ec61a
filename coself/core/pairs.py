"""Mirrored questions: the same thing asked in two banks must be tagged the same way in both.

Questions share a `pair` id when they ask different people about the same thing (staff in the
organisation bank, people who draw on care in the voices bank). Their answers are set side by
side in combined reports, so they must carry the same recommendation ids and principles.
"""

from __future__ import annotations

from collections.abc import Iterable

from coself.core.model import Bank, Question
from coself.errors import Problem


def pairs_of(banks: Iterable[Bank]) -> dict[str, list[tuple[Bank, Question]]]:
    """Every pair id, with the questions (and their banks) that carry it, in bank order."""
    found: dict[str, list[tuple[Bank, Question]]] = {}
    for bank in banks:
        for question in bank.questions:
            if question.pair:
                found.setdefault(question.pair, []).append((bank, question))
    return found


def pair_problems(banks: Iterable[Bank]) -> list[Problem]:
    """A located problem for each pair id used twice in one bank, or tagged differently."""
    problems: list[Problem] = []
    for pair, members in pairs_of(banks).items():
        seen: dict[str, Question] = {}
        for bank, question in members:
            if bank.id in seen:
                problems.append(
                    _problem(
                        bank,
                        question,
                        f"pair {pair!r} is also used by {seen[bank.id].id!r} in this bank",
                    )
                )
            seen.setdefault(bank.id, question)
        first_bank, first = members[0]
        for bank, question in members[1:]:
            if bank.id == first_bank.id:
                continue
            for what, mine, theirs in (
                ("recommendations", question.recommendations, first.recommendations),
                ("principles", question.principles, first.principles),
            ):
                if set(mine) != set(theirs):
                    where = first_bank.source or first_bank.id
                    problems.append(
                        _problem(
                            bank,
                            question,
                            f"pair {pair!r}: {what} [{', '.join(mine)}] differ from "
                            f"[{', '.join(theirs)}] on {first.id!r} in {where}",
                        )
                    )
    return problems


def _problem(bank: Bank, question: Question, message: str) -> Problem:
    mark = question.mark
    return Problem(bank.source or bank.id, mark.line, mark.col, message, question.id)
