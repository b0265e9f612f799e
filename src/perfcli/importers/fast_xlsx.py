"""Read an .xlsx workbook fast: values from python-calamine, number formats from the styles part.

The result is the one openpyxl's read-only load gives (the same `Sheet`s and `Cell`s, values,
formats and text). Where this reader cannot promise that, it answers None and the caller reads
the file with openpyxl: a workbook with a DTD in any part (openpyxl's defusedxml then refuses
an entity bomb), the 1904 date system, namespace-prefixed or UTF-16 XML, cells without a
reference, `_xHHHH_` escapes in strings, or anything calamine raises on.
"""

from __future__ import annotations

import posixpath
import re
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfcli.importers.excel_format import render

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element
from perfcli.importers.sheets import (
    DEFAULT_MAX_CELLS,
    PROLOG,
    Cell,
    Sheet,
    check_extent,
    formulas_without_values,
    hidden_rows,
    prolog_declares_dtd,
)

# ECMA-376 part 1, 18.8.30: the number formats a workbook may use by id without declaring them
# (the table openpyxl reports; ids it leaves out read as General).
BUILTIN_FORMATS = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}
FIRST_CUSTOM_FORMAT = 164

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# Which formats make a number a date, and which a duration: openpyxl's rules, so that both
# readers turn the same cells into dates.
_IGNORED_IN_DATES = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_CODE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_DURATION = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
_EPOCH = datetime(1899, 12, 30)

_STRING_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")


_ROOT = re.compile(rb"<[A-Za-z_]")
# A Cell made by tuple.__new__, not Cell(...): a named tuple's own __new__ is Python, and a third
# slower for the 140,000 cells of 20,000 measures.
_new = tuple.__new__


class Unsupported(Exception):
    """This file needs openpyxl to be read the way perfcli has always read it."""


@dataclass(frozen=True)
class Style:
    number_format: str
    date: bool
    duration: bool


@dataclass(frozen=True)
class Part:
    name: str
    state: str
    path: str


def read_workbook(path: Path, max_cells: int = DEFAULT_MAX_CELLS) -> list[Sheet] | None:
    """Every worksheet of the workbook, or None where openpyxl must read it instead."""
    import gc

    import python_calamine

    # A read keeps every cell it makes: the cyclic collector, run again and again over a
    # growing heap, would find nothing and cost a third of the read at 20,000 measures.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with zipfile.ZipFile(path) as archive:
            _refuse_odd_xml(archive)
            parts = _worksheet_parts(archive)
            styles = _styles(archive)
            # calamine reads what it needs from the handle at once; `with` closes it.
            with path.open("rb") as handle:
                workbook = python_calamine.CalamineWorkbook.from_filelike(handle)
            names = [
                meta.name
                for meta in workbook.sheets_metadata
                if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
            ]
            if names != [part.name for part in parts]:
                raise Unsupported("calamine and the workbook disagree on its sheets")
            sheets = []
            for part in parts:
                sheet = Sheet(path, part.name, hidden=part.state != "visible")
                # Before calamine fills the sheet's rectangle: refused if implausibly large.
                styled, exact = _read_xml(sheet, archive.read(part.path), styles, max_cells)
                # The XML is let go before calamine builds its grid, and the grid once its
                # values are Python's: the read's peak is the larger of the two, not their sum.
                values = workbook.get_sheet_by_name(part.name).to_python(skip_empty_area=False)
                _fill(sheet, values, styled, exact)
                sheets.append(sheet)
            workbook.close()  # its shared strings freed before glibc is asked to give back
            _give_back_freed_memory()
            return sheets
    except (Unsupported, python_calamine.CalamineError, zipfile.BadZipFile, KeyError):
        return None
    except (OSError, EOFError, zlib.error, SyntaxError, ValueError, IndexError, OverflowError):
        return None  # a damaged part (SyntaxError: ElementTree's ParseError); openpyxl says so
    finally:
        if collecting:
            gc.enable()


def _give_back_freed_memory() -> None:
    """Return to the system the memory calamine freed, which glibc would keep: 11 MiB after a
    sheet of 20,000 measures, and the peak of `rate FILE` 7 MiB lower."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass  # a C library other than glibc: nothing to ask


def _refuse_odd_xml(archive: zipfile.ZipFile) -> None:
    """No part may declare a DTD (entities), be UTF-16, or hide its root past a long prolog.

    Only the prolog, before the root element, can declare a DTD, so each part is parsed (by
    expat, which expands nothing it is not asked to) up to its root element: a string search
    would be fooled by a comment, a processing instruction or an odd encoding.
    """
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(info) as stream:
            head = stream.read(PROLOG)
        if not head:
            continue
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
            raise Unsupported(f"{info.filename}: UTF-16")
        if prolog_declares_dtd(head) is not False:  # read_sheets refuses a DTD before this
            raise Unsupported(f"{info.filename}: a DTD, or no root element where expected")


def _parse(archive: zipfile.ZipFile, name: str) -> Element:
    # Safe with the standard parser: _refuse_odd_xml has parsed every part's prolog, no DTD.
    from xml.etree import ElementTree

    return ElementTree.fromstring(archive.read(name))


def _worksheet_parts(archive: zipfile.ZipFile) -> list[Part]:
    """The worksheets in the workbook's order, with their state and their part in the zip."""
    workbook = _parse(archive, "xl/workbook.xml")
    rels = _parse(archive, "xl/_rels/workbook.xml.rels")
    properties = workbook.find(f"{MAIN}workbookPr")
    if properties is not None and properties.get("date1904", "0").lower() in ("1", "true"):
        raise Unsupported("1904 date system")
    targets = {
        rel.get("Id"): (rel.get("Type", ""), rel.get("Target", ""))
        for rel in rels.iter(f"{RELS}Relationship")
    }
    parts = []
    for sheet in workbook.iter(f"{MAIN}sheet"):
        kind, target = targets.get(sheet.get(REL_ID), ("", ""))
        if kind.endswith("/chartsheet"):
            continue
        if not kind.endswith("/worksheet"):
            raise Unsupported(f"sheet of type {kind or 'unknown'}")
        where = target[1:] if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if where not in archive.NameToInfo:
            raise Unsupported("a sheet's part is missing")
        parts.append(Part(sheet.get("name", ""), sheet.get("state", "visible"), where))
    return parts


def _styles(archive: zipfile.ZipFile) -> list[Style]:
    """Each cell style (an `s` attribute indexes this list): its number format, and whether a
    number in it is a date or a duration."""
    if "xl/styles.xml" not in archive.NameToInfo:
        raise Unsupported("no styles part")  # openpyxl warns and uses its defaults
    sheet = _parse(archive, "xl/styles.xml")
    custom = {
        int(fmt.get("numFmtId", "-1")): fmt.get("formatCode", "")
        for fmt in sheet.iter(f"{MAIN}numFmt")
    }
    cell_xfs = sheet.find(f"{MAIN}cellXfs")
    styles = []
    for xf in cell_xfs.iter(f"{MAIN}xf") if cell_xfs is not None else ():
        number = int(xf.get("numFmtId", "0"))
        if number in custom:
            code = custom[number]
        elif number < FIRST_CUSTOM_FORMAT:
            code = BUILTIN_FORMATS.get(number, "General")
        else:
            raise Unsupported(f"undeclared number format {number}")
        first = code.split(";")[0]
        is_date = _DATE_CODE.search(_IGNORED_IN_DATES.sub("", first)) is not None
        styles.append(Style(code, is_date, _DURATION.search(first) is not None))
    return styles


def _read_xml(
    sheet: Sheet, xml: bytes, styles: list[Style], max_cells: int
) -> tuple[dict[int, dict[int, Style]], dict[tuple[int, int], object]]:
    """What the sheet's XML tells that calamine does not: its hidden rows and formulas without
    values (kept in `sheet`), the styles of its cells by row and column, and the cells whose
    value is not calamine's to give: errors (it leaves them empty) and numbers in date formats
    (turned into dates from the saved serial exactly as openpyxl does)."""
    _check_cells(xml, plain=check_extent(sheet, xml, max_cells))
    sheet.hidden_rows = hidden_rows(xml)
    sheet.missing_values = formulas_without_values(xml)
    styled = _styled_cells(xml, styles)
    return styled, {**_error_cells(xml), **_date_cells(xml, styles, styled)}


_NO_VALUES: list[Any] = []


def _fill(
    sheet: Sheet,
    values: list[list[Any]],
    styled: dict[int, dict[int, Style]],
    exact: dict[tuple[int, int], object],
) -> None:
    """The sheet's cells: calamine's values (row by row from A1), with their styles' formats."""
    rows = sheet.rows
    general = Style("General", False, False)
    unstyled: dict[int, Style] = {}
    for r, row_values in enumerate(values, start=1):
        values[r - 1] = _NO_VALUES  # each row let go once read: its memory serves the next
        row_styles = styled.get(r, unstyled)
        row: dict[int, Cell] = {}
        for c, value in enumerate(row_values, start=1):
            if type(value) is str:  # most cells, and calamine's empty ones: kept short
                text = value.strip()
                if text:
                    number_format = row_styles[c].number_format if c in row_styles else "General"
                    row[c] = _new(Cell, (r, c, text, value, number_format))
                continue
            style = row_styles.get(c, general)
            if style.date and type(value) is not bool:
                continue  # in `exact`
            cell = _cell(r, c, value, style)
            if cell is not None:
                row[c] = cell
        if row:
            rows[r] = row
    for (r, c), value in exact.items():
        style = styled.get(r, {}).get(c, general)
        text = render(value, style.number_format).strip()
        if text:
            rows.setdefault(r, {})[c] = Cell(r, c, text, value, style.number_format)
    if exact:
        sheet.rows = {r: dict(sorted(rows[r].items())) for r in sorted(rows)}


def _cell(r: int, c: int, value: object, style: Style) -> Cell | None:
    """A number or a truth value as openpyxl reads it, with the text Excel shows."""
    kind = type(value)
    if kind is float or kind is int:
        number = float(value)  # type: ignore[arg-type]  # an int or a float, by the test above
    elif kind is bool:
        return _new(Cell, (r, c, "TRUE" if value else "FALSE", value, style.number_format))
    elif kind in _SERIALS:
        number = _SERIALS[kind](value)
    else:
        raise Unsupported(f"a value of type {kind.__name__}")
    if number.is_integer() and abs(number) < 1e15:
        value = int(number)  # openpyxl reads a whole number Excel wrote as "17300" as an int
    else:
        value = number
    text = render(value, style.number_format).strip()
    return _new(Cell, (r, c, text, value, style.number_format)) if text else None


def _from_serial(serial: float, duration: bool) -> datetime | time | timedelta:
    """A date serial as openpyxl turns it into a date, time or duration (1900 date system)."""
    if duration:
        span = timedelta(days=serial)
        if span.microseconds:
            return timedelta(
                seconds=span.total_seconds() // 1, microseconds=round(span.microseconds, -3)
            )
        return span
    day, fraction = divmod(serial, 1)
    part = timedelta(milliseconds=round(fraction * 86_400_000))
    if 0 <= serial < 1 and part.days == 0:
        seconds, micro = divmod(part.seconds * 1_000_000 + part.microseconds, 1_000_000)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        return time(hour, minute, second, micro)
    if 0 < serial < 60:
        day += 1  # Excel counts a 29 February 1900 that never was
    try:
        return _EPOCH + timedelta(days=day) + part
    except OverflowError:
        raise Unsupported("a date serial beyond the calendar") from None


def _datetime_serial(moment: datetime) -> float:
    span = moment - _EPOCH
    serial = span.days + (span.seconds * 1_000_000 + span.microseconds) / 86_400_000_000
    return serial - 1 if serial < 61 else serial


# Keyed by the value's exact type, so each function is only ever given its own kind of value.
_SERIALS: dict[type, Callable[[Any], float]] = {
    datetime: _datetime_serial,
    date: lambda d: _datetime_serial(datetime.combine(d, time())),
    time: lambda t: (t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6) / 86400,
    timedelta: lambda span: span.total_seconds() / 86400,
}


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
        found[(int(row), _column(letters))] = _from_serial(number, styles[int(index)].duration)
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
