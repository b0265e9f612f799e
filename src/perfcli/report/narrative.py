"""The Performance Update drafted in plain English: one paragraph per topic (pure, no I/O)."""

from __future__ import annotations

import re

from perfcli.domain.comparator_parsing import ComparatorKind
from perfcli.domain.figures import Unit, places_for
from perfcli.domain.model import Aim
from perfcli.domain.period_labels import period_words, so_far
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period, PeriodKind
from perfcli.domain.rating import UNIT_NAMES, impossible
from perfcli.report.comparator_words import against, baseline
from perfcli.report.figure_words import (
    UNIT_WORDS,
    academic,
    decimals_of,
    figure,
    gap_between,
    per_cent,
    plain,
    points,
    shares_say,
    spoken,
    when,
    when_of,
    with_counts,
    written_like,
)
from perfcli.report.glossary import Glossary, code_phrase, in_words
from perfcli.report.item import Item, Paragraph

# One measure ------------------------------------------------------------------------------


def subject(item: Item, glossary: Glossary) -> str:
    """The measure as the subject of a sentence: `the percentage of service users who …`."""
    text = glossary.spell(item.description.strip()).rstrip(".")
    for start, words in (("% of ", "the percentage of "), ("Number of ", "the number of "),
                         ("Proportion of ", "the proportion of "),
                         ("Percentage of ", "the percentage of ")):  # fmt: skip
        if text.startswith(start):
            return words + text[len(start) :]
    if text and not text[0].isalnum() and text[0] not in "'‘\"“(":
        # `% no need for services`: no sentence starts with a symbol; named as a measure.
        return f"the measure ‘{text}’"
    if item.measure.unit is Unit.PERCENT:
        counted = _people_counted(text)
        if counted is not None:
            return counted
    if (
        len(text) > 1
        and text[1].islower()
        and not glossary.is_name(text.split()[0])
        and not _titled(text)
    ):
        return text[0].lower() + text[1:]
    return text


# Who a percentage counts, when its description names them first (ASCOF 3D's `Adults aged 18
# and over receiving direct payments`): the figure is a percentage of them, not the people.
_PEOPLE = ("adults ", "people ", "carers ", "service users ", "older people ", "residents ",
           "children ", "young people ", "clients ", "learners ")  # fmt: skip


def _people_counted(text: str) -> str | None:
    """`the percentage of adults aged 18 and over …` for a percentage described by whom it
    counts; `the percentage of people living at home …` for one described by what they do
    (ASCOF 2D's `Living at home 91 days after hospital discharge`); else None."""
    lowered = text[:1].lower() + text[1:]
    if lowered.startswith(_PEOPLE):
        return f"the percentage of {lowered}"
    first = lowered.split(" ", 1)[0]
    if first.endswith("ing") and first.isalpha() and " " in lowered:
        return f"the percentage of people {lowered}"
    return None


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


def previous_words(item: Item) -> str:
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
    report = parse_period(item.rated.line.report_period)
    now, then = _as_said(item, now), _as_said(item, then)
    if so_far(now, report) and then == now.previous():
        # The position so far set beside the same point a year before (the quarter's own
        # previous column), not beside the whole of that academic year.
        return f"at the same point in the {period_words(then)}"
    return when_of(item, item.previous_period)


def _change(item: Item) -> str:
    """How the figure moved since the previous one, in the unit a reader expects."""
    unit, now, before = item.measure.unit, item.value, item.before
    if now is None or before is None or item.previous is None or _out_of_order(item):
        return ""
    then = previous_words(item)
    shown = with_counts(item.previous, unit)
    if baseline(item) is not None:
        return ""  # measured from a baseline: that change is the one a reader follows
    if unit is Unit.PERCENT:
        places = decimals_of(item.current, item.previous)
        if round(now - before, places) == 0:
            return f"the same as {then}"
        way = "up" if now > before else "down"
        return f"{way} {points(now - before, places)} from {shown} {then}"
    if not shares_say(now, before):
        return f"compared with {shown} {then}"
    relative = (now - before) / abs(before) * 100
    if round(relative, 1) == 0:
        return f"the same as {then}"
    way = "higher" if now > before else "lower"
    if unit is Unit.RATE_PER_100K:
        return f"{per_cent(relative)} {way} than {shown} {then}"
    return f"{per_cent(relative)} {way} than {shown} {then} ({'an increase' if now > before else 'a fall'} of {gap_between(abs(now - before), unit, item.current, item.previous)})"


def _out_of_order(item: Item) -> bool:
    """Whether the latest figure is for a period before the one it would follow: no movement
    to tell (a third trial's draft said "up 0.5 percentage points from" a later figure, where
    `rate` had refused the progress)."""
    previous = item.previous_period
    return previous is not None and (
        parse_period(item.current_period).end < parse_period(previous).end
    )


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
    if (
        before is not None
        and before.count is not None
        and item.previous_period
        and not _out_of_order(item)
    ):
        gap = round(now.count - before.count)
        if gap:
            more = "more" if gap > 0 else "fewer"
            text += f", {in_words(abs(gap))} {more} than the {before.count:,.0f} {when(item.previous_period)}"
        else:
            text += f", the same number as {when(item.previous_period)}"
    return text


def _as_said(item: Item, period: Period) -> Period:
    """The period as the paragraph says it: a year of a measure counted in academic years (by
    its comparator, `84.0% Local Target 2024/25 (Academic year)`, though filed as 2024/25) as
    that academic year, as `when_of` words it."""
    if period.kind is PeriodKind.FINANCIAL_YEAR and academic(item):
        return Period.academic_year(period.fy_start_year)
    return period


def _current_when(item: Item, forecast: bool) -> str:
    """When the current figure is for; an academic year in progress at the report's end
    (period_labels.so_far) as far as it had gone: `so far in the 2024/25 academic year`."""
    words = when_of(item, item.current_period)
    report = parse_period(item.rated.line.report_period)
    if not forecast and so_far(_as_said(item, parse_period(item.current_period)), report):
        return f"so far {words}"
    return words


def sentence(item: Item, glossary: Glossary | None = None) -> str:
    """What one measure did, in the plain English of a committee report."""
    glossary = glossary or Glossary()
    who = _who(item, glossary)
    if item.current is None or item.value is None:
        return _missing(item, who)
    if impossible(item.measure, item.current) is not None:
        return _impossible(item, who)
    counts = _counts(item)
    forecast = item.current.status == "forecast"
    if counts:
        rate = f"a {'forecast ' if forecast else ''}rate of {figure(item.current, item.measure.unit)} population"
        text = f"For {who.rstrip(',')}, {counts}: {rate}"
    else:
        state = "is forecast to be" if forecast else _verb(who)
        text = f"{who[0].upper()}{who[1:]} {state} {with_counts(item.current, item.measure.unit)} {_current_when(item, forecast)}"
    earlier = item.previous
    changed = _change(item) if earlier is None or not impossible(item.measure, earlier) else ""
    clauses = [c for c in (changed, against(item)) if c]
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
        then = previous_words(item)
        text += f" {then[0].upper()}{then[1:]} it was {written_like(item.before, item.previous, item.measure.unit)}."  # type: ignore[arg-type]  # item.before is the previous figure's value
    if item.caveat:
        text += " " + item.caveat.rstrip(".") + "."
    return text


def _impossible(item: Item, who: str) -> str:
    """A figure its measure cannot have (700 for a percentage, a count below 0), imported with
    --force: said as given, and judged against nothing (a re-check's draft had it "640
    percentage points above the local target of 60%")."""
    assert item.current is not None
    given = with_counts(item.current, item.measure.unit)
    return (f"The figure given for {who.rstrip(',')} {_current_when(item, False)}, {given}, cannot"
            f" be right for {UNIT_NAMES[item.measure.unit]}: it is compared with nothing until it is"
            " corrected.")  # fmt: skip


def forecast_sentence(item: Item) -> str | None:
    """The owner's year-end forecast, in the measure's unit and precision: `The year-end
    forecast for ASCOF 2C is 555.5 per 100,000 for 2025/26.`"""
    if item.forecast is None:
        return None
    name = item.code if item.code and item.code.lower() != "local" else item.description
    name = name[:1].lower() + name[1:] if name == item.description else name
    unit, now = item.measure.unit, item.current
    usual = now.decimals if now is not None and now.value is not None and not now.scale else 0
    shown = plain(item.forecast, unit, places_for(item.forecast, usual), "")
    shown += UNIT_WORDS.get(unit, "")
    year = Period.financial_year(parse_period(item.current_period).fy_start_year)
    if (
        now is not None
        and now.status == "forecast"
        and now.value is not None
        and (parse_period(now.period) == year)
    ):
        # The dashboard's figure is itself a forecast for the year (seed 001's ASCOF 2B): said
        # once where the owner's is the same; where it has moved, said as the later one.
        printed = plain(now.value, unit, places_for(item.forecast, usual), "")
        if printed + UNIT_WORDS.get(unit, "") == shown:
            return None
        return (f"The service's latest forecast for {name} at the end of {year.display} is"
                f" {shown}, where the dashboard forecast {figure(now, unit)}.")  # fmt: skip
    if now is not None and now.value is not None and parse_period(now.period) == year:
        return None  # the year's own figure is given: a forecast of it says nothing more
    return f"The year-end forecast for {name} is {shown} for {year.display}."


# What ends a sentence, and what may close after its stop (`…in June.)`, `…said "yes."`).
_STOPS = (".", "!", "?", "…")
_CLOSERS = "\"')]’”"


def commentary_sentences(item: Item) -> list[str]:
    """An owner's commentary as sentences: a full stop added where it ends without one, so the
    next measure's sentence does not run on from it (`Loans recovered in June`).

    A cell's line break (Alt+Enter, or a bulleted list) is a point made on its own line: it
    ends a sentence too, unless the next line goes on with the sentence (it begins in lower
    case, or the line before ends on a word such as `of` or `and`)."""
    said: list[str] = []
    for line in (item.commentary or "").splitlines():
        point = _BULLET.match(line) is not None  # a list's point is always its own sentence
        words = " ".join(_BULLET.sub("", line).split())
        if not words:
            continue
        if point:
            said.append(words[0].upper() + words[1:])
        elif said and not said[-1].rstrip(_CLOSERS).endswith(_STOPS) and _goes_on(said[-1], words):
            said[-1] += " " + words
        else:
            said.append(words)
    return [_stopped(sentence) for sentence in said]


# A list's mark at a line's start: `- `, `• `, `* `, `1. `, `a) `.
_BULLET = re.compile(r"^\s*(?:[-–—•·*▪◦]|\d{1,2}[.)]|[a-z][)])\s+")
_GOES_ON = frozenset(
    "a an and as at but by for from in into of on or the than that to which who with".split()
)


def _goes_on(before: str, line: str) -> bool:
    """Whether `line` carries on the sentence `before` left open across a line break."""
    return not line[0].isupper() or before.rsplit(" ", 1)[-1].lower() in _GOES_ON


def _stopped(words: str) -> str:
    """`words` ending in a full stop, one added where they end without a stop of their own."""
    return words if words.rstrip(_CLOSERS).endswith(_STOPS) else words + "."


def notes_said(items: list[Item]) -> list[str]:
    """The dashboard's footnotes on these measures' figures, each once, as sentences: said in
    the paragraph as well as under Appendix A, since a note such as seed 001's (community
    libraries' 2025/26 figures leave out online renewals) explains a fall the paragraph gives."""
    notes = dict.fromkeys(" ".join(note.split()) for item in items for note in item.footnotes)
    return [_stopped(note) for note in notes if note]


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


def missing_together(items: list[Item], glossary: Glossary, *, introduced: bool = False) -> str:
    """Measures with no figure yet, in one sentence: each with its latest figure and why;
    `introduced` where the sentence before has said that none has one (`They are …`)."""
    periods = {spoken(i.current_period) for i in items}
    period = f" in {periods.pop()}" if len(periods) == 1 else ""
    parts = []
    for item in items:
        part = _who(item, glossary).rstrip(",")
        if item.previous is not None and item.previous.value is not None and item.previous_period:
            part += f", last {with_counts(item.previous, item.measure.unit)} {when_of(item, item.previous_period)}"
        parts.append(f"{part} ({_reason(item)})")
    listed = "; ".join(parts[:-1]) + "; and " + parts[-1]
    if introduced:
        return f"They are {listed}."
    return f"There is no figure yet{period} for {in_words(len(items))} measures: {listed}."


def _missing(item: Item, who: str) -> str:
    text = f"There is no figure yet for {who} in {spoken(item.current_period)} ({_reason(item)})."
    if item.previous is not None and item.previous.value is not None and item.previous_period:
        text += f" The latest was {with_counts(item.previous, item.measure.unit)} {when_of(item, item.previous_period)}."
    return text


# Paragraphs -------------------------------------------------------------------------------


def owners_words(item: Item) -> list[str]:
    """What the measure's owner added: the year-end forecast, then the commentary. Said
    straight after the measure's own sentence, so a reader knows which measure it is about."""
    forecast = forecast_sentence(item)
    return [*([forecast] if forecast else []), *commentary_sentences(item)]


def paragraph(
    items: list[Item], term: str, lead: str, glossary: Glossary, *, none_new: bool = False
) -> Paragraph:
    """A topic's paragraph: its plain lead sentence (the term in bold), then each measure with
    its owner's words; measures in a row with no figure yet and nothing from their owners
    share one sentence (which lists them, where the lead has said none has one: `none_new`)."""
    before, marked, after = lead.partition("{term}")
    runs: list[tuple[str, bool]] = (
        [(before, False), (term, True), (after, False)] if marked else [(lead, False)]
    )
    body: list[str] = []
    waiting: list[Item] = []
    for item in [*items, None]:
        if item is not None and missing(item) and not owners_words(item):
            waiting.append(item)
            continue
        if len(waiting) > 1:
            body.append(
                missing_together(waiting, glossary, introduced=none_new and waiting == items)
            )
        elif waiting:
            body.append(sentence(waiting[0], glossary))
        waiting = []
        if item is not None:
            body += [sentence(item, glossary), *owners_words(item)]
    body += notes_said(items)
    runs.append((" " + " ".join(body), False))
    return Paragraph([r for r in runs if r[0]], [i.measure.id for i in items])
