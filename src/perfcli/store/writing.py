"""Writing imports: each one transaction of measures, figures (a replaced figure kept as a
revision), report lines and the import's record."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import compress
from pathlib import Path
from typing import Any, Self

from perfcli.domain.measure_ids import is_local
from perfcli.domain.model import (
    Measure,
    Observation,
    ReportLine,
    kept_for_return,
    line_read_again,
    replaces,
    says_another_figure,
)
from perfcli.domain.period_labels import period_words
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.records import ImportBatch, Place, Returned, older_because
from perfcli.errors import quoted
from perfcli.identity import normalise_alias
from perfcli.location import Location
from perfcli.references import path_text
from perfcli.store.connection import now_text
from perfcli.store.reading import FIGURE_WIDTH, LINE_LIST, MEASURE_LIST, StoreReads
from perfcli.store.refiling import retire_refiled
from perfcli.store.revisions import HELD_LIST, keep_revision, write_held
from perfcli.store.rows import (
    COMPARATOR_COLUMNS,
    FIGURE_COLUMNS,
    HELD_COLUMNS,
    MEASURE_COLUMNS,
    STORED_LINE_COLUMNS,
    comparator_row,
    figure_row,
    line_row,
    measure_row,
    measure_texts,
    observation_from,
    place_columns,
)
from perfcli.store.schema import IMPORT_COUNTS
from perfcli.store.summary import ImportSummary, pause_before_commit


def _where(batch: ImportBatch, place: Place | None) -> Location:
    """A finding's place in the file being imported: the figure's cell when it has one."""
    return place.in_file(batch.file.name) if place is not None else Location(batch.file.name)


def _marks(count: int) -> str:
    return ", ".join("?" * count)


class StoreWrites(StoreReads):
    """Imports written: all of a file or nothing."""

    def apply(
        self, batches: list[ImportBatch], check: Callable[[Self], object] | None = None
    ) -> list[ImportSummary]:
        """Write every batch in one transaction: all of the files, or none of them.

        `check` sees the written data before it is committed; an exception from it undoes all.
        """
        now = now_text()
        summaries = []
        with self.transaction() as db:
            for batch in batches:
                summary = ImportSummary(
                    report_periods=sorted({line.report_period for line in batch.lines}),
                    problems=[str(problem) for problem in batch.problems],
                )
                cursor = db.execute(
                    "INSERT INTO imports (file, sha256, imported_at) VALUES (?, ?, ?)",
                    (path_text(batch.file), batch.sha256, now),
                )
                import_id = cursor.lastrowid
                if self._newer_return_held(batch):
                    db.execute("DELETE FROM imports WHERE id = ?", (import_id,))
                    summaries.append(summary)
                    continue
                if not self._put_all_new(batch, import_id, now, summary):
                    for measure in batch.measures.values():
                        self._put_measure(measure, now, summary)
                    for observation, place in batch.observations:
                        self._put_observation(observation, place, import_id, now, summary, batch)
                    for line in batch.lines:
                        self._put_line(line, import_id, summary)
                if batch.returned is None:
                    self._drop_lines_gone(batch, summary)
                    self._say_kept(batch)
                    for key in retire_refiled(db, batch, import_id, now):
                        self._observations.pop(key, None)
                        summary.observations_revised += 1
                if summary.changed and batch.returned is not None:
                    got = batch.returned
                    db.execute(
                        "INSERT INTO returns (import_id, owner, period, file, returned_at,"
                        " approved_by, approved_on, made_at, saved_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (import_id, got.owner, got.period, path_text(batch.file), now,
                         got.approved_by, got.approved_on, got.made_at, got.saved_at),
                    )  # fmt: skip
                if summary.changed:
                    self._put_summary(summary, import_id)
                else:
                    db.execute("DELETE FROM imports WHERE id = ?", (import_id,))
                summaries.append(summary)
            pause_before_commit()
            if check is not None:
                check(self)
        return summaries

    def _say_kept(self, batch: ImportBatch) -> None:
        """A dashboard row whose figure cell is empty, where the store holds the figure from an
        earlier import: the figure is kept (an empty cell is no figure), and said, as a third
        trial's cleared cell had left the old figure rated with no word."""
        given = {(obs.measure_id, obs.period) for obs, _ in batch.observations}
        for line in batch.lines:
            key = (line.measure_id, line.current_period)
            if key in given or key in batch.unreadable:
                continue
            row = self.db.execute(
                "SELECT COALESCE(value_text, CAST(value AS TEXT)) FROM observations"
                " WHERE measure_id = ? AND period = ?"
                " AND value IS NOT NULL",
                key,
            ).fetchone()
            if row is not None:
                batch.note(
                    Location(batch.file.name),
                    f"{line.measure_id}, {parse_period(line.current_period).display}: no figure"
                    f" in this file, but {quoted(str(row[0]))} from an earlier import is kept",
                    hint="the stored figure stays until a figure replaces it",
                )

    def _drop_lines_gone(self, batch: ImportBatch, summary: ImportSummary) -> None:
        """A row deleted from a dashboard imported again takes its line out of the report (its
        figures stay, as history): a trial's deleted row had stayed in the report, drafted, with
        nothing said. A dashboard is known again by its rows, not its name: the lines an earlier
        file gave the period, at least half of them in this one (a file of the same name with
        other rows is another dashboard; one saved under a new name is the same). A line an
        owner's return gave commentary or approval to is kept, and said."""
        for period in summary.report_periods:
            kept = {line.measure_id for line in batch.lines if line.report_period == period}
            by_file: dict[str, list[tuple[str, object]]] = {}
            for mid, file, returned in self.db.execute(
                "SELECT l.measure_id, i.file, l.returned_by FROM report_lines l JOIN imports i"
                " ON i.id = l.import_id WHERE l.report_period = ?",
                (period,),
            ):
                by_file.setdefault(str(file), []).append((str(mid), returned))
            shown = parse_period(period).display
            for held in by_file.values():
                if 2 * sum(mid in kept for mid, _ in held) < len(held):
                    continue  # another dashboard's lines, or too few of them here to tell
                for mid, returned in sorted(held, key=lambda pair: pair[0]):
                    if mid in kept:
                        continue
                    where = Location(batch.file.name)
                    if returned is not None:
                        batch.note(where, f"{mid} is no longer in this file, but {returned}'s return"
                                   f" gave its line in the {shown} report: kept")  # fmt: skip
                        continue
                    self.db.execute(
                        "DELETE FROM report_lines WHERE report_period = ? AND measure_id = ?",
                        (period, mid),
                    )
                    summary.lines_updated += 1
                    self._lines.pop(period, None)
                    batch.note(
                        where,
                        f"{mid} is no longer in this file: taken out of the {shown} report (its"
                        " figures are kept)",
                        hint="import the file as it was to put it back",
                    )

    def _newer_return_held(self, batch: ImportBatch) -> bool:
        """Whether the batch is a return older than one its owner sent for the period and that
        was imported already: then it is not applied (a warning names both), and the newer
        stands, whatever order the files came in."""
        got = batch.returned
        if got is None or not (batch.lines or batch.observations):  # a blank one changes nothing
            return False
        rows = self.db.execute(
            "SELECT file, approved_by, approved_on, made_at, saved_at FROM returns"
            " WHERE owner = ? AND period = ?",
            (got.owner, got.period),
        ).fetchall()
        held = [(Returned(got.owner, got.period, *row[1:]), str(row[0])) for row in rows]
        newest = max(held, key=lambda pair: pair[0].age, default=None)
        if newest is None or newest[0].age <= got.age:
            return False
        batch.note(Location(batch.file.name), f"an older return from {got.owner} than "
                   f"{Path(newest[1]).name}, imported before ({older_because(got, newest[0])}):"
                   " not imported; the newer return stands")  # fmt: skip
        return True

    def _held(self, table: str, column: str, ids: list[str]) -> bool:
        """Whether `table` holds a row whose `column` is any of `ids`. An empty table (a new
        workspace's) is not searched: 2,000 ids searched for in three tables cost 2 ms."""
        if self.db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None:
            return False
        sql = f"SELECT 1 FROM {table} WHERE {column} IN ({{}})"
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            if self.db.execute(sql.format(_marks(len(chunk))), chunk).fetchone() is not None:
                return True
        return False

    def _put_all_new(
        self, batch: ImportBatch, import_id: int | None, now: str, summary: ImportSummary
    ) -> bool:
        """A batch whose measures, figures and report lines are all new to the store (a first
        import, a new year's file), written a table at a time: the same rows and summary as
        one at a time, in a few statements. False, writing nothing, when any is held already."""
        ids = list(batch.measures)
        keys = [(obs.measure_id, obs.period) for obs, _ in batch.observations]
        lines = [(line.report_period, line.measure_id) for line in batch.lines]
        if len(set(keys)) < len(keys) or len(set(lines)) < len(lines):
            return False
        line_ids = list({line.measure_id for line in batch.lines})
        figure_ids = list({obs.measure_id for obs, _ in batch.observations})
        if (
            self._held("measures", "id", ids)
            or self._held("observations", "measure_id", figure_ids)
            or self._held("report_lines", "measure_id", line_ids)
        ):
            return False
        db = self.db
        _insert(db, "measures", (*MEASURE_COLUMNS, "updated_at"),
                [(*measure_row(measure), now) for measure in batch.measures.values()])  # fmt: skip
        _write_texts(db, batch.measures.values())
        db.executemany(
            "INSERT OR IGNORE INTO aliases (alias, measure_id) VALUES (?, ?)",
            [(normalise_alias(alias), m.id) for m in batch.measures.values()
             for alias in {m.code, *m.aliases} if alias and not is_local(alias)],
        )  # fmt: skip
        self._measures.update(batch.measures)
        _insert(db, "observations", ("measure_id", "period", *HELD_COLUMNS),
                [(obs.measure_id, obs.period, *figure_row(obs), *place_columns(place), import_id,
                  now) for obs, place in batch.observations])  # fmt: skip
        self._observations.update(zip(keys, (obs for obs, _ in batch.observations), strict=True))
        written = batch.lines  # a line's source is no column: written as it is
        new_periods = self._new_periods({line.report_period for line in written})
        for line in written:
            self._lines.pop(line.report_period, None)
        _insert(db, "report_lines", (*STORED_LINE_COLUMNS, "import_id"),
                [(*line_row(line), import_id) for line in written])  # fmt: skip
        _insert(db, "comparators", ("report_period", "measure_id", *COMPARATOR_COLUMNS),
                [(line.report_period, line.measure_id, *comparator_row(line.comparator))
                 for line in written if line.comparator is not None])  # fmt: skip
        db.executemany(
            "INSERT INTO line_footnotes (report_period, measure_id, position, text)"
            " VALUES (?, ?, ?, ?)",
            [(line.report_period, line.measure_id, n, text)
             for line in written for n, text in enumerate(line.footnotes)],
        )  # fmt: skip
        self._keep_lines(written, new_periods)
        summary.measures_new += len(ids)
        summary.observations_new += len(keys)
        summary.lines_new += len(written)
        return True

    def _new_periods(self, periods: set[str]) -> set[str]:
        """The report periods of which the store holds no line yet."""
        if not periods:
            return set()
        held = self.db.execute(
            f"SELECT DISTINCT report_period FROM report_lines"
            f" WHERE report_period IN ({_marks(len(periods))})",
            list(periods),
        )
        return periods - {row[0] for row in held}

    def _keep_lines(self, written: list[ReportLine], periods: set[str]) -> None:
        """Keep the lines of report periods that hold only what was just written, as reading
        them back would give them: the checks before commit read every one (2,000 lines read
        back took 20 ms). A period whose positions repeat is left to be read in SQL's order."""
        kept: dict[str, list[ReportLine]] = {period: [] for period in periods}
        for line in written:
            if line.report_period in kept:
                kept[line.report_period].append(line)
        for period, lines in kept.items():
            if len({line.position for line in lines}) == len(lines):
                self._lines[period] = sorted(lines, key=lambda line: line.position)

    def _stored(self, sql: str, key: tuple[str, ...]) -> tuple[object, ...]:
        """The row an insert just conflicted with."""
        row = self.db.execute(sql, key).fetchone()
        assert row is not None, key
        return tuple(row)

    def _put_summary(self, summary: ImportSummary, import_id: int | None) -> None:
        self.db.execute(
            f"UPDATE imports SET {', '.join(f'{c} = ?' for c in IMPORT_COUNTS)} WHERE id = ?",
            (*(getattr(summary, c) for c in IMPORT_COUNTS), import_id),
        )
        self.db.executemany(
            "INSERT INTO import_notes (import_id, list, position, text) VALUES (?, ?, ?, ?)",
            [(import_id, name, n, text) for name in ("report_periods", "problems")
             for n, text in enumerate(getattr(summary, name))],
        )  # fmt: skip

    def _put_measure(self, measure: Measure, now: str, summary: ImportSummary) -> None:
        # Insert first: most rows of an import are new, and a new row then costs one statement.
        if self.db.execute(
            f"INSERT INTO measures ({MEASURE_LIST}, updated_at)"
            f" VALUES ({_marks(len(MEASURE_COLUMNS) + 1)}) ON CONFLICT (id) DO NOTHING",
            (*measure_row(measure), now),
        ).rowcount:
            _write_texts(self.db, [measure])
            summary.measures_new += 1
        elif self._measure_row(measure.id) != measure:
            write_measure(self.db, measure, now)
            summary.measures_updated += 1
        self._measures[measure.id] = measure
        for alias in {measure.code, *measure.aliases}:
            if alias and not is_local(alias):
                self.db.execute(
                    "INSERT OR IGNORE INTO aliases (alias, measure_id) VALUES (?, ?)",
                    (normalise_alias(alias), measure.id),
                )

    def _put_observation(
        self,
        obs: Observation,
        place: Place | None,
        import_id: int | None,
        now: str,
        summary: ImportSummary,
        batch: ImportBatch | None = None,
    ) -> None:
        key = (obs.measure_id, obs.period)
        held = (*figure_row(obs), *place_columns(place), import_id, now)
        if self.db.execute(
            f"INSERT INTO observations (measure_id, period, {HELD_LIST}) VALUES"
            f" ({_marks(len(HELD_COLUMNS) + 2)}) ON CONFLICT (measure_id, period) DO NOTHING",
            (*key, *held),
        ).rowcount:
            self._observations[key] = obs
            summary.observations_new += 1
            return
        row = self._stored(
            f"SELECT {HELD_LIST} FROM observations WHERE measure_id = ? AND period = ?", key
        )
        stored = observation_from(*key, row[:FIGURE_WIDTH])
        if not replaces(stored, obs):
            summary.observations_unchanged += 1
            if batch is not None and obs.value is None and stored.value is not None:
                self._say_figure_kept(stored, obs, place, batch)
            return
        owner = self._returned_by(row[FIGURE_WIDTH + 2])
        if kept_for_return(owner is not None, batch is not None and batch.returned is not None):
            summary.observations_unchanged += 1
            if batch is not None and says_another_figure(stored, obs):
                where = _where(batch, place)
                batch.note(where, f"{obs.measure_id} {obs.period}: {quoted(obs.raw)} here, but the"
                           f" {owner} return gave {quoted(stored.raw)}, which is kept (a corrected"
                           " return changes it)")  # fmt: skip
            return
        if batch is not None:
            self._say_undone(stored, obs, row[FIGURE_WIDTH + 2], place, batch)
        keep_revision(self.db, *key, row, now, import_id)
        write_held(self.db, *key, held)
        self._observations[key] = obs
        summary.observations_revised += 1
        if batch is not None and stored.value is not None:  # a placeholder filled: nothing said
            self._say_reports_changed(stored, obs, place, batch)

    def _say_undone(
        self, stored: Observation, obs: Observation, held_by: object, place: Place | None,
        batch: ImportBatch,
    ) -> None:  # fmt: skip
        """A figure put back to the one the held figure replaced: a correction another file
        made undone, said with that file (a trial's two officers imported revisions of one
        dashboard at once, and the second, saved before the first's correction, put 322.6k back
        over a colleague's 330.0k with no word)."""
        if held_by is None:
            return
        replaced = self.db.execute(
            f"SELECT {', '.join(FIGURE_COLUMNS)} FROM revisions"
            " WHERE measure_id = ? AND period = ? AND superseded_by = ?",
            (obs.measure_id, obs.period, held_by),
        ).fetchall()
        if not any(observation_from(obs.measure_id, obs.period, r).same_figures(obs)
                   for r in replaced):  # fmt: skip
            return
        made = self.db.execute(
            "SELECT file, imported_at FROM imports WHERE id = ?", (held_by,)
        ).fetchone()
        # Only a rival copy of the same report: a year's dashboard putting back its own figure
        # over a later quarter's previous column is that report's figure again (said the other
        # way, when the quarter's replaced it: _say_reports_changed).
        theirs = {str(row[0]) for row in self.db.execute(
            "SELECT text FROM import_notes WHERE import_id = ? AND list = 'report_periods'",
            (held_by,),
        )}  # fmt: skip
        if made is None or not theirs & {line.report_period for line in batch.lines}:
            return
        other, when = Path(str(made[0])).name, str(made[1])[:16].replace("T", " ")
        if other == batch.file.name:  # two copies of one name (new/dash.xlsx, old/dash.xlsx)
            other = str(made[0])
        where = _where(batch, place)
        batch.note(
            where,
            f"{obs.measure_id}, {period_words(parse_period(obs.period))}: {quoted(obs.raw)} puts"
            f" back the figure that {quoted(stored.raw)} from {other} (imported {when} UTC)"
            " replaced: that correction is undone",
            hint=f"if {quoted(stored.raw)} is right, correct this file, or import {other} again",
        )

    def _say_figure_kept(
        self, stored: Observation, obs: Observation, place: Place | None, batch: ImportBatch
    ) -> None:
        """A cell that now shows no figure (`#DIV/0!`, `n/a`, `Due June`) where the store holds
        one: the figure held is kept, as a placeholder never replaces a figure, and said (a
        trial's re-imported `#DIV/0!` left the old figure drafted, rated and proof-read clean,
        with `no changes`)."""
        where = _where(batch, place)
        batch.note(
            where,
            f"{obs.measure_id}, {period_words(parse_period(obs.period))}: the cell says"
            f" {quoted(obs.raw)}, not a figure, so {quoted(stored.raw)} from an earlier import"
            " is kept",
            hint="correct the cell and import the file again if the figure has changed",
        )

    def _say_reports_changed(
        self, stored: Observation, obs: Observation, place: Place | None, batch: ImportBatch
    ) -> None:
        """A figure another report printed as its own, replaced: said, naming the report, whose
        draft will print the new one (a trial: a Q1 dashboard's previous column, the academic
        year so far at June, replaced the year's report's March figure without a word)."""
        own = {line.report_period for line in batch.lines if line.measure_id == obs.measure_id}
        reports = [
            str(row[0])
            for row in self.db.execute(
                "SELECT report_period FROM report_lines WHERE measure_id = ? AND current_period = ?",
                (obs.measure_id, obs.period),
            )
            if row[0] not in own
        ]
        if not reports:
            return
        named = " and ".join(parse_period(r).display for r in sorted(reports))
        where = _where(batch, place)
        batch.note(
            where,
            f"{obs.measure_id}, {period_words(parse_period(obs.period))}: {quoted(obs.raw)}"
            f" replaces {quoted(stored.raw)}, the figure the {named} report printed as its own;"
            " that report's draft now gives this one",
            hint=f"'perfcli history {obs.measure_id}' lists both figures, with where each came from",
        )

    def _returned_by(self, import_id: object) -> str | None:
        """The owner whose return the import was, or None for a dashboard or a table."""
        if import_id is None:
            return None
        row = self.db.execute(
            "SELECT owner FROM returns WHERE import_id = ?", (import_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def _put_line(self, line: ReportLine, import_id: int | None, summary: ImportSummary) -> None:
        self._lines.pop(line.report_period, None)
        key = (line.report_period, line.measure_id)
        if self.db.execute(
            f"INSERT INTO report_lines ({LINE_LIST}, import_id)"
            f" VALUES ({_marks(len(STORED_LINE_COLUMNS) + 1)})"
            " ON CONFLICT (report_period, measure_id) DO NOTHING",
            (*line_row(line), import_id),
        ).rowcount:
            self._put_line_parts(line)
            summary.lines_new += 1
            return
        held = self._line(*key)
        assert held is not None, key
        line = line_read_again(held, line)
        if not held.says_the_same(line):
            if line.marks_at and line.marks_at == held.marks_at:
                # The marks a dashboard printed, kept beside an owner's return: still named in
                # the dashboard's file (a line's import gives its marks' file), not the return's.
                import_id = self.db.execute(
                    "SELECT import_id FROM report_lines WHERE report_period = ? AND measure_id = ?",
                    key,
                ).fetchone()[0]
            self.db.execute(
                "DELETE FROM report_lines WHERE report_period = ? AND measure_id = ?", key
            )
            self.db.execute(
                f"INSERT INTO report_lines ({LINE_LIST}, import_id)"
                f" VALUES ({_marks(len(STORED_LINE_COLUMNS) + 1)})",
                (*line_row(line), import_id),
            )
            self._put_line_parts(line)
            summary.lines_updated += 1

    def _put_line_parts(self, line: ReportLine) -> None:
        key = (line.report_period, line.measure_id)
        if line.comparator is not None:
            self.db.execute(
                f"INSERT INTO comparators (report_period, measure_id, {', '.join(COMPARATOR_COLUMNS)})"
                f" VALUES ({_marks(len(COMPARATOR_COLUMNS) + 2)})",
                (*key, *comparator_row(line.comparator)),
            )
        self.db.executemany(
            "INSERT INTO line_footnotes (report_period, measure_id, position, text)"
            " VALUES (?, ?, ?, ?)",
            [(*key, n, text) for n, text in enumerate(line.footnotes)],
        )


def _insert(db: Any, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert rows, leaving out the columns NULL in every one: CPython 3.11's sqlite3 binds
    None six times slower than a number (it looks for an adapter), and a first import of 2,000
    measures bound 106,000 of them, 26 of its 57 ms in SQLite (most columns are NULL in every
    row of a file; a run of rows at a time, leaving out each run's, was slower)."""
    if not rows:
        return
    kept = [column.count(None) < len(rows) for column in zip(*rows, strict=True)]
    db.executemany(
        f"INSERT INTO {table} ({', '.join(compress(columns, kept))}) VALUES ({_marks(sum(kept))})",
        [tuple(compress(row, kept)) for row in rows],
    )


def write_measure(db: Any, measure: Measure, now: str) -> None:
    """Write a stored measure's fields again, its lists with them."""
    names = MEASURE_COLUMNS[1:]
    db.execute(
        f"UPDATE measures SET {', '.join(f'{c} = ?' for c in names)}, updated_at = ? WHERE id = ?",
        (*measure_row(measure)[1:], now, measure.id),
    )
    db.execute("DELETE FROM measure_texts WHERE measure_id = ?", (measure.id,))
    _write_texts(db, [measure])


def _write_texts(db: Any, measures: Iterable[Measure]) -> None:
    """Write measures' lists (tags, footnotes, aliases), one row per entry."""
    db.executemany(
        "INSERT INTO measure_texts (measure_id, list, position, text) VALUES (?, ?, ?, ?)",
        [(m.id, *entry) for m in measures for entry in measure_texts(m)],
    )
