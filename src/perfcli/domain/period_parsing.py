"""Periods read from text: a printed label (`2023/24`, `Q1 2025/26`) or phrases in longer text."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from msgspec import Struct

from perfcli.domain.periods import (
    MAX_MULTI_YEAR_SPAN,
    MONTH_ABBR,
    MONTH_NAMES,
    Period,
    PeriodKind,
    month_end,
    yy,
)
from perfcli.errors import PeriodError

_MONTHS = {name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES)}
_MONTHS.update({abbr.lower(): i + 1 for i, abbr in enumerate(MONTH_ABBR)})
_MONTHS["sept"] = 9
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"

# Parsing ----------------------------------------------------------------------------------

_DASH = re.compile(r"\s*[\u2010-\u2015\u2212-]\s*")
_ORDINAL = re.compile(r"\b(\d{1,2})\s*(st|nd|rd|th)\b", re.I)


def _normalise(text: str) -> str:
    text = " ".join(text.replace("\xa0", " ").split())
    text = _DASH.sub("-", text)
    return _ORDINAL.sub(r"\1", text).strip(" .,;:()")


def _year(text: str, century_from: int | None = None) -> int:
    value = int(text)
    if len(text) == 2:
        if century_from is not None:
            return century_from // 100 * 100 + value
        return 2000 + value
    return value


def _pair(first_text: str, second_text: str, label: str, *, slash: bool) -> Period:
    first = _year(first_text)
    second = int(second_text)
    if len(second_text) == 2:
        second = first // 100 * 100 + second
        if second < first:
            second += 100
    span = second - first
    if span == 1:
        return Period.financial_year(first)
    if not slash and 2 <= span <= MAX_MULTI_YEAR_SPAN:
        return Period.multi_year(first, second)
    if span <= 0:
        raise PeriodError(label, f"{second_text} does not come after {first_text}")
    raise PeriodError(
        label,
        f"a financial year runs from one year to the next, and {second_text} does not follow {first_text}",
        hint=f"did you mean {first}/{yy(first + 1)}?",
    )


def _day_month_year(day: str | None, month: str, year: str) -> date:
    m = _MONTHS[month.lower()]
    y = _year(year)
    if day is None:
        return month_end(y, m)
    try:
        return date(y, m, int(day))
    except ValueError:
        raise PeriodError(f"{day} {month} {year}", "there is no such day") from None


_FULL = [
    ("iso", re.compile(r"(\d{4})-(\d{2})-(\d{2})")),
    ("ay", re.compile(r"ay\s*(\d{4}|\d{2})\s*[/-]\s*(\d{2}|\d{4})")),
    (
        "ay_words",
        re.compile(
            r"(?:academic year\s*)?(\d{4}|\d{2})\s*[/-]\s*(\d{2}|\d{4})\s*\(?academic(?: year)?\)?"
        ),
    ),
    ("ay_prefix", re.compile(r"academic year\s*(\d{4}|\d{2})\s*[/-]\s*(\d{2}|\d{4})")),
    ("quarter", re.compile(r"(?:fy\s*)?(\d{4}|\d{2})\s*([/-])\s*(\d{2}|\d{4})\s*-?\s*q(\d+)")),
    ("quarter_first", re.compile(r"q(\d+)\s*(?:of\s*)?(\d{4}|\d{2})\s*([/-])\s*(\d{2}|\d{4})")),
    ("ytd", re.compile(r"(\d{4})-(\d{2})-(" + _MONTH_RE + r")-(" + _MONTH_RE + r")")),
    ("months", re.compile(r"(\d{4})-(\d{2})-to-(\d{4})-(\d{2})")),
    (
        "range",
        re.compile(
            r"("
            + _MONTH_RE
            + r")(?:\s*(\d{4}))?\s*(?:-|to)\s*("
            + _MONTH_RE
            + r")\s*(\d{4}|\d{2})?"
        ),
    ),
    (
        "snapshot",
        re.compile(
            r"(?:(?:position|positions)\s+)?(?:(?:at|as at|as of)\s+)?(?:(?:the\s+)?end of\s+)?"
            r"(?:(\d{1,2})\s+)?(" + _MONTH_RE + r")\s*-?\s*(\d{4}|\d{2})"
        ),
    ),
    ("month", re.compile(r"(\d{4})-(0[1-9]|1[0-2])")),
    ("fy", re.compile(r"(?:fy\s*|financial year\s*)?(\d{4}|\d{2})\s*([/-])\s*(\d{2}|\d{4})")),
    ("year", re.compile(r"(\d{4})")),
]


def parse_period(text: str, *, within: Period | None = None) -> Period:
    """Parse a whole period label. `within` places labels with no year (`Q1`, `Apr-Nov`)."""
    if within is None and type(text) is str:
        known = _LABELS.get(text)
        if known is not None:  # rating a row asks for its few labels ten times over
            return known
    if not isinstance(text, str) or not text.strip():
        raise PeriodError(str(text), "it is empty")
    period = _parse_period(text, within)
    if within is None and len(_LABELS) < 4096:
        _LABELS[text] = period
    return period


_LABELS: dict[str, Period] = {}


# A workbook repeats a handful of labels thousands of times; errors are not cached.
@lru_cache(maxsize=4096)
def _parse_period(text: str, within: Period | None) -> Period:
    cleaned = _normalise(text).lower()
    if within is not None:
        relative = _relative(cleaned, within, text)
        if relative is not None:
            return relative
    for name, pattern in _FULL:
        match = pattern.fullmatch(cleaned)
        if match:
            return _build(name, match, text)
    if re.fullmatch(r"q\d+", cleaned):
        if not 1 <= int(cleaned[1:]) <= 4:
            raise PeriodError(text, "a year has quarters Q1 to Q4")
        raise PeriodError(text, "a quarter needs its year", hint="write it as 2025/26 Q1")
    raise PeriodError(
        text,
        "not a form perfcli knows",
        hint="use e.g. 2023-24, 2025-26-Q1, 2021-22-apr-nov, AY2023-24, 2023 or 2024-03-31",
    )


def _relative(cleaned: str, within: Period, original: str) -> Period | None:
    fy = within.fy_start_year
    match = re.fullmatch(r"q(\d+)", cleaned)
    if match:
        q = int(match.group(1))
        if not 1 <= q <= 4:
            raise PeriodError(original, "a year has quarters Q1 to Q4")
        return Period.quarter(fy, q)
    match = re.fullmatch(r"(" + _MONTH_RE + r")\s*(?:-|to)\s*(" + _MONTH_RE + r")", cleaned)
    if match:
        first, last = _MONTHS[match.group(1)], _MONTHS[match.group(2)]
        if within.kind is PeriodKind.ACADEMIC_YEAR:
            start_year = within.start.year
            first_year = start_year if first >= 9 else start_year + 1
        else:
            first_year = fy if first >= 4 else fy + 1
        last_year = first_year if last >= first else first_year + 1
        return Period.month_range(first_year, first, last_year, last)
    return None


def _build(name: str, m: re.Match[str], original: str) -> Period:
    g = m.groups()
    match name:
        case "iso":
            try:
                return Period.snapshot(date(int(g[0]), int(g[1]), int(g[2])))
            except ValueError:
                raise PeriodError(original, "there is no such day") from None
        case "ay" | "ay_words" | "ay_prefix":
            fy = _pair(g[0], g[1], original, slash=True)
            if fy.kind is not PeriodKind.FINANCIAL_YEAR:
                raise PeriodError(original, "an academic year runs from one year to the next")
            return Period.academic_year(fy.start.year)
        case "quarter":
            fy = _pair(g[0], g[2], original, slash=True)
            return _quarter(fy, int(g[3]), original)
        case "quarter_first":
            fy = _pair(g[1], g[3], original, slash=True)
            return _quarter(fy, int(g[0]), original)
        case "ytd":
            fy = _pair(g[0], g[1], original, slash=True)
            first, last = _MONTHS[g[2]], _MONTHS[g[3]]
            if first != 4:
                raise PeriodError(original, "a year-to-date period starts in April")
            last_year = fy.start.year if last >= 4 else fy.start.year + 1
            return Period.month_range(fy.start.year, 4, last_year, last)
        case "months":
            return Period.month_range(int(g[0]), int(g[1]), int(g[2]), int(g[3]))
        case "range":
            first, last = _MONTHS[g[0]], _MONTHS[g[2]]
            if g[3] is None:
                raise PeriodError(
                    original, "a month range needs its year", hint="e.g. April to June 2025"
                )
            last_year = _year(g[3])
            if g[1] is not None:
                first_year = int(g[1])
            else:
                first_year = last_year if first <= last else last_year - 1
            return Period.month_range(first_year, first, last_year, last)
        case "snapshot":
            return Period.snapshot(_day_month_year(g[0], g[1], g[2]))
        case "month":
            year, month = int(g[0]), int(g[1])
            if 0 < year // 100 * 100 + month - year <= MAX_MULTI_YEAR_SPAN:
                # `2011-12` is still the financial year 2011/12, `2010-12` three years.
                return _pair(g[0], g[1], original, slash=False)
            return Period.month(year, month)
        case "fy":
            return _pair(g[0], g[2], original, slash=g[1] == "/")
        case "year":
            year = int(g[0])
            if not 1900 <= year <= 2100:
                raise PeriodError(original, "the year is out of range")
            return Period.calendar_year(year)
    raise AssertionError(name)


def _quarter(fy: Period, q: int, original: str) -> Period:
    if fy.kind is not PeriodKind.FINANCIAL_YEAR:
        raise PeriodError(original, "a quarter belongs to one financial year")
    if not 1 <= q <= 4:
        raise PeriodError(original, f"Q{q} does not exist: a year has quarters Q1 to Q4")
    return Period.quarter(fy.start.year, q)


_MONTH_ALONE = re.compile(r"(" + _MONTH_RE + r")\s*[- ]?\s*(\d{4}|\d{2})")


def parse_month(text: str) -> Period | None:
    """A month as a monthly series labels it (`Apr-24`, `April 2024`, `2024-04`); None if not one.

    Elsewhere `Mar-24` is a snapshot (`2024-03-31`, a position at the end of the month); a
    monthly series' Period column reads it as the whole month. None for a month before 2012
    whose label would read back as years (`2011-12`): it keeps its snapshot reading.
    """
    cleaned = _normalise(text).lower()
    match = _MONTH_ALONE.fullmatch(cleaned)
    if match:
        month = Period.month(_year(match.group(2)), _MONTHS[match.group(1)])
        # Before 2012 a month's label can read back as years (`2011-12`): not a month then.
        return month if parse_period(month.label) == month else None
    if re.fullmatch(r"\d{4}-\d{2}", cleaned):
        period = parse_period(cleaned)
        return period if period.kind is PeriodKind.MONTH else None
    return None


# Finding periods inside longer text -------------------------------------------------------

_SEARCH = re.compile(
    r"(?<![\w/.,])(?:"
    r"(?P<quarter>(?:\d{4}|\d{2})\s*/\s*(?:\d{2}|\d{4})\s*q\d+|q\d+\s*(?:\d{4}|\d{2})\s*/\s*(?:\d{2}|\d{4}))"
    r"|(?P<range>" + _MONTH_RE + r"(?:\s*\d{4})?\s*(?:-|to)\s*" + _MONTH_RE + r"\s*(?:\d{4})?)"
    r"|(?P<snapshot>(?:position\s+)?(?:(?:at|as at|as of)\s+)?(?:(?:the\s+)?end of\s+)?(?:\d{1,2}\s+)?"
    + _MONTH_RE
    + r"\s*-?\s*(?:\d{4}|\d{2}))"
    r"|(?P<fy>(?:\d{4}|\d{2})\s*[/-]\s*(?:\d{2}|\d{4})(?:\s*\(?academic year\)?)?)"
    r"|(?P<quarter_alone>q\d+)"
    r")(?![\w/%.,]\d|\w)",
    re.I,
)


class PeriodMatch(Struct, frozen=True):
    text: str
    period: Period | None
    error: PeriodError | None


def find_periods(text: str, *, within: Period | None = None) -> list[PeriodMatch]:
    """Every period phrase in a longer text, with what it parses to (or why it does not)."""
    return list(_find_periods(text, within))


def leading_period(text: str, *, within: Period | None = None) -> tuple[str, str] | None:
    """The period a text begins with (`2023/24 Local target 60%`, `23/24: 81.2%`) and the text
    after it, both as find_periods reads them (dashes, ordinals and no-break spaces made plain);
    None where the text begins with anything else, with a phrase that is not a period, with a
    span of years (`55-60%` is a band from 55) or with a period joined to what follows."""
    if text[:1].isdigit() and not _MAY_BEGIN_A_PERIOD.match(text):
        return None  # most such texts begin with a figure: not searched (4 µs each)
    found = _find_periods(text, within)
    if not found or found[0].period is None or found[0].period.kind is PeriodKind.MULTI_YEAR:
        return None
    normal = _plain(text).lstrip()
    phrase = found[0].text
    after = normal[len(phrase) : len(phrase) + 2]
    # Followed by a space, a colon, a comma or a dash before words (`2023/24 - Local target`,
    # which had been refused as two numbers joined), never by more of a number.
    if not normal.startswith(phrase) or not (
        after[:1] in ("", " ", ":", ",") or (after[:1] == "-" and not after[1:].isdigit())
    ):
        return None
    return phrase, normal[len(phrase) :].strip(" :=-,;.")


# A year and the next (`2023/24`, `23-24`) or a day and its month (`31st March`, `1 Jan`).
_MAY_BEGIN_A_PERIOD = re.compile(
    r"\d{2,4}\s*[/\-\u2010-\u2015\u2212]\s*\d{2}|\d{1,2}(?:st|nd|rd|th)?\s*[a-z]{3}", re.I
)


def _plain(text: str) -> str:
    return _DASH.sub("-", _ORDINAL.sub(r"\1", text.replace("\xa0", " ")))


# A dashboard's cells repeat their period phrases row after row (`23/24`, `22/23 Nat. Ave.`).
@lru_cache(maxsize=4096)
def _find_periods(text: str, within: Period | None) -> tuple[PeriodMatch, ...]:
    normal = _plain(text)
    found: list[PeriodMatch] = []
    for m in _SEARCH.finditer(normal):
        phrase = m.group(0).strip()
        if m.lastgroup == "quarter_alone" and within is None:
            continue
        if m.lastgroup == "range" and not re.search(r"\d", phrase) and within is None:
            continue
        try:
            period = parse_period(phrase, within=within)
            found.append(PeriodMatch(phrase, period, None))
        except PeriodError as error:
            found.append(PeriodMatch(phrase, None, error))
    return tuple(found)


def most_specific(matches: list[PeriodMatch]) -> Period | None:
    """The shortest valid period among matches: `2025/26 April to June 2025` is Q1."""
    periods = [m.period for m in matches if m.period is not None]
    if not periods:
        return None
    return min(periods, key=lambda p: (p.end - p.start, -p.end.toordinal()))
