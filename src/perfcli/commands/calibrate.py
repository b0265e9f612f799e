"""`perfcli calibrate`: learn the rating settings from reports that print their own marks."""

from __future__ import annotations

from pathlib import Path

from perfcli.api import Workspace
from perfcli.domain.periods import Period
from perfcli.errors import UsageError
from perfcli.present import tables
from perfcli.present.console import Env, OutputFormat, emit
from perfcli.present.progress import working
from perfcli.results.calibration import CALIBRATION_FIELDS, CalibrationResult
from perfcli.words import count


def run(
    env: Env, files: list[Path], *, workspace: Path | None, period: Period | None, write: bool,
    output: OutputFormat, best: bool = False,
) -> CalibrationResult:  # fmt: skip
    if write or workspace is not None:
        ws = Workspace.open(workspace)  # --write needs a perfcli.toml to write to
    else:
        ws = Workspace.here_or_defaults()
    if write and not ws.folder.config_path.is_file():
        raise UsageError("--write needs a workspace", hint="pass --workspace DIR")
    with working(env, f"Reading {count(len(files), 'dashboard')}", output):
        result = ws.calibrate(files, period=period, write=write, best=best)
    emit(env, output, result.to_dict(), result.rows(), CALIBRATION_FIELDS,
         lambda: tables.calibration(env, result))  # fmt: skip
    return result
