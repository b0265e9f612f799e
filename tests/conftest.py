"""Shared fixtures: run perfcli in-process, and build real workbooks in tmp_path."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

# The suite runs with $HOME an empty folder of its own, so nothing it (or perfcli, or LibreOffice,
# or matplotlib under it) does can reach the user's home; `home_is_left_as_it_was` checks that
# the folder is still empty at the end. matplotlib's cache has a folder of its own, as it would
# need in any read-only home.
_SCRATCH = Path(tempfile.mkdtemp(prefix="perfcli-tests-"))
HOME = _SCRATCH / "home"
HOME.mkdir()
(_SCRATCH / "matplotlib").mkdir()
os.environ["HOME"] = str(HOME)
os.environ["MPLCONFIGDIR"] = str(_SCRATCH / "matplotlib")
for _name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
    os.environ.pop(_name, None)

from perfcli.cli import app  # noqa: E402  (after $HOME is set, for anything it imports)

# typer's CliRunner builds the click command from the app on every invoke, reading every
# option's annotations: about 0.2 s, half of a small command's run in these tests. The app does
# not change while the tests run, so each app's command is built once and reused; every run
# still parses its own arguments in a fresh click context, as `perfcli` in a shell does.
_BUILT: dict[int, tuple[typer.Typer, object]] = {}


def _command_once(typer_app: typer.Typer) -> object:
    if id(typer_app) not in _BUILT:
        _BUILT[id(typer_app)] = (typer_app, typer.main.get_command(typer_app))
    return _BUILT[id(typer_app)][1]


assert callable(typer.testing._get_command), "typer's CliRunner no longer builds its command here"
typer.testing._get_command = _command_once

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "leicestershire"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def perfcli(*args: str, exit: int = 0, env: dict[str, str] | None = None) -> Run:
    """Run perfcli as a user would; fail on any exit code but the expected one."""
    runner = CliRunner()
    result = runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", **(env or {})})
    run = Run(result.exit_code, result.stdout, result.stderr)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert run.exit_code == exit, f"exit {run.exit_code}, wanted {exit}\n{run.stdout}\n{run.stderr}"
    assert "Traceback" not in run.stdout + run.stderr
    return run


def unwrapped(text: str) -> str:
    """What printed text says, wherever it was wrapped at the width: its words, one space apart."""
    return " ".join(text.split())


def last_error(text: str) -> str:
    """The error printed text ends with, its lines (wrapped at the width) joined again; '' if
    it ends with none."""
    lines = text.strip().splitlines()
    starts = [n for n, line in enumerate(lines) if line.startswith("Error: ")]
    return " ".join(line.strip() for line in lines[starts[-1] :]) if starts else ""


def error_line(run: Run) -> str:
    """The one line a failed command prints (to a pipe an error is never wrapped)."""
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert lines[0] == lines[0].rstrip(), run.stderr
    return lines[0]


@pytest.fixture(scope="session", autouse=True)
def home_is_left_as_it_was() -> Iterator[None]:
    """Fail the run if anything was written to $HOME (LibreOffice's profile, matplotlib's cache)."""
    yield
    written = sorted(str(p.relative_to(HOME)) for p in HOME.rglob("*"))
    shutil.rmtree(_SCRATCH, ignore_errors=True)
    assert written == [], f"the tests wrote to $HOME: {written[:10]}"


@pytest.fixture(params=["fast", "openpyxl"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with each .xlsx reader: python-calamine's (the default), and openpyxl's."""
    monkeypatch.setenv("PERFCLI_READER", request.param)
    return str(request.param)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    perfcli("init", tmp_path / "ws", "--council", "Testshire County Council")
    return tmp_path / "ws"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A fresh copy of the bundled example workspace, with nothing imported."""
    target = tmp_path / "leicestershire"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    return target


HEADER = [
    "Measure",
    "Description",
    "Aim",
    "Comparator",
    "2023/24 Performance",
    "2022/23 Performance",
]
# The same dashboard a year earlier.
HEADER_2022_23 = [*HEADER[:4], "2022/23 Performance", "2021/22 Performance"]


def appendix_workbook(
    path: Path,
    rows: list[list[object]],
    *,
    header: list[str] | None = None,
    title_rows: int = 3,
    formats: dict[str, str] | None = None,
    sheet: str = "Appendix A",
) -> Path:
    """An Appendix A workbook: title rows (one merged), a header row, then `rows`."""
    from openpyxl import Workbook

    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    header = header or HEADER
    if title_rows:
        # The title names the year the table's first performance column does, as a report's does.
        performance = [str(h) for h in header if str(h).endswith(" Performance")]
        year = performance[0].removesuffix(" Performance") if performance else "2023/24"
        ws.append([f"Adults and Communities Performance {year}"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        for _ in range(title_rows - 1):
            ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    for ref, number_format in (formats or {}).items():
        ws[ref].number_format = number_format
    workbook.save(path)
    return path


from tests.postgres import on, postgres_cluster, postgres_url  # noqa: E402, F401


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with the store in each engine: the workspace's SQLite file, and a fresh
    PostgreSQL database ($PERFCLI_STORE) on the session's throwaway server."""
    if request.param == "postgresql":
        monkeypatch.setenv("PERFCLI_STORE", request.getfixturevalue("postgres_url"))
    else:
        monkeypatch.delenv("PERFCLI_STORE", raising=False)
    return str(request.param)
