"""A new store is made at the latest schema at once (perfcli.store.latest): the same schema, to
the letter, as every migration since the first leaves, which an older store still goes through."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

from perfcli.store import latest
from perfcli.store.schema import SCHEMA_VERSION
from tests.conftest import perfcli

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "write_latest_schema.py"


def _schema(db: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ).fetchall()


def test_the_latest_schema_is_what_the_migrations_make():
    spec = importlib.util.spec_from_file_location("write_latest_schema", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert latest.VERSION == SCHEMA_VERSION, "run python scripts/write_latest_schema.py"
    assert list(latest.STATEMENTS) == script.migrated_schema(), (
        "run python scripts/write_latest_schema.py"
    )


def test_a_new_workspace_store_is_made_at_the_latest_schema(workspace, tmp_path):
    from tests.conftest import appendix_workbook

    book = appendix_workbook(
        tmp_path / "a.xlsx", [["Local", "Visits", "High", "", "1,234", "1,100"]]
    )
    perfcli("import", book, "-w", workspace)
    made = sqlite3.connect(workspace / "perfcli.db")
    migrated = sqlite3.connect(":memory:")
    for statement in latest.STATEMENTS:
        migrated.execute(statement)
    assert _schema(made) == _schema(migrated)
    assert made.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
