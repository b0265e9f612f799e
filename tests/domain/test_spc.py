"""XmR charts and the SPC rules, point by point against NHSRplotthedots' own tests."""

from __future__ import annotations

import pytest

from perfcli.domain.spc import (
    Assurance,
    Rules,
    Variation,
    assurance,
    limits,
    part_of_run,
    part_of_two_in_three,
    point_type,
    shift_ends,
    special_cause,
    trend_ends,
    two_in_three,
    xmr,
)

# NHSRplotthedots' standard example (tests/testthat/test-ptd_spc_standard.R): R's
# set.seed(123); rnorm(20). Its snapshot: mean 0.1416238, limits -3.01138 and 3.294627.
STANDARD = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621,
    -1.26506123, -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272,
    -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
]  # fmt: skip


def test_the_standard_example_reproduces_its_mean_and_limits():
    found = limits(STANDARD)
    assert round(found.mean, 7) == 0.1416238
    assert round(found.lower, 5) == -3.01138
    assert round(found.upper, 6) == 3.294627


def test_screening_outliers_as_the_standard_example_with_a_ten_at_point_15():
    data = list(STANDARD)
    data[14] = 10
    screened, unscreened = limits(data), limits(data, screen_outliers=False)
    assert round(screened.mean, 7) == 0.6694159
    assert (round(screened.lower, 6), round(screened.upper, 6)) == (-2.383666, 3.722497)
    assert (round(unscreened.lower, 6), round(unscreened.upper, 6)) == (-4.596625, 5.935457)


def test_the_standard_example_points_relative_to_the_mean():
    chart = xmr([str(i) for i in range(20)], STANDARD, improvement=1)
    sides = [1 if p.value > p.mean else -1 for p in chart.points]
    assert sides[:13] == [-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1]
    assert chart.variation is Variation.COMMON_CAUSE
    assert not chart.trial


@pytest.mark.parametrize(
    ("side", "expected"),
    [
        ([], []),
        ([1] * 6, [0] * 6),
        ([1] * 6 + [-1], [0] * 7),
        ([1] * 8 + [-1], [0, 0, 0, 0, 0, 0, 1, 1, 0]),
        ([-1] * 8 + [1], [0, 0, 0, 0, 0, 0, 1, 1, 0]),
    ],
)
def test_seven_points_one_side_of_the_mean(side, expected):
    assert shift_ends(side) == expected


def test_a_point_on_the_mean_breaks_a_run():
    assert shift_ends([1, 1, 1, 0, 1, 1, 1, 1]) == [0] * 8


@pytest.mark.parametrize(
    ("ends", "expected"),
    [
        ([], []),
        ([0] * 6, [0] * 6),
        ([0] * 6 + [1, 0], [1] * 7 + [0]),
        ([0] * 7 + [1, 0], [0] + [1] * 7 + [0]),
        ([0] * 6 + [-1, 0], [1] * 7 + [0]),
        ([0] * 7 + [-1, 0], [0] + [1] * 7 + [0]),
    ],
)
def test_part_of_a_seven_point_run(ends, expected):
    assert part_of_run(ends) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], []),
        (list(range(1, 7)), [0] * 6),
        ([1, 2, 3, 3, 4, 5, 6], [0] * 7),
        (list(range(1, 8)), [0] * 6 + [1]),
        ([2, *range(1, 8), 3], [0] * 7 + [1, 0]),
        (list(range(7, 0, -1)), [0] * 6 + [-1]),
        ([2, *range(7, 0, -1), 3], [0] * 7 + [-1, 0]),
    ],
)
def test_seven_point_trend(values, expected):
    assert trend_ends(values) == expected


@pytest.mark.parametrize(
    ("close", "side", "expected"),
    [
        ([], [], []),
        ([1, 0, 1], [1, 1, 1], [1, 1, 1]),
        ([0, 1, 1], [1, 1, 1], [1, 1, 1]),
        ([1, 1, 0], [1, 1, 1], [1, 1, 1]),
        ([0, 0, 1, 0, 1, 0, 0], [1] * 7, [0, 0, 1, 1, 1, 0, 0]),
        ([0, 0, 1, 1, 0, 0, 0], [1] * 7, [0, 1, 1, 1, 1, 0, 0]),
        # on opposite sides of the mean, never
        ([1, 0, 1], [1, -1, 1], [0, 0, 0]),
        ([0, 1, 1], [1, -1, 1], [0, 0, 0]),
        ([1, 1, 0], [1, -1, 1], [0, 0, 0]),
        ([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1], [0] * 7),
        ([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1], [0] * 7),
    ],
)
def test_two_in_three(close, side, expected):
    assert two_in_three(close, side) == expected


@pytest.mark.parametrize(
    ("close", "expected"),
    [
        ([1, 0, 1], [1, 0, 1]),
        ([0, 1, 1], [0, 1, 1]),
        ([1, 1, 0], [1, 1, 0]),
        ([0, 0, 1, 0, 1, 0, 0], [0, 0, 1, 0, 1, 0, 0]),
        ([1, 0, 0, 1], [0, 0, 0, 0]),
        ([1, 0, 0, 1, 1], [0, 0, 0, 1, 1]),
    ],
)
def test_part_of_two_in_three(close, expected):
    assert part_of_two_in_three(two_in_three(close, [1] * len(close)), close) == expected


def test_special_cause_precedence_beyond_a_limit_then_trend_then_two_in_three_then_shift():
    # Eight points, each rule's mark planted as NHSRplotthedots' mocked test plants them.
    values = [1, 2, 3, 4, 5, 6, 7, 8]
    found = special_cause(values, [1] * 8, [0] * 8, [0] * 8)
    assert found == ["trend_increasing"] * 8
    found = special_cause([5, 1, 5, 1, 5, 1, 5, 1], [1, 1, 1, 1, -1, -1, -1, -1],
                          [0, 0, 0, 0, 1, 0, 1, 0], [0, 0, 0, 0, 0, 1, 0, 0])  # fmt: skip
    assert found == ["common_cause"] * 4 + [
        "two_in_three_below",
        "below_lower_limit",
        "two_in_three_below",
        "common_cause",
    ]


@pytest.mark.parametrize(
    ("label", "improvement", "expected"),
    [
        ("above_upper_limit", 1, Variation.IMPROVEMENT),
        ("above_upper_limit", -1, Variation.CONCERN),
        ("trend_decreasing", -1, Variation.IMPROVEMENT),
        ("shift_below", 1, Variation.CONCERN),
        ("two_in_three_above", 0, Variation.NEITHER),
        ("common_cause", 1, Variation.COMMON_CAUSE),
    ],
)
def test_point_type_by_the_aim(label, improvement, expected):
    assert point_type(label, improvement) is expected


def test_two_close_points_on_opposite_sides_are_common_cause():
    # NHSRplotthedots: 16 alternating ±1 with 5.5 and -5.5 planted last.
    data = [1.0, -1.0] * 8
    data[14], data[15] = 5.5, -5.5
    chart = xmr([str(i) for i in range(16)], data, improvement=1)
    assert [p.variation for p in chart.points[-2:]] == [Variation.COMMON_CAUSE] * 2


@pytest.mark.parametrize(
    ("target", "improvement", "expected"),
    [
        (10, 1, Assurance.FAIL),
        (10, -1, Assurance.PASS),
        (-10, 1, Assurance.PASS),
        (-10, -1, Assurance.FAIL),
        (0, 1, Assurance.INCONSISTENT),
        (0, 0, None),
        (None, 1, None),
    ],
)
def test_assurance_against_a_target(target, improvement, expected):
    assert assurance(target, -3.0, 3.0, improvement) is expected


def test_a_planted_shift_is_special_cause_by_the_aim_and_rebasing_restarts_the_limits():
    # SYNTHETIC: twelve months around 50, then twelve around 56.
    base = [50, 52, 49, 51, 50, 48, 51, 50, 52, 49, 50, 51]
    periods = [f"m{i}" for i in range(24)]
    shifted = base + [v + 6 for v in base]
    assert xmr(periods, shifted, improvement=1).variation is Variation.IMPROVEMENT
    assert xmr(periods, shifted, improvement=-1).variation is Variation.CONCERN
    assert xmr(periods, shifted, improvement=0).variation is Variation.NEITHER
    assert xmr(periods, base + base, improvement=1).variation is Variation.COMMON_CAUSE
    rebased = xmr(periods, shifted, improvement=1, rebase=["m12"])
    assert rebased.variation is Variation.COMMON_CAUSE
    assert rebased.mean == pytest.approx(sum(base) / 12 + 6)
    assert rebased.rebased == ["m12"]
    assert not rebased.trial
    assert xmr(periods, shifted, improvement=1, rebase=["m14"]).trial


def test_run_lengths_are_configurable_within_their_ranges():
    assert shift_ends([1] * 6, run=6) == [0] * 5 + [1]
    with pytest.raises(ValueError, match="6 to 8"):
        Rules(shift=9)
    with pytest.raises(ValueError, match="6 or 7"):
        Rules(trend=8)


@pytest.mark.parametrize(
    ("text", "improvement", "line"),
    [
        ("650 Local target 2024/25", -1, 650.0),
        ("<650 Local target 2024/25", -1, 650.0),  # a trial: no target line, no assurance
        (">90% Local target 2024/25", 1, 90.0),
        ("<650 Local target 2024/25", 1, None),  # a limit against the measure's aim: none
        ("55.1% 23/24 Nat. Ave.", 1, None),
    ],
)
def test_a_limit_the_measure_aims_to_stay_within_is_its_target_line(text, improvement, line):
    from perfcli.domain.comparator_parsing import parse_comparator
    from perfcli.domain.comparator_types import comparator_from
    from perfcli.domain.period_parsing import parse_period
    from perfcli.domain.spc import target_line

    comparator = comparator_from(parse_comparator(text, within=parse_period("2024-25")))
    assert target_line(comparator, improvement) == line
