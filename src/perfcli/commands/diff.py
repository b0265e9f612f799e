"""`perfcli diff FROM TO`: what changed between two periods, most important first."""

from __future__ import annotations

from pathlib import Path

from perfcli.api import Workspace
from perfcli.domain.periods import Period
from perfcli.present import tables
from perfcli.present.console import Env, OutputFormat, emit
from perfcli.results.diff import DIFF_FIELDS, DiffResult


def run(
    env: Env, old: Period, new: Period, *, workspace: Path | None, only_changes: bool,
    section: str | None, allow_unlike: bool, output: OutputFormat,
) -> DiffResult:  # fmt: skip
    result = Workspace.open(workspace).diff(
        old, new, allow_unlike=allow_unlike, section=section, only_changes=only_changes
    )
    emit(
        env, output, result.to_dict(), result.rows(), DIFF_FIELDS, lambda: tables.diff(env, result)
    )
    return result
