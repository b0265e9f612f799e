"""`perfcli returns status`: who has returned, who is late, and reminders to send by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from perfcli.domain.checks import report_date
from perfcli.domain.owners import owner_of
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.domain.records import Returned
from perfcli.errors import InputError, PerfcliError, UsageError
from perfcli.importers.sheets import read_sheets
from perfcli.returns import (
    FIRST_ROW,
    MEASURE,
    RETURN_SHEET,
    SEAL_ROWS,
    SEAL_SHEET,
    owner_named,
    owners_of,
    read_rows,
    returns_folder,
    unowned_measures,
)  # fmt: skip
from perfcli.returns.read import is_return, measure_for, read_if_return, returned_of, text_at
from perfcli.store.database import Store
from perfcli.workspace import Folder

if TYPE_CHECKING:
    from perfcli.importers.measures import Context

STATUS_FIELDS = [
    "owner", "name", "email", "made", "due", "state", "overdue_days", "returned_file",
    "returned_at", "approved_by", "approved_on", "measures", "filled", "missing", "errors",
    "first_error",
]  # fmt: skip


class OwnerStatus(Struct):
    owner: str
    name: str
    email: str
    made: str | None = None
    due: date | None = None
    returned_file: str | None = None
    returned_at: str | None = None
    approved_by: str | None = None
    approved_on: str | None = None
    measures: int = 0
    filled: int = 0
    errors: int = 0
    first_error: str | None = None
    # Every problem the import would refuse the return in the folder for, one line each.
    problems: list[str] = field(default_factory=list)
    # Filled in and saved in the folder, but not imported (or changed since it was).
    waiting: bool = False
    # Whether the return in the folder (imported or not) says who approved it, and when.
    approved_in_file: bool = False
    path: Path | None = None
    today: date = field(default_factory=date.today)

    @property
    def missing(self) -> int:
        return self.measures - self.filled

    @property
    def overdue_days(self) -> int | None:
        waiting = self.returned_at is not None or self.waiting
        late = self.due is not None and not waiting and self.today > self.due
        return (self.today - self.due).days if late and self.due else None

    @property
    def state(self) -> str:
        if self.waiting:  # whatever was made: a return for another period, saved here, came back
            return "refused" if self.errors else "filled in, not imported"
        if self.made is None:
            return "not made"
        if self.returned_at is not None:
            return "returned" if self.approved_by else "returned, not approved"
        if self.overdue_days is not None:
            return "overdue"
        return "awaited"

    def to_dict(self) -> dict[str, Any]:
        return {
            "owner": self.owner, "name": self.name, "email": self.email, "made": self.made,
            "due": self.due.isoformat() if self.due else None, "state": self.state,
            "overdue_days": self.overdue_days, "returned_file": self.returned_file,
            "returned_at": self.returned_at, "approved_by": self.approved_by,
            "approved_on": self.approved_on, "measures": self.measures, "filled": self.filled,
            "missing": self.missing, "errors": self.errors, "first_error": self.first_error,
        }  # fmt: skip


class ReturnsStatus(Struct):
    period: Period
    owners: list[OwnerStatus]
    unowned: list[str] = field(default_factory=list)
    reminders: list[Path] = field(default_factory=list)
    # Why the import would refuse each workbook in the folder that is no owner's return
    # perfcli can tell (its hidden sheet lost), one line each.
    refused: list[str] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        return [o.to_dict() for o in self.owners]

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.label,
            "owners": self.rows(),
            "unowned": self.unowned,
            "reminders": [str(p) for p in self.reminders],
            "refused": self.refused,
        }


def latest_period(folder: Folder) -> Period:
    """The latest period returns were made for in this folder."""
    found = []
    for child in returns_folder(folder.root).glob("*"):
        try:
            found.append(parse_period(child.name))
        except Exception:  # a folder of the user's own, not a period's
            continue
    if not found:
        raise UsageError("no returns made yet", hint="run 'perfcli returns make --period P'")
    return max(found, key=lambda p: p.sort_key())


def returns_status(
    folder: Folder, store: Store, period: Period, *, today: date | None = None
) -> ReturnsStatus:
    from perfcli.importers.batches import context_for

    today = today or report_date(folder.config)  # as the import and the checks judge it
    measures = store.measures()
    held = owners_of(folder, measures)
    stored = {m.id for m in measures}
    owned = {mid for ids in held.values() for mid in ids}
    received = {r.owner: r for r in store.returns_received(period.label)}
    imported = {r.sha256 for r in store.returns_received(period.label)}
    lines = {line.measure_id: line for line in store.report_lines(period.label)}
    ctx = context_for(folder, period, known=store.known(), returns=read_if_return)
    result = ReturnsStatus(period, [], unowned_measures(store, sorted(stored), owned, period))
    place = returns_folder(folder.root, period.label)
    saved, read = _saved_returns(place), set()
    for owner in sorted(held):
        about = owner_named(folder, owner)
        status = OwnerStatus(owner, about.name or owner, about.email, today=today)
        path = place / f"{owner}.xlsx"
        mine = saved.get(owner, [])
        if mine:  # the owner's newest return in the folder, whatever it is called
            newest = _newest(mine, path)
            path = newest.path
            status.approved_in_file = bool(
                newest.returned.approved_by and newest.returned.approved_on
            )
        got = received.get(owner)
        if got is not None:
            status.returned_file, status.returned_at = Path(got.file).name, got.returned_at
            status.approved_by, status.approved_on = got.approved_by, got.approved_on
        # Made, due and measures are the period's own return's: one for another period saved
        # here by mistake is refused below, and lends it none of its dates.
        ours = [found for found in mine if found.returned.period == period.label]
        if ours:
            own = _newest(ours, path).path
            _read_made(status, own)
            rows = _rows(own)
            status.measures = len(rows)
            joined = {mid: m.id for mid, _ in rows if (m := measure_for(store, mid)) is not None}
            status.filled = sum(
                1 for mid, label in rows
                if (line := lines.get(joined.get(mid, mid))) is not None
                and line.returned_by == owner
                and store.observation(joined.get(mid, mid), label) is not None
            )  # fmt: skip
        if path.exists():
            status.path = path
            status.waiting, status.problems, filled = _as_imported(path, ctx, imported)
            if filled is not None and not status.waiting:  # the one imported: what it gave
                status.filled = filled
            read.add(path)
        result.owners.append(status)
    others = [path for path in _workbooks(place) if path not in read]
    words = {
        owner: {m.description for m in measures if m.id in set(ids)} for owner, ids in held.items()
    }
    _others_refused(result, saved, others, ctx, words)
    for status in result.owners:
        status.errors = len(status.problems)
        status.first_error = status.problems[0] if status.problems else None
    return result


def _as_imported(
    path: Path, ctx: Context, imported: set[str]
) -> tuple[bool, list[str], int | None]:
    """Whether a workbook in the folder came back and is not imported as it is, every problem
    the import would refuse it for, one line each, and how many of its figures the owner filled
    in (None where it cannot be read): a trial's blank figure cells, beside commentary, had been
    counted filled, the dashboard's figures standing in for them."""
    from perfcli.importers import NoMeasures, read_file

    try:
        batch = read_file(path, ctx)
    except NoMeasures:  # a blank data-entry workbook: importing the folder passes it over
        return False, [], None
    except InputError as error:
        # Refused whole (a locked cell changed, another period's): it still came back.
        return True, [str(error)], None
    waiting = bool(batch.lines or batch.problems) and batch.sha256 not in imported
    filled = len({observation.measure_id for observation, _ in batch.observations})
    return waiting, [str(p.error) for p in batch.problems], filled


def _others_refused(
    result: ReturnsStatus, saved: dict[str, list[_Saved]], paths: list[Path], ctx: Context,
    words: dict[str, set[str]],
) -> None:  # fmt: skip
    """The folder's other workbooks that the import would refuse (an owner's return for another
    period beside their own, one whose hidden sheet was lost): an owner's count against their
    return, as importing the folder refuses it (a return that lost its hidden sheet is the
    owner's whose measures its rows describe, `words`); one perfcli cannot tell whose is
    listed alone."""
    whose = {found.path: owner for owner, mine in saved.items() for found in mine}
    by_owner = {status.owner: status for status in result.owners}
    for path in paths:
        try:
            problems = _as_imported(path, ctx, set())[1]
        except PerfcliError as error:  # not a workbook the import can read at all
            problems = [str(error)]
        if not problems:
            continue
        status = by_owner.get(whose.get(path) or _described(path, words) or "")
        if status is None:
            result.refused.extend(problems)
            continue
        if not status.problems:  # the workbook a reminder sends back for correcting
            status.path, status.waiting = path, True
        status.problems.extend(problems)


def _described(path: Path, words: dict[str, set[str]]) -> str | None:
    """The one owner whose measures a Return sheet's rows describe (column B), or None."""
    try:
        sheet = next((s for s in read_sheets(path) if s.name == RETURN_SHEET), None)
    except PerfcliError:
        return None
    if sheet is None:
        return None
    rows, row = set(), FIRST_ROW
    while text := text_at(sheet, row, MEASURE):  # the table, down to the blank row below it
        rows.add(text)
        row += 1
    owners = [owner for owner, described in words.items() if rows and rows <= described]
    return owners[0] if len(owners) == 1 else None


def _workbooks(folder: Path) -> list[Path]:
    """The workbooks saved in a period's folder, but Excel's lock file (`~$care.xlsx`) while
    one is open."""
    return [path for path in sorted(folder.glob("*.xlsx")) if not path.name.startswith("~$")]


def expected_measures(folder: Folder, store: Store, period: str) -> dict[str, str]:
    """The owned measures the period's returns were made for, by id (as it is now, after any
    `perfcli link`) -> owner: from each owner's own return for the period in its folder (a
    return for another period saved there asks for nothing of this one)."""
    found = {}
    place = returns_folder(folder.root, period)
    for owner, saved in _saved_returns(place).items():
        ours = [one for one in saved if one.returned.period == period]
        if not ours:
            continue
        for mid, _ in _rows(_newest(ours, place / f"{owner}.xlsx").path):
            measure = measure_for(store, mid)
            held_by = owner_of(measure, folder.config) if measure is not None else None
            if measure is not None and held_by is not None:
                found[measure.id] = held_by
    return found


class _Saved(Struct, frozen=True):
    """A return saved in a period's folder, and what its cells say of it."""

    path: Path
    returned: Returned

    @property
    def age(self) -> tuple[str, str, str]:
        return self.returned.age


def _newest(saved: list[_Saved], preferred: Path) -> _Saved:
    """The newest return of those saved; of two as new, the one under the owner's own name."""
    return max(saved, key=lambda found: (found.age, found.path == preferred))


def _saved_returns(folder: Path) -> dict[str, list[_Saved]]:
    """Each owner's returns saved in the period's folder, told by their hidden sheet: a reply
    saved as it came ('care (Jo Evans).xlsx') is as much the owner's as 'care.xlsx'."""
    found: dict[str, list[_Saved]] = {}
    for path in _workbooks(folder):
        try:
            sheets = read_sheets(path)
        except PerfcliError:  # not a workbook perfcli can read: not a return
            continue
        if not is_return(sheets):
            continue
        seal = next(s for s in sheets if s.name == SEAL_SHEET)
        owner = text_at(seal, SEAL_ROWS["owner"], 2)
        if owner:
            found.setdefault(owner, []).append(_Saved(path, returned_of(path, sheets)))
    return found


def _seal_sheet(path: Path) -> Any:
    sheets = read_sheets(path)
    if not is_return(sheets):
        return None
    return next(s for s in sheets if s.name == SEAL_SHEET)


def _read_made(status: OwnerStatus, path: Path) -> None:
    seal = _seal_sheet(path)
    if seal is None:
        return
    status.made = text_at(seal, SEAL_ROWS["made"], 2) or None
    status.due = _due(seal)


def due_of(path: Path) -> date | None:
    """The date a return made before was due by, as its seal records it (None: none given)."""
    seal = _seal_sheet(path)
    return _due(seal) if seal is not None else None


def _due(seal: Any) -> date | None:
    due = text_at(seal, SEAL_ROWS["due"], 2)
    return date.fromisoformat(due[:10]) if due else None


def _rows(path: Path) -> list[tuple[str, str]]:
    seal = _seal_sheet(path)
    rows = read_rows(text_at(seal, SEAL_ROWS["measures"], 2)) if seal is not None else None
    return [(r.measure_id, r.period) for r in rows or ()]
