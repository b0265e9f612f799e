"""The store's schema: one numbered migration per version, applied in order.

A migration is SQL of the subset SQLite and PostgreSQL share (types TEXT, REAL, INTEGER; no
JSON functions), or a function of a DB-API connection when it must move records in Python.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

SCHEMA_VERSION = 8
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
    7: lambda db: _real_columns(db),
    8: lambda db: _marks_read_once(db),
}

# Schema 7: every record in typed columns; the JSON `data` columns of schema 1-6 are read once,
# here, and dropped.
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
# the figure itself (store_rows.observation_from).
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


def _real_columns(db: sqlite3.Connection) -> None:
    """Schema 7: read every JSON record of schema 6 and write it again as typed columns."""
    from perfcli.domain.model import Measure, Observation, ReportLine
    from perfcli.store.rows import (
        COMPARATOR_COLUMNS,
        FIGURE_COLUMNS,
        LINE_COLUMNS,
        MEASURE_COLUMNS,
        MEASURE_LISTS,
        QUARTILE_COLUMNS,
        with_defaults,
    )  # fmt: skip

    def figure(data: str) -> tuple[Any, ...]:
        d = with_defaults(Observation, json.loads(data))
        return (d["raw"], d["value"], d["unit"], d["decimals"], d["scale"], d["currency"],
                d["numerator"], d["denominator"], d["count"], d["count_label"], d["lower_ci"],
                d["upper_ci"], d["status"], d["reason"], d["note"])  # fmt: skip

    def place(source: str | None) -> tuple[str | None, str | None]:
        sheet, _, cell = (source or "").rpartition("!")
        return sheet or None, cell or None

    measures = db.execute("SELECT data, updated_at FROM measures ORDER BY rowid").fetchall()
    aliases = db.execute("SELECT alias, measure_id FROM aliases ORDER BY rowid").fetchall()
    observations = db.execute(
        "SELECT measure_id, period, data, source, import_id, recorded_at FROM observations"
        " ORDER BY rowid"
    ).fetchall()
    revisions = db.execute(
        "SELECT id, measure_id, period, data, source, import_id, recorded_at, superseded_at,"
        " superseded_by FROM revisions ORDER BY id"
    ).fetchall()
    lines = db.execute(
        "SELECT report_period, measure_id, data, import_id FROM report_lines ORDER BY rowid"
    ).fetchall()
    imports = db.execute("SELECT id, summary FROM imports").fetchall()
    for table in ("VIEW figures", "TABLE revisions", "TABLE report_lines", "TABLE observations",
                  "TABLE aliases", "TABLE measures"):  # fmt: skip
        db.execute(f"DROP {table}")
    for statement in statements(REAL_COLUMNS):
        db.execute(statement)
    db.execute(HAND_EDIT)

    def insert(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        marks = ", ".join("?" * len(columns))
        db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    ids = set()
    for data, updated_at in measures:
        m = with_defaults(Measure, json.loads(data))
        ids.add(m["id"])
        insert("measures", (*MEASURE_COLUMNS, "updated_at"),
               [(*(m[c] for c in MEASURE_COLUMNS[:11]), int(m["survey"]),
                 *(m[c] for c in MEASURE_COLUMNS[12:]), updated_at)])  # fmt: skip
        insert("measure_texts", ("measure_id", "list", "position", "text"),
               [(m["id"], name, n, text) for name in MEASURE_LISTS
                for n, text in enumerate(m[name])])  # fmt: skip
    insert("aliases", ("alias", "measure_id"), [a for a in aliases if a[1] in ids])
    insert("observations",
           ("measure_id", "period", *FIGURE_COLUMNS, "sheet", "cell", "import_id", "recorded_at"),
           [(mid, period, *figure(data), *place(source), import_id, recorded)
            for mid, period, data, source, import_id, recorded in observations])  # fmt: skip
    insert("revisions",
           ("id", "measure_id", "period", *FIGURE_COLUMNS, "sheet", "cell", "import_id",
            "recorded_at", "superseded_at", "superseded_by"),
           [(rid, mid, period, *figure(data), *place(source), import_id, recorded, superseded,
             by) for rid, mid, period, data, source, import_id, recorded, superseded, by
            in revisions if mid in ids])  # fmt: skip
    for period, mid, data, import_id in lines:
        d = with_defaults(ReportLine, json.loads(data))
        q = d["quartile"]
        quartile = (
            (q["best"], q["worst"], q["period"], q.get("group"), q.get("printed", ""),
             q.get("marks", ""), int(q.get("period_printed", True)))
            if q else (None,) * len(QUARTILE_COLUMNS)
        )  # fmt: skip
        row = {**d, "report_period": period, "measure_id": mid}
        insert("report_lines", (*LINE_COLUMNS, *QUARTILE_COLUMNS, "import_id"),
               [(*(row[c] for c in LINE_COLUMNS), *quartile, import_id)])  # fmt: skip
        c = d["comparator"]
        if c:
            c = {"unit": None, "decimals": 0, "scale": "", "period": None, "label": None,
                 "count": None, "value": None, "low": None, "high": None, "op": None,
                 "reason": None, **c}  # fmt: skip
            insert("comparators", ("report_period", "measure_id", *COMPARATOR_COLUMNS),
                   [(period, mid, *(c["count" if k == "count_value" else k]
                                    for k in COMPARATOR_COLUMNS))])  # fmt: skip
        insert("line_footnotes", ("report_period", "measure_id", "position", "text"),
               [(period, mid, n, text) for n, text in enumerate(d["footnotes"])])  # fmt: skip
    for import_id, summary in imports:
        found = json.loads(summary) if summary else {}
        db.execute(
            f"UPDATE imports SET {', '.join(f'{c} = ?' for c in IMPORT_COUNTS)} WHERE id = ?",
            (*(found.get(c, 0) for c in IMPORT_COUNTS), import_id),
        )
        insert("import_notes", ("import_id", "list", "position", "text"),
               [(import_id, name, n, text) for name in ("report_periods", "problems")
                for n, text in enumerate(found.get(name, []))])  # fmt: skip
    db.execute("ALTER TABLE imports DROP COLUMN summary")


def _marks_read_once(db: Any) -> None:
    """Schema 8: every printed mark a value and every printed quartile a position, as an import
    now reads them. Schema 7 kept a theme dashboard's Direction of Travel as printed (`↑`) and
    an Appendix A's quartile only as printed (`Top`), and read them again at every rating and
    draft; each is read here once. Runs on SQLite and PostgreSQL alike (plain SELECT, UPDATE)."""
    lines = db.execute(
        "SELECT report_period, measure_id, published_rating, published_progress, published_rag,"
        " published_quartile, quartile_best FROM report_lines"
    ).fetchall()
    for period, mid, rating, progress, rag, printed, best in lines:
        marks = (
            _mark_value(rating, "rating"), _mark_value(progress, "progress"),
            _mark_value(rag, "rag"),
        )  # fmt: skip
        if marks != (rating, progress, rag):
            db.execute(
                "UPDATE report_lines SET published_rating = ?, published_progress = ?,"
                " published_rag = ? WHERE report_period = ? AND measure_id = ?",
                (*marks, period, mid),
            )
        position = _quartile_value(printed, period) if best is None else None
        if position is not None:
            db.execute(
                "UPDATE report_lines SET quartile_best = ?, quartile_worst = ?,"
                " quartile_period = ?, quartile_group = ?, quartile_printed = ?,"
                " quartile_marks = ?, quartile_period_printed = ?"
                " WHERE report_period = ? AND measure_id = ?",
                (*position, period, mid),
            )


def _mark_value(text: str | None, column: str) -> str | None:
    """A stored mark as its value's word: words perfcli wrote stay; a theme dashboard's arrow
    or word as printed is read into the value an import now stores."""
    from perfcli.domain.directions import parse_direction
    from perfcli.domain.marks import MarkColumn, read_mark

    if text is None:
        return None
    reading = read_mark(text, MarkColumn(column))
    if reading.problem is None:
        return reading.value.value if reading.value is not None else None
    if column == "progress":
        try:
            return parse_direction(text).value
        except ValueError:
            pass
    return None  # no import ever kept a mark it could not read


def _quartile_value(printed: str | None, period: str) -> tuple[Any, ...] | None:
    """A printed quartile's position as its columns (None when it is not a quartile)."""
    from perfcli.domain.periods import parse_period
    from perfcli.domain.quartiles import parse_quartile
    from perfcli.errors import PerfcliError

    if not printed:
        return None
    try:
        q = parse_quartile(printed, parse_period(period))
    except (ValueError, PerfcliError):
        return None
    if q is None:
        return None
    return (q.best, q.worst, q.period, q.group, q.printed, q.marks, int(q.period_printed))
