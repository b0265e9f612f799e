"""Funding gaps and performance against spending (no files), worked by hand."""

import pytest

from perfcli.domain.funding import (
    Authority,
    against_spending,
    funding,
    national_average,
    spending_of,
)


def authority(name, kind, power, population=None, **net):
    return Authority(name, kind, power, population, net)


SYNTHETIC = [
    authority("Own", "county", 1000.0, 500_000),
    authority("Rich county", "county", 1200.0, 500_000),
    authority("Town", "unitary", 1500.0, 250_000),
    authority("Borough", "London borough", 2000.0, 250_000),
]


def test_national_average_weighted_by_population_else_plain():
    # (1000 + 1200) * 500,000 + (1500 + 2000) * 250,000 = 1,975m over 1.5m people = 1,316.67.
    assert national_average(SYNTHETIC) == (pytest.approx(1316.6667, abs=1e-3), True)
    plain = [authority(a.name, a.type, a.power) for a in SYNTHETIC]
    assert national_average(plain) == (1425.0, False)


def test_gaps_to_the_average_the_best_county_and_the_highest_authority():
    result = funding(SYNTHETIC, SYNTHETIC[0], 500_000)
    assert [(g.label, round(g.difference, 2), round(g.total)) for g in result.gaps] == [
        ("the national average", 316.67, 158_333_333),
        ("Rich county, the best-funded county", 200.0, 100_000_000),
        ("Borough (London borough), the highest-funded authority", 1000.0, 500_000_000),
    ]
    assert (result.position, result.of, result.average_weighted) == (4, 4, True)


def test_a_best_funded_county_that_is_also_the_highest_funded_authority_is_one_gap():
    """A trial's table: two identical bullets, one for each title the same council held."""
    counties = [authority("Own", "county", 1000.0, 500_000),
                authority("Rich county", "county", 1300.0, 500_000),
                authority("Town", "unitary", 1100.0, 250_000)]  # fmt: skip
    result = funding(counties, counties[0], 500_000)
    assert [g.label for g in result.gaps] == [
        "the national average",
        "Rich county, the best-funded county and the highest-funded authority",
    ]


def test_spending_overall_is_the_total_column_else_the_sum_of_services():
    assert spending_of(authority("a", "county", 1.0, Total=900.0, Roads=100.0), None) == 900.0
    assert spending_of(authority("a", "county", 1.0, Care=500.0, Roads=100.0), None) == 600.0
    assert spending_of(authority("a", "county", 1.0, Care=500.0, Roads=None), None) is None
    assert spending_of(authority("a", "county", 1.0, Care=500.0), "Care") == 500.0


@pytest.mark.parametrize(
    ("name", "performance", "spending_rank", "quadrant"),
    [
        ("a", 1, 1, "high performing, low spending"),
        ("b", 2, 4, "high performing, high spending"),
        ("c", 3, 2, "low performing, low spending"),
        ("d", 4, 3, "low performing, high spending"),
    ],
)
def test_quadrants_split_at_the_middle_rank(name, performance, spending_rank, quadrant):
    # Positions 1-4 among four councils; the middle is 2.5.
    points = against_spending({"a": 1, "b": 2, "c": 5, "d": 9, "e": 3},
                              {"a": 100.0, "b": 400.0, "c": 200.0, "d": 300.0, "e": None})  # fmt: skip
    point = next(p for p in points if p.name == name)
    assert (point.performance, point.spending_rank, point.quadrant) == (
        performance, spending_rank, quadrant,
    )  # fmt: skip
