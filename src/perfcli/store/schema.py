"""The store's schema: one numbered migration per version, applied in order.

A migration is SQL of the subset SQLite and PostgreSQL share (types TEXT, REAL, INTEGER; no
JSON functions), or a function of a DB-API connection when it must move records in Python
(store.carried).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from perfcli.store.carried import marks_read_once, real_columns

if TYPE_CHECKING:
    import sqlite3

SCHEMA_VERSION = 10
MIGRATIONS: dict[int, str | Callable[[sqlite3.Connection], None]] = {
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
    7: real_columns,
    8: marks_read_once,
    # Where each line's marks were printed, so a finding about a mark names its cell.
    9: """
    ALTER TABLE report_lines ADD COLUMN mark_sheet TEXT;
    ALTER TABLE report_lines ADD COLUMN rating_cell TEXT;
    ALTER TABLE report_lines ADD COLUMN progress_cell TEXT;
    ALTER TABLE report_lines ADD COLUMN rag_cell TEXT
    """,
    # When each return was made and last saved: with its approval date, which of one owner's
    # returns is the newest (records.Returned.age).
    10: """
    ALTER TABLE returns ADD COLUMN made_at TEXT;
    ALTER TABLE returns ADD COLUMN saved_at TEXT
    """,
}

# Schema 7: every record in typed columns; carried.real_columns reads the JSON `data` columns of
# schema 1-6 once, drops them and runs this.
REAL_COLUMNS = """
CREATE TABLE measures (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    description TEXT NOT NULL,
    aim TEXT NOT NULL,
    unit TEXT NOT NULL,
    section TEXT,
    outcome TEXT,
    plan TEXT,
    theme TEXT,
    frequency TEXT,
    basis TEXT,
    survey INTEGER NOT NULL,
    previous TEXT NOT NULL,
    preferred_direction TEXT,
    survey_period TEXT,
    owner TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE measure_texts (
    measure_id TEXT NOT NULL REFERENCES measures(id) ON UPDATE CASCADE ON DELETE CASCADE,
    list TEXT NOT NULL CHECK (list IN ('tags', 'footnotes', 'aliases')),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (measure_id, list, position)
);
CREATE TABLE aliases (
    alias TEXT PRIMARY KEY,
    measure_id TEXT NOT NULL REFERENCES measures(id)
);
CREATE INDEX aliases_measure ON aliases(measure_id);
CREATE TABLE observations (
    measure_id TEXT NOT NULL REFERENCES measures(id),
    period TEXT NOT NULL,
    {figure}
    import_id INTEGER REFERENCES imports(id),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (measure_id, period)
);
CREATE INDEX observations_period ON observations(period);
CREATE INDEX observations_import ON observations(import_id);
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    measure_id TEXT NOT NULL REFERENCES measures(id),
    period TEXT NOT NULL,
    {figure}
    import_id INTEGER REFERENCES imports(id),
    recorded_at TEXT NOT NULL,
    superseded_at TEXT NOT NULL,
    superseded_by INTEGER REFERENCES imports(id)
);
CREATE INDEX revisions_measure ON revisions(measure_id, period);
CREATE TABLE report_lines (
    report_period TEXT NOT NULL,
    measure_id TEXT NOT NULL REFERENCES measures(id),
    code TEXT NOT NULL,
    description TEXT NOT NULL,
    current_period TEXT NOT NULL,
    previous_period TEXT,
    commentary TEXT,
    section TEXT,
    outcome TEXT,
    plan TEXT,
    theme TEXT,
    published_rating TEXT,
    published_progress TEXT,
    published_rag TEXT,
    published_quartile TEXT,
    override TEXT,
    override_reason TEXT,
    position INTEGER NOT NULL,
    returned_by TEXT,
    approved_by TEXT,
    approved_on TEXT,
    forecast REAL,
    quartile_best INTEGER,
    quartile_worst INTEGER,
    quartile_period TEXT,
    quartile_group TEXT,
    quartile_printed TEXT,
    quartile_marks TEXT,
    quartile_period_printed INTEGER,
    import_id INTEGER REFERENCES imports(id),
    PRIMARY KEY (report_period, measure_id)
);
CREATE INDEX report_lines_measure ON report_lines(measure_id);
CREATE TABLE comparators (
    report_period TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    raw TEXT NOT NULL,
    unit TEXT,
    decimals INTEGER NOT NULL,
    scale TEXT NOT NULL,
    period TEXT,
    label TEXT,
    count_value REAL,
    value REAL,
    low REAL,
    high REAL,
    op TEXT,
    reason TEXT,
    PRIMARY KEY (report_period, measure_id),
    FOREIGN KEY (report_period, measure_id) REFERENCES report_lines(report_period, measure_id)
        ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE TABLE line_footnotes (
    report_period TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (report_period, measure_id, position),
    FOREIGN KEY (report_period, measure_id) REFERENCES report_lines(report_period, measure_id)
        ON UPDATE CASCADE ON DELETE CASCADE
);
ALTER TABLE imports ADD COLUMN measures_new INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN measures_updated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN observations_new INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN observations_revised INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN observations_unchanged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN lines_new INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN lines_updated INTEGER NOT NULL DEFAULT 0;
CREATE TABLE import_notes (
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    list TEXT NOT NULL CHECK (list IN ('report_periods', 'problems')),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (import_id, list, position)
);
CREATE INDEX measure_links_old ON measure_links(old_id);
CREATE VIEW figures AS
    SELECT o.measure_id, m.code, m.description, o.period, o.value_text, o.value,
           o.numerator, o.denominator, o.unit, i.file, o.sheet, o.cell,
           o.recorded_at AS imported_at
    FROM observations o JOIN measures m ON m.id = o.measure_id
    LEFT JOIN imports i ON i.id = o.import_id
""".replace(
    "{figure}",
    "value_text TEXT, value REAL, unit TEXT, decimals INTEGER NOT NULL,"
    " scale TEXT NOT NULL, currency TEXT, numerator REAL, denominator REAL, count_value REAL,"
    " count_label TEXT, lower_ci REAL, upper_ci REAL, status TEXT, reason TEXT, note TEXT,"
    " sheet TEXT, cell TEXT,",
)
# A figure changed by hand (`UPDATE observations SET value = …` in sqlite3) is the figure every
# command shows: its printed words no longer say it, so they are cleared and perfcli prints
# the figure itself (rows.observation_from).
HAND_EDIT = """
CREATE TRIGGER observations_hand_edit AFTER UPDATE OF value ON observations
FOR EACH ROW WHEN NEW.value_text IS OLD.value_text AND NEW.value IS NOT OLD.value
BEGIN
    UPDATE observations SET value_text = NULL
    WHERE measure_id = NEW.measure_id AND period = NEW.period;
END
"""
IMPORT_COUNTS = (
    "measures_new", "measures_updated", "observations_new", "observations_revised",
    "observations_unchanged", "lines_new", "lines_updated",
)  # fmt: skip


def migrate(db: Any, target: int) -> None:
    """Apply the migration to schema `target` (the caller holds the transaction) on a
    DB-API connection: sqlite3, or dialect.Connection for PostgreSQL."""
    migration = MIGRATIONS[target]
    if callable(migration):
        migration(db)
        return
    for statement in statements(migration):
        db.execute(statement)


def statements(script: str) -> list[str]:
    """A script's statements (no text in this schema holds a `;`)."""
    return [s for s in script.split(";") if s.strip()]
