"""Comparative ranks (no files): ranks by aim with ties, theme averages, positions, history."""

import pytest

from perfcli.domain.model import Aim, NationalRow
from perfcli.domain.ranks import (
    comparative_ranks,
    indicators_shown,
    position_history,
    rank_councils,
    ranked_on,
    standings,
)


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


# Like with like: with the report's council (`own`) ranked on some indicator, every council is
# averaged over the council's indicators only. Three councils, three indicators:
#   m1 (T, high): a 1st, b 2nd, c 3rd;  m2 (T, low): a 3rd, b 1st, c 2nd;
#   m3 (U, high): b 1st, c 2nd; a has no figure.
LIKE_ROWS = [
    row("m1", "a", 30), row("m1", "b", 20), row("m1", "c", 10),
    row("m2", "a", 9), row("m2", "b", 1), row("m2", "c", 5),
    row("m3", "b", 7), row("m3", "c", 6), row("m3", "a", None),
]  # fmt: skip
LIKE_AIMS = {"m1": Aim.HIGH, "m2": Aim.LOW, "m3": Aim.HIGH}
LIKE_THEMES = {"m1": "T", "m2": "T", "m3": "U"}
EACH_OVER_ITS_OWN = (3, {"a": 2.0, "b": 4 / 3, "c": 7 / 3}, {"b": 1, "a": 2, "c": 3})


@pytest.mark.parametrize(
    ("own", "overall", "theme_u"),
    [
        # No council named: each averaged over the indicators it has (a over 2, b and c over 3).
        (None, EACH_OVER_ITS_OWN, (1, {"b": 1, "c": 2})),
        # b is ranked on all three: the same.
        ("b", EACH_OVER_ITS_OWN, (1, {"b": 1, "c": 2})),
        # a has no m3 figure: everyone over m1 and m2 (b 1.5, a 2, c 2.5); theme U ranks no one.
        ("a", (2, {"a": 2.0, "b": 1.5, "c": 2.5}, {"b": 1, "a": 2, "c": 3}), (0, {})),
        # A council the data does not hold: as if none were named.
        ("z", EACH_OVER_ITS_OWN, (1, {"b": 1, "c": 2})),
    ],
)
def test_every_council_is_averaged_over_the_indicators_the_council_is_ranked_on(
    own, overall, theme_u
):
    ranks = comparative_ranks(LIKE_ROWS, LIKE_AIMS, LIKE_THEMES, "2023-24", own=own)
    indicators, average, position = overall
    assert (ranks.overall.indicators, ranks.overall.held) == (indicators, 3)
    assert ranks.overall.average == pytest.approx(average)
    assert ranks.overall.position == position
    assert (ranks.themes["U"].indicators, ranks.themes["U"].position) == theme_u
    assert ranks.themes["U"].held == 1


def test_like_with_like_can_move_the_council():
    """b has no m2 figure, where a ranks last of three. Each over its own, b (1 + 2 + 2) / 3 = 1.67
    is first and a (2 + 3 + 1 + 1) / 4 = 1.75 second; over b's three indicators a is first
    (2 + 1 + 1) / 3 = 1.33 and b second, and d, ranked on m2 alone, is not placed."""
    rows = [
        row("m1", "b", 9), row("m1", "a", 5), row("m1", "c", 1),
        row("m2", "c", 9), row("m2", "d", 8), row("m2", "a", 1),
        row("m3", "a", 9), row("m3", "b", 5), row("m3", "c", 1),
        row("m4", "a", 9), row("m4", "b", 5), row("m4", "c", 1),
    ]  # fmt: skip
    aims = dict.fromkeys(("m1", "m2", "m3", "m4"), Aim.HIGH)
    each = comparative_ranks(rows, aims, {}, "2023-24").overall
    assert each.position == {"b": 1, "a": 2, "d": 3, "c": 4}
    like = comparative_ranks(rows, aims, {}, "2023-24", own="b").overall
    assert like.average == pytest.approx({"a": 4 / 3, "b": 5 / 3, "c": 3.0})
    assert like.position == {"a": 1, "b": 2, "c": 3}
    assert (like.indicators, like.held, like.of) == (3, 4, 3)
    history = position_history(rows, aims, {}, ["2023-24"], "b")
    assert [(y.position, y.of, y.indicators, y.held) for y in history] == [(2, 3, 3, 4)]


@pytest.mark.parametrize(
    ("indicators", "held", "shown", "words"),
    [
        (16, 16, "16", "all 16 indicators"),
        (12, 16, "12 of 16", "12 of the 16 indicators (no 2023/24 figure for 4)"),
        (0, 1, "0 of 1", "0 of the 1 indicator (no 2023/24 figure for 1)"),
        (1, 1, "1", "1 indicator"),
    ],
)
def test_what_an_average_is_over_in_words(indicators, held, shown, words):
    assert indicators_shown(indicators, held) == shown
    assert ranked_on(indicators, held, "2023/24") == words
