"""Reporting periods: their kinds, printed back as labels and words, the like-for-like previous."""

from __future__ import annotations

import calendar
from datetime import date
from enum import StrEnum
from functools import cached_property, lru_cache

from msgspec import Struct

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
# Multi-year spans longer than this are taken for typos, not pooled periods.
MAX_MULTI_YEAR_SPAN = 5


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _fy_start_year(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def yy(year: int) -> str:
    return f"{year % 100:02d}"


class Period(Struct, frozen=True, dict=True):
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
        return cls(PeriodKind.QUARTER, date(year, month, 1), month_end(end_year, end_month))

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
        return cls(PeriodKind.MONTH, date(year, month, 1), month_end(year, month))

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
        last = month_end(end_year, end_month)
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
        return self.end == month_end(self.end.year, self.end.month)

    @cached_property
    def label(self) -> str:
        """The canonical label, as typed on the command line (`2023-24`, `2025-26-Q1`)."""
        fy = self.fy_start_year
        match self.kind:
            case PeriodKind.FINANCIAL_YEAR:
                return f"{fy}-{yy(fy + 1)}"
            case PeriodKind.QUARTER:
                return f"{fy}-{yy(fy + 1)}-Q{self.quarter_number}"
            case PeriodKind.YEAR_TO_DATE:
                return f"{fy}-{yy(fy + 1)}-apr-{MONTH_ABBR[self.end.month - 1].lower()}"
            case PeriodKind.ACADEMIC_YEAR:
                return f"AY{self.start.year}-{yy(self.end.year)}"
            case PeriodKind.CALENDAR_YEAR:
                return str(self.start.year)
            case PeriodKind.SNAPSHOT:
                return self.end.isoformat()
            case PeriodKind.MULTI_YEAR:
                return f"{self.start.year}-{yy(self.end.year)}"
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
                return f"{fy}/{yy(fy + 1)}"
            case PeriodKind.QUARTER:
                return f"{fy}/{yy(fy + 1)} Q{self.quarter_number}"
            case PeriodKind.ACADEMIC_YEAR:
                return f"{self.start.year}/{yy(self.end.year)} (academic year)"
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

    def ended_by(self, day: date) -> bool:
        """Whether the period is over by `day` (its last day included): its figures can be
        known. Import refuses a figure for a period not ended; `returns make` says so."""
        return self.end <= day

    def in_progress_at(self, day: date) -> bool:
        """Whether the period has begun by `day` and not yet ended: a figure for it then is the
        position so far (LALS's academic year at the end of a quarter's report)."""
        return self.start <= day < self.end

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
    # (a frozen record's hash is worked out from its fields each time).
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


# Every row of a report asks for the report's previous period: made (and labelled) once.
@lru_cache(maxsize=1024)
def _previous(period: Period, years: int) -> Period:
    if period.kind is PeriodKind.SNAPSHOT:
        end = period.end
        if period.is_end_of_month:
            return Period.snapshot(month_end(end.year - years, end.month))
        day = min(end.day, calendar.monthrange(end.year - years, end.month)[1])
        return Period.snapshot(date(end.year - years, end.month, day))
    start = date(period.start.year - years, period.start.month, 1)
    return Period(period.kind, start, month_end(period.end.year - years, period.end.month))
