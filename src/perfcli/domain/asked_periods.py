"""Which period a figure no dashboard filed is for, and which it is compared with: for a period
held only from owners' returns, by the measure's own basis and settings, as a dashboard's
figures are filed (importers/filing.py) and as `rate` compares them."""

from __future__ import annotations

from perfcli.domain.model import Basis, Frequency, Measure, PreviousBasis, ReportLine
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period, PeriodKind


def asked_period(measure: Measure, line: ReportLine | None, period: Period) -> Period:
    """The period a return for `period` asks the measure's figure for, when no dashboard has
    given `period`: a snapshot's the date the period ends, an annual measure's (or one whose
    latest line, `line`, filed a part-year report's figure as the year) the financial year,
    an academic-year measure's the academic year in progress; else the period itself."""
    year = Period.financial_year(period.fy_start_year)
    if measure.basis is Basis.SNAPSHOT:
        return Period.snapshot(period.end)
    if measure.basis is Basis.ACADEMIC_YEAR:
        return Period.academic_year(
            period.end.year if period.end.month >= 9 else period.end.year - 1
        )
    if measure.frequency in (Frequency.ANNUAL, Frequency.BIENNIAL) or measure.survey:
        return year
    if line is not None:
        filed, report = parse_period(line.current_period), parse_period(line.report_period)
        if filed.kind is PeriodKind.SNAPSHOT:
            return Period.snapshot(period.end)
        if filed.kind is PeriodKind.FINANCIAL_YEAR and report.kind is not PeriodKind.FINANCIAL_YEAR:
            return year
    return period


def compared_period(measure: Measure, current: str) -> str:
    """The period a figure for `current` is compared with when no dashboard says: last year's
    outturn for a part-year figure of a measure with `previous = "year-end"` (its 31 March
    for a snapshot), else the like-for-like period a year earlier (two for a biennial one)."""
    now = parse_period(current)
    year = Period.financial_year(now.fy_start_year)
    if measure.previous is PreviousBasis.YEAR_END and year.contains(now) and now != year:
        outturn = year.previous()
        return (Period.snapshot(outturn.end) if now.kind is PeriodKind.SNAPSHOT else outturn).label
    return now.previous(2 if measure.frequency is Frequency.BIENNIAL else 1).label
