"""Confidence intervals and the trend test against their published values."""

from __future__ import annotations

import pytest

from perfcli.domain.statistics import byar, chi_square_trend, rate_interval, wilson, z_value

# PHEindicatormethods, tests/testthat/testdata_Byars_Wilson.xlsx (sheet testdata_B_W): its
# inputs and the limits its tests expect, Wilson as a proportion, Byar as a count.
WILSON = [
    (65, 100, 95, 0.5525444329688797, 0.7363575175690247),
    (1045, 5000, 95, 0.19795549880013297, 0.22049130373189027),
    (0.445, 1, 95, 0.04381744772058822, 0.9334621276979156),
    (65, 100, 99.8, 0.4954946574070431, 0.7783540614089697),
    (1045, 5000, 99.8, 0.19179381799015244, 0.22731562902525818),
    (0.445, 1, 99.8, 0.019347006132900975, 0.9702259947019541),
]
BYAR = [
    (65, 95, 50.163187710459454, 82.84913854593984),
    (1045, 95, 982.5932018073325, 1110.33121298565),
    (1, 95, 0.01307213290150435, 5.5637555824752605),
    (65, 99.8, 42.8802614714802, 94.00029084431802),
    (1045, 99.8, 947.9407035610374, 1148.806160988033),
    (10, 99.8, 2.916318374695686, 24.193724927880535),
]


@pytest.mark.parametrize(("events", "total", "level", "lower", "upper"), WILSON)
def test_wilson_matches_phe_indicator_methods_to_six_places(events, total, level, lower, upper):
    found = wilson(events, total, level)
    assert round(found.lower, 6) == round(lower, 6)
    assert round(found.upper, 6) == round(upper, 6)
    assert found.method == "wilson"


@pytest.mark.parametrize(("events", "level", "lower", "upper"), BYAR)
def test_byar_matches_phe_indicator_methods_to_six_places(events, level, lower, upper):
    found = byar(events, level)
    assert found is not None
    assert round(found.lower, 6) == round(lower, 6)
    assert round(found.upper, 6) == round(upper, 6)


def test_byar_lower_limit_below_zero_is_zero_where_the_r_package_gives_na():
    # The same workbook's last row: 1 event at 99.8% has no lower limit in R, upper 9.362180.
    found = byar(1, 99.8)
    assert found is not None
    assert found.lower == 0.0
    assert round(found.upper, 6) == round(9.362180217908362, 6)


def test_levels_as_percent_or_fraction_alike_and_the_wilson_interval_at_100_is_everything():
    assert wilson(65, 100, 0.998) == wilson(65, 100, 99.8)
    assert (wilson(65, 100, 100).lower, wilson(65, 100, 100).upper) == (0.0, 1.0)
    assert round(z_value(95), 6) == 1.959964
    assert round(z_value(99.8), 6) == 3.090232


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: wilson(-4, 100), "greater than or equal to zero"),
        (lambda: wilson(5, 0), "greater than zero"),
        (lambda: wilson(80, 50), "not be greater than the denominator"),
        (lambda: wilson(65, 100, 0.7), "between 90 and 100"),
        (lambda: wilson(65, 100, 14), "between 90 and 100"),
        (lambda: byar(65, 125), "between 90 and 100"),
        (lambda: byar(-1), "greater than or equal to zero"),
    ],
)
def test_arguments_are_checked_with_plain_messages(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_a_rate_takes_its_counts_limits_scaled():
    # 13.7 per 100,000 from 58 admissions: the rate is 58 × (13.7 / 58).
    found = rate_interval(13.7, 58)
    count = byar(58)
    assert found is not None and count is not None
    assert found.lower == pytest.approx(count.lower * 13.7 / 58)
    assert found.upper == pytest.approx(count.upper * 13.7 / 58)
    assert rate_interval(0.0, 0) is None


def test_chi_square_trend_matches_r_prop_trend_test():
    # R's own example for prop.trend.test: smokers of patients, X-squared = 8.2249.
    trend = chi_square_trend([83, 90, 129, 70], [86, 93, 136, 82], level=0.95)
    assert round(trend.statistic, 4) == 8.2249
    assert trend.word == "decreasing"
    # p = 0.0041 is not significant at Fingertips' 99.9%.
    assert chi_square_trend([83, 90, 129, 70], [86, 93, 136, 82]).word == "no significant change"


@pytest.mark.parametrize(
    ("events", "word"),
    [
        ([600, 640, 680, 720, 760], "increasing"),
        ([760, 720, 680, 640, 600], "decreasing"),
        ([650, 660, 640, 655, 650], "no significant change"),
    ],
)
def test_chi_square_trend_says_which_way(events, word):  # SYNTHETIC: of 1,000 each period
    assert chi_square_trend(events, [1000] * 5).word == word
