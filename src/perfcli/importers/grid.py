"""A sheet as a grid of cells holding the text a reader sees, and a table's columns and numbers."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from msgspec import Struct, field

from perfcli.errors import InputError, PerfcliError
from perfcli.references import column_index as column_index  # where importers have found it


@lru_cache(maxsize=256)
def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# A named tuple: a sheet of 20,000 measures holds 140,000 cells, each made as fast as a tuple
# (a frozen dataclass's __init__ is four times slower) and as small.
class Cell(NamedTuple):
    row: int
    column: int
    text: str
    value: object = None
    number_format: str | None = None

    @property
    def ref(self) -> str:
        return f"{column_letter(self.column)}{self.row}"


class CellRef(Struct, frozen=True):
    """A cell's address as numbers, made into words (`E7`) only when a finding names it."""

    row: int
    column: int

    def __str__(self) -> str:
        return f"{column_letter(self.column)}{self.row}"


class Sheet(Struct):
    file: Path
    name: str | None
    rows: dict[int, dict[int, Cell]] = field(default_factory=dict)
    missing_values: list[str] = field(default_factory=list)
    # Recorded, not acted on: hidden sheets and rows are read like any other.
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()
    # Merged ranges, as (first row, first column, last row, last column).
    merged: tuple[tuple[int, int, int, int], ...] = ()

    def error(
        self, message: str, cell: str | CellRef | None = None, hint: str | None = None
    ) -> InputError:
        where = cell if cell is None or isinstance(cell, str) else str(cell)
        return InputError(message, file=self.file, sheet=self.name, cell=where, hint=hint)


def check_within_header(sheet: Sheet, number: int, header_row: int) -> None:
    """A CSV row with a field past its header's last column has split a value at a separator:
    `100 Local target, 2023/24` unquoted put 2023 in the figure's column, and `1.234,5` left
    the 5 over. An error at the stray field. A workbook's cells are never split, and a note
    beside its table is no value: only a CSV (a sheet with no name) is checked."""
    if sheet.name is not None:
        return
    cells = sheet.rows[number]
    width = max(sheet.rows[header_row])
    if max(cells) > width:
        stray = cells[min(column for column in cells if column > width)]
        raise sheet.error(
            f"{stray.text!r} lies past the header's last column: the row has more fields than"
            " the header",
            stray.ref,
            hint='put a value holding the separator in quotes ("1.234,5"), or delete the stray'
            " field",
        )


_NO_FIGURE = re.compile(r"^(n/?a|-|–)$", re.I)


def number_at(sheet: Sheet, cell: Cell | None, what: str) -> float | None:
    """A table's cell read as a number (`£1,098`, `0.52`); an empty cell, `n/a`, `-` or `–` is
    none; any other text is one error naming the cell."""
    from perfcli.domain.values import parse_value

    if cell is None:
        return None
    try:
        parsed = parse_value(cell.text)
    except PerfcliError as error:
        raise sheet.error(error.message, cell.ref, hint=error.hint) from None
    if parsed.figure is None and parsed.reason and not _NO_FIGURE.match(cell.text.strip()):
        raise sheet.error(f"{what} {cell.text!r} is not a number", cell.ref)
    return parsed.value


def find_columns(
    sheet: Sheet, role_of: Callable[[str], str | None], required: set[str], *, within: int = 20
) -> tuple[int, dict[str, int]] | None:
    """The first of the sheet's first `within` rows that names every `required` column, as
    (row, role -> column); `role_of` reads a heading's role (None for none)."""
    for number in sorted(sheet.rows)[:within]:
        columns: dict[str, int] = {}
        for column, cell in sorted(sheet.rows[number].items()):
            role = role_of(cell.text)
            if role:
                columns.setdefault(role, column)
        if required <= columns.keys():
            return number, columns
    return None
