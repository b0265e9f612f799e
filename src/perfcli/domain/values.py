"""A printed figure for a period (`87.1% (1,227 out of 1,408)`, `Due June 2022`) -> its
number, counts, status, period and notes, or the reason it is missing."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple

from msgspec import Struct
from msgspec.structs import replace

from perfcli.domain.figures import (
    LEAD,
    NUMBER,
    RATE,
    SCALES,
    Figure,
    Unit,
    matched_figure,
    printed_number,
)
from perfcli.domain.period_parsing import find_periods, leading_period, parse_period
from perfcli.domain.periods import Period, PeriodKind
from perfcli.errors import PeriodError, ValueParseError

_OUT_OF = re.compile(r"\(?\s*(" + NUMBER + r")\s*(?:out of|/|of)\s*(" + NUMBER + r")\s*\)?", re.I)
_COUNT = re.compile(
    r"(?P<status>actual|forecast|provisional)?\s*(?P<n>" + NUMBER + r")\s+"
    r"(?P<label>admissions?|adm'?s|people|contacts|enquiries|visits|hours|cases)\b\.?"
    r"(?:\s+in\s+(?P<period>\S+))?",
    re.I,
)
# A figure and nothing else, as most cells hold (`48.3%`, `1,575`, `17.3k`): read without the
# general pattern's detours.
_WHOLE = r"\d{1,3}(?:,\d{3})+|\d+"  # digits, or thousands in threes: `12,900`, never `12,9`
_PLAIN = re.compile(rf"(-)?({_WHOLE})(?:\.(\d+))?(?:(%)|(k|m|bn))?", re.I)
# A number as a person writes one in a cell of its own: a point for decimals, commas only
# between thousands. Not float()'s wider language (`12,9`, `nan`, `inf`, `1_000`, `1e3`).
WRITTEN_NUMBER = re.compile(rf"[+-]?(?:{_WHOLE})(?:\.\d+)?|[+-]?\.\d+")
# A figure typed as a bare number, as a General cell shows one (`81.2`, `2600000`, `1.5E+06`):
# no unit, scale, currency or words beside it.
BARE_NUMBER = re.compile(rf"-?(?:{_WHOLE})(?:\.\d+)?(?:[eE][-+]?\d+)?")
# A mark typed for a figure not given, as the reason a report says in words: a committee
# reads "(not available)", never "(-)" or "(*)" (GSS marks: [x] not available, [c] withheld).
_NOT_AVAILABLE = "not available"
_MARKS = {
    **dict.fromkeys(("-", "–", "—", "..", "x", "[x]", "n/a", "na"), _NOT_AVAILABLE),
    **dict.fromkeys(("*", "**"), "not published"),
    **dict.fromkeys(("[c]", "c"), "withheld to protect confidentiality"),
    "[z]": "not applicable",
    "tbc": "to be confirmed",
}


# What a spreadsheet shows in a cell whose formula failed (Excel's and LibreOffice's codes).
EXCEL_ERRORS = frozenset((
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
))  # fmt: skip


# Characters that reorder the text around them (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
# U+061C): one in a workbook's cell ("Trojan Source") printed a paragraph backwards in Word.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def reorders(text: str) -> bool:
    """Whether `text` holds a direction control; most texts are ASCII, which holds none, and
    are passed over at once (a cell's text is asked as it is read)."""
    return not text.isascii() and DIRECTION_CONTROLS.search(text) is not None


def is_spreadsheet_error(text: str) -> bool:
    return text.strip().upper() in EXCEL_ERRORS


def reason_in_words(reason: str) -> str:
    """A missing figure's reason as a report says it: a mark (`-`, `*`) in words; a formula's
    error (`#DIV/0!`) is no reason a committee can read, and is said as one."""
    if is_spreadsheet_error(reason):
        return "its cell in the workbook shows an error"
    return _MARKS.get(reason.lower(), reason)


_INFINITY = math.inf  # bound once: the fast path below compares each figure with it
_BRACKETED = re.compile(r"\(\s*([£$€]?\s?\d[\d,]*(?:\.\d+)?\s*(?:%|k|m|bn)?)\s*\)", re.I)
_NO_VALUE = re.compile(r"^(?:n/?a|-|–|—|\.\.|none|tbc|not available|not applicable)$", re.I)
# A date or time where a figure belongs (`30 June 2025`, `30/06/2025`, `2025-06-30`, `12:30:00`:
# a date or time cell, or a typed `1-2` Excel turned into one): its day (or hour) is no figure,
# and was once read as 30 (or 12).
_DATE = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?(?:\s+\d{2,4})?"
    r"|\d{1,2}([/.-])\d{1,2}\1\d{2,4}(?!\d)|\d{4}-\d{2}-\d{2}(?:[ T][\d:]+)?"
    r"|\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?!\d)",  # a time of day, or a duration
    re.I,
)


class ParsedValue(Struct, frozen=True):
    """A measure's value for a period as printed, with everything the text says."""

    raw: str
    figure: Figure | None = None
    numerator: float | None = None
    denominator: float | None = None
    count: float | None = None
    count_label: str | None = None
    status: str | None = None
    period: Period | None = None
    reason: str | None = None
    note: str | None = None

    @property
    def value(self) -> float | None:
        return self.figure.value if self.figure else None

    @property
    def unit(self) -> Unit | None:
        return self.figure.unit if self.figure else None


def parse_value(text: object, *, within: Period | None = None) -> ParsedValue:
    """Parse a printed performance figure such as `87.1% (1,227 out of 1,408)`.

    Text with no leading number is a value that is missing for the reason it gives
    (`Due June 2022`). `within` is the period of the column, to place `(Apr-Nov)`.
    """
    raw = "" if text is None else str(text)
    plain = _PLAIN.fullmatch(raw)
    if plain:  # most cells: `48.3%`, `1,575`, `-2`, `17.3k`
        sign, whole, decimals, percent, scale = plain.groups()
        value = float(whole.replace(",", "") + (f".{decimals}" if decimals else ""))
        # Finite, as parse_figure reads it (400 nines make inf: the general way refuses them).
        if scale is None and value < _INFINITY:
            unit = Unit.PERCENT if percent else None
            return ParsedValue(raw, Figure(-value if sign else value, unit, len(decimals or "")))
        scale = scale.lower() if scale else ""
        value *= SCALES[scale]
        if value < _INFINITY:
            figure = Figure(-value if sign else value, None, min(len(decimals or ""), 15), scale)
            return ParsedValue(raw, figure)
    return _parse_printed(raw, within)


# A dashboard repeats its wording row after row (`per 100k Pop. Actual 60 Admissions in 23/24`,
# `Due June 2022`): what a text says is a frozen value, so each text is read once. Errors are
# not kept, and are raised again for each cell that holds them.
@lru_cache(maxsize=4096)
def _parse_printed(raw: str, within: Period | None) -> ParsedValue:
    return _read_printed(raw, within)


def _read_printed(raw: str, within: Period | None) -> ParsedValue:
    """Any printed figure, the general way."""
    cleaned = " ".join(raw.replace("\xa0", " ").split())
    if not cleaned:
        return ParsedValue(raw)
    if _NO_VALUE.match(cleaned):
        return ParsedValue(raw, reason=reason_in_words(cleaned))
    bracketed = _BRACKETED.fullmatch(cleaned)
    if bracketed:  # `(1,234)`: a negative figure as accounts print it (Excel's `#,##0;(#,##0)`)
        inner = bracketed.group(1)
        inside = LEAD.match(inner)
        if inside:
            figure, rest = matched_figure(inside, inner, raw)
            if not rest:
                return ParsedValue(raw, replace(figure, value=-figure.value))
    lead = LEAD.match(cleaned)
    if not lead:
        return ParsedValue(raw, reason=reason_in_words(cleaned))
    date = _DATE.match(cleaned)
    if date:
        what = "a time" if ":" in date[0] and "-" not in date[0] else "a date"
        raise ValueParseError(
            raw, f"it starts with {what} ({date[0]}), not a figure",
            hint=f"type the figure; {what} cell may be a typed figure Excel turned into {what}",
        )  # fmt: skip
    first = leading_period(cleaned, within=within)
    if first is not None:  # `2023/24 81.2%` is 81.2% for 2023/24, not 2023
        phrase, after = first
        if not LEAD.match(after):
            return ParsedValue(raw, reason=reason_in_words(cleaned))
        return replace(_read_printed(f"{after} {phrase}", within), raw=raw)
    figure, rest = matched_figure(lead, cleaned, cleaned)
    if not rest:  # most cells: a number and nothing else
        return ParsedValue(raw, figure)
    words = _words(rest, within, raw)
    if words.rate and figure.unit is None:
        figure = figure.as_rate()
    return ParsedValue(
        raw,
        figure,
        numerator=words.numerator,
        denominator=words.denominator,
        count=words.counted,
        count_label=words.count_label,
        status=words.status,
        period=words.period,
        note=words.note,
    )


class _Words(NamedTuple):
    """What a figure's words say: whether it is a rate, its counts, status, period and notes."""

    rate: bool
    numerator: float | None
    denominator: float | None
    counted: float | None  # the count (`count` is a tuple's method)
    count_label: str | None
    status: str | None
    period: Period | None
    note: str | None


def _words(rest: str, within: Period | None, raw: str) -> _Words:
    """What the words after a figure say; an error in them names the whole text, `raw`."""
    try:
        return _known_words(rest, within)
    except ValueParseError:
        return _read_words(rest, within, raw)  # again, to name the whole text


# A column's words repeat while its figures change (`per 100k Pop. Actual 51 Admissions in
# 23/24`, `(Apr-Nov)`): each text of words is read once (12 µs a figure -> 3).
@lru_cache(maxsize=4096)
def _known_words(rest: str, within: Period | None) -> _Words:
    return _read_words(rest, within, rest)


def _read_words(rest: str, within: Period | None, raw: str) -> _Words:
    found = _Extras()
    rest = _take_rate(rest, found)
    rest = _take_out_of(rest, found)
    rest = _take_count(rest, found, within)
    rest, period, notes = _take_period_and_notes(rest, within, raw)
    if period is None and notes:
        period = _period_in_note(notes, within)
    if found.count_period is not None and period is None:
        period = found.count_period
    note = "; ".join(notes) if notes else None
    return _Words(
        found.rate, found.numerator, found.denominator, found.count, found.count_label,
        found.status, period, note,
    )  # fmt: skip


class _Extras(Struct):
    """What a figure's text says besides the number: its rate, counts, status and period."""

    rate: bool = False
    numerator: float | None = None
    denominator: float | None = None
    count: float | None = None
    count_label: str | None = None
    status: str | None = None
    count_period: Period | None = None


def _take_rate(rest: str, found: _Extras) -> str:
    match = RATE.search(rest)
    if match:
        found.rate = True
        rest = (rest[: match.start()] + rest[match.end() :]).strip()
    return rest


def _take_out_of(rest: str, found: _Extras) -> str:
    match = _OUT_OF.search(rest)
    if match and find_periods(match.group(0)):
        return rest
    if match and (match.group(0).strip().startswith("(") or match.start() == 0):
        found.numerator = printed_number(match.group(1))
        found.denominator = printed_number(match.group(2))
        rest = (rest[: match.start()] + rest[match.end() :]).strip()
    return rest


def _take_count(rest: str, found: _Extras, within: Period | None) -> str:
    match = _COUNT.search(rest)
    if not match:
        return rest
    found.count = printed_number(match.group("n"))
    label = match.group("label").lower()
    found.count_label = "admissions" if label.startswith("adm") else label
    if match.group("status"):
        found.status = match.group("status").lower()
    if match.group("period"):
        try:
            found.count_period = parse_period(match.group("period"), within=within)
        except PeriodError as error:
            raise ValueParseError(match.group(0), error.reason, hint=error.hint) from None
    before, after = rest[: match.start()], rest[match.end() :]
    if before.rstrip().endswith("(") and after.lstrip().startswith(")"):
        before, after = before.rstrip()[:-1], after.lstrip()[1:]
    return (before + " " + after).strip()


def _take_period_and_notes(
    rest: str, within: Period | None, raw: str
) -> tuple[str, Period | None, list[str]]:
    period: Period | None = None
    notes: list[str] = []
    for group in re.findall(r"\(([^()]*)\)", rest):
        inner = group.strip()
        candidate = _whole_period(inner, within, raw)
        if candidate is not None and period is None:
            period = candidate
        elif inner:
            notes.append(inner)
    rest = re.sub(r"\([^()]*\)", " ", rest).strip(" .;,")
    if rest:
        candidate = _whole_period(rest, within, raw)
        if candidate is not None and period is None:
            period = candidate
        else:
            notes.append(rest)
    return rest, period, notes


def _whole_period(text: str, within: Period | None, raw: str) -> Period | None:
    """The period `text` names, if it is nothing but a period phrase."""
    try:
        return parse_period(text, within=within)
    except PeriodError as error:
        matches = find_periods(text, within=within)
        if len(matches) == 1 and matches[0].text.lower() == text.strip(" .").lower():
            raise ValueParseError(raw, error.reason) from None
        return None


def _period_in_note(notes: list[str], within: Period | None) -> Period | None:
    for note in notes:
        periods = [m.period for m in find_periods(note, within=within) if m.period is not None]
        if len(periods) == 1 and periods[0].kind is PeriodKind.SNAPSHOT:
            return periods[0]
    return None
