"""Tables for people: drawn to fit the width without breaking a word, else stacked a row a block."""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING

from msgspec import Struct

from perfcli.present.console import escape
from perfcli.present.wrapping import wrapped_text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table
    from rich.text import Text

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
    if console.options.ascii_only and not console.is_terminal:  # as SIMPLE_HEAD, not rich's grid
        style = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
    result = _table_class()(title=title, box=style, title_justify="left", header_style="bold")
    for name in columns:
        result.add_column(name, overflow="fold", no_wrap=name in whole)
    return result


@functools.cache
def _table_class() -> type[Table]:
    from rich.table import Table

    class WordTable(Table):
        """A table that breaks no word: drawn `stacked` where it says so, or where it cannot
        fit without breaking one; else narrowed by `_widths` (rich narrows its widest columns
        to the next whatever their words, and folded `...-heritage-and-libra` / `ries`)."""

        stacked: bool | None = None

        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            measured = None if self.stacked else _measured(self, console)
            if measured is None or (self.stacked is None and not measured.fit(options.max_width)):
                yield from _stacked(self, console, options.max_width)
                return
            widths = _widths(measured, options.max_width)
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


class _Measured(Struct):
    """A table's columns, in cells: each one's longest word (its longest cell if kept whole)
    and longest line; and what its borders and padding take."""

    shortest: list[int]
    longest: list[int]
    chrome: int

    def fit(self, width: int) -> bool:
        """Whether the table fits `width` cells without breaking a word."""
        return sum(self.shortest) + self.chrome <= width


def _measured(grid: Table, console: Console) -> _Measured:
    from rich.measure import Measurement
    from rich.table import Table

    options = console.options.update_width(_UNFOLDED)
    shortest, longest = [], []
    for column in grid.columns:
        sizes = [Measurement.get(console, options, cell) for cell in (column.header, *column.cells)]
        longest.append(max(size.maximum for size in sizes))
        shortest.append(longest[-1] if column.no_wrap else max(size.minimum for size in sizes))
    # Borders and padding, measured on the headings alone: measuring the whole table again
    # would read every cell twice more (4 s of 25 for `rate` of 20,000 measures as a table).
    headings = Table(*(str(column.header) for column in grid.columns), box=grid.box,
                     padding=grid.padding, pad_edge=grid.pad_edge, show_edge=grid.show_edge,
                     collapse_padding=grid.collapse_padding)  # fmt: skip
    chrome = Measurement.get(console, options, headings).maximum - sum(
        Measurement.get(console, options, str(column.header)).maximum for column in grid.columns
    )
    return _Measured(shortest, longest, chrome)


def _widths(measured: _Measured, width: int) -> list[int] | None:
    """Each column's width in a table `width` cells wide that breaks no word: the widest
    narrowed first, to one width, none below its longest word; None where it fits as it is."""
    room = width - measured.chrome
    if sum(measured.longest) <= room:
        return None
    return _narrowed(measured.longest, measured.shortest, room)


def _narrowed(longest: list[int], floor: list[int], room: int) -> list[int]:
    """Widths summing to `room` at most, narrowed as rich narrows a table (the widest columns to
    the next widest, the cells shared out as rich shares them, so a table that breaks no word
    is drawn as rich draws it), but none below its `floor`."""
    widths = list(longest)
    while (excess := sum(widths) - room) > 0:
        free = [width > least for width, least in zip(widths, floor, strict=True)]
        top = max(width for width, ok in zip(widths, free, strict=True) if ok)
        below = max((w for w, ok in zip(widths, free, strict=True) if ok and w < top), default=0)
        chosen = [ok and width == top for width, ok in zip(widths, free, strict=True)]
        most = [min(excess, top - max(below, least)) for least in floor]
        widths = _shared_out(excess, chosen, most, widths)
    return widths


def _shared_out(excess: int, chosen: list[bool], most: list[int], widths: list[int]) -> list[int]:
    """`widths` with `excess` cells taken from the `chosen` columns (none of those that can give
    nothing), in equal shares rounded as they go, none giving more than its `most`: as rich
    shares out the cells a table is too wide by."""
    sharing = [pick and limit > 0 for pick, limit in zip(chosen, most, strict=True)]
    left, count = excess, sum(sharing)
    result = []
    for share, limit, width in zip(sharing, most, widths, strict=True):
        if share:
            taken = min(limit, round(left / count))
            result.append(width - taken)
            left, count = left - taken, count - 1
        else:
            result.append(width)
    return result


def fits(console: Console, title: str | None, columns: Sequence[str],
         rows: Sequence[Sequence[str]], *, whole: Collection[str] = ()) -> bool:  # fmt: skip
    """Whether rows fit the console as a table without breaking a word (nor a cell of a column
    kept `whole`), and without folding its cells into slivers (its natural width at most
    TABLE_SQUEEZE times the console's)."""
    return _fits(_filled(title, columns, rows, console, whole), console)


def _fits(grid: Table, console: Console) -> bool:
    measured = _measured(grid, console)
    natural = sum(measured.longest) + measured.chrome
    return measured.fit(console.width) and natural <= console.width * TABLE_SQUEEZE


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
    """Rows as a table when they `fit` (or `stacked` says so); else stacked (`_stacked`)."""
    grid = _filled(title, columns, rows, console, whole)
    grid.stacked = stacked if stacked is not None else not _fits(grid, console)  # type: ignore[attr-defined]
    console.print(grid)


def _stacked(grid: Table, console: Console, width: int) -> Iterator[Text]:
    """A table's rows stacked, one block each: its first two cells on a line, then each other
    cell after its heading, indented; each line broken as `wrapping` breaks words."""
    from rich.text import Text

    def lines(text: Text, indent: int) -> Iterator[Text]:
        for line in wrapped_text(Text(" ").join(text.split("\n")), width - indent):
            line.pad_left(indent)
            yield line

    def said(markup: RenderableType | None, style: str = "") -> Text:
        """A cell as the console reads a table's cells: rich's markup, with `style` over it."""
        text = console.render_str(str(markup or ""))
        text.stylize(style)
        return text

    if grid.title:
        yield from lines(said(grid.title, "bold"), 0)
    headings = [escape(str(column.header)) for column in grid.columns]
    for row in zip(*(column.cells for column in grid.columns), strict=True):
        yield Text()
        yield from lines(Text.assemble(said(row[0], "bold"), "  ", said(row[1])), 0)
        for heading, cell in zip(headings[2:], row[2:], strict=True):
            if shown := said(cell):
                yield from lines(Text.assemble(said(f"{heading}: "), shown), 2)
    yield Text()
