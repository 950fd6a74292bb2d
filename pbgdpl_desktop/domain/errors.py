"""Errors that carry a Vietnamese message meant to be shown to the clerk as is.

Classification (docs/architecture.md, "Habits"): ``DomainError`` and its subclasses are *known* problems with a message for the
clerk; anything else that escapes is a bug (short apology + log path in the UI).
"""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """A problem the clerk can understand and fix; ``message`` is Vietnamese."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


class ValidationError(DomainError):
    """One or more fields are invalid. ``problems`` lists them; ``message`` joins them."""

    def __init__(
        self, problems: list[FieldProblem] | FieldProblem | str, *, field: str | None = None
    ) -> None:
        if isinstance(problems, str):
            problems = [FieldProblem(field or "", problems)]
        elif isinstance(problems, FieldProblem):
            problems = [problems]
        self.problems: list[FieldProblem] = list(problems)
        super().__init__("\n".join(p.message for p in self.problems), field=self.problems[0].field or None)


class NotFoundError(DomainError):
    """The record asked for does not exist (or was deleted)."""


class ConflictError(DomainError):
    """The action conflicts with saved data (duplicate number, record in use, …)."""


class EnvironmentProblem(DomainError):  # noqa: N818 - a known problem of the machine, not a bug
    """A known problem of the machine or the file: disk full, read-only, locked, corrupt, network share."""


class DatabaseCorruptError(EnvironmentProblem):
    pass


class DatabaseNewerError(EnvironmentProblem):
    pass


class DatabaseInUseError(EnvironmentProblem):
    """Another process writes to the database (or a restore is swapping it); ``holder`` says who, if known."""

    def __init__(self, message: str, *, holder: object | None = None) -> None:
        super().__init__(message)
        self.holder = holder


class ReadOnlyError(EnvironmentProblem):
    """A write was tried on a database opened read-only (a second copy of the app, a reading command)."""


class NetworkPathError(EnvironmentProblem):
    pass


class StorageError(EnvironmentProblem):
    """Disk full, permission denied, file locked by another program."""


class Cancelled(Exception):  # noqa: N818 - mirrors Anki's Interrupted: not an error, shown as nothing
    """The user cancelled a long operation: never shown as an error."""
