"""The store's SQLite schema: one migration script per version, applied in order."""

from __future__ import annotations

SCHEMA_VERSION = 2
MIGRATIONS = {
    1: """
    CREATE TABLE measures (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE aliases (
        alias TEXT PRIMARY KEY,
        measure_id TEXT NOT NULL REFERENCES measures(id)
    );
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        file TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        summary TEXT NOT NULL
    );
    CREATE TABLE observations (
        measure_id TEXT NOT NULL REFERENCES measures(id),
        period TEXT NOT NULL,
        data TEXT NOT NULL,
        source TEXT,
        import_id INTEGER REFERENCES imports(id),
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (measure_id, period)
    );
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        measure_id TEXT NOT NULL,
        period TEXT NOT NULL,
        data TEXT NOT NULL,
        source TEXT,
        import_id INTEGER,
        recorded_at TEXT NOT NULL,
        superseded_at TEXT NOT NULL,
        superseded_by INTEGER
    );
    CREATE INDEX revisions_measure ON revisions(measure_id, period);
    CREATE TABLE report_lines (
        report_period TEXT NOT NULL,
        measure_id TEXT NOT NULL REFERENCES measures(id),
        data TEXT NOT NULL,
        import_id INTEGER REFERENCES imports(id),
        PRIMARY KEY (report_period, measure_id)
    );
    """,
    2: """
    CREATE TABLE national (
        measure_id TEXT NOT NULL,
        period TEXT NOT NULL,
        area_code TEXT NOT NULL,
        area_name TEXT,
        level TEXT,
        value REAL,
        numerator REAL,
        denominator REAL,
        source TEXT,
        PRIMARY KEY (measure_id, period, area_code)
    );
    """,
}
