"""Write src/perfcli/store/latest.py: the store's schema as its migrations leave it, made at once.

A new store is made from these statements (some 0.8 ms) rather than by running every migration
since the first (some 5 ms, rebuilding tables that are empty). tests/store/test_latest_schema.py
checks that the two give the same schema; run this after adding a migration.
Run:  python scripts/write_latest_schema.py
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from perfcli.store.schema import SCHEMA_VERSION, migrate

TARGET = Path(__file__).resolve().parents[1] / "src" / "perfcli" / "store" / "latest.py"


def migrated_schema() -> list[str]:
    """The statements that make the schema every migration in turn leaves, in their order."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("BEGIN")
    for target in range(1, SCHEMA_VERSION + 1):
        migrate(db, target)
    db.execute("COMMIT")
    rows = db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
    return [str(sql) for (sql,) in rows]


def module_text() -> str:
    lines = [
        '"""The store\'s schema at its latest version, as one list of statements: a new store is',
        "made from them at once. Written by scripts/write_latest_schema.py from the migrations",
        '(perfcli.store.schema); tests/store/test_latest_schema.py checks it. Do not edit."""',
        "",
        f"VERSION = {SCHEMA_VERSION}",
        "STATEMENTS = (",
        *(f"    {json.dumps(statement)}," for statement in migrated_schema()),  # as ruff quotes
        ")",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    TARGET.write_text(module_text(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
