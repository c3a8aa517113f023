"""The one user-facing problem type: a message tied to a place in a note."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors stop the build, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong at ``path:line``; ``line`` is 0 when no line applies."""

    path: str
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity.value}: {self.message}"


class NoteError(Exception):
    """A note cannot be used: carries the :class:`Problem` that says where and why."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.problem = Problem(path, line, Severity.ERROR, message)
        super().__init__(str(self.problem))

    @property
    def path(self) -> str:
        return self.problem.path

    @property
    def line(self) -> int:
        return self.problem.line

    @property
    def message(self) -> str:
        return self.problem.message


def warning(path: str, line: int, message: str) -> Problem:
    """A problem that is reported but does not stop the build."""
    return Problem(path, line, Severity.WARNING, message)


class BuildError(Exception):
    """The build could not write its output (a folder problem, a full disk, ...)."""
