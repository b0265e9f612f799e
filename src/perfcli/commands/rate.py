"""`perfcli rate`: rating, progress and RAG for every measure of a report period."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from perfcli.assessment import Rated, pick_period, rate_period
from perfcli.commands.importing import open_store, scratch_store
from perfcli.console import OutputFormat, emit, stdout_console, table
from perfcli.model import aim_label
from perfcli.periods import parse_period
from perfcli.rating import PROGRESS_SHOWN, RAG_SHOWN, RATING_SHOWN, TONES, Rag

FIELDS = [
    "id", "code", "description", "section", "outcome", "aim", "unit", "period", "value", "value_text",
    "previous_period", "previous_value", "previous_value_text", "comparator", "rating", "rating_reason",
    "progress", "progress_reason", "change", "change_unit", "rag", "rag_reason", "overridden",
    "computed_rating", "reason", "quartile",
]  # fmt: skip
RATING_MARKS = {r.value: f"{symbol} {word}" for r, (symbol, word) in RATING_SHOWN.items()}
RATING_MARKS["not_rated"] = "– not rated"
PROGRESS_MARKS = {p.value: f"{symbol} {word}" for p, (symbol, word) in PROGRESS_SHOWN.items()}
PROGRESS_MARKS["not_rated"] = "– n/a"
_SHAPES = {Rag.GREEN: "●", Rag.AMBER: "◆", Rag.RED: "■"}  # a letter's shape, for the terminal
RAG_MARKS = {r.value: f"{_SHAPES[r]} {letter} {word}" for r, (letter, word) in RAG_SHOWN.items()}
STYLES = {outcome: {"good": "green", "fair": "yellow", "poor": "red"}[tone]
          for outcome, tone in TONES.items()}  # fmt: skip


def as_row(item: Rated) -> dict[str, Any]:
    j, m, line = item.judgement, item.measure, item.line
    comparator = None
    if line.comparator is not None:
        c = line.comparator
        comparator = {"text": c.raw, "kind": c.kind.value, "value": c.value, "low": c.low,
                      "high": c.high, "op": c.op, "period": c.period}  # fmt: skip
    return {
        "id": m.id,
        "code": line.code,
        "description": line.description,
        "section": line.section,
        "outcome": line.outcome,
        "aim": m.aim.value,
        "unit": m.unit.value,
        "period": line.current_period,
        "value": item.current.value if item.current else None,
        "value_text": item.current.raw if item.current else None,
        "previous_period": item.previous_period,
        "previous_value": item.previous.value if item.previous else None,
        "previous_value_text": item.previous.raw if item.previous else None,
        "comparator": comparator,
        "rating": j.rating.value,
        "rating_reason": j.rating_reason,
        "progress": j.progress.value,
        "progress_reason": j.progress_reason,
        "change": j.change,
        "change_unit": j.change_unit,
        "rag": j.rag.value if j.rag else None,
        "rag_reason": j.rag_reason,
        "overridden": j.overridden,
        "computed_rating": j.computed_rating.value if j.computed_rating else None,
        "reason": j.reason,
        "quartile": item.quartile,
    }


def summary(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    return {
        "rating": {
            k: Counter(r["rating"] for r in rows)[k]
            for k in ("better", "similar", "below", "not_rated")
        },
        "progress": {
            k: Counter(r["progress"] for r in rows)[k]
            for k in ("improved", "similar", "worse", "not_rated")
        },
        "rag": {k: Counter(r["rag"] for r in rows)[k] for k in ("green", "amber", "red")},
    }


def run(
    file: Path | None, *, workspace: Path | None, period: str | None, output: OutputFormat
) -> dict[str, Any]:
    if file is not None:
        store, config = scratch_store([file], period)
        period = None
    else:
        ws, store = open_store(workspace)
        config = ws.config
    with store:
        label = pick_period(store, period)
        rated = rate_period(store, config, label)
    rows = [as_row(item) for item in rated]
    result = {"period": label, "measures": rows, "summary": summary(rows)}
    emit(output, result, rows, FIELDS, lambda: _print(label, rated, rows, result["summary"]))
    return result


def _mark(marks: dict[str, str], value: str | None, console_is_terminal: bool) -> str:
    if value is None:
        return ""
    text = marks[value]
    style = STYLES.get(value)
    return f"[{style}]{text}[/]" if style and console_is_terminal else text


def _print(
    label: str, rated: list[Rated], rows: list[dict[str, Any]], counts: dict[str, dict[str, int]]
) -> None:
    from rich.markup import escape

    console = stdout_console()
    colour = console.is_terminal and not console.no_color
    period = parse_period(label)
    console.print(f"[bold]Performance {escape(period.display)}[/] — {escape(period.long)}")
    has_rag = any(r["rag"] for r in rows)
    has_quartile = any(r["quartile"] for r in rows)
    groups: dict[tuple[str, str], list[tuple[Rated, dict[str, Any]]]] = {}
    for item, row in zip(rated, rows, strict=True):
        groups.setdefault((item.line.section or "", item.line.outcome or ""), []).append(
            (item, row)
        )
    for (section, outcome), members in groups.items():
        title = " — ".join(part for part in (section.upper(), outcome) if part) or None
        columns = ["Measure", "Description", "Aim", "Comparator", "Rating", "Progress"]
        columns += ["RAG"] if has_rag else []
        columns += ["Quartile"] if has_quartile else []
        first = members[0][0]
        columns += [_column(first.line.current_period), _column(first.previous_period)]
        grid = table(escape(title) if title else None, columns, console)
        for item, row in members:
            cells = [
                escape(row["code"]),
                escape(row["description"]),
                aim_label(item.measure.aim),
                escape(item.line.comparator.raw if item.line.comparator else ""),
                _mark(RATING_MARKS, row["rating"], colour)
                + (" (overridden)" if row["overridden"] else ""),
                _mark(PROGRESS_MARKS, row["progress"], colour),
            ]
            if has_rag:
                cells.append(_mark(RAG_MARKS, row["rag"], colour))
            if has_quartile:
                cells.append(row["quartile"] or "")
            cells += [escape(row["value_text"] or ""), escape(row["previous_value_text"] or "")]
            grid.add_row(*cells)
        console.print(grid)
    r, p = counts["rating"], counts["progress"]
    line = (
        f"{len(rows)} measures. Rating: {r['better']} better, {r['similar']} similar, {r['below']} below, "
        f"{r['not_rated']} not rated. Progress: {p['improved']} improved, {p['similar']} similar, "
        f"{p['worse']} not as good, {p['not_rated']} not rated."
    )
    if has_rag:
        g = counts["rag"]
        line += f" RAG: {g['green']} green, {g['amber']} amber, {g['red']} red."
    console.print(line, markup=False)


def _column(label: str | None) -> str:
    return f"{parse_period(label).display} Performance" if label else "Previous"
