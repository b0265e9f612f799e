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
# How much further in than its line a line's continuations are: as a finding's lines are.
HANG = 2


def cells(text: str) -> int:
    """The cells `text` takes on a terminal: one a character, two a wide one (`漢`)."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def breaks(line: str, width: int, hang: int = 0) -> list[int]:
    """The offsets at which to divide `line` (one line, no tabs) so that each part, its trailing
    spaces aside, is at most `width` cells (those after the first `hang` fewer, to be indented
    by that much): before a word that does not fit what is left of the line; within a word
    wider than a line, after its hyphens, else where the line ends."""
    # No character takes more than two cells: a line that fits whatever its characters is not
    # measured (measuring one not ASCII loads rich's tables of widths, 14 ms for one line).
    if (len(line) if line.isascii() else 2 * len(line)) <= width:
        return []
    filling = _Filling(room=width, then=width - hang)
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        if filling.used + cells(word.rstrip()) <= filling.room:
            filling.used += cells(word)
            continue
        if filling.used and start:
            filling.break_at(start)
        if cells(word.rstrip()) > filling.room:
            filling.break_word(word, start)
        else:
            filling.used = cells(word)
    return filling.found


class _Filling:
    """The line being filled: the cells it has `room` for and has `used`; `then`, the room of
    each line after it; the offsets `found` to break at so far. A plain class: a line printed
    to a pipe (`perfcli --help` among them) loads no record type."""

    __slots__ = ("room", "then", "used", "found")

    def __init__(self, room: int, then: int) -> None:
        self.room, self.then, self.used = room, then, 0
        self.found: list[int] = []

    def break_at(self, offset: int) -> None:
        self.found.append(offset)
        self.room, self.used = self.then, 0

    def break_word(self, word: str, start: int) -> None:
        """Break a word wider than a line, begun on a line of its own, into lines: after its
        hyphens; a piece with none to break at that is wider than a line, where the line ends."""
        at = start
        for piece in _PIECE.findall(word):
            if self.used and self.used + cells(piece.rstrip()) > self.room:
                self.break_at(at)
            while cells(piece.rstrip()) > self.room:
                head = _head(piece, self.room)
                piece, at = piece[len(head) :], at + len(head)
                self.break_at(at)
            self.used += cells(piece)
            at += len(piece)


def _head(piece: str, room: int) -> str:
    """As much of `piece` as `room` cells hold (a character at least, however wide)."""
    if piece.isascii():
        return piece[: max(room, 1)]
    from rich.cells import chop_cells

    return chop_cells(piece, room)[0] or piece[0]


def wrapped(text: str, width: int) -> str:
    """`text` broken into lines of at most `width` cells, none ending in spaces; a line's
    continuations are indented HANG spaces more than it is, as a finding's lines are under it."""
    lines = []
    for line in text.expandtabs().split("\n"):
        hang = min(len(line) - len(line.lstrip(" ")) + HANG, width // 2)
        at = [0, *breaks(line, width, hang), len(line)]
        parts = [line[a:b].rstrip() for a, b in zip(at, at[1:], strict=False)]
        lines += parts[:1] + [" " * hang + part for part in parts[1:]]
    return "\n".join(lines)


def wrapped_text(text: Text, width: int) -> list[Text]:
    """Styled `text` broken into lines as `wrapped` breaks its words, none indented: the lines
    of a block, indented as one by the caller."""
    lines = []
    for line in text.split("\n", allow_blank=True):
        line.expand_tabs()
        for part in line.divide(breaks(line.plain, width)):
            part.rstrip()
            lines.append(part)
    return lines
