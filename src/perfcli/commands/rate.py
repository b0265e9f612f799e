"""`perfcli rate`: rating, progress and RAG for every measure of a report period."""

from __future__ import annotations

from pathlib import Path

from perfcli.api import Workspace, rate_file
from perfcli.domain.periods import Period
from perfcli.errors import UsageError
from perfcli.present.console import Env, OutputFormat, emit
from perfcli.present.progress import working
from perfcli.results.rating import RATE_FIELDS, RateResult


def run(
    env: Env, file: Path | None, *, workspace: Path | None, period: Period | None,
    output: OutputFormat, force: bool = False, include_hidden: bool = False,
    committee: str | None = None,
) -> RateResult:  # fmt: skip
    if file is not None and committee is not None:
        raise UsageError(
            "--committee judges a workspace's measures as that committee's report does",
            hint="import the file, then rate the workspace with --committee",
        )
    if file is not None:
        with working(env, f"Reading {file.name}", output):
            result = rate_file(file, period=period, workspace=workspace, force=force,
                               include_hidden=include_hidden)  # fmt: skip
        for line in (*result.notes, *result.problems):
            env.warn(f"Warning: {line}")
    elif include_hidden:
        raise UsageError(
            "--include-hidden reads a file's hidden sheets and rows: give the FILE to rate",
            hint="a workspace rates what import read; import --include-hidden reads them there",
        )
    else:
        result = Workspace.open(workspace).rate(period, committee=committee)
    emit(
        env, output, result.streamed(), result.each_row(), RATE_FIELDS, lambda: _table(env, result)
    )
    return result


def _table(env: Env, result: RateResult) -> None:
    from perfcli.present import rating_table  # only for a table: json and csv start without it

    rating_table.rate(env, result)
