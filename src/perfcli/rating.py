"""Rating, progress and RAG rules, each with its one-line reason (pure: no I/O)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from perfcli.model import Aim, Comparator, Measure, Observation
from perfcli.values import RATEABLE_COMPARATORS, ComparatorKind, Figure, Unit

RAG_KINDS = {
    ComparatorKind.TARGET,
    ComparatorKind.MILESTONE,
    ComparatorKind.BAND,
    ComparatorKind.THRESHOLD,
}


class Rating(StrEnum):
    BETTER = "better"
    SIMILAR = "similar"
    BELOW = "below"
    NOT_RATED = "not_rated"


class Progress(StrEnum):
    IMPROVED = "improved"
    SIMILAR = "similar"
    WORSE = "worse"
    NOT_RATED = "not_rated"


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


# How each outcome is shown, in the terminal and in the Word report alike: a symbol and a word,
# so that the two never disagree. Colour or shading (by tone) only ever adds to them.
RATING_SHOWN = {Rating.BETTER: ("✔", "better"), Rating.SIMILAR: ("≈", "similar"),
                Rating.BELOW: ("✘", "below")}  # fmt: skip
PROGRESS_SHOWN = {Progress.IMPROVED: ("▲", "improved"), Progress.SIMILAR: ("◀▶", "similar"),
                  Progress.WORSE: ("▼", "not as good")}  # fmt: skip
RAG_SHOWN = {Rag.GREEN: ("G", "green"), Rag.AMBER: ("A", "amber"), Rag.RED: ("R", "red")}
TONES = {"better": "good", "improved": "good", "green": "good", "similar": "fair", "amber": "fair",
         "below": "poor", "worse": "poor", "red": "poor"}  # fmt: skip


@dataclass(frozen=True)
class Tolerances:
    """How far apart two figures may be and still be "similar".

    Percentages compare in percentage points; everything else relatively (0.03 is 3%).
    A difference exactly on the tolerance counts as similar.
    """

    percent: float = 1.5
    relative: float = 0.03
    by_unit: dict[str, float] = field(default_factory=dict)

    def for_unit(self, unit: Unit) -> float:
        if unit.value in self.by_unit:
            return self.by_unit[unit.value]
        return self.percent if unit is Unit.PERCENT else self.relative


@dataclass(frozen=True)
class RagMargins:
    """How far short of a target (relative to it) is still green, and how far is amber."""

    green: float = 0.01
    amber: float = 0.10


@dataclass(frozen=True)
class Settings:
    tolerances: Tolerances = field(default_factory=Tolerances)
    rag: RagMargins = field(default_factory=RagMargins)
    significance: bool = False
    tolerance_override: float | None = None
    rag_green: float | None = None
    rag_amber: float | None = None


@dataclass(frozen=True)
class Judgement:
    rating: Rating
    rating_reason: str
    progress: Progress
    progress_reason: str
    rag: Rag | None
    rag_reason: str | None
    change: float | None = None
    change_unit: str | None = None
    overridden: bool = False
    computed_rating: Rating | None = None

    @property
    def reason(self) -> str:
        parts = [f"rating: {self.rating_reason}", f"progress: {self.progress_reason}"]
        if self.rag_reason:
            parts.append(f"RAG: {self.rag_reason}")
        return "; ".join(parts)


def fmt(value: float, unit: Unit, decimals: int | None = None, scale: str = "") -> str:
    """A figure in words for a reason: `86.3%`, `1,575`, `17.3k`, `13.7 per 100k`."""
    if decimals is None:
        decimals = 0 if value == int(value) else 1
    shown = Figure(value, unit, decimals, scale).text(unit)
    if unit is Unit.RATE_PER_100K:
        return f"{shown} per 100k"
    return shown


def _difference(current: float, previous: float, unit: Unit) -> tuple[float, str]:
    """The change in the unit a reader expects: percentage points, else per cent."""
    if unit is Unit.PERCENT:
        return round(current - previous, 6), "pp"
    if previous == 0:
        return math.inf if current else 0.0, "%"
    return round((current - previous) / abs(previous) * 100, 6), "%"


def _signed(change: float, unit_label: str) -> str:
    return f"{change:+.1f} {unit_label}" if unit_label == "pp" else f"{change:+.1f}%"


def _tolerance(measure: Measure, settings: Settings) -> tuple[float, str]:
    value = settings.tolerance_override
    if value is None:
        value = settings.tolerances.for_unit(measure.unit)
    if measure.unit is Unit.PERCENT:
        return value, f"±{value:g} pp"
    return value * 100, f"±{value * 100:g}%"


def _direction(measure: Measure) -> Aim | None:
    if measure.aim is Aim.BAND:
        return measure.preferred_direction
    if measure.aim in (Aim.HIGH, Aim.LOW):
        return measure.aim
    return None


def significant(current: Observation, previous: Observation) -> bool | None:
    """Whether two proportions differ at 95% confidence; None when counts are not known."""
    if None in (current.numerator, current.denominator, previous.numerator, previous.denominator):
        return None
    n1, n2 = current.denominator, previous.denominator
    if not n1 or not n2:
        return None
    p1, p2 = current.numerator / n1, previous.numerator / n2  # type: ignore[operator]
    error = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return abs(p1 - p2) > 1.96 * error


# Progress ---------------------------------------------------------------------------------


def progress(
    measure: Measure,
    current: Observation | None,
    previous: Observation | None,
    comparator: Comparator | None,
    settings: Settings,
) -> tuple[Progress, str, float | None, str | None]:
    """Against the like-for-like previous period: improved, similar, worse, or why not rated."""
    if measure.aim is Aim.INFO:
        return Progress.NOT_RATED, "for information only", None, None
    if current is None or current.value is None:
        why = current.reason if current and current.reason else "no value this period"
        return Progress.NOT_RATED, why, None, None
    if previous is None or previous.value is None:
        why = previous.reason if previous and previous.reason else "no previous value"
        return Progress.NOT_RATED, why, None, None
    change, unit_label = _difference(current.value, previous.value, measure.unit)
    said = _signed(change, unit_label)
    direction = _direction(measure)
    if direction is None and measure.aim is Aim.BAND:
        return _band_progress(
            measure, current.value, previous.value, comparator, settings, change, unit_label
        )
    if settings.significance:
        verdict = significant(current, previous)
        if verdict is not None:
            if not verdict:
                return (
                    Progress.SIMILAR,
                    f"{said} is not significant at 95%: similar",
                    change,
                    unit_label,
                )
            word = _way(change, direction)
            why = f"{said} is significant at 95% (aim: {direction}): {word.value}"
            return word, why, change, unit_label
    limit, limit_text = _tolerance(measure, settings)
    if abs(change) <= limit + 1e-9:
        return Progress.SIMILAR, f"{said} is within {limit_text}: similar", change, unit_label
    word = _way(change, direction)
    return (
        word,
        f"{said} is beyond {limit_text} (aim: {direction}): {word.value}",
        change,
        unit_label,
    )


def _way(change: float, direction: Aim | None) -> Progress:
    """Which way a change beyond "similar" went, by the measure's aim."""
    return Progress.IMPROVED if (change > 0) == (direction is Aim.HIGH) else Progress.WORSE


def _band_progress(
    measure: Measure,
    current: float,
    previous: float,
    comparator: Comparator | None,
    settings: Settings,
    change: float,
    unit_label: str,
) -> tuple[Progress, str, float | None, str | None]:
    if comparator is None or comparator.low is None or comparator.high is None:
        return (
            Progress.NOT_RATED,
            "band measure with no band and no preferred direction",
            change,
            unit_label,
        )
    before = _distance(previous, comparator.low, comparator.high)
    after = _distance(current, comparator.low, comparator.high)
    moved = before - after
    limit, limit_text = _tolerance(measure, settings)
    if measure.unit is not Unit.PERCENT:
        moved = moved / max(abs(previous), 1e-9) * 100
    said = f"{abs(moved):.1f} {'pp' if measure.unit is Unit.PERCENT else '%'}"
    if abs(moved) <= limit + 1e-9:
        return (
            Progress.SIMILAR,
            f"moved {said} relative to the band, within {limit_text}: similar",
            change,
            unit_label,
        )
    if moved > 0:
        return Progress.IMPROVED, f"moved {said} towards the band: improved", change, unit_label
    return Progress.WORSE, f"moved {said} away from the band: worse", change, unit_label


def _distance(value: float, low: float, high: float) -> float:
    if value < low:
        return low - value
    if value > high:
        return value - high
    return 0.0


# Rating -----------------------------------------------------------------------------------


def rating(
    measure: Measure, current: Observation | None, comparator: Comparator | None, settings: Settings
) -> tuple[Rating, str]:
    """Against the comparator: better, similar, below, or why not rated."""
    if measure.aim is Aim.INFO or (comparator and comparator.kind is ComparatorKind.INFO):
        return Rating.NOT_RATED, "for information only"
    if comparator is None:
        return Rating.NOT_RATED, "no comparator"
    if not _rateable(comparator):
        return (
            Rating.NOT_RATED,
            comparator.reason or f"{comparator.raw!r} is not a figure to rate against",
        )
    if current is None or current.value is None:
        return Rating.NOT_RATED, (
            current.reason if current and current.reason else "no value this period"
        )
    value = current.value
    shown = fmt(value, measure.unit, current.decimals, current.scale)
    if comparator.kind is ComparatorKind.BAND:
        low, high = comparator.low, comparator.high
        band = f"{fmt(low, measure.unit)}–{fmt(high, measure.unit)}"  # type: ignore[arg-type]
        if low <= value <= high:  # type: ignore[operator]
            return Rating.BETTER, f"{shown} is inside the band {band}: better"
        side = "below" if value < low else "above"  # type: ignore[operator]
        return Rating.BELOW, f"{shown} is {side} the band {band}: below"
    target = comparator.value
    assert target is not None
    direction = measure.aim if measure.aim in (Aim.HIGH, Aim.LOW) else measure.preferred_direction
    if comparator.kind is ComparatorKind.THRESHOLD:
        return _threshold(value, target, comparator.op or "<", shown, measure.unit)
    if direction is None:
        return Rating.NOT_RATED, "no aim to say which side of the comparator is better"
    change, unit_label = _difference(value, target, measure.unit)
    limit, limit_text = _tolerance(measure, settings)
    name = _comparator_name(comparator, measure.unit)
    met = (change >= 0) == (direction is Aim.HIGH) or change == 0
    if comparator.kind is not ComparatorKind.NATIONAL_AVERAGE and met:
        # A target met is better, however narrowly; only a narrow miss is "similar".
        return Rating.BETTER, f"{shown} meets {name} (aim: {direction}): better"
    if abs(change) <= limit + 1e-9:
        return Rating.SIMILAR, f"{shown} is within {limit_text} of {name}: similar"
    better = (change > 0) == (direction is Aim.HIGH)
    side = "above" if change > 0 else "below"
    verdict = Rating.BETTER if better else Rating.BELOW
    return (
        verdict,
        f"{shown} is {_signed(change, unit_label)} {side} {name} (aim: {direction}): {verdict.value}",
    )


def _rateable(comparator: Comparator) -> bool:
    if comparator.kind is ComparatorKind.BAND:
        return comparator.low is not None and comparator.high is not None
    return comparator.kind in RATEABLE_COMPARATORS and comparator.value is not None


def _threshold(value: float, limit: float, op: str, shown: str, unit: Unit) -> tuple[Rating, str]:
    met = {"<": value < limit, "<=": value <= limit, ">": value > limit, ">=": value >= limit}[op]
    words = {"<": "below", "<=": "at or below", ">": "above", ">=": "at or above"}[op]
    if met:
        return Rating.BETTER, f"{shown} is {words} the threshold {fmt(limit, unit)}: better"
    return Rating.BELOW, f"{shown} is not {words} the threshold {fmt(limit, unit)}: below"


def _comparator_name(comparator: Comparator, unit: Unit) -> str:
    figure = fmt(comparator.value, unit, comparator.decimals, comparator.scale)  # type: ignore[arg-type]
    if comparator.kind is ComparatorKind.NATIONAL_AVERAGE:
        return f"the national average {figure}"
    if comparator.kind is ComparatorKind.MILESTONE:
        return f"the milestone {figure}"
    return f"the target {figure}"


# RAG --------------------------------------------------------------------------------------


def rag(
    measure: Measure, current: Observation | None, comparator: Comparator | None, settings: Settings
) -> tuple[Rag | None, str | None]:
    """Against a target: green meets it (or is within the green margin), amber narrowly misses."""
    if comparator is None or comparator.kind not in RAG_KINDS or measure.aim is Aim.INFO:
        return None, None
    if current is None or current.value is None or not _rateable(comparator):
        return None, None
    value = current.value
    if comparator.kind is ComparatorKind.BAND:
        low, high = comparator.low, comparator.high
        shortfall = _distance(value, low, high)  # type: ignore[arg-type]
        reference = high if value > high else low  # type: ignore[operator]
    else:
        target = comparator.value
        op = comparator.op or (">=" if measure.aim is not Aim.LOW else "<=")
        if op in ("<", "<="):
            shortfall = max(0.0, value - target)  # type: ignore[operator]
        else:
            shortfall = max(0.0, target - value)  # type: ignore[operator]
        reference = target
    green = settings.rag_green if settings.rag_green is not None else settings.rag.green
    amber = settings.rag_amber if settings.rag_amber is not None else settings.rag.amber
    shown = fmt(value, measure.unit, current.decimals, current.scale)
    if shortfall == 0:
        return Rag.GREEN, f"{shown} meets the target {comparator.raw.strip()}: green"
    share = shortfall / abs(reference) if reference else math.inf  # type: ignore[arg-type]
    missed = f"{shown} misses {comparator.raw.strip()} by {share * 100:.1f}%"
    if share <= green + 1e-9:
        return Rag.GREEN, f"{missed}, within the {green * 100:g}% on-track margin: green"
    if share <= amber + 1e-9:
        return Rag.AMBER, f"{missed}, within the {amber * 100:g}% amber margin: amber"
    return Rag.RED, f"{missed}, beyond the {amber * 100:g}% amber margin: red"


# All together -----------------------------------------------------------------------------


def judge(
    measure: Measure,
    current: Observation | None,
    previous: Observation | None,
    comparator: Comparator | None,
    settings: Settings,
    *,
    override: str | None = None,
    override_reason: str | None = None,
) -> Judgement:
    rated, rated_reason = rating(measure, current, comparator, settings)
    moved, moved_reason, change, change_unit = progress(
        measure, current, previous, comparator, settings
    )
    rag_value, rag_reason = rag(measure, current, comparator, settings)
    if override:
        computed = rated
        rated = Rating(override.strip().lower().replace(" ", "_"))
        why = override_reason or "no reason given"
        rated_reason = f"overridden to {rated.value} ({why}); computed: {computed.value}"
        return Judgement(
            rated,
            rated_reason,
            moved,
            moved_reason,
            rag_value,
            rag_reason,
            change,
            change_unit,
            True,
            computed,
        )
    return Judgement(
        rated, rated_reason, moved, moved_reason, rag_value, rag_reason, change, change_unit
    )


# meets: provisional, replaced by the core's -------------------------------------------------


def meets(value: float, comparator: Comparator, measure: Measure) -> bool | None:
    """Whether `value` meets a target, milestone, band or threshold; None when there is nothing
    to meet (a national average, information only, no figure to meet)."""
    if measure.aim is Aim.INFO or comparator.kind not in RAG_KINDS or not _rateable(comparator):
        return None
    if comparator.kind is ComparatorKind.BAND:
        return comparator.low <= value <= comparator.high  # type: ignore[operator]
    target = comparator.value
    assert target is not None
    direction = measure.aim if measure.aim in (Aim.HIGH, Aim.LOW) else measure.preferred_direction
    op = comparator.op or {Aim.HIGH: ">=", Aim.LOW: "<="}.get(direction)  # type: ignore[arg-type]
    if op is None:
        return None
    return {"<": value < target, "<=": value <= target, ">": value > target, ">=": value >= target}[
        op
    ]
