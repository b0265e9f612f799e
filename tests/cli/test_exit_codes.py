"""The exit-code rule, case by case: 1 when the data is wrong, 2 when the command is, 3 when busy.

The README's "Exit codes and errors" states the rule; each row here is a mistake a user makes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import appendix_workbook, error_line, perfcli

# Seed 000 (Leicestershire, Adults and Communities, 2023/24): ASCOF 2A as printed.
GOOD = ["ASCOF 2A", "% of people who had no need for ongoing services following reablement",
        "High", "77.5% 22/23 Nat. Ave", "89.6%", "87.8%"]  # fmt: skip
# The same row with the comparator's year mistyped, as the README's example error shows.
BAD = [*GOOD[:3], "77.5% Local target 2023/34", *GOOD[4:]]


@pytest.fixture
def files(tmp_path: Path, workspace: Path) -> dict[str, Path]:
    (tmp_path / "not-a-workbook.xlsx").write_text("just text")
    return {
        "ws": workspace,
        "good": appendix_workbook(tmp_path / "good.xlsx", [GOOD]),
        "bad": appendix_workbook(tmp_path / "bad.xlsx", [BAD]),
        "missing": tmp_path / "missing.xlsx",
        "text": tmp_path / "not-a-workbook.xlsx",
        "nowhere": tmp_path / "no-workspace-here",
    }


CASES = [
    # 2: the command is wrong, or cannot go ahead as typed; the data is not at fault.
    (2, ["frobnicate"], "No such command"),
    (2, ["rate", "--colour"], "No such option"),
    (2, ["rate", "--format", "xml"], "'xml' is not offered"),
    (2, ["rate", "{good}", "--period", "2023/34"], "--period '2023/34' is not a period"),
    (2, ["rate", "{good}", "--period", "2026-27"], "2026-27"),
    # Its previous column only: every row would be "not rated", as a workspace refuses it.
    (2, ["rate", "{good}", "--period", "2022-23"], "2022/23 is not one of its report periods"),
    (2, ["diff", "2023-24", "2023/34", "-w", "{ws}"], "TO '2023/34' is not a period"),
    (2, ["rate", "-w", "{ws}"], "nothing imported yet"),
    (2, ["rate", "-w", "{nowhere}"], "no-workspace-here"),
    (2, ["rate", "-w", "{good}"], "Invalid value for '--workspace' / '-w': dir"),
    (2, ["init", "{ws}"], "already exists"),
    (2, ["draft-report", "--committee", "nosuch", "-w", "{ws}"], "nothing imported yet"),
    (2, ["calibrate", "{good}", "--write", "-w", "{nowhere}"], "no-workspace-here"),
    (2, ["returns", "make", "-w", "{ws}"], "Missing option '--period'"),
    (2, ["returns", "status", "-w", "{ws}"], "no returns made yet"),
    (2, ["benchmark", "--themes", "-w", "{ws}"], "nothing imported yet"),
    (2, ["rate", ""], "an empty path"),
    (2, ["import", "", "-w", "{ws}"], "an empty path"),
    (2, ["rate", "-w", ""], "an empty path"),
    # 1: something in the input is wrong: a file, sheet, cell, figure, measure or period.
    (1, ["rate", "{missing}"], "missing.xlsx: no such file"),
    (1, ["rate", "{text}"], "not-a-workbook.xlsx"),
    (1, ["validate", "{bad}"], None),
    (1, ["import", "{bad}", "-w", "{ws}"], "bad.xlsx"),
    # 0: done.
    (0, ["validate", "{good}"], None),
    (0, ["rate", "{good}", "--format", "json"], None),
]


@pytest.mark.parametrize(("code", "args", "says"), CASES, ids=[" ".join(c[1]) for c in CASES])
def test_each_mistake_exits_with_the_code_of_its_kind(files, code, args, says):
    run = perfcli(*(a.format(**files) for a in args), exit=code)
    if says is None:
        return
    line = (
        run.stderr.strip().splitlines()[-1]
        if code == 2 and "Usage:" in run.stderr
        else error_line(run)
    )
    assert says in line, line


# The process itself: main() ends it without freeing the command's records one by one, and
# must still end it as Python would.
AT_EXIT = """
import atexit, pathlib, sys
marker = pathlib.Path(sys.argv[1])
atexit.register(lambda: marker.write_text("ran"))
from perfcli.cli import main
sys.argv = ["perfcli", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["rate", "{good}", "--format", "json"], 0),
        (["rate", "{missing}"], 1),
        (["rate", "--colour"], 2),
    ],
)
def test_the_process_ends_with_the_command_s_code_its_output_whole_and_exit_handlers_run(
    files, tmp_path, args, code
):
    marker = tmp_path / "atexit.txt"
    done = subprocess.run(
        [sys.executable, "-c", AT_EXIT, str(marker), *(a.format(**files) for a in args)],
        capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, check=False,
    )  # fmt: skip
    assert done.returncode == code, done.stderr
    assert marker.read_text() == "ran"
    if code == 0:
        rated = json.loads(done.stdout)  # written whole: flushed before the process ended
        assert [m["id"] for m in rated["measures"]] == ["ascof-2a"]
        assert rated["measures"][0]["value"] == 89.6
    else:
        assert done.stdout == "" and done.stderr.strip()


def test_a_store_written_by_a_process_is_whole_in_its_file_when_the_process_ends(files, tmp_path):
    """The process ends without Python's clean-up, so each command closes its store itself:
    nothing is left in a write-ahead log beside it, which a copy of perfcli.db would lack."""
    marker = tmp_path / "atexit.txt"
    args = [str(marker), "import", str(files["good"]), "-w", str(files["ws"])]
    done = subprocess.run([sys.executable, "-c", AT_EXIT, *args], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"}, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in files["ws"].glob("perfcli.db*")) == ["perfcli.db"]
    with closing(sqlite3.connect(files["ws"] / "perfcli.db")) as db:
        assert db.execute("SELECT value FROM observations").fetchall() == [(89.6,), (87.8,)]


def test_a_command_that_fails_ends_as_python_ends_closing_its_store(files, tmp_path):
    """Only a command that succeeded skips Python's clean-up: one stopped or refused (here by
    an import's checks) leaves nothing open beside the store."""
    marker = tmp_path / "atexit.txt"
    args = [str(marker), "import", str(files["bad"]), "-w", str(files["ws"])]
    done = subprocess.run([sys.executable, "-c", AT_EXIT, *args], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"}, check=False)  # fmt: skip
    assert done.returncode == 1 and "bad.xlsx" in done.stderr
    assert marker.read_text() == "ran"
    assert [p.name for p in files["ws"].glob("perfcli.db-*")] == []


def test_output_that_cannot_be_flushed_at_the_end_is_a_reader_that_stopped():
    """The last flush of a command that succeeded, to a pipe nobody reads: as any write to it,
    nothing said and 141 (Python's own end had said an exception was ignored, and 120)."""
    script = "import sys; from perfcli.cli import _end; sys.stdout.write('x' * 10); _end()"
    read, write = os.pipe()
    os.close(read)  # nobody reads: the flush at the end fails with a broken pipe
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", script], stdout=write, stderr=subprocess.PIPE,
                          env=buffered, check=False)  # fmt: skip
    os.close(write)
    assert (done.returncode, done.stderr) == (141, b"")


def test_ctrl_c_is_the_loading_handler_s_until_the_command_runs_and_a_script_s_own_is_kept():
    """A Ctrl-C while typer builds the command ends the process quietly (it had printed a
    traceback of typer's set-up); once the command runs it is Python's KeyboardInterrupt."""
    import signal

    from perfcli import cli
    from perfcli.command_line import _ctrl_c_to_python

    kept = signal.getsignal(signal.SIGINT)
    try:
        signal.signal(signal.SIGINT, cli._interrupted_loading)
        _ctrl_c_to_python()
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler

        def own(signum: int, frame: object) -> None: ...

        signal.signal(signal.SIGINT, own)
        _ctrl_c_to_python()
        assert signal.getsignal(signal.SIGINT) is own
    finally:
        signal.signal(signal.SIGINT, kept)


def test_returns_import_says_how_returns_are_imported():
    # A trial typed `perfcli returns import x` and was told only "No such command 'import'".
    run = perfcli("returns", "import", "care.xlsx", exit=2)
    assert run.stderr.splitlines()[-1] == (
        "Error: No such command 'import'. Returns are imported as any workbook is: perfcli import"
        " returns/PERIOD/*.xlsx"
    )
