"""`perfcli import-national` and `perfcli benchmark`: the council against comparator councils."""

from __future__ import annotations

from pathlib import Path

from perfcli.api import Workspace
from perfcli.domain.periods import Period
from perfcli.present import national_tables
from perfcli.present.console import Env, OutputFormat, emit
from perfcli.present.progress import working
from perfcli.results.national import (
    BENCHMARK_FIELDS,
    INDEX_FIELDS,
    RANKS_FIELDS,
    BenchmarkResult,
    IndexResult,
    NationalFile,
    RanksResult,
)
from perfcli.words import count


def run_import(
    env: Env, files: list[Path], *, workspace: Path | None, period: Period | None
) -> list[NationalFile]:
    with working(env, f"Importing {count(len(files), 'national file')}"):
        imported = Workspace.open(workspace).import_national(files, period=period)
    for f in imported:
        periods = ", ".join(p.display for p in f.periods) or "no period"
        env.say(
            f"✔ {f.file.name}: {count(f.measures, 'measure')} × {count(f.areas, 'area')} for {periods}; "
            f"{f.new} new, {f.changed} changed; {count(f.suppressed, 'suppressed value')} skipped"
        )
        if f.unmapped:
            shown = ", ".join(f.unmapped[:8]) + (" …" if len(f.unmapped) > 8 else "")
            env.say(
                f"  {count(len(f.unmapped), 'measure code')} not in the workspace, left out: {shown}"
            )
    return imported


def run_benchmark(
    env: Env, *, workspace: Path | None, period: Period | None, group: str | None,
    bottom_quartile: bool, output: OutputFormat,
) -> BenchmarkResult:  # fmt: skip
    result = Workspace.open(workspace).benchmark(
        period, group=group, bottom_quartile=bottom_quartile
    )
    emit(env, output, result.to_dict(), result.rows(), BENCHMARK_FIELDS,
         lambda: national_tables.benchmark(env, result))  # fmt: skip
    return result


def run_ranks(
    env: Env, *, workspace: Path | None, period: Period | None, group: str | None,
    output: OutputFormat,
) -> RanksResult:  # fmt: skip
    result = Workspace.open(workspace).comparative_ranks(period, group=group)
    emit(env, output, result.to_dict(), result.rows(), RANKS_FIELDS,
         lambda: national_tables.comparative_ranks(env, result))  # fmt: skip
    return result


def run_index(
    env: Env, *, workspace: Path | None, source: Path | None, output: OutputFormat
) -> IndexResult:
    ws = Workspace.open(workspace) if source is None else _here_or(workspace)
    result = ws.cost_index(source)
    emit(env, output, result.to_dict(), result.rows(), INDEX_FIELDS,
         lambda: national_tables.cost_index(env, result))  # fmt: skip
    return result


def _here_or(workspace: Path | None) -> Workspace:
    return Workspace.open(workspace) if workspace is not None else Workspace.here_or_defaults()
