"""Reporting periods: parse the labels reports print, print them back, find like-for-like."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property, lru_cache

from perfcli.errors import PeriodError


class PeriodKind(StrEnum):
    FINANCIAL_YEAR = "financial_year"
    QUARTER = "quarter"
    YEAR_TO_DATE = "year_to_date"
    MONTHS = "months"
    MONTH = "month"
    ACADEMIC_YEAR = "academic_year"
    CALENDAR_YEAR = "calendar_year"
    SNAPSHOT = "snapshot"
    MULTI_YEAR = "multi_year"


MONTH_NAMES = [calendar.month_name[m] for m in range(1, 13)]
MONTH_ABBR = [calendar.month_abbr[m] for m in range(1, 13)]
_MONTHS = {name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES)}
_MONTHS.update({abbr.lower(): i + 1 for i, abbr in enumerate(MONTH_ABBR)})
_MONTHS["sept"] = 9
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
# Multi-year spans longer than this are taken for typos, not pooled periods.
MAX_MULTI_YEAR_SPAN = 5


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _fy_start_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _yy(year: int) -> str:
    return f"{year % 100:02d}"


@dataclass(frozen=True)
class Period:
    """A span of time (or a single day, for a snapshot) that a figure covers."""

    kind: PeriodKind
    start: date
    end: date

    # Constructors -------------------------------------------------------------------------

    @classmethod
    def financial_year(cls, start_year: int) -> Period:
        return cls(PeriodKind.FINANCIAL_YEAR, date(start_year, 4, 1), date(start_year + 1, 3, 31))

    @classmethod
    def quarter(cls, start_year: int, q: int) -> Period:
        if not 1 <= q <= 4:
            raise PeriodError(f"Q{q}", "a year has quarters Q1 to Q4")
        year, month = _shift_month(start_year, 4, 3 * (q - 1))
        end_year, end_month = _shift_month(year, month, 2)
        return cls(PeriodKind.QUARTER, date(year, month, 1), _month_end(end_year, end_month))

    @classmethod
    def academic_year(cls, start_year: int) -> Period:
        return cls(PeriodKind.ACADEMIC_YEAR, date(start_year, 9, 1), date(start_year + 1, 8, 31))

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(PeriodKind.CALENDAR_YEAR, date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """One calendar month, as a monthly series (waiting lists, visits) reports it."""
        if not 1 <= month <= 12:
            raise PeriodError(f"{year}-{month:02d}", "a year has months 01 to 12")
        return cls(PeriodKind.MONTH, date(year, month, 1), _month_end(year, month))

    @classmethod
    def snapshot(cls, day: date) -> Period:
        return cls(PeriodKind.SNAPSHOT, day, day)

    @classmethod
    def multi_year(cls, first: int, last: int) -> Period:
        return cls(PeriodKind.MULTI_YEAR, date(first, 1, 1), date(last, 12, 31))

    @classmethod
    def month_range(
        cls, start_year: int, start_month: int, end_year: int, end_month: int
    ) -> Period:
        """The months from start to end inclusive, classified as the reports would name them."""
        first = date(start_year, start_month, 1)
        last = _month_end(end_year, end_month)
        months = (end_year * 12 + end_month) - (start_year * 12 + start_month) + 1
        if months < 1:
            raise PeriodError(
                f"{MONTH_NAMES[start_month - 1]} {start_year} to {MONTH_NAMES[end_month - 1]} {end_year}",
                "it ends before it starts",
            )
        if months > 12:
            raise PeriodError(
                f"{MONTH_NAMES[start_month - 1]} {start_year} to {MONTH_NAMES[end_month - 1]} {end_year}",
                "a month range covers at most twelve months",
            )
        if start_month == 4 and months == 12:
            return cls.financial_year(start_year)
        if start_month == 9 and months == 12:
            return cls.academic_year(start_year)
        if start_month == 1 and months == 12:
            return cls.calendar_year(start_year)
        if months == 3 and start_month in (4, 7, 10, 1):
            fy = _fy_start_year(first)
            return cls.quarter(fy, {4: 1, 7: 2, 10: 3, 1: 4}[start_month])
        if start_month == 4:
            return cls(PeriodKind.YEAR_TO_DATE, first, last)
        return cls(PeriodKind.MONTHS, first, last)

    # Properties ---------------------------------------------------------------------------

    @property
    def fy_start_year(self) -> int:
        """The start year of the financial year this period falls in (by its end)."""
        return _fy_start_year(self.end)

    @property
    def quarter_number(self) -> int | None:
        if self.kind is not PeriodKind.QUARTER:
            return None
        return (self.start.month - 4) % 12 // 3 + 1

    @property
    def is_end_of_month(self) -> bool:
        return self.end == _month_end(self.end.year, self.end.month)

    @cached_property
    def label(self) -> str:
        """The canonical label, as typed on the command line (`2023-24`, `2025-26-Q1`)."""
        fy = self.fy_start_year
        match self.kind:
            case PeriodKind.FINANCIAL_YEAR:
                return f"{fy}-{_yy(fy + 1)}"
            case PeriodKind.QUARTER:
                return f"{fy}-{_yy(fy + 1)}-Q{self.quarter_number}"
            case PeriodKind.YEAR_TO_DATE:
                return f"{fy}-{_yy(fy + 1)}-apr-{MONTH_ABBR[self.end.month - 1].lower()}"
            case PeriodKind.ACADEMIC_YEAR:
                return f"AY{self.start.year}-{_yy(self.end.year)}"
            case PeriodKind.CALENDAR_YEAR:
                return str(self.start.year)
            case PeriodKind.SNAPSHOT:
                return self.end.isoformat()
            case PeriodKind.MULTI_YEAR:
                return f"{self.start.year}-{_yy(self.end.year)}"
            case PeriodKind.MONTHS:
                return f"{self.start:%Y-%m}-to-{self.end:%Y-%m}"
            case PeriodKind.MONTH:
                return f"{self.start:%Y-%m}"
        raise AssertionError(self.kind)

    @cached_property
    def display(self) -> str:
        """The short form a dashboard prints (`2023/24`, `2025/26 Q1`, `Apr-Nov 2021`)."""
        fy = self.fy_start_year
        match self.kind:
            case PeriodKind.FINANCIAL_YEAR:
                return f"{fy}/{_yy(fy + 1)}"
            case PeriodKind.QUARTER:
                return f"{fy}/{_yy(fy + 1)} Q{self.quarter_number}"
            case PeriodKind.ACADEMIC_YEAR:
                return f"{self.start.year}/{_yy(self.end.year)} (academic year)"
            case PeriodKind.SNAPSHOT:
                if self.is_end_of_month:
                    return f"End of {MONTH_NAMES[self.end.month - 1]} {self.end.year}"
                return f"{self.end.day} {MONTH_NAMES[self.end.month - 1]} {self.end.year}"
            case PeriodKind.MONTH:
                return f"{MONTH_ABBR[self.start.month - 1]} {self.start.year}"
            case PeriodKind.YEAR_TO_DATE | PeriodKind.MONTHS:
                first = MONTH_ABBR[self.start.month - 1]
                last = MONTH_ABBR[self.end.month - 1]
                if self.start.year == self.end.year:
                    return f"{first}-{last} {self.end.year}"
                return f"{first} {self.start.year}-{last} {self.end.year}"
        return self.label

    @property
    def long(self) -> str:
        """The words a report uses (`April 2023 to March 2024`, `April to June 2025`)."""
        if self.kind is PeriodKind.SNAPSHOT:
            return f"{self.end.day} {MONTH_NAMES[self.end.month - 1]} {self.end.year}"
        if self.kind is PeriodKind.MONTH:
            return self.position
        first = MONTH_NAMES[self.start.month - 1]
        last = MONTH_NAMES[self.end.month - 1]
        if self.start.year == self.end.year:
            return f"{first} to {last} {self.end.year}"
        return f"{first} {self.start.year} to {last} {self.end.year}"

    @property
    def position(self) -> str:
        """The month a report's position is taken at (`March 2024`)."""
        return f"{MONTH_NAMES[self.end.month - 1]} {self.end.year}"

    @cached_property  # rating compares each measure's periods like for like
    def months(self) -> int:
        return (self.end.year * 12 + self.end.month) - (self.start.year * 12 + self.start.month) + 1

    # Relations ----------------------------------------------------------------------------

    def previous(self, years: int = 1) -> Period:
        """The like-for-like period `years` earlier: same quarter, same months, same day."""
        return _previous(self, years)

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def like_for_like(self, other: Period) -> bool:
        """Whether two periods cover the same kind and length of time."""
        return (
            self.kind is other.kind
            and self.months == other.months
            and (self.start.month == other.start.month)
        )

    def sort_key(self) -> tuple[date, date]:
        return (self.end, self.start)

    # A period is a key of every parse's cache (`within`): hashed once, not at each look-up
    # (a dataclass's hash builds a tuple of its fields each time, 0.5 µs).
    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        # From the dates alone (equal periods have equal dates): the same number in every
        # process, so a copied period's kept hash stays true (a kind's name hashes differently).
        return hash((self.start.toordinal(), self.end.toordinal()))

    def __str__(self) -> str:
        return self.label

    def __lt__(self, other: Period) -> bool:
        return self.sort_key() < other.sort_key()


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
        hint=f"did you mean {first}/{_yy(first + 1)}?",
    )


def _day_month_year(day: str | None, month: str, year: str) -> date:
    m = _MONTHS[month.lower()]
    y = _year(year)
    if day is None:
        return _month_end(y, m)
    try:
        return date(y, m, int(day))
    except ValueError:
        raise PeriodError(f"{day} {month} {year}", "there is no such day") from None


_Y = r"(\d{4}|\d{2})"
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


# Every row of a report asks for the report's previous period: made (and labelled) once.
@lru_cache(maxsize=1024)
def _previous(period: Period, years: int) -> Period:
    if period.kind is PeriodKind.SNAPSHOT:
        end = period.end
        if period.is_end_of_month:
            return Period.snapshot(_month_end(end.year - years, end.month))
        day = min(end.day, calendar.monthrange(end.year - years, end.month)[1])
        return Period.snapshot(date(end.year - years, end.month, day))
    start = date(period.start.year - years, period.start.month, 1)
    return Period(period.kind, start, _month_end(period.end.year - years, period.end.month))


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


@dataclass(frozen=True)
class PeriodMatch:
    text: str
    period: Period | None
    error: PeriodError | None


def find_periods(text: str, *, within: Period | None = None) -> list[PeriodMatch]:
    """Every period phrase in a longer text, with what it parses to (or why it does not)."""
    return list(_find_periods(text, within))


# A dashboard's cells repeat their period phrases row after row (`23/24`, `22/23 Nat. Ave.`).
@lru_cache(maxsize=4096)
def _find_periods(text: str, within: Period | None) -> tuple[PeriodMatch, ...]:
    normal = _DASH.sub("-", _ORDINAL.sub(r"\1", text.replace("\xa0", " ")))
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
