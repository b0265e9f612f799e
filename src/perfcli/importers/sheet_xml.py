"""A worksheet's XML searched first: its used range checked, its unsaved formulas, hidden rows."""

from __future__ import annotations

import html
import math
import re

from perfcli.importers.grid import Sheet, column_index, column_letter
from perfcli.importers.shared_strings import EXCEL_CELL_CHARACTERS

# A cell with a formula (<f>) and no saved value (<v>): written by a script, never opened in Excel.
_FORMULA_NO_VALUE = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"[^>]*>\s*<f[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v></v>)?\s*</c>'
)
_HIDDEN_ROW = re.compile(rb'<row r="([0-9]+)"[^>]*? hidden="(?:1|true)"')
# Where a worksheet's cells, rows and recorded dimension reach (any attribute order, any prefix).
_CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="\$?([A-Za-z]+)\$?([0-9]+)"')
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="([0-9]+)"')
_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s[^>]*?\bref="(?:[^":]*:)?\$?([A-Za-z]+)\$?([0-9]+)"'
)
# The most cells a sheet's used range may span unless perfcli.toml's [import] max_cells says.
DEFAULT_MAX_CELLS = 2_000_000


def check_extent(sheet: Sheet, xml: bytes, max_cells: int) -> bool:
    """Refuse a sheet whose used range spans more than `max_cells`, before any reader builds
    its grid: both readers fill the rectangle from A1 to the farthest cell, so one stray cell at
    XFD1048576 in a 5 KB file would ask for half a terabyte.

    True where every cell and row is written plainly (`<c r="E7"`, `<row r="7"`) within the
    dimension the sheet records, as Excel writes them: then no pass over every cell was made.
    """
    recorded = _recorded_extent(xml)
    rows, columns = recorded or _farthest(xml)
    if rows * max(columns, 1) > max_cells:
        far = f"{column_letter(max(columns, 1))}{rows}"
        raise sheet.error(
            f"its used range reaches {far}: {rows * max(columns, 1):,} cells, over the limit"
            f" of {max_cells:,}",
            cell=far,
            hint="delete the stray cells far from the table in Excel (or raise max_cells under"
            " [import] in perfcli.toml if the sheet is genuine)",
        )
    return recorded is not None


def _farthest(xml: bytes) -> tuple[int, int]:
    """The farthest row and column that any cell, row or recorded dimension of the sheet
    names: a regular expression's pass over every cell."""
    refs = [*_CELL_REF.findall(xml), *_DIMENSION.findall(xml)]
    rows = max(map(int, [*_ROW_NUMBER.findall(xml), *(number for _, number in refs)]), default=0)
    # A sheet's cells share a few column letters: each is read once.
    letters = {letters for letters, _ in refs}
    columns = max((column_index(each.decode().upper()) for each in letters), default=0)
    return rows, columns


# A cell, row or dimension in a namespace prefix, which no sheet written as Excel writes has:
# where there is one, the recorded dimension is not taken.
_PREFIXED = re.compile(rb":(?:c|row|dimension)[\s>/]")
# The dimension found by its rarer first letter: twice as fast a search as for `<`.
_RECORDED = re.compile(
    rb'dimension(?<=<dimension)\s[^>]*?\bref="(?:[^":]*:)?\$?([A-Za-z]+)\$?([0-9]+)"'
)
_DIGITS, _LETTERS = "0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _recorded_extent(xml: bytes) -> tuple[int, int] | None:
    """The far corner of the dimension the sheet records, where a search proves that no cell
    and no row lies beyond it, as _farthest would find; else None.

    Searches that find nothing in a sheet as Excel writes it, where _farthest's regular
    expressions match every cell: 19 ms against 105 at 20,000 measures.
    """
    recorded = _RECORDED.findall(xml)
    if not recorded or _PREFIXED.search(xml):
        return None
    rows = max(int(number) for _, number in recorded)
    columns = max(column_index(letters.decode().upper()) for letters, _ in recorded)
    if rows < 1 or columns < 1:
        return None
    within_rows = _up_to(str(rows), _DIGITS, leading=_DIGITS[1:])
    within_columns = _up_to(column_letter(columns), _LETTERS, leading=_LETTERS)
    # Any cell or row not written `<c r="E7"` or `<row r="7"` within the corner is beyond it.
    beyond = rf'<c(?=[\s>/])(?! r="(?:{within_columns})(?:{within_rows})")'
    beyond_row = rf'<row(?=[\s>/])(?! r="(?:{within_rows})")'
    if re.search(beyond.encode(), xml) or re.search(beyond_row.encode(), xml):
        return None
    return rows, columns


def _up_to(limit: str, alphabet: str, *, leading: str) -> str:
    """A pattern for the names up to `limit`, where a shorter name comes first and names of one
    length sort by `alphabet` (row numbers, with `leading` digits 1-9; column letters)."""
    # Possessive ({0,n}+): a row number of more digits fails at once, not digit by digit.
    shorter = f"[{leading}][{alphabet}]{{0,{len(limit) - 2}}}+|" if len(limit) > 1 else ""
    below = []
    for i, char in enumerate(limit):
        chars = leading if i == 0 else alphabet
        if chars.index(char):
            rest = len(limit) - i - 1
            below.append(f"{limit[:i]}[{chars[: chars.index(char)]}][{alphabet}]{{{rest}}}|")
    return shorter + "".join(below) + limit


# Whether a sheet has any formula, or any row marked hidden: most have none, and these searches
# take half the time of `in` (`<f` found by its rarer letter, then a look back: a third).
_ANY_FORMULA = re.compile(rb"f(?<=<f)")
_ANY_HIDDEN = re.compile(rb"hidden=")


def formulas_without_values(xml: bytes) -> list[str]:
    """The cells of a worksheet's XML that hold a formula and no saved value."""
    if not _ANY_FORMULA.search(xml):
        return []
    return [ref.decode() for ref in _FORMULA_NO_VALUE.findall(xml)]


_MERGED = re.compile(rb'<mergeCell ref="\$?([A-Z]+)\$?([0-9]+):\$?([A-Z]+)\$?([0-9]+)"')


def merged_ranges(xml: bytes) -> tuple[tuple[int, int, int, int], ...]:
    """The merged ranges of a worksheet's XML, each as (first row, first column, last row, last
    column). Searched for after the cells, where the schema puts them: a search of the whole
    sheet took 1 ms at 20,000 measures, this one nothing."""
    after = max(xml.rfind(b"</sheetData>"), 0)
    if xml.find(b"<mergeCell ", after) == -1:
        return ()
    return tuple(
        (int(r1), column_index(c1.decode()), int(r2), column_index(c2.decode()))
        for c1, r1, c2, r2 in _MERGED.findall(xml, after)
    )


def hidden_rows(xml: bytes) -> frozenset[int]:
    """The numbers of the rows a worksheet's XML marks hidden."""
    if not _ANY_HIDDEN.search(xml):
        return frozenset()
    return frozenset(int(row) for row in _HIDDEN_ROW.findall(xml))


# A text a sheet holds in its own cells (`inlineStr`) or a formula's text result (`t="str"`):
# unlike a shared text it is stored whole in each cell, but still no longer than Excel allows.
# Each found by a rare letter, then a look back: one alternation took 26 ms at 20,000
# measures, these 3 together.
_INLINE = re.compile(rb"S(?<=inlineS)")
_LONG_TEXT = re.compile(rb"<(?:t|v)(?:\s[^>]*)?>([^<]{%d,})" % (EXCEL_CELL_CHARACTERS + 1))


def check_long_texts(sheet: Sheet, xml: bytes) -> None:
    """Refuse a text in a cell's own XML longer than the 32,767 characters Excel allows in a
    cell, at its cell, as a shared one is (perfcli.importers.shared_strings): no sheet Excel
    saved holds one. Most sheets hold only shared texts and numbers: one search finds so."""
    if not _INLINE.search(xml) and not (_ANY_FORMULA.search(xml) and b't="str"' in xml):
        return
    for found in _LONG_TEXT.finditer(xml):
        text = html.unescape(found[1].decode("utf-8", "replace"))
        if len(text) <= EXCEL_CELL_CHARACTERS:
            continue  # its bytes or entities made it look longer
        start = xml.rfind(b"<c ", 0, found.start())
        cell = _CELL_REF.match(xml, start) if start >= 0 else None
        raise sheet.error(
            f"holds a text of {len(text):,} characters, longer than the"
            f" {EXCEL_CELL_CHARACTERS:,} Excel allows in a cell",
            b"".join(cell.groups()).decode() if cell else None,
            hint="it was not saved by Excel; shorten the text, or ask for the workbook as Excel"
            " saves it",
        )


# A number saved with hundreds of digits: no float holds it (`1e309` and beyond).
_LONG_NUMBER = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>([^<]{300,})</v>'
)


def overflowing_cell(xml: bytes) -> str | None:
    """The first cell of a sheet whose saved number is too large for a float; None if none."""
    for found in _LONG_NUMBER.finditer(xml):
        try:
            if math.isinf(float(found[2])):
                return found[1].decode()
        except ValueError:
            continue
    return None
