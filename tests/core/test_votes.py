"""A room's votes: reading a typed line, the answer offered as agreed, who reports show."""

from __future__ import annotations

import pytest
from conftest import make_answers
from hypothesis import given
from hypothesis import strategies as st

from coself.core.model import Answer, Perspective, Special, Votes
from coself.core.spread import spread
from coself.core.votes import (
    VoteError,
    default_agreed,
    parse_vote,
    parse_votes,
    spread_words,
    votes_text,
)
from coself.core.workshop import Hidden, hidden_groups, voted_question, workshop_view

STAFF, PERSON, CARER = Perspective.STAFF, Perspective.PERSON, Perspective.CARER
DK, NA = Special.DONT_KNOW, Special.NA

GOOD = [
    ("c-one", "3 3 2 4 1 d", ((None, (3, 3, 2, 4, 1, DK)),)),
    ("c-one", "3,3, 2", ((None, (3, 3, 2)),)),
    ("c-two", "2 na NA n/a", ((None, (2, NA, NA, NA)),)),
    (
        "c-one",
        "staff: 3 3 4  person: 1 2  carer: 2",
        ((STAFF, (3, 3, 4)), (PERSON, (1, 2)), (CARER, (2,))),
    ),
    # short forms, a group written twice, a group glued to its first vote, any order
    ("c-one", "c:2 s: 3 P: 1 s: 4", ((STAFF, (3, 4)), (PERSON, (1,)), (CARER, (2,)))),
    ("c-one", "leaders: 4 others: 0", ((Perspective.LEADERSHIP, (4,)), (Perspective.OTHER, (0,)))),
    ("flag-late", "y yes n NO dk", ((None, ("yes", "yes", "no", "no", DK)),)),
    ("ladder-design", "0 4 informing", ((None, ("not-involved", "consultation", "informing")),)),
]


@pytest.mark.parametrize(("qid", "line", "groups"), GOOD)
def test_vote_lines_are_read(mini, qid: str, line: str, groups: tuple) -> None:  # type: ignore[no-untyped-def]
    assert parse_votes(mini.question(qid), mini, line) == Votes(groups)


BAD = [
    ("c-one", "3 7 2", "'7' is not a vote on this question; type a level from 0 to 4"),
    ("c-one", "3 n", "'n' is not a vote on this question"),
    ("c-one", "3 na", "this question cannot be answered not applicable"),
    ("c-one", "3 10", "'10' is not a vote"),
    ("flag-late", "y 3", "'3' is not a vote on this question; type yes or no"),
    ("ladder-design", "9", "'9' is not a vote"),
    ("c-one", "\u00b3", "is not a vote"),  # a superscript three is a digit, but not a level
    ("c-one", "\u0663", "is not a vote"),  # so is an Arabic-Indic three
    ("c-one", "boss: 3", "'boss:' is not a group; use leader:, staff:"),
    ("c-one", "3 3 staff: 4", "the votes before 'staff:' belong to no group"),
    ("c-one", "staff: 3 carer:", "'carer:' has no votes after it"),
    ("c-one", "   ", "there are no votes on the line"),
    ("c-one", ":", "':' is not a group"),
    ("c-one", "3 " + "x" * 500, "'xxxxxxxxxxxxxxxxx...' is not a vote"),  # not repeated whole
]


def test_n_on_a_yes_no_question_that_takes_na_is_asked_again(mini) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    question = replace(mini.question("flag-late"), allow_na=True)
    found = parse_votes(question, mini, "y n")
    assert found == VoteError("'n' could mean no or not applicable: type no or na")
    assert parse_votes(question, mini, "y no na") == Votes(((None, ("yes", "no", NA)),))


@pytest.mark.parametrize(("qid", "line", "message"), BAD)
def test_bad_vote_lines_say_what_is_wrong(mini, qid: str, line: str, message: str) -> None:  # type: ignore[no-untyped-def]
    found = parse_votes(mini.question(qid), mini, line)
    assert isinstance(found, VoteError)
    assert message in found.message


@given(st.text(max_size=40))
def test_any_typed_line_is_votes_or_a_message(mini, line: str) -> None:  # type: ignore[no-untyped-def]
    found = parse_votes(mini.question("c-one"), mini, line)
    if isinstance(found, Votes):  # every vote read is one the question takes
        assert all(v in (0, 1, 2, 3, 4, DK) for v in found.values)
        assert found.values
    else:
        assert found.message and "\n" not in found.message


def test_votes_are_shown_as_typed(mini) -> None:  # type: ignore[no-untyped-def]
    question = mini.question("ladder-design")
    votes = parse_votes(question, mini, "p: 0 3 d na s: 5")
    assert isinstance(votes, Votes)
    assert votes_text(question, mini, votes) == "staff: 5 person: 0 3 d na"
    assert parse_votes(question, mini, votes_text(question, mini, votes)) == votes


@pytest.mark.parametrize(
    ("qid", "votes", "value", "reason"),
    [
        ("c-one", (3, 3, 2, 4, 1), 3, "the median"),
        ("c-one", (2, 3), 2, "the lower of the two middle answers (the median is 2.5)"),
        ("c-one", (DK, DK, NA), DK, "the most common answer"),
        ("flag-late", ("yes", "no", "yes"), "yes", "the most common answer"),
        ("flag-late", ("yes", "no"), None, "no answer leads, so type the one agreed"),
        ("ladder-design", ("informing", "co-design", "co-design"), "co-design", "the most common"),
    ],
)
def test_the_answer_offered_as_agreed(mini, qid, votes, value, reason) -> None:  # type: ignore[no-untyped-def]
    question = mini.question(qid)
    offer = default_agreed(question, spread(mini, question, votes))
    assert offer.value == value
    assert reason in offer.reason


def test_a_spread_in_words(mini) -> None:  # type: ignore[no-untyped-def]
    question = mini.question("c-two")
    counted = spread(mini, question, (3, 3, 2, 4, 1, DK, NA))
    assert spread_words(question, mini, counted) == (
        "0: 0, 1: 1, 2: 1, 3: 2, 4: 1, don't know: 1, not applicable: 1; median 3"
    )
    flag = mini.question("flag-late")
    assert spread_words(flag, mini, spread(mini, flag, ("yes", DK))) == "no: 0, yes: 1, not sure: 1"


@pytest.mark.parametrize(
    ("sizes", "hidden"),
    [
        ({STAFF: 6, PERSON: 5, CARER: 7}, {}),
        # one small group alone could be worked out from the room's totals: the next smallest
        # is hidden with it
        ({STAFF: 6, PERSON: 5, CARER: 2}, {CARER: Hidden.SMALL, PERSON: Hidden.COMPLEMENT}),
        ({STAFF: 6, PERSON: 2, CARER: 1}, {PERSON: Hidden.SMALL, CARER: Hidden.SMALL}),
        ({STAFF: 3}, {STAFF: Hidden.SMALL}),
        ({STAFF: 9, CARER: 4}, {CARER: Hidden.SMALL, STAFF: Hidden.COMPLEMENT}),
    ],
)
def test_small_groups_are_hidden_and_cannot_be_subtracted(sizes, hidden) -> None:  # type: ignore[no-untyped-def]
    assert hidden_groups(sizes, 5) == hidden


def test_a_question_with_groups_shows_gaps_between_shown_groups(mini) -> None:  # type: ignore[no-untyped-def]
    question = mini.question("c-one")
    votes = parse_votes(question, mini, "s: 4 4 4 3 4 p: 1 1 0 2 1 c: 2 2 o: 3")
    assert isinstance(votes, Votes)
    voted = voted_question(mini, question, Answer(2, votes=votes), 5)
    assert [g.hidden for g in voted.groups] == [None, None, Hidden.SMALL, Hidden.SMALL]
    assert voted.room.total == 13 and voted.room.split
    assert voted.gap is not None
    assert (voted.gap.high, voted.gap.low, voted.gap.levels) == (STAFF, PERSON, 3)
    shown = voted_question(mini, question, Answer(2, votes=votes), 1)
    assert all(g.spread is not None for g in shown.groups)


def test_only_a_workshop_file_has_a_workshop_view(mini) -> None:  # type: ignore[no-untyped-def]
    assert workshop_view(mini, make_answers(mini, {"c-one": 2})) is None
    votes = Votes(((None, (2, 2)),))
    answers = make_answers(mini, {"c-one": Answer(2, votes=votes)}, workshop=True)
    view = workshop_view(mini, answers)
    assert view is not None and [q.question.id for q in view.questions] == ["c-one"]


def test_parse_vote_reads_one_token(mini) -> None:  # type: ignore[no-untyped-def]
    question = mini.question("c-one")
    assert parse_vote(question, mini, " D ") is DK
    assert isinstance(parse_vote(question, mini, "3 3"), VoteError)


@given(
    st.dictionaries(st.sampled_from(list(Perspective)), st.integers(1, 12), min_size=1),
    st.integers(1, 8),
)
def test_no_small_group_is_ever_hidden_alone(sizes, min_group) -> None:  # type: ignore[no-untyped-def]
    hidden = hidden_groups(sizes, min_group)
    assert all(sizes[p] >= min_group for p in sizes if p not in hidden)
    # with one group hidden among several, the room's total less the shown ones would give it
    assert len(hidden) != 1 or len(sizes) == 1
