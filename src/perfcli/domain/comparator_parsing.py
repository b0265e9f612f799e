"""A printed comparator (`57.8% 22/23 Nat. Ave.`, `55% - 60% Local target 2023/24`,
`<1,575`) -> what a measure is rated against: its kind, figure or band, period and label."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from msgspec import Struct
from msgspec.structs import replace

from perfcli.domain.figures import (
    LEAD,
    NUMBER,
    RATE,
    Figure,
    matched_figure,
    parse_figure,
    printed_number,
    refuse_joined,
)
from perfcli.domain.period_parsing import find_periods, leading_period, parse_period
from perfcli.domain.periods import Period, PeriodKind
from perfcli.errors import ValueParseError


class ComparatorKind(StrEnum):
    NATIONAL_AVERAGE = "national_average"
    TARGET = "target"
    MILESTONE = "milestone"
    BAND = "band"
    THRESHOLD = "threshold"
    INFO = "info"
    UNAVAILABLE = "unavailable"
    TEXT = "text"


class ParsedComparator(Struct, frozen=True):
    """What a measure is rated against, as printed in the Rating or Target column."""

    raw: str
    kind: ComparatorKind
    figure: Figure | None = None
    low: Figure | None = None
    high: Figure | None = None
    op: str | None = None
    period: Period | None = None
    label: str | None = None
    count: float | None = None
    reason: str | None = None

    @property
    def value(self) -> float | None:
        return self.figure.value if self.figure else None


_OPS = {"<": "<", ">": ">", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">="}
_BAND = re.compile(
    r"(?P<low>[£]?(?:" + NUMBER + r")(?:\s*(?:k|m|bn))?)\s*(?P<lp>%)?\s*(?:-|–|—|to)\s*"
    r"(?P<high>[£]?(?:" + NUMBER + r")(?:\s*(?:k|m|bn))?)\s*(?P<hp>%)?",
    re.I,
)
_SEPARATED = re.compile(r"-|–|—|to", re.I)  # _BAND's separators
_OP = re.compile(r"(<=|>=|<|>|≤|≥)\s*")
# A threshold or band in words (`at least 60%`, `Below 1,575`, `between 55% and 60%`), which
# had been text, never rated: read as its symbols say it.
_OP_WORDS = re.compile(
    r"(?<!\w)(at\s+least|no\s+less\s+than|not\s+less\s+than|at\s+most|no\s+more\s+than"
    r"|not\s+more\s+than|fewer\s+than|less\s+than|greater\s+than|more\s+than|below|under"
    r"|above|over)\s+(?=[£$€]?\d)",
    re.I,
)
_OP_SYMBOLS = {
    "at least": ">=", "no less than": ">=", "not less than": ">=", "at most": "<=",
    "no more than": "<=", "not more than": "<=", "fewer than": "<", "less than": "<",
    "below": "<", "under": "<", "more than": ">", "greater than": ">", "above": ">", "over": ">",
}  # fmt: skip
_BETWEEN = re.compile(r"(?<!\w)between\s+([£$€]?\d\S*)\s+and\s+([£$€]?\d\S*)", re.I)


def _in_symbols(text: str) -> str:
    """The words of a threshold or band as symbols, wherever they stand (`Local target below
    1,575` is `Local target <1,575`, its period first or last)."""
    text = _BETWEEN.sub(lambda m: f"{m[1]} - {m[2]}", text, count=1)
    return _OP_WORDS.sub(lambda m: _OP_SYMBOLS[" ".join(m[1].lower().split())], text, count=1)


_INFO = re.compile(r"^(?:for )?information only$|^n/?a$|^info$", re.I)
_UNAVAILABLE = re.compile(
    r"not yet|no national|new ascof|not available|not published|awaiting|tbc|no comparator",
    re.I,
)


_YEARS = re.compile(r"(\d{2,4})\s*[/-]\s*(\d{2})\b(?!\s*%)")


def _years_first(body: str) -> bool:
    """`2023-24 …` or `22/23 …`: a year and the one after it, not a band (`40 - 50 …`)."""
    found = _YEARS.match(body)
    return found is not None and int(found[2]) == (int(found[1]) + 1) % 100


def parse_comparator(text: object, *, within: Period | None = None) -> ParsedComparator | None:
    """Parse `67.2% 22/23 Nat. Ave.`, `55% - 60% Local target 2023/24`, `<1,575 Position …`.

    `within` is the report's period, to place `Q1 Milestone` or `(Apr-Nov)`.
    Returns None for an empty cell.
    """
    raw = "" if text is None else str(text)
    return _parse_comparator(raw, within)


# Each row of a column repeats its comparator, or its wording (`22/23 Nat. Ave.`): read once.
@lru_cache(maxsize=4096)
def _parse_comparator(raw: str, within: Period | None) -> ParsedComparator | None:
    cleaned = " ".join(raw.replace("\xa0", " ").split())
    if not cleaned:
        return None
    if _INFO.match(cleaned):
        return ParsedComparator(raw, ComparatorKind.INFO, reason="for information only")
    cleaned = _in_symbols(cleaned)
    op_match = _OP.match(cleaned)
    op = _OPS[op_match.group(1)] if op_match else None
    body = cleaned[op_match.end() :] if op_match else cleaned
    period_first = _period_first(body, within) if op is None else None
    if period_first == "":
        reason = f"{cleaned!r} names a period but no figure to rate against"
        return ParsedComparator(raw, ComparatorKind.TEXT, reason=reason)
    if period_first is not None:
        parsed = _parse_comparator(period_first, within)
        return replace(parsed, raw=raw) if parsed is not None else None
    # A band needs its two ends' separator: most comparators have none, and _BAND takes 0.9 µs
    # to say so.
    band = _BAND.match(body) if _SEPARATED.search(body) else None
    if band and op is None and not _years_first(body):
        refuse_joined(body, band.end(), raw)
        percent = bool(band.group("lp") or band.group("hp"))
        low, _ = parse_figure(band.group("low") + ("%" if percent else ""))
        high, _ = parse_figure(band.group("high") + ("%" if percent else ""))
        if low.value > high.value:
            raise ValueParseError(raw, "the band's lower end is above its upper end")
        rest = body[band.end() :].strip()
        period, label, count = _comparator_tail(rest, within, raw)
        return ParsedComparator(
            raw, ComparatorKind.BAND, low=low, high=high, period=period, label=label, count=count
        )
    lead = LEAD.match(body)
    if lead and _BARE_YEAR.match(body) and not _A_FIGURE.search(_periods_masked(body, within)):
        # `2023 Local target`: a year and words, and no figure (it had been a target of 2,023).
        reason = f"{cleaned!r} names a year but no figure to rate against"
        return ParsedComparator(raw, ComparatorKind.TEXT, reason=reason)
    if lead:
        figure, rest = matched_figure(lead, body, body)
        period, label, count = _comparator_tail(rest, within, raw)
        if figure.unit is None and RATE.search(rest):
            figure = figure.as_rate()
        kind = _comparator_kind(label or "", op)
        return ParsedComparator(
            raw, kind, figure=figure, op=op, period=period, label=label, count=count
        )
    words_first = _figure_first(body, within) if op is None else None
    if words_first is not None:
        parsed = _parse_comparator(words_first, within)
        return replace(parsed, raw=raw) if parsed is not None else None
    if _UNAVAILABLE.search(cleaned):
        period = _first_period(cleaned, within, raw)
        return ParsedComparator(raw, ComparatorKind.UNAVAILABLE, period=period, reason=cleaned)
    return ParsedComparator(
        raw, ComparatorKind.TEXT, reason=f"{cleaned!r} is not a figure to rate against"
    )


# A year typed before a comparator's words and figure (`2024 target 60%`); a year alone, or
# with words only (`2025 target`), is the figure.
_YEAR_FIRST = re.compile(r"(?:19|20)\d{2}(?=\s+[^\W\d])")


def _period_first(body: str, within: Period | None) -> str | None:
    """`2023/24 Local target 60%` written as a dashboard prints it, `60% Local target 2023/24`
    (its figure is not the year 2023); "" where the period has no figure after it, None where
    the text does not begin with a period (`55-60%` is a band, not the years 2055 to 2060)."""
    lead = leading_period(body, within=within)
    if lead is None:
        year = _YEAR_FIRST.match(body)
        if year is None or not _A_FIGURE.search(body, year.end()):
            return None
        lead = year.group(0), body[year.end() :].strip(" :=-–—,;.")
    phrase, rest = lead
    return f"{rest} {phrase}" if _A_FIGURE.search(_periods_masked(rest, within)) else ""


def _periods_masked(text: str, within: Period | None) -> str:
    """The text with each period phrase blanked, so a search for a figure passes over it: a
    year alone among words too (`Local target 2024`, `Target to be set in 2025`, which had been
    targets of 2,024 and 2,025), but not a span a comparator means as a band (`55-60%`)."""
    for match in find_periods(text, within=within):
        at = text.find(match.text)
        if at >= 0 and not (match.period and match.period.kind is PeriodKind.MULTI_YEAR):
            text = text[:at] + " " * len(match.text) + text[at + len(match.text) :]
    if any(c.isalpha() for c in text):
        text = _BARE_YEAR.sub(lambda m: " " * len(m[0]), text)
    return text


# A year written alone (`2024`), not a figure's digits (`2,024`, `2024.5`, `2024%`, `2024/25`).
_BARE_YEAR = re.compile(r"(?<![\w.,£$€/-])(?:19|20)\d{2}(?![\w.,%/-])")


# A comparator typed with its words first (`Local target 60%`, `Target: 1,200`, `Nat. Ave.
# 23/24 55.1%`): its figure is the first number outside a period.
_WORDS_FIRST = re.compile(
    r"(?:local\s+)?(?:q[1-4]\s+|annual\s+|year[\s-]end\s+|full[\s-]year\s+)?(?:target|milestone)"
    r"|nat(?:ional)?\b|england|average",
    re.I,
)
_A_FIGURE = re.compile(r"(?<![\w/.,])(?=\S)(?:[<>≤≥]=?\s*)?[-\u2212£$€]?\s*\.?\d")


def _figure_first(body: str, within: Period | None) -> str | None:
    """`Local target 60%` written as a dashboard prints it, `60% Local target`; None where the
    text does not begin with a comparator's words or has no figure outside its periods."""
    if not _WORDS_FIRST.match(body):
        return None
    # A band first (`Local target 60-65%`), which a period search would read as 2060 to 2065.
    figure = next((b for b in _BAND.finditer(body) if _band_alone(body, b.start())), None)
    if figure is None:
        found = _A_FIGURE.search(_periods_masked(body, within))
        if found is None:
            return None
        start = found.start()
        # A hyphen after the words is a dash between them and the figure (`Target - 60%`,
        # `Target -60%`), a minus only after a colon or `=` (`Target: -5%`).
        if body[start] in "-\u2212" and not body[:start].rstrip().endswith((":", "=")):
            start = len(body) - len(body[start + 1 :].lstrip())
        figure = _OP_FIGURE.match(body, start)
        if figure is None:
            return None
    refuse_joined(body, figure.end(), body)
    start = figure.start()
    words = body[:start].rstrip(" :=-–—") + " " + body[figure.end() :]
    return f"{figure.group(0).strip()} {' '.join(words.split())}".strip()


def _band_alone(body: str, start: int) -> bool:
    """Whether a band found at `start` begins a figure of its own: not inside a year
    (`2024/25 - 60%` holds no band 25 to 60), and not a year and the next (`2024-25`)."""
    before = body[start - 1] if start else " "
    return not (before.isalnum() or before in "/.,") and not _years_first(body[start:])


_OP_FIGURE = re.compile(r"(?:[<>≤≥]=?\s*)?" + LEAD.pattern, re.I)


_GROUP = re.compile(
    r"\b(cipfa|regional|region|statistical\s+neighbou?rs?|nearest\s+neighbou?rs?|comparator\s+group"
    r"|family\s+group|peer\s+group|county\s+councils?|shire\s+counties|english\s+counties)\b",
    re.I,
)
_AVERAGE = re.compile(r"\b(av(?:e|g|erage)?|mean|median)\b\.?", re.I)


def group_average(label: str | None) -> str | None:
    """A comparator group's average other than England's, as printed: `CIPFA average 2019/20`
    -> `CIPFA average`. None for anything else."""
    if not label or not _GROUP.search(label) or not _AVERAGE.search(label):
        return None
    words = re.sub(r"\(?\b\d{2,4}\s*[/-]\s*\d{2,4}\b\)?", " ", label)
    return " ".join(words.split()).strip(" .,;:") or None


# A column's comparators share their words (`Local target 2023/24`): each label read once.
@lru_cache(maxsize=1024)
def _comparator_kind(label: str, op: str | None) -> ComparatorKind:
    lower = label.lower()
    if op is not None:
        return ComparatorKind.THRESHOLD
    if re.search(r"nat(?:ional)?\.?\s*av|england|national", lower) or group_average(label):
        return ComparatorKind.NATIONAL_AVERAGE
    if "milestone" in lower:
        return ComparatorKind.MILESTONE
    return ComparatorKind.TARGET


def _comparator_tail(
    rest: str, within: Period | None, raw: str
) -> tuple[Period | None, str | None, float | None]:
    try:
        return _known_tail(rest, within)
    except ValueParseError:
        return _read_tail(rest, within, raw)  # again, to name the whole comparator


# Every row of a dashboard repeats its column's wording: `22/23 Nat. Ave.`, `Local target …`.
@lru_cache(maxsize=1024)
def _known_tail(rest: str, within: Period | None) -> tuple[Period | None, str | None, float | None]:
    return _read_tail(rest, within, rest)


def _read_tail(
    rest: str, within: Period | None, raw: str
) -> tuple[Period | None, str | None, float | None]:
    count = None
    count_match = re.search(r"\(?\s*(" + NUMBER + r")\s*adm(?:ission)?'?s?\.?\s*\)?", rest, re.I)
    if count_match:
        count = printed_number(count_match.group(1))
        rest = (rest[: count_match.start()] + rest[count_match.end() :]).strip()
    rest = " ".join(RATE.sub("", rest).split())
    period = _first_period(rest, within, raw)
    label = rest.strip(" .") or None
    return period, label, count


_QUARTER_ALONE = re.compile(r"q[1-4]", re.I)


def _first_period(text: str, within: Period | None, raw: str) -> Period | None:
    matches = find_periods(text, within=within)
    for match in matches:
        if match.error is not None:
            raise ValueParseError(raw, match.error.reason, hint=match.error.hint)
    periods = [m.period for m in matches if m.period is not None]
    if not periods:
        return None
    # `Local Q1 Milestone 2024/25`: the first quarter of the year named, not of the report's.
    quarter = next((m.text for m in matches if _QUARTER_ALONE.fullmatch(m.text)), None)
    year = next((p for p in periods if p.kind is PeriodKind.FINANCIAL_YEAR), None)
    if quarter is not None and year is not None:
        return parse_period(f"{quarter} {year.label}")
    if "academic" in text.lower():
        for p in periods:
            if p.kind is PeriodKind.FINANCIAL_YEAR:
                return Period.academic_year(p.start.year)
    return periods[0]
