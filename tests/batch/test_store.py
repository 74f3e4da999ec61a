"""What a batch keeps aside for combined reports: each respondent comes back exactly as it went
in, whatever its texts hold, read in one step per answer."""

from __future__ import annotations

import pytest
from conftest import MINI_DIR, make_answers

from coself.batch.store import from_payload, to_payload
from coself.core.combine import respondent
from coself.core.model import Perspective
from coself.core.scoring import score
from coself.io.banks import load_library

LIBRARY = load_library([MINI_DIR])


@pytest.mark.parametrize(
    "organisation",
    ["Acme Care", "Line\nbreak", "Carriage\rreturn", "Para\u2029graph\u2028line", '"],["x'],
)
def test_a_respondent_comes_back_from_the_store_as_it_went_in(organisation: str) -> None:
    """Every answer, special answers included, and names that hold a line break or JSON."""
    mini = LIBRARY.get("mini")
    values = {
        "c-one": 3,
        "c-two": "na",
        "c-three": "dont_know",
        "r-one": 0,
        "r-two": "skipped",
        "flag-late": "yes",
        "ladder-design": "not-involved",
    }
    answers = make_answers(mini, values, organisation, Perspective.CARER)
    result = score(mini, answers)
    assert from_payload(to_payload(result), LIBRARY) == respondent(result)


def test_a_respondent_with_no_answers_comes_back_with_none() -> None:
    mini = LIBRARY.get("mini")
    result = score(mini, make_answers(mini, {}))
    back = from_payload(to_payload(result), LIBRARY)
    assert back == respondent(result) and back.answers == ()
