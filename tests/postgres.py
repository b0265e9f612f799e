"""A throwaway PostgreSQL cluster for the tests: `initdb` into a temporary folder, listening on
a Unix socket in that folder only, stopped when the session ends.

As root, initdb refuses to run, so the server runs as the `postgres` user (setpriv). When no
server can be started the tests that need one are skipped, saying why; with
PERFCLI_REQUIRE_POSTGRES=1 (CI sets it in .ci/run) they fail instead.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from perfcli.store.database import Store
from perfcli.workspace import schema_for

REQUIRE = "PERFCLI_REQUIRE_POSTGRES"


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


class Cluster:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="perfcli-pg-"))
        self.data = self.folder / "data"
        self.socket = self.folder
        self.bin = _binaries()
        self.prefix: list[str] = []
        self.count = 0

    def start(self) -> None:
        if self.bin is None:
            raise RuntimeError("no PostgreSQL binaries (apt-get install postgresql)")
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
            self.prefix = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}",
                           "--init-groups"]  # fmt: skip
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        options = f"-c listen_addresses='' -k {self.socket} -c fsync=off -c max_connections=60"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.folder / "log"), "-w", "start")  # fmt: skip

    def _run(self, *args: str) -> None:
        done = subprocess.run([*self.prefix, *args], capture_output=True, text=True, cwd="/")
        if done.returncode:
            raise RuntimeError(
                f"{Path(args[0]).name} failed: {(done.stderr or done.stdout)[-300:]}"
            )

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run([*self.prefix, str(self.bin / "pg_ctl"), "-D", str(self.data),
                            "-m", "immediate", "stop"], capture_output=True, cwd="/")  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.socket}"

    def new_database(self) -> str:
        """A fresh database of its own, as a team would make for perfcli."""
        import psycopg

        self.count += 1
        name = f"perfcli_{self.count}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    cluster = Cluster()
    try:
        cluster.start()
    except (RuntimeError, OSError, KeyError) as error:
        cluster.stop()
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"PostgreSQL tests need a server and none could be started: {error}")
        pytest.skip(f"no PostgreSQL server could be started: {error}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster: Cluster) -> str:
    """A URL to a fresh, empty database on the session's server."""
    return postgres_cluster.new_database()


@dataclass
class Engine:
    """A store at `path`: the SQLite file, or on PostgreSQL a schema named after the file."""

    url: str | None

    def open(self, path: Path, *, read_only: bool = False) -> Store:
        target = (self.url, schema_for(path.stem)) if self.url else None
        return Store(path, read_only=read_only, target=target)

    def rows(self, path: Path, sql: str) -> list[tuple[object, ...]]:
        if self.url is None:
            with sqlite3.connect(path) as db:
                return db.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(self.url) as db:
            db.execute(f"SET search_path TO {schema_for(path.stem)}")
            return db.execute(sql).fetchall()


@pytest.fixture
def on(engine: str, request: pytest.FixtureRequest) -> Engine:
    """The store's engine for a test parametrised over both (`engine` in conftest.py)."""
    url = request.getfixturevalue("postgres_url") if engine == "postgresql" else None
    return Engine(url)
