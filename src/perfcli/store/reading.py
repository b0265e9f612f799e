"""Reading a store's measures, figures and report lines back into records."""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from perfcli.domain.measure_ids import is_local
from perfcli.domain.model import Measure, Observation, ReportLine
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.records import Known, Place
from perfcli.identity import code_key, normalise_alias
from perfcli.location import Location
from perfcli.store.connection import StoreConnection
from perfcli.store.rows import (
    COMPARATOR_COLUMNS,
    FIGURE_COLUMNS,
    MEASURE_COLUMNS,
    STORED_LINE_COLUMNS,
    comparator_from,
    line_from,
    measure_from,
    observation_from,
    place_from,
)

# The columns as the queries name them (`o` an observation's table in a join); an observation's
# figure is the first FIGURE_WIDTH of a row.
MEASURE_LIST = ", ".join(MEASURE_COLUMNS)
LINE_LIST = ", ".join(STORED_LINE_COLUMNS)
FIGURE_WIDTH = len(FIGURE_COLUMNS)
O_FIGURES = ", ".join(f"o.{name}" for name in FIGURE_COLUMNS)


class StoredObservation(Struct, frozen=True):
    observation: Observation
    source: Place | None
    file: str | None
    recorded_at: str


class StoreReads(StoreConnection):
    """The records a store holds, each read once in a command."""

    def measures(self) -> list[Measure]:
        # After an import every measure is kept: their ids alone say which, in order (reading
        # 2,000 rows again cost 8 ms, and the checks before commit ask twice).
        if self._measures:
            ids = [row[0] for row in self.db.execute("SELECT id FROM measures ORDER BY rowid")]
            if all(measure_id in self._measures for measure_id in ids):
                return [self._measures[measure_id] for measure_id in ids]
        texts: dict[str, list[tuple[str, str]]] = {}
        for measure_id, name, text in self.db.execute(
            "SELECT measure_id, list, text FROM measure_texts ORDER BY measure_id, list, position"
        ):
            texts.setdefault(measure_id, []).append((name, text))
        found = []
        for row in self.db.execute(f"SELECT {MEASURE_LIST} FROM measures ORDER BY rowid"):
            if row[0] not in self._measures:
                self._measures[row[0]] = measure_from(row, texts.get(row[0], ()))
            found.append(self._measures[row[0]])
        return found

    def measure(self, measure_id: str) -> Measure | None:
        if measure_id not in self._measures:
            found = self._measure_row(measure_id)
            if found is None:
                return None
            self._measures[measure_id] = found
        return self._measures[measure_id]

    def _measure_row(self, measure_id: str) -> Measure | None:
        """The measure as its row holds it now, past any kept in memory."""
        row = self.db.execute(
            f"SELECT {MEASURE_LIST} FROM measures WHERE id = ?", (measure_id,)
        ).fetchone()
        if row is None:
            return None
        texts = self.db.execute(
            "SELECT list, text FROM measure_texts WHERE measure_id = ? ORDER BY list, position",
            (measure_id,),
        ).fetchall()
        return measure_from(row, texts)

    def _observation_from(self, measure_id: str, period: str, row: tuple[Any, ...]) -> Observation:
        key = (measure_id, period)
        if key not in self._observations:
            self._observations[key] = observation_from(measure_id, period, row)
        return self._observations[key]

    def resolve(self, text: str) -> str | None:
        """A measure id from an id, a code, a description or an alias; else from a description
        a report printed before the measure was reworded."""
        if self.measure(text.lower()) is not None:
            return text.lower()
        wanted, code = normalise_alias(text), code_key(text)
        for measure in self.measures():
            if code_key(measure.code) == code and not is_local(measure.code):
                return measure.id
        for measure in self.measures():
            if normalise_alias(measure.description) == wanted:
                return measure.id
        row = self.db.execute(
            "SELECT measure_id FROM aliases WHERE alias = ?", (wanted,)
        ).fetchone()
        if row:
            return str(row[0])
        spaced = self._aliased_as(code)  # an old code typed without its space: `ASCOF1G`
        if len(spaced) == 1:
            return spaced[0]
        printed = self._printed_as(wanted)
        return printed[0] if printed else None

    def _aliased_as(self, code: str) -> list[str]:
        """The measures an alias names, matched as a code is (`ASCOF1G` for `ASCOF 1G`)."""
        rows = self.db.execute("SELECT alias, measure_id FROM aliases").fetchall()
        return sorted({str(mid) for alias, mid in rows if code_key(str(alias)) == code})

    def candidates(self, text: str) -> list[str]:
        """Every measure a code names when it is not an id: seed 000 prints `ASCOF 3C` twice."""
        if self.measure(text.lower()) is not None:
            return [text.lower()]
        wanted, code = normalise_alias(text), code_key(text)
        named = [m.id for m in self.measures() if code_key(m.code) == code]
        named += [m.id for m in self.measures() if normalise_alias(m.description) == wanted]
        named += [
            row[0]
            for row in self.db.execute("SELECT measure_id FROM aliases WHERE alias = ?", (wanted,))
        ] or self._aliased_as(code)
        if named and not is_local(text):
            # A code an earlier report printed for several measures (seed 000's `ASCOF 3C`, for
            # service users and for carers) names each, though an alias keeps only one of them.
            rows = self.db.execute("SELECT DISTINCT measure_id, code FROM report_lines")
            named += sorted(m for m, printed in rows if code_key(printed) == code)
        # A former description only where no measure is named so today, as a current code
        # wins over an old one.
        return list(dict.fromkeys(named or self._printed_as(wanted)))

    def _printed_as(self, wanted: str) -> list[str]:
        """The measures a report printed under a description since reworded: seed 000's
        `LALS Success Rate` is seed 001's `Leicestershire Adult Learning Service (LALS) ...`."""
        rows = self.db.execute(
            "SELECT DISTINCT measure_id, description FROM report_lines ORDER BY measure_id"
        )
        return list(dict.fromkeys(m for m, text in rows if normalise_alias(text) == wanted))

    def aliases(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT alias, measure_id FROM aliases").fetchall())

    def observations(self, measure_id: str | None = None) -> list[StoredObservation]:
        sql = (
            f"SELECT o.measure_id, o.period, {O_FIGURES}, o.sheet, o.cell, i.file,"
            " o.recorded_at FROM observations o LEFT JOIN imports i ON i.id = o.import_id"
        )
        args: tuple[str, ...] = ()
        if measure_id is not None:
            sql += " WHERE o.measure_id = ?"
            args = (measure_id,)
        sql += " ORDER BY o.rowid"
        return [
            StoredObservation(
                self._observation_from(row[0], row[1], row[2 : 2 + FIGURE_WIDTH]),
                place_from(*row[2 + FIGURE_WIDTH : 4 + FIGURE_WIDTH]),
                row[-2],
                row[-1],
            )  # fmt: skip
            for row in self.db.execute(sql, args).fetchall()
        ]

    def observation(self, measure_id: str, period: str) -> Observation | None:
        if (measure_id, period) in self._observations:
            return self._observations[measure_id, period]
        row = self.db.execute(
            f"SELECT {', '.join(FIGURE_COLUMNS)} FROM observations"
            " WHERE measure_id = ? AND period = ?",
            (measure_id, period),
        ).fetchone()
        return self._observation_from(measure_id, period, row) if row else None

    def periods_held(self) -> dict[str, list[str]]:
        held: dict[str, list[str]] = {}
        for measure_id, period in self.db.execute("SELECT measure_id, period FROM observations"):
            held.setdefault(measure_id, []).append(period)
        for periods in held.values():
            periods.sort(key=lambda label: parse_period(label).sort_key())
        return held

    def figure_cells(self) -> dict[str, dict[str, Location]]:
        """Where each measure's figures came from, by period: file, sheet and cell."""
        rows = self.db.execute(
            "SELECT o.measure_id, o.period, o.sheet, o.cell, i.file FROM observations o"
            " LEFT JOIN imports i ON i.id = o.import_id WHERE o.cell IS NOT NULL"
        ).fetchall()
        cells: dict[str, dict[str, Location]] = {}
        for measure_id, period, sheet, cell, file in rows:
            cells.setdefault(measure_id, {})[period] = Location(file, sheet, cell)
        return cells

    def known(self) -> Known:
        """What reading a file into this workspace needs to know of it."""
        return Known(self.measures(), self.aliases(), self.latest_reports())

    def latest_reports(self) -> dict[str, str]:
        """Each measure's most recent report period."""
        latest: dict[str, str] = {}
        for period, measure_id in self.db.execute(
            "SELECT report_period, measure_id FROM report_lines"
        ):
            if measure_id not in latest or parse_period(period) > parse_period(latest[measure_id]):
                latest[measure_id] = period
        return latest

    def observation_periods(self) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT period FROM observations").fetchall()
        return sorted((r[0] for r in rows), key=lambda label: parse_period(label).sort_key())

    def observations_for(self, period: str) -> list[Observation]:
        rows = self.db.execute(
            f"SELECT measure_id, {', '.join(FIGURE_COLUMNS)} FROM observations WHERE period = ?"
            " ORDER BY rowid",
            (period,),
        ).fetchall()
        return [self._observation_from(row[0], period, row[1:]) for row in rows]

    def report_periods(self) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT report_period FROM report_lines").fetchall()
        return sorted((r[0] for r in rows), key=lambda label: parse_period(label).sort_key())

    def report_lines(self, report_period: str) -> list[ReportLine]:
        if report_period not in self._lines:
            lines = self._read_lines(report_period)
            self._lines[report_period] = sorted(lines, key=lambda line: line.position)
        return list(self._lines[report_period])

    def _line(self, report_period: str, measure_id: str) -> ReportLine | None:
        found = self._read_lines(report_period, measure_id)
        return found[0] if found else None

    def _read_lines(self, report_period: str, measure_id: str | None = None) -> list[ReportLine]:
        where, args = "report_period = ?", [report_period]
        if measure_id is not None:
            where, args = where + " AND measure_id = ?", [report_period, measure_id]
        comparators = {
            row[0]: comparator_from(row[1:])
            for row in self.db.execute(
                f"SELECT measure_id, {', '.join(COMPARATOR_COLUMNS)} FROM comparators"
                f" WHERE {where}",
                args,
            )
        }
        footnotes: dict[str, list[str]] = {}
        for mid, text in self.db.execute(
            f"SELECT measure_id, text FROM line_footnotes WHERE {where} ORDER BY position", args
        ):
            footnotes.setdefault(mid, []).append(text)
        rows = self.db.execute(
            f"SELECT {LINE_LIST}, (SELECT file FROM imports WHERE imports.id = import_id)"
            f" FROM report_lines WHERE {where} ORDER BY position",
            args,
        ).fetchall()
        return [line_from(row, comparators.get(row[1]), footnotes.get(row[1], [])) for row in rows]
