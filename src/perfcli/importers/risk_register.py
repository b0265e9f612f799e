"""The corporate risk register, for the compendium's risks section.

A table (.xlsx or .csv) with `Risk`, `Owner`, current `Likelihood` and `Impact` (each 1 to 5), and
optionally the score at the last review (`Previous score`). Title rows above it are fine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from perfcli.errors import InputError
from perfcli.importers.sheets import Cell, Sheet, column_letter, find_columns, read_sheets

_ROLES = {
    "risk": "risk",
    "risk description": "risk",
    "description": "risk",
    "owner": "owner",
    "risk owner": "owner",
    "likelihood": "likelihood",
    "current likelihood": "likelihood",
    "impact": "impact",
    "current impact": "impact",
    "previous score": "previous",
    "previous": "previous",
    "score at last review": "previous",
    "last review score": "previous",
}


@dataclass(frozen=True)
class RiskEntry:
    risk: str
    owner: str
    likelihood: int
    impact: int
    previous: int | None = None

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def score_text(self) -> str:
        return f"{self.likelihood} × {self.impact} = {self.score}"

    @property
    def change_text(self) -> str:
        """Whether the risk grew since the last review: a higher score is a greater risk."""
        if self.previous is None:
            return "New"
        if self.score > self.previous:
            return f"↑ Higher (was {self.previous})"
        if self.score < self.previous:
            return f"↓ Lower (was {self.previous})"
        return "→ No change"


def read_risk_register(path: Path) -> list[RiskEntry]:
    for sheet in read_sheets(path):
        found = find_columns(sheet, _role, {"risk", "owner", "likelihood", "impact"})
        if found is not None:
            return _read(sheet, *found)
    raise InputError(
        "no risk register table",
        file=path,
        hint="name the columns Risk, Owner, Likelihood and Impact (and Previous score)",
    )


def _role(text: str) -> str | None:
    return _ROLES.get(" ".join(text.lower().split()))


def _read(sheet: Sheet, header: int, columns: dict[str, int]) -> list[RiskEntry]:
    entries = []
    for number in sorted(n for n in sheet.rows if n > header):
        cells = sheet.rows[number]
        risk = cells.get(columns["risk"])
        if risk is None:
            continue
        owner = cells.get(columns["owner"])
        likelihood, impact = (
            _whole(sheet, cells, columns, number, "likelihood", 5),
            _whole(sheet, cells, columns, number, "impact", 5),
        )
        if likelihood is None or impact is None:
            role = "likelihood" if likelihood is None else "impact"
            raise sheet.error(
                f"risk {risk.text[:40]!r} has no {role}", f"{column_letter(columns[role])}{number}"
            )
        entries.append(
            RiskEntry(
                risk.text,
                owner.text if owner else "",
                likelihood,
                impact,
                _whole(sheet, cells, columns, number, "previous", 25),
            )
        )
    return entries


def _whole(
    sheet: Sheet, cells: dict[int, Cell], columns: dict[str, int], number: int, role: str, high: int
) -> int | None:
    """A score from 1 to `high`, or None when the column or the cell is absent."""
    cell = cells.get(columns[role]) if role in columns else None
    if cell is None:
        return None
    if not re.fullmatch(r"\d+(?:\.0+)?", cell.text) or not 1 <= float(cell.text) <= high:
        raise sheet.error(
            f"{role} {cell.text!r} is not a whole number from 1 to {high}",
            f"{column_letter(columns[role])}{number}",
        )
    return int(float(cell.text))
