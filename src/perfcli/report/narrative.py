"""The Performance Update drafted in plain English: one paragraph per topic (pure, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field

from perfcli.domain.assessment import Rated
from perfcli.domain.comparators import ComparatorKind
from perfcli.domain.confidence import significantly
from perfcli.domain.figures import SCALES, SYMBOLS, Figure, Unit
from perfcli.domain.model import Aim, Basis, Comparator, Measure, Observation, ThresholdComparator
from perfcli.domain.periods import Period, PeriodKind, parse_period
from perfcli.domain.rating import Judgement, Rating, meets
from perfcli.report.glossary import Glossary, code_phrase, in_words


@dataclass(frozen=True)
class Item:
    """One measure as the report sees it: the rated record as `rate` gave it, never copied, and
    what the report adds to it."""

    rated: Rated
    description: str  # the line's, or reworded for a paragraph that leads with a key term
    commentary: str | None = None  # a service owner's only once their return is approved
    forecast: float | None = None  # the owner's year-end forecast, from an approved return
    caveat: str = ""  # what a reader must know each time the measure is quoted

    @property
    def measure(self) -> Measure:
        return self.rated.measure

    @property
    def current(self) -> Observation | None:
        return self.rated.current

    @property
    def previous(self) -> Observation | None:
        return self.rated.previous

    @property
    def current_period(self) -> str:
        return self.rated.line.current_period

    @property
    def previous_period(self) -> str | None:
        return self.rated.previous_period

    @property
    def comparator(self) -> Comparator | None:
        return self.rated.line.comparator

    @property
    def judgement(self) -> Judgement:
        return self.rated.judgement

    @property
    def code(self) -> str:
        return self.rated.line.code

    @property
    def quartile(self) -> str | None:
        return self.rated.quartile

    @property
    def footnotes(self) -> list[str]:
        return self.rated.line.footnotes

    @property
    def value(self) -> float | None:
        return self.current.value if self.current else None

    @property
    def before(self) -> float | None:
        return self.previous.value if self.previous else None


@dataclass
class Paragraph:
    """A drafted paragraph: runs of text, the key term in bold, and the measures it covers."""

    runs: list[tuple[str, bool]]
    measures: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


# Figures --------------------------------------------------------------------------------


def plain(
    value: float, unit: Unit | None, decimals: int, scale: str, currency: str | None = None
) -> str:
    """A figure as prose writes it, to the precision the dashboard printed: its `19.6k` is
    `19,600`, its `2,384.5k` is `2.38 million`, `£21.57bn` is `£21.57 billion`; percentages and
    unscaled figures as printed."""
    if unit is Unit.PERCENT or not scale:
        return Figure(value, unit, decimals, scale, currency).text(unit)
    step = SCALES[scale] / 10**decimals
    rounded = abs(round(value / step) * step)
    sign = "-" if value < 0 and rounded else ""
    symbol = SYMBOLS.get(currency or "", "£" if unit is Unit.CURRENCY else "")
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if rounded >= size:
            number = f"{rounded / size:,.2f}".rstrip("0").rstrip(".")
            return f"{sign}{symbol}{number} {word}"
    return f"{sign}{symbol}{rounded:,.0f}"


def figure(obs: Observation, unit: Unit) -> str:
    """A figure for prose: `17,300`, `1.01 million`, `89.6%`, `13.7 per 100,000`."""
    if obs.value is None:
        return obs.raw
    shown = plain(obs.value, obs.unit or unit, obs.decimals, obs.scale, obs.currency)
    if unit is Unit.RATE_PER_100K:
        shown += " per 100,000"
    elif unit is Unit.HOURS:
        shown += " hours"  # a bare 19,600 says nothing of what was counted
    return shown


def _with_counts(obs: Observation, unit: Unit) -> str:
    shown = figure(obs, unit)
    if obs.numerator is not None and obs.denominator is not None:
        shown += f" ({obs.numerator:,.0f} out of {obs.denominator:,.0f})"
    return shown


def _like(value: float, obs: Observation | Comparator, unit: Unit) -> str:
    """`value` written as `obs` is: same unit and precision."""
    shown = plain(value, obs.unit or unit, obs.decimals, obs.scale)
    return shown + _UNIT_WORDS.get(unit, "")


# A bare number says nothing of what was counted: rates and hours carry their unit in prose.
_UNIT_WORDS = {Unit.RATE_PER_100K: " per 100,000", Unit.HOURS: " hours"}


def per_cent(change: float) -> str:
    """A relative change as a report gives it: one decimal under 10%, whole above."""
    size = abs(change)
    return f"{size:.1f}%" if round(size, 1) < 10 else f"{size:.0f}%"


def points(change: float, decimals: int = 1) -> str:
    """A change in percentage points, no finer than the figures it is between."""
    size = round(abs(change), decimals)
    return f"{size:.{decimals}f} percentage point{'' if size == 1 else 's'}"


def decimals_of(*figures: Observation | Comparator | None) -> int:
    """The precision of a change between figures: the finer of the two as printed."""
    return max((f.decimals for f in figures if f is not None), default=1)


ORDINALS = ("first", "second", "third", "fourth")


def spoken(label: str) -> str:
    """A period as a reader says it: `the first quarter of 2025/26`, `2023/24`."""
    period = parse_period(label)
    if period.kind is PeriodKind.QUARTER and period.quarter_number:
        year = Period.financial_year(period.fy_start_year).display
        return f"the {ORDINALS[period.quarter_number - 1]} quarter of {year}"
    if period.kind in (PeriodKind.YEAR_TO_DATE, PeriodKind.MONTHS):
        return period.long  # "April to November 2021", not a dashboard's "Apr-Nov 2021"
    return period.display.replace(" (academic year)", " academic year")


# Periods ----------------------------------------------------------------------------------


def when(label: str) -> str:
    """`in 2023/24`, `at the end of March 2024`, `on 1 January 2023`."""
    period = parse_period(label)
    if period.kind is PeriodKind.SNAPSHOT:
        return f"at the end of {period.position}" if period.is_end_of_month else f"on {period.long}"
    if period.kind in (PeriodKind.QUARTER, PeriodKind.YEAR_TO_DATE, PeriodKind.MONTHS):
        return f"in {period.long}"  # "in April to November 2021", not "in Apr-Nov 2021"
    if period.kind is PeriodKind.ACADEMIC_YEAR:
        return f"in the {period.display.replace(' (academic year)', '')} academic year"
    return f"in {period.display}"


def academic(item: Item) -> bool:
    """Whether a measure's years are academic years: by its basis, or as its comparator says
    (seed 001's LALS, `84.0% Local Target 2024/25 (Academic year)`, filed as 2024/25)."""
    said = item.comparator.raw.lower() if item.comparator else ""
    return item.measure.basis is Basis.ACADEMIC_YEAR or "academic year" in said


def when_of(item: Item, label: str) -> str:
    """`when(label)` for one measure: a year of a measure counted in academic years is said as
    one (`in the 2024/25 academic year`), as Appendix A labels it."""
    period = parse_period(label)
    if period.kind is PeriodKind.FINANCIAL_YEAR and academic(item):
        return f"in the {period.display} academic year"
    return when(label)


def _previous_words(item: Item) -> str:
    """What the previous figure is: the previous survey, the same quarter last year, a year end."""
    assert item.previous_period is not None
    now, then = parse_period(item.current_period), parse_period(item.previous_period)
    if item.measure.survey:
        return f"in the previous survey ({then.display})"
    if now.kind is PeriodKind.QUARTER and then.kind is PeriodKind.QUARTER:
        return "in the same quarter last year"
    if now.kind is PeriodKind.SNAPSHOT and then.kind is PeriodKind.SNAPSHOT:
        return when(item.previous_period)
    if now.kind is not then.kind and then.kind is PeriodKind.FINANCIAL_YEAR and not academic(item):
        return f"for the whole of {then.display}"
    return when_of(item, item.previous_period)


# One measure ------------------------------------------------------------------------------


def subject(item: Item, glossary: Glossary) -> str:
    """The measure as the subject of a sentence: `the percentage of service users who …`."""
    text = glossary.spell(item.description.strip()).rstrip(".")
    for start, words in (("% of ", "the percentage of "), ("Number of ", "the number of "),
                         ("Proportion of ", "the proportion of ")):  # fmt: skip
        if text.startswith(start):
            return words + text[len(start) :]
    if (
        len(text) > 1
        and text[1].islower()
        and not glossary.is_name(text.split()[0])
        and not _titled(text)
    ):
        return text[0].lower() + text[1:]
    return text


_LINKING = {
    "a",
    "an",
    "and",
    "at",
    "by",
    "for",
    "from",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
    "&",
}


def _titled(text: str) -> bool:
    """Whether a description is a name in title case (`Hours of Volunteering`, `Leicestershire
    Adult Learning Service`): every word before any bracket capitalised but the linking ones.
    Lower-casing its first letter alone would leave `hours of Volunteering`, so it is kept as
    defined; `Attendances at Creative Learning Service workshops` is a phrase, and lowered."""
    words = [w for w in text.split("(")[0].split() if w.lower() not in _LINKING]
    return len(words) > 1 and all(w[:1].isupper() for w in words)


def _verb(words: str) -> str:
    return "was" if words.startswith("the ") else "stood at"


def _change(item: Item) -> str:
    """How the figure moved since the previous one, in the unit a reader expects."""
    unit, now, before = item.measure.unit, item.value, item.before
    if now is None or before is None or item.previous is None:
        return ""
    then = _previous_words(item)
    shown = _with_counts(item.previous, unit)
    if baseline(item) is not None:
        return ""  # measured from a baseline: that change is the one a reader follows
    if unit is Unit.PERCENT:
        places = decimals_of(item.current, item.previous)
        if round(now - before, places) == 0:
            return f"the same as {then}"
        way = "up" if now > before else "down"
        return f"{way} {points(now - before, places)} from {shown} {then}"
    if before == 0:
        return f"compared with {shown} {then}"
    relative = (now - before) / abs(before) * 100
    if round(relative, 1) == 0:
        return f"the same as {then}"
    way = "higher" if now > before else "lower"
    if unit is Unit.RATE_PER_100K:
        return f"{per_cent(relative)} {way} than {shown} {then}"
    return f"{per_cent(relative)} {way} than {shown} {then} ({'an increase' if now > before else 'a fall'} of {_like(abs(now - before), item.current or item.comparator, unit)})"  # type: ignore[arg-type]  # a change has a current figure


def against(item: Item) -> str:
    """The figure against its comparator, naming what it is compared with."""
    c, unit, value = item.comparator, item.measure.unit, item.value
    if c is None or value is None:
        return ""
    year = f" ({parse_period(c.period).display})" if c.period else ""
    met = meets(value, c, item.measure)
    if c.kind is ComparatorKind.NATIONAL_AVERAGE and c.value is not None:
        # "Latest" only where it is: a year before the figure's own at most (national figures
        # follow a year behind); an older one is named by its year alone.
        latest = (
            c.period is None
            or not parse_period(c.period) < parse_period(item.current_period).previous()
        )
        average = (
            f"the {'latest ' if latest else ''}national average of {_like(c.value, c, unit)}{year}"
        )
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
        aim = f"the local {name} of {_like(c.value, c, unit)}"
        gap = abs(value - c.value)
        by = (
            points(gap, decimals_of(item.current, c))
            if unit is Unit.PERCENT
            else _like(gap, c, unit)
        )
        if met is None:  # no direction to meet it by: say what it is set against, no more
            return f"set against {aim}"
        if met:
            return (
                f"meeting {aim}"
                if gap == 0
                else f"{by} {'above' if value > c.value else 'below'} {aim}"
            )
        return f"short of {aim} by {by}"
    if c.kind is ComparatorKind.BAND and c.low is not None and c.high is not None:
        band = f"its target band of {_like(c.low, c, unit)} to {_like(c.high, c, unit)}"
        if met is None:
            return f"set against {band}"
        if met:
            return f"within {band}"
        return f"{'below' if value < c.low else 'above'} {band}"
    if c.kind is ComparatorKind.THRESHOLD and c.value is not None:
        return _baseline(item, c, value)
    if c.kind is ComparatorKind.UNAVAILABLE:
        return "there is no national figure to compare it with yet"
    return ""


def compared_with(item: Item) -> str | None:
    """The comparator's figure as the prose writes it (`44.4%`, `815,000`), if it has one."""
    c = item.comparator
    value = getattr(c, "value", None) if c is not None else None
    return None if c is None or value is None else _like(value, c, item.measure.unit)


def baseline(item: Item) -> tuple[float, ThresholdComparator] | None:
    """The relative change (%) from a baseline count at a date, for a measure held against one."""
    c, value = item.comparator, item.value
    if not isinstance(c, ThresholdComparator) or not c.value or value is None:
        return None
    if c.period is None or parse_period(c.period).kind is not PeriodKind.SNAPSHOT:
        return None
    return (value - c.value) / c.value * 100, c


def _baseline(item: Item, c: ThresholdComparator, value: float) -> str:
    """A count against a baseline at a date: the fall or rise, and by what share."""
    at = parse_period(c.period) if c.period else None
    since = f" at {at.long}" if at is not None and at.kind is PeriodKind.SNAPSHOT else ""
    base = f"the baseline of {_like(c.value, c, item.measure.unit)}{since}"
    if not c.value:
        return f"against {base}"
    gap = value - c.value
    amount = _like(abs(gap), c, item.measure.unit)
    if round(abs(gap) / SCALES[c.scale] * 10**c.decimals) == 0:
        return f"the same as {base}"  # never "a rise of 0 (0.0%)"
    share = per_cent(gap / c.value * 100)
    way = "a fall" if gap < 0 else "a rise"
    return f"{way} of {amount} ({share}) against {base}"


def _counts(item: Item) -> str | None:
    """For a rate with actual or forecast counts: the counts first, as a reader thinks of them."""
    now, before = item.current, item.previous
    if now is None or now.count is None or item.measure.unit is not Unit.RATE_PER_100K:
        return None
    label = now.count_label or "cases"
    forecast = now.status == "forecast"
    period = when(item.current_period).removeprefix("in ")
    text = (
        f"{now.count:,.0f} {label} are forecast for {period}"
        if forecast
        else f"there were {now.count:,.0f} {label} {when(item.current_period)}"
    )
    if before is not None and before.count is not None and item.previous_period:
        gap = round(now.count - before.count)
        if gap:
            more = "more" if gap > 0 else "fewer"
            text += f", {in_words(abs(gap))} {more} than the {before.count:,.0f} {when(item.previous_period)}"
        else:
            text += f", the same number as {when(item.previous_period)}"
    return text


def sentence(item: Item, glossary: Glossary | None = None) -> str:
    """What one measure did, in the plain English of a committee report."""
    glossary = glossary or Glossary()
    who = _who(item, glossary)
    if item.current is None or item.value is None:
        return _missing(item, who)
    counts = _counts(item)
    forecast = item.current.status == "forecast"
    if counts:
        rate = f"a {'forecast ' if forecast else ''}rate of {figure(item.current, item.measure.unit)} population"
        text = f"For {who.rstrip(',')}, {counts}: {rate}"
    else:
        state = "is forecast to be" if forecast else _verb(who)
        text = f"{who[0].upper()}{who[1:]} {state} {_with_counts(item.current, item.measure.unit)} {when_of(item, item.current_period)}"
    clauses = [c for c in (_change(item), against(item)) if c]
    if clauses:
        text += ", " + ", and ".join(clauses)
    text += "."
    held = baseline(item)
    if (
        held is not None
        and item.before is not None
        and item.previous_period
        # The previous figure is often the baseline itself: said once is enough.
        and (held[1].period, held[1].value) != (item.previous_period, item.before)
    ):
        then = _previous_words(item)
        text += f" {then[0].upper()}{then[1:]} it was {_like(item.before, item.previous, item.measure.unit)}."  # type: ignore[arg-type]  # item.before is the previous figure's value
    if item.caveat:
        text += " " + item.caveat.rstrip(".") + "."
    return text


def forecast_sentence(item: Item) -> str | None:
    """The owner's year-end forecast, in the measure's unit and precision: `The year-end
    forecast for ASCOF 2C is 555.5 per 100,000 for 2025/26.`"""
    if item.forecast is None:
        return None
    name = item.code if item.code and item.code.lower() != "local" else item.description
    name = name[:1].lower() + name[1:] if name == item.description else name
    unit = item.measure.unit
    decimals = len(f"{item.forecast:.10g}".partition(".")[2])  # as the owner typed it
    shown = plain(item.forecast, unit, decimals, "")
    shown += _UNIT_WORDS.get(unit, "")
    year = Period.financial_year(parse_period(item.current_period).fy_start_year)
    return f"The year-end forecast for {name} is {shown} for {year.display}."


def information_only(item: Item) -> bool:
    """A measure reported with nothing to compare it with, for the committee's information."""
    comparator = item.comparator
    return item.measure.aim is Aim.INFO or bool(
        comparator and comparator.kind is ComparatorKind.INFO
    )


def _who(item: Item, glossary: Glossary) -> str:
    """The measure's subject, its code after it: `the percentage of …, ASCOF 2A,`."""
    who = subject(item, glossary)
    code = item.code or item.measure.code
    if code and code != "Local":
        who += f", {code_phrase(code, glossary)},"
    return who


def missing(item: Item) -> bool:
    return item.current is None or item.value is None


def _reason(item: Item) -> str:
    reason = (
        item.current.reason
        if item.current and item.current.reason
        else "no figure has been provided"
    )
    return reason[0].lower() + reason[1:]


def missing_together(items: list[Item], glossary: Glossary) -> str:
    """Measures with no figure yet, in one sentence: each with its latest figure and why."""
    periods = {spoken(i.current_period) for i in items}
    period = f" in {periods.pop()}" if len(periods) == 1 else ""
    parts = []
    for item in items:
        part = _who(item, glossary).rstrip(",")
        if item.previous is not None and item.previous.value is not None and item.previous_period:
            part += f", last {_with_counts(item.previous, item.measure.unit)} {when_of(item, item.previous_period)}"
        parts.append(f"{part} ({_reason(item)})")
    listed = "; ".join(parts[:-1]) + "; and " + parts[-1]
    return f"There is no figure yet{period} for {in_words(len(items))} measures: {listed}."


def _missing(item: Item, who: str) -> str:
    text = f"There is no figure yet for {who} in {spoken(item.current_period)} ({_reason(item)})."
    if item.previous is not None and item.previous.value is not None and item.previous_period:
        text += f" The latest was {_with_counts(item.previous, item.measure.unit)} {when_of(item, item.previous_period)}."
    return text


# Paragraphs -------------------------------------------------------------------------------


def paragraph(items: list[Item], term: str, lead: str, glossary: Glossary) -> Paragraph:
    """A topic's paragraph: its plain lead sentence (the term in bold), then each measure;
    measures in a row with no figure yet share one sentence."""
    before, marked, after = lead.partition("{term}")
    runs: list[tuple[str, bool]] = (
        [(before, False), (term, True), (after, False)] if marked else [(lead, False)]
    )
    body: list[str] = []
    waiting: list[Item] = []
    for item in [*items, None]:
        if item is not None and missing(item):
            waiting.append(item)
            continue
        if len(waiting) > 1:
            body.append(missing_together(waiting, glossary))
        elif waiting:
            body.append(sentence(waiting[0], glossary))
        waiting = []
        if item is not None:
            body.append(sentence(item, glossary))
    body += [said for i in items if (said := forecast_sentence(i))]
    body += [i.commentary.strip() for i in items if i.commentary]
    runs.append((" " + " ".join(body), False))
    return Paragraph([r for r in runs if r[0]], [i.measure.id for i in items])
