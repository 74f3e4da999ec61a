"""Organisation names are compared as a person reads them (issue 10, item 7)."""

from __future__ import annotations

import pytest

from coself.core.organisations import same_organisation


@pytest.mark.parametrize(
    "name",
    [
        "Acme Care",
        "  acme   CARE ",
        "Acme\u200b Care",  # zero-width space
        "Ac\u202eme Care",  # right-to-left override
        "Acme Care\u2060\ufeff",  # word joiner, byte-order mark
        "Acme\u00a0Care",  # no-break space
        "Ａｃｍｅ Care",  # full-width letters
        "Acme\u3164 Care",  # Hangul filler
        "Acme Care\ufe0f",  # variation selector
    ],
)
def test_names_that_look_the_same_are_one_organisation(name: str) -> None:
    assert same_organisation(name) == "acme care"


@pytest.mark.parametrize("name", ["Acme Cares", "Acme-Care", "Acme Care Ltd", "Acmé Care"])
def test_names_that_look_different_are_not(name: str) -> None:
    assert same_organisation(name) != "acme care"
