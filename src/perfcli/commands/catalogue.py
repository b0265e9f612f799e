"""`perfcli measures`, `perfcli history` and `perfcli link`: what the store holds, and joining two
measures into one."""

from __future__ import annotations

from pathlib import Path

from perfcli.api import Workspace
from perfcli.present import tables
from perfcli.present.console import Env, OutputFormat, emit
from perfcli.results.catalogue import (
    HISTORY_FIELDS,
    MEASURE_FIELDS,
    HistoryResult,
    LinkResult,
    MeasuresResult,
)


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


def run_link(
    env: Env, old: str, new: str, *, workspace: Path | None, output: OutputFormat
) -> LinkResult:
    result = Workspace.open(workspace).link(old, new)
    row = result.to_dict()
    emit(env, output, row, [row], list(row), lambda: tables.link(env, result))
    return result
