"""Printed figures and comparators -> numbers, units, periods and reasons (pure functions)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from perfcli.domain.periods import Period, PeriodKind, find_periods, parse_period
from perfcli.errors import PeriodError, ValueParseError


class Unit(StrEnum):
    PERCENT = "percent"
    COUNT = "count"
    RATE_PER_100K = "rate_per_100k"
    CURRENCY = "currency"
    HOURS = "hours"
    RATIO = "ratio"
    NUMBER = "number"


SCALES = {"": 1.0, "k": 1e3, "m": 1e6, "bn": 1e9}
_CURRENCY = {"£": "GBP", "$": "USD", "€": "EUR"}
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_LEAD = re.compile(
    r"(?P<sign>[-\u2212])?\s*(?P<cur>[£$€])?\s*(?P<sign2>[-\u2212])?\s*(?P<num>"
    + _NUMBER
    # Scientific notation, as R and Excel's CSV export write big and small numbers: 1.5E+06.
    + r")(?:[eE](?P<exp>[-+]?\d{1,6})(?!\d))?"
    + r"(?P<scale>\s*(?:bn|k|m)(?![a-z]))?(?:\s*(?P<pct>%))?",
    re.I,
)
_OUT_OF = re.compile(r"\(?\s*(" + _NUMBER + r")\s*(?:out of|/|of)\s*(" + _NUMBER + r")\s*\)?", re.I)
_RATE = re.compile(r"per\s*(?:100\s*k|100,000|100000)(?:\s*pop(?:ulation)?\.?)?", re.I)
_COUNT = re.compile(
    r"(?P<status>actual|forecast|provisional)?\s*(?P<n>" + _NUMBER + r")\s+"
    r"(?P<label>admissions?|adm'?s|people|contacts|enquiries|visits|hours|cases)\b\.?"
    r"(?:\s+in\s+(?P<period>\S+))?",
    re.I,
)
# A figure and nothing else, as most cells hold (`48.3%`, `1,575`, `17.3k`): read without the
# general pattern's detours.
_PLAIN = re.compile(r"(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:(%)|(k|m|bn))?", re.I)
_NO_VALUE = re.compile(r"^(?:n/?a|-|–|—|\.\.|none|tbc|not available|not applicable)$", re.I)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


@dataclass(frozen=True)
class Figure:
    """A number as printed: its value in the reader's unit and how it was written."""

    value: float
    unit: Unit | None = None
    decimals: int = 0
    scale: str = ""
    currency: str | None = None

    def as_rate(self) -> Figure:
        """The figure as a rate per 100,000 (the words after it said so)."""
        return Figure(self.value, Unit.RATE_PER_100K, self.decimals, self.scale, self.currency)

    def text(self, unit: Unit | None = None) -> str:
        """Print the figure as a dashboard would, e.g. `17.3k`, `49.2%`, `£21.57bn`."""
        return _printed(self.value, self.unit or unit, self.decimals, self.scale, self.currency)


SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€"}


# Bound once: a member looked up on its enum costs ~75 ns, and rating prints two figures a
# measure. A format spec per number of decimals, made once, as is the sign's.
_PERCENT, _CURRENCY_UNIT, _RATE_UNIT = Unit.PERCENT, Unit.CURRENCY, Unit.RATE_PER_100K
_SPECS = {places: f",.{places}f" for places in range(16)}


def _printed(
    value: float, unit: Unit | None, decimals: int, scale: str, currency: str | None
) -> str:
    shown = value / SCALES[scale] if scale else value
    body = format(abs(shown), _SPECS.get(decimals) or f",.{decimals}f")
    sign = "-" if shown < 0 and float(body.replace(",", "")) != 0 else ""
    symbol = SYMBOLS.get(currency, "") if currency else ""
    if unit is _CURRENCY_UNIT and not symbol:
        symbol = "£"
    text = sign + symbol + body + scale
    return text + "%" if unit is _PERCENT else text


def figure_text(
    value: float,
    unit: Unit | None,
    decimals: int | None = None,
    scale: str = "",
    currency: str | None = None,
    *,
    long: bool = False,
) -> str:
    """A figure as perfcli writes it everywhere: `86.3%`, `1,575`, `17.3k`, `13.7 per 100k`.

    `long` spells a rate out for prose (`13.7 per 100,000`); reasons and tables keep it short.
    Without `decimals`, whole numbers print whole and others to one place.
    """
    if decimals is None:
        decimals = 0 if value == int(value) else 1
    shown = _printed(value, unit, decimals, scale, currency)
    if unit is _RATE_UNIT:
        return shown + (" per 100,000" if long else " per 100k")
    return shown


@dataclass(frozen=True)
class ParsedValue:
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


def parse_figure(text: str) -> tuple[Figure, str]:
    """Read a leading number with its sign, currency, scale and percent; return the rest."""
    stripped = text.strip()
    match = _LEAD.match(stripped)
    if not match:
        raise ValueParseError(text, "it does not start with a number")
    return _figure(match, stripped, text)


def _figure(match: re.Match[str], stripped: str, text: str) -> tuple[Figure, str]:
    """The figure that `match` (`_LEAD` at the start of `stripped`, `text` stripped) reads, and
    the rest: for a caller that has matched already, so the text is not matched twice."""
    # The groups taken at once, in _LEAD's order (by name, one at a time: 0.7 µs more).
    sign, cur, sign2, num, exp, scaled, pct = match.groups()
    scale = scaled.strip().lower() if scaled else ""
    exponent = int(exp) if exp else 0
    value = _number(num + (f"e{exponent}" if exponent else "")) * SCALES[scale]
    value = -value if sign or sign2 else value
    if not math.isfinite(value):
        raise ValueParseError(text, "the number is too large to be a figure")
    currency = _CURRENCY.get(cur) if cur else None
    unit = _PERCENT if pct else (_CURRENCY_UNIT if currency else None)
    after = stripped[match.end() :]
    rest = after.strip()
    if (
        after[:1].isdigit()
        or after[:1] in {".", ",", "%", "£", "$", "€"}
        or (rest[:1].isdigit() and not _starts_with_period(rest))  # `12 34`, but `12 22/23 …`
    ):
        comma = re.match(r"[£$€]?\d+,\d{1,2}(?!\d)", stripped)  # `89,6%`: a decimal comma
        hint = f"write decimals with a point: {comma.group(0).replace(',', '.')}" if comma else None
        raise ValueParseError(text, f"unexpected {rest[:8]!r} after the number", hint=hint)
    # 1.5E+06 is printed whole; 1e-3 with three decimals (never more than a float holds).
    decimals = min(max(_decimals(num) - exponent, 0), 15)
    figure = Figure(value, unit, decimals, scale, currency)
    return figure, rest


# A comparator's words after its figure repeat on every row (`22/23 Nat. Ave.`).
@lru_cache(maxsize=1024)
def _starts_with_period(text: str) -> bool:
    found = find_periods(text)
    return bool(found) and text.lower().startswith(found[0].text.lower())


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
        if scale is None:
            unit = Unit.PERCENT if percent else None
            return ParsedValue(raw, Figure(-value if sign else value, unit, len(decimals or "")))
        scale = scale.lower()
        value *= SCALES[scale]
        if math.isfinite(value):  # as parse_figure reads it; the general way refuses the rest
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
        return ParsedValue(raw, reason=cleaned)
    lead = _LEAD.match(cleaned)
    if not lead:
        return ParsedValue(raw, reason=cleaned)
    figure, rest = _figure(lead, cleaned, cleaned)
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


@dataclass
class _Extras:
    """What a figure's text says besides the number: its rate, counts, status and period."""

    rate: bool = False
    numerator: float | None = None
    denominator: float | None = None
    count: float | None = None
    count_label: str | None = None
    status: str | None = None
    count_period: Period | None = None


def _take_rate(rest: str, found: _Extras) -> str:
    match = _RATE.search(rest)
    if match:
        found.rate = True
        rest = (rest[: match.start()] + rest[match.end() :]).strip()
    return rest


def _take_out_of(rest: str, found: _Extras) -> str:
    match = _OUT_OF.search(rest)
    if match and find_periods(match.group(0)):
        return rest
    if match and (match.group(0).strip().startswith("(") or match.start() == 0):
        found.numerator = _number(match.group(1))
        found.denominator = _number(match.group(2))
        rest = (rest[: match.start()] + rest[match.end() :]).strip()
    return rest


def _take_count(rest: str, found: _Extras, within: Period | None) -> str:
    match = _COUNT.search(rest)
    if not match:
        return rest
    found.count = _number(match.group("n"))
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


# Comparators ------------------------------------------------------------------------------


class ComparatorKind(StrEnum):
    NATIONAL_AVERAGE = "national_average"
    TARGET = "target"
    MILESTONE = "milestone"
    BAND = "band"
    THRESHOLD = "threshold"
    INFO = "info"
    UNAVAILABLE = "unavailable"
    TEXT = "text"


@dataclass(frozen=True)
class ParsedComparator:
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
    r"(?P<low>[£]?(?:" + _NUMBER + r")(?:\s*(?:k|m|bn))?)\s*(?P<lp>%)?\s*(?:-|–|—|to)\s*"
    r"(?P<high>[£]?(?:" + _NUMBER + r")(?:\s*(?:k|m|bn))?)\s*(?P<hp>%)?",
    re.I,
)
_SEPARATED = re.compile(r"-|–|—|to", re.I)  # _BAND's separators
_OP = re.compile(r"(<=|>=|<|>|≤|≥)\s*")
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
    op_match = _OP.match(cleaned)
    op = _OPS[op_match.group(1)] if op_match else None
    body = cleaned[op_match.end() :] if op_match else cleaned
    # A band needs its two ends' separator: most comparators have none, and _BAND takes 0.9 µs
    # to say so.
    band = _BAND.match(body) if _SEPARATED.search(body) else None
    if band and op is None and not _years_first(body):
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
    lead = _LEAD.match(body)
    if lead:
        figure, rest = _figure(lead, body, body)
        period, label, count = _comparator_tail(rest, within, raw)
        if figure.unit is None and _RATE.search(rest):
            figure = figure.as_rate()
        kind = _comparator_kind(label or "", op)
        return ParsedComparator(
            raw, kind, figure=figure, op=op, period=period, label=label, count=count
        )
    if _UNAVAILABLE.search(cleaned):
        period = _first_period(cleaned, within, raw)
        return ParsedComparator(raw, ComparatorKind.UNAVAILABLE, period=period, reason=cleaned)
    return ParsedComparator(
        raw, ComparatorKind.TEXT, reason=f"{cleaned!r} is not a figure to rate against"
    )


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
    count_match = re.search(r"\(?\s*(" + _NUMBER + r")\s*adm(?:ission)?'?s?\.?\s*\)?", rest, re.I)
    if count_match:
        count = _number(count_match.group(1))
        rest = (rest[: count_match.start()] + rest[count_match.end() :]).strip()
    rest = _RATE.sub("", rest).strip()
    period = _first_period(rest, within, raw)
    label = rest.strip(" .") or None
    return period, label, count


def _first_period(text: str, within: Period | None, raw: str) -> Period | None:
    matches = find_periods(text, within=within)
    for match in matches:
        if match.error is not None:
            raise ValueParseError(raw, match.error.reason, hint=match.error.hint)
    periods = [m.period for m in matches if m.period is not None]
    if not periods:
        return None
    if "academic" in text.lower():
        for p in periods:
            if p.kind is PeriodKind.FINANCIAL_YEAR:
                return Period.academic_year(p.start.year)
    return periods[0]


# Units ------------------------------------------------------------------------------------


def infer_unit(description: str, *figures: Figure | None) -> Unit:
    """The unit a measure is in, from what its figures and description say."""
    for figure in figures:
        if figure is not None and figure.unit is not None:
            return figure.unit
    lower = description.lower()
    if _RATE.search(lower):
        return Unit.RATE_PER_100K  # `Rate of admissions per 100,000 population` is no percentage
    if (
        "%" in description
        or "percentage" in lower
        or "proportion" in lower
        or "rate" in lower.split()
    ):
        return Unit.PERCENT
    if "£" in description or "spend" in lower or "cost" in lower:
        return Unit.CURRENCY
    if "hours" in lower:
        return Unit.HOURS
    return Unit.COUNT


_RATIO = re.compile(
    r"\b(?:excess|ratio|index|change|increase|decrease|growth|compared|relative|standardised"
    r"|standardized|of (?:the )?(?:expected|national|average|baseline))\b",
    re.I,
)


def is_ratio(description: str) -> bool:
    """`Excess under 75 mortality in adults with serious mental illness`: a percentage that
    compares two figures (423% is real), not a share of a whole, which cannot pass 100%."""
    return bool(_RATIO.search(description))


def percent_matches(value: float, numerator: float, denominator: float, decimals: int) -> bool:
    """Whether numerator/denominator gives the printed percentage to its printed precision."""
    if denominator == 0:
        return False
    exact = numerator / denominator * 100
    step = 10**-decimals
    return math.isclose(exact, value, abs_tol=step / 2 + 1e-9)
