"""Where a line for people breaks to fit the width: between words; inside a word only where the
word is wider than the whole line, and then after a hyphen where it has one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

# A word and the spaces after it (the first also those before it), as rich reads words.
_WORD = re.compile(r"\s*\S+\s*")
# The pieces a word may be broken into: each up to and with its hyphens.
_PIECE = re.compile(r"[^-]*-+|[^-]+")


def cells(text: str) -> int:
    """The cells `text` takes on a terminal: one a character, two a wide one (`漢`)."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def breaks(line: str, width: int) -> list[int]:
    """The offsets at which to divide `line` (one line, no tabs) so that each part, its trailing
    spaces aside, is at most `width` cells: before a word that does not fit what is left of the
    line; within a word wider than the width, after its hyphens, else where the width ends."""
    # No character takes more than two cells: a line that fits whatever its characters is not
    # measured (measuring one not ASCII loads rich's tables of widths, 14 ms for one line).
    if (len(line) if line.isascii() else 2 * len(line)) <= width:
        return []
    found: list[int] = []
    used = 0  # cells taken on the line being filled
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        if used + cells(word.rstrip()) <= width:
            used += cells(word)
            continue
        if used and start:
            found.append(start)
        used = cells(word)
        if cells(word.rstrip()) > width:
            used = _break_word(word, start, width, found)
    return found


def _break_word(word: str, start: int, width: int, found: list[int]) -> int:
    """Add the breaks that fit a word wider than `width`, begun on a line of its own, to
    `found`; the cells its last line takes."""
    used, at = 0, start
    for piece in _PIECE.findall(word):
        for part in _folded(piece, width):
            if used and used + cells(part.rstrip()) > width:
                found.append(at)
                used = 0
            used += cells(part)
            at += len(part)
    return used


def _folded(piece: str, width: int) -> list[str]:
    """A piece with no hyphen to break at, in parts of `width` cells where it is wider."""
    if cells(piece.rstrip()) <= width:
        return [piece]
    from rich.cells import chop_cells

    return chop_cells(piece, width)


def wrapped(text: str, width: int) -> str:
    """`text` broken into lines of at most `width` cells, none ending in spaces."""
    lines = []
    for line in text.expandtabs().split("\n"):
        at = [0, *breaks(line, width), len(line)]
        lines += [line[a:b].rstrip() for a, b in zip(at, at[1:], strict=False)]
    return "\n".join(lines)


def wrapped_text(text: Text, width: int) -> list[Text]:
    """Styled `text` broken into lines as `wrapped` breaks its words."""
    lines = []
    for line in text.split("\n", allow_blank=True):
        line.expand_tabs()
        for part in line.divide(breaks(line.plain, width)):
            part.rstrip()
            lines.append(part)
    return lines
