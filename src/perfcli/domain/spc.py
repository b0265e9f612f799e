"""Statistical process control (XmR) as NHS England's Making Data Count draws it (pure: no I/O).

Each rule is a named function over the series, tested point by point against NHSRplotthedots'
own tests; the constants are Making Data Count's: limits at the mean ± 2.66 mean moving ranges,
"close to a limit" beyond two thirds of that, and moving ranges of 3.267 mean moving ranges or
more left out of the mean moving range (outlier screening).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from itertools import pairwise

from msgspec import Struct

from perfcli.domain.comparator_types import Comparator, TargetComparator, ThresholdComparator

LIMIT = 2.66
CLOSE = 2 * LIMIT / 3
SCREEN = 3.267


class Variation(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT = "special_cause_improvement"
    CONCERN = "special_cause_concern"
    NEITHER = "special_cause_neither"


class Assurance(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    INCONSISTENT = "inconsistent"


# How each icon reads, in the terminal and the report alike: a symbol and words.
VARIATION_SHOWN = {
    Variation.COMMON_CAUSE: ("~", "common cause"),
    Variation.IMPROVEMENT: ("⬆", "special cause improvement"),
    Variation.CONCERN: ("⬇", "special cause concern"),
    Variation.NEITHER: ("!", "special cause, neither"),
}
ASSURANCE_SHOWN = {
    Assurance.PASS: ("P", "consistently passing the target"),
    Assurance.FAIL: ("F", "consistently failing the target"),
    Assurance.INCONSISTENT: ("?", "inconsistent against the target"),
}


class Rules(Struct, frozen=True):
    """The run lengths: Making Data Count's 7 by default; a shift may be 6–8, a trend 6–7."""

    shift: int = 7
    trend: int = 7
    screen_outliers: bool = True

    def __post_init__(self) -> None:
        if not 6 <= self.shift <= 8:
            raise ValueError("a shift is a run of 6 to 8 points")
        if not 6 <= self.trend <= 7:
            raise ValueError("a trend is a run of 6 or 7 points")


# The rules, each over one series ----------------------------------------------------------


def shift_ends(side: Sequence[int], run: int = 7) -> list[int]:
    """1 where a point ends `run` points on one side of the mean; a point on the mean breaks it."""
    return [
        int(
            i >= run - 1 and side[i] != 0 and all(side[j] == side[i] for j in range(i - run + 1, i))
        )
        for i in range(len(side))
    ]


def trend_ends(values: Sequence[float], run: int = 7) -> list[int]:
    """+1 (−1) where a point ends `run` points each above (below) the one before; a tie breaks it."""
    found = []
    for i in range(len(values)):
        if i < run - 1:
            found.append(0)
            continue
        steps = [values[j] - values[j - 1] for j in range(i - run + 2, i + 1)]
        found.append(1 if all(s > 0 for s in steps) else -1 if all(s < 0 for s in steps) else 0)
    return found


def part_of_run(ends: Sequence[int], run: int = 7) -> list[int]:
    """1 for every point of a run whose end is marked in `ends`."""
    return [
        int(any(ends[j] != 0 for j in range(i, min(i + run, len(ends))))) for i in range(len(ends))
    ]


def two_in_three(close: Sequence[int], side: Sequence[int]) -> list[int]:
    """1 for every point of a window of three holding two close to a limit, all on one side."""
    n = len(close)
    padded_close = [0, 0, *close, 0, 0]
    padded_side = [0, 0, *side, 0, 0]
    found = []
    for i in range(n):
        hit = any(
            sum(padded_close[i + k : i + k + 3]) >= 2
            and abs(sum(padded_side[i + k : i + k + 3])) == 3
            for k in range(3)
        )
        found.append(int(hit))
    return found


def part_of_two_in_three(windows: Sequence[int], close: Sequence[int]) -> list[int]:
    """Of a two-in-three window, only the points that are themselves close to a limit count."""
    return [int(w == 1 and abs(c) == 1) for w, c in zip(windows, close, strict=True)]


def special_cause(
    values: Sequence[float],
    side: Sequence[int],
    close: Sequence[int],
    outside: Sequence[int],
    rules: Rules = Rules(),
) -> list[str]:
    """Each point's reason, the first that applies in NHSRplotthedots' order of precedence:
    beyond a limit, part of a trend, two in three near a limit, part of a shift."""
    trend = trend_ends(values, rules.trend)
    in_trend = part_of_run(trend, rules.trend)
    in_two = part_of_two_in_three(two_in_three(close, side), close)
    in_shift = part_of_run(shift_ends(side, rules.shift), rules.shift)
    labels = []
    for i in range(len(values)):
        where = "above" if side[i] > 0 else "below"
        if outside[i]:
            labels.append("above_upper_limit" if side[i] > 0 else "below_lower_limit")
        elif in_trend[i]:
            labels.append(f"trend_{_trend_way(values, in_trend, i)}")
        elif in_two[i]:
            labels.append(f"two_in_three_{where}")
        elif in_shift[i]:
            labels.append(f"shift_{where}")
        else:
            labels.append("common_cause")
    return labels


def _trend_way(values: Sequence[float], in_trend: Sequence[int], i: int) -> str:
    # Inside a trend, the step after the point says which way (at its end, the step before).
    if i + 1 < len(values) and in_trend[i + 1]:
        step = values[i + 1] - values[i]
    else:
        step = values[i] - values[i - 1]
    return "increasing" if step > 0 else "decreasing"


def point_type(label: str, improvement: int) -> Variation:
    """A point's variation, by which way is better: +1 higher, −1 lower, 0 neither."""
    way = (
        1
        if ("above" in label or "increasing" in label)
        else -1
        if ("below" in label or "decreasing" in label)
        else 0
    )
    if way == 0:
        return Variation.COMMON_CAUSE
    if improvement == 0:
        return Variation.NEITHER
    return Variation.IMPROVEMENT if way * improvement > 0 else Variation.CONCERN


# The chart --------------------------------------------------------------------------------


class Limits(Struct, frozen=True):
    mean: float
    lower: float
    upper: float
    close_lower: float
    close_upper: float


def limits(values: Sequence[float], screen_outliers: bool = True) -> Limits:
    """The mean and natural process limits: mean ± 2.66 × the mean moving range."""
    if len(values) < 2:
        raise ValueError("process limits need at least two points")
    mean = sum(values) / len(values)
    ranges = [abs(b - a) for a, b in pairwise(values)]
    average = sum(ranges) / len(ranges)
    if screen_outliers:
        kept = [r for r in ranges if r < SCREEN * average]
        average = sum(kept) / len(kept) if kept else average
    return Limits(
        mean, mean - LIMIT * average, mean + LIMIT * average,
        mean - CLOSE * average, mean + CLOSE * average,
    )  # fmt: skip


class Point(Struct, frozen=True):
    period: str
    value: float
    mean: float
    lower: float
    upper: float
    reason: str
    variation: Variation


class Chart(Struct, frozen=True):
    """An XmR chart: the latest segment's limits, every point typed, and the two icons."""

    points: list[Point]
    mean: float
    lower_limit: float
    upper_limit: float
    variation: Variation
    assurance: Assurance | None
    trial: bool
    rebased: list[str]


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


def _segment(
    periods: Sequence[str], values: Sequence[float], improvement: int, rules: Rules
) -> list[Point]:
    bounds = limits(values, rules.screen_outliers)
    side = [_sign(v - bounds.mean) for v in values]
    outside = [int(v > bounds.upper or v < bounds.lower) for v in values]
    close = [
        int(not out and (v < bounds.close_lower or v > bounds.close_upper))
        for v, out in zip(values, outside, strict=True)
    ]
    labels = special_cause(values, side, close, outside, rules)
    return [
        Point(p, v, bounds.mean, bounds.lower, bounds.upper, label, point_type(label, improvement))
        for p, v, label in zip(periods, values, labels, strict=True)
    ]


def assurance(
    target: float | None, lower: float, upper: float, improvement: int
) -> Assurance | None:
    """Against a target: passing or failing whatever the common-cause variation, or either."""
    if target is None or improvement == 0:
        return None
    if target > upper:
        return Assurance.FAIL if improvement > 0 else Assurance.PASS
    if target < lower:
        return Assurance.PASS if improvement > 0 else Assurance.FAIL
    return Assurance.INCONSISTENT


def xmr(
    periods: Sequence[str],
    values: Sequence[float],
    *,
    improvement: int,
    target: float | None = None,
    rebase: Sequence[str] = (),
    rules: Rules = Rules(),
    enough: int = 12,
) -> Chart:
    """The chart for a series in period order; limits recalculated from each rebase period.

    `trial` says the latest segment has fewer than `enough` points, so its limits will move.
    """
    if len(periods) != len(values):
        raise ValueError("a chart needs one value per period")
    starts = [0] + [i for i, p in enumerate(periods) if p in set(rebase) and i > 0]
    ends = [*starts[1:], len(values)]
    points: list[Point] = []
    for start, end in zip(starts, ends, strict=True):
        if end - start < 2:
            raise ValueError(f"the segment from {periods[start]} has fewer than two points")
        points.extend(_segment(periods[start:end], values[start:end], improvement, rules))
    last = points[-1]
    return Chart(
        points=points,
        mean=last.mean,
        lower_limit=last.lower,
        upper_limit=last.upper,
        variation=last.variation,
        assurance=assurance(target, last.lower, last.upper, improvement),
        trial=ends[-1] - starts[-1] < enough,
        rebased=[periods[s] for s in starts[1:]],
    )


def target_line(comparator: Comparator | None, improvement: int) -> float | None:
    """The target a chart is assured against: a target's figure, or a limit's that the measure
    aims to stay within (`<650 Local target 2024/25` where lower is better)."""
    if isinstance(comparator, TargetComparator):
        return comparator.value
    if isinstance(comparator, ThresholdComparator):
        below = comparator.op in ("<", "<=")
        if (below and improvement < 0) or (not below and improvement > 0):
            return comparator.value
    return None
