"""Judging by confidence intervals, as Fingertips does, beside the house rule (pure: no I/O).

`method = "confidence"` rates against an average by whether the average lies inside the
council's interval, and progress by whether two periods' intervals overlap. Where no interval
can be had (no counts), the house rule in rating.py decides and the reason says so.
"""

from __future__ import annotations

from msgspec import Struct
from msgspec.structs import replace

from perfcli.domain.comparator_types import AverageComparator, Comparator
from perfcli.domain.figures import Unit, figure_text
from perfcli.domain.model import Aim, Basis, Measure, Observation
from perfcli.domain.outcomes import Progress, Rating
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import PeriodKind
from perfcli.domain.rating import Judgement, direction, judge, progress, rating
from perfcli.domain.rating_settings import Settings
from perfcli.domain.statistics import Interval, Trend, chi_square_trend, rate_interval, wilson


class Levels(Struct, frozen=True):
    """The two levels Fingertips uses: 95% decides, 99.8% adds "significantly"."""

    level: float = 0.95
    strong: float | None = 0.998
    trend_points: int = 5
    trend_level: float = 0.999


def interval(measure: Measure, observation: Observation | None, level: float) -> Interval | None:
    """The figure's interval: published limits first, then Wilson for a proportion with its
    counts, Byar for a rate with its count or a count of events (a whole number, printed
    whole); None for anything else: a score, an index, an average, a rate without its count."""
    if observation is None or observation.value is None:
        return None
    if observation.status == "forecast":
        return None  # no count of events that happened (a re-check: Byar's interval on one)
    if observation.lower_ci is not None and observation.upper_ci is not None:
        return Interval(observation.lower_ci, observation.upper_ci, level, "published")
    value = observation.value
    events, total = observation.numerator, observation.denominator
    if measure.unit is Unit.PERCENT and events is not None and total:
        if not 0 <= events <= total:
            return None
        return wilson(events, total, level).scaled(100)
    if measure.unit is Unit.RATE_PER_100K and observation.count:
        return rate_interval(value, observation.count, level)
    # A count of events is a whole number printed whole: `19.0` is none, `17.3k` is. A count
    # at a date (people waiting at the end of June) is how many there were, not events over a
    # period: Byar's method does not describe it.
    whole = value == int(value) and (observation.decimals == 0 or bool(observation.scale))
    # Its figure filed by its year, its basis says it is such a count (a trial's waiting list,
    # `basis = "snapshot"` in perfcli.toml, filed under March's year, had Byar's interval).
    at_a_date = (
        measure.basis is Basis.SNAPSHOT
        or parse_period(observation.period).kind is PeriodKind.SNAPSHOT
    )
    if measure.unit is Unit.COUNT and value > 0 and whole and not at_a_date:
        return rate_interval(value, value, level)
    return None


def interval_text(found: Interval, unit: Unit, decimals: int = 1, scale: str = "") -> str:
    """`95% CI 88.6%–90.5%`, `95% CI 40.6k–41.4k`, `95% CI 11.0–18.3 per 100k`: the limits as
    the figure is printed (a percentage with at least one decimal place)."""
    if unit is Unit.PERCENT:
        decimals = max(decimals, 1)
    upper = figure_text(found.upper, unit, decimals, scale)
    if unit is Unit.RATE_PER_100K:
        return f"{_level(found.level)} CI {found.lower:,.{decimals}f}–{upper}"
    return f"{_level(found.level)} CI {figure_text(found.lower, unit, decimals, scale)}–{upper}"


def said(found: Interval, unit: Unit, observation: Observation) -> str:
    """A figure with its interval: `89.6% (95% CI 88.6%–90.5%)`."""
    value = observation.value or 0.0
    shown = figure_text(value, unit, observation.decimals, observation.scale)
    return f"{shown} ({interval_text(found, unit, observation.decimals, observation.scale)})"


def _level(level: float) -> str:
    return f"{level * 100:g}%"


def rate_by_interval(
    measure: Measure,
    current: Observation,
    comparator: AverageComparator,
    found: Interval,
    strong: Interval | None,
) -> tuple[Rating, str]:
    """Fingertips' rule: similar when the average lies inside the interval, else by the aim."""
    value = current.value
    assert value is not None
    way = direction(measure)
    shown = said(found, measure.unit, current)
    name = f"the national average {comparator.shown(comparator.value, measure.unit)}"
    if comparator.label and "nat" not in comparator.label.lower():
        name = f"the {comparator.label} {comparator.shown(comparator.value, measure.unit)}"
    if found.contains(comparator.value):
        return (
            Rating.SIMILAR,
            f"{shown} is similar to {name}, which lies inside the interval: similar",
        )
    side = "above" if value > comparator.value else "below"
    better = (value > comparator.value) == (way is Aim.HIGH)
    verdict = Rating.BETTER if better else Rating.BELOW
    word = verdict.value
    if strong is not None and not strong.contains(comparator.value):
        word = f"significantly {word}"
        return verdict, (
            f"{shown} is {side} {name}, which lies outside the interval and the "
            f"{interval_text(strong, measure.unit, current.decimals, current.scale)}: {word}"
        )
    return verdict, f"{shown} is {side} {name}, which lies outside the interval: {word}"


def progress_by_intervals(
    measure: Measure, current: float, previous: float, now: Interval, before: Interval
) -> Progress:
    """Similar when the two periods' intervals overlap, else improved or not as good by the aim."""
    if now.overlaps(before):
        return Progress.SIMILAR
    return (
        Progress.IMPROVED
        if (current > previous) == (direction(measure) is Aim.HIGH)
        else Progress.WORSE
    )


def _rating(
    measure: Measure,
    current: Observation | None,
    comparator: Comparator | None,
    settings: Settings,
    levels: Levels,
    found: Interval | None,
) -> tuple[Rating, str]:
    rated, why = rating(measure, current, comparator, settings)
    if (
        rated is Rating.NOT_RATED
        or not isinstance(comparator, AverageComparator)
        or (current is None or current.value is None)
    ):
        return rated, why  # a target is not an estimate: the house rule rates against it
    if found is None:
        return rated, f"no counts for a confidence interval, so the house rule: {why}"
    strong = interval(measure, current, levels.strong) if levels.strong else None
    if strong is not None and strong.method == "published":
        strong = None  # published limits come at one level only
    return rate_by_interval(measure, current, comparator, found, strong)


def _progress(
    measure: Measure,
    current: Observation | None,
    previous: Observation | None,
    comparator: Comparator | None,
    settings: Settings,
    levels: Levels,
    found: Interval | None,
) -> tuple[Progress, str, float | None, str | None]:
    moved, why, change, unit = progress(measure, current, previous, comparator, settings)
    if moved is Progress.NOT_RATED or current is None or previous is None:
        return moved, why, change, unit
    before = interval(measure, previous, levels.level)
    if found is None or before is None or current.value is None or previous.value is None:
        return moved, f"no counts for confidence intervals, so the house rule: {why}", change, unit
    moved = progress_by_intervals(measure, current.value, previous.value, found, before)
    verb = "overlap" if moved is Progress.SIMILAR else "do not overlap"
    word = "not as good" if moved is Progress.WORSE else moved.value
    why = f"{said(found, measure.unit, current)} and {said(before, measure.unit, previous)} {verb}: {word}"
    return moved, why, change, unit


def judge_by_confidence(
    measure: Measure,
    current: Observation | None,
    previous: Observation | None,
    comparator: Comparator | None,
    settings: Settings,
    levels: Levels,
    *,
    override: Rating | None = None,
    override_reason: str | None = None,
) -> tuple[Judgement, Interval | None]:
    """The house rule's judgement, with rating and progress decided by intervals where they can
    be (and the interval used); where not, the reasons say the house rule applied and why."""
    found = interval(measure, current, levels.level)
    if direction(measure) is None:
        judged = judge(measure, current, previous, comparator, settings, override=override,
                       override_reason=override_reason)  # fmt: skip
        return judged, found
    base = judge(measure, current, previous, comparator, settings)
    rated, rated_reason = _rating(measure, current, comparator, settings, levels, found)
    moved, moved_reason, change, unit = _progress(
        measure, current, previous, comparator, settings, levels, found
    )
    judged = replace(base, rating=rated, rating_reason=rated_reason, progress=moved,
                     progress_reason=moved_reason, change=change, change_unit=unit)  # fmt: skip
    if override is not None:
        why = override_reason or "no reason given"
        judged = replace(
            judged,
            rating=override,
            rating_reason=f"overridden to {override.value} ({why}); computed: {rated.value}",
            overridden=True,
            computed_rating=rated,
        )
    return judged, found


def recent_trend(measure: Measure, series: list[Observation], levels: Levels) -> Trend | None:
    """Fingertips' recent trend over the latest `trend_points` periods, for a proportion with
    its counts in each; None where the series is shorter or a count is missing."""
    if measure.unit is not Unit.PERCENT or len(series) < levels.trend_points:
        return None
    latest = series[-levels.trend_points :]
    events = [o.numerator for o in latest]
    totals = [o.denominator for o in latest]
    if any(x is None for x in events) or any(not n for n in totals):
        return None
    try:
        return chi_square_trend(
            [float(x or 0) for x in events], [float(n or 0) for n in totals], levels.trend_level
        )
    except ValueError:
        return None


def trend_words(trend: Trend, measure: Measure) -> str:
    """Fingertips' words for a recent trend, by the aim: `increasing and getting better`."""
    if trend.word not in ("increasing", "decreasing"):
        return trend.word
    way = direction(measure)
    if way is None:
        return trend.word
    better = (trend.word == "increasing") == (way is Aim.HIGH)
    return f"{trend.word} and getting {'better' if better else 'worse'}"


def significantly(judgement: Judgement) -> bool:
    """Whether the rating says "significantly": the average lay outside the stricter interval
    too. The drafted report says "significantly" only where this is true."""
    return judgement.rating_reason.endswith((": significantly better", ": significantly below"))
