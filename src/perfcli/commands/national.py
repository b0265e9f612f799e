"""`perfcli import-national` and `perfcli benchmark`: the council against comparator councils."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfcli.assessment import Benchmark, benchmark_for
from perfcli.benchmarking import quartile_counts, summary_sentence
from perfcli.commands.importing import open_store
from perfcli.console import OutputFormat, emit, stdout_console, table
from perfcli.errors import UsageError
from perfcli.importers.national import ascof_key, read
from perfcli.model import aim_label
from perfcli.periods import parse_period
from perfcli.store import Store
from perfcli.workspace import Config, find_workspace

FIELDS = [
    "id",
    "code",
    "description",
    "aim",
    "value",
    "group_size",
    "mean",
    "median",
    "rank",
    "quartile",
    "england",
]


def run_import(files: list[Path], *, workspace: Path | None, period: str | None) -> None:
    ws = find_workspace(workspace)
    store_path = ws.db_path
    if not store_path.exists():
        raise UsageError(
            f"{ws.root}: import the workspace's own measures first",
            hint="run 'perfcli import FILE'",
        )
    with Store(store_path) as store:
        measures = store.measures()
        # A measure's current code wins over an old code another measure once had.
        codes = {ascof_key(m.code): m.id for m in measures if m.code.lower().startswith("ascof")}
        for measure in measures:
            for code in measure.aliases:
                if code.lower().startswith("ascof"):
                    codes.setdefault(ascof_key(code), measure.id)
        codes.update({ascof_key(k): v for k, v in ws.config.national.measures.items()})
        names = {
            " ".join(k.lower().replace("_", " ").split()): v
            for k, v in ws.config.national.measures.items()
        }
        given = parse_period(period) if period else None
        results = [read(file, period=given, codes=codes, names=names) for file in files]
        console = stdout_console()
        for result in results:
            new, changed = store.put_national(result.rows)
            areas = len({r.area_code for r in result.rows})
            measures = len({r.measure_id for r in result.rows})
            periods = (
                ", ".join(parse_period(p).display for p in (result.period or "").split(", ") if p)
                or "no period"
            )
            console.print(
                f"✔ {result.file.name}: {measures} measures × {areas} areas for {periods}; "
                f"{new} new, {changed} changed; {result.suppressed} suppressed values skipped",
                markup=False,
            )
            if result.unmapped:
                shown = ", ".join(sorted(result.unmapped)[:8]) + (
                    " …" if len(result.unmapped) > 8 else ""
                )
                console.print(
                    f"  {len(result.unmapped)} measure codes not in the workspace, left out: {shown}",
                    markup=False,
                )


def check_group(config: Config, group: str | None) -> str | None:
    group = group or config.national.group
    if group and group not in config.national.groups:
        defined = ", ".join(sorted(config.national.groups)) or "none"
        raise UsageError(
            f"no comparator group {group!r}", hint=f"defined under [national.groups]: {defined}"
        )
    return group


def run_benchmark(
    *, workspace: Path | None, period: str | None, group: str | None, output: OutputFormat
) -> dict[str, Any]:
    ws, store = open_store(workspace)
    with store:
        held = store.national_periods()
        if not held:
            raise UsageError("no national data imported", hint="run 'perfcli import-national FILE'")
        label = parse_period(period).label if period else held[-1]
        if label not in held:
            raise UsageError(f"no national data for {label}", hint=f"it holds {', '.join(held)}")
        chosen = check_group(ws.config, group)
        results = [
            b for m in store.measures() if (b := benchmark_for(store, ws.config, m, label, chosen))
        ]
    rows = [_row(b) for b in results]
    standings = [b.standing for b in results]
    result = {"period": label, "group": chosen or "all councils", "measures": rows,
              "summary": {**quartile_counts(standings), "sentence": summary_sentence(standings)}}  # fmt: skip
    sentence = result["summary"]["sentence"]
    emit(output, result, rows, FIELDS, lambda: _print(label, chosen, results, sentence))
    return result


def _row(b: Benchmark) -> dict[str, Any]:
    s = b.standing
    return {
        "id": b.measure.id, "code": b.measure.code, "description": b.measure.description,
        "aim": b.measure.aim.value, "value": s.value, "group_size": s.of, "mean": round(s.mean, 2),
        "median": round(s.median, 2), "rank": s.rank, "quartile": s.quartile, "quartile_name": s.quartile_name,
        "england": b.england,
    }  # fmt: skip


def _print(label: str, group: str | None, results: list[Benchmark], sentence: str) -> None:
    console = stdout_console()
    console.print(
        f"Benchmarking {parse_period(label).display} against {group or 'all councils'}",
        markup=False,
    )
    grid = table(
        None,
        [
            "Measure",
            "Description",
            "Aim",
            "Council",
            "Group mean",
            "Group median",
            "Rank",
            "Quartile",
            "England",
        ],
        console,
    )
    for b in results:
        s = b.standing
        grid.add_row(
            b.measure.code, b.measure.description, aim_label(b.measure.aim), f"{s.value:g}", f"{s.mean:.1f}",
            f"{s.median:.1f}", f"{s.rank} of {s.of}", s.quartile_name, "" if b.england is None else f"{b.england:g}",
        )  # fmt: skip
    console.print(grid)
    console.print(sentence, markup=False)
