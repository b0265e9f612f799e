"""Schema 8: printed marks and quartiles as values. A store of schema 7 (tests/fixtures/store-v7,
written by that release) keeps every value, field by field, and what it kept as printed (a theme
dashboard's `↑`, an Appendix A's `Top`) is read once into the value an import now stores."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from perfcli.domain.model import QuartilePosition
from perfcli.domain.outcomes import Progress, Rag, Rating
from perfcli.store.database import Store
from perfcli.store.schema import SCHEMA_VERSION

V7 = Path(__file__).resolve().parents[1] / "fixtures" / "store-v7"
MARKS = ("published_rating", "published_progress", "published_rag")
KEY = ("report_period", "measure_id")
# A theme dashboard's Direction of Travel as schema 7 kept it, and the value it means.
ARROWS = {"↑": "improved", "→": "similar", "↓": "worse", "N/A": "not_rated"}
# An Appendix A's quartile as printed (seed 003 prints words), and the quartile it names.
WORDS = {"Top": 1, "Second": 2, "Third": 3}


def snapshot(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as column -> value, in a stable order."""
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    try:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            table: sorted(
                (dict(row) for row in db.execute(f"SELECT * FROM {table}")),
                key=lambda row: [str(v) for v in row.values()],
            )
            for table in tables
        }
    finally:
        db.close()


def version(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrated(tmp_path: Path) -> tuple[dict[str, list[dict[str, Any]]], Path]:
    path = tmp_path / "perfcli.db"
    shutil.copy(V7 / "perfcli.db", path)
    before = snapshot(path)
    assert version(path) == 7
    Store(path).close()
    assert version(path) == SCHEMA_VERSION
    return before, path


def test_every_table_but_the_report_lines_is_kept_row_for_row(tmp_path: Path) -> None:
    before, path = migrated(tmp_path)
    after = snapshot(path)
    assert set(after) == set(before)
    for table in set(before) - {"report_lines"}:
        assert after[table] == before[table], table
    assert len(before["observations"]) > 200 and len(before["revisions"]) == 5
    assert len(before["comparators"]) > 100 and len(before["measure_links"]) == 1


def test_each_report_line_keeps_every_field_and_its_marks_and_quartile_are_read(
    tmp_path: Path,
) -> None:
    before, path = migrated(tmp_path)

    old = {tuple(row[k] for k in KEY): row for row in before["report_lines"]}
    new = {tuple(row[k] for k in KEY): row for row in snapshot(path)["report_lines"]}
    assert new.keys() == old.keys() and len(old) == 113
    arrows = quartiles = 0
    for line, row in old.items():
        moved = new[line]
        for column in MARKS:
            printed = row[column]
            assert moved[column] == ARROWS.get(printed, printed), (line, column)
            arrows += printed in ARROWS
        if row["published_quartile"] in WORDS:
            q = WORDS[row["published_quartile"]]
            assert [moved[c] for c in row if c.startswith("quartile_")] == [
                q, q, row["report_period"], None, row["published_quartile"], "", 0,
            ], line  # fmt: skip
            quartiles += 1
        else:
            assert {c: moved[c] for c in row if c.startswith("quartile_")} == {
                c: row[c] for c in row if c.startswith("quartile_")
            }, line
        assert {c: moved[c] for c in row if c not in MARKS and not c.startswith("quartile_")} == {
            c: row[c] for c in row if c not in MARKS and not c.startswith("quartile_")
        }, line
    assert (arrows, quartiles) == (46, 9)


def test_the_store_hands_back_marks_and_quartiles_as_values(tmp_path: Path) -> None:
    _, path = migrated(tmp_path)
    with Store(path, read_only=True) as store:
        lines = {line.measure_id: line for line in store.report_lines("2023-24")}
        earlier = {line.measure_id: line for line in store.report_lines("2021-22-apr-nov")}
    assert {type(line.published_progress) for line in lines.values()} <= {Progress, type(None)}
    assert lines["ascof-2a"].published_progress is Progress.IMPROVED
    ascof_2b = earlier["ascof-2b"]
    assert ascof_2b.published_rag is Rag.AMBER and ascof_2b.published_rating is None
    assert all(isinstance(line.published_rating, Rating | None) for line in [*lines.values()])
    assert ascof_2b.quartile == QuartilePosition(
        best=1, worst=1, period="2021-22-apr-nov", printed="Top", period_printed=False
    )


def test_a_postgresql_store_of_schema_7_moves_to_values_as_sqlite_does(
    tmp_path: Path, postgres_url: str
) -> None:
    """Schema 7 and 8 have the same tables (9 adds the marks' cells, 10 the returns' times), so a PostgreSQL store of
    schema 7 is today's tables, less those columns, at version 7 holding what that release wrote: store-v7 copied across, its report lines put back
    as printed. Opened, it is migrated to the same values as the SQLite file."""
    import psycopg

    from perfcli.store.copy import copy_store

    _, path = migrated(tmp_path)
    with Store(path) as store:
        copy_store(store, postgres_url, schema="v7", force=False)
    columns = [c for c in snapshot(V7 / "perfcli.db")["report_lines"][0] if c not in KEY]
    printed = snapshot(V7 / "perfcli.db")["report_lines"]
    with psycopg.connect(postgres_url) as db:
        db.execute("SET search_path TO v7")
        for row in printed:
            db.execute(
                f"UPDATE report_lines SET {', '.join(f'{c} = %s' for c in columns)}"
                " WHERE report_period = %s AND measure_id = %s",
                [*(row[c] for c in columns), *(row[k] for k in KEY)],
            )
        # Schema 9 added where each mark was printed: a store of schema 7 has no such columns.
        db.execute("ALTER TABLE report_lines DROP COLUMN mark_sheet, DROP COLUMN rating_cell,"
                   " DROP COLUMN progress_cell, DROP COLUMN rag_cell")  # fmt: skip
        # Schema 10 added when each return was made and saved.
        db.execute("ALTER TABLE returns DROP COLUMN made_at, DROP COLUMN saved_at")
        db.execute("UPDATE perfcli_schema SET version = 7")
        held = db.execute("SELECT count(*) FROM report_lines WHERE published_progress = '↑'")
        assert held.fetchone() == (22,)
    Store(tmp_path / "other.db", target=(postgres_url, "v7")).close()
    with psycopg.connect(postgres_url) as db:
        db.execute("SET search_path TO v7")
        assert db.execute("SELECT version FROM perfcli_schema").fetchone() == (SCHEMA_VERSION,)
        names = ", ".join([*KEY, *columns])
        on_server = db.execute(f"SELECT {names} FROM report_lines").fetchall()
    with sqlite3.connect(path) as db:
        in_file = db.execute(f"SELECT {names} FROM report_lines").fetchall()
    assert sorted(on_server, key=str) == sorted(in_file, key=str) and len(in_file) == 113
