"""Strict YAML reading: untrusted text in, plain values with line:column marks out.

Plain scalars follow YAML 1.2's core schema, so `yes`, `no`, `on` and `010` stay text instead of
turning silently into booleans or octal numbers. Anchors, aliases, merge keys, tags and extra
documents are refused, and every problem carries `file:line:col`.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from coself.core.located import LList, LMap, Mark, as_mark
from coself.errors import InputError, Problem


class _NoResolver(BaseResolver):
    """Every node gets its kind's default tag; coself reads plain scalars itself."""

    _DEFAULTS = {
        ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
        SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
        MappingNode: BaseResolver.DEFAULT_MAPPING_TAG,
    }

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return self._DEFAULTS[kind]

    # The composer calls these for every node; with no path resolvers they have nothing to do.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class PureLoader(Reader, Scanner, Parser, Composer, _NoResolver):
    """PyYAML's pure-Python parser and composer, with no implicit resolvers."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _NoResolver.__init__(self)


try:  # libyaml is many times faster; the pure loader is held to exactly the same rules.
    from yaml._yaml import CParser

    class FastLoader(CParser, _NoResolver):
        """libyaml's parser and composer, with no implicit resolvers."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _NoResolver.__init__(self)

    Loader: type = FastLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    Loader = PureLoader

MAX_DEPTH = 32
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
# No leading zeros: `010` stays text rather than becoming 10 (or octal 8, as YAML 1.1 had it).
_FLOAT = re.compile(r"[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
# A plain scalar that may be a number starts with one of these; any other is text or a CONSTANT.
NUMBER_START = frozenset("0123456789+-.")
# The plain scalars read without a regular expression: YAML 1.2 core schema names, small numbers.
CONSTANTS: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    **{str(n): n for n in range(101)},  # the commonest numbers in answers, found without a regex
}


# No value coself reads needs more than a few digits; a longer number is refused before Python
# is asked to convert it (its own limit, sys.get_int_max_str_digits, may even be lower).
MAX_NUMBER_CHARS = 100


class NumberTooLongError(ValueError):
    """A plain scalar reads as a number too long to convert; the caller knows where it stood."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.message = (
            f"a number of {len(text)} characters is too long to read "
            f"(at most {MAX_NUMBER_CHARS}); put it in quotes if it is text"
        )


def resolve_plain(text: str) -> Any:
    """Read a plain (unquoted) scalar by YAML 1.2's core schema: null, bool, int, float or text.

    Raise NumberTooLongError for a number longer than MAX_NUMBER_CHARS."""
    if text in CONSTANTS:
        return CONSTANTS[text]
    if text[0] in NUMBER_START:
        if _INT.match(text):
            if len(text) > MAX_NUMBER_CHARS:
                raise NumberTooLongError(text)
            try:
                return int(text)
            except ValueError:  # beyond the interpreter's own digit limit
                raise NumberTooLongError(text) from None
        if _FLOAT.match(text):
            if len(text) > MAX_NUMBER_CHARS:
                raise NumberTooLongError(text)
            return float(text)
    return text


class _Converter:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, where: Any, message: str) -> None:
        mark = as_mark(where)
        self.problems.append(Problem(self.source, mark.line, mark.col, message))

    def convert(self, node: Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            self.problem(node, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if isinstance(node, ScalarNode):
            if node.tag != _STR:
                self.problem(node, f"YAML tags such as {node.tag!r} are not allowed")
                return None
            # a plain scalar has no style (None from the pure parser, "" from libyaml)
            if node.style:
                return node.value
            try:
                return resolve_plain(node.value)
            except NumberTooLongError as error:
                self.problem(node, error.message)
                return None
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self.problem(node, f"YAML tags such as {node.tag!r} are not allowed")
            items = LList(node)
            for item in node.value:
                items.append(self.convert(item, depth + 1))
            items.item_places.extend(node.value)
            return items
        return self.convert_mapping(node, depth)

    def convert_mapping(self, node: Node, depth: int) -> LMap:
        if node.tag != _MAP:
            self.problem(node, f"YAML tags such as {node.tag!r} are not allowed")
        result = LMap(node)
        places = result.places
        for key_node, value_node in node.value:
            try:
                if type(key_node) is not ScalarNode or key_node.tag != _STR:
                    self.problem(key_node, "a key must be plain text, not a list, mapping or tag")
                    continue
                # Scalars are read here rather than through convert(): most nodes are scalars in
                # mappings, and batches read thousands of files.
                key = key_node.value if key_node.style else resolve_plain(key_node.value)
                if key == "<<" and not key_node.style:
                    self.problem(key_node, "merge keys (<<) are not allowed; write the fields out")
                    continue
                if key in places:
                    first = as_mark(places[key][0]).line
                    self.problem(key_node, f"duplicate key {key!r} (first at line {first})")
                    continue
                if type(value_node) is ScalarNode and value_node.tag == _STR:
                    value = (
                        value_node.value if value_node.style else resolve_plain(value_node.value)
                    )
                else:
                    value = self.convert(value_node, depth + 1)
                result[key] = value
                places[key] = (key_node, value_node)
            except NumberTooLongError as error:  # rare: found here, not checked for every scalar
                plain_key = not key_node.style and key_node.value == error.args[0]
                self.problem(key_node if plain_key else value_node, error.message)
        return result


def _scan_events(text: str, source: str, loader_class: type) -> None:
    """Refuse anchors, aliases and deep nesting before composing (no 'billion laughs')."""
    depth = 0
    loader = loader_class(text)  # a ReaderError here is turned into a Problem by parse()
    try:
        while loader.check_event():
            event = loader.get_event()
            mark = Mark(event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, yaml.AliasEvent):
                raise InputError.of(
                    [Problem(source, *mark, "YAML aliases (*name) are not allowed")]
                )
            if getattr(event, "anchor", None):
                raise InputError.of(
                    [Problem(source, *mark, "YAML anchors (&name) are not allowed")]
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    msg = f"nested more than {MAX_DEPTH} levels deep"
                    raise InputError.of([Problem(source, *mark, msg)])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def _yaml_problem(error: yaml.YAMLError, source: str, text: str) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow
        before = text[: error.position]
        line, col = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        return Problem(
            source,
            line,
            col,
            f"invalid YAML: the control character #x{code:04x} is not allowed; remove it",
        )
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


def parse(text: str, source: str, loader_class: type | None = None) -> Any:
    """Parse one YAML (or JSON) document strictly; raise InputError with every located problem.

    Plain scalars become text, int, float, bool or None by YAML 1.2's core schema; anything
    else a file asks for (anchors, aliases, merge keys, tags, a second document) is refused.
    """
    loader_class = loader_class or Loader
    if "&" in text or "*" in text or text.count("[") + text.count("{") > 1000:
        try:
            _scan_events(text, source, loader_class)
        except yaml.YAMLError as error:
            raise InputError.of([_yaml_problem(error, source, text)]) from None
    try:
        loader = loader_class(text)  # the pure reader checks every character here
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        raise InputError.of([_yaml_problem(error, source, text)]) from None
    except RecursionError:
        raise InputError.of([Problem(source, 0, 0, "nested too deeply to read")]) from None
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


_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def _not_a_file(mode: int, source: str) -> InputError:
    kind = _KINDS.get(stat.S_IFMT(mode), "something other than a file")
    message = f"is {kind}, not a file" + ("" if stat.S_ISDIR(mode) else "; give a file instead")
    return InputError.of([Problem(source, 0, 0, message)])


def read_text(path: Path | str, source: str, limit: int) -> str:
    """Read a file of at most `limit` bytes as UTF-8 text, or raise a located InputError.

    Only regular files are read: a named pipe, device or socket could block or never end, so it
    is refused before it is opened (and checked again once open, in case it was swapped in)."""
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise _not_a_file(mode, source)
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode):
                raise _not_a_file(info.st_mode, source)
            # A regular file's reads never wait, O_NONBLOCK or not. Its size is known: read
            # exactly it (asking for `limit` bytes would allocate that much every time), and
            # read on, up to the limit, if it grew meanwhile.
            size = info.st_size
            data = _read_up_to(handle, min(size, limit) + 1)
            if len(data) > size:
                data += _read_up_to(handle, limit + 1 - len(data))
        finally:
            os.close(handle)
    except FileNotFoundError:
        raise InputError.of([Problem(source, 0, 0, "no such file")]) from None
    except IsADirectoryError:
        raise InputError.of([Problem(source, 0, 0, "is a folder, not a file")]) from None
    except OSError as error:
        raise InputError.of([Problem(source, 0, 0, f"cannot read: {error.strerror}")]) from None
    return _checked_size(data, source, limit, "file")


def _read_up_to(handle: int, wanted: int) -> bytes:
    """Read from a file descriptor until `wanted` bytes or the end of the file."""
    chunks: list[bytes] = []
    got = 0
    while got < wanted:
        chunk = os.read(handle, wanted - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _checked_size(data: bytes, source: str, limit: int, what: str) -> str:
    if len(data) > limit:
        message = f"{what} is larger than the {limit // 1024} KiB limit"
        raise InputError.of([Problem(source, 0, 0, message)])
    return decode(data, source)


STDIN_SOURCE = "<stdin>"


def read_stdin_text(limit: int, stream: TextIO | None = None) -> str:
    """Read standard input as UTF-8 text of at most `limit` bytes, as a file is read.

    At most limit + 1 bytes are read: enough to know it is too large, never the whole of it."""
    stream = sys.stdin if stream is None else stream
    if stream is None:  # started with standard input closed
        raise InputError.of([Problem(STDIN_SOURCE, 0, 0, "there is no standard input to read")])
    raw: BinaryIO | None = getattr(stream, "buffer", None)
    try:
        if raw is not None:
            data = raw.read(limit + 1)
        else:  # a text stream (tests use one): back to the bytes it was decoded from
            data = stream.read(limit + 1).encode("utf-8", "surrogateescape")
    except OSError as error:
        message = f"cannot read: {error.strerror}"
        raise InputError.of([Problem(STDIN_SOURCE, 0, 0, message)]) from None
    return _checked_size(data, STDIN_SOURCE, limit, "standard input")
