"""The one exception family coself raises, and the located problems it carries."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, and where: `file:line:col: subject: message`."""

    file: str
    line: int
    col: int | str  # a column number, or a CSV column name
    message: str
    subject: str | None = None  # a question id, or another id the problem belongs to

    def __str__(self) -> str:
        if not self.line:
            where = f"{self.file}: "
        elif not self.col:
            where = f"{self.file}:{self.line}: "
        else:
            where = f"{self.file}:{self.line}:{self.col}: "
        # In a CSV the column is often the question itself: name it once.
        subject = f"{self.subject}: " if self.subject and self.subject != self.col else ""
        return f"{where}{subject}{self.message}"


class CoselfError(Exception):
    """Base of every error coself reports to a user; the CLI turns it into an exit code.

    Raise a subclass: each names one kind of situation, and equal situations share a code.
    The codes are listed in the README ("Exit codes") and checked against it by a test.
    """

    exit_code = 1

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems

    def lines(self) -> list[str]:
        """The lines to show the user: one per problem, or the message itself."""
        return [str(p) for p in self.problems] or [str(self)]


class InputError(CoselfError):
    """An input file (bank, framework or answers) is unreadable or invalid."""

    @classmethod
    def of(cls, problems: list[Problem]) -> InputError:
        return cls(str(problems[0]), tuple(problems))


class UsageError(CoselfError):
    """The command was asked for something it cannot do (unknown bank, bad option value)."""

    exit_code = 2


class MismatchError(UsageError):
    """Inputs that cannot go together: different organisations in one combined report,
    different banks on the two sides of a comparison. Each file is fine; the request is not."""


class OutputError(CoselfError):
    """A report, answers file or output folder cannot be written (sysexits' EX_CANTCREAT)."""

    exit_code = 73

    @classmethod
    def of_os(cls, error: OSError) -> OutputError:
        """The message for an operating-system error met while writing: `path: reason`."""
        where = f"{error.filename}: " if error.filename else ""
        return cls(f"{where}cannot write: {error.strerror or error}")


class Interrupted(CoselfError):
    """A command was stopped: Ctrl-C anywhere; SIGTERM or SIGHUP in `assess` or `batch`."""

    exit_code = 130


class WriteError(OutputError):
    """A file could not be written (a full disk, a read-only folder): names the user's path."""
