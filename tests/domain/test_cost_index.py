"""The cost-effectiveness index, worked by hand on five councils (SYNTHETIC figures)."""

from __future__ import annotations

import pytest

from perfcli.domain.cost_index import (
    IndicatorValues,
    cost_index,
    indicator_scores,
    indicators_from_national,
    normalise,
    outcome_composite,
)
from perfcli.domain.model import Aim

# Spending per head (£), low is good. min 900 (C), max 1,500 (D), range 600.
# Normalised input = (1,500 - x) / 600:
#   A 1,000 -> 500/600 = 0.8333   B 1,200 -> 300/600 = 0.5   C 900 -> 1.0
#   D 1,500 -> 0.0                E 1,100 -> 400/600 = 0.6667
SPENDING = {"A": 1000.0, "B": 1200.0, "C": 900.0, "D": 1500.0, "E": 1100.0}
# Outcome composite, high is good. min 1.5 (C), max 3.5 (B), range 2.
# Normalised outcome = (x - 1.5) / 2:
#   A 2.5 -> 0.5   B 3.5 -> 1.0   C 1.5 -> 0.0   D 3.0 -> 0.75   E 2.0 -> 0.25
OUTCOME = {"A": 2.5, "B": 3.5, "C": 1.5, "D": 3.0, "E": 2.0}
# Index = mean of the two:
#   A (0.8333 + 0.5) / 2 = 0.6667   B (0.5 + 1.0) / 2 = 0.75   C (1.0 + 0.0) / 2 = 0.5
#   D (0.0 + 0.75) / 2 = 0.375      E (0.6667 + 0.25) / 2 = 0.4583
# Rank by index, highest first: B 1, A 2, C 3, E 4, D 5.
EXPECTED = [
    ("B", 0.5, 1.0, 0.75, 1),
    ("A", 5 / 6, 0.5, 2 / 3, 2),
    ("C", 1.0, 0.0, 0.5, 3),
    ("E", 2 / 3, 0.25, 11 / 24, 4),
    ("D", 0.0, 0.75, 0.375, 5),
]


def test_five_councils_worked_by_hand() -> None:
    index = cost_index(SPENDING, OUTCOME, council="A")
    got = [(r.council, r.input_score, r.outcome_score, r.index, r.rank) for r in index.rows]
    for (name, inp, out, idx, pos), row in zip(EXPECTED, got, strict=True):
        assert row[0] == name
        assert row[1] == pytest.approx(inp)
        assert row[2] == pytest.approx(out)
        assert row[3] == pytest.approx(idx)
        assert row[4] == pos
    own = index.own
    assert own is not None and own.rank == 2 and own.of == 5 and own.spending == 1000.0


# Two indicators over the same five councils. With five councils the quartile of rank r is
# floor((r - 1) * 4 / 5) + 1: ranks 1 and 2 top (4 points), 3 second (3), 4 third (2), 5 bottom (1).
#   Indicator 1, high is good: B 90, D 85, A 80, E 70, C 60 -> B 4, D 4, A 3, E 2, C 1
#   Indicator 2, low is good:  D 8, A 10, B 12, E 15, C 20  -> D 4, A 4, B 3, E 2, C 1
# Composite (mean): A 3.5, B 3.5, C 1.0, D 4.0, E 2.0.
# By position ((5 - rank) / 4): indicator 1 B 1, D .75, A .5, E .25, C 0;
#   indicator 2 D 1, A .75, B .5, E .25, C 0 -> A .625, B .75, C 0, D .875, E .25.
FIRST = IndicatorValues("Pupils at good schools (%)", Aim.HIGH, {"A": 80.0, "B": 90.0, "C": 60.0, "D": 85.0, "E": 70.0})  # fmt: skip
SECOND = IndicatorValues("Admissions to care per 100k", Aim.LOW, {"A": 10.0, "B": 12.0, "C": 20.0, "D": 8.0, "E": 15.0})  # fmt: skip


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("quartile", {"A": 3.5, "B": 3.5, "C": 1.0, "D": 4.0, "E": 2.0}),
        ("position", {"A": 0.625, "B": 0.75, "C": 0.0, "D": 0.875, "E": 0.25}),
    ],
)
def test_outcome_composite_respects_polarity(method: str, expected: dict[str, float]) -> None:
    assert outcome_composite([FIRST, SECOND], method) == pytest.approx(expected)  # type: ignore[arg-type]


def test_a_fall_in_a_low_is_good_indicator_scores_higher() -> None:
    scores = indicator_scores(SECOND)
    assert scores["D"] > scores["C"]


@pytest.mark.parametrize(
    ("values", "low_is_good", "expected"),
    [
        ({"A": 5.0, "B": 10.0}, False, {"A": 0.0, "B": 1.0}),
        ({"A": 5.0, "B": 10.0}, True, {"A": 1.0, "B": 0.0}),
        ({"A": 7.0, "B": 7.0, "C": 7.0}, True, {"A": 0.5, "B": 0.5, "C": 0.5}),
        ({"A": 1.0, "B": None, "C": 3.0}, False, {"A": 0.0, "B": None, "C": 1.0}),
        ({"A": None}, False, {"A": None}),
        ({"A": 42.0}, True, {"A": 0.5}),
    ],
)
def test_normalise(
    values: dict[str, float | None], low_is_good: bool, expected: dict[str, float | None]
) -> None:
    assert normalise(values, low_is_good=low_is_good) == expected


def test_all_equal_councils_share_rank_one() -> None:
    index = cost_index({"A": 100.0, "B": 100.0}, {"A": 2.0, "B": 2.0})
    assert [(r.index, r.rank) for r in index.rows] == [(0.5, 1), (0.5, 1)]


def test_a_council_missing_a_metric_is_listed_last_without_a_rank() -> None:
    index = cost_index({"A": 100.0, "B": 200.0, "C": None}, {"A": 1.0, "B": 3.0, "C": 4.0})
    assert [r.council for r in index.rows] == ["A", "B", "C"]
    last = index.rows[-1]
    assert last.index is None and last.rank is None and last.outcome_score == 1.0
    assert index.rows[0].of == 2
    # The missing council does not move the others' normalisation: B is the worst spender.
    assert index.row_for("B").input_score == 0.0  # type: ignore[union-attr]


def test_one_council() -> None:
    index = cost_index({"Only": 950.0}, {"Only": 3.0}, council="Only")
    assert index.own is not None and (index.own.index, index.own.rank, index.own.of) == (0.5, 1, 1)


def test_indicators_without_a_direction_score_no_one() -> None:
    band = IndicatorValues("Sequels", Aim.BAND, {"A": 1.0, "B": 2.0})
    assert indicator_scores(band) == {}
    assert outcome_composite([band]) == {"A": None, "B": None}


def test_a_council_missing_one_indicator_is_scored_on_the_rest() -> None:
    partial = IndicatorValues("x", Aim.HIGH, {"A": 1.0, "B": None, "C": 3.0})
    composite = outcome_composite([partial, FIRST])
    assert composite["B"] == 4.0  # top on FIRST, nothing on `partial`


def test_indicators_from_national_rows() -> None:
    from perfcli.domain.model import NationalRow

    rows = [
        NationalRow("ascof-2a", "2023-24", "E1", "Avon", "Local authority", 80.0),
        NationalRow("ascof-2a", "2023-24", "E2", None, "Local authority", 70.0),
        NationalRow("ascof-2a", "2023-24", "E92000001", "England", "National", 75.0),
        NationalRow("ascof-2a", "2022-23", "E1", "Avon", "Local authority", 60.0),
        NationalRow("ascof-2b", "2023-24", "E1", "Avon", "Local authority", 10.0),
        NationalRow("unknown", "2023-24", "E1", "Avon", "Local authority", 1.0),
    ]
    found = indicators_from_national(rows, {"ascof-2a": Aim.HIGH, "ascof-2b": Aim.LOW}, "2023-24")
    assert [(i.name, i.aim, dict(i.values)) for i in found] == [
        ("ascof-2a", Aim.HIGH, {"Avon": 80.0, "E2": 70.0}),
        ("ascof-2b", Aim.LOW, {"Avon": 10.0}),
    ]
    assert outcome_composite(found) == {"Avon": 4.0, "E2": 2.0}
