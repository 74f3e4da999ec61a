"""Strict YAML reading: untrusted text in, plain values with line:column marks out.

Plain scalars follow YAML 1.2's core schema, so `yes`, `no`, `on` and `010` stay text instead of
turning silently into booleans or octal numbers. Anchors, aliases, merge keys, tags and extra
documents are refused, and every problem carries `file:line:col`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coself.errors import InputError, Problem
from coself.located import LList, LMap, Mark

try:  # libyaml is many times faster; the pure loader is held to the same rules.
    from yaml import CParser as _Parser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    HAVE_LIBYAML = False

MAX_DEPTH = 32
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
# No leading zeros: `010` stays text rather than becoming 10 (or octal 8, as YAML 1.1 had it).
_FLOAT = re.compile(r"[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_CONSTANTS: dict[str, Any] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
}


class _Loader(_Parser, yaml.resolver.BaseResolver):  # type: ignore[misc, valid-type]
    """A parser and composer with no implicit resolvers: every plain scalar arrives as text."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        yaml.resolver.BaseResolver.__init__(self)


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def resolve_plain(text: str) -> Any:
    """Read a plain (unquoted) scalar by YAML 1.2's core schema: null, bool, int, float or text."""
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if text[0] in "0123456789+-.":
        if _INT.match(text):
            return int(text)
        if _FLOAT.match(text):
            return float(text)
    return text


class _Converter:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, mark: Mark, message: str) -> None:
        self.problems.append(Problem(self.source, mark.line, mark.col, message))

    def convert(self, node: Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            self.problem(_mark(node), f"nested more than {MAX_DEPTH} levels deep")
            return None
        if isinstance(node, ScalarNode):
            if node.tag != _STR:
                self.problem(_mark(node), f"YAML tags such as {node.tag!r} are not allowed")
                return None
            return resolve_plain(node.value) if node.style is None else node.value
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self.problem(_mark(node), f"YAML tags such as {node.tag!r} are not allowed")
            items = LList(_mark(node))
            for item in node.value:
                items.append(self.convert(item, depth + 1))
                items.item_marks.append(_mark(item))
            return items
        assert isinstance(node, MappingNode)
        return self.convert_mapping(node, depth)

    def convert_mapping(self, node: MappingNode, depth: int) -> LMap:
        if node.tag != _MAP:
            self.problem(_mark(node), f"YAML tags such as {node.tag!r} are not allowed")
        result = LMap(_mark(node))
        for key_node, value_node in node.value:
            key_mark = _mark(key_node)
            if not isinstance(key_node, ScalarNode):
                self.problem(key_mark, "a key must be plain text, not a list or mapping")
                continue
            key = self.convert(key_node, depth + 1)
            if key == "<<" and key_node.style is None:
                self.problem(key_mark, "merge keys (<<) are not allowed; write the fields out")
                continue
            if key in result.key_marks:
                first = result.key_marks[key]
                self.problem(key_mark, f"duplicate key {key!r} (first at line {first.line})")
                continue
            result[key] = self.convert(value_node, depth + 1)
            result.key_marks[key] = key_mark
            result.value_marks[key] = _mark(value_node)
        return result


def _scan_events(text: str, source: str) -> None:
    """Refuse anchors, aliases and deep nesting before composing (no 'billion laughs')."""
    depth = 0
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            mark = Mark(event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, yaml.AliasEvent):
                raise InputError.of([Problem(source, *mark, "YAML aliases (*name) are not allowed")])
            if getattr(event, "anchor", None):
                raise InputError.of([Problem(source, *mark, "YAML anchors (&name) are not allowed")])
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    msg = f"nested more than {MAX_DEPTH} levels deep"
                    raise InputError.of([Problem(source, *mark, msg)])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def _yaml_problem(error: yaml.YAMLError, source: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if "expected a single document" in str(error):
        problem, context = "holds more than one YAML document; keep one per file", None
    message = f"invalid YAML: {context}, {problem}" if context else f"invalid YAML: {problem}"
    message = " ".join(message.split())
    if mark is None:
        return Problem(source, 0, 0, message)
    return Problem(source, mark.line + 1, mark.column + 1, message)


def parse(text: str, source: str) -> Any:
    """Parse one YAML (or JSON) document strictly; raise InputError with every located problem."""
    if "&" in text or "*" in text or text.count("[") + text.count("{") > 1000:
        try:
            _scan_events(text, source)
        except yaml.YAMLError as error:
            raise InputError.of([_yaml_problem(error, source)]) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        raise InputError.of([_yaml_problem(error, source)]) from None
    except RecursionError:
        raise InputError.of([Problem(source, 0, 0, "nested too deeply to read")]) from None
    finally:
        loader.dispose()
    if node is None:
        return None
    converter = _Converter(source)
    value = converter.convert(node)
    if converter.problems:
        raise InputError.of(converter.problems)
    return value


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (a leading BOM is allowed); refuse anything else with a located message."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.of([Problem(source, 1, 1, "looks like UTF-16; save it as UTF-8")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        message = f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"
        raise InputError.of([Problem(source, line, col, message)]) from None


def read_text(path: Path, source: str, limit: int) -> str:
    """Read a file of at most `limit` bytes as UTF-8 text, or raise a located InputError."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError.of([Problem(source, 0, 0, "no such file")]) from None
    except IsADirectoryError:
        raise InputError.of([Problem(source, 0, 0, "is a folder, not a file")]) from None
    except OSError as error:
        raise InputError.of([Problem(source, 0, 0, f"cannot read: {error.strerror}")]) from None
    if len(data) > limit:
        message = f"file is larger than the {limit // 1024} KiB limit"
        raise InputError.of([Problem(source, 0, 0, message)])
    return decode(data, source)


def load_file(path: Path, source: str, limit: int) -> Any:
    """Read and parse a YAML or JSON file strictly."""
    return parse(read_text(path, source, limit), source)
