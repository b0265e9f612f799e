"""Confidence intervals and the trend test Fingertips uses (pure: no I/O, standard library only).

The formulas are those of OHID's PHEindicatormethods (R) and the Fingertips technical guidance;
perfcli's figures agree with that package's published test values to six decimal places.
"""

from __future__ import annotations

import math

from msgspec import Struct


class Interval(Struct, frozen=True):
    """A confidence interval in the unit of the figure it is around."""

    lower: float
    upper: float
    level: float
    method: str  # "wilson", "byar" or "published"

    def contains(self, value: float) -> bool:
        return self.lower <= value <= self.upper

    def overlaps(self, other: Interval) -> bool:
        return self.lower <= other.upper and other.lower <= self.upper

    def scaled(self, factor: float) -> Interval:
        return Interval(self.lower * factor, self.upper * factor, self.level, self.method)


def confidence_level(level: float) -> float:
    """A level as a fraction: 95 and 0.95 alike; ValueError outside 90–100%.

    PHEindicatormethods accepts the same two spellings and the same range.
    """
    if 90 <= level <= 100:
        level = level / 100
    if not 0.9 <= level <= 1:
        raise ValueError("confidence level must be between 90 and 100 or between 0.9 and 1")
    return level


def z_value(level: float) -> float:
    """The two-sided normal quantile for a level: 1.959964 at 95%, 3.090232 at 99.8%."""
    level = confidence_level(level)
    from statistics import NormalDist  # with random and hashlib: not for every `rate`

    return NormalDist().inv_cdf(level + (1 - level) / 2)


def wilson(events: float, total: float, level: float = 0.95) -> Interval:
    """Wilson's score interval for a proportion, as a fraction (Wilson 1927; Newcombe 1998).

    lower, upper = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / 2(n + z²), as PHEindicatormethods'
    `wilson_lower` and `wilson_upper`; at 100% the interval is the whole range 0–1.
    """
    if events < 0:
        raise ValueError("observed events must all be greater than or equal to zero")
    if total <= 0:
        raise ValueError("sample sizes must all be greater than zero")
    if events > total:
        raise ValueError("the numerator must not be greater than the denominator")
    fraction = confidence_level(level)
    if fraction == 1:
        return Interval(0.0, 1.0, fraction, "wilson")
    z = z_value(fraction)
    spread = z * math.sqrt(z * z + 4 * events * (1 - events / total))
    below = 2 * (total + z * z)
    lower = (2 * events + z * z - spread) / below
    upper = (2 * events + z * z + spread) / below
    return Interval(lower, upper, fraction, "wilson")


def byar(events: float, level: float = 0.95) -> Interval | None:
    """Byar's approximation to the Poisson interval for a count (Breslow and Day 1987).

    lower = x(1 − 1/9x − z/3√x)³, upper = (x+1)(1 − 1/9(x+1) + z/3√(x+1))³, as
    PHEindicatormethods' `byars_lower` and `byars_upper`. None for no events, where the lower
    limit is undefined (the R package gives NA there too).
    """
    if events < 0:
        raise ValueError("observed events must all be greater than or equal to zero")
    fraction = confidence_level(level)
    if events == 0 or fraction == 1:
        return None
    z = z_value(fraction)
    lower = events * (1 - 1 / (9 * events) - z / (3 * math.sqrt(events))) ** 3
    after = events + 1
    upper = after * (1 - 1 / (9 * after) + z / (3 * math.sqrt(after))) ** 3
    return Interval(max(lower, 0.0), upper, fraction, "byar")


def rate_interval(value: float, events: float, level: float = 0.95) -> Interval | None:
    """A rate per population (`13.7 per 100k`, 58 admissions): the count's limits, scaled.

    The rate is the count times a constant (per 100,000 over the population), so its limits are
    the count's Byar limits times that same constant, value / events.
    """
    limits = byar(events, level)
    if limits is None:
        return None
    return limits.scaled(value / events)


class Trend(Struct, frozen=True):
    """Fingertips' recent trend: the chi-square test for trend over the latest points."""

    word: str  # "increasing", "decreasing" or "no significant change"
    statistic: float
    points: int
    level: float


def chi_square_trend(events: list[float], totals: list[float], level: float = 0.999) -> Trend:
    """The chi-square test for linear trend in proportions (Armitage 1955; Altman 1991, 10.7).

    With scores 1..k for the periods, p = Σx/Σn, T = Σx·t − p·Σn·t and
    V = p(1 − p)(Σn·t² − (Σn·t)²/Σn), the statistic T²/V has one degree of freedom. It is
    significant when it exceeds the square of the two-sided normal quantile for the level
    (perfcli's default, 99.9%, keeps false alarms rare across a dashboard of measures). The
    sign of T says which way.
    """
    if len(events) != len(totals) or len(events) < 2:
        raise ValueError("a trend needs the events and totals of at least two periods")
    if any(n <= 0 for n in totals) or any(
        not 0 <= x <= n for x, n in zip(events, totals, strict=True)
    ):
        raise ValueError("each period needs 0 ≤ events ≤ total, and a total above zero")
    fraction = confidence_level(level)
    scores = range(1, len(events) + 1)
    total = sum(totals)
    share = sum(events) / total
    sum_nt = sum(n * t for n, t in zip(totals, scores, strict=True))
    sum_nt2 = sum(n * t * t for n, t in zip(totals, scores, strict=True))
    observed = sum(x * t for x, t in zip(events, scores, strict=True)) - share * sum_nt
    variance = share * (1 - share) * (sum_nt2 - sum_nt**2 / total)
    if variance <= 0:
        return Trend("no significant change", 0.0, len(events), fraction)
    statistic = observed**2 / variance
    if statistic <= z_value(fraction) ** 2:
        return Trend("no significant change", statistic, len(events), fraction)
    return Trend("increasing" if observed > 0 else "decreasing", statistic, len(events), fraction)
