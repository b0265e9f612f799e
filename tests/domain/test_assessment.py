"""A period judged from records in memory: the same core the workspace's store goes through."""

from __future__ import annotations

import pytest

from perfcli.config import Config, MeasureSettings
from perfcli.domain.assessment import default_period, pick_period, rate_period
from perfcli.domain.outcomes import Rating
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.records import FileRecords
from perfcli.errors import MeasureError, UsageError
from perfcli.importers import read_file
from perfcli.importers.measures import Context
from tests.conftest import appendix_workbook
from tests.importers.test_appendix_a import ROWS


@pytest.fixture
def records(tmp_path) -> FileRecords:
    return FileRecords([read_file(appendix_workbook(tmp_path / "d.xlsx", ROWS), Context())])


def test_latest_report_by_default_and_unknown_periods_refused(records):
    assert pick_period(records, None).label == "2023-24"
    assert pick_period(records, parse_period("2022-23")).label == "2022-23"
    with pytest.raises(UsageError, match="no figures for 2019-20"):
        pick_period(records, parse_period("2019-20"))


def test_each_measure_judged_with_its_previous_figure(records):
    rated = {r.measure.id: r for r in rate_period(records, Config(), parse_period("2023-24"))}
    assert rated["heritage-visits"].judgement.rating is Rating.BETTER
    assert rated["heritage-visits"].previous_period == "2022-23"
    assert rated["heritage-visits"].previous.value == 127100
    assert rated["ascof-2a"].judgement.progress.value == "improved"  # +1.8 pp beyond ±1.5 pp


def test_an_override_in_the_settings_is_applied_and_a_bad_one_named(records):
    config = Config(measures={"heritage-visits": MeasureSettings(override="similar",
                                                                 override_reason="one-off event")})  # fmt: skip
    rated = {r.measure.id: r for r in rate_period(records, config, parse_period("2023-24"))}
    judgement = rated["heritage-visits"].judgement
    assert (judgement.rating, judgement.computed_rating) == (Rating.SIMILAR, Rating.BETTER)
    bad = Config(measures={"heritage-visits": MeasureSettings(override="great")})
    with pytest.raises(MeasureError, match="heritage-visits, 2023-24: override 'great'"):
        rate_period(records, bad, parse_period("2023-24"))


@pytest.mark.parametrize(
    ("reports", "default"),
    [
        (["2023-24", "2024-04", "2024-05", "2024-25", "2025-03"], "2024-25"),  # not the month
        (["2024-25", "2025-03", "2025-04"], "2024-25"),  # a month after the year: still the year
        (["2024-25", "2025-26-Q1", "2025-06"], "2025-26-Q1"),
        (["2025-01", "2025-02", "2025-03"], "2025-03"),  # months alone: the latest
        (["2023-24"], "2023-24"),
        # A trial: a snapshot measure's monthly positions drafted as a report of one measure.
        (["2024-25", "2025-26-Q1", "2025-05-31", "2025-06-30"], "2025-26-Q1"),
        (["2025-05-31", "2025-06-30"], "2025-06-30"),  # positions alone: the latest
    ],
)
def test_the_default_period_is_the_latest_a_dashboard_reports(reports, default):
    assert default_period(reports).label == default
