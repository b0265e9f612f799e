"""Where a finding or an error is: a place in a file, or a measure and period, kept as a value
and made into words only when shown."""

from __future__ import annotations

from pathlib import PurePath

from msgspec import Struct
from msgspec.structs import replace

from perfcli.references import path_text


class Location(Struct, frozen=True):
    """A file (shown by its name), a sheet in it, and a cell, a row or another spot on the
    sheet (`near`: "above row 12", "at the end"); or a measure and the period of its figure,
    for a finding no cell holds. A finding about a figure at a known cell has both: its words
    name the cell, and its message the measure and period (`Finding.text`)."""

    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    near: str | None = None
    measure: str | None = None
    period: str | None = None

    @classmethod
    def of(cls, measure: str, period: str | None = None) -> Location:
        """A measure, or one of its figures, where no cell is known."""
        return cls(measure=measure, period=period)

    @property
    def in_sheet(self) -> bool:
        return any(part is not None for part in (self.sheet, self.cell, self.row, self.near))

    @property
    def subject(self) -> str | None:
        """The measure and period, as a finding names them: `ascof-2c, 2024-25`."""
        if self.measure is None:
            return None
        return f"{self.measure}, {self.period}" if self.period else self.measure

    def at_cell(self, place: Location) -> Location:
        """This measure's figure, at the file, sheet and cell `place` names."""
        return replace(place, measure=self.measure, period=self.period)

    def in_file(self, file: str) -> Location:
        return replace(self, file=file)

    def __str__(self) -> str:
        name = path_text(PurePath(self.file).name) if self.file else None
        if self.in_sheet or self.measure is None:
            parts = [name] if name else []
            parts += [f'sheet "{self.sheet}"'] if self.sheet else []
            if self.cell is not None:
                parts.append(f"cell {self.cell}")
            elif self.row is not None:
                parts.append(f"row {self.row}")
            parts += [self.near] if self.near is not None else []
            return ", ".join(parts)
        return f"{name}: {self.subject}" if name else str(self.subject)
