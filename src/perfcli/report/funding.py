"""The compendium's funding part and its performance-against-spending charts, from the spending
table named by the committee's `spending` setting and the workspace's comparative ranks."""

from __future__ import annotations

import re
from typing import Any

from perfcli.domain.funding import (
    Funding,
    SpendingTable,
    against_spending,
    funding,
    national_average,
    spending_of,
)
from perfcli.domain.ranks import ComparativeRanks, Standings
from perfcli.errors import UsageError
from perfcli.report.charts import money, ordinal


def millions(value: float) -> str:
    """`£138 million`, written out as prose reads it (the proof refuses dashboard shorthand);
    under £10 million with one decimal place: `£4.2 million`."""
    size = abs(value) / 1e6
    return f"£{size:,.1f} million" if size < 10 else f"£{size:,.0f} million"


def funding_context(
    table: SpendingTable, council: str, population_setting: int | None, *, note: str = ""
) -> dict[str, Any]:
    """Part 1's figures and chart. The population is the council's Population cell, else the
    committee's `population` setting; without either the part cannot be computed."""
    from perfcli.report.comparison_charts import funding_chart

    own = table.find(council)
    if own is None:
        raise UsageError(
            f"{table.file.name}: no row for {council}",
            hint="name the council in the Authority column as the workspace's council is named",
        )
    if own.population:
        population, source = own.population, f"the Population column of {table.file.name}"
    elif population_setting:
        population, source = float(population_setting), "the committee's population setting"
    else:
        raise UsageError(
            f"{table.file.name}: no population for {own.name}",
            hint="add a Population column, or set population = N under the committee in perfcli.toml",
        )
    result = funding(table.authorities, own, population)
    average, _ = national_average(table.authorities)
    return {
        "council": own.name,
        "type": own.type,
        "per_head": money(own.power or 0.0),
        "position": standing_words(result),
        "of": result.of,
        "average": money(average),
        "population": f"{population:,.0f}",
        "population_source": source,
        "average_how": "weighted by population"
        if result.average_weighted
        else "the plain mean of the authorities' figures",
        "gaps": [
            {
                "label": gap.label,
                "per_head": money(gap.per_head),
                "difference": money(abs(gap.difference)),
                "total": millions(gap.total),
                "more": gap.total >= 0,
            }
            for gap in result.gaps
        ],
        "note": note,
        "chart": funding_chart(table.authorities, own.name, average, note=note),
    }


def standing_words(result: Funding) -> str:
    """The council's place by core spending power per head, counted from the nearer end, as a
    person would say it: `the highest`, `the 5th highest`, `the joint 3rd lowest` (134th highest
    of 136 is `the 3rd lowest`)."""
    highest = result.position <= result.from_lowest
    place = result.position if highest else result.from_lowest
    joint = "joint " if result.joint else ""
    said = "" if place == 1 else f"{ordinal(place)} "
    return f"the {joint}{said}{'highest' if highest else 'lowest'}"


def _key(text: str) -> str:
    return " ".join(re.sub(r"\([^)]*\)", " ", text).lower().split())


def spending_context(
    table: SpendingTable, ranks: ComparativeRanks, council: str, *, note: str = ""
) -> dict[str, Any] | None:
    """The scatter charts: overall, then one per theme whose name a spending column carries."""
    from perfcli.report.comparison_charts import HOW_TO_READ, spending_scatter

    names = {_key(a.name): a for a in table.authorities}
    own = table.find(council)
    parts: list[tuple[str, str | None, Standings]] = [("all services", None, ranks.overall)]
    services = {_key(s): s for s in table.services}
    parts += [
        (theme, services[_key(theme)], standing)
        for theme, standing in ranks.themes.items()
        if _key(theme) in services
    ]
    charts = []
    for what, service, standing in parts:
        performance, spending = {}, {}
        for code, position in standing.position.items():
            authority = names.get(_key(ranks.names.get(code, code)))
            if authority is not None:
                performance[authority.name] = position
                spending[authority.name] = spending_of(authority, service)
        points = against_spending(performance, spending)
        if len(points) < 4:
            continue
        mine = next((p for p in points if own is not None and p.name == own.name), None)
        charts.append(
            {
                "what": what,
                "count": len(points),
                "quadrant": mine.quadrant if mine else "",
                "performance": ordinal(mine.performance) if mine else "",
                "spending_rank": ordinal(mine.spending_rank) if mine else "",
                "rows": [
                    {
                        "name": p.name,
                        "performance": str(p.performance),
                        "spending": money(p.spending),
                        "spending_rank": str(p.spending_rank),
                        "quadrant": p.quadrant,
                    }
                    for p in points
                ],  # fmt: skip
                "chart": spending_scatter(points, own.name if own else "", what, note=note),
            }
        )
    if not charts:
        return None
    return {"how_to_read": HOW_TO_READ, "charts": charts, "note": note}
