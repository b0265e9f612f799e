"""A theme dashboard's heading row: which column is which, and each `End of Yr` column's period."""

from __future__ import annotations

import re

from msgspec import Struct

from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.errors import PerfcliError
from perfcli.importers.grid import Cell, Sheet

_ROLES = {
    "id": "id",
    "measure id": "id",
    "indicator id": "id",
    "measure": "code",
    "code": "code",
    "measure code": "code",
    "ref": "code",
    "reference": "code",
    "description": "description",
    "indicator": "description",
    "indicator description": "description",
    "measure description": "description",
    "quartile": "quartile",
    "quartile position": "quartile",
    "direction of travel": "direction",
    "dot": "direction",
    "target / standard": "target",
    "target/standard": "target",
    "target or standard": "target",
    "target": "target",
    "standard": "target",
    "polarity": "aim",
    "aim": "aim",
    "commentary": "commentary",
    "comments": "commentary",
    "comment": "commentary",
    "theme": "theme",
}
_VALUE_PREFIX = re.compile(r"^(?:end of (?:yr|year)|year end|outturn)\s+(.+)$")


class ThemeHeader(Struct):
    row: int
    columns: dict[str, int]
    values: list[tuple[int, Period]]  # latest first


def _role(sheet: Sheet, cell: Cell) -> tuple[str, Period | None] | None:
    text = " ".join(cell.text.lower().replace("\n", " ").split())
    if text in _ROLES:
        return _ROLES[text], None
    prefixed = _VALUE_PREFIX.match(text)
    if prefixed:
        try:
            return "value", parse_period(prefixed.group(1))
        except PerfcliError as error:
            raise sheet.error(
                f"column heading {cell.text!r}: {error.message}", cell.ref, hint=error.hint
            ) from None
    return None


def header_at(sheet: Sheet, number: int) -> ThemeHeader | None:
    """The row names Description, a quartile or direction column and an `End of Yr` column."""
    cells = sheet.rows.get(number, {})
    texts = {" ".join(c.text.lower().split()) for c in cells.values()}
    if not texts & {"quartile position", "direction of travel", "quartile", "dot"}:
        return None
    columns: dict[str, int] = {}
    values: list[tuple[int, Period]] = []
    for column, cell in sorted(cells.items()):
        role = _role(sheet, cell)
        if role is None:
            continue
        name, period = role
        if name == "value" and period is not None:
            values.append((column, period))
        else:
            columns.setdefault(name, column)
    if "description" not in columns or not values:
        return None
    values.sort(key=lambda item: item[1].sort_key(), reverse=True)
    return ThemeHeader(number, columns, values)


def find_header(sheet: Sheet) -> ThemeHeader | None:
    for number in sorted(sheet.rows)[:200]:
        header = header_at(sheet, number)
        if header is not None:
            return header
    return None
