"""Nothing lost: a killed import leaves the store as it was (or whole), concurrent imports both land."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.conftest import HEADER, appendix_workbook, error_line, perfcli
from tests.held import held


def synthetic_workbook(path: Path, measures: int, offset: int = 0) -> Path:
    """SYNTHETIC data: many local measures, to make an import take a while."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for i in range(measures):
        sheet.append(
            [
                "Local",
                f"Synthetic measure {offset + i}",
                "High",
                "50% Local target 2023/24",
                f"{i % 97}.5%",
                f"{i % 89}.5%",
            ]
        )
    workbook.save(path)
    return path


# Every column but the clock's: a store two runs fill with the same files hashes the same.
CONTENT = {
    "measures": "id, code, description, aim, unit, section",
    "measure_texts": "measure_id, list, position, text",
    "observations": "measure_id, period, value_text, value, numerator, denominator, unit,"
    " sheet, cell, import_id",
    "report_lines": "report_period, measure_id, code, description, current_period,"
    " previous_period, commentary, published_rating, position, import_id",
    "comparators": "report_period, measure_id, kind, raw, value, low, high",
    "revisions": "measure_id, period, value_text, value, sheet, cell, import_id, superseded_by",
    "imports": "id, file, sha256, measures_new, observations_new, observations_revised",
    "import_notes": "import_id, list, position, text",
}


def snapshot(db: Path) -> str:
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    digest = hashlib.sha256()
    for table, columns in CONTENT.items():
        for row in connection.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2"):
            digest.update(repr(row).encode())
    connection.close()
    return digest.hexdigest()


def one_import(workspace: Path, tmp_path: Path) -> tuple[Path, Path, str]:
    """A store holding one small import: the workbook, the database and its snapshot."""
    first = appendix_workbook(
        tmp_path / "first.xlsx", [["Local", "Library visits", "High", "", "615.1k", "539.9k"]]
    )
    perfcli("import", first, "-w", workspace)
    db = workspace / "perfcli.db"
    return first, db, snapshot(db)


def spawn(*args: str | Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.Popen([sys.executable, "-m", "perfcli", *map(str, args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


def _write_lock_is_held(db: Path) -> bool:
    """Whether some connection holds the store's write lock (a write transaction is open)."""
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        assert "locked" in str(error) or "busy" in str(error), error
        return True
    finally:
        probe.close()  # closing rolls the probe's own transaction back
    return False


# Where an import is killed: each point is an event in the child, never a time. The workbook has
# MEASURES rows, so the (MEASURES // 2)th INSERT is well inside the write and before its end.
MEASURES = 300
IMPORT_POINTS = {
    "reading its file": ("open", r"big\.xlsx", 1, False),
    "writing its rows": ("sql", r"^INSERT", MEASURES // 2, True),
    "about to commit": ("sql", r"^COMMIT$", 1, True),
}


@pytest.mark.parametrize("point", IMPORT_POINTS)
def test_an_import_killed_part_way_leaves_the_store_as_it_was(workspace, tmp_path, point):
    _, db, before = one_import(workspace, tmp_path)
    big = synthetic_workbook(tmp_path / "big.xlsx", MEASURES)
    event, pattern, nth, writing = IMPORT_POINTS[point]
    child = held(event, pattern, "import", big, "-w", workspace, nth=nth)
    child.reached()
    # Stopped where named: before its write transaction began, or inside it.
    assert _write_lock_is_held(db) is writing
    child.kill()
    assert child.process.returncode == -signal.SIGKILL
    assert snapshot(db) == before
    assert not _write_lock_is_held(db)
    # The files the killed import was given import whole afterwards.
    perfcli("import", big, "-w", workspace)
    assert snapshot(db) != before


def test_an_import_held_before_its_commit_and_let_go_lands_whole(workspace, tmp_path):
    """The control for the kills above: stopped at the same point and released, not killed,
    the import commits everything, so it was the kill that kept the store as it was."""
    first, db, before = one_import(workspace, tmp_path)
    big = synthetic_workbook(tmp_path / "big.xlsx", MEASURES)
    child = held("sql", r"^COMMIT$", "import", big, "-w", workspace)
    child.reached()
    assert snapshot(db) == before  # a reader sees nothing of the open transaction
    child.release()
    assert child.finish() == 0, child.stderr()
    assert snapshot(db) == _complete(tmp_path, first, big)


def _complete(tmp_path: Path, first: Path, big: Path) -> str:
    """The store as a whole import of both files leaves it."""
    other = tmp_path / "reference"
    perfcli("init", other)
    perfcli("import", first, "-w", other)
    perfcli("import", big, "-w", other)
    return snapshot(other / "perfcli.db")


def test_two_imports_at_once_both_land(workspace, tmp_path):
    one = synthetic_workbook(tmp_path / "one.xlsx", 1500)
    two = synthetic_workbook(tmp_path / "two.xlsx", 1500, offset=10_000)
    first, second = spawn("import", one, "-w", workspace), spawn("import", two, "-w", workspace)
    for process in (first, second):
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    connection = sqlite3.connect(workspace / "perfcli.db")
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("SELECT count(*) FROM measures").fetchone()[0] == 3000


# Where a draft is killed: rendering (its template being read), writing its hidden temporary
# file, and renaming that file over the earlier report.
DRAFT_POINTS = {
    "rendering": ("open", r"/adults\.docx r", False),
    "writing its temporary file": ("open", r"/reports/\.adults-2023-24-[^/ ]*\.docx w", True),
    "renaming it into place": ("os.rename", r"/reports/adults-2023-24\.docx", True),
}


@pytest.mark.parametrize("point", DRAFT_POINTS)
def test_a_killed_draft_leaves_no_partial_report_and_the_earlier_one_intact(example, point):
    from tests.cli.test_example import import_all

    import_all(example)
    perfcli("draft-report", "--committee", "adults", "--period", "2023-24", "-w", example)
    report = example / "reports" / "adults-2023-24.docx"
    earlier = report.read_bytes()
    event, pattern, leaves_temporary = DRAFT_POINTS[point]
    child = held(event, pattern, "draft-report", "--committee", "adults", "--period", "2023-24",
                 "--force", "-w", example)  # fmt: skip
    child.reached()
    child.kill()
    assert child.process.returncode == -signal.SIGKILL
    # SIGKILL cannot be caught: the killed write may leave its hidden temporary file (named with
    # its pid), never a partial report where the report is.
    assert report.read_bytes() == earlier
    assert sorted(p.name for p in report.parent.iterdir() if not p.name.startswith(".")) == [
        "adults-2023-24.docx"
    ]
    left = sorted(report.parent.glob(f".adults-2023-24-{child.process.pid}-*.docx"))
    assert len(left) == (1 if leaves_temporary else 0)
    if point == "renaming it into place":
        assert _opens(left[0])  # whole, but never renamed over the earlier report
    perfcli(
        "draft-report", "--committee", "adults", "--period", "2023-24", "--force", "-w", example
    )
    # The next run clears what the killed one left.
    assert [p.name for p in report.parent.iterdir()] == ["adults-2023-24.docx"]
    assert _opens(report)


def _opens(path: Path) -> bool:
    import docx

    return docx.Document(path).paragraphs[0].text.startswith("ADULTS AND COMMUNITIES")


def test_an_import_that_cannot_get_the_write_lock_says_so_and_writes_nothing(workspace, tmp_path):
    _, db, before = one_import(workspace, tmp_path)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another command, half-way through its write
    try:
        big = synthetic_workbook(tmp_path / "big.xlsx", 20)
        run = perfcli("import", big, "-w", workspace, exit=3, env={"PERFCLI_LOCK_WAIT": "0.2"})
        assert error_line(run) == (
            f"Error: {db}: another perfcli command is writing to this workspace and did not"
            " finish within 0.2 s (let it finish and run this again; PERFCLI_LOCK_WAIT sets the wait in seconds)"
        )
        run = perfcli("import", big, "-w", workspace, exit=2, env={"PERFCLI_LOCK_WAIT": "soon"})
        assert "PERFCLI_LOCK_WAIT='soon' is not a number of seconds" in error_line(run)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert snapshot(db) == before
    perfcli("import", big, "-w", workspace, env={"PERFCLI_LOCK_WAIT": "0.2"})
    assert snapshot(db) != before


def test_a_full_disk_during_an_import_is_one_line_and_changes_nothing(workspace, tmp_path):
    """The process may write no file past 64 KiB: as a full disk does, the store's log fills up."""
    import resource

    _, db, before = one_import(workspace, tmp_path)
    big = synthetic_workbook(tmp_path / "big.xlsx", 2000)

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, as a full disk does
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    process = subprocess.run(
        [sys.executable, "-m", "perfcli", "import", str(big), "-w", str(workspace)],
        env={**os.environ, "NO_COLOR": "1"}, capture_output=True, text=True, preexec_fn=small_disk,
    )  # fmt: skip
    assert process.returncode == 4, process.stderr  # the computer would not write: not the data
    lines = process.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in process.stderr
    assert lines[0].startswith(f"Error: {db}: the store could not be written (")
    assert lines[0].endswith("nothing was changed")
    assert snapshot(db) == before


def test_a_store_damaged_on_disk_is_one_line(workspace, tmp_path):
    book = synthetic_workbook(tmp_path / "book.xlsx", 300)
    perfcli("import", book, "-w", workspace)
    db = workspace / "perfcli.db"
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    size = db.stat().st_size
    with db.open("r+b") as handle:  # keep the header page, scribble over every table
        handle.seek(4096)
        handle.write(b"\xde\xad" * ((size - 4096) // 2))
    run = perfcli("measures", "-w", workspace, exit=1)
    assert "perfcli.db: the store is damaged (" in error_line(run)
    assert error_line(run).endswith(
        "(restore perfcli.db from a backup, or import the files into a new workspace)"
    )


def test_a_first_import_that_waits_while_another_creates_the_store_uses_that_store(
    workspace, tmp_path
):
    """Two first imports at once: the one that waited must not create the tables again."""
    from perfcli.store.schema import SCHEMA_VERSION, migrate

    db = workspace / "perfcli.db"
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("BEGIN IMMEDIATE")  # the other import, creating the store
    # It tells (and goes on) when it has read the store's version and asks for the write lock:
    # it read the store empty, and now waits in SQLite's busy handler for this transaction.
    child = held("sql", r"^BEGIN IMMEDIATE$", "import", synthetic_workbook(tmp_path / "book.xlsx", 5),
                 "-w", workspace, hold=False)  # fmt: skip
    child.reached()
    for version in range(1, SCHEMA_VERSION + 1):
        migrate(other, version)
    other.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    other.execute("COMMIT")
    other.close()
    assert child.finish() == 0, child.stderr()
    assert sqlite3.connect(db).execute("SELECT count(*) FROM measures").fetchone()[0] == 5
