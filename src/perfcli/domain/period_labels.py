"""A figure's own period said beside it, where its column's heading does not say it: the one rule
Appendix A, `perfcli rate`'s table and the proof-reader share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfcli.domain.comparator_types import Comparator
from perfcli.domain.model import Basis, Measure
from perfcli.domain.period_parsing import find_periods, parse_period
from perfcli.domain.periods import Period, PeriodKind

if TYPE_CHECKING:
    from perfcli.domain.assessment import Rated


def counts_academic_years(measure: Measure, comparator: Comparator | None) -> bool:
    """Whether a measure's years are academic years: by its basis, or as its comparator says
    (seed 001's LALS, `84.0% Local Target 2024/25 (Academic year)`, filed as 2024/25)."""
    said = comparator.raw.lower() if comparator else ""
    return measure.basis is Basis.ACADEMIC_YEAR or "academic year" in said


def labelled(figure: str, label: str, column: str, *, academic: bool = False) -> str:
    """A figure, with its own period where that differs from its column's, said once: not where
    the figure already states it (`61 (… at end of Mar-25)`), and an academic year as one."""
    if not figure or label == column:
        return figure
    period, shown = parse_period(label), parse_period(column)
    if period.end == shown.end:
        return figure  # a position at the column's end is what the column means
    if states_period(figure, period):
        return figure
    return f"{figure} ({period_words(period, academic=academic)})"


def figures_shown(rated: Rated, report: str, before: str) -> tuple[str, str]:
    """A rated measure's current and previous figures as a table shows them under the report's
    columns (`report`, and `before`, the same period a year earlier): each with its own period
    where it is not its column's; a missing figure's reason (which says when) as printed."""
    academic = counts_academic_years(rated.measure, rated.line.comparator)
    unit = rated.measure.unit
    shown = []
    for obs, label, column, beside in (
        (rated.current, rated.line.current_period, report, rated.previous),
        (rated.previous, rated.previous_period or before, before, rated.current),
    ):
        if obs is None:
            shown.append("")
        elif obs.value is None:
            shown.append(obs.raw)
        else:
            shown.append(labelled(obs.printed(unit, beside), label, column, academic=academic))
    return shown[0], shown[1]


def states_period(text: str, period: Period) -> bool:
    """Whether a cell's own words state `period` (`61 (… at end of Mar-25)`, `… in 25/26`):
    then no label is added, and no header is taken to claim it."""
    stated = [m.period for m in find_periods(text) if m.period is not None]
    return any(p == period or (p.end == period.end and p.start >= period.start) for p in stated)


def period_words(period: Period, *, academic: bool = False) -> str:
    """A period as a label beside a figure: `2024/25`, `2024/25 academic year`, `End of March 2025`."""
    if period.kind is PeriodKind.ACADEMIC_YEAR:
        return f"{period.start.year}/{period.end.year % 100:02d} academic year"
    if academic and period.kind is PeriodKind.FINANCIAL_YEAR:
        return f"{period.display} academic year"
    return period.display


def so_far(period: Period, report: Period) -> bool:
    """Whether a figure for `period` is the position so far at the end of `report`: an academic
    year in progress then, as a quarter's report files an academic year's figure (seed 001's
    LALS and Creative Learning workshops, 2024/25's, in April to June 2025). A financial year's
    figure in a quarter's report is a forecast, or a slip."""
    return period.kind is PeriodKind.ACADEMIC_YEAR and period.in_progress_at(report.end)
