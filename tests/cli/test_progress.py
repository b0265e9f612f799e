"""Progress on slow work: a spinner on a terminal; nothing in piped output or JSON."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from rich.console import Console

from perfcli.present.console import Env, OutputFormat
from perfcli.present.progress import working
from tests.cli.test_example import import_all
from tests.conftest import perfcli


def env(*, terminal: bool) -> tuple[Env, io.StringIO]:
    err = io.StringIO()
    out = Console(file=io.StringIO(), force_terminal=terminal)
    return Env(out, Console(file=err, force_terminal=terminal, width=80)), err


def test_a_terminal_sees_what_is_being_done():
    terminal, err = env(terminal=True)
    with working(terminal, "Importing 1 national file"):
        pass
    assert "Importing 1 national file" in err.getvalue()


@pytest.mark.parametrize("output", [OutputFormat.JSON, OutputFormat.CSV])
def test_programs_never_see_it(output):
    terminal, err = env(terminal=True)
    with working(terminal, "Reading dashboard.xlsx", output):
        pass
    assert err.getvalue() == ""


def test_piped_output_never_sees_it():
    piped, err = env(terminal=False)
    with working(piped, "Reading dashboard.xlsx"):
        pass
    assert err.getvalue() == ""


def test_through_the_cli_piped_output_has_no_spinner(example):
    import_all(example)
    run = perfcli("draft-report", "-c", "adults", "-p", "2023-24", "-w", example)
    assert "Drafting" not in run.stdout + run.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_in_a_real_terminal_drafting_shows_progress_that_then_goes(example):
    import_all(example)
    leader, follower = os.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "perfcli", "draft-report", "-c", "adults", "-p", "2023-24",
         "-w", str(example)],
        stdin=follower, stdout=follower, stderr=follower, timeout=120,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "100"},
    )  # fmt: skip
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert done.returncode == 0
    text = seen.decode("utf-8", "replace")
    assert "Drafting the report" in text  # shown while it worked
    assert "✔ Drafted the report for 2023/24" in text  # and the result stays
