"""Reading hostile inputs: every bad one is a located InputError, never another exception or a
hang (CSV records, non-regular files, standard input, strict JSON, numbers too long to read)."""

from __future__ import annotations

import io
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from coself.errors import InputError
from coself.io import yamlsafe
from coself.io.banks import Library
from coself.io.csvin import read_rows
from coself.io.storage import load_answers
from coself.io.yamlsafe import read_text

GOOD = "format: 1\nbank: mini\norganisation: Acme\nperspective: staff\nanswers:\n  c-one: 2\n"


class _Hung(BaseException):
    """Raised by the alarm: a read blocked instead of being refused."""


@pytest.fixture
def deadline() -> Iterator[None]:
    def expire(*_: object) -> None:
        raise _Hung

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def problems(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p) for p in error.value.problems]


# --- 6: CSV rows are records as the csv module reads them -----------------------------------

SEPARATORS = ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r", "\n"]


@pytest.mark.parametrize("separator", SEPARATORS, ids=[hex(ord(s)) for s in SEPARATORS])
def test_a_line_break_inside_a_quoted_cell_stays_in_the_cell(library: Library, separator: str):  # type: ignore[no-untyped-def]
    text = (
        "organisation,perspective,respondent,c-one\n"
        f'Acme,staff,"Sam{separator}Evil,person,4",2\n'
        "Acme,staff,Jo,3\n"
    )
    rows = list(read_rows(text, "x.csv", library.banks))
    assert [place for place, _ in rows] == ["x.csv:2", "x.csv:3"]
    assert rows[0][1]["respondent"] == f"Sam{separator}Evil,person,4"
    assert rows[0][1]["answers"]["c-one"] == 2


def test_csv_rows_are_numbered_as_records_after_a_multi_line_cell(library: Library) -> None:
    text = (
        "organisation,perspective,respondent,c-one\n"
        'Acme,staff,"Pat\nand\r\nLee",3\n'
        "Acme,staff,Jo,9\n"
    )
    with pytest.raises(InputError) as error:
        load_rows(text, library)
    assert problems(error) == [
        "x.csv:3:c-one: the number 9 is not an answer here; use a level 0-4 or dont_know"
    ]


def load_rows(text: str, library: Library) -> None:
    from coself.core.answers import build_answers

    for _, data in read_rows(text, "x.csv", library.banks):
        if isinstance(data, InputError):
            raise data
        build_answers(data, "x.csv", library.find)


# --- 8: pipes, devices and sockets are refused at once, never opened to block -----------------


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path, deadline: None) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as error:
        read_text(fifo, str(fifo), 1024)
    assert problems(error) == [f"{fifo}: is a named pipe, not a file; give a file instead"]


def test_a_device_is_refused(deadline: None) -> None:
    with pytest.raises(InputError) as error:
        read_text(Path("/dev/zero"), "/dev/zero", 1024)
    assert problems(error) == ["/dev/zero: is a device, not a file; give a file instead"]


# --- 12, 16: standard input is read as a file is -----------------------------------------------


def stdin_of(data: bytes) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")


def test_standard_input_that_is_not_utf8_gets_a_located_message() -> None:
    with pytest.raises(InputError) as error:
        yamlsafe.read_stdin_text(1024, stdin_of(GOOD.encode() + b"# caf\xe9\n"))
    assert problems(error) == ["<stdin>:7:6: not UTF-8 text (byte 0xe9); save the file as UTF-8"]


def test_standard_input_is_capped_and_read_no_further() -> None:
    stream = stdin_of(GOOD.encode() + b"#" * 5000)
    with pytest.raises(InputError) as error:
        yamlsafe.read_stdin_text(1024, stream)
    assert problems(error) == ["<stdin>: standard input is larger than the 1 KiB limit"]
    assert stream.buffer.tell() == 1025


def test_standard_input_within_the_cap_is_read_whole() -> None:
    assert yamlsafe.read_stdin_text(1024, stdin_of(GOOD.encode())) == GOOD


# --- 9: numbers too long to convert are refused where they stand -------------------------------

TOO_LONG = "9" * 5000


@pytest.mark.parametrize(
    ("source", "text", "place"),
    [
        ("a.yaml", GOOD.replace("c-one: 2", f"c-one: {TOO_LONG}"), "a.yaml:6:10"),
        ("a.yaml", GOOD.replace("format: 1", f"format: {TOO_LONG}"), "a.yaml:1:9"),
        ("a.yaml", GOOD.replace("c-one: 2", f"{TOO_LONG[:200]}: 2"), "a.yaml:6:3"),
        ("a.yaml", GOOD.replace("c-one: 2", f"c-one: -{TOO_LONG}.5e3"), "a.yaml:6:10"),
        ("a.json", f'{{"format": {TOO_LONG}}}', "a.json:1:12"),
        ("<stdin>", f'{{"format": 1, "answers": [{TOO_LONG}]}}', "<stdin>:1:27"),
    ],
)
def test_a_number_too_long_to_read_is_a_located_error(
    library: Library, source: str, text: str, place: str
) -> None:
    with pytest.raises(InputError) as error:
        load_answers(source, library.find, text)
    message = problems(error)[0]
    assert message.startswith(f"{place}: a number of ")
    assert "too long to read (at most 100); put it in quotes if it is text" in message


def test_a_csv_cell_too_long_to_read_is_a_located_error(library: Library) -> None:
    text = f"organisation,perspective,c-one\nAcme,staff,{TOO_LONG}\nAcme,staff,2\n"
    rows = list(read_rows(text, "x.csv", library.banks))
    assert isinstance(rows[0][1], InputError) and not isinstance(rows[1][1], InputError)
    assert str(rows[0][1]).startswith("x.csv:2:c-one: a number of 5000 characters")


# --- 25: JSON is JSON -------------------------------------------------------------------------

JSON = (
    '{"format": 1, "bank": "mini", "organisation": "Acme", "perspective": "staff",\n'
    ' "answers": {"c-one": 2}}'
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (JSON.replace("2}", "NaN}"), "a.json:2:23: invalid JSON: NaN is not a JSON value"),
        (JSON.replace("2}", "-Infinity}"), "a.json:2:23: invalid JSON: -Infinity is not"),
        (JSON.replace("2}", "Infinity}"), "a.json:2:23: invalid JSON: Infinity is not"),
        (JSON.replace('"Acme"', "Acme"), "a.json:1:47: invalid JSON: Expecting value"),
        (JSON.replace("2}}", "2,}}"), "a.json:2:25: invalid JSON: Expecting property name"),
        (JSON.replace('"bank"', "'bank'"), "a.json:1:15: invalid JSON: Expecting property name"),
        (JSON + " // done", "a.json:2:27: invalid JSON: Extra data"),
        (JSON.replace(",\n", ", # note\n"), "a.json:1:79: invalid JSON: Expecting"),
        (JSON.replace('"staff"', "staff"), "a.json:1:70: invalid JSON: Expecting value"),
        (JSON.replace('"Acme"', '"Acme", "organisation": "B"'), "a.json:1:55: duplicate key"),
    ],
)
def test_json_is_read_strictly(library: Library, text: str, expected: str) -> None:
    for source in ("a.json", "<stdin>"):
        with pytest.raises(InputError) as error:
            load_answers(source, library.find, text)
        assert problems(error)[0].startswith(expected.replace("a.json", source)), problems(error)


def test_strict_json_still_gives_later_problems_their_place(library: Library) -> None:
    with pytest.raises(InputError) as error:
        load_answers("a.json", library.find, JSON.replace('"c-one": 2', '"c-one": 2.0'))
    assert problems(error) == [
        "a.json:2:23: c-one: the number 2.0 is not an answer here; use a level 0-4 or dont_know"
    ]


def test_yaml_that_starts_like_json_on_standard_input_is_json(library: Library) -> None:
    with pytest.raises(InputError) as error:
        load_answers("<stdin>", library.find, "{format: 1}")
    assert problems(error)[0].startswith("<stdin>:1:2: invalid JSON")
    answers, _, _ = load_answers("<stdin>", library.find, GOOD)  # YAML stays YAML
    assert answers.organisation == "Acme"
