"""A workshop's single report in every format: conversations to have first, gaps between
perspectives, every question's votes and agreed answer, and small groups never shown."""

from __future__ import annotations

import json

import pytest
from conftest import make_answers
from html_check import check_html
from markdown_check import check_markdown, texts

from coself.core.model import Answer, Perspective, Special, Votes
from coself.core.scoring import score
from coself.render import Format, Kind, Meta, render
from coself.render.terminal import as_text

STAFF, PERSON, CARER = Perspective.STAFF, Perspective.PERSON, Perspective.CARER
DATE = Meta("2026-11-26", plain=True)


def workshop_result(mini, note: str = "talk about this"):  # type: ignore[no-untyped-def]
    groups = Votes(((STAFF, (4, 4, 4, 3, 4, 4)), (PERSON, (1, 1, 0, 2, 1)), (CARER, (2, 2))))
    agreed = {
        "c-one": Answer(3, None, None, Votes(((None, (3, 3, 3)),))),
        "c-two": Answer(2, note, None, groups),
        "c-three": Answer(Special.SKIPPED, None, None, Votes(((None, (4, 0)),))),
    }
    return score(mini, make_answers(mini, agreed, perspective=Perspective.OTHER, workshop=True))


def as_string(fmt: Format, result) -> str:  # type: ignore[no-untyped-def]
    out = render(Kind.SINGLE, fmt, result, DATE)
    return as_text(out) if fmt is Format.TERMINAL else out


MARKDOWN_PART = """## Conversations to have

The room was split on 2 question(s). A question is split when at least one vote in four (and \
at least one) sits two or more levels from the median: the Delphi consensus rule of an \
interquartile range of at most one point (von der Gracht, Technological Forecasting and Social \
Change 79(8), 2012).

- **c-two: Culture question two?**
  - Agreed answer: 2 Developing (split)
  - Votes (13): 0: 1, 1: 3, 2: 3, 3: 1, 4: 5, don't know: 0, not applicable: 0; median 2
  - staff (6): 0: 0, 1: 0, 2: 0, 3: 1, 4: 5, don't know: 0, not applicable: 0; median 4
  - people who draw on care and support: not shown, so that a smaller group's votes cannot be \
worked out from the room's totals
  - carers: fewer than 5 responses
  - Note: talk about this
- **c-three: Culture question three?**
  - Agreed answer: not agreed yet (split)
  - Votes (2): 0: 1, 1: 0, 2: 0, 3: 0, 4: 1, don't know: 0; median 2

## Gaps between perspectives

A perspective's votes are shown only when at least 5 people in it voted, so that no one's vote \
can be picked out. No two perspectives shown have medians a level or more apart.

## The other questions voted on

3 question(s) voted on in all, 1 of them not split. Scores use the agreed answers.

- **c-one: Culture question one?**
  - Agreed answer: 3 Established
  - Votes (3): 0: 0, 1: 0, 2: 0, 3: 3, 4: 0, don't know: 0; median 3
"""


def test_the_markdown_workshop_part_whole(mini) -> None:  # type: ignore[no-untyped-def]
    report = as_string(Format.MARKDOWN, workshop_result(mini))
    check_markdown(report)
    assert MARKDOWN_PART in report
    assert report.index("## Conversations to have") < report.index("## Overall")


@pytest.mark.parametrize("fmt", [Format.TERMINAL, Format.MARKDOWN, Format.HTML])
def test_splits_come_first_and_small_groups_are_never_shown(mini, fmt) -> None:  # type: ignore[no-untyped-def]
    report = as_string(fmt, workshop_result(mini))
    if fmt is Format.HTML:
        check_html(report)
        report = report.replace("&#x27;", "'")
    first = report.index("Conversations to have")
    assert (
        first
        < report.index("Gaps between perspectives")
        < report.index("The other questions voted on")
    )
    assert report.index("c-two: Culture question two?") > first
    assert "carers: fewer than 5 responses" in report
    # Carers' two votes of 2, or people's 1 1 0 2 1, would be the room's less the staff's:
    # neither group's counts appear anywhere.
    assert "carers (2)" not in report and "people who draw on care and support (5)" not in report
    assert "Scores use the agreed answers." in report


def test_the_json_report_carries_the_workshop(mini) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(as_string(Format.JSON, workshop_result(mini)))
    workshop = data["workshop"]
    assert workshop["conversations_to_have"] == ["c-two", "c-three"]
    assert workshop["min_group"] == 5
    two = workshop["questions"][1]
    assert two["agreed"] == 2 and two["split"] and two["note"] == "talk about this"
    assert two["votes"]["counts"] == {"0": 1, "1": 3, "2": 3, "3": 1, "4": 5}
    assert two["perspectives"]["staff"]["total"] == 6
    assert set(two["perspectives"]["person"]) == {"hidden"}
    assert set(two["perspectives"]["carer"]) == {"hidden"}
    assert workshop["questions"][2]["agreed"] is None
    assert data["answers"]["c-two"] == 2  # scores use the agreed answer


def test_gaps_list_shown_perspectives_widest_first(mini) -> None:  # type: ignore[no-untyped-def]
    wide = Votes(((STAFF, (4,) * 5), (PERSON, (0,) * 5)))
    narrow = Votes(((STAFF, (3,) * 5), (PERSON, (2,) * 5)))
    answers = make_answers(
        mini, {"c-one": Answer(1, votes=narrow), "r-one": Answer(2, votes=wide)}, workshop=True
    )
    report = as_string(Format.MARKDOWN, score(mini, answers))
    gaps = report[report.index("## Gaps") : report.index("## The other questions")]
    assert gaps.index("r-one") < gaps.index("c-one")
    assert "staff median 4, people who draw on care and support median 0: 4 level(s) apart" in gaps


def test_hostile_notes_stay_text(mini) -> None:  # type: ignore[no-untyped-def]
    evil = "<script>x</script> **b** [l](http://e) \x1b[31m\u202e"
    page = as_string(Format.HTML, workshop_result(mini, evil))
    check_html(page)
    assert "<script>" not in page and "\x1b" not in page and "\u202e" not in page
    report = as_string(Format.MARKDOWN, workshop_result(mini, evil))
    seen = texts(check_markdown(report))  # read as a markdown reader reads it: text, no markup
    assert "Note: <script>x</script> **b** [l](http://e) [31m" in seen
    assert "\x1b" not in report


def test_one_persons_report_has_no_workshop_part(mini) -> None:  # type: ignore[no-untyped-def]
    result = score(mini, make_answers(mini, {"c-one": 2}))
    for fmt in (Format.TERMINAL, Format.MARKDOWN, Format.HTML):
        assert "Conversations to have" not in as_string(fmt, result)
    assert "workshop" not in json.loads(as_string(Format.JSON, result))


@pytest.mark.parametrize("fmt", [Format.TERMINAL, Format.MARKDOWN, Format.HTML, Format.JSON])
def test_a_smaller_minimum_group_shows_smaller_groups(mini, fmt) -> None:  # type: ignore[no-untyped-def]
    out = render(
        Kind.SINGLE, fmt, workshop_result(mini), Meta("2026-11-26", plain=True, min_group=2)
    )
    report = as_text(out) if fmt is Format.TERMINAL else out
    assert "fewer than" not in report
    assert "carers (2)" in report or '"carer":{"counts"' in report
