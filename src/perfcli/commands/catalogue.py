"""`perfcli measures` and `perfcli history`: what the store holds."""

from __future__ import annotations

from pathlib import Path

from perfcli.api import Workspace
from perfcli.present import tables
from perfcli.present.console import Env, OutputFormat, emit
from perfcli.results import HISTORY_FIELDS, MEASURE_FIELDS, HistoryResult, MeasuresResult


def run(env: Env, *, workspace: Path | None, output: OutputFormat) -> MeasuresResult:
    result = Workspace.open(workspace).measures()
    flat = ({**r, "periods": " ".join(r["periods"])} for r in result.rows())
    emit(env, output, result.to_dict(), flat, MEASURE_FIELDS, lambda: tables.measures(env, result))
    return result


def run_history(
    env: Env, measure: str, *, workspace: Path | None, output: OutputFormat
) -> HistoryResult:
    result = Workspace.open(workspace).history(measure)
    emit(env, output, result.to_dict(), result.rows(), HISTORY_FIELDS,
         lambda: tables.history(env, result))  # fmt: skip
    return result
