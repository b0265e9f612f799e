"""Service owners' returns: one workbook per owner and period, made, chased and read back.

A return's layout is fixed here, once, for the module that makes it and the one that reads
it. Its locked cells are sealed with the workspace's secret (HMAC-SHA256, RFC 2104) over their
values, never over the file's XML: LibreOffice or Excel may rewrite number formats, sheet
state and protection on saving, but not what a cell holds.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from perfcli.config import OwnerSettings
from perfcli.domain.model import Measure
from perfcli.domain.owners import owner_of
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.errors import UsageError
from perfcli.workspace import Folder, inside

if TYPE_CHECKING:
    from perfcli.store.database import Store

RETURN_SHEET = "Return"
COVER_SHEET = "Cover"
SEAL_SHEET = "perfcli"
SEAL_MARK = "perfcli return"
VERSION = "1"
HEADER_ROW = 4
FIRST_ROW = 5
HISTORY = 4  # the last four periods' figures

# The Return sheet's columns, left to right: what each holds, and whether the owner fills it.
CODE, MEASURE, AIM, COMPARATOR = 1, 2, 3, 4
PAST = (5, 6, 7, 8)
LAST_COMMENTARY, FOR_PERIOD = 9, 10
FIGURE, NUMERATOR, DENOMINATOR, FORECAST, COMMENTARY = 11, 12, 13, 14, 15
REQUIRED_WHEN = 16
LAST_COLUMN = REQUIRED_WHEN
# A measure's row's locked columns: what is known, which the owner reads and may not change.
LOCKED_COLUMNS = (CODE, MEASURE, AIM, COMPARATOR, *PAST, LAST_COMMENTARY, FOR_PERIOD, REQUIRED_WHEN)
HEADINGS = {
    CODE: "Code", MEASURE: "Measure", AIM: "Aim", COMPARATOR: "Target or comparator",
    PAST[0]: "Latest figure", PAST[1]: "Before that", PAST[2]: "Earlier", PAST[3]: "Earliest",
    LAST_COMMENTARY: "Last commentary", FOR_PERIOD: "Figure is for", FIGURE: "Figure",
    NUMERATOR: "Numerator", DENOMINATOR: "Denominator", FORECAST: "Year-end forecast",
    COMMENTARY: "Commentary", REQUIRED_WHEN: "Commentary required when",
}  # fmt: skip

# The hidden sheet: label in column A, value in column B.
SEAL_ROWS = {"mark": 1, "workspace": 2, "period": 3, "owner": 4, "measures": 5, "made": 6,
             "seal": 7, "due": 8}  # fmt: skip
CELLS_FROM = 10  # below: one locked cell per row, its reference and its seal


def forecast_asked(settings_say: bool, figure_period: str, at: date) -> bool:
    """Whether a return asks for a year-end forecast beside the figure for `figure_period`:
    where its period has not ended by `at` (the forecast stands in for it), or where the
    measure's settings ask for one, unless the figure is the whole year's and that year has
    ended (a trial's return, made after 2025/26, asked for 2025/26's figure and its year-end
    forecast, and the draft gave both)."""
    period = parse_period(figure_period)
    if not period.ended_by(at):
        return True
    return settings_say and period != Period.financial_year(period.fy_start_year)


def approver_rows(measures: int) -> tuple[int, int]:
    """The rows of "Approved by" and "Date approved", below the table."""
    last = FIRST_ROW + measures - 1
    return last + 2, last + 3


class Row(Struct, frozen=True):
    """One measure on a return, and the period its figure is for."""

    measure_id: str
    period: str


class Identity(Struct, frozen=True):
    """What a return is: which workspace made it, for which period, owner and measures."""

    workspace: str
    period: str
    owner: str
    rows: tuple[Row, ...]

    @property
    def measures_text(self) -> str:
        return " ".join(f"{row.measure_id}@{row.period}" for row in self.rows)

    def text(self) -> str:
        return "\n".join((VERSION, self.workspace, self.period, self.owner, self.measures_text))


def read_rows(text: str) -> tuple[Row, ...] | None:
    """The hidden sheet's list of measures (`id@period ...`), or None when it is not one."""
    rows = []
    for item in text.split():
        measure_id, at, period = item.partition("@")
        if not at or not measure_id or not period:
            return None
        rows.append(Row(measure_id, period))
    return tuple(rows)


def canonical(value: object) -> str:
    """A cell's value as the seal sees it: the same after Excel or LibreOffice saves it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return " ".join(str(value).split())


def _mac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def cell_seal(key: bytes, identity: Identity, ref: str, value: object) -> str:
    """One locked cell's seal: bound to its return, so a cell from another return fails."""
    return _mac(key, f"{identity.text()}\n{ref}={canonical(value)}")[:24]


def whole_seal(key: bytes, identity: Identity, refs: Iterable[str]) -> str:
    """The seal over what the return is and which cells are locked."""
    return _mac(key, identity.text() + "\n" + " ".join(refs))


def same(seal: str, expected: str) -> bool:
    return hmac.compare_digest(seal.encode(), expected.encode())


def owners_of(folder: Folder, measures: Iterable[Measure]) -> dict[str, list[str]]:
    """Each owner's measure ids, in the store's order; then those perfcli.toml names that the
    store does not hold (so the commands can say so)."""
    held: dict[str, list[str]] = {}
    known = set()
    for measure in measures:
        known.add(measure.id)
        owner = owner_of(measure, folder.config)
        if owner:
            held.setdefault(owner, []).append(measure.id)
    for measure_id, settings in folder.config.measures.items():
        if settings.owner and measure_id not in known:
            held.setdefault(settings.owner, []).append(measure_id)
    return held


def owner_named(folder: Folder, key: str) -> OwnerSettings:
    return folder.config.owners.get(key) or OwnerSettings(name=key)


def returns_folder(root: Path, period: str | None = None) -> Path:
    """The workspace's returns folder (a period's, when named), refused if a link leads it
    outside the workspace."""
    return inside(root, f"returns/{period}" if period else "returns")


def periods_made(root: Path, store: Store | None = None) -> set[str]:
    """The periods whose returns were made in the workspace at `root` (each has its folder),
    and, given the `store`, those any return was imported for: on a team's shared store, by a
    colleague's workspace folder (a trial's second officer drafted a final report with no word
    of the returns the first officer was still waiting for)."""
    made = returns_folder(root)
    found = {child.name for child in made.iterdir() if child.is_dir()} if made.is_dir() else set()
    return found | set(store.returns_periods()) if store is not None else found


def made_elsewhere(root: Path, store: Store, period: str) -> UsageError | None:
    """Why returns for `period` are not to be made or chased from the folder at `root`: the
    store holds returns imported for it from another folder (a colleague's, on a team's shared
    store), where they were made; None where they were not."""
    if returns_folder(root, period).is_dir():
        return None
    received = store.returns_received(period)
    if not received:
        return None
    where = Path(received[0].file).parent
    return UsageError(
        f"the returns for {parse_period(period).display} were made in another folder: the store"
        f" holds {received[0].owner}'s, imported from {where}",
        hint="make, chase and import a period's returns from the one workspace folder they were"
        " made in (a team shares that folder)",
    )


def unowned_measures(store: Store, ids: list[str], owned: set[str], period: Period) -> list[str]:
    """The measures among `ids` with no owner, that the latest dashboard for `period` (or before
    it) still reports: not one it has since dropped (seed 000's sequels, in no report after
    2023/24). `returns make` and `returns status` both list them."""
    reported = last_reported(store, period)
    return [mid for mid in ids if mid not in owned and (not reported or mid in reported)]


def last_reported(store: Store, period: Period) -> set[str]:
    """The measures of the latest dashboard for `period` or before it; empty with none held."""
    held = [parse_period(label) for label in store.report_periods()]
    earlier = [p for p in held if p.start <= period.start]
    if not earlier:
        return set()
    latest = max(earlier, key=Period.sort_key)
    return {line.measure_id for line in store.report_lines(latest.label)}
