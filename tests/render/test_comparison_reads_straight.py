"""A comparison reads straight: scores (points out of 100) are never ranked with answers (levels
0 to 4), the overall line gives the stage before and after, and every format has the ladder."""

from __future__ import annotations

import json
import re

import pytest
from conftest import make_answers
from test_golden import combined_report, comparison_report

from coself.core.compare import Comparison, compare
from coself.core.model import Bank
from coself.core.scoring import score
from coself.io.banks import Library
from coself.render import Format, Kind, Meta, formats_for, render
from coself.render.terminal import as_text

BEFORE = {"c-one": 1, "c-two": 2, "r-one": 2, "flag-late": "yes", "ladder-design": "informing"}
AFTER = {"c-one": 3, "c-two": 2, "r-one": 1, "r-two": 4, "ladder-design": "co-design"}


@pytest.fixture
def comparison(mini: Bank) -> Comparison:
    return compare(
        [score(mini, make_answers(mini, BEFORE))], [score(mini, make_answers(mini, AFTER))]
    )


def shown(comparison: Comparison, fmt: Format) -> str:
    out = render(Kind.COMPARISON, fmt, comparison, Meta("2026-11-26", plain=True))
    text = as_text(out) if fmt is Format.TERMINAL else out
    text = re.sub(r"<[^>]+>", " ", text) if fmt is Format.HTML else text
    return " ".join(text.replace("|", " ").split())


def test_scores_and_answers_move_in_separate_lists(comparison: Comparison) -> None:
    for scores in (comparison.improved, comparison.declined):
        assert scores and all(c.is_score and c.kind != "question" for c in scores)
    for answers in (comparison.answers_improved, comparison.answers_declined):
        assert answers and all(c.kind == "question" for c in answers)
    assert comparison.overall in comparison.improved  # 47.2 -> 61.1


@pytest.mark.parametrize("fmt", [Format.TERMINAL, Format.MARKDOWN, Format.HTML])
def test_every_format_says_the_stage_and_keeps_the_units_apart(
    comparison: Comparison, fmt: Format
) -> None:
    text = shown(comparison, fmt)
    assert (
        "Overall score: 47.2 before (Developing), 61.1 after (Established): +13.9 points." in text
    )
    rose, fell = text.index("Scores that rose"), text.index("Answers that rose")
    assert "(+2.0 levels)" in text[fell:] and "levels" not in text[rose:fell]
    assert "Culture question one? (question): 1.0 to 3.0 (+2.0 levels)" in text
    assert "Culture (section): 41.7 to 58.3 (+16.6 points)" in text


@pytest.mark.parametrize("fmt", formats_for(Kind.COMPARISON))
def test_every_format_shows_the_ladder_then_and_now(comparison: Comparison, fmt: Format) -> None:
    if fmt is Format.JSON:
        data = json.loads(render(Kind.COMPARISON, fmt, comparison, Meta()))
        assert data["before"]["ladder"]["doing for"] == 1 == data["after"]["ladder"]["doing with"]
        assert (data["overall"]["stage_before"], data["overall"]["stage_after"]) == (
            "developing",
            "established",
        )
        assert data["answers_improved"] == ["c-one"] and "c-one" not in data["improved"]
        return
    text = shown(comparison, fmt)
    assert "The ladder then and now" in text
    assert "doing for 1 0" in text and "doing with 0 1" in text


def test_list_items_keep_their_kind_apart_from_their_title(library: Library) -> None:
    """No list glues a kind to a title ("- recommendation Risks are weighed..."): the kind
    follows the title in brackets, in the gaps of a combined report and in a comparison."""
    combined = as_text(render(Kind.COMBINED, Format.TERMINAL, combined_report(library), Meta()))
    changed = as_text(render(Kind.COMPARISON, Format.TERMINAL, comparison_report(library), Meta()))
    for text in (combined, changed):
        items = [line for line in text.splitlines() if line.startswith("- ")]
        assert items
        for kind in ("section", "principle", "recommendation", "question"):
            assert not [line for line in items if line.startswith(f"- {kind} ")], text
    assert "- Review (section): 100.0 points;" in combined
    assert "- Reciprocity (principle): 50.0 to 25.0 (-25.0 points)" in changed
