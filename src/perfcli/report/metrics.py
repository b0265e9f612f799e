"""How wide text sets in Arial, from its (Helvetica-compatible) character widths, for table layout."""

from __future__ import annotations

# Advance widths in thousandths of an em for ASCII 32-126, regular then bold.
_REGULAR = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 "
    "556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 "
    "778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 "
    "556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584"
)
_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 "
    "556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 "
    "778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 611 556 611 556 333 "
    "611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 556 556 500 389 280 389 584"
)
CM_PER_POINT = 2.54 / 72


class _Widths(dict[str, int]):
    """Advance widths by character; one not in the font's table is estimated, then kept."""

    def __missing__(self, char: str) -> int:
        # Symbols (✔ ▲ ◀▶) are about an em wide; other letters and dashes about a digit.
        width = 1000 if ord(char) > 0x2000 and char not in "–—‘’“”" else 556
        self[char] = width
        return width


REGULAR = _Widths({chr(32 + n): int(w) for n, w in enumerate(_REGULAR.split())})
BOLD = _Widths({chr(32 + n): int(w) for n, w in enumerate(_BOLD.split())})


def width_cm(text: str, size: float, *, bold: bool = False) -> float:
    """The width `text` sets at `size` points, in centimetres."""
    table = BOLD if bold else REGULAR
    return sum(map(table.__getitem__, text)) / 1000 * size * CM_PER_POINT


def longest_word_cm(text: str, size: float, *, bold: bool = False) -> float:
    """The width of `text`'s longest word at `size` points, in centimetres."""
    table = BOLD if bold else REGULAR
    widest = max((sum(map(table.__getitem__, word)) for word in text.split()), default=0)
    return widest / 1000 * size * CM_PER_POINT
