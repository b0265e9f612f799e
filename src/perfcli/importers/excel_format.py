"""Render a cell's value as Excel shows it, from its number format (`0.0%`, `#,##0.0,"k"`)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from functools import lru_cache

from msgspec import Struct

_DATE_CODES = re.compile(r"[dmyhs]", re.I)
# Digits enough for any float (up to 1.8e308) with Excel's 30 decimals: quantize never overflows.
_DIGITS = Context(prec=400, rounding=ROUND_HALF_UP)
# What Excel shows for a number it cannot hold (a file saying NaN or INF): text, not a figure.
NOT_A_NUMBER = "#NUM!"


def render(value: object, number_format: str | None) -> str:
    """The text a reader sees in the cell."""
    kind = type(value)
    if kind is float or kind is int:  # most values: no chain of isinstance tests
        return format_number(float(value), number_format or "General")  # type: ignore[arg-type]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return f"{value.day} {value:%B %Y}"
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, int | float):
        return format_number(float(value), number_format or "General")
    return str(value)


def _general(value: float) -> str:
    if not math.isfinite(value):
        return NOT_A_NUMBER
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


def _split_sections(fmt: str) -> list[str]:
    sections: list[str] = []
    current: list[str] = []
    quoted = False
    for char in fmt:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
    sections.append("".join(current))
    return sections


class _Section(Struct, frozen=True):
    """One section of a number format, parsed once: how to turn a number into its text."""

    prefix: str
    suffix: str
    multiplier: int  # 100 for each %
    divisor: int  # 1000 for each trailing comma
    quantum: Decimal
    spec: str  # the format() spec: decimals, and thousands separators
    leading_zero: bool
    # A scientific format's exponent: `+` or `-` (Excel's E+ and E-), and its fewest digits.
    exponent: tuple[str, int] | None = None


@lru_cache(maxsize=512)
def _plan(fmt: str) -> tuple[_Section | None, _Section | None]:
    """The positive and the negative section of a format; None where Excel's General applies
    (or no negative section)."""
    sections = _split_sections(fmt)
    negative = _section(sections[1]) if len(sections) > 1 and sections[1].strip() else None
    if len(sections) > 1 and sections[1].strip() and negative is None:
        negative = _GENERAL
    return _section(sections[0]), negative


# `0.0E+00`: one integer digit, its decimals, and the exponent's sign and fewest digits.
_SCIENTIFIC = re.compile(r"0(?:\.(0+))?[eE]([+-])(0+)")


def _section(section: str) -> _Section | None:
    if section.strip().lower() in ("general", "") or section.strip() == "@":
        return None
    scientific = _SCIENTIFIC.fullmatch(section.strip())
    if scientific is not None:
        decimals = len(scientific[1] or "")
        return _Section("", "", 1, 1, Decimal(1).scaleb(-decimals), f".{decimals}E", True,
                        (scientific[2], len(scientific[3])))  # fmt: skip
    tokens = _tokens(section)
    if tokens is None:
        return None
    prefix, pattern, suffix = tokens
    if _DATE_CODES.search(pattern):
        return None
    digits = pattern.rstrip(",")
    integer, _, fraction = digits.partition(".")
    decimals = min(sum(1 for c in fraction if c in "0#?"), 30)  # Excel shows at most 30
    return _Section(
        prefix,
        suffix,
        multiplier=100 ** (prefix + suffix).count("%"),
        divisor=1000 ** (len(pattern) - len(digits)),
        quantum=Decimal(1).scaleb(-decimals),
        spec=f"{',' if ',' in integer else ''}.{decimals}f",
        leading_zero=integer.count("0") > 0,
    )


# A negative section that is there but unreadable: the number shows as General, sign dropped.
_GENERAL = _Section("", "", 0, 0, Decimal(0), "", True)


def format_number(value: float, fmt: str) -> str:
    """Format a number with an Excel number format; unknown formats fall back to General."""
    section, negative_section = _plan(fmt)
    negative = value < 0
    if negative and negative_section is not None:
        section, value, negative = negative_section, -value, False
        if section is _GENERAL:
            return _general(value)
    if section is None:
        return _general(value)
    number = abs(value) * section.multiplier / section.divisor
    if not math.isfinite(number):
        return NOT_A_NUMBER
    if section.exponent is not None:
        return ("-" if negative else "") + _scientific(number, section.spec, *section.exponent)
    # The context passed by position: by keyword, quantize takes four times as long.
    rounded = Decimal(repr(number)).quantize(section.quantum, None, _DIGITS)
    text = format(rounded, section.spec)
    if not section.leading_zero and text.startswith("0") and "." in text:
        text = text[1:]
    sign = "-" if negative and rounded != 0 else ""
    return f"{sign}{section.prefix}{text}{section.suffix}"


def _scientific(number: float, spec: str, sign: str, digits: int) -> str:
    """`1.5E+06` as Excel shows 1,500,000 in `0.0E+00` (`E-` shows no sign on a positive
    exponent)."""
    if number == 0:
        mantissa, power = format(0, spec.replace("E", "f")), 0
    else:
        with localcontext(_DIGITS):  # half away from zero, as Excel rounds (2.5E+6 is 3E+6)
            mantissa, _, exponent = format(Decimal(repr(number)), spec).partition("E")
        power = int(exponent)
    shown = "-" if power < 0 else ("+" if sign == "+" else "")
    return f"{mantissa}E{shown}{abs(power):0{digits}d}"


def _tokens(section: str) -> tuple[str, str, str] | None:
    """Split a format section into literal prefix, numeric pattern and literal suffix."""
    parts: dict[str, list[str]] = {"prefix": [], "pattern": [], "suffix": []}
    state = "prefix"
    i = 0
    while i < len(section):
        char = section[i]
        literal_to = "prefix" if state == "prefix" else "suffix"
        if char == '"':
            end = section.find('"', i + 1)
            if end == -1:
                return None
            parts[literal_to].append(section[i + 1 : end])
            i = end + 1
        elif char == "\\" and i + 1 < len(section):
            parts[literal_to].append(section[i + 1])
            i += 2
        elif char == "[":
            end = section.find("]", i)
            if end == -1:
                return None
            inner = section[i + 1 : end]
            if inner.startswith("$"):
                parts[literal_to].append(inner[1:].split("-")[0])
            i = end + 1
        elif char in "_*":
            i += 2
        elif char in "eE" and state != "prefix":
            return None
        elif char in "0#?." or (char == "," and state == "pattern"):
            if state == "suffix":
                return None
            state = "pattern"
            parts["pattern"].append(char)
            i += 1
        else:
            if state == "pattern":
                state = "suffix"
            parts[literal_to if state != "pattern" else "suffix"].append(char)
            i += 1
    if not parts["pattern"]:
        return None
    return "".join(parts["prefix"]), "".join(parts["pattern"]), "".join(parts["suffix"])
