"""`perfcli measures` and `perfcli history`: what the store holds."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from perfcli.commands.importing import open_store
from perfcli.console import OutputFormat, emit, stdout_console, table
from perfcli.errors import UsageError
from perfcli.model import aim_label
from perfcli.periods import parse_period
from perfcli.store import Store

MEASURE_FIELDS = [
    "id",
    "code",
    "description",
    "aim",
    "unit",
    "section",
    "outcome",
    "tags",
    "periods",
]
HISTORY_FIELDS = [
    "measure",
    "period",
    "value_text",
    "value",
    "status",
    "recorded_at",
    "file",
    "cell",
]


def _open(workspace: Path | None) -> Store:
    return open_store(workspace)[1]


def run(*, workspace: Path | None, output: OutputFormat) -> list[dict[str, Any]]:
    with _open(workspace) as store:
        held = store.periods_held()
        rows = [
            {
                "id": m.id,
                "code": m.code,
                "description": m.description,
                "aim": m.aim.value,
                "unit": m.unit.value,
                "section": m.section,
                "outcome": m.outcome,
                "tags": m.tags,
                "periods": held.get(m.id, []),
            }
            for m in store.measures()
        ]
    flat = ({**r, "periods": " ".join(r["periods"])} for r in rows)
    emit(output, {"measures": rows}, flat, MEASURE_FIELDS, lambda: _print_measures(rows))
    return rows


def _print_measures(rows: list[dict[str, Any]]) -> None:
    console = stdout_console()
    grid = table(
        f"{len(rows)} measures",
        ["ID", "Code", "Description", "Aim", "Unit", "Section", "Periods held"],
        console,
    )
    for r in rows:
        grid.add_row(
            r["id"],
            r["code"],
            r["description"],
            aim_label(_aim(r["aim"])),
            r["unit"].replace("_", " "),
            r["section"] or "",
            ", ".join(parse_period(p).display for p in r["periods"]),
        )
    console.print(grid)


def _aim(value: str):  # type: ignore[no-untyped-def]
    from perfcli.model import Aim

    return Aim(value)


def run_history(
    measure: str, *, workspace: Path | None, output: OutputFormat
) -> list[dict[str, Any]]:
    with _open(workspace) as store:
        mid = store.resolve(measure)
        if mid is None:
            ids = [m.id for m in store.measures()]
            close = difflib.get_close_matches(measure.lower(), ids, n=3)
            raise UsageError(
                f"no measure {measure!r} in the workspace",
                hint=f"did you mean {', '.join(close)}?" if close else "see 'perfcli measures'",
            )
        entries = store.history(mid)
    rows = [
        {
            "measure": mid,
            "period": e.period,
            "value_text": e.observation.raw,
            "value": e.observation.value,
            "status": "current" if e.current else "superseded",
            "recorded_at": e.recorded_at,
            "file": Path(e.file).name if e.file else None,
            "cell": e.source,
        }
        for e in entries
    ]
    data = {"measure": mid, "history": rows}
    emit(output, data, rows, HISTORY_FIELDS, lambda: _print_history(mid, rows))
    return rows


def _print_history(mid: str, rows: list[dict[str, Any]]) -> None:
    console = stdout_console()
    grid = table(
        f"History of {mid}", ["Period", "Value", "Status", "Recorded", "File", "Cell"], console
    )
    for r in rows:
        status = "● current" if r["status"] == "current" else "○ superseded"
        grid.add_row(
            parse_period(r["period"]).display,
            r["value_text"],
            status,
            r["recorded_at"],
            r["file"] or "",
            r["cell"] or "",
        )
    console.print(grid)
