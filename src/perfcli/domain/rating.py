"""Rating, progress and RAG rules, each with its one-line reason (pure: no I/O)."""

from __future__ import annotations

import math

from msgspec import Struct

from perfcli.domain.comparator_parsing import ComparatorKind
from perfcli.domain.comparator_types import (
    AverageComparator,
    BandComparator,
    Comparator,
    TargetComparator,
    TextComparator,
    ThresholdComparator,
)
from perfcli.domain.figures import Unit, figure_text, half_up, is_ratio
from perfcli.domain.model import Aim, Measure, Observation
from perfcli.domain.outcomes import Progress, Rag, Rating, band_side
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.rating_settings import Settings
from perfcli.errors import quoted

# The members these rules test bound once: on Python 3.11 `Aim.HIGH` is a class lookup of
# ~75 ns, and the rules ask a dozen of them for each measure (20,000 in one `rate`).
_HIGH, _LOW, _BAND, _INFO = Aim.HIGH, Aim.LOW, Aim.BAND, Aim.INFO
_PERCENT = Unit.PERCENT
_INFO_ONLY, _MILESTONE = ComparatorKind.INFO, ComparatorKind.MILESTONE


# One is made for each measure rated: a frozen dataclass's __init__ (object.__setattr__ per
# field) took 1.1 µs of it; a Struct's takes a third of that.
class Judgement(Struct, frozen=True):
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
        said = f"rating: {self.rating_reason}; progress: {self.progress_reason}"
        return f"{said}; RAG: {self.rag_reason}" if self.rag_reason else said


def _difference(current: float, previous: float, unit: Unit) -> tuple[float, str]:
    """The change in the unit a reader expects: percentage points, else per cent."""
    if unit is _PERCENT:
        return round(current - previous, 6), "pp"
    if previous == 0:
        return math.copysign(math.inf, current) if current else 0.0, "%"
    return round((current - previous) / abs(previous) * 100, 6), "%"


def _signed(change: float, unit_label: str, beyond: float | None = None) -> str:
    """A change to one place (a half up, as figures are); one `beyond` a limit, to as many more
    as show it is (a trial's +3.03% was `+3.0% is beyond ±3%`, beside `+3.0% is within ±3%`)."""
    places = 1
    size = abs(change)
    if beyond is not None and size < beyond + 0.05:
        while places < 6 and float(half_up(size, places)) <= beyond:
            places += 1
    said = ("-" if change < 0 else "+") + half_up(size, places)
    return f"{said} {unit_label}" if unit_label == "pp" else f"{said}%"


def not_a_share(measure: Measure, obs: Observation) -> bool:
    """A percentage outside 0-100% that cannot be one: a share's numerator cannot pass its
    denominator (a ratio's can: excess mortality 423%). validate says so at its cell; rating
    and progress leave it unrated (a trial's count of 700 read as 700% "met the target 60%")."""
    value = obs.value
    return (
        measure.unit is _PERCENT
        and value is not None
        and not 0 <= value <= 100
        and (value < 0 or not is_ratio(measure.description) or obs.denominator is not None)
    )


# A unit as words name it: `is not in the measure's unit (a count)`, `which a count cannot be`.
UNIT_NAMES = {
    Unit.PERCENT: "a percentage", Unit.COUNT: "a count", Unit.RATE_PER_100K: "a rate per 100,000",
    Unit.CURRENCY: "an amount of money", Unit.HOURS: "a number of hours",
    Unit.NUMBER: "a number", Unit.RATIO: "a ratio",
}  # fmt: skip
# Units no figure of which is below 0 (validate's value.negative).
NEVER_NEGATIVE = frozenset((Unit.COUNT, Unit.HOURS, Unit.RATE_PER_100K))


def impossible(measure: Measure, obs: Observation, which: str = "the figure") -> str | None:
    """Why a figure cannot be its measure's, to leave it unrated (`which`: the figure's name in
    the reason); None where it can be. A percentage outside 0-100% that cannot be one, and a
    count, hours or a rate below 0 (a re-check's `(127.1k)`, imported with --force, was judged
    "improved")."""
    value = obs.value
    if value is None or (value >= 0 and (value <= 100 or measure.unit is not _PERCENT)):
        return None  # most figures, at once: rating asks of each measure's two
    if value < 0 and measure.unit in NEVER_NEGATIVE:
        shown = figure_text(value, measure.unit, obs.decimals, obs.scale)
        return f"{which} {shown} is below 0, which {UNIT_NAMES[measure.unit]} cannot be"
    if not_a_share(measure, obs):
        shown = figure_text(value, measure.unit, obs.decimals, obs.scale)
        return f"{which} {shown} is outside 0–100%, so not a percentage to judge"
    return None


def direction(measure: Measure) -> Aim | None:
    """Which way is better: the aim, or for a band its preferred direction; None if neither."""
    aim = measure.aim
    if aim is _HIGH or aim is _LOW:
        return aim
    if aim is _BAND:
        return measure.preferred_direction
    return None


# Units a comparator's figure cannot be set against: a percentage's target in pounds or
# thousands, a count's in pounds or as a percentage, a rate's as a percentage (the measure's
# unit, and the comparator's printed units that clash with it).
_CLASHES = {
    Unit.PERCENT: (Unit.CURRENCY, Unit.RATE_PER_100K),
    Unit.RATE_PER_100K: (Unit.CURRENCY, Unit.PERCENT),
    Unit.CURRENCY: (Unit.PERCENT, Unit.RATE_PER_100K),
    Unit.COUNT: (Unit.CURRENCY, Unit.PERCENT),
    Unit.HOURS: (Unit.CURRENCY, Unit.PERCENT),
    Unit.NUMBER: (Unit.CURRENCY, Unit.PERCENT),
    Unit.RATIO: (Unit.CURRENCY,),
}


def unit_clash(measure: Measure, comparator: Comparator | None) -> str | None:
    """Why a comparator cannot be set against the measure's figures, printed in a unit they
    are not in (`Local target £1.25m` for a percentage: 81.2% is not 1,249,918.8 pp below it);
    None where it can be."""
    if comparator is None:
        return None
    printed, unit = comparator.unit, measure.unit
    scaled = unit is _PERCENT and comparator.scale  # `5.1k` for a percentage
    # `Below 1,575` for a percentage: a count's figure, printed with no unit (a re-check's was
    # rated "better" against it).
    counted = unit is _PERCENT and printed is None and _over_a_hundred(comparator)
    # Most comparators print no unit, or the measure's: no lookup (an enum's hash is Python's).
    if (
        not scaled
        and not counted
        and (printed is None or printed is unit or printed not in _CLASHES[unit])
    ):
        return None
    return f"{quoted(comparator.raw)} is not in the measure's unit ({UNIT_NAMES[unit]})"


def _over_a_hundred(comparator: Comparator) -> bool:
    value, low, high, _ = comparator.figures()
    return any(figure is not None and abs(figure) > 100 for figure in (value, low, high))


# Comparators of one figure, reached by the measure's aim.
_ONE_FIGURE = (TargetComparator, AverageComparator)
_COMPARE = {
    "<": lambda value, limit: value < limit,
    "<=": lambda value, limit: value <= limit,
    ">": lambda value, limit: value > limit,
    ">=": lambda value, limit: value >= limit,
}


def meets(value: float, comparator: Comparator | None, measure: Measure) -> bool | None:
    """Whether a figure meets its comparator: the one rule for "is the target met?".

    A band is met inside it, a threshold by its operator; a target or an average by the
    measure's direction (its aim, or a band measure's preferred direction), reaching it exactly
    included. None where nothing can be met: information only, words, or no direction.
    Rating, RAG and the drafted report all ask this function.
    """
    if comparator is None or measure.aim is _INFO:
        return None
    if isinstance(comparator, _ONE_FIGURE):
        way = direction(measure)
        if way is None:
            return None
        return value >= comparator.value if way is _HIGH else value <= comparator.value
    if isinstance(comparator, BandComparator):
        return comparator.low <= value <= comparator.high
    if isinstance(comparator, ThresholdComparator):
        return bool(_COMPARE[comparator.op](value, comparator.value))
    return None


def significant(current: Observation, previous: Observation) -> bool | None:
    """Whether two proportions differ at 95% confidence; None when counts are not known."""
    n1, n2 = current.denominator, previous.denominator
    k1, k2 = current.numerator, previous.numerator
    if k1 is None or k2 is None or not n1 or not n2:
        return None
    p1, p2 = k1 / n1, k2 / n2
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
    if measure.aim is _INFO:
        return Progress.NOT_RATED, "for information only", None, None
    if current is None or current.value is None:
        why = current.reason if current and current.reason else "no value this period"
        return Progress.NOT_RATED, why, None, None
    if previous is None or previous.value is None:
        why = previous.reason if previous and previous.reason else "no previous value"
        return Progress.NOT_RATED, why, None, None
    later = parse_period(current.period)  # each label read once (period_parsing keeps them)
    earlier = parse_period(previous.period)
    if later.end < earlier.end:
        # A re-check: `2021/22 81.2%` typed in 2023/24's column was "improved" against 2022/23.
        return (
            Progress.NOT_RATED,
            f"the latest figure is for {later.display}, before {earlier.display}, the one it"
            " would be compared with",
            None,
            None,
        )
    cannot = impossible(measure, current) or impossible(measure, previous, "the earlier figure")
    if cannot is not None:
        return Progress.NOT_RATED, cannot, None, None
    change, unit_label = _difference(current.value, previous.value, measure.unit)
    said = _signed(change, unit_label)
    way = direction(measure)
    if math.isinf(change) and way is not None:
        # From nothing, no share of it: said as the figures (a trial's `+inf%`), with no change
        # to print (JSON has no infinity: the output said null, the CSV `inf`).
        word = _way(change, way)
        went = "up" if change > 0 else "down"
        return word, f"{went} from 0 to {_shown(measure, current)} (aim: {way}): {word}", None, None
    if way is None and measure.aim is _BAND:
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
            word = _way(change, way)
            why = f"{said} is significant at 95% (aim: {way}): {word}"
            return word, why, change, unit_label
    limit, limit_text = settings.tolerance(measure.unit)
    if abs(change) <= limit + 1e-9:
        return Progress.SIMILAR, f"{said} is within {limit_text}: similar", change, unit_label
    word = _way(change, way)
    said = _signed(change, unit_label, limit)
    return word, f"{said} is beyond {limit_text} (aim: {way}): {word}", change, unit_label


def _way(change: float, direction: Aim | None) -> Progress:
    """Which way a change beyond "similar" went, by the measure's aim."""
    return Progress.IMPROVED if (change > 0) == (direction is _HIGH) else Progress.WORSE


def _band_progress(
    measure: Measure,
    current: float,
    previous: float,
    comparator: Comparator | None,
    settings: Settings,
    change: float,
    unit_label: str,
) -> tuple[Progress, str, float | None, str | None]:
    if not isinstance(comparator, BandComparator):
        return (
            Progress.NOT_RATED,
            "band measure with no band and no preferred direction",
            change,
            unit_label,
        )
    before = _distance(previous, comparator.low, comparator.high)
    after = _distance(current, comparator.low, comparator.high)
    moved = before - after
    limit, limit_text = settings.tolerance(measure.unit)
    if measure.unit is not _PERCENT:
        moved = moved / max(abs(previous), 1e-9) * 100
    said = f"{abs(moved):.1f} pp" if measure.unit is _PERCENT else f"{abs(moved):.1f}%"
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
    return _rating(measure, current, comparator, settings, _shown(measure, current))


def _shown(measure: Measure, current: Observation | None) -> str | None:
    """The current figure as a reason says it; None without one. Rating and RAG both say it:
    judge() makes it once for the two."""
    if current is None or current.value is None:
        return None
    return figure_text(current.value, measure.unit, current.decimals, current.scale)


def _rating(
    measure: Measure,
    current: Observation | None,
    comparator: Comparator | None,
    settings: Settings,
    shown: str | None,
) -> tuple[Rating, str]:
    if measure.aim is _INFO or (comparator and comparator.kind is _INFO_ONLY):
        return Rating.NOT_RATED, "for information only"
    if comparator is None:
        return Rating.NOT_RATED, "no comparator"
    if isinstance(comparator, TextComparator):
        return (
            Rating.NOT_RATED,
            comparator.reason or f"{quoted(comparator.raw)} is not a figure to rate against",
        )
    clash = unit_clash(measure, comparator)
    if clash is not None:  # nothing to set the figure against (and no RAG: _rag)
        return Rating.NOT_RATED, clash
    if current is None or current.value is None or shown is None:
        return Rating.NOT_RATED, (
            current.reason if current and current.reason else "no value this period"
        )
    value = current.value
    cannot = impossible(measure, current)
    if cannot is not None:
        return Rating.NOT_RATED, cannot
    if isinstance(comparator, BandComparator):
        return _band_rating(value, shown, comparator, measure.unit)
    met = meets(value, comparator, measure)
    if isinstance(comparator, ThresholdComparator):
        words = {"<": "below", "<=": "at or below", ">": "above", ">=": "at or above"}[
            comparator.op
        ]
        bound = figure_text(comparator.value, measure.unit)
        if met:
            return Rating.BETTER, f"{shown} is {words} the threshold {bound}: better"
        # A narrow miss is similar, as a target's is, so RAG's on-track green never sits
        # beside "below" (a trial: 1,575 against <1,575 was below and green).
        change, _ = _difference(value, comparator.value, measure.unit)
        limit, limit_text = settings.tolerance(measure.unit)
        if abs(change) <= limit + 1e-9:
            return Rating.SIMILAR, (
                f"{shown} is not {words} the threshold {bound}, but within {limit_text} of it:"
                " similar"
            )
        return Rating.BELOW, f"{shown} is not {words} the threshold {bound}: below"
    way = direction(measure)
    if met is None or way is None:
        return Rating.NOT_RATED, "no aim to say which side of the comparator is better"
    name = _comparator_name(comparator, measure.unit)
    if met and isinstance(comparator, TargetComparator):
        # A target met is better, however narrowly; only a narrow miss is "similar".
        return Rating.BETTER, f"{shown} meets {name} (aim: {way}): better"
    change, unit_label = _difference(value, comparator.value, measure.unit)
    limit, limit_text = settings.tolerance(measure.unit)
    if abs(change) <= limit + 1e-9:
        return Rating.SIMILAR, f"{shown} is within {limit_text} of {name}: similar"
    verdict = Rating.BETTER if met else Rating.BELOW
    side = "above" if change > 0 else "below"
    by = _by(change, unit_label, limit)
    return verdict, f"{shown} is {by}{side} {name} (aim: {way}): {verdict}"


def _band_rating(
    value: float, shown: str, comparator: BandComparator, unit: Unit
) -> tuple[Rating, str]:
    """Inside the band is met; outside, the words say which side and by how much, so a figure
    above its band never reads as "below" (the rating's name for not met)."""
    band = f"{figure_text(comparator.low, unit)}–{figure_text(comparator.high, unit)}"
    side = band_side(value, comparator)
    if side == "inside":
        return Rating.BETTER, f"{shown} is inside the band {band}: better"
    edge = comparator.low if side == "below" else comparator.high
    gap, unit_label = _difference(value, edge, unit)
    end = "bottom" if side == "below" else "top"
    return (
        Rating.BELOW,
        f"{shown} is {_by(gap, unit_label)}{side} the {end} of the band {band}: not met, {side}"
        " the band",
    )


def _by(change: float, unit_label: str, beyond: float | None = None) -> str:
    """How far a figure is from another, then a space (`3.4 pp `, `5.9% `): nothing from 0,
    of which no share can be said (a trial's `5 is inf% above the target 0`)."""
    if math.isinf(change):
        return ""
    return _signed(abs(change), unit_label, beyond).lstrip("+") + " "


def _comparator_name(comparator: TargetComparator | AverageComparator, unit: Unit) -> str:
    figure = figure_text(comparator.value, unit, comparator.decimals, comparator.scale)
    if isinstance(comparator, AverageComparator):
        return f"the national average {figure}"
    if comparator.kind is _MILESTONE:
        return f"the milestone {figure}"
    return f"the target {figure}"


# RAG --------------------------------------------------------------------------------------


def rag(
    measure: Measure, current: Observation | None, comparator: Comparator | None, settings: Settings
) -> tuple[Rag | None, str | None]:
    """Against a target: green meets it (or is within the green margin), amber narrowly misses."""
    return _rag(measure, current, comparator, settings, _shown(measure, current))


_TARGETS = (TargetComparator, BandComparator, ThresholdComparator)


def _rag(
    measure: Measure,
    current: Observation | None,
    comparator: Comparator | None,
    settings: Settings,
    shown: str | None,
) -> tuple[Rag | None, str | None]:
    if not isinstance(comparator, _TARGETS) or unit_clash(measure, comparator) is not None:
        return None, None
    if current is None or current.value is None or shown is None:
        return None, None
    value = current.value
    if impossible(measure, current) is not None:
        return None, None
    met = meets(value, comparator, measure)
    if met is None:
        return None, None
    if met:
        return Rag.GREEN, f"{shown} meets the target {comparator.raw.strip()}: green"
    if isinstance(comparator, BandComparator):
        reference = comparator.high if value > comparator.high else comparator.low
    else:
        reference = comparator.value
    green = settings.rag_green if settings.rag_green is not None else settings.rag.green
    amber = settings.rag_amber if settings.rag_amber is not None else settings.rag.amber
    share = abs(value - reference) / abs(reference) if reference else math.inf
    missed = f"{shown} misses {comparator.raw.strip()}"
    missed += "" if math.isinf(share) else f" by {share * 100:.1f}%"
    if green > 0 and share <= green + 1e-9:
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
    override: Rating | None = None,
    override_reason: str | None = None,
) -> Judgement:
    shown = _shown(measure, current)
    rated, rated_reason = _rating(measure, current, comparator, settings, shown)
    moved, moved_reason, change, change_unit = progress(
        measure, current, previous, comparator, settings
    )
    rag_value, rag_reason = _rag(measure, current, comparator, settings, shown)
    if override is not None:
        computed = rated
        rated = override
        why = override_reason or "no reason given"
        rated_reason = f"overridden to {rated} ({why}); computed: {computed}"
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
