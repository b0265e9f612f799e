"""The compendium's part that states the comparative ranks (worked out in perfcli.comparisons)."""

from __future__ import annotations

from typing import Any, Protocol

from perfcli.domain.period_parsing import parse_period
from perfcli.domain.ranks import ComparativeRanks, YearPosition, indicators_shown, ranked_on
from perfcli.report.charts import Chart, ordinal
from perfcli.report.compendium_words import join_names


class Ranked(Protocol):
    """Comparative ranks as the report reads them (`perfcli.results.RanksResult` is one)."""

    @property
    def ranks(self) -> ComparativeRanks: ...
    @property
    def council(self) -> str | None: ...  # the council's area code, when the data holds it
    @property
    def council_name(self) -> str | None: ...
    @property
    def history(self) -> list[YearPosition]: ...
    def rows(self) -> list[dict[str, Any]]: ...


def ranks_context(result: Ranked, *, period_display: str) -> dict[str, Any] | None:
    """The compendium's "Comparative performance" part: its sentences' figures, the theme table
    and the position-over-time chart (a `Chart`, placed by the compendium)."""
    from perfcli.report.comparison_charts import position_chart

    overall = result.ranks.overall
    own = result.council
    if own is None or own not in overall.position:
        return None
    rows = [
        {"theme": row["theme"],
         "indicators": indicators_shown(row["indicators"], row["indicators_held"]),
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
        "ranked_on": ranked_on(overall.indicators, overall.held, period_display),
        "fewer": overall.indicators < overall.held,
        "of": overall.of,
        "average": _average(overall.average[own]),
        "position": ordinal(overall.position[own]),
        "best": join_names(best),
        "themes": rows[:-1],
        "strongest": _extreme(rows[:-1], result, best=True),
        "weakest": _extreme(rows[:-1], result, best=False),
        "years": len(history),
        "first_year": parse_period(history[0].period).display if history else "",
        "first_position": ordinal(history[0].position or 0) if history else "",
        "movement": _movement(history, ordinal(overall.position[own])),
        "chart": chart,
    }


def _movement(history: list[YearPosition], now: str) -> str:
    """`has moved from 8th in 2019/20 to 18th now`, or `is 4th now, as in 2023/24` where the
    first year held and this one agree (a trial read "from 4th in 2023/24 to 4th now")."""
    if not history:
        return ""
    first, year = ordinal(history[0].position or 0), parse_period(history[0].period).display
    if first == now:
        return f"is {now} now, as it was in {year}"
    return f"has moved from {first} in {year} to {now} now"


def _average(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _extreme(rows: list[dict[str, Any]], result: Ranked, *, best: bool) -> str:
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
