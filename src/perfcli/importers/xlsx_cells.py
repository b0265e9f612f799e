"""What a worksheet's XML says that python-calamine does not: hidden rows, formats, errors, dates.

Or that the fast reader must step aside: a namespace prefix, cells without a reference, `_xHHHH_`
escapes, an error cell of an unusual shape.
"""

from __future__ import annotations

import re

from perfcli.importers.grid import Sheet
from perfcli.importers.sheet_xml import (
    check_extent,
    check_long_texts,
    formulas_without_values,
    hidden_rows,
    merged_ranges,
)
from perfcli.importers.xlsx_styles import Style, Unsupported, from_serial

_STRING_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")
_ROOT = re.compile(rb"<[A-Za-z_]")


def read_xml(
    sheet: Sheet, xml: bytes, styles: list[Style], max_cells: int
) -> tuple[dict[int, dict[int, Style]], dict[tuple[int, int], object]]:
    """What the sheet's XML tells that calamine does not: its hidden rows and formulas without
    values (kept in `sheet`), the styles of its cells by row and column, and the cells whose
    value is not calamine's to give: errors (it leaves them empty) and numbers in date formats
    (turned into dates from the saved serial exactly as openpyxl does)."""
    _check_cells(xml, plain=check_extent(sheet, xml, max_cells))
    check_long_texts(sheet, xml)
    sheet.hidden_rows = hidden_rows(xml)
    sheet.merged = merged_ranges(xml)
    sheet.missing_values = formulas_without_values(xml)
    styled = _styled_cells(xml, styles)
    return styled, {**_error_cells(xml), **_date_cells(xml, styles, styled)}


_UNREFERENCED_CELL = re.compile(rb'<c(?=[\s>/])(?! r=")')


def _check_cells(xml: bytes, *, plain: bool) -> None:
    """Every cell must begin `<c r="..."` in the default namespace (known already where
    check_extent found every cell written plainly), and no string may carry an `_xHHHH_` escape
    (calamine decodes it, openpyxl shows it)."""
    root = _ROOT.search(xml)
    if root is None or not xml.startswith(b"<worksheet", root.start()):
        raise Unsupported("worksheet XML with a namespace prefix")
    if not plain and _UNREFERENCED_CELL.search(xml):
        raise Unsupported("cells without a leading reference")
    if _STRING_ESCAPE.search(xml):
        raise Unsupported("_xHHHH_ escapes")


_CELL_START = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"[^>]*')


def _styled_cells(xml: bytes, styles: list[Style]) -> dict[int, dict[int, Style]]:
    """Cells whose style has a number format other than General, by row and column.

    Found by their ` s="N"` and read back to the start of their cell (`<c r="F5" s="1"`): a
    pattern tried at every cell took twice as long where a tenth of the cells are styled.
    """
    wanted = [str(i) for i, style in enumerate(styles) if style.number_format != "General"]
    if not wanted:
        return {}
    pattern = re.compile(rb' s="(' + "|".join(wanted).encode() + rb')"')
    found: dict[int, dict[int, Style]] = {}
    for match in pattern.finditer(xml):
        at = match.start()
        cell = _CELL_START.fullmatch(xml, xml.rfind(b"<", 0, at), at)  # no `>` in between
        if cell is not None:
            letters, row = cell.groups()
            found.setdefault(int(row), {}).setdefault(_column(letters), styles[int(match[1])])
    return found


def _date_cells(
    xml: bytes, styles: list[Style], styled: dict[int, dict[int, Style]]
) -> dict[tuple[int, int], object]:
    """Numbers in date formats, as openpyxl turns their saved serials into dates."""
    if not any(style.date for row in styled.values() for style in row.values()):
        return {}
    wanted = [str(i) for i, style in enumerate(styles) if style.date]
    pattern = re.compile(
        rb'<c r="([A-Z]{1,3})([0-9]+)"([^>]*?) s="('
        + "|".join(wanted).encode()
        + rb')"([^>]*)>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>([^<]*)</v>'
    )
    found: dict[tuple[int, int], object] = {}
    for letters, row, before, index, after, saved in pattern.findall(xml):
        kind = re.search(rb' t="([^"]*)"', before + after)
        if not saved or (kind is not None and kind.group(1) != b"n"):
            continue  # text in a date format is text
        number = float(saved) if re.search(rb"[.eE]", saved) else int(saved)
        found[(int(row), _column(letters))] = from_serial(number, styles[int(index)].duration)
    return found


_ERROR_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]+)"[^>]*? t="e"[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>([^<]*)</v>'
)


_ANY_ERROR = re.compile(rb'e(?<= t="e)"')


def _error_cells(xml: bytes) -> dict[tuple[int, int], object]:
    """Cells holding an error such as #N/A or #DIV/0!, which calamine leaves empty."""
    if not _ANY_ERROR.search(xml):  # by its rarer `e`, then a look back: twice as fast as `in`
        return {}
    found: dict[tuple[int, int], object] = {
        (int(row), _column(letters)): code.decode()
        for letters, row, code in _ERROR_CELL.findall(xml)
        if code.strip()
    }
    if len(_ERROR_CELL.findall(xml)) != xml.count(b' t="e"'):
        raise Unsupported("an error cell of an unusual shape")
    return found


_COLUMNS: dict[bytes, int] = {}


def _column(letters: bytes) -> int:
    index = _COLUMNS.get(letters)
    if index is None:
        index = 0
        for char in letters:
            index = index * 26 + char - 64
        _COLUMNS[letters] = index
    return index
