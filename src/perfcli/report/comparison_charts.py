"""Charts of the council among other councils: its overall position over the years, its core
spending power per head against every authority, and performance against spending.

Drawn as `perfcli.report.charts` draws (A4 text width, Okabe–Ito colours, the council marked by
more than colour); matplotlib is imported inside the functions.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from perfcli.domain.funding import AUTHORITY_TYPES, QUADRANTS, Authority, Point
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.ranks import YearPosition, indicators_shown
from perfcli.report.charts import (
    COUNCIL,
    OKABE_ITO,
    OTHERS,
    WIDTH_CM,
    Chart,
    _inches,
    _png,
    _tidy,
    money,
    ordinal,
)

PLURALS = {"county": "Counties", "unitary": "Unitaries",
           "metropolitan district": "Metropolitan districts", "London borough": "London boroughs"}  # fmt: skip
TYPE_COLOURS = dict(zip(AUTHORITY_TYPES, (OKABE_ITO["blue"], OKABE_ITO["sky blue"],
                                          OKABE_ITO["bluish green"], OKABE_ITO["reddish purple"]), strict=True))  # fmt: skip


def position_chart(history: Sequence[YearPosition], council: str, *, period: str = "") -> Chart:
    """The council's overall position year by year, 1st at the top."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    held = [y for y in history if y.position is not None]
    if len(held) < 2:
        raise ValueError("a position over time needs at least two years")
    years = [parse_period(y.period).display for y in held]
    positions = [y.position or 0 for y in held]
    of = max(y.of for y in held)
    title = f"{council}: overall comparative position, {years[0]} to {years[-1]}"
    figure = Figure(figsize=(_inches(WIDTH_CM), 2.8), layout="constrained")
    axes = figure.add_subplot()
    xs = list(range(len(years)))
    axes.plot(xs, positions, color=COUNCIL, marker="o", linewidth=1.8)
    for x, value in zip(xs, positions, strict=True):
        axes.annotate(ordinal(value), (x, value), textcoords="offset points", xytext=(0, 7),
                      ha="center", fontsize=8, fontweight="bold")  # fmt: skip
    axes.set_xticks(xs, years, fontsize=8)
    axes.set_ylim(of + 0.5, 0.5)  # 1st at the top
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(f"Position of {of}\n(1st is best)", fontsize=8)
    axes.tick_params(axis="y", labelsize=8)
    _tidy(axes)
    axes.grid(axis="y", color="#DDDDDD", linewidth=0.5)
    best = min(positions)
    alt = (
        f"{title}: a line chart of the council's position among up to {of} councils by its "
        "average rank over the indicators it is ranked on (every council over the same ones), "
        f"1st being best. It was {ordinal(positions[0])} in "
        f"{years[0]} and is {ordinal(positions[-1])} in {years[-1]}; its best was "
        f"{ordinal(best)} ({', '.join(y for y, p in zip(years, positions, strict=True) if p == best)}). "
        + "; ".join(f"{y}: {ordinal(p)}" for y, p in zip(years, positions, strict=True))
        + "."
    )
    table = [["Year", "Position", "Of", "Indicators", "Average rank"]] + [
        [parse_period(y.period).display, str(y.position), str(y.of),
         indicators_shown(y.indicators, y.held),
         "" if y.average is None else f"{y.average:.1f}"]
        for y in held
    ]  # fmt: skip
    return Chart(title, _png(figure), alt, table)


def funding_chart(
    authorities: Sequence[Authority], council: str, average: float, *, note: str = ""
) -> Chart:
    """Core spending power per head of every authority, lowest first within each type, the
    council's bar hatched and labelled, the national average a dashed line."""
    from matplotlib.figure import Figure

    groups = [
        (kind, sorted((a for a in authorities if a.type == kind and a.power is not None),
                      key=lambda a: (a.power or 0.0, a.name)))
        for kind in AUTHORITY_TYPES
    ]  # fmt: skip
    groups = [(kind, found) for kind, found in groups if found]
    if not groups:
        raise ValueError("no authority has a core spending power figure")
    title = "Core spending power per head by authority type" + (f" ({note})" if note else "")
    figure = Figure(figsize=(_inches(WIDTH_CM), 3.6), layout="constrained")
    axes = figure.add_subplot()
    x, ticks, labels = 0, [], []
    own: tuple[int, float] | None = None
    for kind, found in groups:
        start = x
        for authority in found:
            mine = authority.name == council
            bar = axes.bar(x, authority.power or 0.0, width=0.85, linewidth=0.3,
                           color=COUNCIL if mine else TYPE_COLOURS[kind], edgecolor="#333333")  # fmt: skip
            if mine:
                bar[0].set_hatch("///")
                own = (x, authority.power or 0.0)
            x += 1
        ticks.append((start + x - 1) / 2)
        labels.append(f"{PLURALS[kind]}\n({len(found)})")
        x += 3  # a gap between types
    axes.axhline(average, color="black", linestyle="--", linewidth=1,
                 label=f"National average {money(average)}")  # fmt: skip
    axes.legend(fontsize=8, loc="upper left", frameon=False)
    if own is not None:
        axes.annotate(f"{council} {money(own[1])}", own, xytext=(12, 30), textcoords="offset points",
                      ha="left", fontsize=8, fontweight="bold",
                      arrowprops={"arrowstyle": "->", "color": "black"})  # fmt: skip
    axes.set_xticks(ticks, labels, fontsize=8)
    axes.set_ylabel("Core spending power per head (£)", fontsize=8)
    axes.yaxis.set_major_formatter(lambda value, _: money(value))
    axes.tick_params(axis="y", labelsize=8)
    _tidy(axes)
    axes.grid(axis="x", visible=False)
    axes.grid(axis="y", color="#DDDDDD", linewidth=0.5)
    parts = []
    for kind, found in groups:
        values = [a.power or 0.0 for a in found]
        named = PLURALS[kind].lower().replace("london", "London") if len(found) != 1 else kind
        parts.append(f"{len(found)} {named} from {money(min(values))} "
                     f"to {money(max(values))} (median {money(statistics.median(values))})")  # fmt: skip
    found_own = next((a for a in authorities if a.name == council), None)
    alt = (
        f"{title}: a bar for each authority, grouped by type and lowest first within each: "
        + "; ".join(parts)
        + "."
    )
    if found_own is not None and found_own.power is not None:
        alt += f" {council} ({found_own.type}) has {money(found_own.power)} per head, against a national average of {money(average)}."
    table = [["Authority", "Type", "Core spending power per head"]] + [
        [a.name, a.type, money(a.power or 0.0)] for _, found in groups for a in found
    ]
    return Chart(title, _png(figure), alt, table)


HOW_TO_READ = (
    "Each dot is a council. The higher a dot, the better the council performs (its position "
    "among these councils); the further right, the less it spends per head. Councils in the top "
    "right box perform well and spend little; those in the bottom left spend more and perform less well."
)


def spending_scatter(points: Sequence[Point], council: str, what: str, *, note: str = "") -> Chart:
    """Performance position (1st at the top) against spending rank (lowest spending at the right),
    the four quadrants named, the council marked."""
    from matplotlib.figure import Figure

    if not points:
        raise ValueError("no council has both a performance position and a spending figure")
    n = len(points)
    middle = (n + 1) / 2
    # `Transport (SYNTHETIC), SYNTHETIC figures`, never two brackets in a row.
    title = f"Performance against spending: {what}" + (
        (f", {note}" if what.endswith(")") else f" ({note})") if note else ""
    )
    figure = Figure(figsize=(_inches(WIDTH_CM), 3.8), layout="constrained")
    axes = figure.add_subplot()
    axes.set_xlim(n + 1.5, -0.5)  # rank 1 (the lowest spending) at the right
    axes.set_ylim(n + 1.5, -0.5)  # 1st at the top
    axes.axvline(middle, color="#777777", linewidth=0.8)
    axes.axhline(middle, color="#777777", linewidth=0.8)
    corners = {
        QUADRANTS[(True, True)]: (0.98, 0.98, "right", "top"),
        QUADRANTS[(True, False)]: (0.02, 0.98, "left", "top"),
        QUADRANTS[(False, True)]: (0.98, 0.02, "right", "bottom"),
        QUADRANTS[(False, False)]: (0.02, 0.02, "left", "bottom"),
    }
    for name, (cx, cy, ha, va) in corners.items():
        axes.text(cx, cy, name.capitalize(), transform=axes.transAxes, ha=ha, va=va, fontsize=8,
                  style="italic", color="#333333")  # fmt: skip
    others = [p for p in points if p.name != council]
    axes.scatter([p.spending_rank for p in others], [p.performance for p in others], s=22,
                 color=OTHERS, edgecolor="#333333", linewidth=0.5)  # fmt: skip
    own = next((p for p in points if p.name == council), None)
    if own is not None:
        axes.scatter([own.spending_rank], [own.performance], s=90, marker="D", color=COUNCIL,
                     edgecolor="black", linewidth=0.8, zorder=3)  # fmt: skip
        left = own.spending_rank > middle  # the label inside the chart, whichever half
        axes.annotate(council, (own.spending_rank, own.performance), xytext=(8 if left else -8, -12),
                      ha="left" if left else "right",
                      textcoords="offset points", fontsize=8, fontweight="bold")  # fmt: skip
    axes.set_xlabel("Net expenditure per head: rank (lowest spending at the right)", fontsize=8)
    axes.set_ylabel("Performance: position (1st at the top)", fontsize=8)
    axes.tick_params(labelsize=8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    alt = f"{title}: a scatter chart of {n} councils' performance position against their rank by net expenditure per head."
    if own is not None:
        alt += (
            f" {council} is {ordinal(own.performance)} of {n} for performance and "
            f"{ordinal(own.spending_rank)} of {n} for spending, 1st spending the least "
            f"({money(own.spending)} per head): "
            f"{own.quadrant}."
        )
    counts = {q: sum(p.quadrant == q for p in points) for q in QUADRANTS.values()}
    alt += " Councils in each quarter: " + "; ".join(f"{q}: {c}" for q, c in counts.items()) + "."
    table = [
        ["Council", "Performance position", "Spending per head", "Spending rank", "Quadrant"]
    ] + [
        [p.name, str(p.performance), money(p.spending), str(p.spending_rank), p.quadrant]
        for p in points
    ]
    return Chart(title, _png(figure), alt, table)
