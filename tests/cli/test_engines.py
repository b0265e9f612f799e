"""The store on PostgreSQL beside SQLite: every command the same whichever engine holds it,
two importers at once, a killed import, and `perfcli store copy` both ways.

PostgreSQL is a real throwaway server (tests/postgres.py); the tests skip when none can be
started, and fail instead in CI (PERFCLI_REQUIRE_POSTGRES=1)."""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document

from perfcli.store.schema import SCHEMA_VERSION
from tests.conftest import EXAMPLE, ROOT, error_line, perfcli

DATA = sorted((EXAMPLE / "data").glob("*.xlsx"))
NATIONAL = EXAMPLE / "national" / "ascof-2023-24-SYNTHETIC.csv"
# When a figure was recorded: the one thing two runs of the same commands may not share.
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\+00:00)?|\d{4}-\d\d-\d\d \d\d:\d\d")


def fresh_example(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    return folder


def docx_text(path: Path) -> list[str]:
    document = Document(str(path))
    text = [p.text for p in document.paragraphs]
    for table in document.tables:
        text += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return text


def every_command(ws: Path) -> dict[str, object]:
    """What each command prints on the example workspace (and the report it drafts)."""
    w = ("-w", str(ws))
    out: dict[str, object] = {
        "import": perfcli("import", *DATA, *w).stdout,
        "import-national": perfcli("import-national", NATIONAL, "--period", "2023-24", *w).stdout,
        "validate": perfcli("validate", "--period", "2023-24", *w, "-f", "json").stdout,
        "rate": perfcli("rate", "--period", "2023-24", *w, "-f", "json").stdout,
        "rate-table": perfcli("rate", "--period", "2023-24", *w).stdout,
        "diff": perfcli(
            "diff", "2021-22-apr-nov", "2023-24", "--allow-unlike", *w, "-f", "json"
        ).stdout,
        "benchmark": perfcli("benchmark", "--period", "2023-24", *w, "-f", "json").stdout,
        "history": perfcli("history", "ASCOF 2C", *w, "-f", "json").stdout,
        "history-table": perfcli("history", "Junior loans", *w).stdout,
    }
    report = ws / "reports" / "adults.docx"
    perfcli("draft-report", "--committee", "adults", "--period", "2023-24", "--output", report,
            *w)  # fmt: skip
    out["draft-report"] = docx_text(report)
    return {name: STAMP.sub("<when>", text) if isinstance(text, str) else text
            for name, text in out.items()}  # fmt: skip


def test_every_command_says_the_same_whichever_engine_holds_the_store(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = tmp_path / "leicestershire"
    monkeypatch.delenv("PERFCLI_STORE", raising=False)
    on_sqlite = every_command(fresh_example(ws))
    assert (ws / "perfcli.db").exists()
    monkeypatch.setenv("PERFCLI_STORE", postgres_url)
    on_postgres = every_command(fresh_example(ws))
    assert not (ws / "perfcli.db").exists()  # the figures went to the server
    assert json.loads(str(on_postgres["rate"]))["measures"], "nothing was rated"
    assert json.loads(str(on_postgres["history"]))["history"], "no history"
    assert len(on_postgres["draft-report"]) > 50  # type: ignore[arg-type]
    for name in on_sqlite:
        assert on_postgres[name] == on_sqlite[name], name


def test_a_password_in_perfcli_toml_is_refused_and_never_printed(workspace: Path) -> None:
    config = workspace / "perfcli.toml"
    config.write_text(config.read_text() + '\n[store]\nurl = "postgresql://perf:s3cret@db/x"\n')
    run = perfcli("rate", "-w", workspace, exit=2)
    line = error_line(run)
    assert "store.url" in line and "PGPASSWORD" in line and "s3cret" not in run.stderr


def test_an_unreachable_server_is_one_line_naming_host_and_database(
    workspace: Path, postgres_cluster: object
) -> None:
    run = perfcli("rate", "-w", workspace, exit=1,
                  env={"PERFCLI_STORE": "postgresql://perf:hunter2@127.0.0.1:1/teamdb"})  # fmt: skip
    line = error_line(run)
    assert "'teamdb' on 127.0.0.1:1" in line and "cannot connect" in line
    assert "hunter2" not in run.stderr + run.stdout


def test_a_missing_database_is_one_line(workspace: Path, postgres_url: str) -> None:
    url = postgres_url.replace("/perfcli_", "/nosuch_")
    line = error_line(perfcli("rate", "-w", workspace, exit=1, env={"PERFCLI_STORE": url}))
    assert "'nosuch_" in line and "does not exist" in line


def test_workspaces_in_one_database_keep_their_measures_apart(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PERFCLI_STORE", postgres_url)
    adults = fresh_example(tmp_path / "adults")
    children = fresh_example(tmp_path / "children")
    perfcli("import", DATA[0], "-w", adults)
    perfcli("import", DATA[1], "-w", children)
    a = json.loads(perfcli("rate", "-w", adults, "-f", "json").stdout)
    c = json.loads(perfcli("rate", "-w", children, "-f", "json").stdout)
    assert a["period"] != c["period"]
    import psycopg

    with psycopg.connect(postgres_url) as conn:
        schemas = {
            row[0]
            for row in conn.execute(
                "SELECT table_schema FROM information_schema.tables WHERE table_name = 'measures'"
            )
        }
    assert schemas == {"adults", "children"}


def _import_in_a_process(ws: Path, url: str, *files: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PERFCLI_STORE": url, "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "perfcli", "import", *map(str, files), "-w", str(ws)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _counts(url: str, schema: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute(f"SET search_path TO {schema}")
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
                for table in ("imports", "measures", "observations", "revisions", "report_lines")}  # fmt: skip


def test_two_officers_importing_at_once_both_land(tmp_path: Path, postgres_url: str) -> None:
    ws = fresh_example(tmp_path / "team")
    first = _import_in_a_process(ws, postgres_url, DATA[0])
    second = _import_in_a_process(ws, postgres_url, DATA[2])
    for process in (first, second):
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    both = _counts(postgres_url, "team")
    # The same two files one after the other in a workspace of their own: the same rows.
    alone = fresh_example(tmp_path / "alone")
    env = {"PERFCLI_STORE": postgres_url}
    perfcli("import", DATA[0], "-w", alone, env=env)
    perfcli("import", DATA[2], "-w", alone, env=env)
    assert both == _counts(postgres_url, "alone")
    assert both["imports"] == 2 and both["observations"] > 0


def test_an_import_killed_midway_leaves_the_store_as_it_was(
    tmp_path: Path, postgres_url: str
) -> None:
    ws = fresh_example(tmp_path / "killed")
    perfcli("import", DATA[0], "-w", ws, env={"PERFCLI_STORE": postgres_url})
    before = _counts(postgres_url, "killed")
    rated = perfcli("rate", "-w", ws, "-f", "json", env={"PERFCLI_STORE": postgres_url}).stdout
    import psycopg

    # Hold the workspace's lock so the import waits inside its transaction, then kill it there.
    from perfcli.store.dialect import Connection

    holder = Connection(postgres_url, "killed", 30)
    holder.begin(write=True)
    process = _import_in_a_process(ws, postgres_url, DATA[1], DATA[2])
    with psycopg.connect(postgres_url, autocommit=True) as watch:
        # A bounded poll, as no event exists here: the import waits inside the server for the
        # advisory lock, and the server's lock table is the only witness that it has got there.
        for _ in range(300):
            waiting = watch.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            ).fetchone()
            if waiting and waiting[0]:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the import never reached the store")
    assert process.poll() is None  # still waiting for the lock: killed mid-import
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    holder.execute("ROLLBACK")
    holder.close()
    assert _counts(postgres_url, "killed") == before
    assert (
        perfcli("rate", "-w", ws, "-f", "json", env={"PERFCLI_STORE": postgres_url}).stdout == rated
    )


def test_the_example_copied_to_postgresql_and_back_rates_the_same(
    example: Path, tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PERFCLI_STORE", raising=False)
    perfcli("import", *DATA, "-w", example)
    perfcli("import-national", NATIONAL, "--period", "2023-24", "-w", example)
    rated = perfcli("rate", "-p", "2023-24", "-w", example, "-f", "json").stdout
    history = perfcli("history", "ASCOF 2C", "-w", example, "-f", "json").stdout
    there = json.loads(perfcli("store", "copy", "--to", postgres_url, "-w", example,
                               "-f", "json").stdout)  # fmt: skip
    assert there["tables"]["observations"]["rows"] == 164
    assert there["tables"]["revisions"]["rows"] == 2
    # A second copy would replace the first: only with --force.
    line = error_line(perfcli("store", "copy", "--to", postgres_url, "-w", example, exit=2))
    assert "already holds a store (34 measures)" in line and "--force" in line

    monkeypatch.setenv("PERFCLI_STORE", postgres_url)
    assert perfcli("rate", "-p", "2023-24", "-w", example, "-f", "json").stdout == rated
    assert perfcli("history", "ASCOF 2C", "-w", example, "-f", "json").stdout == history
    back = tmp_path / "back.db"
    shown = perfcli("store", "copy", "--to", back, "-w", example).stdout
    assert "34 measures, 164 observations, 2 revisions, 3 imports" in shown
    assert f"sha256 {there['digest'][:16]}" in shown  # the same rows as the first copy

    monkeypatch.delenv("PERFCLI_STORE")
    again = fresh_example(tmp_path / "again")
    shutil.copy(back, again / "perfcli.db")
    assert perfcli("rate", "-p", "2023-24", "-w", again, "-f", "json").stdout == rated
    assert perfcli("history", "ASCOF 2C", "-w", again, "-f", "json").stdout == history


def test_store_upgrade_makes_the_schema_once(
    workspace: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PERFCLI_STORE", postgres_url)
    assert perfcli("store", "upgrade", "-w", workspace).stdout == (
        "✔ PostgreSQL database 'perfcli_"
        + postgres_url.split("perfcli_")[1].split("?")[0]
        + f"' on the local socket, schema 'ws': made at schema {SCHEMA_VERSION}\n"
    )
    upgraded = perfcli("store", "upgrade", "-w", workspace).stdout
    assert f"already at schema {SCHEMA_VERSION}" in upgraded
    monkeypatch.delenv("PERFCLI_STORE")
    made = perfcli("store", "upgrade", "-w", workspace).stdout
    assert f"perfcli.db: made at schema {SCHEMA_VERSION}" in made


# A reader during an import, and an import killed after writing rows -------------------------
# PERFCLI_TEST_PAUSE_BEFORE_COMMIT holds an import after its rows are written and before its
# commit: the import writes its pid to the marker, then waits for "<marker>.go". The marker is
# made a named pipe here, so its write is the event the test waits on (no sleep, no poll).


def _paused_import(ws: Path, marker: Path, *files: Path) -> subprocess.Popen[str]:
    os.mkfifo(marker)
    # Opened first, without waiting for a writer, so the import's write of the marker never blocks.
    pipe = os.open(marker, os.O_RDONLY | os.O_NONBLOCK)
    env = {**os.environ, "NO_COLOR": "1", "PERFCLI_TEST_PAUSE_BEFORE_COMMIT": str(marker)}
    process = subprocess.Popen(
        [sys.executable, "-m", "perfcli", "import", *map(str, files), "-w", str(ws)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    ended = os.pidfd_open(process.pid)  # readable when the import exits
    try:
        ready, _, _ = select.select([pipe, ended], [], [], 120)  # two minutes on a busy machine
        written = os.read(pipe, 64) if pipe in ready else b""
    finally:
        os.close(pipe)
        os.close(ended)
    if not written:
        process.kill()
        _, err = process.communicate(timeout=30)
        pytest.fail(f"the import never reached its commit: {err}")
    assert int(written) == process.pid  # the process the test goes on to kill or release
    return process


def _rows(ws: Path) -> dict[str, int]:
    tables = ("imports", "measures", "observations", "revisions", "report_lines")
    url = os.environ.get("PERFCLI_STORE")
    if url:
        return _counts(url, ws.name)
    import sqlite3

    with sqlite3.connect(f"file:{ws / 'perfcli.db'}?mode=ro", uri=True) as db:
        return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in tables}  # fmt: skip


def _readings(ws: Path) -> dict[str, str]:
    w = ("-w", ws, "-f", "json")
    return {"rate": perfcli("rate", *w).stdout,
            "history": perfcli("history", "Junior loans", *w).stdout,
            "rows": json.dumps(_rows(ws))}  # fmt: skip


def test_a_reader_sees_the_whole_before_or_the_whole_after_of_an_import(
    tmp_path: Path, engine: str
) -> None:
    ws = fresh_example(tmp_path / "reader")
    perfcli("import", DATA[0], "-w", ws)
    before = _readings(ws)
    marker = tmp_path / "written"
    importer = _paused_import(ws, marker, *DATA[1:])
    # The importer has written every row of its files and holds its transaction open.
    during = _readings(ws)
    (tmp_path / "written.go").touch()
    _, err = importer.communicate(timeout=120)
    assert importer.returncode == 0, err
    after = _readings(ws)
    assert during == before
    assert after["rate"] != before["rate"] and after["history"] != before["history"]
    assert json.loads(after["rows"])["imports"] == len(DATA)
    assert json.loads(before["rows"])["imports"] == 1


def test_an_import_killed_after_writing_rows_leaves_the_store_as_it_was(
    tmp_path: Path, engine: str
) -> None:
    ws = fresh_example(tmp_path / "killed")
    perfcli("import", DATA[0], "-w", ws)
    before = _readings(ws)
    importer = _paused_import(ws, tmp_path / "written", *DATA[1:])
    importer.send_signal(signal.SIGKILL)
    importer.communicate(timeout=30)
    assert importer.returncode == -signal.SIGKILL
    assert _readings(ws) == before
    # And the store takes the same files afterwards as if nothing had happened.
    perfcli("import", *DATA[1:], "-w", ws)
    assert json.loads(_readings(ws)["rows"])["imports"] == len(DATA)


def test_an_import_stopped_with_ctrl_c_says_so_and_leaves_the_store_as_it_was(
    tmp_path: Path, engine: str
) -> None:
    """Ctrl-C had ended an import with exit 130 and not a word: the officer could not tell
    whether anything was saved."""
    ws = fresh_example(tmp_path / "stopped")
    perfcli("import", DATA[0], "-w", ws)
    before = _readings(ws)
    importer = _paused_import(ws, tmp_path / "written", *DATA[1:])
    importer.send_signal(signal.SIGINT)
    _, err = importer.communicate(timeout=30)
    assert importer.returncode == 130
    assert err.strip() == (
        "Stopped (Ctrl-C) before the command finished: run it again to be sure all of it was done"
    )
    assert _readings(ws) == before


# A compendium carrying the measures of the workspaces it names ------------------------------

CHILDRENS = [  # SYNTHETIC: made-up figures for a Children's workspace
    ["CS 1 (SYNTHETIC)", "Children in care placed within 20 miles of home (SYNTHETIC)", "High",
     "70%", "74%", "71%"],
    ["CS 2 (SYNTHETIC)", "Care leavers in education, employment or training (SYNTHETIC)", "High",
     "55%", "58%", "60%"],
    ["CS 3 (SYNTHETIC)", "Re-referrals to children's social care within 12 months (SYNTHETIC)",
     "Low", "22%", "19%", "21%"],
]  # fmt: skip


def _team(folder: Path) -> Path:
    """Adults (the example's 2023/24 figures), Children's (SYNTHETIC) and a corporate
    compendium naming both, side by side in one folder; returns the compendium."""
    from tests.conftest import appendix_workbook

    adults = fresh_example(folder / "adults")
    perfcli("import", EXAMPLE / "data" / "appendix-a-2023-24.xlsx", "-w", adults)
    perfcli("init", folder / "childrens", "--council", "Leicestershire County Council",
            "--department", "Children and Family Services")  # fmt: skip
    book = appendix_workbook(folder / "childrens" / "childrens-2023-24-SYNTHETIC.xlsx", CHILDRENS)
    perfcli("import", book, "-w", folder / "childrens")
    corporate = folder / "corporate"
    shutil.copytree(ROOT / "examples" / "compendium", corporate,
                    ignore=shutil.ignore_patterns("perfcli.db*", "reports"))  # fmt: skip
    config = corporate / "perfcli.toml"
    config.write_text(config.read_text().replace(
        'kind = "compendium"\n', 'kind = "compendium"\nworkspaces = ["../adults", "../childrens"]\n'))  # fmt: skip
    perfcli("import", *sorted((corporate / "data").glob("*.xlsx")), "-w", corporate)
    return corporate


def test_the_compendium_carries_the_measures_of_the_workspaces_it_names(
    tmp_path: Path, engine: str
) -> None:
    corporate = _team(tmp_path)
    report = tmp_path / "compendium.docx"
    drafted = perfcli("draft-report", "--committee", "corporate", "--period", "2023-24",
                      "--output", report, "-w", corporate).stdout  # fmt: skip
    # The compendium's own Adult social care theme and the adults workspace share descriptions;
    # each row's Direction of Travel is one of theirs, so the proof-reader finds nothing.
    assert "proof-read: nothing a clerk would send back" in drafted, drafted
    text = "\n".join(docx_text(report))
    assert "Adults and Communities (from the adults workspace)" in text
    assert "Children and Family Services (from the childrens workspace)" in text
    assert "Care leavers in education, employment or training (SYNTHETIC)" in text
    assert "58%" in text  # Children's 2023/24 figure
    adults = json.loads(perfcli("rate", "--period", "2023-24", "-w", tmp_path / "adults",
                                "-f", "json").stdout)  # fmt: skip
    first = adults["measures"][0]
    assert first["description"] in text
    # The compendium's own themes are still there, and nothing was written to the others.
    assert "Transport" in text
    if engine == "sqlite":
        assert not (tmp_path / "childrens" / "reports").exists()


@pytest.mark.parametrize("named", ["../../elsewhere", "/tmp", ".", "../nosuch"])
def test_a_compendium_names_only_workspaces_beside_it(tmp_path: Path, named: str) -> None:
    corporate = tmp_path / "team" / "corporate"
    shutil.copytree(ROOT / "examples" / "compendium", corporate,
                    ignore=shutil.ignore_patterns("perfcli.db*", "reports"))  # fmt: skip
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "perfcli.toml").write_text("")
    config = corporate / "perfcli.toml"
    config.write_text(config.read_text().replace(
        'kind = "compendium"\n', f'kind = "compendium"\nworkspaces = ["{named}"]\n'))  # fmt: skip
    perfcli("import", *sorted((corporate / "data").glob("*.xlsx")), "-w", corporate)
    run = perfcli("draft-report", "--committee", "corporate", "-w", corporate, exit=2)
    line = error_line(run)
    assert "[committees.corporate] workspaces" in line and named in line
    assert not (corporate / "reports").exists()


def test_an_import_whose_server_connection_is_lost_says_nothing_was_written(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial stopped the server under a paused import: `the connection is closed`, no more.
    The server ends the import's session here (as a stopping server does): one line saying the
    connection was lost, that nothing was written and to run it again; exit 1; nothing kept."""
    import psycopg

    monkeypatch.setenv("PERFCLI_STORE", postgres_url)
    ws = fresh_example(tmp_path / "lost")
    perfcli("import", DATA[0], "-w", ws)
    before = _counts(postgres_url, ws.name)
    importer = _paused_import(ws, tmp_path / "written", *DATA[1:])
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        ended = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
            " AND datname = current_database() AND backend_type = 'client backend'"
        ).fetchall()
    assert ended and all(row[0] for row in ended)
    (tmp_path / "written.go").touch()
    _, err = importer.communicate(timeout=120)
    assert importer.returncode == 1, err
    [line] = err.strip().splitlines()
    assert (
        line.startswith("Error: ")
        and "schema 'lost': the connection to the server was lost (" in line
    )
    assert line.endswith(
        "(nothing of it was written; run the command again once the server is back)"
    )
    assert _counts(postgres_url, ws.name) == before


def test_a_colleagues_folder_on_the_shared_store_knows_the_returns_were_made(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial: on one schema, Alice made and imported Q1's returns from her folder; in Bob's,
    `returns status` said "no returns made yet", `returns make` made a second set, and his
    draft-report --final went out with no word of heritage's return still awaited."""
    from tests.cli.test_example import import_all
    from tests.cli.test_returns import CARE, fill

    monkeypatch.setenv("PERFCLI_STORE", postgres_url)
    alice = fresh_example(tmp_path / "alice" / "leicestershire")
    bob = fresh_example(tmp_path / "bob" / "leicestershire")
    import_all(alice)
    perfcli("returns", "make", "-p", "2025-26-Q1", "--due", "2025-07-15", "-w", alice)
    returns = alice / "returns" / "2025-26-Q1"
    fill(returns / "care.xlsx", CARE)
    perfcli("import", returns / "care.xlsx", "-w", alice)

    status = perfcli("returns", "status", "-w", bob, exit=2)
    assert error_line(status) == (
        f"Error: the returns for 2025/26 Q1 were made in another folder: the store holds care's,"
        f" imported from {returns}; make, chase and import a period's returns from the one"
        " workspace folder they were made in (a team shares that folder)"
    )
    perfcli("returns", "make", "-p", "2025-26-Q1", "-w", bob, exit=2)
    assert not (bob / "returns").exists()
    draft = ("draft-report", "-c", "adults", "-p", "2025-26-Q1", "-f", "json")
    mine = json.loads(perfcli(*draft, "-w", alice).stdout)["not_final"]
    theirs = json.loads(perfcli(*draft, "-w", bob).stdout)["not_final"]
    assert "heritage-visits: no return imported yet (owner heritage)" in theirs
    assert set(theirs) <= set(mine) and len(theirs) >= 5
    # --force makes a set in this folder all the same, as the refusal says.
    forced = perfcli("returns", "make", "-p", "2025-26-Q1", "--due", "2025-07-15", "--force",
                     "-w", bob)  # fmt: skip
    assert "Made 3 returns for 2025/26 Q1" in forced.stdout
    assert (bob / "returns" / "2025-26-Q1" / "care.xlsx").is_file()
