"""The figures in a drafted sentence, as printed, and whether each traces to a known value."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

_FIGURE = re.compile(
    r"(?<![\w./£$€,-])([£$€]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
    r"(?:(k|m|bn)\b| (million|billion)\b)?(?![\w/-]|\.\d)"
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_SCALE = {"k": 1e3, "m": 1e6, "bn": 1e9, "million": 1e6, "billion": 1e9}


class Printed(NamedTuple):
    """A figure as printed, its value, and how far it may be from the value it rounds."""

    shown: str
    value: float
    slack: float
    bare: bool  # a whole number with no currency, scale or per cent: it may count something
    end: int  # where it ends in the text


@lru_cache(maxsize=8192)
def numbers_in(text: str) -> tuple[Printed, ...]:
    """Each figure in `text`, years and days of a month left out. Kept by the text: each of
    the proof-reading's rules reads a paragraph's figures (2,000 measures: 20,000 reads)."""
    found = []
    for m in _FIGURE.finditer(text):
        currency, whole, decimals, scale = m.group(1, 2, 3, 4)
        scale = scale or m.group(5)
        digits = whole.replace(",", "")
        if decimals or scale:
            factor = _SCALE[scale] if scale else 1.0
            step = 10.0 ** -len(decimals or "") * factor
            value = float(f"{digits}.{decimals or 0}") * factor
        else:
            value = float(digits)
            if 1990 <= value <= 2100 or (value <= 31 and _dated(text, m.start(), m.end())):
                continue  # a year or a date
            zeros = len(digits) - len(digits.rstrip("0"))  # 19,600 may be 19,634 to the hundred
            step = 10.0 ** min(zeros, 3) if zeros and value >= 1000 else 1.0
        bare = not (currency or decimals or scale) and not text.startswith("%", m.end())
        found.append(Printed(m.group(0), value, step / 2 + 1e-9, bare, m.end()))
    return tuple(found)


def _dated(text: str, start: int, end: int) -> bool:
    """Whether the number at `start:end` is a day of a month: `31 March`, `March 31`."""
    return text[end : end + 11].lstrip().startswith(_MONTHS) or text[
        max(start - 11, 0) : start
    ].rstrip().endswith(_MONTHS)


def traced(value: float, slack: float, known: list[float]) -> bool:
    """Whether a value within `slack` of `value` is in `known` (sorted): by bisection, as a
    report of 2,000 measures holds tens of thousands of figures and of known values."""
    at = bisect_left(known, value - slack)
    return at < len(known) and known[at] <= value + slack
