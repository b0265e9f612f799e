"""The corporate risk register, for the compendium's risks section.

A table (.xlsx or .csv) with `Risk` and its current score: `Likelihood` and `Impact` (each 1 to 5),
or a `Current score` (1 to 25), or both. Optional: `Owner`, `Theme`, the score at the last review
(`Previous score`), the `Direction` as published (`↑`, `Increasing`, `Stable` ...) and
`Mitigations`. Title rows above it are fine.
"""

from __future__ import annotations

import re
from pathlib import Path

from msgspec import Struct

from perfcli.errors import InputError
from perfcli.importers.grid import Cell, Sheet, column_letter, find_columns
from perfcli.importers.sheets import read_sheets

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
    "theme": "theme",
    "strategic plan theme": "theme",
    "current score": "current",
    "current risk score": "current",
    "score": "current",
    "residual score": "current",
    "direction": "direction",
    "direction of travel": "direction",
    "trend": "direction",
    "mitigations": "mitigations",
    "mitigation": "mitigations",
    "mitigating actions": "mitigations",
    "controls": "mitigations",
    "actions": "mitigations",
}
_RISING = re.compile(r"^(?:↑|▲|up|higher|increas\w*|rising|worse\w*)(?!\w)", re.I)
_FALLING = re.compile(
    r"^(?:↓|▼|down|lower|decreas\w*|falling|reduc\w*|better|improv\w*)(?!\w)", re.I
)
_STEADY = re.compile(r"^(?:→|↔|◀▶|same|stable|static|no change|unchanged|steady)(?!\w)", re.I)


class RiskEntry(Struct, frozen=True):
    risk: str
    owner: str
    likelihood: int | None
    impact: int | None
    previous: int | None = None
    theme: str = ""
    current: int | None = None  # as published; else likelihood × impact
    direction: str = ""  # as published
    mitigations: str = ""

    @property
    def score(self) -> int:
        if self.current is not None:
            return self.current
        assert self.likelihood is not None and self.impact is not None
        return self.likelihood * self.impact

    @property
    def score_text(self) -> str:
        if self.likelihood is None or self.impact is None:
            return str(self.score)
        return f"{self.likelihood} × {self.impact} = {self.score}"

    @property
    def change_text(self) -> str:
        """Whether the risk grew since the last review (a higher score is a greater risk): as the
        register says, in words as well as an arrow, else from the previous score."""
        text = self.direction.strip()
        if text:
            for pattern, shown in ((_RISING, "↑ Higher"), (_FALLING, "↓ Lower"),
                                   (_STEADY, "→ No change")):  # fmt: skip
                if pattern.match(text):
                    return shown
            return text
        if self.previous is None:
            return "New"
        if self.score > self.previous:
            return f"↑ Higher (was {self.previous})"
        if self.score < self.previous:
            return f"↓ Lower (was {self.previous})"
        return "→ No change"


def read_risk_register(path: Path) -> list[RiskEntry]:
    for sheet in read_sheets(path):
        found = find_columns(sheet, _role, {"risk", "current"}) or find_columns(
            sheet, _role, {"risk", "likelihood", "impact"}
        )
        if found is not None:
            return _read(sheet, *found)
    raise InputError(
        "no risk register table",
        file=path,
        hint="name the columns Risk and Current score, or Risk, Likelihood and Impact"
        " (and Owner, Theme, Previous score, Direction, Mitigations)",
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

        likelihood = _whole(sheet, cells, columns, number, "likelihood", 5)
        impact = _whole(sheet, cells, columns, number, "impact", 5)
        current = _whole(sheet, cells, columns, number, "current", 25)
        if current is None and (likelihood is None or impact is None):
            role = "current" if "current" in columns else (
                "likelihood" if likelihood is None else "impact"
            )  # fmt: skip
            shown = "current score" if role == "current" else role
            raise sheet.error(
                f"risk {risk.text[:40]!r} has no {shown}", f"{column_letter(columns[role])}{number}"
            )
        entries.append(
            RiskEntry(
                risk.text,
                _text(cells, columns, "owner"),
                likelihood,
                impact,
                _whole(sheet, cells, columns, number, "previous", 25),
                theme=_text(cells, columns, "theme"),
                current=current,
                direction=_text(cells, columns, "direction"),
                mitigations=_text(cells, columns, "mitigations"),
            )
        )
    return entries


def _text(cells: dict[int, Cell], columns: dict[str, int], role: str) -> str:
    cell = cells.get(columns[role]) if role in columns else None
    return cell.text.strip() if cell else ""


def _whole(
    sheet: Sheet, cells: dict[int, Cell], columns: dict[str, int], number: int, role: str, high: int
) -> int | None:
    """A score from 1 to `high`, or None when the column or the cell is absent."""
    cell = cells.get(columns[role]) if role in columns else None
    if cell is None or not cell.text.strip():
        return None
    if not re.fullmatch(r"\d+(?:\.0+)?", cell.text.strip()) or not 1 <= float(cell.text) <= high:
        shown = "current score" if role == "current" else role
        raise sheet.error(
            f"{shown} {cell.text!r} is not a whole number from 1 to {high}",
            f"{column_letter(columns[role])}{number}",
        )
    return int(float(cell.text))
