"""CSV exports are split into lines exactly as a file opened with newline="" splits them."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from coself.io.csvin import lines


@given(st.text(alphabet=st.sampled_from(["a", ",", '"', "\r", "\n", "\u2028", "\x85", "é"])))
def test_lines_are_those_of_a_file_opened_with_newline_empty(text: str) -> None:
    assert list(lines(text)) == list(io.StringIO(text, newline=""))
