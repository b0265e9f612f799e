"""Figures, changes and periods as a report's prose writes them: `19,600`, `in 2023/24`."""

from __future__ import annotations

from perfcli.domain.comparator_types import Comparator
from perfcli.domain.figures import SCALES, SYMBOLS, Figure, Unit, half_up
from perfcli.domain.model import Observation
from perfcli.domain.period_labels import counts_academic_years
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period, PeriodKind
from perfcli.report.item import Item

# Figures --------------------------------------------------------------------------------


def plain(
    value: float, unit: Unit | None, decimals: int, scale: str, currency: str | None = None
) -> str:
    """A figure as prose writes it, to the precision the dashboard printed: its `19.6k` is
    `19,600`, its `2,384.5k` is `2.38 million`, `£21.57bn` is `£21.57 billion`; percentages and
    unscaled figures as printed."""
    if unit is Unit.PERCENT or not scale:
        return Figure(value, unit, decimals, scale, currency).text(unit)
    step = SCALES[scale] / 10**decimals
    rounded = abs(round(value / step) * step)
    sign = "-" if value < 0 and rounded else ""
    symbol = SYMBOLS.get(currency or "", "£" if unit is Unit.CURRENCY else "")
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if rounded >= size:
            number = f"{rounded / size:,.2f}".rstrip("0").rstrip(".")
            return f"{sign}{symbol}{number} {word}"
    return f"{sign}{symbol}{rounded:,.0f}"


def figure(obs: Observation, unit: Unit) -> str:
    """A figure for prose: `17,300`, `1.01 million`, `89.6%`, `13.7 per 100,000`."""
    if obs.value is None:
        return obs.raw
    shown = plain(obs.value, obs.unit or unit, obs.decimals, obs.scale, obs.currency)
    if unit is Unit.RATE_PER_100K:
        shown += " per 100,000"
    elif unit is Unit.HOURS:
        shown += " hours"  # a bare 19,600 says nothing of what was counted
    return shown


def with_counts(obs: Observation, unit: Unit) -> str:
    shown = figure(obs, unit)
    if obs.numerator is not None and obs.denominator is not None:
        shown += f" ({obs.numerator:,.0f} out of {obs.denominator:,.0f})"
    return shown


def written_like(value: float, obs: Observation | Comparator, unit: Unit) -> str:
    """`value` written as `obs` is: same unit and precision."""
    shown = plain(value, obs.unit or unit, obs.decimals, obs.scale)
    return shown + UNIT_WORDS.get(unit, "")


def gap_between(gap: float, unit: Unit, *figures: Observation | Comparator | None) -> str:
    """A difference between `figures` written as the more finely printed of them is: `£1.2m`
    and `£1.25m` differ by `£50,000`, which `£1.2m`'s own precision would write as `£0`."""
    finest = min((f for f in figures if f is not None), key=_step)
    return written_like(gap, finest, unit)


def _step(figure: Observation | Comparator) -> float:
    """The smallest difference a figure's printing shows (`£1.2m`: £100,000)."""
    return SCALES[figure.scale] / 10**figure.decimals


# A bare number says nothing of what was counted: rates and hours carry their unit in prose.
UNIT_WORDS = {Unit.RATE_PER_100K: " per 100,000", Unit.HOURS: " hours"}


def shares_say(now: float, before: float) -> bool:
    """Whether a change is said as a share of the figure before (`14% higher`): only between
    figures of 0 or more, from one above 0. From 0, or across or below it, a share says nothing
    (a re-check's budget, -£300,000 after £400,000, was "175% lower")."""
    return before > 0 and now >= 0


def per_cent(change: float) -> str:
    """A relative change as a report gives it: one decimal under 10%, whole above."""
    size = abs(change)
    return f"{half_up(size, 1)}%" if round(size, 1) < 10 else f"{half_up(size, 0)}%"


def points(change: float, decimals: int = 1) -> str:
    """A change in percentage points, no finer than the figures it is between."""
    shown = half_up(abs(change), decimals)
    return f"{shown} percentage point{'' if float(shown.replace(',', '')) == 1 else 's'}"


def decimals_of(*figures: Observation | Comparator | None) -> int:
    """The precision of a change between figures: the finer of the two as printed."""
    return max((f.decimals for f in figures if f is not None), default=1)


# Periods ----------------------------------------------------------------------------------


ORDINALS = ("first", "second", "third", "fourth")
# Periods prose says in full: a dashboard's short form of them is shorthand.
_SAID_LONG = (PeriodKind.YEAR_TO_DATE, PeriodKind.MONTHS, PeriodKind.MONTH)


def spoken(label: str) -> str:
    """A period as a reader says it: `the first quarter of 2025/26`, `2023/24`."""
    period = parse_period(label)
    if period.kind is PeriodKind.QUARTER and period.quarter_number:
        year = Period.financial_year(period.fy_start_year).display
        return f"the {ORDINALS[period.quarter_number - 1]} quarter of {year}"
    if period.kind in _SAID_LONG:
        return period.long  # "April to November 2021", "March 2025", not "Apr-Nov 2021", "Mar 2025"
    return period.display.replace(" (academic year)", " academic year")


def when(label: str) -> str:
    """`in 2023/24`, `at the end of March 2024`, `on 1 January 2023`."""
    period = parse_period(label)
    if period.kind is PeriodKind.SNAPSHOT:
        return f"at the end of {period.position}" if period.is_end_of_month else f"on {period.long}"
    if period.kind is PeriodKind.QUARTER or period.kind in _SAID_LONG:
        return f"in {period.long}"  # "in April to November 2021", not "in Apr-Nov 2021"
    if period.kind is PeriodKind.ACADEMIC_YEAR:
        return f"in the {period.display.replace(' (academic year)', '')} academic year"
    return f"in {period.display}"


def academic(item: Item) -> bool:
    """Whether a measure's years are academic years (period_labels.counts_academic_years)."""
    return counts_academic_years(item.measure, item.comparator)


def when_of(item: Item, label: str) -> str:
    """`when(label)` for one measure: a year of a measure counted in academic years is said as
    one (`in the 2024/25 academic year`), as Appendix A labels it."""
    period = parse_period(label)
    if period.kind is PeriodKind.FINANCIAL_YEAR and academic(item):
        return f"in the {period.display} academic year"
    return when(label)
