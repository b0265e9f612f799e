"""`perfcli diff FROM TO`: what changed between two periods, most important first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfcli.assessment import Rated, rate_period, settings_for
from perfcli.changes import ORDER, Change, Side, Status, compare, sentence, summary
from perfcli.commands.importing import open_store
from perfcli.commands.rate import RATING_MARKS, STYLES
from perfcli.console import OutputFormat, emit, stdout_console, table
from perfcli.errors import UsageError
from perfcli.periods import Period, parse_period
from perfcli.store import Store

FIELDS = [
    "id",
    "description",
    "section",
    "status",
    "flags",
    "change",
    "change_unit",
    "reason",
    "from",
    "to",
]
STATUS_MARKS = {
    "rating up": "⇧ rating up", "rating down": "⇩ rating down", "worse": "▼ worse",
    "improved": "▲ improved", "similar": "◀▶ similar", "new": "+ new", "dropped": "− dropped",
    "not comparable": "? not comparable",
}  # fmt: skip


def _period(store: Store, text: str) -> Period:
    period = parse_period(text)
    if (
        period.label not in store.report_periods()
        and period.label not in store.observation_periods()
    ):
        held = ", ".join(parse_period(p).label for p in store.report_periods())
        raise UsageError(
            f"no figures for {period.label} in the workspace", hint=f"its reports are {held}"
        )
    return period


def _view(store: Store, config, period: Period) -> dict[str, Rated]:  # type: ignore[no-untyped-def]
    return {item.measure.id: item for item in rate_period(store, config, period.label)}


def _side(item: Rated | None) -> Side | None:
    if item is None:
        return None
    return Side(item.current, item.judgement, item.line.comparator)


def changes_between(store: Store, config, old: Period, new: Period) -> list[Change]:  # type: ignore[no-untyped-def]
    before, after = _view(store, config, old), _view(store, config, new)
    revised = store.revised()
    held = store.periods_held()
    changes = []
    own_previous = new.previous() == old
    for mid in list(dict.fromkeys([*after, *before])):
        item = after.get(mid) or before[mid]
        periods = [parse_period(p) for p in held.get(mid, [])]
        earlier = _side(before.get(mid))
        if earlier is None and own_previous and mid in after and after[mid].previous is not None:
            # The later report's own previous column is the comparison its author made.
            earlier = Side(after[mid].previous, None, None)
        change = compare(
            item.measure,
            earlier,
            _side(after.get(mid)),
            settings_for(config, mid),
            revised=any((mid, p) in revised for p in _periods_of(before.get(mid), after.get(mid))),
            later_data=any(p.start > old.end for p in periods),
            earlier_data=any(p.end < new.start for p in periods),
            periods=(old.display, new.display),
        )
        changes.append(change)
    return changes


def _periods_of(*items: Rated | None) -> list[str]:
    return [item.current.period for item in items if item is not None and item.current is not None]


def _side_json(side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    obs, judgement = side.observation, side.judgement
    return {
        "period": obs.period if obs else None,
        "value": obs.value if obs else None,
        "value_text": obs.raw if obs else None,
        "rating": judgement.rating.value if judgement else None,
        "progress": judgement.progress.value if judgement else None,
    }


def as_row(change: Change) -> dict[str, Any]:
    return {
        "id": change.measure.id,
        "description": change.measure.description,
        "section": change.measure.section,
        "status": change.status.value,
        "flags": change.flags,
        "change": change.change,
        "change_unit": change.change_unit,
        "reason": change.reason,
        "from": _side_json(change.before),
        "to": _side_json(change.after),
    }


def run(
    old: str, new: str, *, workspace: Path | None, only_changes: bool, section: str | None,
    allow_unlike: bool, output: OutputFormat,
) -> dict[str, Any]:  # fmt: skip
    ws, store = open_store(workspace)
    with store:
        first, second = _period(store, old), _period(store, new)
        if first.kind is not second.kind and not allow_unlike:
            raise UsageError(
                f"{first.display} and {second.display} are unlike periods ({first.kind.value.replace('_', ' ')}"
                f" against {second.kind.value.replace('_', ' ')})",
                hint="pass --allow-unlike to compare them anyway",
            )
        changes = changes_between(store, ws.config, first, second)
    if section:
        wanted = section.strip().lower()
        changes = [c for c in changes if (c.measure.section or "").lower().startswith(wanted)]
    if only_changes:
        changes = [c for c in changes if c.status is not Status.SIMILAR or c.flags]
    changes.sort(key=lambda c: (ORDER.index(c.status), c.measure.section or "", c.measure.id))
    rows = [as_row(c) for c in changes]
    result = {"from": first.label, "to": second.label, "measures": rows,
              "summary": {**summary(changes), "sentence": sentence(changes)}}  # fmt: skip
    emit(output, result, rows, FIELDS, lambda: _print(first, second, changes))
    return result


def _mark(marks: dict[str, str], value: str | None, colour: bool) -> str:
    if not value:
        return ""
    style = (
        STYLES.get(value.split()[-1])
        if value not in ("rating up", "rating down")
        else ("green" if value == "rating up" else "red")
    )
    text = marks.get(value, value)
    return f"[{style}]{text}[/]" if colour and style else text


def _print(first: Period, second: Period, changes: list[Change]) -> None:
    from rich.markup import escape

    console = stdout_console()
    colour = console.is_terminal and not console.no_color
    console.print(f"[bold]What changed: {escape(first.display)} → {escape(second.display)}[/]")
    grid = table(
        None,
        ["Status", "Section", "Measure", "From", "To", "Change", "Rating", "Reason", "Flags"],
        console,
    )
    for c in changes:
        before = c.before.observation.raw if c.before and c.before.observation else ""
        after = c.after.observation.raw if c.after and c.after.observation else ""
        change = ""
        if c.change is not None:
            change = f"{c.change:+.1f} pp" if c.change_unit == "pp" else f"{c.change:+.1f}%"
        ratings = [
            s.judgement.rating.value if s and s.judgement else "" for s in (c.before, c.after)
        ]
        rating = (
            " → ".join(_mark(RATING_MARKS, r, colour) for r in ratings if r) if any(ratings) else ""
        )
        grid.add_row(
            _mark(STATUS_MARKS, c.status.value, colour), escape(c.measure.section or ""),
            escape(c.measure.description), escape(before), escape(after), change, rating,
            escape(c.reason), escape(", ".join(c.flags)),
        )  # fmt: skip
    console.print(grid)
    console.print(sentence(changes), markup=False)
