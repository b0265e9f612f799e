"""Tables for people: drawn to fit the width without breaking a word, else stacked a row a block."""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from perfcli.present.console import escape
from perfcli.present.wrapping import wrapped_text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.table import Table

# How much narrower than its natural width a table may be drawn before it is stacked instead.
TABLE_SQUEEZE = 1.5
# Wider than any table: the width a table is measured at, unfolded.
_UNFOLDED = 100_000


def table(
    title: str | None, columns: Sequence[str], console: Console, *, whole: Collection[str] = ()
) -> Table:
    """A table with these columns; the cells of those named in `whole` (ids, codes) are never
    wrapped, and the others wrap between words."""
    from rich import box

    style = box.ROUNDED if console.is_terminal else box.SIMPLE_HEAD
    result = _table_class()(title=title, box=style, title_justify="left", header_style="bold")
    for name in columns:
        result.add_column(name, overflow="fold", no_wrap=name in whole)
    return result


@functools.cache
def _table_class() -> type[Table]:
    from rich.table import Table

    class WordTable(Table):
        """A table narrowed to fit by `_widths`: rich narrows its widest columns to the next
        whatever their words, and folded `hours-of-volunteering-heritage-and-libra` / `ries`."""

        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            widths = _widths(_measured(self, console), options.max_width)
            if widths is None:
                yield from super().__rich_console__(console, options)
                return
            drawn = [column.width for column in self.columns]
            for column, width in zip(self.columns, widths, strict=True):
                column.width = width
            try:
                yield from super().__rich_console__(console, options)
            finally:
                for column, kept in zip(self.columns, drawn, strict=True):
                    column.width = kept

    return WordTable


@dataclass
class _Measured:
    """A table's columns, in cells: each one's longest word (its longest cell if kept whole)
    and longest line; and what its borders and padding take."""

    shortest: list[int]
    longest: list[int]
    whole: list[bool]
    chrome: int


def _measured(grid: Table, console: Console) -> _Measured:
    from rich.measure import Measurement

    options = console.options.update_width(_UNFOLDED)
    shortest, longest = [], []
    for column in grid.columns:
        sizes = [Measurement.get(console, options, cell) for cell in (column.header, *column.cells)]
        longest.append(max(size.maximum for size in sizes))
        shortest.append(longest[-1] if column.no_wrap else max(size.minimum for size in sizes))
    natural = Measurement.get(console, options, grid).maximum
    whole = [column.no_wrap for column in grid.columns]
    return _Measured(shortest, longest, whole, natural - sum(longest))


def _widths(measured: _Measured, width: int) -> list[int] | None:
    """Each column's width, where the table is to be `width` cells wide: its natural width if
    all fit; else the widest narrowed first, to one width, none below its longest word; else,
    if that is still too wide, the columns not kept whole narrowed further. None if it fits as
    it is, or cannot fit even so (rich then folds it as it would)."""
    room = width - measured.chrome
    if sum(measured.longest) <= room:
        return None
    least = [
        size if whole else 1 for size, whole in zip(measured.longest, measured.whole, strict=True)
    ]
    for floor in (measured.shortest, least):
        if sum(floor) <= room:
            return _narrowed(measured.longest, floor, room)
    return None


def _narrowed(longest: list[int], floor: list[int], room: int) -> list[int]:
    """Widths summing to `room` at most, narrowed as rich narrows a table (the widest columns to
    the next widest, the cells shared out as rich shares them, so a table that breaks no word
    is drawn as rich draws it), but none below its `floor`."""
    from rich._ratio import ratio_reduce

    widths = list(longest)
    while (excess := sum(widths) - room) > 0:
        free = [width > least for width, least in zip(widths, floor, strict=True)]
        top = max(width for width, ok in zip(widths, free, strict=True) if ok)
        below = max((w for w, ok in zip(widths, free, strict=True) if ok and w < top), default=0)
        ratios = [int(ok and width == top) for width, ok in zip(widths, free, strict=True)]
        most = [min(excess, top - max(below, least)) for least in floor]
        widths = ratio_reduce(excess, ratios, most, widths)
    return widths


def fits(console: Console, title: str | None, columns: Sequence[str],
         rows: Sequence[Sequence[str]], *, whole: Collection[str] = ()) -> bool:  # fmt: skip
    """Whether rows fit the console as a table without breaking a word (nor a cell of a column
    kept `whole`), and without folding its cells into slivers (its natural width at most
    TABLE_SQUEEZE times the console's)."""
    measured = _measured(_filled(title, columns, rows, console, whole), console)
    least, natural = sum(measured.shortest), sum(measured.longest)
    return least + measured.chrome <= console.width and (
        natural + measured.chrome <= console.width * TABLE_SQUEEZE
    )


def _filled(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[str]],
            console: Console, whole: Collection[str]) -> Table:  # fmt: skip
    grid = table(title, columns, console, whole=whole)
    for row in rows:
        grid.add_row(*row)
    return grid


def show_table(
    console: Console,
    title: str | None,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    stacked: bool | None = None,
    whole: Collection[str] = (),
) -> None:
    """Rows as a table when they `fit` (or `stacked` says so); else stacked, one block per
    row: its first two cells on a line, then each other cell after its heading, indented, each
    line wrapped as `wrapping` breaks words."""
    if stacked is None:
        stacked = not fits(console, title, columns, rows, whole=whole)
    if not stacked:
        console.print(_filled(title, columns, rows, console, whole))
        return
    from rich.text import Text

    def say(markup: str, indent: int) -> None:
        text = Text.from_markup(markup.replace("\n", " "))
        for line in wrapped_text(text, console.width - indent):
            line.pad_left(indent)
            console.print(line, no_wrap=True, overflow="ignore", crop=False)

    if title:
        say(f"[bold]{title}[/]", 0)
    for row in rows:
        console.print()
        say(f"[bold]{row[0]}[/]  {row[1]}", 0)
        for heading, cell in zip(columns[2:], row[2:], strict=True):
            if cell:
                say(f"{escape(heading)}: {cell}", 2)
    console.print()
