"""Charts of the council among comparator councils: its overall position over the years.

Drawn as `perfcli.report.charts` draws (A4 text width, Okabe–Ito colours, the council marked by
more than colour); matplotlib is imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Sequence

from perfcli.periods import parse_period
from perfcli.ranks import YearPosition
from perfcli.report.charts import COUNCIL, WIDTH_CM, Chart, _inches, _png, _tidy, ordinal


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
        f"average rank over every indicator, 1st being best. It was {ordinal(positions[0])} in "
        f"{years[0]} and is {ordinal(positions[-1])} in {years[-1]}; its best was "
        f"{ordinal(best)} ({', '.join(y for y, p in zip(years, positions, strict=True) if p == best)}). "
        + "; ".join(f"{y}: {ordinal(p)}" for y, p in zip(years, positions, strict=True))
        + "."
    )
    table = [["Year", "Position", "Of", "Indicators", "Average rank"]] + [
        [parse_period(y.period).display, str(y.position), str(y.of), str(y.indicators),
         "" if y.average is None else f"{y.average:.1f}"]
        for y in held
    ]  # fmt: skip
    return Chart(title, _png(figure), alt, table)
