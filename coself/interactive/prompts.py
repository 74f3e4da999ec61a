"""The terminal a person answers at: line prompts on stderr, wrapped output, stop signals."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from types import FrameType

from coself.core.text import clean

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Terminated(BaseException):
    """Raised for SIGTERM or SIGHUP (a closed terminal) so the session unwinds and saves."""


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """For work that runs unattended (a batch): SIGTERM and SIGHUP raise Terminated, as Ctrl-C
    raises KeyboardInterrupt, so that the work unwinds and removes its unfinished files."""

    def on_signal(signum: int, frame: FrameType | None) -> None:
        raise Terminated(signum)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class Stops:
    """Ctrl-C, SIGTERM and SIGHUP during a session: one stop, raised only while the person is
    being asked something, never half-way through a save; every signal after it is ignored,
    so a second one cannot break the final save.

    `with Stops() as stops:` installs the handlers; `stops.ask` is the prompt to use.
    """

    def __init__(self) -> None:
        self.received: int | None = None
        self._waiting = self._stopping = False

    def __enter__(self) -> Stops:
        self._previous = {s: signal.signal(s, self._on_signal) for s in STOP_SIGNALS}
        return self

    def __exit__(self, *_: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._stopping or self.received is not None:
            return  # already stopping
        self.received = signum
        if self._waiting:
            self.check()

    def check(self) -> None:
        """Raise the stop if a signal has come (KeyboardInterrupt for Ctrl-C)."""
        if self.received is None:
            return
        self._waiting = False
        if self.received == signal.SIGINT:
            raise KeyboardInterrupt
        raise Terminated(self.received)

    def stop_now(self) -> None:
        """The session is stopping (a signal, end of input): from now on signals are ignored."""
        self._stopping = True

    def ask(self, prompt: str) -> str:
        self.check()
        self._waiting = True
        try:
            return terminal_ask(prompt)
        finally:
            self._waiting = False


def terminal_ask(prompt: str) -> str:
    """Prompt on stderr and read one line from stdin; end of input raises EOFError.

    Bytes that are not text in the terminal's encoding become U+FFFD rather than an error.
    """
    sys.stderr.write(prompt)
    sys.stderr.flush()
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # a text stream with no bytes beneath (tests)
        line = sys.stdin.readline()
    else:
        line = raw.readline().decode(sys.stdin.encoding or "utf-8", "replace")
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
