"""`perfcli validate`: find wrong periods and figures before they reach a committee."""

from __future__ import annotations

from pathlib import Path

from perfcli.api import Workspace
from perfcli.domain.periods import Period
from perfcli.errors import ExitStatus
from perfcli.present import tables
from perfcli.present.console import Env, OutputFormat, emit
from perfcli.present.progress import working
from perfcli.results.files import FINDING_FIELDS
from perfcli.words import count


def run(
    env: Env, files: list[Path], *, workspace: Path | None, period: Period | None,
    output: OutputFormat, include_hidden: bool = False,
) -> ExitStatus:  # fmt: skip
    """Show every finding; the exit status says whether any is an error."""
    ws = Workspace.here_or_defaults() if files and workspace is None else Workspace.open(workspace)
    what = f"Checking {count(len(files), 'file')}" if files else "Checking the workspace"
    with working(env, what, output):
        result = ws.validate(files, period=period, include_hidden=include_hidden)
    emit(env, output, result.to_dict(), result.rows(), FINDING_FIELDS,
         lambda: tables.findings(env, result))  # fmt: skip
    return ExitStatus.INVALID_DATA if result.has_errors else ExitStatus.OK
