"""Lines escaped once around their numbers for every line like them (a group's spread, a
perspective's score in a gap): the same text as escaping each whole line, whatever the words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coself.core.distributions import GroupSpread
from coself.core.model import Perspective
from coself.core.spread import Spread
from coself.core.text import md
from coself.render.common import label
from coself.render.distributions import spread_words
from coself.render.markdown import _scored

_COUNT = st.integers(min_value=0, max_value=10_000)
# Answers' words: levels, and any text at all (a rung's id comes from a framework file).
_TRICKY = st.sampled_from(
    ["www", "www.", "://", "//", "1.", "- ", "#", " ", "\n", "{}", "{0}", "_"]
)
_WORDS = st.one_of(st.integers(0, 4), st.text(max_size=12), _TRICKY)
_CHOICES = st.lists(_WORDS, min_size=1, max_size=8)
_MEDIAN = st.one_of(st.none(), st.integers(0, 8).map(lambda n: n / 2))


@st.composite
def _groups(draw: st.DrawFn) -> GroupSpread:
    choices = tuple(draw(_CHOICES))
    counts = tuple(draw(_COUNT) for _ in choices)
    spread = Spread(choices, counts, draw(_COUNT), draw(_COUNT), draw(_MEDIAN), draw(st.booleans()))
    perspective = draw(st.sampled_from([None, *Perspective]))
    return GroupSpread(perspective, spread.total + draw(_COUNT), spread)


@given(_groups())
def test_a_spread_line_escaped_around_its_numbers_is_the_whole_line_escaped(
    group: GroupSpread,
) -> None:
    assert spread_words(group, md) == md(spread_words(group))


def test_a_spread_line_reads_as_before() -> None:
    spread = Spread((0, 1, 2, 3, 4), (1, 0, 2, 0, 2), 1, 0, 2.0, True)
    group = GroupSpread(Perspective.STAFF, 7, spread)
    assert spread_words(group) == (
        "staff (7 asked): 0: 1, 1: 0, 2: 2, 3: 0, 4: 2; don't know 1; n/a 0; no answer 1; "
        "median 2; split"
    )


@given(st.sampled_from(list(Perspective)), st.floats())
def test_a_perspective_and_its_score_escaped_around_the_score_is_the_cell_escaped(
    perspective: Perspective, score: float
) -> None:
    assert _scored(perspective).format(score) == md(f"{label(perspective)} ({score:.1f})")
