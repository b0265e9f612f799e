"""validate's checks as pure functions, on one row (line_checks) and on a report's records
(checks): the seeds' mistakes found by name."""

from __future__ import annotations

from datetime import date

import pytest

from perfcli.domain.checks import check_store
from perfcli.domain.comparator_parsing import parse_comparator
from perfcli.domain.comparator_types import comparator_from
from perfcli.domain.figures import Unit
from perfcli.domain.findings import Severity
from perfcli.domain.line_checks import check_line, one_period_twice
from perfcli.domain.model import Aim, Basis, Measure, Observation, ReportLine
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.records import FileRecords
from perfcli.domain.values import parse_value

TODAY = date(2024, 6, 3)  # seed 002's committee


def measure(unit: Unit = Unit.PERCENT) -> Measure:
    return Measure(id="m", code="Local", description="A measure", aim=Aim.HIGH, unit=unit)


def obs(text: str, period: str = "2023-24") -> Observation:
    p = parse_period(period)
    return Observation.from_parsed("m", p, parse_value(text, within=p))


def line(current: str = "2023-24", previous: str | None = "2022-23") -> ReportLine:
    return ReportLine(report_period="2023-24", measure_id="m", code="Local", description="d",
                      current_period=current, previous_period=previous)  # fmt: skip


def codes(found) -> list[str]:
    return sorted(f.code for f in found)


@pytest.mark.parametrize(
    ("current", "unit", "code"),
    [
        ("135.4%", Unit.PERCENT, "value.percent_range"),
        ("-4", Unit.COUNT, "value.negative"),
        ("88.7% (3,912 out of 4,000)", Unit.PERCENT, "value.numerator_mismatch"),
    ],
)
def test_impossible_figures_are_errors(current, unit, code):
    found = check_line(line(), measure(unit), obs(current), obs("50", "2022-23"), TODAY)
    assert code in codes(found)
    assert all(f.severity is Severity.ERROR for f in found if f.code == code)


def test_the_seed_002_figures_pass():
    found = check_line(line(), measure(), obs("88.7% (3,912 out of 4,408)"),
                       obs("87.8%", "2022-23"), TODAY)  # fmt: skip
    assert found == []


def test_a_figure_for_a_period_not_yet_ended_is_an_error():
    found = check_line(line("2024-25", "2023-24"), measure(), obs("50%", "2024-25"),
                       obs("49%", "2023-24"), TODAY)  # fmt: skip
    assert "period.future" in codes(found)


@pytest.mark.parametrize(
    ("current", "comparator", "basis", "warned"),
    [
        ("3.9 per 100k Pop.", "14.6 per 100k pop. 23/24 Nat. Ave", None, True),  # a quarter's own
        # Seed 001's: the year's forecast, and rates that say they cover a year.
        ("14.3 per 100k Pop. Forecast 62 Admissions in 25/26", "15.2 per 100k pop. 23/24 Nat. Ave",
         None, False),
        ("14.1 per 100k Pop. rolling 12 months", "14.6 per 100k pop. 23/24 Nat. Ave", None, False),
        ("3.9 per 100k Pop.", "14.6 per 100k pop. 23/24 Nat. Ave", Basis.SNAPSHOT, False),
        ("3.9 per 100k Pop.", "4.0 per 100k Local target 2025/26 Q1", None, False),  # the quarter's
        ("1,300", "5,000 23/24 Nat. Ave", None, True),  # a count: the same
        ("3.9 per 100k pop. (year to date)", "14.6 per 100k pop. 23/24 Nat. Ave", None, True),
        ("1,300", "5,000 23/24 Nat. Ave", Basis.SNAPSHOT, False),  # a position at a date
        ("51.3%", "45.6% 23/24 Nat. Ave", None, False),  # a share holds for any part of the year
    ],
)  # fmt: skip
def test_a_quarters_rate_beside_a_years_national_average_is_warned_of(
    current, comparator, basis, warned
):
    # Trials: Q1's 3.9 admissions per 100k "better" than the year's 14.6, and Q1's 1,300
    # "below" the year's 5,000, unwarned.
    unit = Unit.PERCENT if current.endswith("%") else (
        Unit.RATE_PER_100K if "per 100k" in current else Unit.COUNT
    )  # fmt: skip
    rate = Measure(id="m", code="ASCOF 2B", description="Admissions", aim=Aim.LOW,
                   unit=unit, basis=basis)  # fmt: skip
    q1 = parse_period("2025-26-Q1")
    said = parse_comparator(comparator, within=q1)
    assert said is not None
    row = ReportLine(report_period="2025-26-Q1", measure_id="m", code="ASCOF 2B",
                     description="Admissions", current_period="2025-26-Q1",
                     comparator=comparator_from(said))  # fmt: skip
    now = obs(current, "2025-26-Q1")
    found = check_line(row, rate, now, None, date(2025, 7, 20))
    assert ("comparator.part_year" in codes(found)) is warned


def test_unlike_periods_are_a_warning_with_the_setting_to_change():
    found = check_line(line("2023-24", "2022-23-Q1"), measure(), obs("50%"),
                       obs("49%", "2022-23-Q1"), TODAY)  # fmt: skip
    unlike = [f for f in found if f.code == "period.unlike"]
    assert unlike and 'previous = "year-end"' in (unlike[0].hint or "")


@pytest.mark.parametrize(
    ("description", "current", "severity"),
    [
        # Issue 27: the compendium's excess mortality in adults with serious mental illness.
        ("Excess under 75 mortality in adults with serious mental illness", "423%", Severity.WARNING),
        ("Ratio of emergency admissions to the expected number", "135.4%", Severity.WARNING),
        ("% of reviews completed", "104.0%", Severity.ERROR),
        ("Adults receiving direct payments", "135.4%", Severity.ERROR),
        ("Excess under 75 mortality in adults with serious mental illness", "-5%", Severity.ERROR),
    ],
)  # fmt: skip
def test_a_percentage_over_100_is_an_error_only_for_a_share(description, current, severity):
    shown = Measure(id="m", code="Local", description=description, aim=Aim.LOW, unit=Unit.PERCENT)
    found = check_line(line(), shown, obs(current), obs("50%", "2022-23"), TODAY)
    [ranged] = [f for f in found if f.code == "value.percent_range"]
    assert ranged.severity is severity


@pytest.mark.parametrize(
    ("current_period", "previous_period", "held", "found"),
    [
        ("2023-24", "2023-24", (True, True), True),  # two columns headed 2023/24
        ("2023-24", "2022-23", (True, True), False),
        ("2023-24", "2023-24", (True, False), False),  # nothing to compare with itself
        ("2023-24", None, (True, False), False),
    ],
)
def test_one_period_twice_is_the_rule_check_line_and_rate_file_share(
    current_period, previous_period, held, found
):
    row = line(current_period, previous_period)
    current = obs("19.4%", current_period) if held[0] else None
    previous = obs("18.0%", previous_period or current_period) if held[1] else None
    finding = one_period_twice(row, current, previous)
    assert (finding is not None) is found
    in_check_line = [f for f in check_line(row, measure(), current, previous, TODAY)
                     if f.code == "period.same"]  # fmt: skip
    assert in_check_line == ([finding] if finding else [])
    if finding:
        assert finding.severity is Severity.ERROR
        assert finding.message == "the current and previous figures are both for 2023/24"


class CellsCounted(FileRecords):
    """Files in memory that count how often the checks ask where the figures came from."""

    asked = 0

    def figure_cells(self):
        self.asked += 1
        return super().figure_cells()


@pytest.mark.parametrize(
    ("current", "located", "asked"),
    [("50%", [], 0), ("135.4%", [("value.percent_range", "E9")], 1)],
)
def test_the_checks_ask_where_figures_came_from_only_for_a_finding(current, located, asked):
    """Most imports have no finding at a cell: their figures' cells are never gathered; a
    figure found wrong is found at its cell, and every cell is gathered once for all."""
    from pathlib import Path

    from perfcli.config import Config, WorkspaceSettings
    from perfcli.domain.records import ImportBatch, Place

    figures = [(obs(current), Place("Appendix A", "E9")), (obs("48%", "2022-23"), None)]
    records = CellsCounted([ImportBatch(Path("q4.xlsx"), "0" * 64, {"m": measure()}, figures,
                                        [line()])])  # fmt: skip
    config = Config(workspace=WorkspaceSettings(report_date="2024-06-03"))
    found = check_store(records, ["2023-24"], config)
    assert [(f.code, f.location.cell) for f in found if f.location.cell] == located
    assert records.asked == asked


@pytest.mark.parametrize(
    ("typed", "unit", "printed"),
    [
        ("81.2", Unit.PERCENT, "81.2%"),  # a percentage typed in a General cell
        ("2600000", Unit.COUNT, "2,600,000"),
        ("1.5E+06", Unit.COUNT, "1.5m"),  # as Excel shows a large number: two figures, no more
        ("1250.5", Unit.CURRENCY, "£1,250.5"),
        ("13.7", Unit.RATE_PER_100K, "13.7"),  # the column says per 100k; prose spells it
        ("81.2%", Unit.PERCENT, "81.2%"),  # printed with its unit: as printed
        ("17.3k", Unit.COUNT, "17.3k"),
        ("81.2 (provisional)", Unit.PERCENT, "81.2 (provisional)"),  # words beside it: as typed
        ("N/A", Unit.PERCENT, "N/A"),
    ],
)
def test_a_bare_figure_is_shown_in_its_measures_unit(typed, unit, printed):
    assert obs(typed).printed(unit) == printed


@pytest.mark.parametrize(
    ("typed", "warned"),
    [
        ("0.812", True),  # 81.2% in a cell not formatted as a percentage
        ("0.05", True),
        ("0.5", False),  # one place: as likely half a per cent as a fraction
        ("81.2", False),
        ("0.812%", False),  # typed with its unit: meant
        ("0", False),
        ("1.00", False),
    ],
)
def test_a_percentage_typed_as_a_fraction_is_a_warning(typed, warned):
    found = check_line(line(), measure(), obs(typed), None, TODAY)
    fractions = [f for f in found if f.code == "value.fraction"]
    assert bool(fractions) is warned
    assert all(f.severity is Severity.WARNING for f in fractions)


@pytest.mark.parametrize(
    ("text", "report", "fits"),
    [
        ("<650 Local target 2024/25", "2024-25", True),
        ("<650 Local target 2024/25", "2022-04", False),  # a trial: accepted on April 2022
        ("650 Local target 2024/25", "2022-04", False),
        ("<1,575 Position as at 1st Jan 2023", "2024-25", True),  # a baseline at a date
    ],
)
def test_a_limit_for_a_period_is_checked_as_a_target_is(text, report, fits):
    from perfcli.domain.comparator_parsing import parse_comparator
    from perfcli.domain.comparator_types import comparator_from
    from perfcli.domain.line_checks import fits_period

    period = parse_period(report)
    comparator = comparator_from(parse_comparator(text, within=period))
    assert fits_period(comparator, period, period) is fits


def test_an_owners_forecast_that_is_not_the_dashboards_is_warned_of():
    from datetime import date

    from msgspec.structs import replace as copied

    from perfcli.domain.figures import Unit
    from perfcli.domain.line_checks import check_line
    from tests.report.test_narrative import item

    base = item("ascof-2b", "Permanent admissions to care (aged 18-64) per 100,000 pop.", "low",
                Unit.RATE_PER_100K, "14.3 per 100k Pop. Forecast 62 Admissions in 25/26", None,
                None, period="2025-26-Q1", code="ASCOF 2B")  # fmt: skip
    today = date(2025, 7, 20)

    def codes(forecast: float) -> list[str]:
        line = copied(base.rated.line, forecast=forecast)
        found = check_line(line, base.measure, base.current, None, today, lambda period: None)
        return [f.code for f in found if f.code == "forecast.differs"]

    assert codes(14.5) == ["forecast.differs"]
    assert codes(14.3) == [] and codes(14.33) == []  # the same at the dashboard's printing


def test_a_survey_compared_with_another_year_is_told_to_say_it_is_a_survey():
    # Seed 001: a survey between its runs, `Survey is annual and will next run in February 2026`,
    # against 2024/25's figure. The hint was `previous = "year-end"`, wrong for a survey.
    from datetime import date

    from perfcli.domain.figures import Unit
    from perfcli.domain.line_checks import check_line
    from tests.report.test_narrative import item

    survey = item("ascof-3c1", "% of SUs who find it easy to find information", "high", Unit.PERCENT,
                  "Survey is annual and will next run in February 2026", "61.1%", None,
                  period="2025-26-Q1", previous="2024-25", code="ASCOF 3C1")  # fmt: skip
    line = survey.rated.line
    from msgspec.structs import replace as copied

    line = copied(line, previous_period="2024-25")
    found = check_line(line, survey.measure, survey.current, survey.previous, date(2025, 7, 20))
    [unlike] = [f for f in found if f.code == "period.unlike"]
    assert unlike.hint == (
        'a survey: set survey = true and frequency ("annual" or "biennial") under'
        " [measures.ascof-3c1] in perfcli.toml"
    )
