"""What a quarter report's previous column really holds, row by row, from the figures themselves.

The heading (`2024/25 Performance` over a 2025/26 Q1 report) is the default: last year's same
quarter. A row's own figures can overrule it:

- an annual or biennial survey (`Survey is annual and will next run …`) shows the last survey's
  result, the previous column's year;
- a previous denominator about four times the current one (`88.7% (3,912 out of 4,408)` against
  `82.8% (911 out of 1,100)`) is a whole year's;
- where the figures cannot say (a share with no counts, or with counts of a like size, as a
  position at a date has; a count about four times the current one), the row is named in a
  warning, and filed as the quarter until perfcli.toml says `previous = "year-end"` or
  `previous = "like-for-like"`.
"""

from __future__ import annotations

from enum import StrEnum

from perfcli.domain.figures import Unit
from perfcli.domain.values import ParsedValue

# A year holds four quarters; a quarter's activity varies, so "about four times" is a range.
YEAR_TO_QUARTER = (3.0, 5.5)


class Reading(StrEnum):
    QUARTER = "quarter"
    YEAR = "year"
    SURVEY = "survey"
    UNCLEAR = "unclear"


def _about_a_year(previous: float | None, current: float | None) -> bool:
    if previous is None or current is None or current <= 0:
        return False
    low, high = YEAR_TO_QUARTER
    return low <= previous / current <= high


def read_previous(current: ParsedValue | None, previous: ParsedValue | None) -> Reading:
    """Whether a quarter report's previous figure is last year's quarter, its year, or a survey."""
    if previous is None or previous.figure is None:
        return Reading.QUARTER
    said = " ".join(
        filter(None, [current.reason if current else None, current.raw if current else None])
    )
    if "survey" in said.lower():
        return Reading.SURVEY
    if current is None or current.figure is None:
        # A share is unclear with a current figure or without (a trial's ASCOF 4B, `tbc` beside
        # `95.3% (645 out of 677)`, was filed as the quarter unwarned, where its siblings were
        # warned of); a count's size, the one clue, needs the current figure.
        return Reading.UNCLEAR if previous.unit is Unit.PERCENT else Reading.QUARTER
    if _about_a_year(previous.denominator, current.denominator):
        return Reading.YEAR
    if previous.unit is Unit.PERCENT:
        return Reading.UNCLEAR
    if previous.unit is None and _about_a_year(previous.figure.value, current.figure.value):
        return Reading.UNCLEAR
    return Reading.QUARTER
