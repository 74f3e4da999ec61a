"""Mirrored questions across banks: one pair, the same recommendations and principles."""

from __future__ import annotations

from dataclasses import replace

from coself.core.located import Mark
from coself.core.model import Bank, Question
from coself.core.pairs import pair_problems, pairs_of
from coself.io.banks import Library


def _with_pairs(bank: Bank, changes: dict[str, dict[str, object]]) -> Bank:
    questions = tuple(
        replace(q, **changes[q.id]) if q.id in changes else q  # type: ignore[arg-type]
        for q in bank.questions
    )
    return replace(bank, questions=questions)


def test_matching_pairs_pass(library: Library) -> None:
    mini = _with_pairs(library.get("mini"), {"c-one": {"pair": "listen"}})
    voices = _with_pairs(
        library.get("minivoices"),
        {"v-c1": {"pair": "listen", "principles": ("equality", "diversity")}},
    )
    assert pair_problems([mini, voices]) == []
    assert [q.id for _, q in pairs_of([mini, voices])["listen"]] == ["c-one", "v-c1"]


def test_different_tags_on_a_pair_are_located(library: Library) -> None:
    mini = _with_pairs(library.get("mini"), {"c-one": {"pair": "listen"}})
    voices = _with_pairs(
        library.get("minivoices"), {"v-c1": {"pair": "listen", "mark": Mark(40, 5)}}
    )
    (problem,) = pair_problems([mini, voices])
    assert str(problem) == (
        f"{voices.source}:40:5: v-c1: pair 'listen': principles [equality] differ from "
        f"[equality, diversity] on 'c-one' in {mini.source}"
    )


def test_a_pair_used_twice_in_one_bank_is_refused(library: Library) -> None:
    mini = _with_pairs(
        library.get("mini"),
        {
            "c-one": {"pair": "listen"},
            "c-three": {"pair": "listen", "principles": ("equality", "diversity")},
        },
    )
    (problem,) = pair_problems([mini])
    assert (
        problem.subject == "c-three" and "pair 'listen' is also used by 'c-one'" in problem.message
    )


def test_questions_of_one_pair_are_plain_data() -> None:
    assert pairs_of([]) == {}
    assert Question.__dataclass_fields__["pair"].default is None
