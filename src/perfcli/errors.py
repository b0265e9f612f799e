"""The user errors perfcli reports, and the exit codes they map to."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded when an error is made: `perfcli --help` loads no record type (msgspec)
    from perfcli.location import Location


class ExitStatus(IntEnum):
    OK = 0
    INVALID_DATA = 1
    BAD_USAGE = 2
    # Another perfcli held the workspace for longer than the wait: nothing wrong, try again.
    BUSY = 3
    # The computer would not write: a full disk, a file size limit, a closed output. Neither
    # the data nor the command is at fault.
    UNWRITABLE = 4


# An error is one line: a message quoting a whole cell or CSV record is cut to this length.
MAX_MESSAGE = 300


def with_hint(text: str, hint: str | None) -> str:
    """A line and its hint: in brackets unless the hint holds brackets itself, never brackets
    inside brackets (`...; install LibreOffice (soffice), or save the .docx as PDF from Word`)."""
    if not hint:
        return text
    return f"{text}; {hint}" if "(" in hint else f"{text} ({hint})"


class PerfcliError(Exception):
    """A mistake in the user's input: shown as one line, never as a traceback."""

    exit_status = ExitStatus.INVALID_DATA

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def location(self) -> Location | None:
        return None

    def __str__(self) -> str:
        where = self.location()
        message = _shorten(self.message)
        text = f"{where}: {message}" if where is not None else message
        return with_hint(text, _shorten(self.hint) if self.hint else None)


def _shorten(text: str) -> str:
    text = " ".join(text.split()) if "\n" in text else text
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


# A text quoted in a message is cut here: a cell of 32,767 digits is named by its start.
QUOTED_CHARACTERS = 60


def quoted(text: str) -> str:
    """`text` quoted as repr() does, a long one cut with its length said: `'99999…' (32,767
    characters)`."""
    if len(text) <= QUOTED_CHARACTERS:
        return repr(text)
    return f"{text[: QUOTED_CHARACTERS - 20]!r}… ({len(text):,} characters)"


class BusyError(PerfcliError):
    """The workspace was held by another perfcli for longer than the wait: try again."""

    exit_status = ExitStatus.BUSY


class UnwritableError(PerfcliError):
    """A write the computer refused (a full disk, a file size limit, a closed output)."""

    exit_status = ExitStatus.UNWRITABLE


class UsageError(PerfcliError):
    """Bad options or arguments on the command line."""

    exit_status = ExitStatus.BAD_USAGE


class NothingImported(UsageError):
    """A workspace whose store is not there yet: only a command that writes figures makes it."""


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
        super().__init__(f"cannot read {quoted(text)}: {reason}", hint=hint)
        self.text = text
        self.reason = reason


class InputError(PerfcliError):
    """A problem in an input file, located by file, sheet and cell where known (or, for a
    problem between two of a row's figures, by the measure and period in the file)."""

    def __init__(
        self,
        message: str,
        *,
        file: Path | str,
        sheet: str | None = None,
        cell: str | None = None,
        hint: str | None = None,
        about: Location | None = None,
    ) -> None:
        from perfcli.location import Location

        super().__init__(message, hint=hint)
        measure, period = (about.measure, about.period) if about else (None, None)
        self.at = Location(str(file), sheet, cell, measure=measure, period=period)

    @property
    def file(self) -> Path:
        return Path(str(self.at.file))

    @property
    def sheet(self) -> str | None:
        return self.at.sheet

    @property
    def cell(self) -> str | None:
        return self.at.cell

    def location(self) -> Location:
        return self.at


class MeasureError(PerfcliError):
    """A problem with a measure's data in the store, located by measure and period."""

    def __init__(
        self, message: str, *, measure: str, period: str | None = None, hint: str | None = None
    ) -> None:
        from perfcli.location import Location

        super().__init__(message, hint=hint)
        self.at = Location.of(measure, period)

    @property
    def measure(self) -> str:
        return str(self.at.measure)

    @property
    def period(self) -> str | None:
        return self.at.period

    def location(self) -> Location:
        return self.at
