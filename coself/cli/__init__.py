"""The command line (Typer only): `main()` runs a command and turns every ending into an exit code.

Imported by nothing. Only typer is imported at the top so that `coself --version` starts fast: the
enums behind the choices (formats, perspectives) are read when an option is checked, not before.
"""

from __future__ import annotations

import errno
import sys
from typing import Any

import typer

from coself.cli.commands import app

__all__ = ["app", "main", "run"]


def main() -> None:
    """Entry point: run one command and turn every way it can end into a message and exit code."""
    sys.exit(run(sys.argv[1:]))


def run(args: list[str]) -> int:
    """Run `coself ARGS`; return the exit code. The one place errors become codes (README table)."""
    from coself.errors import CoselfError, Interrupted, OutputError

    click_error = _click_exception()
    try:
        code = app(args=args, prog_name="coself", standalone_mode=False)
    except CoselfError as error:
        return _fail(error)
    except (KeyboardInterrupt, typer.Abort):  # Ctrl-C outside a command; end of input (click)
        return _fail(Interrupted("stopped"))
    except click_error as error:  # a usage mistake found while parsing the command line
        return _usage(error)
    except OSError as error:
        if error.errno == errno.EPIPE:
            return _quiet_broken_pipe()
        # Every reader turns its own OSErrors into located InputErrors, so one that gets here
        # comes from writing: a report, an answers file or an output folder.
        return _fail(OutputError.of_os(error))
    return code if isinstance(code, int) else 0


def _fail(error: Any) -> int:
    import contextlib

    from coself.core.text import clean

    # After SIGHUP the terminal may be gone: its exit code must still come through.
    with contextlib.suppress(OSError):
        for line in error.lines():
            print(f"coself: {clean(line)}" if not error.problems else clean(line), file=sys.stderr)
    return int(error.exit_code)


def _usage(error: Any) -> int:
    """click's usage errors on one line; the help itself where no arguments were given."""
    from coself.core.text import clean

    if type(error).__name__ == "NoArgsIsHelpError":
        error.show()
        return int(error.exit_code)
    # typer 0.29 (which the pin leaves out) checks values with pydantic, whose messages begin
    # "Value error, ".
    message = error.format_message().replace("Value error, ", "")
    ctx = getattr(error, "ctx", None)
    hint = f" (see {ctx.command_path} --help)" if ctx is not None else ""
    print(f"coself: {clean(message)}{hint}", file=sys.stderr)
    return int(error.exit_code)


def _click_exception() -> Any:
    """click's ClickException: typer bundles click from 0.2x on; older typers used click's."""
    import importlib

    try:
        return importlib.import_module("typer._click.exceptions").ClickException
    except ImportError:
        return importlib.import_module("click.exceptions").ClickException


def _quiet_broken_pipe() -> int:
    """The reader of standard output went away (`coself report x | head`): stop quietly."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # so that flushing at exit raises nothing more
    return 1
