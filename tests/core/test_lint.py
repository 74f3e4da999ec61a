"""Plain-language checks: syllables, sentences, jargon, idioms, where findings point, Flesch."""

from __future__ import annotations

import pytest

from coself.core.lint import (
    EVERYDAY,
    PROFESSIONAL,
    Text,
    WordLists,
    bank_texts,
    flesch,
    lint_texts,
    sentences,
    syllables,
)
from coself.core.located import Mark

WORDS = WordLists(
    {"forum": "group", "co-production": "working together"},
    {"board": "the people in charge"},
    {"out of pocket": "having paid yourself"},
    frozenset({"everyone"}),
)


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("time", 1),
        ("times", 1),
        ("places", 2),
        ("planned", 1),
        ("decided", 3),
        ("people", 2),
        ("likely", 2),
        ("organisation", 5),
        ("step-free", 2),
        ("independent", 4),
    ],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def _lint(text: str, reading: str = EVERYDAY, explained: tuple[str, ...] = ()) -> list[str]:
    found = lint_texts([Text(text, Mark(3, 10), "q-one")], reading, WORDS, explained, "b.yaml")
    return [p.message for p in found]


def test_everyday_text_with_nothing_to_find() -> None:
    assert _lint("Do they ask you what you think? Everyone counts.") == []


def test_jargon_idiom_long_word_and_long_sentence() -> None:
    messages = _lint(
        "Our forums leave you out of pocket. "
        "This sentence has far more than fifteen short words in it so it is too long to read."
    )
    assert "'forums' is jargon; try 'group'" in messages
    assert "'out of pocket' is an idiom; try 'having paid yourself'" in messages
    assert "a sentence of 18 words (at most 15 here); split it" in messages


def test_long_words_count_only_for_everyday_readers() -> None:
    assert _lint("An independent evaluation.", EVERYDAY) == [
        "'independent' has 4 syllables; try a shorter word",
        "'evaluation' has 4 syllables; try a shorter word",
    ]
    assert _lint("An independent evaluation.", PROFESSIONAL) == []


def test_everyday_jargon_is_only_for_everyday_readers_and_explained_terms_pass() -> None:
    assert _lint("The board met.", PROFESSIONAL) == []
    assert _lint("The board met.", EVERYDAY) == ["'board' is jargon; try 'the people in charge'"]
    assert _lint("We do co-production.", PROFESSIONAL) == [
        "'co-production' is jargon; try 'working together'"
    ]
    assert _lint("We do co-production.", PROFESSIONAL, ("co-production",)) == []


def test_a_finding_points_at_its_word_in_the_file() -> None:
    lines = ["id: b", "questions:", "  - help: >-", "      Ask the forum", "      about money."]
    text = Text("Ask the forum about money.", Mark(3, 11), "q-one")
    (found,) = lint_texts([text], EVERYDAY, WORDS, (), "b.yaml", lines)
    assert str(found) == "b.yaml:4:15: q-one: 'forum' is jargon; try 'group'"


def test_bank_texts_are_what_a_respondent_reads() -> None:
    bank = {
        "scale": [{"level": 0, "label": "Never", "descriptor": "Not for me."}],
        "questions": [
            {
                "id": "q",
                "text": "Q?",
                "help": "H.",
                "levels": {0: "None."},
                "actions": [{"text": "A."}],
            },
        ],
        "ladder_wording": {"coercion": {"title": "T", "description": "D."}},
    }
    found = [(t.subject, t.text) for t in bank_texts(bank)]
    assert found == [
        ("scale", "Never"),
        ("scale", "Not for me."),
        ("q", "Q?"),
        ("q", "H."),
        ("q", "None."),
        ("ladder coercion", "T"),
        ("ladder coercion", "D."),
    ]


def test_sentences_and_flesch() -> None:
    assert sentences("One two. Three four?  Five") == ["One two.", "Three four?", "Five"]
    # 2 sentences, 6 words, 6 syllables: 206.835 - 1.015 * 3 - 84.6 * 1
    assert flesch(["The cat sat.", "The dog ran."]) == pytest.approx(206.835 - 3.045 - 84.6)
    assert flesch([]) == 0.0
