"""Which period an Appendix A figure is filed under: from its text, its measure and its column."""

from __future__ import annotations

from perfcli.domain.model import Basis, Frequency, Measure, PreviousBasis
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period, PeriodKind
from perfcli.domain.records import ImportBatch
from perfcli.domain.values import ParsedValue
from perfcli.errors import quoted
from perfcli.importers.appendix_header import Header
from perfcli.importers.grid import Cell, Sheet
from perfcli.importers.measures import Context
from perfcli.importers.previous import Reading, read_previous
from perfcli.importers.problems import Problem
from perfcli.location import Location


def filed_periods(
    sheet: Sheet, measure: Measure, header: Header, filed: dict[Filing, Period], report: Period,
    row_basis: Basis | None, ctx: Context, batch: ImportBatch,
    current: tuple[ParsedValue | None, Cell | None],
    previous: tuple[ParsedValue | None, Cell | None],
) -> tuple[Period, Period | None]:  # fmt: skip
    """The periods the row's current and previous figures are filed under (`filed`: the
    heading's filings so far, see _filed)."""
    (parsed_current, current_cell), (parsed_previous, previous_cell) = current, previous
    current_period = _filed(filed, measure, parsed_current, header, report, "current", row_basis)
    if header.previous is None:
        return current_period, None
    previous_period = _filed(filed, measure, parsed_previous, header, report, "previous", row_basis)
    if report.kind is PeriodKind.QUARTER:  # a year report's previous column is the year before
        previous_period = _overruled(
            sheet, measure, ctx, header, report, row_basis,
            (parsed_current, parsed_previous, previous_cell), previous_period, batch,
        )  # fmt: skip
    if parsed_current is not None and parsed_current.period is not None:
        current_period = _restated(
            sheet, measure, header, report, row_basis,
            (parsed_current, current_cell), (current_period, previous_period), batch.problems,
        )  # fmt: skip
    return current_period, previous_period


# What resolve_period reads of a measure, with the column's role, the row's basis and whether
# the figure is there: under one heading, the period a figure with no period of its own is
# filed under follows from these alone.
Filing = tuple[str, Basis | None, Frequency | None, bool, PreviousBasis, str | None, bool]


def _filed(
    filed: dict[Filing, Period], measure: Measure, parsed: ParsedValue | None, header: Header,
    report: Period, role: str, row_basis: Basis | None,
) -> Period:  # fmt: skip
    """resolve_period for one of the row's figures, asked once per heading for each way of
    filing one (most rows of a heading are filed alike: 0.8 µs a figure -> 0.4)."""
    if parsed is not None and parsed.period is not None:
        return parsed.period
    has_value = parsed is not None and parsed.figure is not None
    key = (
        role, row_basis or measure.basis, measure.frequency, measure.survey, measure.previous,
        measure.survey_period, has_value,
    )  # fmt: skip
    period = filed.get(key)
    if period is None:
        period = resolve_period(measure, None, header, report, role, row_basis, has_value=has_value)
        filed[key] = period
    return period


def _overruled(
    sheet: Sheet,
    measure: Measure,
    ctx: Context,
    header: Header,
    report: Period,
    row_basis: Basis | None,
    row: tuple[ParsedValue | None, ParsedValue | None, Cell | None],
    period: Period,
    batch: ImportBatch,
) -> Period:
    """A quarter report's previous figure filed by what its own row shows (see previous.py);
    asked only in a quarter report."""
    current, previous, cell = row
    settings = ctx.settings.get(measure.id)
    decided = (
        (settings is not None and settings.previous is not None)
        or measure.previous is not PreviousBasis.LIKE_FOR_LIKE
        or measure.survey or measure.frequency is not None
        or (row_basis or measure.basis) is not None
    )  # fmt: skip
    if (
        decided
        or header.previous is None
        or not header.current[1].contains(report)
        or previous is None
        or previous.period is not None
        or cell is None
    ):
        return period
    year = Period.financial_year(header.previous[1].fy_start_year)
    reading = read_previous(current, previous)
    if reading in (Reading.YEAR, Reading.SURVEY):
        return year
    if reading is Reading.UNCLEAR:
        batch.note(
            Location(sheet.file.name, sheet.name, cell.ref),
            f"{measure.id} {quoted(previous.raw)} is filed as {period.display}, the same quarter a year earlier;"
            f' if it is the {year.display} year-end, set previous = "year-end" under'
            f' [measures.{measure.id}] in perfcli.toml (previous = "like-for-like" if it is the quarter)',
        )
    return period


def _restated(
    sheet: Sheet,
    measure: Measure,
    header: Header,
    report: Period,
    row_basis: Basis | None,
    current: tuple[ParsedValue | None, Cell | None],
    periods: tuple[Period, Period | None],
    kept: list[Problem],
) -> Period:
    """A figure in the current column whose text names the previous column's period is the
    current column's figure all the same: an officer's slip (seed 001 prints June's waiters as
    `50 (8.3% of total waiting at end of Mar-25)`), kept as a problem at its cell. Filed under
    the date it names, the previous column's figure would overwrite it."""
    (parsed, cell), (period, previous) = current, periods
    if parsed is None or cell is None or parsed.period is None or parsed.period != previous:
        return period
    filed = resolve_period(measure, None, header, report, "current", row_basis)
    if period.kind is PeriodKind.SNAPSHOT and filed.kind is not PeriodKind.SNAPSHOT:
        filed = Period.snapshot(filed.end)
    if filed == period:
        return period
    error = sheet.error(
        f"{measure.id}: {cell.text!r} is in the current column but states {period.display},"
        " the period of the previous column's figure",
        cell.ref,
        hint=f"write the date the figure is for: {filed.display}",
    )
    kept.append(Problem(error, f"filed as the current column's {filed.display}"))
    return filed


def resolve_period(
    measure: Measure,
    own: Period | None,
    header: Header,
    report: Period,
    role: str,
    row_basis: Basis | None = None,
    *,
    has_value: bool = True,
) -> Period:
    """The period a value really covers, from its own text, the measure's basis and its column."""
    if own is not None:
        return own
    current_column = header.current[1]
    column = current_column if role == "current" else header.previous[1]  # type: ignore[index]
    in_report = current_column.contains(report)
    basis = row_basis or measure.basis
    if basis is Basis.ACADEMIC_YEAR:
        if in_report:
            year = report.end.year if report.end.month >= 9 else report.end.year - 1
            academic = Period.academic_year(year)
            return academic if role == "current" else academic.previous()
        return (
            Period.academic_year(column.start.year)
            if column.kind is PeriodKind.FINANCIAL_YEAR
            else column
        )
    if measure.frequency in (Frequency.ANNUAL, Frequency.BIENNIAL) or measure.survey:
        return _survey_year(measure, column, has_value)
    if basis is Basis.SNAPSHOT:
        if role == "current":
            return Period.snapshot(report.end if in_report else column.end)
        if in_report and measure.previous is PreviousBasis.LIKE_FOR_LIKE:
            return Period.snapshot(report.previous().end)
        return Period.snapshot(column.end)
    if role == "current":
        return report if in_report else column
    if measure.previous is PreviousBasis.YEAR_END or not in_report:
        return column
    candidate = report.previous()
    return candidate if column.contains(candidate) else column


def _survey_year(measure: Measure, column: Period, has_value: bool) -> Period:
    """The survey a column shows: the column's year, or for a biennial survey the latest one.

    A reason with no figure (`No survey in 2020/21`) speaks of the column's own year.
    """
    if column.kind is not PeriodKind.FINANCIAL_YEAR:
        column = Period.financial_year(column.fy_start_year)
    if has_value and measure.frequency is Frequency.BIENNIAL and measure.survey_period:
        anchor = parse_period(measure.survey_period)
        if (column.start.year - anchor.fy_start_year) % 2:
            return column.previous()
    return column
