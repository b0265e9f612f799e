"""A number as printed (`48.3%`, `£1.2m`, `17.3k`): read from the start of a text, printed
back, and the unit a measure is in."""

from __future__ import annotations

import math
import re
from enum import StrEnum
from functools import lru_cache

from msgspec import Struct

from perfcli.domain.period_parsing import find_periods
from perfcli.errors import ValueParseError


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
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
LEAD = re.compile(
    r"(?P<sign>[-\u2212])?\s*(?P<cur>[£$€])?\s*(?P<sign2>[-\u2212])?\s*(?P<num>"
    + NUMBER
    # Scientific notation, as R and Excel's CSV export write big and small numbers: 1.5E+06.
    + r")(?:[eE](?P<exp>[-+]?\d{1,6})(?!\d))?"
    # A scale as printed (`17.3k`, `£5.2m`, `1.1bn`) or in words (`1.2 million`).
    + r"(?P<scale>\s*(?:bn|k|m|thousands?|millions?|billions?)(?![a-z]))?(?:\s*(?P<pct>%))?",
    re.I,
)
# A scale in words is the one printed: `1,006.6 thousand` is 1,006.6k.
_SCALE_WORDS = {"thousand": "k", "thousands": "k", "million": "m", "millions": "m",
                "billion": "bn", "billions": "bn"}  # fmt: skip
# What reads as a scale but is none perfcli takes (`615.1 kk`, `615.1 (k)`, `1.2 mil`, `3
# thousand million`): refused, as words after the figure would drop it (615.1 for 615,100).
_SCALE_LIKE = re.compile(
    r"\(?(?:k+|m+|mn|mil|mill|bn|b|thousands?|millions?|billions?)\)?(?![\w£$€%])", re.I
)
RATE = re.compile(r"(?:per|/)\s*(?:100\s*k|100,000|100000)(?:\s*pop(?:ulation)?\.?)?", re.I)
# A second number after a figure's, joined by a slash, a dash, `to` or `and` (`1,227/1,408`,
# `55-60%`, `10 to 12`, `1,200 up to 1,300`); `to 31 March 2024` is a date, not a number.
_JOINED_NUMBER = re.compile(
    r"(?:[/\-\u2010-\u2015\u2212]|(?:(?:up\s+)?to|and)\s(?!\s*\d{1,2}(?:st|nd|rd|th)?\s*[a-z]))"
    r"\s*[£$€]?\.?\d",
    re.I,
)


def printed_number(text: str) -> float:
    return float(text.replace(",", ""))


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


class Figure(Struct, frozen=True):
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


def half_up(number: float, decimals: int) -> str:
    """`number` (not negative) to `decimals` places with thousands' commas, a half rounded up
    as Excel shows it: 82.85 is 82.9 and 2.5 is 3, where Python's format gives 82.8 (the
    float is a shade under) and 2 (a half to even). Only a number within a hair of a half
    takes the slower exact path, which reads the number as its shortest decimal form."""
    spec = _SPECS.get(decimals) or f",.{decimals}f"
    if (
        decimals >= len(_POWERS)
        or not math.isfinite(number)
        or abs(number * _POWERS[decimals] % 1.0 - 0.5) > 1e-6
    ):
        return format(number, spec)
    from decimal import ROUND_HALF_UP, Context, Decimal

    # Enough digits for any float's places (the default 28 refuse 1e+26 to two places).
    exact = Decimal(repr(number)).quantize(
        Decimal(1).scaleb(-decimals), ROUND_HALF_UP, Context(prec=_EXACT_DIGITS)
    )
    return format(exact, spec)


_POWERS = [10.0**places for places in range(16)]
_EXACT_DIGITS = 800


def _printed(
    value: float, unit: Unit | None, decimals: int, scale: str, currency: str | None
) -> str:
    shown = value / SCALES[scale] if scale else value
    body = half_up(abs(shown), decimals)
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


def places_for(value: float, usual: int = 0) -> int:
    """The decimal places a number given bare (an owner's figure or forecast) is printed to:
    all those it has, and at least the `usual` places of the measure's own figures, so that an
    owner's 78.0 reads `78.0%` beside a dashboard's `81.0%`, never `78%`."""
    return max(_decimals(f"{value:.10f}".rstrip("0").rstrip(".")), usual)


def parse_figure(text: str) -> tuple[Figure, str]:
    """Read a leading number with its sign, currency, scale and percent; return the rest."""
    stripped = text.strip()
    match = LEAD.match(stripped)
    if not match:
        raise ValueParseError(text, "it does not start with a number")
    return matched_figure(match, stripped, text)


def matched_figure(match: re.Match[str], stripped: str, text: str) -> tuple[Figure, str]:
    """The figure that `match` (`LEAD` at the start of `stripped`, `text` stripped) reads, and
    the rest: for a caller that has matched already, so the text is not matched twice."""
    # The groups taken at once, in LEAD's order (by name, one at a time: 0.7 µs more).
    sign, cur, sign2, num, exp, scaled, pct = match.groups()
    scale = scaled.strip().lower() if scaled else ""
    scale = _SCALE_WORDS.get(scale, scale)
    exponent = int(exp) if exp else 0
    value = printed_number(num + (f"e{exponent}" if exponent else "")) * SCALES[scale]
    value = -value if sign or sign2 else value
    if not math.isfinite(value):
        raise ValueParseError(text, "the number is too large to be a figure")
    currency = _CURRENCY.get(cur) if cur else None
    unit = _PERCENT if pct else (_CURRENCY_UNIT if currency else None)
    after = stripped[match.end() :]
    rest = after.strip()
    refuse_joined(stripped, match.end(), text)
    if _SIGN_AFTER.fullmatch(rest):
        # A trial: `1,234-` (a negative as some ledgers print it) was read as 1,234, unwarned;
        # `5/`, `5:` as 5.
        minus = rest[0] in "-–—"
        raise ValueParseError(
            text, f"unexpected {rest!r} after the number"
            + (": a minus after a figure, as some ledgers print a negative one" if minus else ""),
            hint="write a negative figure with its minus first, -1,234, or in brackets, (1,234)"
            if minus else "correct the figure",
        )  # fmt: skip
    if _JOINED_NUMBER.match(rest) and not RATE.match(rest):
        joined = " ".join(rest.split()[:3])[:16]
        raise ValueParseError(
            text, f"unexpected {joined!r} after the number: a second number joined to it",
            hint="give one figure; counts go in brackets after it, as 87.1% (1,227 out of 1,408)"
            if rest[0] == "/" else "give one figure; a band is a comparator's, as 55% - 60%",
        )  # fmt: skip
    if rest and _SCALE_LIKE.match(rest):
        raise ValueParseError(
            text, f"unexpected {rest.split()[0][:12]!r} after the number: a scale perfcli does not read",
            hint="write the scale as a dashboard prints it: 615.1k, 1.2m, 1.1bn, or 1.2 million",
        )  # fmt: skip
    if (
        after[:1].isdigit()
        or after[:1] in {".", ",", "%", "£", "$", "€"}
        or (rest[:1].isdigit() and not _starts_with_period(rest))  # `12 34`, but `12 22/23 …`
    ):
        comma = re.match(r"[£$€]?\d+,\d{1,2}(?!\d)", stripped)  # `89,6%`: a decimal comma
        hint = f"write decimals with a point: {comma.group(0).replace(',', '.')}" if comma else None
        if rest[:1] in _FOOTNOTE_MARKS:  # `50.1k¹`: a footnote's mark, read where it belongs
            hint = "put the footnote mark on the measure's code or description, not its figure"
        raise ValueParseError(text, f"unexpected {rest[:8]!r} after the number", hint=hint)
    decimals = min(max(_decimals(num) - exponent, 0), 15)  # 1e-3: three places
    if exponent >= 3 and not scale:
        # 1.2E+06 says two figures, not 1,200,000: it is 1.2m, as a dashboard prints one.
        scale, power = next((s, p) for s, p in _SCALE_POWERS if exponent >= p)
        decimals = min(max(_decimals(num) - (exponent - power), 0), 15)
    figure = Figure(value, unit, decimals, scale, currency)
    return figure, rest


def refuse_joined(text: str, end: int, raw: str) -> None:
    """A figure's number, ending at `end` of `text`, must end where its words begin: a letter
    or a second `%` joined to it is a slip, never its words (`615.1kk`, `8l3.3k` with an l for
    a 1, `Local target 545.3kk`, `55% - 60%%`), which had been read as 615.1, 8 and 545.3."""
    end = len(text[:end].rstrip())  # a match may take the space after its number
    joined = text[end : end + 1]
    if joined.isalpha() or joined == "%":
        raise ValueParseError(
            raw, f"unexpected {text[end:].split()[0][:12]!r} joined to the number",
            hint="correct the figure; words after a figure are written after a space",
        )  # fmt: skip


_FOOTNOTE_MARKS = frozenset("¹²³⁴⁵⁶⁷⁸⁹⁰")
# Nothing after a figure but a minus, a stroke or a colon: a slip, never words (`1,234-`, `5/`);
# `100k+` is at least 100k, its `+` a note.
_SIGN_AFTER = re.compile(r"[-–—/:]+")
# The scale a number in scientific notation is printed in, by its exponent: 1.2E+06 is 1.2m.
_SCALE_POWERS = (("bn", 9), ("m", 6), ("k", 3))


# A comparator's words after its figure repeat on every row (`22/23 Nat. Ave.`).
@lru_cache(maxsize=1024)
def _starts_with_period(text: str) -> bool:
    found = find_periods(text)
    return bool(found) and text.lower().startswith(found[0].text.lower())


def infer_unit(description: str, *figures: Figure | None, compared: Unit | None = None) -> Unit:
    """The unit a measure is in, from what its figures say; where each was typed bare (`32.7`),
    from what its description names (`Number of visits`, `% of …`), else from what it is
    compared with (`25.5% 23/24 Nat. Ave` for ASCOF 3D's `Adults … receiving direct payments`,
    `compared`); else a count."""
    for figure in figures:
        if figure is not None and figure.unit is not None:
            return figure.unit
    named = _named_unit(description)
    if named is not None:
        return named
    return compared or Unit.COUNT


def _named_unit(description: str) -> Unit | None:
    """The unit a description's own words name, if any."""
    lower = description.lower()
    if RATE.search(lower):
        return Unit.RATE_PER_100K  # `Rate of admissions per 100,000 population` is no percentage
    if _PER_OTHER.search(lower):
        return Unit.NUMBER  # `Rate per 1,000 adults`: a rate, on a base a percentage is not
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
    if _SCORE.search(lower):
        return Unit.NUMBER  # `Quality of life score`: a number on a scale, not a count of events
    if _PER_HEAD.search(lower) or _MEASURED.search(lower):
        # A trial's compendium: `Bus passenger journeys per head` (18.4) and `Per capita CO2
        # emissions (tonnes)` (4.9) were counts, and their decimals warned as a count's.
        return Unit.NUMBER
    if _COUNTED.search(lower):
        return Unit.COUNT
    return None


_COUNTED = re.compile(r"\b(?:number|count|total) of\b")


_SCORE = re.compile(r"\b(?:score|index|average|mean)\b")
_PER_HEAD = re.compile(r"\bper\s+(?:head|capita|person|resident|household|employee|fte)\b")
_MEASURED = re.compile(r"\b(?:tonnes?|tonnage|kg|kilo(?:gram)?s?|km|kilometres?|miles|minutes)\b")
_PER_OTHER = re.compile(r"\bper\s*(?:1,?000|10,?000|1\s*k|10\s*k|thousand|ten thousand)\b")


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
