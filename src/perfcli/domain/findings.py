"""What a check or a reader noticed, as a value: severity, code, location, message and hint."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct

from perfcli.location import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Finding(Struct, frozen=True):
    """One thing a check or a reader noticed, where it is, and what to do about it."""

    severity: Severity
    code: str
    location: Location
    message: str
    hint: str | None = None

    @property
    def where(self) -> str:
        return str(self.location)

    @property
    def text(self) -> str:
        """The message as shown: one about a measure's figure at a cell names the measure and
        period first, since the location names the cell."""
        subject = self.location.subject
        return f"{subject}: {self.message}" if subject and self.location.in_sheet else self.message

    def as_dict(self) -> dict[str, str | None]:
        return {"severity": self.severity.value, "code": self.code, "location": self.where,
                "message": self.text, "hint": self.hint}  # fmt: skip
