"""The comparative charts: a PNG each, and alt text and a table that state what the chart shows."""

from __future__ import annotations

import pytest

from perfcli.domain.funding import Authority, against_spending
from perfcli.domain.ranks import YearPosition
from perfcli.report.comparison_charts import funding_chart, position_chart, spending_scatter


def test_position_chart_states_the_first_last_and_best_years():
    history = [YearPosition("2021-22", 14, 31, 1, 14.0, 1),
               YearPosition("2022-23", 18, 31, 1, 18.0, 1),
               YearPosition("2023-24", 11, 31, 3, 14.33, 4)]  # fmt: skip
    chart = position_chart(history, "Leicestershire")
    assert chart.png.startswith(b"\x89PNG")
    assert (
        "It was 14th in 2021/22 and is 11th in 2023/24; its best was 11th (2023/24)"
        in chart.alt_text
    )
    assert chart.table[1:] == [["2021/22", "14", "31", "1", "14.0"], ["2022/23", "18", "31", "1", "18.0"],
                               ["2023/24", "11", "31", "3 of 4", "14.3"]]  # fmt: skip
    with pytest.raises(ValueError, match="at least two years"):
        position_chart(history[:1], "Leicestershire")


def test_funding_chart_groups_by_type_and_marks_the_council():
    authorities = [Authority("Own", "county", 1000.0, None, {}), Authority("Rich", "county", 1200.0, None, {}),
                   Authority("Town", "unitary", 1500.0, None, {})]  # fmt: skip
    chart = funding_chart(authorities, "Own", 1233.33)
    assert (
        "2 counties from £1,000 to £1,200 (median £1,100); 1 unitary from £1,500" in chart.alt_text
    )
    assert (
        "Own (county) has £1,000 per head, against a national average of £1,233." in chart.alt_text
    )
    assert chart.table[1:] == [["Own", "county", "£1,000"], ["Rich", "county", "£1,200"],
                               ["Town", "unitary", "£1,500"]]  # fmt: skip


def test_scatter_alt_text_gives_the_council_s_quadrant_and_the_count_in_each():
    points = against_spending(
        {"a": 1, "b": 2, "c": 3, "d": 4}, {"a": 400.0, "b": 100.0, "c": 200.0, "d": 300.0}
    )
    chart = spending_scatter(points, "a", "all services")
    assert ("a is 1st of 4 for performance and 4th of 4 for spending, 1st spending the least (£400 per "
            "head): high performing, high spending.") in chart.alt_text  # fmt: skip
    assert (
        "high performing, high spending. Councils in each quarter: high performing, low spending: "
        "1; high performing, high spending: 1"
    ) in chart.alt_text
    assert chart.title == "Performance against spending: all services"
    synthetic = spending_scatter(points, "a", "Transport (SYNTHETIC)", note="SYNTHETIC figures")
    assert (
        synthetic.title == "Performance against spending: Transport (SYNTHETIC), SYNTHETIC figures"
    )
    assert spending_scatter(points, "a", "all services", note="SYNTHETIC figures").title == (
        "Performance against spending: all services (SYNTHETIC figures)"
    )
    assert chart.table[1] == ["a", "1", "£400", "4", "high performing, high spending"]
