"""`perfcli import-national` and `perfcli benchmark`: the council against comparator councils."""

from __future__ import annotations

from pathlib import Path

from perfcli.api import Workspace
from perfcli.domain.national_areas import COUNCIL_EXAMPLES, Twin
from perfcli.domain.periods import Period
from perfcli.importers.national import NationalRefused
from perfcli.present import national_tables
from perfcli.present.console import Env, OutputFormat, emit
from perfcli.present.progress import working
from perfcli.results.national import (
    BENCHMARK_FIELDS,
    INDEX_FIELDS,
    NATIONAL_FILE_FIELDS,
    RANKS_FIELDS,
    BenchmarkResult,
    IndexResult,
    NationalFile,
    RanksResult,
)
from perfcli.words import count

SHOWN_PROBLEMS = 20


def run_import(
    env: Env, files: list[Path], *, workspace: Path | None, period: Period | None,
    force: bool = False, output: OutputFormat = OutputFormat.TABLE,
) -> list[NationalFile]:  # fmt: skip
    try:
        with working(env, f"Importing {count(len(files), 'national file')}", output):
            imported = Workspace.open(workspace).import_national(files, period=period, force=force)
    except NationalRefused as refused:
        # Every problem, each at its cell, as import lists its errors: one run finds them all.
        for problem in refused.problems[:SHOWN_PROBLEMS]:
            env.warn(f"  {problem}")
        if len(refused.problems) > SHOWN_PROBLEMS:
            env.warn(f"  … and {len(refused.problems) - SHOWN_PROBLEMS:,} more")
        raise
    if output is not OutputFormat.TABLE:
        read = [f.to_dict() for f in imported]
        emit(env, output, {"files": read}, read, NATIONAL_FILE_FIELDS, lambda: None)
    for f in imported:
        periods = ", ".join(p.display for p in f.periods) or "no period"
        if output is OutputFormat.TABLE:
            env.say(
                f"✔ {f.file.name}: {count(f.measures, 'measure')} × {count(f.areas, 'area')} for {periods}; "
                f"{f.new:,} new, {f.changed:,} changed; {count(f.suppressed, 'suppressed value')} skipped"
            )
        if f.unmapped and output is OutputFormat.TABLE:
            _say_unmapped(env, f)
        for level, rows in f.levels.items():
            env.warn(
                f"Warning: {f.file.name}: level {level!r} ({_rows(rows)}) is not one perfcli knows:"
                f" left out of ranking (a council's level is {COUNCIL_EXAMPLES}, …; England's"
                " National; a region's Region)"
            )
        for twin in f.twins:
            env.warn(f"Warning: {f.file.name}: {_twin_words(twin, forced=f.forced)}")
    return imported


def _say_unmapped(env: Env, f: NationalFile) -> None:
    what = "measure name" if f.layout == "generic" else "measure code"
    shown = ", ".join(f.unmapped[:8]) + (" …" if len(f.unmapped) > 8 else "")
    env.say(
        f"  {count(len(f.unmapped), what)} not in the workspace, left out: {shown} (to import"
        f' one, map it under [national.measures] in perfcli.toml: "{f.unmapped[0]}" = "measure-id";'
        " 'perfcli measures' lists the ids)"
    )


def _rows(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:5])
    more = f" and {len(rows) - 5:,} more" if len(rows) > 5 else ""
    return f"{'row' if len(rows) == 1 else 'rows'} {shown}{more}"


def _twin_words(twin: Twin, *, forced: bool) -> str:
    held = f"{twin.name} is held under {twin.held} already"
    if twin.both_held:
        return f"{twin.name} is held under both {twin.held} and {twin.code}, so it is ranked twice"
    if forced:
        return f"{held}: imported under {twin.code} too (--force), so it is ranked twice"
    return (
        f"{held}: its {count(twin.figures, 'figure')} under {twin.code} left out, so it is not"
        " ranked twice (pass --force to import them under both codes)"
    )


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
