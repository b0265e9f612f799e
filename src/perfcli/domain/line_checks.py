"""Checks on one measure's row in one report: its periods, its comparator's period and its
figures, each finding at the cell its figure came from when that is known."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from msgspec.structs import replace

from perfcli.domain.comparator_parsing import ComparatorKind, group_average
from perfcli.domain.comparator_types import Comparator, ThresholdComparator
from perfcli.domain.figures import Unit, half_up, percent_matches
from perfcli.domain.findings import Finding, Severity
from perfcli.domain.model import (
    Basis,
    Frequency,
    Measure,
    Observation,
    PreviousBasis,
    ReportLine,
    printing_step,
)
from perfcli.domain.period_labels import counts_academic_years, so_far
from perfcli.domain.period_parsing import find_periods, most_specific, parse_period
from perfcli.domain.periods import Period, PeriodKind
from perfcli.domain.rating import NEVER_NEGATIVE, UNIT_NAMES, not_a_share, unit_clash
from perfcli.domain.values import is_spreadsheet_error
from perfcli.errors import quoted
from perfcli.location import Location

# NHS England publishes a year's ASCOF national figures in the autumn after the year ends.
PUBLICATION_LAG_MONTHS = 7
# Where a measure's figure for a period came from, when that is known.
Cells = Callable[[str], Location | None]


def line_location(line: ReportLine, period: str | None = None) -> Location:
    """Where a finding about a line is: its measure, for its current period unless named."""
    return Location.of(line.measure_id, period or line.current_period)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def latest_published_year(measure: Measure, at: date) -> int:
    """The start year of the latest national figures published by `at` for this measure."""
    year = _latest_annual_year(at)
    if measure.frequency is Frequency.BIENNIAL and measure.survey_period:
        anchor = parse_period(measure.survey_period).fy_start_year
        if (year - anchor) % 2:
            year -= 1
    return year


@lru_cache(maxsize=64)  # one report date, asked once per measure
def _latest_annual_year(at: date) -> int:
    year = at.year if at.month >= 4 else at.year - 1
    while _add_months(date(year + 1, 3, 31), PUBLICATION_LAG_MONTHS) > at:
        year -= 1
    return year


def _explained_by_basis(measure: Measure) -> bool:
    return (
        measure.survey
        or measure.frequency in (Frequency.ANNUAL, Frequency.BIENNIAL)
        or measure.basis in (Basis.ACADEMIC_YEAR, Basis.SNAPSHOT)
    )


def check_line(
    line: ReportLine,
    measure: Measure,
    current: Observation | None,
    previous: Observation | None,
    today: date,
    cells: Cells | None = None,
) -> list[Finding]:
    """Every check on one measure's row in one report; `cells(period)` locates a period's
    figure, asked only of a figure with a finding."""
    # Each label parsed once here and passed on: a line's checks asked for them nine times.
    report, now = parse_period(line.report_period), parse_period(line.current_period)
    found: list[Finding] = []
    found += _period_checks(line, measure, current, previous, report, now, today)
    found += _comparator_checks(line, measure, current, report, now)
    for obs in (current, previous):
        if obs is not None:
            found += _value_checks(line, measure, obs, cells)
    if current is None:
        found.append(Finding(Severity.WARNING, "value.missing", line_location(line), "no figure and no reason given",
                             "fill in the figure, or say why it is missing (e.g. 'Due June 2025')"))  # fmt: skip
        return found
    found += _at(_restated(line, current), cells, current.period)
    found += _forecasts_differ(line, current)
    if current.value is None and is_spreadsheet_error(current.raw):
        error = Finding(Severity.WARNING, "value.error", line_location(line),
                        f"a spreadsheet error instead of a figure: {quoted(current.raw)}",
                        "correct the formula in the workbook and import it again")  # fmt: skip
        found += _at([error], cells, current.period)
    elif current.value is None and current.reason and not _explained_by_basis(measure):
        text = Finding(Severity.WARNING, "value.text", line_location(line),
                       f"text instead of a figure: {quoted(current.raw)}",
                       "a survey or annual measure may say when it is due; otherwise give the figure")  # fmt: skip
        found += _at([text], cells, current.period)
    return found


def _restated(line: ReportLine, current: Observation) -> list[Finding]:
    """A current figure whose text names the previous column's period, filed as the current
    column's (see importers/filing.py): the slip stays in the cell until corrected there."""
    if current.value is None or not line.previous_period:
        return []
    stated = most_specific(find_periods(current.raw))
    filed = parse_period(current.period)
    if stated is None or stated != parse_period(line.previous_period) or stated == filed:
        return []
    return [Finding(Severity.WARNING, "period.restated", line_location(line),
                    f"{quoted(current.raw)} states {stated.display}, the previous figure's period, but"
                    f" is the current column's figure: filed as {filed.display}",
                    f"correct the date written in the cell to {filed.display}")]  # fmt: skip


def _at(found: list[Finding], cells: Cells | None, period: str) -> list[Finding]:
    """Findings about one period's figure, at the cell it came from when that is known."""
    cell = cells(period) if cells is not None and found else None
    if cell is None:
        return found
    return [replace(f, location=f.location.at_cell(cell)) for f in found]


@lru_cache(maxsize=256)
def _one_period(current: str, previous: str) -> bool:
    """Whether two labels name one period: asked for every line, of a dashboard's few labels
    (parsing and comparing both each time was half of `rate`'s check)."""
    return parse_period(current) == parse_period(previous)


def one_period_twice(
    line: ReportLine, current: Observation | None, previous: Observation | None
) -> Finding | None:
    """A row whose current and previous figures are for one period (two columns headed alike):
    compared, the figure would be set beside itself."""
    if not line.previous_period or current is None or previous is None:
        return None
    if not _one_period(line.current_period, line.previous_period):
        return None
    now = parse_period(line.current_period)
    return Finding(Severity.ERROR, "period.same", line_location(line),
                   f"the current and previous figures are both for {now.display}",
                   "check the dates written in the figures")  # fmt: skip


def _years_between(before: Period, now: Period) -> int:
    """How many years apart two like periods start (a quarter and the same quarter: 1)."""
    return now.fy_start_year - before.fy_start_year if before.like_for_like(now) else 0


def _every_other_year(measure: Measure) -> bool:
    """A survey run every other year compares with the one before it, two years back."""
    return measure.frequency is Frequency.BIENNIAL


def _forecasts_differ(line: ReportLine, current: Observation) -> list[Finding]:
    """An owner's year-end forecast that is not the forecast the dashboard printed for the same
    year (seed 001's ASCOF 2B, 14.3, and a return's 14.5): the report says which is the later."""
    if line.forecast is None or current.status != "forecast" or current.value is None:
        return []
    year = parse_period(current.period)
    if year.kind is not PeriodKind.FINANCIAL_YEAR:
        return []
    if abs(line.forecast - current.value) <= printing_step(current) / 2:
        return []
    return [Finding(Severity.WARNING, "forecast.differs", line_location(line, current.period),
                    f"the owner's year-end forecast {line.forecast:g} is not the dashboard's forecast {quoted(current.raw)} for {year.display}",
                    "the report gives the owner's as the later; correct whichever is wrong")]  # fmt: skip


def _period_checks(
    line: ReportLine,
    measure: Measure,
    current: Observation | None,
    previous: Observation | None,
    report: Period,
    now: Period,
    today: date,
) -> list[Finding]:
    found = []
    if line.previous_period:
        before = parse_period(line.previous_period)
        same = one_period_twice(line, current, previous)
        if same is not None:
            found.append(same)
        elif (
            not before.like_for_like(now)
            and measure.previous is not PreviousBasis.YEAR_END
            and not _explained_by_basis(measure)
        ):
            said = " ".join(o.raw for o in (current, previous) if o is not None).lower()
            hint = (
                # `Survey is annual and will next run in February 2026`: a survey's year, not a slip
                f'a survey: set survey = true and frequency ("annual" or "biennial") under [measures.{measure.id}] in perfcli.toml'
                if "survey" in said
                else f'if intended, set previous = "year-end" under [measures.{measure.id}] in perfcli.toml'
            )  # fmt: skip
            found.append(Finding(Severity.WARNING, "period.unlike", line_location(line),
                                 f"{now.display} is compared with {before.display}, which is not like for like",
                                 hint))  # fmt: skip
        elif (
            measure.previous is PreviousBasis.YEAR_END
            and before.kind is PeriodKind.FINANCIAL_YEAR
            and before.fy_start_year < now.fy_start_year - 1
        ):
            # A re-check: a Q1 2025/26 figure beside 2023/24's year-end, with previous =
            # "year-end" set as the hint said, was rated "improved" against it, unwarned.
            last = Period.financial_year(now.fy_start_year - 1)
            found.append(Finding(Severity.WARNING, "period.unlike", line_location(line),
                                 f"{now.display} is compared with {before.display}'s year-end, not the last year-end, {last.display}",
                                 "check the previous column's heading"))  # fmt: skip
        elif (
            measure.previous is PreviousBasis.YEAR_END
            and before.kind is PeriodKind.FINANCIAL_YEAR
            and now.kind in _PART_YEARS
            and measure.unit in _SUMS
            and measure.basis is not Basis.SNAPSHOT
        ):
            # A third trial: Q1's 196.4k visits "not as good" than 2024/25's 615.1k, with
            # previous = "year-end" set: a quarter's sum against a year's.
            found.append(Finding(Severity.WARNING, "period.unlike", line_location(line),
                                 f"{now.display}'s {measure.unit.value} is compared with the whole of {before.display}'s, which is not like for like",
                                 f'previous = "year-end" suits a share, a rate or a position; for a {measure.unit.value} set previous = "like-for-like" under [measures.{measure.id}] in perfcli.toml'))  # fmt: skip
        elif _years_between(before, now) > 1 and not _every_other_year(measure):
            # A trial: a `2022/23 Performance` column beside `2024/25` was rated "improved"
            # against it as against last year.
            years = _years_between(before, now)
            found.append(Finding(Severity.WARNING, "period.unlike", line_location(line),
                                 f"{now.display} is compared with {before.display}, {years} years earlier, not the year before",
                                 "check the previous column's heading: progress is judged against it as against last year"))  # fmt: skip
    inside = now == report or report.contains(now) or now.contains(report)
    # In a compendium's theme dashboard a figure that prints its own earlier period
    # (`340.2 (2022)`) lags on purpose: said, not warned about. In a committee dashboard it is
    # more likely a slip, and warned about.
    stated = (
        line.theme is not None
        and current is not None
        and now.end < report.end
        and (now.display.lower() in current.raw.lower() or bool(find_periods(current.raw)))
    )
    if not inside and stated:
        found.append(Finding(Severity.INFO, "period.lagged", line_location(line),
                             f"a figure for {now.display}, as printed, in the report for {report.display}"))  # fmt: skip
    elif not inside and not _explained_by_basis(measure):
        found.append(Finding(Severity.WARNING, "period.outside", line_location(line),
                             f"a figure for {now.display} in the report for {report.display}",
                             "state the measure's basis (academic_year, snapshot, survey) in perfcli.toml"))  # fmt: skip
    for obs in (current, previous):
        if obs is None or obs.value is None or obs.status == "forecast":
            continue
        period = parse_period(obs.period)
        # An academic year in progress at the report's end, as the measure's basis files its
        # figure in a quarter's report, holds the position so far: not a slip. A financial
        # year's "Actual 62 Admissions in 25/26" in July 2025 is.
        if not period.ended_by(today) and not so_far(period, report):
            found.append(Finding(Severity.ERROR, "period.future", line_location(line, obs.period),
                                 f"{quoted(obs.raw)} is for {period.display}, which has not ended by {today:%d %B %Y}",
                                 "check the period, or mark the figure as a forecast"))  # fmt: skip
    return found


def _stale_hint(measure: Measure) -> str:
    if measure.survey or measure.frequency is not None:
        return "update the comparator to the latest national figures"
    return (
        "update the comparator to the latest national figures; for a survey run every other year,"
        f' set frequency = "biennial" and survey_period under [measures.{measure.id}] in perfcli.toml'
    )


# Parts of a financial year: a figure filed as one is not an academic year's.
_PART_YEARS = (PeriodKind.QUARTER, PeriodKind.YEAR_TO_DATE, PeriodKind.MONTHS, PeriodKind.MONTH)


def _comparator_checks(
    line: ReportLine, measure: Measure, current: Observation | None, report: Period, now: Period
) -> list[Finding]:
    comparator = line.comparator
    found = []
    clash = unit_clash(measure, comparator)
    if clash is not None:
        found.append(Finding(Severity.WARNING, "comparator.unit", line_location(line),
                             f"{clash}: the measure is not rated against it",
                             "check the comparator and the measure's unit (set unit under"
                             f" [measures.{measure.id}] in perfcli.toml if it is wrong)"))  # fmt: skip
    if (
        comparator is not None
        and measure.basis is not Basis.ACADEMIC_YEAR
        and counts_academic_years(measure, comparator)  # its comparator says so, then
        and now.kind in _PART_YEARS
    ):
        # Seed 001's workshops: `21.6k` against `20.0k Local Milestone Jun-25 (Academic
        # year)`, more than the whole of 2023/24: the academic year so far, filed as a quarter.
        found.append(Finding(Severity.WARNING, "period.academic", line_location(line),
                             f"the comparator is for an academic year ({quoted(comparator.raw)}), but the figure is filed for {now.display}",
                             f'if the figure is the academic year so far, set basis = "academic_year" under [measures.{measure.id}] in perfcli.toml'))  # fmt: skip
    off = wrong_period(comparator, measure, report, now)
    if off is not None:
        found.append(Finding(Severity.ERROR, "comparator.wrong_period", line_location(line), *off))
    part = _part_of_a_year(comparator, measure, current, now)
    if part is not None:
        found.append(Finding(Severity.WARNING, "comparator.part_year", line_location(line), *part))
    if comparator is None or comparator.period is None:
        return found
    period = parse_period(comparator.period)
    if comparator.kind is ComparatorKind.NATIONAL_AVERAGE:
        group = group_average(comparator.label)
        if group is not None:
            # CIPFA's and regional averages keep their own timetables: an old one is only said.
            if period.fy_start_year < report.fy_start_year - 1:
                found.append(Finding(Severity.WARNING, "comparator.stale", line_location(line),
                                     f"{group} for {period.display}, {report.fy_start_year - period.fy_start_year} years before the report's {report.display}",
                                     "update the comparator if newer figures are published"))  # fmt: skip
        else:
            expected = latest_published_year(measure, report.end)
            if measure.frequency is Frequency.BIENNIAL and not measure.survey_period:
                expected -= 1  # which years the survey ran is not known: the year before may be
            if period.fy_start_year < expected:
                found.append(Finding(Severity.WARNING, "comparator.stale", line_location(line),
                                     f"national average for {period.display}; {expected}/{(expected + 1) % 100:02d} figures were published by {report.position}",
                                     _stale_hint(measure)))  # fmt: skip
        compared = parse_period(current.period) if current else report
        if period.start > compared.end:
            found.append(Finding(Severity.WARNING, "comparator.newer", line_location(line),
                                 f"national average for {period.display} is newer than the figure it is compared with ({compared.display})",
                                 "compare like with like"))  # fmt: skip
    return found


def wrong_period(
    comparator: Comparator | None, measure: Measure, report: Period, now: Period
) -> tuple[str, str] | None:
    """Why a target, milestone, band or limit cannot be set against the report's figure, and
    what to do: it is for another period, or a count's whole year against a part of it. None
    where it can. validate says it; rate and the draft do not rate against it."""
    if comparator is None or comparator.kind not in _FOR_A_PERIOD:
        return None  # most are national averages, which follow their own timetable
    kind, raw = comparator.kind.value, quoted(comparator.raw)
    part = (f"give the milestone for {now.display}, as a quarter's count is set against the"
            " quarter's part of the target")  # fmt: skip
    if comparator.period is None:
        # A re-check: `800k Annual target` against a Q1 count of 196.4k, rated red, unwarned.
        year = Period.financial_year(now.fy_start_year)
        if _YEARLY.search(comparator.label or "") and _whole_count_for_a_part(
            comparator, measure, year, now
        ):
            return (
                f"{kind} {raw} is {_total(measure)} for a whole year, not for {now.display}",
                part,
            )
        return None
    period = parse_period(comparator.period)
    if not fits_period(comparator, report, now):
        return (f"{kind} {raw} is for {period.display}, not {report.display}",
                f"give the {kind} for {report.display}")  # fmt: skip
    if _whole_count_for_a_part(comparator, measure, period, now):
        # A trial: a Q1 report's 5.0k visits against the year's 20.4k target, rated red.
        return (
            f"{kind} {raw} is {_total(measure)} for the whole of {period.display}, not for"
            f" {now.display}",
            part,
        )
    return None


# What a part of a year adds up to: a rate of events per head, and the sums.
_GROWS_WITH_TIME = (Unit.RATE_PER_100K, Unit.COUNT, Unit.CURRENCY, Unit.HOURS)  # _SUMS and rates
# A figure that says it covers a year, whatever column it is in.
_A_YEARS_FIGURE = re.compile(
    r"\b(?:forecast|rolling|annuali[sz]ed|12[\s-]months?|twelve months"
    r"|year(?:ly)?(?![\s-]+to[\s-]+date))\b",  # the year to date is a part of one
    re.I,
)


def _part_of_a_year(
    comparator: Comparator | None, measure: Measure, current: Observation | None, now: Period
) -> tuple[str, str] | None:
    """A rate per 100,000 or a count for part of a year (a quarter's admissions), set beside a
    national average, which is a whole year's: a quarter's is about a quarter of a year's, so
    it compares well or badly however it goes. Not a forecast or a rolling year, which say so
    (seed 001's `14.3 per 100k Pop. Forecast 62 Admissions in 25/26`), nor a figure at a date."""
    if (
        comparator is None
        or comparator.kind is not ComparatorKind.NATIONAL_AVERAGE
        or measure.unit not in _GROWS_WITH_TIME
        or measure.basis is Basis.SNAPSHOT
        or now.kind not in _PART_YEARS
        or current is None
        or current.value is None
        or current.status == "forecast"
        or _A_YEARS_FIGURE.search(current.raw)
    ):
        return None
    what = UNIT_NAMES[measure.unit].removesuffix(" per 100,000")  # the cell says per 100k
    year = f" ({parse_period(comparator.period).display})" if comparator.period else ""
    return (
        f"{quoted(current.raw)} is {what} for {now.display}, part of a year, compared with a"
        f" national average for a whole year{year}",
        "give the year's forecast or a rolling year's figure and say so in the cell (`14.3 per"
        " 100k Pop. Forecast 62 Admissions in 25/26`, `rolling 12 months`); for a figure at a"
        f' date, set basis = "snapshot" under [measures.{measure.id}] in perfcli.toml',
    )


def _total(measure: Measure) -> str:
    """What a year's target of the measure's unit is: `a count`, else `a total` (money, hours)."""
    return "a count" if measure.unit is Unit.COUNT else "a total"


_YEARLY = re.compile(
    r"\b(?:annual|yearly|year[\s-]end|full[\s-]year|whole[\s-]year|for\s+the\s+year)\b", re.I
)


_SUMS = (Unit.COUNT, Unit.CURRENCY, Unit.HOURS)  # figures a part of the year adds up to


def _whole_count_for_a_part(
    comparator: Comparator, measure: Measure, period: Period, now: Period
) -> bool:
    """A count, sum or hours target for a whole year set against a part of it: not like with like
    (a share or rate's target holds for any part of the year; a position at a date is no sum)."""
    value, _, _, _ = comparator.figures()
    return (
        comparator.kind in _LOCAL_TARGETS
        and value != 0  # nothing is nothing for any part of the year (a budget's £0 target)
        and measure.unit in _SUMS
        and measure.basis is not Basis.SNAPSHOT
        and now.kind in _PART_YEARS
        and period.contains(now)
        and period.months > now.months
    )


def fits_period(comparator: Comparator, report: Period, now: Period) -> bool:
    """Whether a local target, milestone, band or limit is one for the report's period or the
    figure's (a national average is for whichever year was published last; a position at a
    date, `<1,575 Position as at 1st Jan 2023`, is a baseline for any period after it)."""
    limit = isinstance(comparator, ThresholdComparator) and not comparator.at_a_date
    if comparator.period is None or (comparator.kind not in _LOCAL_TARGETS and not limit):
        return True
    period = parse_period(comparator.period)
    # A part of the report's period fits only where it ends with it (`Q4 Milestone`, `Local
    # target March 2025` for a year): a trial's year was rated against its Q1 milestone.
    ends_it = report.contains(period) and period.end == report.end
    return (period == report or period.contains(report) or ends_it
            or period == now or period.contains(now))  # fmt: skip


_LOCAL_TARGETS = (ComparatorKind.TARGET, ComparatorKind.MILESTONE, ComparatorKind.BAND)
# What is set for a period of the council's own: a target, milestone, band or limit.
_FOR_A_PERIOD = frozenset((*_LOCAL_TARGETS, ComparatorKind.THRESHOLD))


def _value_checks(
    line: ReportLine, measure: Measure, obs: Observation, cells: Cells | None = None
) -> list[Finding]:
    """A figure that cannot be right: at the cell it came from, when the store knows it."""
    if obs.value is None:
        return []
    return _at(_figure_checks(line, measure, obs), cells, obs.period)


def _figure_checks(line: ReportLine, measure: Measure, obs: Observation) -> list[Finding]:
    assert obs.value is not None
    found = []
    if measure.unit is Unit.PERCENT and not 0 <= obs.value <= 100:
        # A share's numerator cannot pass its denominator; a ratio's can (excess mortality 423%).
        share = not_a_share(measure, obs)
        found.append(Finding(
            Severity.ERROR if share else Severity.WARNING, "value.percent_range", line_location(line, obs.period),
            f"{quoted(obs.raw)} is outside 0–100%" + ("" if share else ", as a ratio may be"),
            "check the figure",
        ))  # fmt: skip
    # A percentage typed bare between 0 and 1 to two places or more (`0.812`), as Excel shows
    # a fraction in a cell not formatted as a percentage: its text looked at last (a pattern
    # for each of a file's figures cost 2 ms).
    if 0 < obs.value < 1 and obs.decimals >= 2 and measure.unit is Unit.PERCENT and obs.bare:
        shown = f"{obs.value * 100:.{max(obs.decimals - 2, 0)}f}%"
        found.append(Finding(
            Severity.WARNING, "value.fraction", line_location(line, obs.period),
            f"{quoted(obs.raw)} reads as {obs.raw}%, but may be the fraction {shown}",
            f"if it is {shown}, format the cell as a percentage in Excel or type {shown}",
        ))  # fmt: skip
    if (
        measure.unit is Unit.COUNT
        and obs.decimals
        and not obs.scale
        and obs.value != int(obs.value)
    ):
        # A trial: E-loans typed `0.3226` was drafted as "a fall of 279,399.6774", unwarned.
        found.append(Finding(
            Severity.WARNING, "value.count_decimals", line_location(line, obs.period),
            f"{quoted(obs.raw)} has decimals, for a count",
            "check the figure: a count is whole (if the measure is a share or a rate, set its"
            f" unit under [measures.{measure.id}] in perfcli.toml)",
        ))  # fmt: skip
    if measure.unit in NEVER_NEGATIVE and obs.value < 0:
        found.append(Finding(Severity.ERROR, "value.negative", line_location(line, obs.period),
                             f"{quoted(obs.raw)} is negative for {UNIT_NAMES[measure.unit]}",
                             "check the figure"))  # fmt: skip
    if (
        measure.unit is Unit.RATE_PER_100K
        and "per 100" not in (obs.raw + measure.description).lower()
        and obs.count is None
    ):
        found.append(Finding(Severity.WARNING, "value.rate_basis", line_location(line, obs.period),
                             f"{quoted(obs.raw)} is a rate with no population basis",
                             "say 'per 100k pop.' or give the count it is based on"))  # fmt: skip
    if obs.numerator is not None and obs.denominator is not None and measure.unit is Unit.PERCENT:
        if not percent_matches(obs.value, obs.numerator, obs.denominator, obs.decimals):
            counts = f"{obs.numerator:,.0f} out of {obs.denominator:,.0f}"
            # Out of 0 is no share at all (a trial's `12 out of 0 is nan%`).
            exact = (f"is {half_up(obs.numerator / obs.denominator * 100, obs.decimals)}%"
                     if obs.denominator else "is no percentage")  # fmt: skip
            found.append(Finding(Severity.ERROR, "value.numerator_mismatch", line_location(line, obs.period),
                                 f"{quoted(obs.raw)}: {counts} {exact}",
                                 "check the numerator, the denominator and the percentage"))  # fmt: skip
    return found
