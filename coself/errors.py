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
    """Base of every error coself reports to a user; the CLI turns it into an exit code."""

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


class Interrupted(CoselfError):
    """The person stopped an interactive session with Ctrl-C, SIGTERM or a closed terminal."""

    exit_code = 130


class WriteError(CoselfError):
    """A file could not be written (a full disk, a read-only folder): names the user's path."""
