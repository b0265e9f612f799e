"""The spending table: each authority's type, core spending power and net expenditure per head.

A table (.csv or .xlsx, title lines above it are fine) with `Authority` (or `Council`, `Area`),
`Type` (county, unitary, metropolitan district, London borough), `Core spending power per head`,
optionally `Population`, and any number of `Net expenditure per head: <service or theme>`
columns (also `Net expenditure per head (£) - <service>`). Other columns are ignored. A blank or
`N/A` figure is missing; anything else that is not a number is an error naming its cell.
"""

from __future__ import annotations

import re
from pathlib import Path

from perfcli.domain.funding import AUTHORITY_TYPES, Authority, SpendingTable
from perfcli.errors import InputError
from perfcli.importers.grid import Sheet, column_letter, find_columns, number_at
from perfcli.importers.sheets import read_sheets

_TYPES = {
    "county": "county", "county council": "county", "shire county": "county", "sc": "county",
    "unitary": "unitary", "unitary authority": "unitary", "ua": "unitary",
    "metropolitan district": "metropolitan district", "metropolitan": "metropolitan district",
    "met district": "metropolitan district", "md": "metropolitan district",
    "london borough": "London borough", "inner london borough": "London borough",
    "outer london borough": "London borough", "london": "London borough", "l": "London borough",
}  # fmt: skip
_ROLES = {
    "authority": "authority", "council": "authority", "local authority": "authority",
    "area": "authority", "area name": "authority",
    "type": "type", "authority type": "type", "class": "type",
    "core spending power per head": "power", "csp per head": "power",
    "population": "population",
}  # fmt: skip
NET = "net:"


def _role(text: str) -> str | None:
    cleaned = " ".join(re.sub(r"\([^)]*\)", " ", text).split())  # `per head (£)`
    found = re.match(r"(?i)net (?:expenditure|spend|spending) per head\s*[:\-–]\s*(.+)$", cleaned)
    if found:
        return NET + found.group(1).strip()
    return _ROLES.get(cleaned.lower())


def read_spending_table(path: Path) -> SpendingTable:
    """Read the first sheet holding the columns, or raise one located error."""
    for sheet in (sheet for sheet in read_sheets(path) if sheet.rows):
        found = find_columns(sheet, _role, {"authority", "type", "power"})
        if found is not None:
            return _read(sheet, *found)
    raise InputError(
        "no table of Authority, Type and Core spending power per head",
        file=path,
        hint="name the columns Authority, Type, Core spending power per head, and "
        "'Net expenditure per head: <service>' for each service",
    )


def _read(sheet: Sheet, header: int, columns: dict[str, int]) -> SpendingTable:
    table = SpendingTable(sheet.file)
    seen: dict[str, int] = {}
    for number in sorted(n for n in sheet.rows if n > header):
        cells = sheet.rows[number]
        name_cell = cells.get(columns["authority"])
        if name_cell is None or not name_cell.text.strip():
            continue
        name = name_cell.text.strip()
        if name in seen:
            raise sheet.error(f"{name} appears twice (first on row {seen[name]})", name_cell.ref)
        seen[name] = number
        kind_cell = cells.get(columns["type"])
        kind = _TYPES.get(" ".join((kind_cell.text if kind_cell else "").lower().split()))
        if kind is None:
            raise sheet.error(
                f"{name}: authority type {kind_cell.text if kind_cell else ''!r} is not known",
                f"{column_letter(columns['type'])}{number}",
                hint="one of: " + ", ".join(AUTHORITY_TYPES),
            )
        figures = {
            role: _figure(sheet, cells, column, number, role)
            for role, column in columns.items()
            if role not in ("authority", "type")
        }
        table.authorities.append(
            Authority(
                name, kind, figures.get("power"), figures.get("population"),
                {role[len(NET):]: value for role, value in figures.items() if role.startswith(NET)},
            )
        )  # fmt: skip
    return table


def _figure(sheet: Sheet, cells: dict, column: int, number: int, role: str) -> float | None:
    what = (
        role[len(NET) :] if role.startswith(NET) else role.replace("power", "core spending power")
    )
    return number_at(sheet, cells.get(column), what)
