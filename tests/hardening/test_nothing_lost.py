"""Nothing lost: a killed import leaves the store as it was (or whole), concurrent imports both land."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.conftest import HEADER, appendix_workbook, error_line, perfcli


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


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5])
def test_an_import_killed_part_way_leaves_the_store_as_it_was_or_whole(workspace, tmp_path, delay):
    first, db, before = one_import(workspace, tmp_path)
    big = synthetic_workbook(tmp_path / "big.xlsx", 4000)
    process = spawn("import", big, "-w", workspace)
    deadline = time.monotonic() + delay
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    finished = process.poll() is not None
    if not finished:
        process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)  # drains and closes the pipes
    after = snapshot(db)
    if finished:
        assert process.returncode == 0
    else:
        assert after in (before, _complete(tmp_path, first, big))


def test_an_import_killed_while_writing_leaves_the_store_as_it_was_or_whole(workspace, tmp_path):
    _, db, before = one_import(workspace, tmp_path)
    wal = workspace / "perfcli.db-wal"
    start = wal.stat().st_size if wal.exists() else 0
    process = spawn("import", synthetic_workbook(tmp_path / "big.xlsx", 4000), "-w", workspace)
    deadline = time.monotonic() + 60
    # Kill as soon as the write transaction has begun writing to the write-ahead log.
    while process.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > start:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    process.communicate(timeout=60)
    after = snapshot(db)
    if process.returncode == -signal.SIGKILL:
        assert after == before
    else:
        assert process.returncode == 0


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


@pytest.mark.parametrize("delay", [0.4, 0.9, 1.4])
def test_a_killed_draft_leaves_no_partial_report_and_the_earlier_one_intact(example, delay):
    from tests.cli.test_example import import_all

    import_all(example)
    perfcli("draft-report", "--committee", "adults", "--period", "2023-24", "-w", example)
    report = example / "reports" / "adults-2023-24.docx"
    earlier = report.read_bytes()
    process = spawn(
        "draft-report", "--committee", "adults", "--period", "2023-24", "--force", "-w", example
    )
    deadline = time.monotonic() + delay
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    killed = process.poll() is None
    if killed:
        process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    # A killed write may leave its hidden temporary file (SIGKILL cannot be caught), never a
    # partial report where the report is.
    documents = sorted(p.name for p in report.parent.glob("*.docx") if not p.name.startswith("."))
    assert documents == ["adults-2023-24.docx"]
    if killed:
        assert report.read_bytes() == earlier or _opens(report)
    perfcli(
        "draft-report", "--committee", "adults", "--period", "2023-24", "--force", "-w", example
    )
    # The next run clears what the killed one left.
    assert [p.name for p in report.parent.iterdir()] == ["adults-2023-24.docx"]


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
            f"Error: {db}: another perfcli command is writing to this workspace (waited 0.2 s)"
            " (let it finish and run this again; PERFCLI_LOCK_WAIT sets the wait in seconds)"
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
    assert process.returncode == 1, process.stderr
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
    with db.open("r+b") as handle:  # keep the header page, scribble over the tables
        handle.seek(4096)
        handle.write(b"\xde\xad" * 8192)
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
    process = spawn("import", synthetic_workbook(tmp_path / "book.xlsx", 5), "-w", workspace)
    time.sleep(1.0)  # long enough for it to read the empty store and wait for the lock
    for version in range(1, SCHEMA_VERSION + 1):
        migrate(other, version)
    other.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    other.execute("COMMIT")
    other.close()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err.decode()
    assert sqlite3.connect(db).execute("SELECT count(*) FROM measures").fetchone()[0] == 5
