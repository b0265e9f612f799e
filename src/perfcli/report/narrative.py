"""Drafted sentences for the Performance Update and Conclusions, from rated measures (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from perfcli.model import (
    AverageComparator,
    BandComparator,
    Comparator,
    Measure,
    Observation,
    TargetComparator,
    ThresholdComparator,
)
from perfcli.periods import PeriodKind, parse_period
from perfcli.rating import Judgement, Progress, meets
from perfcli.values import ComparatorKind, Unit, figure_text


@dataclass(frozen=True)
class Item:
    """One measure as the report sees it."""

    measure: Measure
    description: str
    current: Observation | None
    previous: Observation | None
    current_period: str
    previous_period: str | None
    comparator: Comparator | None
    judgement: Judgement
    commentary: str | None = None
    code: str = ""
    quartile: str | None = None
    footnotes: list[str] = field(default_factory=list)


def figure(obs: Observation, unit: Unit) -> str:
    """A figure as the dashboard prints it: `17.3k`, `1,006.6k`, `89.6%`, `13.7 per 100,000`."""
    if obs.value is None:
        return obs.raw
    shown = figure_text(
        obs.value, obs.unit or unit, obs.decimals, obs.scale, obs.currency, long=True
    )
    if obs.numerator is not None and obs.denominator is not None:
        shown += f" ({obs.numerator:,.0f} out of {obs.denominator:,.0f})"
    return shown


def _comparator_figure(value: float, comparator: Comparator, unit: Unit) -> str:
    return figure_text(
        value, comparator.unit or unit, comparator.decimals, comparator.scale, long=True
    )


def change_phrase(item: Item) -> str:
    j = item.judgement
    if j.change is None:
        return ""
    size = abs(j.change)
    if j.change_unit == "pp":
        amount = f"{size:.1f} percentage point{'s' if round(size, 1) != 1 else ''}"
    else:
        amount = f"{size:.1f}%"
    if round(size, 1) == 0:
        return "no change"
    return f"{'a rise' if j.change > 0 else 'a fall'} of {amount}"


def _verdict(item: Item) -> str:
    return {
        Progress.IMPROVED: "an improvement on the previous year",
        Progress.SIMILAR: "similar to the previous year",
        Progress.WORSE: "not as good as the previous year",
    }.get(item.judgement.progress, "")


def comparison(item: Item) -> str:
    """What the figure is set against, and whether it meets it (by `rating.meets`)."""
    c, unit = item.comparator, item.measure.unit
    if c is None or item.current is None or item.current.value is None:
        return ""
    when = f" ({parse_period(c.period).display})" if c.period else ""
    value = item.current.value
    met = meets(value, c, item.measure)
    if isinstance(c, AverageComparator):
        side = "above" if value > c.value else "below" if value < c.value else "level with"
        return f"This is {side} the latest national average of {_comparator_figure(c.value, c, unit)}{when}."
    if isinstance(c, TargetComparator):
        name = "milestone" if c.kind is ComparatorKind.MILESTONE else "target"
        said = f"The {name}{when} was {_comparator_figure(c.value, c, unit)}"
        if met is None:
            return f"{said}."
        return f"{said}, which was {'met' if met else 'not met'}."
    if met is None and isinstance(c, BandComparator | ThresholdComparator):
        return ""
    if isinstance(c, BandComparator):
        where = "inside" if met else "below" if value < c.low else "above"
        band = f"{_comparator_figure(c.low, c, unit)} to {_comparator_figure(c.high, c, unit)}"
        return f"This is {where} the target band of {band}{when}."
    if isinstance(c, ThresholdComparator):
        return (
            f"The baseline was {c.raw.strip()}; the figure is {'within' if met else 'outside'} it."
        )
    if c.kind is ComparatorKind.UNAVAILABLE:
        return "There is no national comparison yet."
    return ""


def when(label: str) -> str:
    """`in 2023/24`, `at the end of March 2024`, `on 1 January 2023`."""
    period = parse_period(label)
    if period.kind is PeriodKind.SNAPSHOT:
        return f"at the end of {period.position}" if period.is_end_of_month else f"on {period.long}"
    return f"in {period.display}"


def sentence(item: Item) -> str:
    """What one measure did, in the plain English of a committee report."""
    unit = item.measure.unit
    if item.current is None or item.current.value is None:
        reason = (
            item.current.reason
            if item.current and item.current.reason
            else "no figure has been provided"
        )
        period = parse_period(item.current_period).display
        text = f"{item.description.rstrip('.')}: there is no figure for {period} yet ({reason[0].lower() + reason[1:]})."
        if item.previous is not None and item.previous.value is not None and item.previous_period:
            text += f" The latest figure was {figure(item.previous, unit)} {when(item.previous_period)}."
        return text
    text = (
        f"{item.description.rstrip('.')}: {figure(item.current, unit)} {when(item.current_period)}"
    )
    if item.previous is not None and item.previous.value is not None and item.previous_period:
        text += f", compared with {figure(item.previous, unit)} {when(item.previous_period)}"
        phrase, verdict = change_phrase(item), _verdict(item)
        text += f", {phrase}" if phrase else ""
        text += f" ({verdict})" if verdict else ""
    text += "."
    against = comparison(item)
    return f"{text} {against}".strip()


def conclusions(items: list[Item]) -> list[str]:
    """Drafted conclusions from the ratings, for the author to edit."""
    rated = [i for i in items if i.judgement.progress is not Progress.NOT_RATED]
    counts = {p: sum(1 for i in rated if i.judgement.progress is p) for p in Progress}
    first = (
        f"Of the {len(rated)} measures that can be compared with the previous period, "
        f"{counts[Progress.IMPROVED]} improved, {counts[Progress.SIMILAR]} were similar and "
        f"{counts[Progress.WORSE]} were not as good."
    )
    paragraphs = [first]
    improved = _largest(rated, Progress.IMPROVED)
    if improved:
        paragraphs.append("The strongest improvements were in " + _list(improved) + ".")
    worse = _largest(rated, Progress.WORSE)
    if worse:
        paragraphs.append("The largest declines were in " + _list(worse) + ".")
    return paragraphs


def _largest(items: list[Item], way: Progress) -> list[Item]:
    chosen = [i for i in items if i.judgement.progress is way and i.judgement.change is not None]
    # Percentage-point and relative changes are not one scale: rank each by its own size.
    return sorted(chosen, key=lambda i: -abs(i.judgement.change or 0))[:3]


def _list(items: list[Item]) -> str:
    parts = [f"{i.description.rstrip('.')} ({change_phrase(i)})" for i in items]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
