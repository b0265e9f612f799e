"""The cost-effectiveness index's inputs: each council's spending per head and outcome score.

A table (.csv or .xlsx, title lines above it are fine) with `Council` (or `Area`, `Authority`),
`Spending per head` and (optionally) `Outcome score` columns; other columns are ignored.
A blank or `N/A` figure is missing: the council is listed without an index.
"""

from __future__ import annotations

import re
from pathlib import Path

from msgspec import Struct, field

from perfcli.errors import InputError
from perfcli.importers.grid import Sheet, find_columns, number_at
from perfcli.importers.sheets import read_sheets

_ROLES = {
    "council": "council",
    "area": "council",
    "area name": "council",
    "authority": "council",
    "local authority": "council",
    "spending per head": "spending",
    "spend per head": "spending",
    "net spending per head": "spending",
    "outcome score": "outcome",
    "outcome": "outcome",
    "outcome composite": "outcome",
}


class IndexTable(Struct):
    file: Path
    spending: dict[str, float | None] = field(default_factory=dict)
    outcome: dict[str, float | None] = field(default_factory=dict)


def _role(text: str) -> str | None:
    cleaned = re.sub(r"\([^)]*\)", " ", text.lower())  # `Spending per head (£)`
    return _ROLES.get(" ".join(cleaned.split()))


def read_index_table(path: Path) -> IndexTable:
    """Read the first sheet holding the columns, or raise one located error."""
    sheets = [sheet for sheet in read_sheets(path) if sheet.rows]
    for sheet in sheets:
        found = find_columns(sheet, _role, {"council", "spending"})
        if found is not None:
            return _read(sheet, *found)
    raise InputError(
        "no table of Council, Spending per head and Outcome score",
        file=path,
        hint="name the columns Council, Spending per head and Outcome score",
    )


def _read(sheet: Sheet, header: int, columns: dict[str, int]) -> IndexTable:
    table = IndexTable(sheet.file)
    seen: dict[str, int] = {}
    for number in sorted(n for n in sheet.rows if n > header):
        cells = sheet.rows[number]
        name_cell = cells.get(columns["council"])
        if name_cell is None:
            continue
        name = name_cell.text
        if name in seen:
            raise sheet.error(f"{name} appears twice (first on row {seen[name]})", name_cell.ref)
        seen[name] = number
        for role, target in (("spending", table.spending), ("outcome", table.outcome)):
            cell = cells.get(columns[role]) if role in columns else None
            what = role.replace("spending", "spending per head")
            target[name] = number_at(sheet, cell, what)
    return table
