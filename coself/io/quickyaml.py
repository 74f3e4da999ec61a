"""A quick path for YAML in the shape answers files nearly always have.

Answers files that coself saves, and those filled in by hand from `coself template`, are block
mappings of plain keys whose values are one-line scalars or further mappings:

    bank: organisation
    answers:
      culture-board-commitment: 3
      culture-senior-lead:
        answer: 'yes'
        note: Seen in the board minutes

A batch reads thousands of them, and libyaml's composer makes a Python node for every key and
value only for the reader to turn them into values again. Here each line is matched by one
regular expression and the values are made directly, with the same places and the same text as
written, and read by the same rules (`resolve_plain`); blank lines and comments (the template's
explanations, a note after an answer) are passed over, as YAML does. The shape is kept narrow
on purpose: anything else (lists, flow style, anchors, tags, escapes, multi-line text, tabs,
`\\r`, unprintable characters, unusual indentation, a repeated key, a too-long number) makes
`read_simple` answer None, and the document goes through libyaml as before, which
also finds and words every problem. The tests hold the two readers to the same answer on
documents made to sit on the shape's every edge.
"""

from __future__ import annotations

import re

from coself.core.located import LMap, Mark
from coself.io.yamlsafe import CONSTANTS, NUMBER_START, resolve_plain

# One line of a block mapping: indentation, a plain key, and then, after a colon and spaces,
# nothing (a mapping follows, or null), a plain scalar, or a quoted one with no escapes; a
# comment may follow after a space. A plain scalar may not start with a YAML indicator nor hold
# `:`, `#` or brackets; trailing spaces are not part of it. Or a line with only spaces or a
# comment, which YAML ignores (all its groups are empty: a key never is).
_LINE = re.compile(
    r"^(?:( *)([A-Za-z0-9_][A-Za-z0-9_-]*):"
    r"(?:( +)(?:"
    r"([^-?:,\[\]{}#&*!|>'\"%@` \n][^:#\[\]{}\n]*(?<! ))"  # plain
    r"|(')((?:[^'\n]|'')*)'"  # single-quoted, '' for a quote
    r"|(\")([^\"\\\n]*)\""  # double-quoted, no escapes
    r"))?(?: +#[^\n]*| *)"  # a comment after a space, or only spaces, to the line's end
    r"| *(?:#[^\n]*)?"  # a blank or comment line
    r")\n",
    re.MULTILINE,  # `^` is a line's start: a match never starts part-way along a line
)
Place = tuple[int, int, str]  # a key's or a scalar's line, column and text as written
MAX_DEPTH = 8  # mappings within mappings; answers files use three


def read_simple(text: str) -> LMap | None:
    """The document's mapping, if every line has the simple shape; else None (read it with
    libyaml). Keys and values are placed as libyaml places them: (line, column, text as written)
    for each key and scalar, read like a Cell by coself.core.located, and the first key's Mark
    for a nested mapping."""
    if not text.endswith("\n"):
        text += "\n"
    lines = _LINE.findall(text)
    # Each match is one whole line, from its start (`^`) to its end: as many matches as lines
    # means that no line was skipped. Unprintable characters (YAML refuses some and reads others
    # as line breaks) are left to libyaml.
    if len(lines) != text.count("\n") or not text.replace("\n", " ").isprintable():
        return None
    try:
        return _build(lines)
    except ValueError:  # a number too long to read: libyaml's path says where
        return None


def _build(lines: list[tuple[str, ...]]) -> LMap | None:
    constants, number_start = CONSTANTS, NUMBER_START
    root = LMap()  # placed at its first key, as libyaml places it
    stack = [(0, root)]  # the open mappings, with their indentation
    depth, mapping, places = 0, root, root.places
    pending: tuple[object, Place, Place] | None = None  # a key with no value on its line
    for number, line in enumerate(lines, 1):
        indent, written, gap, plain, single_quote, single, double_quote, double = line
        if not written:  # a blank or comment line
            continue
        if root.where is None:
            root.where = Mark(number, 1)
        size = len(indent)
        if pending is not None:
            key, key_place, empty = pending
            pending = None
            if size > depth:  # its value is the mapping that starts here
                if len(stack) > MAX_DEPTH:
                    return None
                child = LMap(Mark(number, size + 1))
                mapping[key] = child
                places[key] = (key_place, child.where)
                stack.append((size, child))
                depth, mapping, places = size, child, child.places
            else:  # nothing followed the colon: null, as YAML has it
                mapping[key] = None
                places[key] = (key_place, empty)
        if size != depth:
            while size < stack[-1][0]:
                stack.pop()
            depth, mapping = stack[-1]
            if size != depth:  # an indentation no open mapping has
                return None
            places = mapping.places
        if written[0] in number_start or written in constants:  # resolve_plain's own tests
            key = resolve_plain(written)
        else:
            key = written
        if key in mapping:  # a repeated key: libyaml's path words the problem
            return None
        key_place = (number, size + 1, written)
        column = size + len(written) + len(gap) + 2
        if plain:
            mapping[key] = constants[plain] if plain in constants else resolve_plain(plain)
            places[key] = (key_place, (number, column, plain))
        elif single_quote:
            single = single.replace("''", "'")
            mapping[key] = single
            places[key] = (key_place, (number, column, single))
        elif double_quote:
            mapping[key] = double
            places[key] = (key_place, (number, column, double))
        else:
            pending = (key, key_place, (number, column, ""))
    if pending is not None:
        key, key_place, empty = pending
        mapping[key] = None
        places[key] = (key_place, empty)
    return root if root.where is not None else None  # only comments: no mapping at all
