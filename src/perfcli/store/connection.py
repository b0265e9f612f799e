"""Opening a workspace's store (its SQLite file or a PostgreSQL schema): the schema brought up
to date, the wait for another command's write, and transactions."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from perfcli.errors import BusyError, NothingImported, PerfcliError, UnwritableError, UsageError
from perfcli.store.schema import SCHEMA_VERSION, migrate

if TYPE_CHECKING:
    from perfcli.domain.model import Measure, Observation, ReportLine
    from perfcli.store.dialect import Connection

LOCK_WAIT_VARIABLE = "PERFCLI_LOCK_WAIT"


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


def busy(name: str, wait: float) -> BusyError:
    """The one message for a write that waited its whole lock wait, on either engine: the wait
    in the message's words, so that the hint is its one bracket."""
    return BusyError(
        f"{name}: another perfcli command is writing to this workspace and did not finish"
        f" within {wait:g} s",
        hint=f"let it finish and run this again; {LOCK_WAIT_VARIABLE} sets the wait in seconds",
    )


def now_text() -> str:
    """The time now as the store records it: UTC, to the second, in ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


IMPORT_FIRST = "run 'perfcli import FILE'"
RESTORE = "restore perfcli.db from a backup, or import the files into a new workspace"


# What SQLite says when the disk, not the store, is at fault: a failed read or write (a full
# disk, a file size limit reached as it makes its `-shm` file), a folder it may not write.
_DISK = ("SQLITE_IOERR", "SQLITE_FULL", "SQLITE_CANTOPEN", "SQLITE_READONLY")


def damaged(path: Path, error: Exception) -> PerfcliError:
    """The one message for a store damaged on disk, however the damage shows; or, where the
    disk under a sound store refused, that (a healthy store had been called damaged, with the
    advice to restore it from a backup)."""
    if (getattr(error, "sqlite_errorname", None) or "").startswith(_DISK):
        return UnwritableError(
            f"{path}: the store could not be used ({error})",
            hint="the store is not damaged: its disk may be full, a file size limit reached, or"
            " its folder not writable; run the command again once that is put right",
        )
    return PerfcliError(f"{path}: the store is damaged ({error})", hint=RESTORE)


class StoreConnection:
    """A store's connection, and the records read or written through it in this command (kept
    decoded until a transaction is rolled back)."""

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        target: tuple[str, str] | None = None,
        make: bool = True,
    ) -> None:
        """`make`: create the store when it is not there yet; one opened read-only never is."""
        self.path = path
        self.name = str(path)
        self.wait = lock_wait()
        self._measures: dict[str, Measure] = {}
        self._observations: dict[tuple[str, str], Observation] = {}
        self._lines: dict[str, list[ReportLine]] = {}
        self._national_periods: list[str] | None = None
        self.pg: Connection | None = None
        make = make and not read_only
        if target is not None:
            self._open_server(*target, read_only=read_only, make=make)
            return
        if not make and not path.exists():
            raise self._not_there()
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

    def _open_server(self, url: str, schema: str, *, read_only: bool, make: bool) -> None:
        """A PostgreSQL store: made at the current schema when `make` (a typo's schema must not
        be); a command that only reads holds one snapshot from here to its end."""
        from perfcli.store.dialect import Connection

        self.pg = self.db = Connection(url, schema, self.wait)
        self.name = self.pg.name
        try:
            version = self._version()
            if version == 0 and not make:
                raise self._not_there()
            if version != SCHEMA_VERSION:
                self._migrate()
            if read_only:
                self.pg.begin(write=False)
        except BaseException:
            self.pg.close()
            raise

    def _not_there(self) -> NothingImported:
        return NothingImported(f"{self.name}: nothing imported yet", hint=IMPORT_FIRST)

    @property
    def engine(self) -> str:
        return "sqlite" if self.pg is None else "postgresql"

    def _connect(self, read_only: bool, *, immutable: bool = False) -> sqlite3.Connection:
        if not read_only:
            db = sqlite3.connect(self.path, timeout=self.wait, isolation_level=None)
            db.execute("PRAGMA foreign_keys = ON")
            return db
        # A command that only reads never writes (query_only) nor switches the journal, and
        # opens the file read-write where it may (SQLite opens it read-only where it may not: a
        # workspace on a share the officer may only read still answers): the last connection
        # to close deletes the -wal and -shm files only if it may write, so mode=ro left them.
        mode = "ro&immutable=1" if immutable else "rw"
        uri = f"{self.path.resolve().as_uri()}?mode={mode}"
        db = sqlite3.connect(uri, uri=True, timeout=self.wait, isolation_level=None)
        db.execute("PRAGMA query_only = ON")
        return db

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

    def __enter__(self) -> Self:
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
            if self._version() == 0 and self._empty():
                self._make_latest()
            for target in range(self._version() + 1, SCHEMA_VERSION + 1):
                migrate(self.db, target)
                self._set_version(target)
            self.db.execute("COMMIT")
        except BaseException:
            # Ctrl-C may land after COMMIT: nothing is left to undo, and SQLite's "cannot
            # rollback" would have been reported as a damaged store.
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def _empty(self) -> bool:
        return self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0

    def _make_latest(self) -> None:
        """A new store made at the latest schema at once, not migration by migration from the
        first (5 ms of a first import, rebuilding tables that are empty)."""
        from perfcli.store.latest import STATEMENTS, VERSION

        for statement in STATEMENTS:
            self.db.execute(statement)
        self._set_version(VERSION)

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
                raise UnwritableError(
                    f"{self.name}: the store could not be written ({error}); nothing was changed"
                ) from None
            raise

    def _rollback(self) -> None:
        self.forget()
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def _busy(self) -> PerfcliError:
        return busy(self.name, self.wait)

    def forget(self) -> None:
        self._measures.clear()
        self._observations.clear()
        self._lines.clear()
        self._national_periods = None
