"""What the domain reads and is handed, as plain records: a file's batch as read, and the
`Records` every judgement and check reads, whether the store holds them or a file in memory.

Pure: no store, no reader, no Word. The store (`store.database.Store`) satisfies `Records` by its
shape; the files read for `validate FILE` and `rate FILE` are held here, in `FileRecords`, by the
same rule the store keeps (`model.replaces`: a placeholder never replaces a figure).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple, Protocol

from msgspec import Struct, field

from perfcli.domain.findings import Finding, Severity
from perfcli.domain.model import (
    Measure,
    NationalRow,
    Observation,
    ReportLine,
    line_read_again,
    replaces,
)
from perfcli.domain.period_parsing import parse_period
from perfcli.errors import InputError
from perfcli.location import Location


class Problem(Struct, frozen=True):
    """A located error in a file, and what `import --force` does with the cell or row."""

    error: InputError
    action: str

    def __str__(self) -> str:
        return f"{self.error} [{self.action}]"


class Place(NamedTuple):
    """Where a figure was read in its file: the sheet (None for a file's one unnamed table)
    and the cell. Kept as a value from reader to store; words are made only to show it. A named
    tuple: a file of 20,000 measures makes 40,000, each made as fast as a tuple."""

    sheet: str | None
    cell: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.sheet else self.cell

    def in_file(self, file: str | None) -> Location:
        """This place in `file`, as a finding locates it."""
        return Location(file, self.sheet, self.cell)


class Returned(Struct, frozen=True):
    """Who sent a service owner's return, for which period, and who approved it (if anyone)."""

    owner: str
    period: str
    approved_by: str | None = None
    approved_on: str | None = None
    # When perfcli made the workbook (its hidden sheet's stamp) and when it was last saved (the
    # time Excel, Calc or openpyxl writes inside it): what tells two returns of one owner apart.
    made_at: str | None = None
    saved_at: str | None = None

    @property
    def age(self) -> tuple[str, str, str]:
        """Which of two returns from one owner for one period is the newer, the larger: the one
        approved on a later date (one not approved is older than any approved); approved the
        same day, the one perfcli made later (a return made again asks afresh); made together,
        the one saved later. All three are ISO text, so they compare as they read."""
        return (self.approved_on or "", self.made_at or "", self.saved_at or "")


def older_because(older: Returned, newer: Returned) -> str:
    """Why `older` is the older return, in the words of the first thing `Returned.age` found
    different."""
    pairs = (("approved", older.approved_on, newer.approved_on),
             ("made", older.made_at, newer.made_at), ("saved", older.saved_at, newer.saved_at))  # fmt: skip
    for what, mine, theirs in pairs:
        if (mine or "") != (theirs or ""):
            return f"{_when(what, mine)}, the other {_when(what, theirs)}"
    return "the same"


def _when(what: str, text: str | None) -> str:
    return f"{what} {text.replace('T', ' ').removesuffix('+00:00')}" if text else f"not {what}"


class ImportBatch(Struct):
    """One file as read: its measures, figures (each with the place it came from), report
    lines, and what reading noticed or could not take."""

    file: Path
    sha256: str
    measures: dict[str, Measure] = field(default_factory=dict)
    observations: list[tuple[Observation, Place | None]] = field(default_factory=list)
    lines: list[ReportLine] = field(default_factory=list)
    # What reading noticed without refusing (hidden rows, ignored lines), as `file.note`s.
    warnings: list[Finding] = field(default_factory=list)
    # Cells and rows that could not be read: every one is listed; `import --force` keeps the rest.
    problems: list[Problem] = field(default_factory=list)
    returned: Returned | None = None
    # (measure, period) whose figure cell is among the problems: not "no figure" again.
    unreadable: set[tuple[str, str]] = field(default_factory=set)

    def note(self, where: Location, message: str, hint: str | None = None) -> None:
        """Something reading noticed and passed over, for import to print and validate to list."""
        self.warnings.append(Finding(Severity.WARNING, "file.note", where, message, hint))


class Known(Struct, frozen=True):
    """What a workspace's store already knows that reading a file needs: its measures, the
    names they are found by, and each measure's latest report."""

    measures: list[Measure]
    aliases: dict[str, str]
    latest_reports: dict[str, str]


class Records(Protocol):
    """What judging and checking a period read: the workspace's store, or files in memory."""

    def measure(self, measure_id: str) -> Measure | None: ...
    def measures(self) -> list[Measure]: ...
    def observation(self, measure_id: str, period: str) -> Observation | None: ...
    def observations_for(self, period: str) -> list[Observation]: ...
    def observation_periods(self) -> list[str]: ...
    def periods_held(self) -> dict[str, list[str]]: ...
    def report_lines(self, report_period: str) -> list[ReportLine]: ...
    def report_periods(self) -> list[str]: ...
    def national(self, measure_id: str, period: str) -> list[NationalRow]: ...
    def national_periods(self) -> list[str]: ...
    def revised(self) -> set[tuple[str, str]]: ...
    def figure_cells(self) -> dict[str, dict[str, Location]]: ...


class FileRecords:
    """Files' records held in memory as the store would hold them, for rating or checking
    files without a store. Later files win, as they would on import, by the store's own rule
    (`model.replaces`). There is no national data.
    """

    def __init__(self, batches: list[ImportBatch] | None = None) -> None:
        self._measures: dict[str, Measure] = {}
        self._observations: dict[tuple[str, str], Observation] = {}
        # Each figure's file and place, made a Location only when a check asks (`figure_cells`).
        self._cells: dict[str, dict[str, tuple[str, Place]]] = {}
        self._revised: set[tuple[str, str]] = set()
        self._lines: dict[str, dict[str, ReportLine]] = {}
        self.add(batches or [])

    def add(self, batches: list[ImportBatch]) -> None:
        """Take more files' records, as a later import would."""
        for batch in batches:
            self._measures.update(batch.measures)
            file = str(batch.file)
            for observation, place in batch.observations:
                key = (observation.measure_id, observation.period)
                held = self._observations.get(key)
                if held is not None and not replaces(held, observation):
                    continue
                if held is not None:
                    self._revised.add(key)
                self._observations[key] = observation
                cells = self._cells.setdefault(observation.measure_id, {})
                if place is not None:
                    cells[observation.period] = (file, place)
                else:
                    cells.pop(observation.period, None)
            for line in batch.lines:
                lines = self._lines.setdefault(line.report_period, {})
                earlier = lines.get(line.measure_id)
                lines[line.measure_id] = line if earlier is None else line_read_again(earlier, line)

    def measure(self, measure_id: str) -> Measure | None:
        return self._measures.get(measure_id)

    def measures(self) -> list[Measure]:
        return list(self._measures.values())

    def observation(self, measure_id: str, period: str) -> Observation | None:
        return self._observations.get((measure_id, period))

    def observations_for(self, period: str) -> list[Observation]:
        return [o for (_, p), o in self._observations.items() if p == period]

    def observation_periods(self) -> list[str]:
        return _in_order({p for _, p in self._observations})

    def periods_held(self) -> dict[str, list[str]]:
        held: dict[str, set[str]] = {}
        for measure_id, period in self._observations:
            held.setdefault(measure_id, set()).add(period)
        return {measure_id: _in_order(periods) for measure_id, periods in held.items()}

    def report_lines(self, report_period: str) -> list[ReportLine]:
        lines = self._lines.get(report_period, {}).values()
        return sorted(lines, key=lambda line: line.position)

    def report_periods(self) -> list[str]:
        return _in_order(set(self._lines))

    def national(self, measure_id: str, period: str) -> list[NationalRow]:
        return []

    def national_periods(self) -> list[str]:
        return []

    def revised(self) -> set[tuple[str, str]]:
        return set(self._revised)

    def figure_cells(self) -> dict[str, dict[str, Location]]:
        return {
            measure_id: {period: place.in_file(file) for period, (file, place) in cells.items()}
            for measure_id, cells in self._cells.items()
            if cells
        }


def _in_order(labels: set[str]) -> list[str]:
    return sorted(labels, key=lambda label: parse_period(label).sort_key())


def unexplained(findings: list[Finding], batches: list[ImportBatch]) -> list[Finding]:
    """The findings a file's own errors do not say already: no figure's "no figure" where its
    cell could not be read (a date typed where a figure belongs), and no "states the previous
    figure's period" at a cell whose error says just that (seed 001's June waiters, `50 (… end
    of Mar-25)`: one message at the cell, not two)."""
    unread = {key for batch in batches for key in batch.unreadable}
    refused = {_cell_of(p.error.location()) for batch in batches for p in batch.problems}
    refused.discard(None)
    if not unread and not refused:
        return findings
    return [
        f for f in findings
        if not (f.code == "value.missing" and (f.location.measure, f.location.period) in unread)
        and not (f.code == "period.restated" and _cell_of(f.location) in refused)
    ]  # fmt: skip


def _cell_of(location: Location) -> tuple[str, str | None, str | None] | None:
    """A location's file (by name), sheet and cell; None where it names no cell."""
    if location.cell is None or location.file is None:
        return None
    return Path(location.file).name, location.sheet, location.cell
