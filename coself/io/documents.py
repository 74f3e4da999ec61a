"""Reading an input as JSON or YAML: which one it is, and JSON held strictly to JSON.

JSON is parsed twice: first by the json module, to refuse anything JSON does not have, then by
the strict YAML reader (JSON is YAML), which gives every value its line:column for later checks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from coself.errors import InputError, Problem
from coself.io.quickyaml import read_simple
from coself.io.yamlsafe import parse, read_text

YAML_SUFFIXES = (".yaml", ".yml")
# The only words JSON's grammar has outside strings; Python's json module also takes these three.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


def is_json(source: str, text: str) -> bool:
    """A `.json` file is JSON; so is any other input not named `.yaml`/`.yml` (standard input)
    whose first character, after spaces, is `{` or `[`."""
    if source.endswith(".json"):
        return True
    return not source.endswith(YAML_SUFFIXES) and text.lstrip()[:1] in ("{", "[")


def check_json(text: str, source: str) -> None:
    """Refuse text that is not strictly JSON (NaN, Infinity, comments, unquoted words, trailing
    commas, single quotes), with the line:column of the first problem."""
    try:
        # Numbers are not converted here (the YAML reader does that, with its own limits).
        json.loads(text, parse_int=len, parse_float=len, parse_constant=len)
    except json.JSONDecodeError as error:
        message = f"invalid JSON: {error.msg}"
        raise InputError.of([Problem(source, error.lineno, error.colno, message)]) from None
    except RecursionError:
        raise InputError.of([Problem(source, 0, 0, "nested too deeply to read")]) from None
    if "NaN" not in text and "Infinity" not in text:
        return
    for match in _JSON_TOKENS.finditer(text):
        if match.group(1):
            before = text[: match.start(1)]
            line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
            word = match.group(1)
            message = f"invalid JSON: {word} is not a JSON value; write a number or null"
            raise InputError.of([Problem(source, line, col, message)])


def parse_document(text: str, source: str) -> Any:
    """Parse an input as JSON (strictly) or YAML, as is_json decides; marks kept either way.
    YAML in the usual shape of an answers file takes the quick path (see quickyaml.py)."""
    if is_json(source, text):
        check_json(text, source)
        return parse(json_as_yaml(text), source)
    if text[:100].lstrip().startswith("{"):  # YAML written as JSON
        return parse(json_as_yaml(text), source)
    simple = read_simple(text)  # the usual shape, read quickly; None for anything else
    return parse(text, source) if simple is None else simple


_SURROGATES = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE
)


def json_as_yaml(text: str) -> str:
    """JSON is read as YAML (for line:column marks); smooth the two places they differ.

    YAML refuses tab indentation: tabs outside JSON strings are only whitespace, and JSON
    strings cannot hold raw tabs. And JSON writes characters beyond the BMP (emoji) as
    surrogate pairs, which YAML refuses: join each pair into its character.
    """
    text = text.replace("\t", " ")
    if "\\u" not in text:
        return text
    return _SURROGATES.sub(
        lambda m: (
            m.group(1)
            + chr(0x10000 + ((int(m.group(2), 16) - 0xD800) << 10) + (int(m.group(3), 16) - 0xDC00))
        ),
        text,
    )


def load_file(path: Path, source: str, limit: int) -> Any:
    """Read and parse a YAML or JSON file strictly."""
    return parse_document(read_text(path, source, limit), source)
