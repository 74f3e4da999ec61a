"""The terminal a person answers at: line prompts on stderr, wrapped output, stop signals."""

from __future__ import annotations

import sys
from types import FrameType

from coself.core.text import clean


class Terminated(BaseException):
    """Raised from the SIGTERM/SIGHUP handler so the session unwinds and saves."""


def on_signal(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


def terminal_ask(prompt: str) -> str:
    """Prompt on stderr and read one line from stdin; end of input raises EOFError."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


def terminal_say(text: str) -> None:
    """Show a line on stderr, wrapped at word boundaries to the terminal's width, so that no
    word is split across lines; continuation lines keep the line's indent."""
    import shutil
    import textwrap

    text = clean(text)
    width = max(40, shutil.get_terminal_size((100, 24)).columns - 1)
    if len(text) > width:
        indent = " " * (len(text) - len(text.lstrip(" ")))
        text = textwrap.fill(
            text,
            width,
            subsequent_indent=indent + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
    print(text, file=sys.stderr, flush=True)
