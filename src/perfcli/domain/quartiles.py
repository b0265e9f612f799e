"""Printed quartiles: read once from the cell as typed, and told apart by comparator group and year.

`3rd (2024) (Counties)` is the third quartile among the county councils in 2024; `1st/2nd (2024)`
a survey result between two quartiles; a bare `3rd` is of the report's own year and group.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from msgspec import Struct, field

from perfcli.domain.model import QuartilePosition
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.errors import PerfcliError

T = TypeVar("T")

_ORDINALS = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "top": 1, "second": 2, "third": 3,
             "bottom": 4, "1": 1, "2": 2, "3": 3, "4": 4}  # fmt: skip
_MARKS = "*¹²³⁴⁵⁶⁷⁸⁹†‡"
_ONE = r"1st|2nd|3rd|4th|top|second|third|bottom|[1-4]"
_QUARTILE = re.compile(
    rf"^(?P<best>{_ONE})(?:\s*(?:/|-|–|to)\s*(?P<worst>{_ONE}))?\s*(?P<marks>[{_MARKS}]*)"
    rf"\s*(?:quartile)?\s*(?P<rest>(?:\([^()]*\)\s*[{_MARKS}]*\s*)*)$",
    re.I,
)
_PART = re.compile(rf"\((?P<part>[^()]*)\)\s*(?P<marks>[{_MARKS}]*)")
_NOTHING = re.compile(r"^(?:n/?a|-|–|—|none|no data|not available|tbc|\.\.)$", re.I)
GROUPS = {
    "eng": "England", "england": "England", "national": "England", "nat": "England",
    "counties": "Counties", "county": "Counties", "county councils": "Counties",
    "shire counties": "Counties", "cipfa": "CIPFA", "cipfa nn": "CIPFA",
    "cipfa nearest neighbours": "CIPFA", "nearest neighbours": "CIPFA",
    "region": "Region", "regional": "Region",
}  # fmt: skip


def parse_quartile(text: str, report: Period | None = None) -> QuartilePosition | None:
    """`3rd (2024) (Counties)` -> quartile 3 of 2024 among counties; `1st/2nd (2024)` -> a range;
    a bare `3rd` is of `report`'s period; `N/A` or an empty cell -> None.

    Each bracket holds the vintage (any period perfcli reads: `2022/23`, `Oct 2021-Sept 2022`,
    `Aug 2024`) or the comparator group (`Eng`, `Counties`, `CIPFA`, `Region`, or free text).
    """
    cleaned = " ".join(text.split())
    if not cleaned or _NOTHING.match(cleaned):
        return None
    match = _QUARTILE.match(cleaned)
    if not match:
        raise ValueError(f"cannot read quartile {text!r}")
    best = _ORDINALS[match.group("best").lower()]
    worst = _ORDINALS[(match.group("worst") or match.group("best")).lower()]
    if worst < best:
        best, worst = worst, best
    marks = match.group("marks")
    period: Period | None = None
    group: str | None = None
    for part in _PART.finditer(match.group("rest")):
        marks += part.group("marks")
        inside = " ".join(part.group("part").split())
        if not inside:
            continue
        try:
            found = parse_period(inside)
        except PerfcliError:
            if re.search(r"\d", inside):
                raise  # meant as a period: its own error says what is wrong with it
            found = None
        if found is not None and period is None:
            period = found
        elif found is None and group is None:
            group = GROUPS.get(inside.lower().rstrip("."), inside)
        else:
            raise ValueError(
                f"cannot read quartile {text!r}: it gives two {'periods' if found else 'groups'}"
            )
    if period is None and report is None:
        raise ValueError(f"quartile {text!r} gives no year")
    vintage = period or report
    assert vintage is not None
    return QuartilePosition(
        best=best, worst=worst, period=vintage.label, group=group, printed=cleaned,
        marks=marks, period_printed=period is not None,
    )  # fmt: skip


# How a sentence names a comparator group the quartile column prints (free text as printed).
GROUP_WORDS = {"England": "England", "Counties": "the county councils",
               "CIPFA": "the CIPFA nearest neighbours", "Region": "the region"}  # fmt: skip


def is_recent(position: QuartilePosition, report: Period) -> bool:
    """A ranking of the report's year or the year before it (comparisons lag a year): one that
    ended before the previous year began (2020/21 in a 2023/24 report) is an older one."""
    return parse_period(position.period).end >= report.previous().start


class QuartileSort(Struct, Generic[T], frozen=True):
    """Things with a quartile, told apart: this year's in the main group (counted), this year's
    against another group (by group), and older rankings."""

    counted: list[T] = field(default_factory=list)
    by_group: dict[str, list[T]] = field(default_factory=dict)
    older: list[T] = field(default_factory=list)


def sort_quartiles(
    items: Iterable[T],
    position_of: Callable[[T], QuartilePosition | None],
    report: Period | None,
    main_group: str,
) -> QuartileSort[T]:
    """`items` (each with a quartile) sorted; one whose position is not known is counted."""
    sort: QuartileSort[T] = QuartileSort()
    for item in items:
        position = position_of(item)
        if position is None or report is None:
            sort.counted.append(item)
        elif not is_recent(position, report):
            sort.older.append(item)
        elif position.group in (None, main_group):
            sort.counted.append(item)
        else:
            sort.by_group.setdefault(position.group, []).append(item)
    return sort


def vintages(positions: Iterable[QuartilePosition | None]) -> str:
    """The years quartiles are of, in words: `2022/23 to 2024` for three or more (a span), two
    named (`2022 and Nov 2022-Oct 2023`, which as a span would read as one inside the other), or
    one year."""
    periods = sorted(
        {parse_period(p.period) for p in positions if p is not None},
        key=lambda period: (period.end, period.start),
    )
    if not periods:
        return ""
    first, last = periods[0].display, periods[-1].display
    if first == last:
        return first
    return f"{first} and {last}" if len(periods) == 2 else f"{first} to {last}"
