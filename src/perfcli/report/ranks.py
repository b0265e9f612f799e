"""Comparative ranks from the workspace's comparator data, and the compendium's part that states them."""

from __future__ import annotations

from typing import Any

from perfcli.domain.assessment import own_area
from perfcli.domain.periods import parse_period
from perfcli.domain.ranks import comparative_ranks, position_history
from perfcli.report.charts import Chart, ordinal
from perfcli.results import RanksResult
from perfcli.store.queries import Store
from perfcli.workspace import Config


def ranks_from(store: Store, config: Config, period: str, group: str | None) -> RanksResult:
    """Rank the comparator councils on every measure with a direction, for `period`, and the
    council's overall position in every year held. A measure's theme is its theme, else its
    section; `group` (a [national.groups] name) limits the councils to its members."""
    measures = store.measures()
    aims = {m.id: m.aim for m in measures}
    themes = themes_of_measures(store)
    held = store.national_periods()
    rows = [row for m in measures for label in held for row in store.national(m.id, label)]
    members = set(config.national.groups[group]) if group else None
    ranks = comparative_ranks(rows, aims, themes, period, members)
    area = own_area(config)
    council = area if area is not None and area in ranks.names else None
    upto = held[: held.index(period) + 1]
    history = (
        position_history(rows, aims, themes, upto, council, members) if council is not None else []
    )
    return RanksResult(ranks, group, council, history)


def themes_of_measures(store: Store) -> dict[str, str]:
    """Each measure's theme: its own, else the theme (or section) its latest report gives it."""
    latest = store.latest_reports()
    lines = {
        line.measure_id: line
        for period in sorted(set(latest.values()))
        for line in store.report_lines(period)
        if latest.get(line.measure_id) == period
    }
    themes = {}
    for measure in store.measures():
        line = lines.get(measure.id)
        shown = line.theme or line.section if line is not None else None
        themes[measure.id] = measure.theme or measure.section or shown or "Other indicators"
    return themes


def ranks_context(result: RanksResult, *, period_display: str) -> dict[str, Any] | None:
    """The compendium's "Comparative performance" part: its sentences' figures, the theme table
    and the position-over-time chart (a `Chart`, placed by the compendium)."""
    from perfcli.report.comparison_charts import position_chart

    overall = result.ranks.overall
    own = result.council
    if own is None or own not in overall.position:
        return None
    rows = [
        {"theme": row["theme"], "indicators": row["indicators"],
         "average": _average(row["average_rank"]),
         "position": f"{ordinal(row['position'])} of {row['of']}" if row["position"] else "–"}
        for row in result.rows()
    ]  # fmt: skip
    best = [
        result.ranks.names[code]
        for code, position in sorted(overall.position.items(), key=lambda item: item[1])
        if position == 1
    ]
    history = [y for y in result.history if y.position is not None]
    chart: Chart | None = None
    if len(history) >= 2:
        chart = position_chart(history, result.council_name or own, period=period_display)
    return {
        "council": result.council_name,
        "indicators": overall.indicators,
        "of": overall.of,
        "average": _average(overall.average[own]),
        "position": ordinal(overall.position[own]),
        "best": " and ".join(best),
        "themes": rows[:-1],
        "strongest": _extreme(rows[:-1], result, best=True),
        "weakest": _extreme(rows[:-1], result, best=False),
        "years": len(history),
        "first_year": parse_period(history[0].period).display if history else "",
        "first_position": ordinal(history[0].position or 0) if history else "",
        "chart": chart,
    }


def _average(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _extreme(rows: list[dict[str, Any]], result: RanksResult, *, best: bool) -> str:
    """The theme where the council stands highest (or lowest), by its position in the theme."""
    own = result.council or ""
    placed = [
        (standing.position[own], theme)
        for theme, standing in result.ranks.themes.items()
        if own in standing.position
    ]
    if len({position for position, _ in placed}) < 2:  # the same everywhere: nothing to say
        return ""
    position, theme = (min if best else max)(placed, key=lambda item: (item[0], item[1]))
    return f"{theme} ({ordinal(position)})"
