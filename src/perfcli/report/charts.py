"""Charts for the compendium and the committee report, drawn for print: PNG bytes, alt text, and the figures behind them.

Drawn at the width of an A4 page's text (16 cm) with type no smaller than 8 pt once printed, in
the Okabe–Ito palette (safe for colour-blind readers). The council is picked out by more than
colour: its bar is hatched, its name is bold and marked with an arrow, and its figure is printed.
matplotlib is imported inside the functions, so `perfcli --help` never loads it.
"""

from __future__ import annotations

import io
import math
import statistics
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from msgspec import Struct, field

from perfcli.domain.cost_index import CostIndex
from perfcli.domain.spc import Chart as SpcChart
from perfcli.words import count

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
OTHERS = "#B9C7D3"  # a light grey-blue, behind the council's bar
COUNCIL = OKABE_ITO["vermillion"]
COUNCIL_HATCH = "///"
QUARTILE_STYLE = {
    1: ("Top", OKABE_ITO["bluish green"], ""),
    2: ("Second", OKABE_ITO["sky blue"], ".."),
    3: ("Third", OKABE_ITO["orange"], "//"),
    4: ("Bottom", OKABE_ITO["vermillion"], "xx"),
}
WIDTH_CM = 16.0
DPI = 200


class Chart(Struct, frozen=True):
    """A drawn chart: the picture, what it says in words, and the table of its figures."""

    title: str
    png: bytes
    alt_text: str
    table: list[list[str]] = field(default_factory=list)
    width_cm: float = WIDTH_CM


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def money(value: float) -> str:
    return f"£{value:,.0f}"


def spending_chart(
    spending: Mapping[str, float | None], council: str, *, period: str = "", note: str = ""
) -> Chart:
    """Spending per head of every council, lowest first, with the council picked out."""
    known = sorted(
        ((name, value) for name, value in spending.items() if value is not None),
        key=lambda item: (item[1], item[0]),
    )
    if not known:
        raise ValueError("no council has a spending figure to chart")
    names = [name for name, _ in known]
    values = [value for _, value in known]
    title = _title(f"Spending per head by council{_in(period)}", note)
    figure = _bars(names, values, council, money, xlabel="Spending per head (£)")
    lines = [f"{title}: {len(known)} councils, ranked from the lowest spending per head."]
    if council in names:
        position = names.index(council) + 1
        lines.append(
            f"{council} spends {money(spending[council] or 0)} per head, the {ordinal(position)} "
            f"lowest of {len(known)}."
        )
    lines.append(
        f"The lowest is {money(values[0])} ({names[0]}), the highest {money(values[-1])} "
        f"({names[-1]}), and the median {money(statistics.median(values))}."
    )
    table = [["Rank", "Council", "Spending per head"]] + [
        [str(i), name, money(value)] for i, (name, value) in enumerate(known, start=1)
    ]
    return Chart(title, _png(figure), " ".join(lines), table)


def index_chart(index: CostIndex, *, period: str = "", note: str = "") -> Chart:
    """Every council's cost-effectiveness index, best first, with the council picked out."""
    ranked = [row for row in index.rows if row.index is not None]
    if not ranked:
        raise ValueError("no council has both a spending figure and an outcome score")
    names = [row.council for row in ranked]
    values = [row.index or 0.0 for row in ranked]
    council = index.council or ""
    title = _title(f"Cost-effectiveness index{_in(period)}", note)
    figure = _bars(
        names, values, council, lambda v: f"{v:.2f}", xlabel="Index (0 to 1; higher is better)"
    )
    lines = [
        f"{title}: {len(ranked)} councils ranked by the mean of normalised spending per head "
        "(low spending scores 1) and normalised outcome score (1 is best)."
    ]
    own = index.own
    if own is not None and own.index is not None and own.rank is not None:
        lines.append(
            f"{own.council} ranks {ordinal(own.rank)} of {own.of} with an index of {own.index:.2f} "
            f"(spending score {own.input_score:.2f}, outcome score {own.outcome_score:.2f})."
        )
    lines.append(
        f"The highest index is {values[0]:.2f} ({names[0]}) and the lowest {values[-1]:.2f} "
        f"({names[-1]})."
    )
    table = [["Rank", "Council", "Spending per head", "Spending score", "Outcome score", "Index"]]
    table += [
        [
            str(row.rank),
            row.council,
            money(row.spending or 0.0),
            f"{row.input_score:.2f}",
            f"{row.outcome_score:.2f}",
            f"{row.index:.2f}",
        ]
        for row in ranked
    ]
    return Chart(title, _png(figure), " ".join(lines), table)


def quartile_mix_chart(theme: str, counts: Mapping[int, int], *, period: str = "") -> Chart:
    """How many of a theme's indicators stand in each quartile, top first."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    total = sum(counts.get(q, 0) for q in QUARTILE_STYLE)
    title = f"{theme}: quartile position of indicators{_in(period)}"
    figure = Figure(figsize=(_inches(WIDTH_CM), 2.2), layout="constrained")
    axes = figure.add_subplot()
    labels = [f"{name} quartile" for name, _, _ in QUARTILE_STYLE.values()]
    heights = [counts.get(q, 0) for q in QUARTILE_STYLE]
    positions = list(range(len(labels)))[::-1]
    for y, value, (_, colour, hatch) in zip(
        positions, heights, QUARTILE_STYLE.values(), strict=True
    ):
        axes.barh(y, value, color=colour, hatch=hatch, edgecolor="black", linewidth=0.6)
        axes.text(value + max(total, 1) * 0.01, y, str(value), va="center", fontsize=9)
    axes.set_yticks(positions, labels, fontsize=9)
    axes.set_xlabel("Number of indicators", fontsize=9)
    axes.set_xlim(0, max(max(heights, default=0), 1) * 1.15)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    _tidy(axes)
    parts = ", ".join(
        f"{counts.get(q, 0)} {name.lower()}" for q, (name, _, _) in QUARTILE_STYLE.items()
    )
    if total:
        best = max(QUARTILE_STYLE, key=lambda q: (counts.get(q, 0), -q))
        point = f"most often {QUARTILE_STYLE[best][0].lower()} quartile"
        alt = f"{title}: of {count(total, 'indicator')} with benchmarking data, {point}: {parts}."
    else:
        alt = f"{title}: no indicator in this theme has benchmarking data."
    table = [["Quartile", "Indicators"]] + [
        [name, str(counts.get(q, 0))] for q, (name, _, _) in QUARTILE_STYLE.items()
    ]
    return Chart(title, _png(figure), alt, table)


def quartile_mix_by_theme(
    counts: Mapping[str, Mapping[int, int]], *, period: str = "", council: str = ""
) -> Chart:
    """One stacked bar per theme: its indicators in the top, second, third and bottom quartile."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    themes = list(counts)
    if not themes:
        raise ValueError("no theme has benchmarking data to chart")
    who = f"{council}: " if council else ""
    title = f"{who}quartile position of indicators by theme{_in(period)}"
    height = 1.2 + 0.38 * len(themes)
    figure = Figure(figsize=(_inches(WIDTH_CM), height), layout="constrained")
    axes = figure.add_subplot()
    positions = list(range(len(themes)))[::-1]
    left = [0] * len(themes)
    for quartile_number, (name, colour, hatch) in QUARTILE_STYLE.items():
        widths = [counts[theme].get(quartile_number, 0) for theme in themes]
        bars = axes.barh(
            positions, widths, left=left, color=colour, hatch=hatch, edgecolor="black",
            linewidth=0.6, label=f"{name} quartile",
        )  # fmt: skip
        axes.bar_label(
            bars, labels=[str(w) if w else "" for w in widths], label_type="center", fontsize=8,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        )  # fmt: skip
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.set_yticks(positions, [_wrap(theme, 28) for theme in themes], fontsize=8)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("Number of indicators", fontsize=9)
    axes.legend(fontsize=8, ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    _tidy(axes)
    totals = {q: sum(c.get(q, 0) for c in counts.values()) for q in QUARTILE_STYLE}
    overall = sum(totals.values())
    worst = max(themes, key=lambda t: (counts[t].get(4, 0), t))
    alt = (
        f"{title}: {count(overall, 'indicator')} across {count(len(themes), 'theme')}; "
        + ", ".join(f"{totals[q]} {QUARTILE_STYLE[q][0].lower()}" for q in QUARTILE_STYLE)
        + f". {worst} has the most in the bottom quartile ({counts[worst].get(4, 0)}). "
        + "; ".join(
            f"{theme}: " + ", ".join(str(counts[theme].get(q, 0)) for q in QUARTILE_STYLE)
            for theme in themes
        )
        + " (top, second, third, bottom)."
    )
    table = [["Theme", "Top", "Second", "Third", "Bottom"]] + [
        [theme, *(str(counts[theme].get(q, 0)) for q in QUARTILE_STYLE)] for theme in themes
    ]
    return Chart(title, _png(figure), alt, table)


# Drawing ------------------------------------------------------------------------------------


def _bars(
    names: Sequence[str], values: Sequence[float], council: str, shown: Any, *, xlabel: str
) -> Any:
    """Horizontal bars, first at the top; the council's bar hatched, named in bold with ◀."""
    from matplotlib.figure import Figure

    height = 1.0 + 0.2 * len(names)
    figure = Figure(figsize=(_inches(WIDTH_CM), height), layout="constrained")
    axes = figure.add_subplot()
    positions = list(range(len(names)))[::-1]
    colours = [COUNCIL if name == council else OTHERS for name in names]
    hatches = [COUNCIL_HATCH if name == council else "" for name in names]
    bars = axes.barh(positions, values, color=colours, edgecolor="#333333", linewidth=0.5)
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    labels = [f"{name} ◀" if name == council else name for name in names]
    axes.set_yticks(positions, labels, fontsize=8)
    for label, name in zip(axes.get_yticklabels(), names, strict=True):
        if name == council:
            label.set_fontweight("bold")
    span = max(values) if max(values) > 0 else 1.0
    for y, name, value in zip(positions, names, values, strict=True):
        if name == council:
            axes.text(
                value + span * 0.01, y, shown(value), va="center", fontsize=8, fontweight="bold"
            )
    axes.set_xlim(0, span * 1.12)
    axes.set_ylim(-0.6, len(names) - 0.4)
    axes.set_xlabel(xlabel, fontsize=9)
    axes.xaxis.set_major_formatter(lambda value, _: shown(value))
    _tidy(axes)
    return figure


def _tidy(axes: Any) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="x", color="#DDDDDD", linewidth=0.5)
    axes.tick_params(axis="x", labelsize=8)
    axes.set_axisbelow(True)


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _inches(cm: float) -> float:
    return cm / 2.54


def _in(period: str) -> str:
    return f", {period}" if period else ""


def _title(text: str, note: str) -> str:
    return f"{text} ({note})" if note else text


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


# SPC ----------------------------------------------------------------------------------------

# Making Data Count colours its points blue (improvement), orange (concern) and purple (neither);
# here each type has its own marker shape too, and the legend names it in words.
SPC_STYLE = {
    "common_cause": ("common cause", "#7F7F7F", "o"),
    "special_cause_improvement": ("special cause improvement", OKABE_ITO["blue"], "^"),
    "special_cause_concern": ("special cause concern", OKABE_ITO["orange"], "v"),
    "special_cause_neither": ("special cause, neither", OKABE_ITO["reddish purple"], "D"),
}
ASSURANCE_WORDS = {
    "pass": "the process limits are on the right side of the target {}, so it will be met",
    "fail": "the process limits are on the wrong side of the target {}, so it will not be met "
    "without a change in the process",
    "inconsistent": "the target {} lies between the process limits, so it will be met in some "
    "periods and missed in others",
}


def label_step(names: Sequence[str]) -> int:
    """Every how many points an SPC chart's axis is labelled: as many labels as fit beside the
    legend (three quarters of the chart's width), at most eight: about 0.13 cm a character at
    7 points, with a gap. A trial's eight `End of March 2023` labels had run into one another."""
    longest = max((len(name) for name in names), default=1)
    fits = max(1, int(WIDTH_CM * 0.75 / (longest * 0.13 + 0.5)))
    return max(1, math.ceil(len(names) / min(fits, 8)))


def spc_chart(
    name: str,
    chart: SpcChart,
    shown: Callable[[float], str],
    *,
    target: float | None = None,
    labels: Sequence[str] = (),
) -> Chart:
    """An XmR chart as Making Data Count draws it: points, mean, process limits, a target."""
    from matplotlib.figure import Figure

    points = chart.points
    names = list(labels) or [p.period for p in points]
    figure = Figure(figsize=(_inches(WIDTH_CM), 2.8), layout="constrained")
    axes = figure.add_subplot()
    xs = list(range(len(points)))
    axes.plot(xs, [p.value for p in points], color="#999999", linewidth=1, zorder=1)
    axes.plot(xs, [p.mean for p in points], color=OKABE_ITO["black"], linewidth=1, label="mean")
    axes.plot(xs, [p.upper for p in points], color="#555555", linewidth=1, linestyle="--",
              label="process limits")  # fmt: skip
    axes.plot(xs, [p.lower for p in points], color="#555555", linewidth=1, linestyle="--")
    if target is not None:
        axes.axhline(target, color=OKABE_ITO["vermillion"], linewidth=1, linestyle=":",
                     label=f"target {shown(target)}")  # fmt: skip
    for kind, (words, colour, marker) in SPC_STYLE.items():
        chosen = [i for i, p in enumerate(points) if p.variation.value == kind]
        if chosen:
            axes.scatter(chosen, [points[i].value for i in chosen], color=colour, marker=marker,
                         s=22, zorder=2, label=words, edgecolors="#333333", linewidths=0.4)  # fmt: skip
    step = label_step(names)
    axes.set_xticks(xs[::step], names[::step], fontsize=7)
    axes.yaxis.set_major_formatter(lambda value, _: shown(value))
    axes.tick_params(axis="y", labelsize=8)
    axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    title = f"{name}: statistical process control (XmR) chart"
    return Chart(title, _png(figure), spc_alt_text(name, chart, shown, target, names),
                 _spc_table(chart, shown, names))  # fmt: skip


def spc_alt_text(
    name: str,
    chart: SpcChart,
    shown: Callable[[float], str],
    target: float | None,
    names: Sequence[str],
) -> str:
    """The chart in words: its span, mean and limits, and the two icons it stands for."""
    variation = SPC_STYLE[chart.variation.value][0]
    lines = [
        f"{name}: {len(chart.points)} points from {names[0]} to {names[-1]}, with a mean of "
        f"{shown(chart.mean)} and process limits from {shown(chart.lower_limit)} to "
        f"{shown(chart.upper_limit)}{' (trial limits)' if chart.trial else ''}.",
        f"Variation: {variation} at the latest point, {names[-1]}.",
    ]
    if chart.rebased:
        lines.append(f"The limits were recalculated from {', '.join(chart.rebased)}.")
    special = sum(p.variation.value != "common_cause" for p in chart.points)
    show = "shows" if special == 1 else "show"
    lines.append(f"{special} of the {len(chart.points)} points {show} special cause variation.")
    if chart.assurance is not None and target is not None:
        lines.append(f"Assurance: {ASSURANCE_WORDS[chart.assurance.value].format(shown(target))}.")
    return " ".join(lines)


def _spc_table(
    chart: SpcChart, shown: Callable[[float], str], names: Sequence[str]
) -> list[list[str]]:
    return [["Period", "Value", "Variation"]] + [
        [label, shown(p.value), SPC_STYLE[p.variation.value][0]]
        for label, p in zip(names, chart.points, strict=True)
    ]
