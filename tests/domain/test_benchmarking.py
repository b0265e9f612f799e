"""Rank and quartile rules (no files)."""

import pytest

from perfcli.domain.benchmarking import quartile, rank, standing, summary_sentence
from perfcli.domain.model import Aim


def test_rank_by_aim_with_shared_ranks_for_ties():
    group = [80.0, 90.0, 85.0, 85.0, 70.0]
    assert [rank(v, group, Aim.HIGH) for v in (90, 85, 80, 70)] == [1, 2, 4, 5]
    assert [rank(v, group, Aim.LOW) for v in (70, 80, 85, 90)] == [1, 2, 3, 5]


@pytest.mark.parametrize(
    ("size", "tops"),
    [(14, [1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4]), (4, [1, 2, 3, 4]), (1, [1])],
)
def test_quartiles_for_group_sizes_not_divisible_by_four(size, tops):
    assert [quartile(r, size) for r in range(1, size + 1)] == tops


def test_standing_and_summary():
    result = standing(5.0, [5.0, 3.0, 9.0, 7.0], Aim.LOW)
    assert (result.rank, result.of, result.quartile_name, result.mean, result.median) == (
        2,
        4,
        "Second",
        6.0,
        6.0,
    )
    assert standing(5.0, [5.0], Aim.INFO) is None
    assert (
        summary_sentence([result])
        == "Out of 1 indicator, 0 are top quartile, 1 second, 0 third and 0 bottom."
    )
