"""Where a finding or an error is: a place in a file, or a measure and period, kept as a value
and made into words only when shown."""

from __future__ import annotations

import re
from pathlib import PurePath

from msgspec import Struct
from msgspec.structs import replace

# A lone surrogate: how Python holds a byte of a file's name or an argument that is not UTF-8
# (`caf\xe9` as `caf\udce9`, PEP 383), which neither the store nor an output stream can take.
NOT_UTF8 = re.compile("[\ud800-\udfff]")
# What a name may hold that would break its line or move the cursor: a byte not UTF-8, a control.
_UNSHOWABLE = re.compile("[\ud800-\udfff\x00-\x1f\x7f]")
_CONTROLS = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")


def column_index(letters: str) -> int:
    """A -> 1, AA -> 27."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def cell_order(ref: str | None) -> tuple[int, int]:
    """A cell's reference (`F11`) as a reader comes to it: (row, column); (0, 0) for none, so
    F6 comes before F11, which their text's order puts after it."""
    found = _CELL_REF.fullmatch(ref or "")
    return (int(found.group(2)), column_index(found.group(1))) if found else (0, 0)


def path_text(path: str | PurePath) -> str:
    """A file's path as text, the same wherever it is stored or shown (the store, a finding's
    location, JSON): each byte of its name that is not UTF-8 as `\\xe9`, and a control character
    as `\\n` or `\\x1b`, what it was on disk in characters any output can hold on one line.
    (`files.shown_path` is which folder a printed path is from.)"""
    return _UNSHOWABLE.sub(_byte_shown, str(path))


def _byte_shown(found: re.Match[str]) -> str:
    char = found[0]
    code = ord(char)
    if code < 0xD800:
        return _CONTROLS.get(char) or f"\\x{code:02x}"
    # 0xdc80-0xdcff are the bytes 0x80-0xff (PEP 383); any other is a Windows name's own half.
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


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
