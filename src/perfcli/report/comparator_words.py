"""A figure against its comparator in words: a national average, a target, a band or a baseline."""

from __future__ import annotations

from perfcli.domain.comparator_parsing import ComparatorKind
from perfcli.domain.comparator_types import Comparator, ThresholdComparator
from perfcli.domain.confidence import significantly
from perfcli.domain.figures import SCALES, Unit
from perfcli.domain.model import Aim
from perfcli.domain.outcomes import Rating
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import PeriodKind
from perfcli.domain.rating import meets, unit_clash
from perfcli.report.figure_words import decimals_of, gap_between, per_cent, points, written_like
from perfcli.report.item import Item


def against(item: Item) -> str:
    """The figure against its comparator, naming what it is compared with."""
    c, unit, value = item.comparator, item.measure.unit, item.value
    if c is None or value is None or unit_clash(item.measure, c) is not None:
        return ""  # a comparator in another unit is set against nothing (validate says so)
    year = f" ({parse_period(c.period).display})" if c.period else ""
    met = meets(value, c, item.measure)
    if c.kind is ComparatorKind.NATIONAL_AVERAGE and c.value is not None:
        # "Latest" only where it is: a year before the figure's own at most (national figures
        # follow a year behind); an older one is named by its year alone.
        latest = (
            c.period is None
            or not parse_period(c.period) < parse_period(item.current_period).previous()
        )
        average = f"the {'latest ' if latest else ''}national average of {written_like(c.value, c, unit)}{year}"
        if value == c.value:
            return f"level with {average}"
        if item.judgement.rating is Rating.SIMILAR:  # as the lead and Appendix A judge it
            return f"close to {average}"
        side = "higher" if value > c.value else "lower"
        if significantly(item.judgement):  # a test said so, and only then
            side = f"significantly {side}"
        if item.measure.aim is Aim.LOW:
            side += " (better)" if value < c.value else " (worse)"
        return f"{side} than {average}"
    if c.kind in (ComparatorKind.TARGET, ComparatorKind.MILESTONE) and c.value is not None:
        name = "milestone" if c.kind is ComparatorKind.MILESTONE else "target"
        aim = f"the local {name} of {written_like(c.value, c, unit)}"
        gap = abs(value - c.value)
        by = _by(item, c, gap)
        if met is None:  # no direction to meet it by: say what it is set against, no more
            return f"set against {aim}"
        if met:
            if gap == 0:  # the sentence says what the figure was: it met the target; a forecast
                return f"{'level with' if item.current and item.current.status == 'forecast' else 'met'} {aim}"  # is to be level with it
            return f"{by} {'above' if value > c.value else 'below'} {aim}"
        # Not met: short of it, or over it where a lower figure is better (a re-check's low-aim
        # 134,100 against 133,500 was "600 short of it").
        if item.judgement.rating is Rating.SIMILAR:  # as the lead, conclusions and Appendix A
            return f"close to {aim}, {by} {'short of' if value < c.value else 'over'} it"
        return f"{'short of' if value < c.value else 'over'} {aim} by {by}"
    if c.kind is ComparatorKind.BAND and c.low is not None and c.high is not None:
        band = (
            f"its target band of {written_like(c.low, c, unit)} to {written_like(c.high, c, unit)}"
        )
        if met is None:
            return f"set against {band}"
        if met:
            return f"within {band}"
        return f"{'below' if value < c.low else 'above'} {band}"
    if c.kind is ComparatorKind.THRESHOLD and c.value is not None:
        if not isinstance(c, ThresholdComparator) or c.at_a_date:
            return _baseline(item, c, value)  # a position at a date: `<1,575 Position as at …`
        return _limit(item, c, value, met)
    if c.kind is ComparatorKind.UNAVAILABLE:
        return "there is no national figure to compare it with yet"
    return ""


def _by(item: Item, c: Comparator, gap: float) -> str:
    """How far a figure is from its target or limit: points for a percentage, else as finely
    as the finer of the two is printed."""
    unit = item.measure.unit
    if unit is Unit.PERCENT:
        return points(gap, decimals_of(item.current, c))
    return gap_between(gap, unit, item.current, c)


_OP_WORDS = {"<": "under", "<=": "at most", ">": "over", ">=": "at least"}


def _limit(item: Item, c: ThresholdComparator, value: float, met: bool | None) -> str:
    """A limit for the period (`<650 Local target 2024/25`): within it, or over it (or short of
    it) by how much; never a baseline, which is a position at a date."""
    unit = item.measure.unit
    name = "target" if "target" in (c.label or "").lower() else "limit"
    aim = f"the local {name} of {_OP_WORDS[c.op]} {written_like(c.value, c, unit)}"
    if met:
        return f"within {aim}"
    gap = abs(value - c.value)
    by = _by(item, c, gap)
    if not gap:  # 610 against `<610`: on the limit, which is not within it
        return f"level with {aim}, so not within it"
    return f"over {aim} by {by}" if value > c.value else f"short of {aim} by {by}"


def compared_with(item: Item) -> str | None:
    """The comparator's figure as the prose writes it (`44.4%`, `815,000`), if it has one."""
    c = item.comparator
    value = getattr(c, "value", None) if c is not None else None
    if c is None or value is None or unit_clash(item.measure, c) is not None:
        return None
    return written_like(value, c, item.measure.unit)


def baseline(item: Item) -> tuple[float, ThresholdComparator] | None:
    """The relative change (%) from a baseline count at a date, for a measure held against one."""
    c, value = item.comparator, item.value
    if not isinstance(c, ThresholdComparator) or not c.value or value is None or not c.at_a_date:
        return None
    return (value - c.value) / c.value * 100, c


def _baseline(item: Item, c: ThresholdComparator, value: float) -> str:
    """A count against a baseline at a date: the fall or rise, and by what share."""
    at = parse_period(c.period) if c.period else None
    since = f" at {at.long}" if at is not None and at.kind is PeriodKind.SNAPSHOT else ""
    base = f"the baseline of {written_like(c.value, c, item.measure.unit)}{since}"
    if not c.value:
        return f"against {base}"
    gap = value - c.value
    amount = gap_between(abs(gap), item.measure.unit, item.current, c)
    if round(abs(gap) / SCALES[c.scale] * 10**c.decimals) == 0:
        return f"the same as {base}"  # never "a rise of 0 (0.0%)"
    share = per_cent(gap / c.value * 100)
    way = "a fall" if gap < 0 else "a rise"
    return f"{way} of {amount} ({share}) against {base}"
