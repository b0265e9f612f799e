"""The cost-effectiveness index: spending per head against outcomes, across councils (pure).

Two metrics, each min–max normalised to 0–1 across the councils that have it, where 1 is best:
- input: spending per head; low spending is good, so the cheapest council scores 1;
- outcome: a composite of performance indicators, each scored by the council's quartile (top 4
  points … bottom 1) or position (best 1 … worst 0) among the councils, by the indicator's aim.
The index is the mean of the two normalised metrics; rank 1 is the highest index, and ties share
the best rank they cover, as in `perfcli.domain.benchmarking`.

When every council has the same figure the metric tells them apart on nothing: each scores 0.5.
A council missing either metric has no index and no rank; it is listed last, not dropped.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from msgspec import Struct

from perfcli.domain.benchmarking import quartile, rank
from perfcli.domain.model import Aim, NationalRow

ScoreMethod = Literal["quartile", "position"]
QUARTILE_POINTS = {1: 4.0, 2: 3.0, 3: 2.0, 4: 1.0}
FLAT = 0.5


class IndicatorValues(Struct, frozen=True):
    """One performance indicator's figure for each council, and which way is better."""

    name: str
    aim: Aim
    values: Mapping[str, float | None]


class IndexRow(Struct, frozen=True):
    council: str
    spending: float | None
    outcome: float | None
    input_score: float | None
    outcome_score: float | None
    index: float | None
    rank: int | None
    of: int


class CostIndex(Struct, frozen=True):
    rows: list[IndexRow]
    council: str | None = None

    def row_for(self, council: str) -> IndexRow | None:
        return next((row for row in self.rows if row.council == council), None)

    @property
    def own(self) -> IndexRow | None:
        return self.row_for(self.council) if self.council else None


def indicator_scores(
    indicator: IndicatorValues, method: ScoreMethod = "quartile"
) -> dict[str, float]:
    """Each council's score on one indicator; councils without a figure get none.

    An indicator with no direction (a band or information only) scores no one.
    """
    if indicator.aim not in (Aim.HIGH, Aim.LOW):
        return {}
    known = {name: value for name, value in indicator.values.items() if value is not None}
    group = list(known.values())
    size = len(group)
    scores: dict[str, float] = {}
    for name, value in known.items():
        position = rank(value, group, indicator.aim)
        if method == "quartile":
            scores[name] = QUARTILE_POINTS[quartile(position, size)]
        else:
            scores[name] = 1.0 if size == 1 else (size - position) / (size - 1)
    return scores


def indicators_from_national(
    rows: Iterable[NationalRow], aims: Mapping[str, Aim], period: str
) -> list[IndicatorValues]:
    """Councils' figures for one period from comparator data, one indicator per measure whose
    aim is known; a council is named by its area name, else its code. Only councils count:
    England's, a region's or a council type's row is left out."""
    values: dict[str, dict[str, float | None]] = {}
    for row in rows:
        if row.period != period or row.measure_id not in aims or not row.is_council:
            continue
        values.setdefault(row.measure_id, {})[row.area_name or row.area_code] = row.value
    return [IndicatorValues(mid, aims[mid], found) for mid, found in values.items()]


def outcome_composite(
    indicators: Sequence[IndicatorValues], method: ScoreMethod = "quartile"
) -> dict[str, float | None]:
    """Each council's mean score over the indicators it has a figure for (None if it has none)."""
    collected: dict[str, list[float]] = {}
    for indicator in indicators:
        for name in indicator.values:
            collected.setdefault(name, [])
        for name, score in indicator_scores(indicator, method).items():
            collected[name].append(score)
    return {
        name: statistics.fmean(scores) if scores else None for name, scores in collected.items()
    }


def normalise(values: Mapping[str, float | None], *, low_is_good: bool) -> dict[str, float | None]:
    """Min–max to 0–1 with 1 the best; a flat metric gives everyone 0.5; None stays None."""
    known = [value for value in values.values() if value is not None]
    if not known:
        return dict.fromkeys(values)
    low, high = min(known), max(known)
    result: dict[str, float | None] = {}
    for name, value in values.items():
        if value is None:
            result[name] = None
        elif high == low:
            result[name] = FLAT
        else:
            share = (value - low) / (high - low)
            result[name] = 1.0 - share if low_is_good else share
    return result


def cost_index(
    spending: Mapping[str, float | None],
    outcome: Mapping[str, float | None],
    council: str | None = None,
) -> CostIndex:
    """Every council's index and rank, best first; councils without an index come last."""
    names = list(dict.fromkeys([*spending, *outcome]))
    spend = {name: spending.get(name) for name in names}
    result = {name: outcome.get(name) for name in names}
    input_scores = normalise(spend, low_is_good=True)
    outcome_scores = normalise(result, low_is_good=False)
    indices: dict[str, float | None] = {}
    for name in names:
        first, second = input_scores[name], outcome_scores[name]
        # Rounded so that councils equal on paper are not split by floating-point dust.
        indices[name] = None if first is None or second is None else round((first + second) / 2, 12)
    ranked = [value for value in indices.values() if value is not None]
    rows = [
        IndexRow(
            council=name,
            spending=spend[name],
            outcome=result[name],
            input_score=input_scores[name],
            outcome_score=outcome_scores[name],
            index=indices[name],
            rank=rank(value, ranked, Aim.HIGH) if (value := indices[name]) is not None else None,
            of=len(ranked),
        )
        for name in names
    ]
    rows.sort(key=lambda row: (row.rank is None, row.rank or 0, row.council))
    return CostIndex(rows, council)
