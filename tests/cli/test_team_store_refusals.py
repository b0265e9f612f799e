"""The team store answers a bad URL, a role the server refuses and a mistyped workspace in one
line, and creates nothing a typo names (a fresh-eyes trial of the PostgreSQL store found
tracebacks and an empty schema per typo). PostgreSQL is a real throwaway server
(tests/postgres.py), as in test_engines.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from perfcli.store.dialect import Connection
from tests.cli.test_engines import DATA, NATIONAL, fresh_example
from tests.conftest import ROOT, error_line, perfcli

NO_WORKSPACE_STORE = {"PERFCLI_STORE": ""}


def _schemas(url: str) -> set[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg_%'")
        return {row[0] for row in rows} - {"information_schema", "public"}


def _database(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _as_reader(url: str) -> str:
    """The URL as perf_readers, a role that may connect and nothing more (as the README's)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DO $$ BEGIN CREATE ROLE perf_readers LOGIN;"
                     " EXCEPTION WHEN duplicate_object THEN NULL; END $$")  # fmt: skip
    return url.replace("postgresql://postgres@", "postgresql://perf_readers@")


# A port that is not one: refused where the URL is checked, before connecting ----------------


@pytest.mark.parametrize("port", ["notaport", "99999", "0", "5432x"])
def test_a_bad_port_in_perfcli_store_is_one_line(workspace: Path, port: str) -> None:
    url = f"postgresql://perf_team@localhost:{port}/perfcli"
    run = perfcli("measures", "-w", workspace, exit=2, env={"PERFCLI_STORE": url})
    assert error_line(run) == (
        f"Error: PERFCLI_STORE: port {port!r} is not a number from 1 to 65535"
    )


def test_a_bad_port_in_store_copy_to_is_one_line(example: Path) -> None:
    perfcli("import", DATA[0], "-w", example, env=NO_WORKSPACE_STORE)
    url = "postgresql://perf_team@localhost:5432x/perfcli"
    run = perfcli("store", "copy", "--to", url, "-w", example, exit=2, env=NO_WORKSPACE_STORE)
    assert error_line(run) == "Error: --to: port '5432x' is not a number from 1 to 65535"


@pytest.mark.parametrize("schema", ["Adults", " adults", "back-up"])
def test_a_schema_no_workspace_could_name_is_refused_before_copying(
    example: Path, schema: str
) -> None:
    # A third trial: `--schema Adults` found `adults` and failed in SQL, or made a schema that
    # perfcli.toml's [store] schema refuses to name.
    perfcli("import", DATA[0], "-w", example, env=NO_WORKSPACE_STORE)
    url = "postgresql://perf_team@localhost/perfcli"
    run = perfcli("store", "copy", "--to", url, "--schema", schema, "-w", example, exit=2,
                  env=NO_WORKSPACE_STORE)  # fmt: skip
    assert error_line(run) == (
        f"Error: --schema: {schema!r} is not a plain schema name (lower-case letters, digits and _)"
    )


def test_a_bad_port_in_perfcli_toml_is_one_line_naming_the_key(workspace: Path) -> None:
    config = workspace / "perfcli.toml"
    second_host = 'url = "postgresql://perf_team@db1:5432,db2:99999/perfcli"\n'
    config.write_text(config.read_text() + "\n[store]\n" + second_host)
    run = perfcli("measures", "-w", workspace, exit=2, env=NO_WORKSPACE_STORE)
    line = error_line(run)
    assert line.startswith("Error: ") and "store.url" in line
    assert line.endswith("port '99999' is not a number from 1 to 65535")


# A role the server refuses: what it may not do, and what to ask for -------------------------


def test_a_role_without_create_copying_a_store_is_told_what_to_ask_for(
    example: Path, postgres_url: str
) -> None:
    perfcli("import", DATA[0], "-w", example, env=NO_WORKSPACE_STORE)
    reader = _as_reader(postgres_url)
    run = perfcli("store", "copy", "--to", reader, "--schema", "rtest", "-w", example, exit=1,
                  env=NO_WORKSPACE_STORE)  # fmt: skip
    database = _database(postgres_url)
    assert error_line(run) == (
        f"Error: PostgreSQL database {database!r} on the local socket, schema 'rtest': the role"
        f" 'perf_readers' may not create the schema (permission denied for database {database});"
        f" ask the database's owner to grant it (GRANT CREATE ON DATABASE {database} TO"
        " perf_readers), or run this as a role that may"
    )
    assert _schemas(postgres_url) == set()


def test_a_role_that_may_only_connect_is_told_what_to_ask_for(
    tmp_path: Path, postgres_url: str
) -> None:
    adults = fresh_example(tmp_path / "adults")
    perfcli("import", DATA[0], "-w", adults, env={"PERFCLI_STORE": postgres_url})
    reader = _as_reader(postgres_url)
    name = f"PostgreSQL database {_database(postgres_url)!r} on the local socket, schema 'adults'"
    run = perfcli("measures", "-w", adults, exit=1, env={"PERFCLI_STORE": reader})
    assert error_line(run) == (
        f"Error: {name}: the role 'perf_readers' may not read the schema (permission denied for"
        " schema adults); ask the database's owner to grant it (GRANT USAGE ON SCHEMA adults TO"
        " perf_readers, and SELECT on its tables), or run this as a role that may"
    )
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("GRANT USAGE ON SCHEMA adults TO perf_readers")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA adults TO perf_readers")
    listed = perfcli("measures", "-w", adults, "-f", "json", env={"PERFCLI_STORE": reader})
    assert len(json.loads(listed.stdout)["measures"]) == 30
    run = perfcli("import", DATA[1], "-w", adults, exit=1, env={"PERFCLI_STORE": reader})
    assert error_line(run) == (
        f"Error: {name}: the role 'perf_readers' may not write to the schema (permission denied"
        " for table imports); ask the database's owner to grant it (GRANT INSERT, UPDATE,"
        " DELETE ON ALL TABLES IN SCHEMA adults TO perf_readers), or run this as a role that may"
    )


def test_a_database_that_takes_no_writes_is_one_line(tmp_path: Path, postgres_url: str) -> None:
    adults = fresh_example(tmp_path / "adults")
    env = {"PERFCLI_STORE": postgres_url}
    perfcli("import", DATA[0], "-w", adults, env=env)
    before = perfcli("rate", "-w", adults, "-f", "json", env=env).stdout
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        database = _database(postgres_url)
        conn.execute(f"ALTER DATABASE {database} SET default_transaction_read_only = on")
    run = perfcli("import", DATA[1], "-w", adults, exit=1, env=env)
    assert error_line(run) == (
        f"Error: PostgreSQL database {database!r} on the local socket, schema 'adults': the server"
        " lets the role 'postgres' only read here (cannot execute INSERT in a read-only"
        " transaction); import as a role that may write, on the primary server (not a standby)"
    )
    assert perfcli("rate", "-w", adults, "-f", "json", env=env).stdout == before


# A typo in -w: nothing imported yet, and no schema made --------------------------------------

READING = [
    ("history", "Junior loans"),
    ("measures",),
    ("rate",),
    ("diff", "2021-22-apr-nov", "2023-24", "--allow-unlike"),
    ("benchmark",),
    ("draft-report", "--committee", "adults", "--period", "2023-24"),
]


def test_a_command_that_only_reads_makes_no_schema(tmp_path: Path, postgres_url: str) -> None:
    env = {"PERFCLI_STORE": postgres_url}
    adults = fresh_example(tmp_path / "adults")
    perfcli("import", DATA[0], "-w", adults, env=env)
    typo = fresh_example(tmp_path / "back")  # a workspace folder nothing was imported into
    for command in READING:
        run = perfcli(*command, "-w", typo, exit=2, env=env)
        assert error_line(run) == (
            f"Error: {typo}: nothing imported yet into the team store's schema 'back'"
            " (PERFCLI_STORE); check -w names the workspace you meant, or run 'perfcli import"
            " FILE' (which makes the schema)"
        ), command
    # A read-only officer on a workspace not made yet is told the same, not refused a CREATE.
    run = perfcli("measures", "-w", typo, exit=2, env={"PERFCLI_STORE": _as_reader(postgres_url)})
    assert "nothing imported yet into the team store's schema 'back'" in error_line(run)
    assert _schemas(postgres_url) == {"adults"}
    perfcli("import", DATA[0], "-w", typo, env=env)  # writing figures makes it
    assert _schemas(postgres_url) == {"adults", "back"}


def test_the_store_named_in_perfcli_toml_is_named_so(tmp_path: Path, postgres_url: str) -> None:
    typo = fresh_example(tmp_path / "back")
    config = typo / "perfcli.toml"
    config.write_text(config.read_text() + f'\n[store]\nurl = "{postgres_url}"\n')
    run = perfcli("rate", "-w", typo, exit=2, env=NO_WORKSPACE_STORE)
    assert "schema 'back' (perfcli.toml: store.url); check -w" in error_line(run)
    assert _schemas(postgres_url) == set()


def test_a_compendium_naming_a_workspace_with_no_schema_makes_none(
    tmp_path: Path, postgres_url: str
) -> None:
    env = {"PERFCLI_STORE": postgres_url}
    perfcli("init", tmp_path / "childrens", "--council", "Leicestershire County Council")
    corporate = tmp_path / "corporate"
    shutil.copytree(ROOT / "examples" / "compendium", corporate,
                    ignore=shutil.ignore_patterns("perfcli.db*", "reports"))  # fmt: skip
    config = corporate / "perfcli.toml"
    config.write_text(config.read_text().replace(
        'kind = "compendium"\n', 'kind = "compendium"\nworkspaces = ["../childrens"]\n'))  # fmt: skip
    perfcli("import", *sorted((corporate / "data").glob("*.xlsx")), "-w", corporate, env=env)
    run = perfcli("draft-report", "--committee", "corporate", "--period", "2023-24",
                  "-w", corporate, exit=2, env=env)  # fmt: skip
    childrens = tmp_path / "childrens"
    assert error_line(run) == (
        f"Error: {childrens}: nothing imported yet, so the compendium has none of its measures"
        f" (run 'perfcli import FILE -w {childrens}')"
    )
    assert _schemas(postgres_url) == {"corporate"}


# Slips: the lock message's brackets, libpq's full stops, a copy onto itself ---------------


def test_a_write_that_waited_its_whole_wait_on_postgresql_is_one_bracket(
    tmp_path: Path, postgres_url: str
) -> None:
    ws = fresh_example(tmp_path / "held")
    perfcli("import", DATA[0], "-w", ws, env={"PERFCLI_STORE": postgres_url})
    holder = Connection(postgres_url, "held", 30)
    holder.begin(write=True)  # another officer's import, half-way through
    try:
        run = perfcli("import", DATA[1], "-w", ws, exit=3,
                      env={"PERFCLI_STORE": postgres_url, "PERFCLI_LOCK_WAIT": "0.2"})  # fmt: skip
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert error_line(run) == (
        f"Error: PostgreSQL database {_database(postgres_url)!r} on the local socket, schema"
        " 'held': another perfcli command is writing to this workspace and did not finish within"
        " 0.2 s (let it finish and run this again; PERFCLI_LOCK_WAIT sets the wait in seconds)"
    )


def test_libpq_keeps_its_full_stops(workspace: Path, postgres_cluster: object) -> None:
    url = "postgresql://perf_team@127.0.0.1:1/perfcli"
    line = error_line(perfcli("rate", "-w", workspace, exit=1, env={"PERFCLI_STORE": url}))
    assert "port 1 failed: Connection refused. Is the server running on that host" in line


def test_a_store_copied_onto_its_own_schema_is_refused(tmp_path: Path, postgres_url: str) -> None:
    ws = fresh_example(tmp_path / "adults")
    env = {"PERFCLI_STORE": postgres_url}
    perfcli("import", DATA[0], "-w", ws, env=env)
    rated = perfcli("rate", "-w", ws, "-f", "json", env=env).stdout
    # The same schema however the URL is spelt.
    spelt = postgres_url.replace("postgresql://", "postgres://") + "&application_name=copy"
    for url in (postgres_url, spelt):
        run = perfcli("store", "copy", "--to", url, "--force", "-w", ws, exit=2, env=env)
        assert error_line(run) == (
            f"Error: PostgreSQL database {_database(postgres_url)!r} on the local socket, schema"
            " 'adults' is the workspace's own store; name another schema (--schema) or database"
        )
    assert perfcli("rate", "-w", ws, "-f", "json", env=env).stdout == rated
    copied = perfcli("store", "copy", "--to", postgres_url, "--schema", "adults_copy", "-w", ws,
                     env=env)  # fmt: skip
    assert "every table holds the same rows" in copied.stdout


# SQLite: a command that only reads leaves no -wal or -shm file behind -----------------------


def test_reading_leaves_no_wal_files_in_the_workspace(example: Path) -> None:
    perfcli("import", *DATA, "-w", example, env=NO_WORKSPACE_STORE)
    perfcli("import-national", NATIONAL, "--period", "2023-24", "-w", example,
            env=NO_WORKSPACE_STORE)  # fmt: skip
    for command in (*READING, ("validate",), ("rate", DATA[0])):
        perfcli(*command, "-w", example, env=NO_WORKSPACE_STORE)
        left = sorted(p.name for p in example.glob("perfcli.db*"))
        assert left == ["perfcli.db"], command
