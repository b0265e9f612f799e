"""An old store carried across in Python: the migrations SQL alone cannot write.

Schema 7 reads the JSON `data` columns of schemas 1-6 once and writes every record again as
typed columns; schema 8 reads the marks and quartiles schema 7 kept as printed into values.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3


def real_columns(db: sqlite3.Connection) -> None:
    """Schema 7: read every JSON record of schema 6 and write it again as typed columns."""
    # Imported when the step runs: schema's MIGRATIONS holds this step, and the SQL it runs
    # is schema's.
    from perfcli.store.schema import HAND_EDIT, REAL_COLUMNS, statements

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
    ids = _write_measures(db, measures)
    _insert(db, "aliases", ("alias", "measure_id"), [a for a in aliases if a[1] in ids])
    _write_figures(db, observations, [r for r in revisions if r[1] in ids])
    _write_lines(db, lines)
    _write_imports(db, imports)
    db.execute("ALTER TABLE imports DROP COLUMN summary")


def _insert(db: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: list[Any]) -> None:
    marks = ", ".join("?" * len(columns))
    db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _write_measures(db: sqlite3.Connection, measures: list[Any]) -> set[str]:
    """Each measure's record as its row and its lists' texts; the ids written."""
    from perfcli.domain.model import Measure
    from perfcli.store.rows import MEASURE_COLUMNS, MEASURE_LISTS, with_defaults

    ids = set()
    for data, updated_at in measures:
        m = with_defaults(Measure, json.loads(data))
        ids.add(m["id"])
        _insert(db, "measures", (*MEASURE_COLUMNS, "updated_at"),
                [(*(m[c] for c in MEASURE_COLUMNS[:11]), int(m["survey"]),
                  *(m[c] for c in MEASURE_COLUMNS[12:]), updated_at)])  # fmt: skip
        _insert(db, "measure_texts", ("measure_id", "list", "position", "text"),
                [(m["id"], name, n, text) for name in MEASURE_LISTS
                 for n, text in enumerate(m[name])])  # fmt: skip
    return ids


def _write_figures(db: sqlite3.Connection, observations: list[Any], revisions: list[Any]) -> None:
    """Each observation and revision with its figure in columns and its place as sheet and cell."""
    from perfcli.domain.model import Observation
    from perfcli.store.rows import FIGURE_COLUMNS, with_defaults

    def figure(data: str) -> tuple[Any, ...]:
        d = with_defaults(Observation, json.loads(data))
        return (d["raw"], d["value"], d["unit"], d["decimals"], d["scale"], d["currency"],
                d["numerator"], d["denominator"], d["count"], d["count_label"], d["lower_ci"],
                d["upper_ci"], d["status"], d["reason"], d["note"])  # fmt: skip

    def place(source: str | None) -> tuple[str | None, str | None]:
        sheet, _, cell = (source or "").rpartition("!")
        return sheet or None, cell or None

    _insert(db, "observations",
            ("measure_id", "period", *FIGURE_COLUMNS, "sheet", "cell", "import_id", "recorded_at"),
            [(mid, period, *figure(data), *place(source), import_id, recorded)
             for mid, period, data, source, import_id, recorded in observations])  # fmt: skip
    _insert(db, "revisions",
            ("id", "measure_id", "period", *FIGURE_COLUMNS, "sheet", "cell", "import_id",
             "recorded_at", "superseded_at", "superseded_by"),
            [(rid, mid, period, *figure(data), *place(source), import_id, recorded, superseded,
              by) for rid, mid, period, data, source, import_id, recorded, superseded, by
             in revisions])  # fmt: skip


def _write_lines(db: sqlite3.Connection, lines: list[Any]) -> None:
    """Each report line with its quartile in columns, its comparator and footnotes in rows."""
    from perfcli.domain.model import ReportLine
    from perfcli.store.rows import COMPARATOR_COLUMNS, LINE_COLUMNS, QUARTILE_COLUMNS, with_defaults

    for period, mid, data, import_id in lines:
        d = with_defaults(ReportLine, json.loads(data))
        q = d["quartile"]
        quartile = (
            (q["best"], q["worst"], q["period"], q.get("group"), q.get("printed", ""),
             q.get("marks", ""), int(q.get("period_printed", True)))
            if q else (None,) * len(QUARTILE_COLUMNS)
        )  # fmt: skip
        row = {**d, "report_period": period, "measure_id": mid}
        _insert(db, "report_lines", (*LINE_COLUMNS, *QUARTILE_COLUMNS, "import_id"),
                [(*(row[c] for c in LINE_COLUMNS), *quartile, import_id)])  # fmt: skip
        c = d["comparator"]
        if c:
            c = {"unit": None, "decimals": 0, "scale": "", "period": None, "label": None,
                 "count": None, "value": None, "low": None, "high": None, "op": None,
                 "reason": None, **c}  # fmt: skip
            _insert(db, "comparators", ("report_period", "measure_id", *COMPARATOR_COLUMNS),
                    [(period, mid, *(c["count" if k == "count_value" else k]
                                     for k in COMPARATOR_COLUMNS))])  # fmt: skip
        _insert(db, "line_footnotes", ("report_period", "measure_id", "position", "text"),
                [(period, mid, n, text) for n, text in enumerate(d["footnotes"])])  # fmt: skip


def _write_imports(db: sqlite3.Connection, imports: list[Any]) -> None:
    """Each import's JSON summary as its counts' columns and its notes' rows."""
    from perfcli.store.schema import IMPORT_COUNTS

    for import_id, summary in imports:
        found = json.loads(summary) if summary else {}
        db.execute(
            f"UPDATE imports SET {', '.join(f'{c} = ?' for c in IMPORT_COUNTS)} WHERE id = ?",
            (*(found.get(c, 0) for c in IMPORT_COUNTS), import_id),
        )
        _insert(db, "import_notes", ("import_id", "list", "position", "text"),
                [(import_id, name, n, text) for name in ("report_periods", "problems")
                 for n, text in enumerate(found.get(name, []))])  # fmt: skip


def marks_read_once(db: Any) -> None:
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
    from perfcli.domain.period_parsing import parse_period
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
