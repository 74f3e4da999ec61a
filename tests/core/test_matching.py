"""Matching export columns to questions and cell words to answers, table by table."""

from __future__ import annotations

import dataclasses

import pytest

from coself.core.matching import Role, choose_bank, label_table, match_column, normalise
from coself.core.model import Bank, Special
from coself.io.banks import Library


@pytest.mark.parametrize(
    ("header", "role", "question"),
    [
        ("c-one", Role.QUESTION, "c-one"),
        ("culture/c-one", Role.QUESTION, "c-one"),  # Kobo's group prefix
        ("outer/inner/c-one", Role.QUESTION, "c-one"),
        ("culture-c-one", Role.QUESTION, "c-one"),  # ODK Central joins with '-'
        ("  CULTURE   question one? ", Role.QUESTION, "c-one"),  # the question's text
        ("Culture/Culture question one?", Role.QUESTION, "c-one"),  # Kobo's label headers
        ("Start time", Role.METADATA, None),
        ("_submission_time", Role.METADATA, None),
        ("meta/instanceID", Role.METADATA, None),
        ("Email", Role.NAME, None),
        ("Name", Role.NAME, None),
        ("Organisation", Role.ORGANISATION, None),
        ("Who is answering?", Role.PERSPECTIVE, None),
        ("coself_bank", Role.BANK, None),
        ("coself_bank_version", Role.BANK_VERSION, None),
        ("Favourite colour", Role.UNKNOWN, None),
    ],
)
def test_columns_are_matched_by_id_name_or_text(
    mini: Bank, header: str, role: Role, question: str | None
) -> None:
    match = match_column(header, mini)
    assert match.role is role
    assert (match.question.id if match.question else None) == question


def test_cells_are_matched_by_value_or_the_words_a_form_shows(mini: Bank) -> None:
    words = label_table(mini, mini.question("c-two"))  # allows n/a
    assert {w: words[normalise(w)] for w in ("3", "Established", "3 Established")} == {
        "3": 3,
        "Established": 3,
        "3 Established": 3,
    }
    assert words[normalise("Not applicable")] is Special.NA
    assert words[normalise("Don’t know")] is Special.DONT_KNOW  # a curly apostrophe
    assert normalise("n/a") in words and normalise("na") in words
    assert normalise("na") not in label_table(mini, mini.question("c-one"))  # not allowed
    ladder = label_table(mini, mini.question("ladder-design"))
    assert ladder[normalise("not-involved")] == "not-involved"


def test_a_word_two_answers_share_is_left_out_rather_than_guessed(mini: Bank) -> None:
    levels = {0: "None yet.", 1: "Some.", 2: "Some.", 3: "Most.", 4: "All."}
    question = dataclasses.replace(mini.question("c-one"), levels=levels)
    words = label_table(mini, question)
    assert normalise("Some.") not in words  # levels 1 and 2 both say it
    assert (words[normalise("Most.")], words[normalise("Starting")]) == (3, 1)


def test_the_bank_is_the_one_most_columns_match(library: Library) -> None:
    voices = library.get("voices")
    headers = ["Timestamp", *(q.text for q in voices.questions[:3]), "c-one"]
    bank, count = choose_bank(headers, library.banks.values())
    assert (bank, count) == (voices, 3)
    assert choose_bank(["Timestamp", "Colour"], library.banks.values()) == (None, 0)


def test_a_huge_header_is_not_compared_at_length(mini: Bank) -> None:
    import time

    from coself.core.matching import suggest_question

    start = time.process_time()
    assert suggest_question("Culture question one?" * 3000, mini) == (None, 0.0)
    assert time.process_time() - start < 0.5
    question, ratio = suggest_question("Culture question one", mini)
    assert question is mini.question("c-one") and ratio > 0.9
