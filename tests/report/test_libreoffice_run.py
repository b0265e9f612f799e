"""LibreOffice is run to its end or stopped whole: `soffice` is a script that starts
`soffice.bin`, which had outlived a Ctrl-C that stopped only the script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from perfcli.report.document import run_libreoffice


@pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")
def test_a_program_stopped_midway_leaves_no_child_running(tmp_path: Path) -> None:
    # A stand-in for soffice: a script whose child outlives it unless its group is ended.
    script = tmp_path / "soffice"
    child = tmp_path / "child.pid"
    script.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {child}\nwait\n")
    script.chmod(0o755)
    with pytest.raises(subprocess.TimeoutExpired):
        run_libreoffice([str(script)], timeout=1, env=dict(os.environ))
    pid = int(child.read_text())
    state = Path(f"/proc/{pid}/stat")
    # Gone, or a zombie waiting for init: never still sleeping.
    assert not state.exists() or state.read_text().split()[2] == "Z"


def test_a_failing_program_is_a_called_process_error(tmp_path: Path) -> None:
    with pytest.raises(subprocess.CalledProcessError):
        run_libreoffice(
            [sys.executable, "-c", "raise SystemExit(3)"], timeout=30, env=dict(os.environ)
        )
