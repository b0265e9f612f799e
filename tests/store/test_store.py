"""The store on its own: real columns, migration from the last release, transactions; the
tests that take `on` run against both engines (SQLite, and PostgreSQL on the session's server)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import msgspec
import pytest
from msgspec.structs import asdict

from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Measure, Observation
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.quartiles import parse_quartile
from perfcli.domain.records import ImportBatch, Place, Returned
from perfcli.domain.values import parse_value
from perfcli.errors import PerfcliError
from perfcli.store.database import Store
from perfcli.store.schema import SCHEMA_VERSION

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "store-v2"


def batch(value: str, period: str = "2023-24", *, source: str = "Appendix A!E9") -> ImportBatch:
    sheet, _, cell = source.rpartition("!")
    measure = Measure(id="ascof-2a", code="ASCOF 2A", description="Reablement", aim=Aim.HIGH,
                      unit=Unit.PERCENT, section="Delay Need")  # fmt: skip
    p = parse_period(period)
    obs = Observation.from_parsed("ascof-2a", p, parse_value(value, within=p))
    return ImportBatch(
        Path("dash.xlsx"), "0" * 64, {"ascof-2a": measure}, [(obs, Place(sheet or None, cell))]
    )


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def test_figures_are_real_columns_with_their_sheet_and_cell(tmp_path, on):
    path = tmp_path / "perfcli.db"
    with on.open(path) as store:
        store.apply([batch("88.7% (3,912 out of 4,408)")])
    assert on.rows(path, "SELECT measure_id, code, period, value, numerator, denominator, unit,"
                      " file, sheet, cell FROM figures") == [
        ("ascof-2a", "ASCOF 2A", "2023-24", 88.7, 3912.0, 4408.0, "percent", "dash.xlsx",
         "Appendix A", "E9"),
    ]  # fmt: skip
    assert on.rows(path, "SELECT id, code, aim, unit, section FROM measures") == [
        ("ascof-2a", "ASCOF 2A", "high", "percent", "Delay Need")
    ]


def test_a_revision_updates_the_columns_and_keeps_the_old_figure(tmp_path, on):
    path = tmp_path / "perfcli.db"
    with on.open(path) as store:
        store.apply([batch("87.0%")])
        summary = store.apply([batch("89.6%", source="Appendix A!F9")])[0]
        assert summary.observations_revised == 1
        assert [e.observation.raw for e in store.history("ascof-2a")] == ["87.0%", "89.6%"]
    assert on.rows(path, "SELECT value, cell FROM observations") == [(89.6, "F9")]


def test_a_store_from_the_last_release_migrates_to_columns(tmp_path):
    path = tmp_path / "perfcli.db"
    shutil.copy(FIXTURE / "perfcli.db", path)
    assert rows(path, "PRAGMA user_version") == [(2,)]
    with Store(path) as store:
        assert store.observation("ascof-2a", "2023-24").value == 89.6
    assert rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert rows(path, "SELECT value, sheet, cell, file FROM figures"
                      " WHERE measure_id = 'ascof-2a' AND period = '2023-24'") == [
        (89.6, "Appendix A", "G45", "data/appendix-a-2023-24.xlsx")
    ]  # fmt: skip
    empty = rows(path, "SELECT count(*) FROM observations WHERE value_text IS NULL")
    assert empty == [(0,)]


def test_a_failing_check_writes_nothing(tmp_path, on):
    path = tmp_path / "perfcli.db"

    def refuse(store: Store) -> None:
        raise PerfcliError("refused")

    with on.open(path) as store:
        with pytest.raises(PerfcliError):
            store.apply([batch("88.7%")], refuse)
        assert store.measures() == []
    assert on.rows(path, "SELECT count(*) FROM observations") == [(0,)]


def test_a_store_from_a_newer_perfcli_is_refused(tmp_path):
    path = tmp_path / "perfcli.db"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(PerfcliError, match="made by a newer perfcli"):
        Store(path)


def returned(value: str, approver: str | None, on: str = "2024-05-01") -> ImportBatch:
    """A service owner's return: the figure Leicestershire printed for ASCOF 2A in 2023/24
    (seed 000), with a SYNTHETIC approver."""
    made = batch(value, source="Return!K5")
    made.file, made.sha256 = Path("care.xlsx"), value.encode().hex().ljust(64, "0")[:64]
    made.returned = Returned("care", "2023-24", approver, on if approver else None)
    return made


def test_a_return_is_recorded_with_its_import_only_when_it_changes_something(tmp_path, on):
    path = tmp_path / "perfcli.db"
    with on.open(path) as store:
        store.apply([returned("89.6%", "Chris Lee (SYNTHETIC)")])
        store.apply([returned("89.6%", "Chris Lee (SYNTHETIC)")])  # the same again: nothing
        assert [(r.owner, r.file, r.approved_by) for r in store.returns_received("2023-24")] == [
            ("care", "care.xlsx", "Chris Lee (SYNTHETIC)")
        ]
        unapproved = returned("89.7%", None)  # older than an approved return: not applied
        store.apply([unapproved])
        assert "not imported; the newer return stands" in unapproved.warnings[0].message
        store.apply([returned("89.8%", "Chris Lee (SYNTHETIC)", "2024-05-02")])
        history = store.history("ascof-2a")
    assert [(e.observation.raw, e.current, e.returned_by, e.approved_by) for e in history] == [
        ("89.6%", False, "care", "Chris Lee (SYNTHETIC)"),
        ("89.8%", True, "care", "Chris Lee (SYNTHETIC)"),
    ]
    assert on.rows(path, "SELECT owner, period, approved_on FROM returns ORDER BY import_id") == [
        ("care", "2023-24", "2024-05-01"), ("care", "2023-24", "2024-05-02"),
    ]  # fmt: skip


def test_the_key_that_signs_returns_is_made_once_and_kept(tmp_path, on):
    path = tmp_path / "perfcli.db"
    with on.open(path) as store:
        assert store.workspace_key(make=False) is None  # reading a return makes none
        first = store.workspace_key()
    with on.open(path) as store:
        assert store.workspace_key(make=False) == store.workspace_key() == first
    with on.open(tmp_path / "other.db") as store:
        assert store.workspace_key() != first


def test_a_read_only_store_reads_and_never_writes(tmp_path):
    path = tmp_path / "perfcli.db"
    with Store(path) as store:
        store.apply([batch("88.7%")])
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode = DELETE")  # as a store copied to a share may be
    before = path.read_bytes()
    with Store(path, read_only=True) as store:
        assert [m.id for m in store.measures()] == ["ascof-2a"]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.execute("DELETE FROM measures")
    assert path.read_bytes() == before
    assert rows(path, "PRAGMA journal_mode") == [("delete",)]


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b""),
        lambda path: path.write_bytes(b"GARBAGE!" * 64),
        lambda path: path.write_bytes(path.read_bytes()[:1000]),
    ],
    ids=["empty", "garbage", "truncated"],
)
def test_every_kind_of_damage_is_one_message_with_the_restore_hint(tmp_path, damage):
    path = tmp_path / "perfcli.db"
    with Store(path) as store:
        store.apply([batch("88.7%")])
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(path)
    with pytest.raises(PerfcliError) as caught:
        with Store(path, read_only=True) as store:
            store.measures()
    assert "the store is damaged" in str(caught.value)
    assert "restore perfcli.db from a backup" in str(caught.value)


def test_a_record_that_does_not_read_back_is_a_database_error(tmp_path):
    path = tmp_path / "perfcli.db"
    with Store(path) as store:
        store.apply([batch("88.7%")])
    with sqlite3.connect(path) as db:
        db.execute("UPDATE measures SET aim = 'sideways'")
        db.execute("UPDATE observations SET unit = 'furlongs'")
    with Store(path, read_only=True) as store:
        with pytest.raises(sqlite3.DatabaseError, match="does not read back"):
            store.measures()
        with pytest.raises(sqlite3.DatabaseError, match="does not read back"):
            store.observation("ascof-2a", "2023-24")


V6 = Path(__file__).resolve().parents[1] / "fixtures" / "store-v6"


def _plain(record: object) -> object:
    """A record as its JSON held it: enums as their values, nested records as dicts."""
    return msgspec.json.decode(msgspec.json.encode(record))


def test_a_store_of_schema_6_keeps_every_value_field_by_field(tmp_path):
    path = tmp_path / "perfcli.db"
    shutil.copy(V6 / "perfcli.db", path)
    old = {
        "measures": rows(path, "SELECT data FROM measures ORDER BY rowid"),
        "observations": rows(path, "SELECT data, source FROM observations"),
        "revisions": rows(path, "SELECT measure_id, period, data, source, superseded_at"
                                " FROM revisions ORDER BY id"),
        "lines": rows(path, "SELECT report_period, data FROM report_lines"),
        "imports": rows(path, "SELECT id, summary FROM imports ORDER BY id"),
    }  # fmt: skip
    assert rows(path, "PRAGMA user_version") == [(6,)] and len(old["revisions"]) == 8
    with Store(path) as store:
        assert [_plain(m) for m in store.measures()] == [json.loads(d) for (d,) in old["measures"]]
        held = {(s.observation.measure_id, s.observation.period): s for s in store.observations()}
        assert len(held) == len(old["observations"])
        for data, source in old["observations"]:
            figure = json.loads(data)
            stored = held[figure["measure_id"], figure["period"]]
            assert (_plain(stored.observation), str(stored.source)) == (figure, source)
        superseded = [
            (e.period, _plain(e.observation), str(e.source))
            for m in {r[0] for r in old["revisions"]}
            for e in store.history(m)
            if not e.current
        ]
        assert sorted(superseded, key=str) == sorted(
            [(p, json.loads(d), s) for _, p, d, s, _ in old["revisions"]], key=str
        )
        for period, data in old["lines"]:
            line = json.loads(data)
            found = {x.measure_id: x for x in store.report_lines(period)}[line["measure_id"]]
            plain = _plain(found)
            # Schema 6's JSON held the importer's own note of the row, which is no field now.
            line.pop("source", None)
            if line["published_quartile"] and line["quartile"] is None:
                # Schema 6 kept an Appendix A's quartile only as printed (`Top`): schema 8
                # reads it once into its position, as an import now does.
                read = parse_quartile(line["published_quartile"], parse_period(period))
                line["quartile"] = _plain(read) if read is not None else None
            # Schema 9 keeps where each mark was printed: schema 6 never knew.
            assert plain.pop("marks_at") == {}
            assert plain == line
    assert rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    counts = rows(path, "SELECT id, measures_new, observations_new, observations_revised,"
                        " lines_new FROM imports ORDER BY id")  # fmt: skip
    assert counts == [
        (i, s["measures_new"], s["observations_new"], s["observations_revised"], s["lines_new"])
        for i, s in ((i, json.loads(t)) for i, t in old["imports"])
    ]
    links = rows(
        path, "SELECT old_id, new_id, figures_moved, figures_superseded FROM measure_links"
    )
    assert links == [("ascof-1e", "ascof-2e", 1, 1)]
    assert len(rows(path, "SELECT * FROM returns")) == 2


def test_no_table_holds_a_record_as_json(tmp_path):
    path = tmp_path / "perfcli.db"
    shutil.copy(V6 / "perfcli.db", path)
    Store(path).close()
    tables = [t for (t,) in rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert {"measures", "observations", "revisions", "report_lines", "comparators"} <= set(tables)
    for table in tables:
        columns = {row[1] for row in rows(path, f"PRAGMA table_info({table})")}
        assert not columns & {"data", "summary"}, table
    assert rows(path, "PRAGMA foreign_key_check") == []
    assert rows(path, "SELECT kind, raw, value FROM comparators WHERE measure_id = 'ascof-2a'"
                      " AND report_period = '2023-24'") == [("national_average", "77.5% 22/23 Nat. Ave", 77.5)]  # fmt: skip


def _tables(folder: Path) -> dict[str, list[str]]:
    """Every table's rows, the workspace's folder left out of the files' paths."""
    with sqlite3.connect(folder / "perfcli.db") as db:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            n: sorted(repr(r).replace(str(folder), "WS") for r in db.execute(f"SELECT * FROM {n}"))
            for n in names
        }


@pytest.mark.parametrize("newest_first", [False, True])  # the newest has footnotes
def test_a_first_import_written_a_table_at_a_time_holds_what_one_row_at_a_time_does(
    example, tmp_path, monkeypatch, newest_first
):
    """The bundled example's three workbooks (seeds 000 and 003), imported into a fresh store
    in bulk and one row at a time: every table the same, row for row, and the same summaries."""
    from perfcli import Workspace
    from perfcli.store import writing

    monkeypatch.setattr(writing, "now_text", lambda: "2024-06-03T09:00:00+00:00")
    other = tmp_path / "one-at-a-time"
    shutil.copytree(example, other)
    files = sorted((example / "data").glob("*.xlsx"), reverse=newest_first)
    bulk = Workspace.open(example).import_files(files)
    monkeypatch.setattr(Store, "_put_all_new", lambda *args: False)
    single = Workspace.open(other).import_files([other / "data" / f.name for f in files])
    assert [asdict(s) for s in bulk.summaries] == [asdict(s) for s in single.summaries]
    assert bulk.summaries[0].observations_new >= 50
    written, expected = _tables(example), _tables(other)
    assert written.keys() == expected.keys()
    for table in expected:
        assert written[table] == expected[table], table


def test_a_batch_that_meets_held_rows_is_written_one_row_at_a_time(tmp_path, on):
    path = tmp_path / "perfcli.db"
    with on.open(path) as store:
        assert store.apply([batch("87.0%")])[0].observations_new == 1
        again = store.apply([batch("87.0%", "2024-25")])[0]
    assert (again.measures_new, again.observations_new) == (0, 1)
    assert on.rows(path, "SELECT period, value FROM observations ORDER BY period") == [
        ("2023-24", 87.0), ("2024-25", 87.0)
    ]  # fmt: skip


def test_the_lines_a_first_import_keeps_are_what_the_store_reads_back(
    example, tmp_path, monkeypatch
):
    """Each of the bundled example's workbooks (seeds 000 and 003: comparators of every kind,
    marks, quartiles, footnotes) written into a fresh store: the report lines the store keeps
    for the checks before commit are, field for field and type for type, those read back."""
    from perfcli import Workspace
    from perfcli.importers.batches import context_for, read_batches

    folder = Workspace.open(example).folder
    files = sorted((example / "data").glob("*.xlsx"))
    lines = 0
    for n, batch in enumerate(read_batches(files, context_for(folder, None))):
        path = tmp_path / f"{n}.db"
        with Store(path) as store:
            store.apply([batch])
            periods = store.report_periods()
            with monkeypatch.context() as kept_only:
                kept_only.setattr(Store, "_read_lines", lambda *args: pytest.fail("read back"))
                kept = {period: store.report_lines(period) for period in periods}
        with Store(path) as fresh:
            read = {period: fresh.report_lines(period) for period in periods}
        assert repr(kept) == repr(read)
        assert kept == read
        lines += sum(map(len, read.values()))
    assert len(files) == 3 and lines >= 80


def test_a_dashboards_printed_marks_kept_beside_a_return_are_still_named_in_the_dashboard(
    tmp_path, on
):
    # An owner's return rewrites the line (its commentary, owner, approval) and keeps the marks
    # the dashboard printed: a finding about one of them names the dashboard's cell in the
    # dashboard's file, not in the return (it had named `care.xlsx, sheet "Appendix A", cell E9`).
    from msgspec.structs import replace as copied

    from perfcli.domain.model import ReportLine
    from perfcli.domain.outcomes import Progress
    from perfcli.location import Location

    path = tmp_path / "perfcli.db"
    dashboard = batch("89.6%")
    printed = {"progress": Location("dash.xlsx", "Appendix A", "G9")}
    line = ReportLine(report_period="2023-24", measure_id="ascof-2a", code="ASCOF 2A",
                      description="Reablement", current_period="2023-24",
                      published_progress=Progress.IMPROVED, marks_at=printed)  # fmt: skip
    dashboard.lines.append(line)
    with on.open(path) as store:
        store.apply([dashboard])
        (held,) = store.report_lines("2023-24")
        owner = returned("89.6%", "Chris Lee (SYNTHETIC)")
        owner.lines.append(copied(held, commentary="Steady (SYNTHETIC).", returned_by="care"))
        store.apply([owner])
        (kept,) = store.report_lines("2023-24")
    assert kept.commentary == "Steady (SYNTHETIC)." and kept.published_progress is Progress.IMPROVED
    assert str(kept.marks_at["progress"]) == 'dash.xlsx, sheet "Appendix A", cell G9'
