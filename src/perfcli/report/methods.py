"""What the drafted committee report says of its statistics: the method once, and SPC charts."""

from __future__ import annotations

import io
from typing import Any

from perfcli.config import Config
from perfcli.domain.assessment import Rated
from perfcli.domain.comparator_types import TargetComparator
from perfcli.domain.figures import Unit, figure_text
from perfcli.domain.period_parsing import parse_period


def method_statement(rated: list[Rated], config: Config) -> str | None:
    """One background paragraph stating how "similar" was decided, where intervals were used."""
    judged = [r for r in rated if r.ci is not None]
    if not judged:
        return None
    chosen = config.rating.confidence
    strong = (
        chosen.significantly
        if chosen.significantly and chosen.significantly > chosen.level
        else None
    )
    rule = config.rating
    used = {_kind(r.ci.method, r.measure.unit) for r in judged if r.ci}
    kinds = [words for kind, words in _KINDS.items() if kind in used]
    text = (
        f"Where a figure has a confidence interval ({_listed(kinds)}), this report judges it as "
        f"the Office for Health Improvement and Disparities' Fingertips tool does: a figure is "
        f"similar to the national "
        f"average when the average lies within the figure's {chosen.level:g}% confidence "
        f"interval, and better or worse only when it lies outside; a change on last year counts "
        f"only where the two years' intervals do not overlap."
    )
    if strong:
        text += (
            f" A difference is called significant only where the average also lies outside the "
            f"{strong:g}% interval."
        )
    text += (
        f" Targets are not estimates, so a figure is rated against its target as before, and "
        f"other figures (scores, indexes, averages and figures without their counts) keep the "
        f"committee's usual rule of ±{rule.percent_points:g} percentage points or "
        f"±{rule.relative * 100:g}%."
    )
    return text


# What each kind of interval was had from, in the order the statement lists them.
_KINDS = {
    "wilson": "a percentage with its numerator and denominator",
    "rate": "a rate with its count",
    "byar": "a count of events",
    "published": "limits its source publishes",
}


def _kind(method: str, unit: Unit) -> str:
    return "rate" if method == "byar" and unit is Unit.RATE_PER_100K else method


def _listed(kinds: list[str]) -> str:
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]


def add_spc_charts(
    subdoc: Any, rated: list[Rated], wanted: list[str], *, points: int, report: str
) -> list[str]:
    """An SPC chart, with its alt text, for each measure the committee lists that has one;
    a warning naming each listed measure left without one, and why."""
    from docx.shared import Cm

    from perfcli.report.charts import spc_chart

    shown_in = parse_period(report).display
    reported = {item.measure.id for item in rated}
    warnings = [f"spc_charts: no chart for {wanted_id}: it is not a measure of the {shown_in} "
                "report" for wanted_id in wanted if wanted_id not in reported]  # fmt: skip
    for item in rated:
        if item.measure.id not in wanted:
            continue
        if item.spc is None:
            upto = parse_period(item.line.current_period).display
            warnings.append(f"spc_charts: no chart for {item.measure.id}: fewer than {points} "
                            f"like-for-like points up to {upto} ([rating.spc] points)")  # fmt: skip
            continue
        unit, places = item.measure.unit, item.current.decimals if item.current else 1

        def shown(value: float, unit: Any = unit, places: int = places) -> str:
            return figure_text(value, unit, places)

        comparator = item.line.comparator
        target = comparator.value if isinstance(comparator, TargetComparator) else None
        labels = [parse_period(p.period).display for p in item.spc.points]
        chart = spc_chart(item.line.description, item.spc, shown, target=target, labels=labels)
        heading = subdoc.add_paragraph()
        heading.add_run(chart.title).bold = True
        heading.paragraph_format.keep_with_next = True
        picture = subdoc.add_paragraph().add_run().add_picture(io.BytesIO(chart.png),
                                                                 width=Cm(chart.width_cm))  # fmt: skip
        picture._inline.docPr.set("descr", chart.alt_text)
        picture._inline.docPr.set("title", chart.title)
        subdoc.add_paragraph(chart.alt_text)
    return warnings
