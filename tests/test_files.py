"""Writing a user's file: to a temporary file beside it, then renamed into place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from perfcli.errors import UsageError
from perfcli.files import write_atomically


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.skipif(sys.platform == "win32", reason="leftovers are kept on Windows")
def test_a_killed_writes_leftover_is_cleared_and_a_running_ones_kept(tmp_path: Path) -> None:
    report = tmp_path / "adults-2023-24.docx"
    dead = tmp_path / f".adults-2023-24-{_dead_pid()}-abc123.docx"
    running = tmp_path / ".adults-2023-24-1-xyz789.docx"  # pid 1 is always running
    other = tmp_path / ".committee-2023-24-999999999-abc.docx"  # another report's
    for leftover in (dead, running, other):
        leftover.write_bytes(b"half")
    write_atomically(report, lambda path: path.write_text("report"))
    assert report.read_text() == "report"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [report.name, running.name, other.name]
    )


def test_an_existing_file_needs_force(tmp_path: Path) -> None:
    report = tmp_path / "report.docx"
    report.write_text("earlier")
    with pytest.raises(UsageError, match="already exists"):
        write_atomically(report, lambda path: path.write_text("later"))
    write_atomically(report, lambda path: path.write_text("later"), force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]
    assert report.read_text() == "later"
