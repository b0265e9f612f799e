"""Meta tests: every command has help, appears in the README, and short flags are not reused."""

import subprocess
import sys

import pytest
import typer.main

from perfcli.cli import app
from tests.conftest import ROOT, perfcli

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command):
    text = perfcli(command, "--help").stdout
    assert "Usage:" in text
    assert f"perfcli {command}" in (ROOT / "README.md").read_text()


def test_no_short_flag_is_used_twice_in_a_command():
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        shorts = [
            o
            for p in command.params
            for o in p.opts
            if o.startswith("-") and not o.startswith("--")
        ]
        assert len(shorts) == len(set(shorts)), name


def test_help_does_not_import_heavy_libraries():
    code = "import sys; from perfcli.cli import app; print(sorted(m for m in ('openpyxl','docx','pydantic') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_version():
    assert perfcli("--version").stdout.startswith("perfcli 0.")


def test_debug_shows_the_traceback_that_is_otherwise_one_line(tmp_path):
    missing = tmp_path / "nope.xlsx"
    plain = subprocess.run([sys.executable, "-m", "perfcli", "rate", str(missing)],
                           capture_output=True, text=True, cwd=tmp_path)  # fmt: skip
    assert (plain.returncode, plain.stderr) == (1, "Error: nope.xlsx: no such file\n")
    debug = subprocess.run([sys.executable, "-m", "perfcli", "--debug", "rate", str(missing)],
                           capture_output=True, text=True, cwd=tmp_path)  # fmt: skip
    assert debug.returncode == 1
    assert debug.stderr.startswith("Traceback (most recent call last):")
    assert debug.stderr.rstrip().endswith("InputError: nope.xlsx: no such file")
