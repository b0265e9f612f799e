"""`perfcli store copy`: a workspace's whole store, history included, into another engine's
store (a PostgreSQL schema, or a SQLite file), checked row for row once it is written."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Any

from msgspec import Struct

from perfcli.errors import PerfcliError, UsageError
from perfcli.postgres_url import SCHEMES, masked
from perfcli.store.database import Store
from perfcli.store.dialect import ROWID_TABLES, Connection
from perfcli.store.schema import SCHEMA_VERSION, migrate


class TableCopy(Struct, frozen=True):
    table: str
    rows: int
    digest: str


class CopyResult(Struct, frozen=True):
    target: str
    tables: list[TableCopy]

    def rows(self, table: str) -> int:
        return next(t.rows for t in self.tables if t.table == table)

    @property
    def digest(self) -> str:
        whole = hashlib.sha256()
        for table in self.tables:
            whole.update(f"{table.table}:{table.digest};".encode())
        return whole.hexdigest()

    def to_dict(self) -> dict[str, object]:
        return {
            "target": self.target,
            "digest": self.digest,
            "tables": {t.table: {"rows": t.rows, "sha256": t.digest} for t in self.tables},
        }


def layout() -> list[tuple[str, tuple[str, ...]]]:
    """Every table of the current schema and its columns, in the order they were made (so a
    table comes after those it refers to)."""
    memory = sqlite3.connect(":memory:")
    try:
        for target in range(1, SCHEMA_VERSION + 1):
            migrate(memory, target)
        names = [row[0] for row in memory.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]  # fmt: skip
        return [(name, tuple(row[1] for row in memory.execute(f"PRAGMA table_info({name})")))
                for name in names]  # fmt: skip
    finally:
        memory.close()


def _read(db: Any, table: str, columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    order = " ORDER BY rowid" if table in ROWID_TABLES else (
        " ORDER BY id" if "id" in columns else "")  # fmt: skip
    return [tuple(row) for row in db.execute(f"SELECT {', '.join(columns)} FROM {table}{order}")]


def _digest(rows: list[tuple[Any, ...]]) -> str:
    return hashlib.sha256("\n".join(sorted(repr(row) for row in rows)).encode()).hexdigest()


def contents(db: Any) -> list[TableCopy]:
    """Each table's row count and a digest of its rows (in any order)."""
    found = []
    for table, columns in layout():
        rows = _read(db, table, columns)
        found.append(TableCopy(table, len(rows), _digest(rows)))
    return found


def copy_store(source: Store, to: str, *, schema: str, force: bool) -> CopyResult:
    """Copy every row of `source` to `to` (a postgresql:// URL, or a SQLite file's path)."""
    if to.startswith(tuple(f"{scheme}://" for scheme in SCHEMES)):
        return _to_server(source, to, schema, force)
    return _to_file(source, Path(to), force)


def _write(source: Store, target: Any) -> list[TableCopy]:
    for table, columns in layout():
        marks = ", ".join("?" * len(columns))
        target.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                           _read(source.db, table, columns))  # fmt: skip
    return contents(source.db)


def _to_server(source: Store, url: str, schema: str, force: bool) -> CopyResult:
    target = Connection(url, schema, source.wait)
    try:
        if source.pg is not None and source.pg.place() == target.place():
            raise UsageError(f"{target.name} is the workspace's own store",
                             hint="name another schema (--schema) or database")  # fmt: skip
        target.bring_to(SCHEMA_VERSION, migrate)
        target.begin(write=True)
        try:
            held = target.execute("SELECT count(*) FROM measures").fetchone()
            if held and held[0] and not force:
                raise UsageError(f"{target.name} already holds a store ({held[0]} measures)",
                                 hint="pass --force to replace it")  # fmt: skip
            for table, _ in reversed(layout()):
                target.execute(f"DELETE FROM {table}")
            expected = _write(source, target)
            target.restart_ids()
            target.execute("COMMIT")
        except BaseException:
            target.execute("ROLLBACK")
            raise
        return _checked(expected, contents(target), target.name)
    finally:
        target.close()


def _to_file(source: Store, path: Path, force: bool) -> CopyResult:
    if source.pg is None and path.resolve() == source.path.resolve():
        raise UsageError(f"{path} is the workspace's own store", hint="name another file")
    if path.exists() and not force:
        raise UsageError(f"{path} already exists", hint="pass --force to replace it")
    if not path.parent.is_dir():
        raise UsageError(f"{path.parent}: no such folder")
    scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with Store(scratch) as target:
            with target.transaction() as db:
                expected = _write(source, db)
            found = contents(target.db)
        result = _checked(expected, found, str(path))
        for stale in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)  # an old store's journal must not meet the new file
        os.replace(scratch, path)
        return result
    finally:
        for leftover in (scratch, scratch.with_name(scratch.name + "-wal"),
                         scratch.with_name(scratch.name + "-shm")):  # fmt: skip
            leftover.unlink(missing_ok=True)


def _checked(expected: list[TableCopy], found: list[TableCopy], name: str) -> CopyResult:
    for want, got in zip(expected, found, strict=True):
        if want != got:
            raise PerfcliError(
                f"{masked(name)}: the copy of table {want.table} does not match"
                f" ({got.rows} rows, {want.rows} in the store)"
            )
    return CopyResult(masked(name), found)
