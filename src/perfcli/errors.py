"""The user errors perfcli reports, and the exit codes they map to."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitStatus(IntEnum):
    OK = 0
    INVALID_DATA = 1
    BAD_USAGE = 2


class PerfcliError(Exception):
    """A mistake in the user's input: shown as one line, never as a traceback."""

    exit_status = ExitStatus.INVALID_DATA

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def location(self) -> str | None:
        return None

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class UsageError(PerfcliError):
    """Bad options or arguments on the command line."""

    exit_status = ExitStatus.BAD_USAGE


class WorkspaceError(UsageError):
    """No workspace found, or a broken perfcli.toml."""


class PeriodError(PerfcliError):
    """A period label that is not a real period."""

    def __init__(self, label: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"{label!r} is not a period: {reason}", hint=hint)
        self.label = label
        self.reason = reason


class ValueParseError(PerfcliError):
    """A printed value or comparator that cannot be read."""

    def __init__(self, text: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"cannot read {text!r}: {reason}", hint=hint)
        self.text = text
        self.reason = reason


class InputError(PerfcliError):
    """A problem in an input file, located by file, sheet and cell where known."""

    def __init__(
        self,
        message: str,
        *,
        file: Path | str,
        sheet: str | None = None,
        cell: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.file = Path(file)
        self.sheet = sheet
        self.cell = cell

    def location(self) -> str:
        parts = [self.file.name]
        if self.sheet is not None:
            parts.append(f'sheet "{self.sheet}"')
        if self.cell is not None:
            parts.append(f"cell {self.cell}")
        return ", ".join(parts)


class MeasureError(PerfcliError):
    """A problem with a measure's data in the store, located by measure and period."""

    def __init__(
        self, message: str, *, measure: str, period: str | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.measure = measure
        self.period = period

    def location(self) -> str:
        return f"{self.measure}, {self.period}" if self.period else self.measure
