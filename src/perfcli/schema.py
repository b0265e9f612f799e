"""The store's SQLite schema: one migration script per version, applied in order."""

from __future__ import annotations

SCHEMA_VERSION = 6
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
    # Real columns for what officers query with sqlite3 or Datasette; the JSON keeps the rest.
    3: """
    ALTER TABLE measures ADD COLUMN code TEXT;
    ALTER TABLE measures ADD COLUMN description TEXT;
    ALTER TABLE measures ADD COLUMN aim TEXT;
    ALTER TABLE measures ADD COLUMN unit TEXT;
    ALTER TABLE measures ADD COLUMN section TEXT;
    UPDATE measures SET code = json_extract(data, '$.code'),
        description = json_extract(data, '$.description'), aim = json_extract(data, '$.aim'),
        unit = json_extract(data, '$.unit'), section = json_extract(data, '$.section');
    ALTER TABLE observations ADD COLUMN value_text TEXT;
    ALTER TABLE observations ADD COLUMN value REAL;
    ALTER TABLE observations ADD COLUMN numerator REAL;
    ALTER TABLE observations ADD COLUMN denominator REAL;
    ALTER TABLE observations ADD COLUMN unit TEXT;
    ALTER TABLE observations ADD COLUMN sheet TEXT;
    ALTER TABLE observations ADD COLUMN cell TEXT;
    UPDATE observations SET value_text = json_extract(data, '$.raw'),
        value = json_extract(data, '$.value'), numerator = json_extract(data, '$.numerator'),
        denominator = json_extract(data, '$.denominator'), unit = json_extract(data, '$.unit'),
        sheet = CASE WHEN instr(source, '!') THEN substr(source, 1, instr(source, '!') - 1) END,
        cell = CASE WHEN instr(source, '!') THEN substr(source, instr(source, '!') + 1) END;
    CREATE INDEX observations_period ON observations(period);
    CREATE VIEW figures AS
        SELECT o.measure_id, m.code, m.description, o.period, o.value_text, o.value,
               o.numerator, o.denominator, o.unit, i.file, o.sheet, o.cell,
               o.recorded_at AS imported_at
        FROM observations o JOIN measures m ON m.id = o.measure_id
        LEFT JOIN imports i ON i.id = o.import_id
    """,
    # Returns from service owners: who returned each import, and who approved it. The key
    # signs the returns this workspace makes, so an import can tell them from anyone else's.
    4: """
    CREATE TABLE returns (
        import_id INTEGER PRIMARY KEY REFERENCES imports(id),
        owner TEXT NOT NULL,
        period TEXT NOT NULL,
        file TEXT NOT NULL,
        returned_at TEXT NOT NULL,
        approved_by TEXT,
        approved_on TEXT
    );
    CREATE TABLE workspace_keys (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
    # Confidence limits a comparator table publishes (the generic layout's Lower CI, Upper CI).
    5: """
    ALTER TABLE national ADD COLUMN lower_ci REAL;
    ALTER TABLE national ADD COLUMN upper_ci REAL;
    """,
    # `perfcli link OLD NEW`: one measure's history joined into another's, and the record of it.
    6: """
    CREATE TABLE measure_links (
        id INTEGER PRIMARY KEY,
        old_id TEXT NOT NULL,
        new_id TEXT NOT NULL,
        old_code TEXT,
        old_description TEXT,
        figures_moved INTEGER NOT NULL,
        figures_superseded INTEGER NOT NULL,
        linked_at TEXT NOT NULL
    );
    CREATE INDEX measure_links_new ON measure_links(new_id)
    """,
}
