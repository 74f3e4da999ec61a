"""The quick reader for simple YAML: it gives exactly what libyaml's path gives, or declines."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coself.core.located import LList, LMap, as_mark, written
from coself.core.model import Answer, Perspective, Special
from coself.errors import InputError
from coself.io.documents import parse_document
from coself.io.quickyaml import read_simple
from coself.io.storage import dump_answers
from coself.io.template import render_yaml_template
from coself.io.yamlsafe import FastLoader, PureLoader, parse
from tests.conftest import make_answers


def view(value: Any) -> Any:
    """Everything later code can learn from a parsed value: types, values, places, text as
    written."""
    if isinstance(value, LMap):
        return (
            "map",
            as_mark(value.where),
            [
                (
                    type(key),
                    key,
                    as_mark(value.places[key][0]),
                    as_mark(value.places[key][1]),
                    written(value, key, of_key=True),
                    written(value, key),
                    view(item),
                )
                for key, item in value.items()
            ],
        )
    if isinstance(value, LList):
        return ("list", as_mark(value.where), [view(item) for item in value])
    return (type(value), value)


def outcome(read: Any) -> Any:
    try:
        return ("ok", view(read()))
    except InputError as error:
        return ("refused", [str(p) for p in error.problems])


def assert_same_as_libyaml(text: str) -> None:
    """When the quick reader reads a text, both full readers read it, to the same values."""
    quick = read_simple(text)
    if quick is None:
        return
    for loader in (FastLoader, PureLoader):
        assert view(quick) == view(parse(text, "f.yaml", loader)), loader


# What answers files hold, and every near miss of the simple shape.
KEYS = ["a", "b", "q-1", "Q_2", "answer", "1", "01", "1.5", "1e3", "true", "Null", "x-", "_"]
ODD_KEYS = ["-a", "a b", "'a'", '"a"', "? a", "a#", "é", "<<", "a:b", ""]
INDENTS = [0, 0, 0, 1, 2, 2, 3, 4, 6]
AFTER_COLON = [" ", " ", "  ", "", "\t", "   "]
TRAILING = ["", "", "", " ", "  ", " # note", "\t", "#x"]
TRICKY = "ab1 .-_',\"\\:#[]{}&*!|>%@`~?é\u2028\x85\t\r\ufeff\u00a0\x00"
ODD_LINES = ["- x", "# comment", "---", "...", "  ", "", "a: |", "  more text", "%YAML 1.2"]

scalars = st.one_of(
    st.sampled_from(["3", "0", "'yes'", "no", "dont_know", "~", "null", "1.0", "010", "-1"]),
    st.text(alphabet=TRICKY, max_size=12),
    st.text(alphabet="ab '#:\"\\é", max_size=8).map(lambda s: f"'{s}'"),
    st.text(alphabet="ab '#:\"\\é", max_size=8).map(lambda s: f'"{s}"'),
    st.just(""),
    st.just("9" * 101),  # a number too long to read
)
lines = st.one_of(
    st.tuples(
        st.sampled_from(INDENTS),
        st.one_of(st.sampled_from(KEYS), st.sampled_from(ODD_KEYS)),
        st.sampled_from(AFTER_COLON),
        scalars,
        st.sampled_from(TRAILING),
    ).map(lambda p: f"{' ' * p[0]}{p[1]}:{p[2] if p[3] else ''}{p[3]}{p[4]}"),
    st.sampled_from(ODD_LINES),
)
documents = st.tuples(
    st.lists(lines, min_size=1, max_size=12), st.sampled_from(["\n", "\n", "\r\n"]), st.booleans()
).map(lambda p: p[1].join(p[0]) + (p[1] if p[2] else ""))

# Values that mostly fit the shape, with every character it allows inside a scalar.
fitting = st.one_of(
    st.from_regex(r"[a-z0-9é.~+(][a-z0-9 .\-_',\"\\&*!|>%@`~?é()]{0,8}", fullmatch=True),
    st.from_regex(r"'([a-z :#\"\\é-]|'')*'", fullmatch=True),
    st.from_regex(r'"[a-z :#\'é-]*"', fullmatch=True),
    st.sampled_from(["3", "0", "'yes'", "no", "true", "~", "1.0", "010", "1e3", ".5", "+1"]),
)


NOTHING = ["", "#", "# a comment: with 'quotes' and #", "#---- Part"]  # lines YAML passes over
ENDS = ["", "", "", " ", " # said in the room", "  #x", "#x"]  # after a value


@st.composite
def nested(draw: st.DrawFn, indent: int = 0, depth: int = 0) -> list[str]:
    """The lines of a block mapping in the simple shape (keys may repeat), nested mappings
    indented by one to four spaces, values on the edge of what a plain or quoted scalar is."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        key = draw(
            st.one_of(
                st.sampled_from(KEYS), st.from_regex(r"[a-z_][a-z0-9_-]{0,5}", fullmatch=True)
            )
        )
        head = " " * indent + key + ":"  # keys may repeat
        if draw(st.integers(0, 4)) == 0:  # YAML passes over these wherever they stand
            lines.append(" " * draw(st.integers(0, 6)) + draw(st.sampled_from(NOTHING)))
        if depth < 3 and draw(st.integers(0, 3)) == 0:
            lines.append(head + draw(st.sampled_from(["", " ", "  ", " # part", "  #"])))
            lines += draw(nested(indent + draw(st.integers(1, 4)), depth + 1))
        else:
            value = draw(st.one_of(fitting, fitting, fitting, scalars))
            gap = draw(st.sampled_from([" ", "  "])) if value else ""
            lines.append(head + gap + value + draw(st.sampled_from(ENDS)))
    return lines


@settings(max_examples=1000, deadline=None)
@given(nested(), st.booleans())
def test_the_quick_reader_agrees_with_libyaml_on_nested_mappings(
    lines: list[str], end: bool
) -> None:
    assert_same_as_libyaml("\n".join(lines) + ("\n" if end else ""))


@settings(max_examples=1500, deadline=None)
@given(documents)
@example("a:\nb: 1\nc:\n  d: x\n  e:\nf:   \ng: 'it''s'\n")
@example("a:\n  b:\n    c: 1\n  d: 2\ne: 3")
@example("a: 1\n  b: 2\n")  # more indented after a value
@example("a:\n  b: 1\n c: 2\n")  # an indentation no mapping has
@example("a: 1\na: 2\n")
@example("1: x\n1.0: y\n")  # the same key, written two ways
@example("a:b\n")  # one scalar, not a mapping
@example("a: b: c\n")
def test_the_quick_reader_agrees_with_libyaml_on_shaped_documents(text: str) -> None:
    assert_same_as_libyaml(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab1:- \n'\"#|>[]{}&*!?\t\r.~", max_size=40))
def test_the_quick_reader_agrees_with_libyaml_on_any_text(text: str) -> None:
    assert_same_as_libyaml(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: b#c\n",  # a plain scalar "b#c" in YAML: left to libyaml
        "a: 'b'# c\n",  # a comment needs a space before it
        "a:# c\n",
        "# only a comment\n\n",
        "a:\t# c\n",
        "a:\n- 1\n",
        "a: [1, 2]\n",
        "a: {b: 1}\n",
        "a: &x 1\n",
        "a: !!str 1\n",
        "a: |\n  text\n",
        "a: one\n  two\n",
        "a: 'one' two\n",
        'a: "tab\\tin"\n',
        "a: 1\r\nb: 2\r\n",
        "a:\tx\n",
        "a: x\u2028y\n",
        "a: x\x85y\n",
        "a: 1\na: 2\n",
        "  a: 1\n",
        "---\na: 1\n",
        "a: " + "1" * 101 + "\n",
        "".join("  " * n + f"k{n}:\n" for n in range(12)),
    ],
)
def test_anything_outside_the_simple_shape_goes_to_libyaml(text: str) -> None:
    assert read_simple(text) is None
    assert outcome(lambda: parse_document(text, "f.yaml")) == outcome(
        lambda: parse(text, "f.yaml", FastLoader)
    )


@pytest.mark.parametrize(
    "text",
    [
        "a: 1 # a comment\n",
        "# a comment\na: 1\n",
        "\n\na: 1\n\n  \nb: 2\n",
        "a:  # what follows\n  # about b\n\n  b: 'x' # said\nc: # nothing\n",
        "a:\n# at the margin\n  b: 1\n",
    ],
)
def test_blank_lines_and_comments_are_passed_over_as_yaml_does(text: str) -> None:
    assert read_simple(text) is not None
    assert_same_as_libyaml(text)


def test_a_filled_in_template_takes_the_quick_path(library: Any, mini: Any) -> None:
    text = render_yaml_template(mini, "Acme Care", Perspective.STAFF)
    text = text.replace("  c-one:\n", "  c-one: 3  # agreed in the room\n")
    text = text.replace("  flag-late:\n", "  flag-late: 'no'\n")
    quick = read_simple(text)
    assert quick is not None, text
    assert view(quick) == view(parse(text, "f.yaml", FastLoader))
    assert quick["answers"]["c-one"] == 3 and quick["answers"]["flag-late"] == "no"


def test_answers_files_coself_writes_take_the_quick_path(mini: Any) -> None:
    answers = make_answers(
        mini,
        {
            "c-one": 3,
            "c-two": Answer(2, note="Seen in the minutes, page 4: 'agreed'"),
            "r-one": "dont_know",
            "flag-late": "yes",
            "ladder-design": Answer(Special.SKIPPED, note="Not sure #2"),
        },
        organisation="Acme Care: Ltd #1 'North'",
        perspective=Perspective.CARER,
    )
    text = dump_answers(answers)
    quick = read_simple(text)
    assert quick is not None, text  # the quick path has not silently stopped being taken
    assert view(quick) == view(parse(text, "f.yaml", FastLoader))
    assert quick["organisation"] == "Acme Care: Ltd #1 'North'"
    assert quick["answers"]["flag-late"] == "yes"
