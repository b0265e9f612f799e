"""The workspace's SQLite store: imports as single transactions, revisions, national figures."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import compress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfcli.domain.model import Measure, NationalRow, Observation, ReportLine, is_local, replaces
from perfcli.domain.periods import parse_period
from perfcli.domain.records import ImportBatch, Known, Place
from perfcli.errors import BusyError, PerfcliError, UsageError
from perfcli.location import Location
from perfcli.store.rows import (
    COMPARATOR_COLUMNS,
    FIGURE_COLUMNS,
    LINE_COLUMNS,
    MEASURE_COLUMNS,
    QUARTILE_COLUMNS,
    comparator_from,
    comparator_row,
    figure_row,
    line_from,
    line_row,
    measure_from,
    measure_row,
    measure_texts,
    observation_from,
    place_columns,
    place_from,
)
from perfcli.store.schema import IMPORT_COUNTS, SCHEMA_VERSION, migrate
from perfcli.workspace import Folder, normalise_alias

if TYPE_CHECKING:
    from perfcli.store.dialect import Connection


@dataclass
class ImportSummary:
    measures_new: int = 0
    measures_updated: int = 0
    observations_new: int = 0
    observations_revised: int = 0
    observations_unchanged: int = 0
    lines_new: int = 0
    lines_updated: int = 0
    report_periods: list[str] = field(default_factory=list)
    # What `import --force` skipped or corrected, each at its cell: kept in the import's record.
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(
            (
                self.measures_new,
                self.measures_updated,
                self.observations_new,
                self.observations_revised,
                self.lines_new,
                self.lines_updated,
            )
        )


@dataclass(frozen=True)
class StoredObservation:
    observation: Observation
    source: Place | None
    file: str | None
    recorded_at: str


@dataclass(frozen=True)
class HistoryEntry:
    period: str
    observation: Observation
    source: Place | None
    file: str | None
    recorded_at: str
    current: bool
    # Set when the figure came in a service owner's return (perfcli returns).
    returned_by: str | None = None
    approved_by: str | None = None
    approved_on: str | None = None


@dataclass(frozen=True)
class ReturnReceived:
    """A service owner's return as imported: the file, when, and who approved it."""

    owner: str
    period: str
    file: str
    returned_at: str
    approved_by: str | None
    approved_on: str | None
    sha256: str


LOCK_WAIT_VARIABLE = "PERFCLI_LOCK_WAIT"
# An observation as `observations` and `revisions` both hold it, after its key.
_HELD = (*FIGURE_COLUMNS, "sheet", "cell", "import_id", "recorded_at")
_HELD_LIST = ", ".join(_HELD)
_MEASURE_LIST = ", ".join(MEASURE_COLUMNS)
_LINE_LIST = ", ".join((*LINE_COLUMNS, *QUARTILE_COLUMNS))
_N = len(FIGURE_COLUMNS)


# For the tests only: a path where an import, having written its rows but not yet committed,
# writes a marker and then waits until "<path>.go" exists (at most a minute). Unset, it does
# nothing; it names a file, never code, and is read from the environment alone.
PAUSE_VARIABLE = "PERFCLI_TEST_PAUSE_BEFORE_COMMIT"


def pause_before_commit() -> None:
    """Let a test hold an import between its last row written and its commit."""
    marker = os.environ.get(PAUSE_VARIABLE, "").strip()
    if not marker:
        return
    path = Path(marker)
    release = path.with_name(path.name + ".go")
    path.write_text(f"{os.getpid()}\n")
    deadline = time.monotonic() + 60
    while not release.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def lock_wait() -> float:
    """How long a write waits for another command's write to finish: 30 s unless set."""
    text = os.environ.get(LOCK_WAIT_VARIABLE, "").strip()
    if not text:
        return 30.0
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 86_400:
        raise UsageError(
            f"{LOCK_WAIT_VARIABLE}={text!r} is not a number of seconds",
            hint="e.g. PERFCLI_LOCK_WAIT=60",
        )
    return seconds


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def now_text() -> str:
    return _now()


RESTORE = "restore perfcli.db from a backup, or import the files into a new workspace"


def damaged(path: Path, error: Exception) -> PerfcliError:
    """The one message for a store damaged on disk, however the damage shows."""
    return PerfcliError(f"{path}: the store is damaged ({error})", hint=RESTORE)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A workspace's database. Every import is one transaction: all of a file or nothing.

    Records written or read once are kept, decoded, for the rest of the command: the checks
    after an import, and rating a file through a scratch store, read back every figure they
    just wrote. A rolled-back transaction forgets them all.
    """

    def __init__(
        self, path: Path, *, read_only: bool = False, target: tuple[str, str] | None = None
    ) -> None:
        self.path = path
        self.name = str(path)
        self.wait = lock_wait()
        self._measures: dict[str, Measure] = {}
        self._observations: dict[tuple[str, str], Observation] = {}
        self._lines: dict[str, list[ReportLine]] = {}
        self._national_periods: list[str] | None = None
        self.pg: Connection | None = None
        if target is not None:
            self._open_server(*target, read_only=read_only)
            return
        try:
            # Read, an empty file is a store that lost its contents; written, it is one that
            # SQLite (here, or another import at this moment) has only just created.
            if read_only and path.stat().st_size == 0:
                raise sqlite3.DatabaseError("the file is empty")
            self.db: Any = self._connect(read_only)
            if read_only and self._read_only_version() == SCHEMA_VERSION:
                return
            if read_only:  # made by an older perfcli: upgrading it needs a writable store
                self.db.close()
                self.db = self._connect(False)
            self._prepare()
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and _is_busy(error):
                raise self._busy() from None
            raise damaged(path, error) from None

    def _prepare(self) -> None:
        """Write-ahead logging on, the schema brought up to date. Two commands that open a new
        store at once can meet here while one of them is still creating it: SQLite may then
        answer "busy" at once, without waiting (a lock upgrade it will not queue), so the
        attempt is repeated until the lock wait is spent."""
        deadline = time.monotonic() + self.wait
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                self._migrate()
                return
            except sqlite3.OperationalError as error:
                if not _is_busy(error) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    def _open_server(self, url: str, schema: str, *, read_only: bool) -> None:
        """A PostgreSQL store: made at the current schema on first use; a command that only
        reads holds one snapshot from here to its end."""
        from perfcli.store.dialect import Connection

        self.pg = self.db = Connection(url, schema, self.wait)
        self.name = self.pg.name
        try:
            if self._version() != SCHEMA_VERSION:
                self._migrate()
            if read_only:
                self.pg.begin(write=False)
        except BaseException:
            self.pg.close()
            raise

    @property
    def engine(self) -> str:
        return "sqlite" if self.pg is None else "postgresql"

    def _connect(self, read_only: bool, *, immutable: bool = False) -> sqlite3.Connection:
        if not read_only:
            db = sqlite3.connect(self.path, timeout=self.wait, isolation_level=None)
            db.execute("PRAGMA foreign_keys = ON")
            return db
        # A command that only reads opens the store read-only, and never switches its journal:
        # a workspace on a share the officer may only read still answers.
        uri = f"{self.path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
        return sqlite3.connect(uri, uri=True, timeout=self.wait, isolation_level=None)

    def _read_only_version(self) -> int:
        try:
            return self._version()
        except sqlite3.OperationalError as error:
            # A store in WAL mode needs its -shm file, which a folder the officer may only read
            # cannot hold: then nothing can be writing it either, so it is read as it stands.
            if "readonly" not in str(error) and "unable to open" not in str(error):
                raise
        self.db.close()
        self.db = self._connect(True, immutable=True)
        return self._version()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        if self._version() == SCHEMA_VERSION:
            return
        if self.pg is not None:
            self.pg.bring_to(SCHEMA_VERSION, migrate)
            return
        self._begin()
        try:
            # Read again under the lock: a command that ran at the same time may have done it.
            for target in range(self._version() + 1, SCHEMA_VERSION + 1):
                migrate(self.db, target)
                self._set_version(target)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def upgrade(self) -> tuple[int, int]:
        """`perfcli store upgrade`: the schema before and after (opening applied it)."""
        return self.opened_at, SCHEMA_VERSION

    def _begin(self) -> None:
        if self.pg is not None:
            self.pg.begin(write=True)
        else:
            self.db.execute("BEGIN IMMEDIATE")

    def _set_version(self, target: int) -> None:
        if self.pg is not None:
            self.pg.set_version(target)
        else:
            self.db.execute(f"PRAGMA user_version = {target}")

    def _version(self) -> int:
        if self.pg is not None:
            version = self.pg.version()
        else:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if not hasattr(self, "opened_at"):
            self.opened_at = version
        if version > SCHEMA_VERSION:
            raise PerfcliError(
                f"{self.name}: made by a newer perfcli (schema {version})",
                hint="upgrade perfcli to use this workspace",
            )
        return version

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        # IMMEDIATE (on PostgreSQL, an advisory lock) takes the write lock up front: a second
        # import waits for the first.
        deadline = time.monotonic() + self.wait
        while True:
            try:
                self._begin()
                break
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise
                if time.monotonic() >= deadline:  # SQLite waited, or answered at once
                    raise self._busy() from None
                time.sleep(0.05)
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as error:
            self._rollback()
            if isinstance(error, sqlite3.OperationalError):  # a full disk, a failing one
                raise PerfcliError(
                    f"{self.name}: the store could not be written ({error}); nothing was changed"
                ) from None
            raise

    def _rollback(self) -> None:
        self.forget()
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def _busy(self) -> PerfcliError:
        return BusyError(
            f"{self.name}: another perfcli command is writing to this workspace"
            f" (waited {self.wait:g} s)",
            hint=f"let it finish and run this again; {LOCK_WAIT_VARIABLE} sets the wait in seconds",
        )

    def forget(self) -> None:
        self._measures.clear()
        self._observations.clear()
        self._lines.clear()
        self._national_periods = None

    # Writing ------------------------------------------------------------------------------

    def apply(
        self, batches: list[ImportBatch], check: Callable[[Store], object] | None = None
    ) -> list[ImportSummary]:
        """Write every batch in one transaction: all of the files, or none of them.

        `check` sees the written data before it is committed; an exception from it undoes all.
        """
        now = _now()
        summaries = []
        with self.transaction() as db:
            for batch in batches:
                summary = ImportSummary(
                    report_periods=sorted({line.report_period for line in batch.lines}),
                    problems=[str(problem) for problem in batch.problems],
                )
                cursor = db.execute(
                    "INSERT INTO imports (file, sha256, imported_at) VALUES (?, ?, ?)",
                    (str(batch.file), batch.sha256, now),
                )
                import_id = cursor.lastrowid
                if not self._put_all_new(batch, import_id, now, summary):
                    for measure in batch.measures.values():
                        self._put_measure(measure, now, summary)
                    for observation, place in batch.observations:
                        self._put_observation(observation, place, import_id, now, summary)
                    for line in batch.lines:
                        self._put_line(line, import_id, summary)
                if summary.changed and batch.returned is not None:
                    got = batch.returned
                    db.execute(
                        "INSERT INTO returns VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (import_id, got.owner, got.period, str(batch.file), now,
                         got.approved_by, got.approved_on),
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
        db.executemany(
            "INSERT INTO measure_texts (measure_id, list, position, text) VALUES (?, ?, ?, ?)",
            [(m.id, *entry) for m in batch.measures.values() for entry in measure_texts(m)],
        )
        db.executemany(
            "INSERT OR IGNORE INTO aliases (alias, measure_id) VALUES (?, ?)",
            [(normalise_alias(alias), m.id) for m in batch.measures.values()
             for alias in {m.code, *m.aliases} if alias and not is_local(alias)],
        )  # fmt: skip
        self._measures.update(batch.measures)
        _insert(db, "observations", ("measure_id", "period", *_HELD),
                [(obs.measure_id, obs.period, *figure_row(obs), *place_columns(place), import_id,
                  now) for obs, place in batch.observations])  # fmt: skip
        self._observations.update(zip(keys, (obs for obs, _ in batch.observations), strict=True))
        written = batch.lines  # a line's source is no column: written as it is
        new_periods = self._new_periods({line.report_period for line in written})
        for line in written:
            self._lines.pop(line.report_period, None)
        _insert(db, "report_lines", (*LINE_COLUMNS, *QUARTILE_COLUMNS, "import_id"),
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
            f"INSERT INTO measures ({_MEASURE_LIST}, updated_at)"
            f" VALUES ({_marks(len(MEASURE_COLUMNS) + 1)}) ON CONFLICT (id) DO NOTHING",
            (*measure_row(measure), now),
        ).rowcount:
            self._put_texts(measure)
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

    def _put_texts(self, measure: Measure) -> None:
        self.db.executemany(
            "INSERT INTO measure_texts (measure_id, list, position, text) VALUES (?, ?, ?, ?)",
            [(measure.id, *entry) for entry in measure_texts(measure)],
        )

    def _put_observation(
        self,
        obs: Observation,
        place: Place | None,
        import_id: int | None,
        now: str,
        summary: ImportSummary,
    ) -> None:
        key = (obs.measure_id, obs.period)
        held = (*figure_row(obs), *place_columns(place), import_id, now)
        if self.db.execute(
            f"INSERT INTO observations (measure_id, period, {_HELD_LIST})"
            f" VALUES ({_marks(len(_HELD) + 2)}) ON CONFLICT (measure_id, period) DO NOTHING",
            (*key, *held),
        ).rowcount:
            self._observations[key] = obs
            summary.observations_new += 1
            return
        row = self._stored(
            f"SELECT {_HELD_LIST} FROM observations WHERE measure_id = ? AND period = ?", key
        )
        stored = observation_from(*key, row[:_N])
        if not replaces(stored, obs):
            summary.observations_unchanged += 1
            return
        self.db.execute(
            f"INSERT INTO revisions (measure_id, period, {_HELD_LIST}, superseded_at,"
            f" superseded_by) VALUES ({_marks(len(_HELD) + 4)})",
            (*key, *row, now, import_id),
        )
        assignments = ", ".join(f"{name} = ?" for name in _HELD)
        self.db.execute(
            f"UPDATE observations SET {assignments} WHERE measure_id = ? AND period = ?",
            (*held, *key),
        )
        self._observations[key] = obs
        summary.observations_revised += 1

    def _put_line(self, line: ReportLine, import_id: int | None, summary: ImportSummary) -> None:
        self._lines.pop(line.report_period, None)
        key = (line.report_period, line.measure_id)
        if self.db.execute(
            f"INSERT INTO report_lines ({_LINE_LIST}, import_id)"
            f" VALUES ({_marks(len(LINE_COLUMNS) + len(QUARTILE_COLUMNS) + 1)})"
            " ON CONFLICT (report_period, measure_id) DO NOTHING",
            (*line_row(line), import_id),
        ).rowcount:
            self._put_line_parts(line)
            summary.lines_new += 1
        elif self._line(*key) != line:
            self.db.execute(
                "DELETE FROM report_lines WHERE report_period = ? AND measure_id = ?", key
            )
            self.db.execute(
                f"INSERT INTO report_lines ({_LINE_LIST}, import_id)"
                f" VALUES ({_marks(len(LINE_COLUMNS) + len(QUARTILE_COLUMNS) + 1)})",
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

    # Reading ------------------------------------------------------------------------------

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
        for row in self.db.execute(f"SELECT {_MEASURE_LIST} FROM measures ORDER BY rowid"):
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
            f"SELECT {_MEASURE_LIST} FROM measures WHERE id = ?", (measure_id,)
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
        """A measure id from an id, a code, a description or an alias."""
        if self.measure(text.lower()) is not None:
            return text.lower()
        wanted = normalise_alias(text)
        for measure in self.measures():
            if normalise_alias(measure.code) == wanted and not is_local(measure.code):
                return measure.id
        for measure in self.measures():
            if normalise_alias(measure.description) == wanted:
                return measure.id
        row = self.db.execute(
            "SELECT measure_id FROM aliases WHERE alias = ?", (wanted,)
        ).fetchone()
        return row[0] if row else None

    def candidates(self, text: str) -> list[str]:
        """Every measure a code names when it is not an id: seed 000 prints `ASCOF 3C` twice."""
        if self.measure(text.lower()) is not None:
            return [text.lower()]
        wanted = normalise_alias(text)
        named = [m.id for m in self.measures() if normalise_alias(m.code) == wanted]
        named += [m.id for m in self.measures() if normalise_alias(m.description) == wanted]
        named += [
            row[0]
            for row in self.db.execute("SELECT measure_id FROM aliases WHERE alias = ?", (wanted,))
        ]
        return list(dict.fromkeys(named))

    def aliases(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT alias, measure_id FROM aliases").fetchall())

    def observations(self, measure_id: str | None = None) -> list[StoredObservation]:
        sql = (
            f"SELECT o.measure_id, o.period, {_o(FIGURE_COLUMNS)}, o.sheet, o.cell, i.file,"
            " o.recorded_at FROM observations o LEFT JOIN imports i ON i.id = o.import_id"
        )
        args: tuple[str, ...] = ()
        if measure_id is not None:
            sql += " WHERE o.measure_id = ?"
            args = (measure_id,)
        sql += " ORDER BY o.rowid"
        return [
            StoredObservation(
                self._observation_from(row[0], row[1], row[2 : 2 + _N]),
                place_from(*row[2 + _N : 4 + _N]),
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

    def history(self, measure_id: str) -> list[HistoryEntry]:
        entries = []
        for table, current in (("observations", True), ("revisions", False)):
            rows = self.db.execute(
                f"SELECT o.period, {_o(FIGURE_COLUMNS)}, o.sheet, o.cell, i.file, o.recorded_at,"
                f" t.owner, t.approved_by, t.approved_on FROM {table} o"
                " LEFT JOIN imports i ON i.id = o.import_id"
                " LEFT JOIN returns t ON t.import_id = o.import_id WHERE o.measure_id = ?"
                + (" ORDER BY o.id" if table == "revisions" else ""),
                (measure_id,),
            ).fetchall()
            for period, *row in rows:
                figure, (sheet, cell, file, recorded, owner, approver, approved) = (
                    row[:_N],
                    row[_N:],
                )
                entries.append(HistoryEntry(period, observation_from(measure_id, period, figure),
                                            place_from(sheet, cell), file, recorded, current,
                                            owner, approver, approved))  # fmt: skip
        entries.sort(key=lambda e: (parse_period(e.period).sort_key(), e.recorded_at, e.current))
        return entries

    def returns_received(self, period: str) -> list[ReturnReceived]:
        """The returns imported for a period, oldest first."""
        rows = self.db.execute(
            "SELECT r.owner, r.period, r.file, r.returned_at, r.approved_by, r.approved_on,"
            " i.sha256 FROM returns r JOIN imports i ON i.id = r.import_id"
            " WHERE r.period = ? ORDER BY r.import_id",
            (period,),
        ).fetchall()
        return [ReturnReceived(*row) for row in rows]

    def workspace_key(self, *, make: bool = True) -> tuple[str, bytes] | None:
        """This workspace's id and the secret that signs its returns, made when first asked
        (unless `make` is false: then None until returns have been made)."""
        import secrets

        found = dict(self.db.execute("SELECT name, value FROM workspace_keys").fetchall())
        if "id" not in found and not make:
            return None
        if "id" not in found:
            with self.transaction() as db:
                for name, value in (
                    ("id", secrets.token_hex(8)),
                    ("secret", secrets.token_hex(32)),
                ):
                    db.execute("INSERT OR IGNORE INTO workspace_keys VALUES (?, ?)", (name, value))
            found = dict(self.db.execute("SELECT name, value FROM workspace_keys").fetchall())
        return found["id"], bytes.fromhex(found["secret"])

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

    def revised(self) -> set[tuple[str, str]]:
        """(measure id, period) pairs whose stored figure was revised by a later import."""
        return set(self.db.execute("SELECT DISTINCT measure_id, period FROM revisions"))

    def put_national(self, rows: list[NationalRow]) -> tuple[int, int]:
        """Store comparator councils' figures; returns (new, changed)."""
        new = changed = 0
        self._national_periods = None
        with self.transaction() as db:
            for row in rows:
                old = db.execute(
                    "SELECT value, numerator, denominator, lower_ci, upper_ci FROM national"
                    " WHERE measure_id = ? AND period = ? AND area_code = ?",
                    (row.measure_id, row.period, row.area_code),
                ).fetchone()
                if old == (row.value, row.numerator, row.denominator, row.lower_ci, row.upper_ci):
                    continue
                new += old is None
                changed += old is not None
                db.execute(
                    "INSERT OR REPLACE INTO national (measure_id, period, area_code, area_name,"
                    " level, value, numerator, denominator, source, lower_ci, upper_ci)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (row.measure_id, row.period, row.area_code, row.area_name, row.level,
                     row.value, row.numerator, row.denominator, row.source, row.lower_ci,
                     row.upper_ci),
                )  # fmt: skip
        return new, changed

    def national(self, measure_id: str, period: str) -> list[NationalRow]:
        # Asked once per line by the checks: a period with no national data costs no query.
        if period not in self.national_periods():
            return []
        rows = self.db.execute(
            "SELECT measure_id, period, area_code, area_name, level, value, numerator, denominator,"
            " source, lower_ci, upper_ci FROM national WHERE measure_id = ? AND period = ?"
            " ORDER BY area_code",
            (measure_id, period),
        ).fetchall()
        return [NationalRow(*row) for row in rows]

    def national_periods(self) -> list[str]:
        if self._national_periods is None:
            rows = self.db.execute("SELECT DISTINCT period FROM national").fetchall()
            self._national_periods = sorted(
                (r[0] for r in rows), key=lambda label: parse_period(label).sort_key()
            )
        return list(self._national_periods)

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
            f"SELECT {_LINE_LIST} FROM report_lines WHERE {where} ORDER BY position", args
        ).fetchall()
        return [line_from(row, comparators.get(row[1]), footnotes.get(row[1], [])) for row in rows]


def open_store(folder: Folder, *, read_only: bool = False) -> Store:
    """The workspace's store: its SQLite file, or the PostgreSQL schema its settings name."""
    return Store(folder.db_path, read_only=read_only, target=folder.store_target())


def store_exists(folder: Folder) -> bool:
    """Whether anything can have been stored yet (a server's store is always there to ask)."""
    return folder.store_target() is not None or folder.db_path.exists()


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


def _o(columns: tuple[str, ...]) -> str:
    return ", ".join(f"o.{name}" for name in columns)


def write_measure(db: Any, measure: Measure, now: str) -> None:
    """Write a stored measure's fields again, its lists with them."""
    names = MEASURE_COLUMNS[1:]
    db.execute(
        f"UPDATE measures SET {', '.join(f'{c} = ?' for c in names)}, updated_at = ? WHERE id = ?",
        (*measure_row(measure)[1:], now, measure.id),
    )
    db.execute("DELETE FROM measure_texts WHERE measure_id = ?", (measure.id,))
    db.executemany(
        "INSERT INTO measure_texts (measure_id, list, position, text) VALUES (?, ?, ?, ?)",
        [(measure.id, *entry) for entry in measure_texts(measure)],
    )
