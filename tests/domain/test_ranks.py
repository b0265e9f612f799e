"""Comparative ranks (no files): ranks by aim with ties, theme averages, positions, history."""

import pytest

from perfcli.domain.model import Aim, NationalRow
from perfcli.domain.ranks import comparative_ranks, position_history, rank_councils, standings


@pytest.mark.parametrize(
    ("values", "aim", "expected"),
    [
        ({"a": 90.0, "b": 85.0, "c": 85.0, "d": 70.0}, Aim.HIGH, {"a": 1, "b": 2, "c": 2, "d": 4}),
        ({"a": 90.0, "b": 85.0, "c": 85.0, "d": 70.0}, Aim.LOW, {"a": 4, "b": 2, "c": 2, "d": 1}),
        ({"a": 5.0, "b": 5.0}, Aim.HIGH, {"a": 1, "b": 1}),
        ({"a": 5.0, "b": 6.0}, Aim.BAND, {}),
        ({"a": 5.0, "b": 6.0}, Aim.INFO, {}),
    ],
)
def test_each_council_ranked_by_the_aim_ties_sharing_the_best_rank(values, aim, expected):
    assert rank_councils(values, aim) == expected


def row(measure, area, value, period="2023-24", level="Local authority"):
    return NationalRow(measure, period, area, area.upper(), level, value)


def test_theme_averages_and_overall_position_count_each_indicator_once():
    rows = [
        # Theme T (two indicators): a ranks 1 and 3, b 2 and 1, c 3 and 2.
        row("m1", "a", 30), row("m1", "b", 20), row("m1", "c", 10),
        row("m2", "a", 9), row("m2", "b", 1), row("m2", "c", 5),
        # Theme U (one indicator, a has no figure): b 1, c 2.
        row("m3", "b", 7), row("m3", "c", 6), row("m3", "a", None),
        # England and a band measure never rank.
        row("m1", "e", 99, level="National"), row("m4", "a", 1), row("m4", "b", 2),
    ]  # fmt: skip
    aims = {"m1": Aim.HIGH, "m2": Aim.LOW, "m3": Aim.HIGH, "m4": Aim.BAND}
    themes = {"m1": "T", "m2": "T", "m3": "U", "m4": "T"}
    ranks = comparative_ranks(rows, aims, themes, "2023-24")
    assert [i.measure_id for i in ranks.indicators] == ["m1", "m2", "m3"]
    assert ranks.themes["T"].average == {"a": 2.0, "b": 1.5, "c": 2.5}
    assert ranks.themes["T"].position == {"a": 2, "b": 1, "c": 3}
    assert ranks.themes["U"].position == {"b": 1, "c": 2}
    # Overall: a (1 + 3) / 2 = 2; b (2 + 1 + 1) / 3 = 1.33; c (3 + 2 + 2) / 3 = 2.33.
    assert ranks.overall.position == {"b": 1, "a": 2, "c": 3}
    assert ranks.overall.indicators == 3


def test_equal_averages_share_a_position_despite_rounding():
    from perfcli.domain.ranks import IndicatorRanks

    first = IndicatorRanks("m1", "T", Aim.HIGH, {}, {"a": 1, "b": 2, "c": 3})
    second = IndicatorRanks("m2", "T", Aim.HIGH, {}, {"a": 3, "b": 2, "c": 1})
    assert standings([first, second]).position == {"a": 1, "b": 1, "c": 1}


def test_a_group_limits_the_councils_ranked():
    rows = [row("m1", "a", 3), row("m1", "b", 2), row("m1", "c", 1)]
    ranks = comparative_ranks(rows, {"m1": Aim.HIGH}, {}, "2023-24", members={"b", "c"})
    assert ranks.overall.position == {"b": 1, "c": 2}
    assert ranks.indicators[0].theme == "Other indicators"


def test_the_position_by_year():
    rows = [row("m1", "a", 1, "2022-23"), row("m1", "b", 2, "2022-23"),
            row("m1", "a", 2, "2023-24"), row("m1", "b", 1, "2023-24")]  # fmt: skip
    history = position_history(rows, {"m1": Aim.HIGH}, {}, ["2022-23", "2023-24"], "a")
    assert [(y.period, y.position, y.of) for y in history] == [("2022-23", 2, 2), ("2023-24", 1, 2)]
