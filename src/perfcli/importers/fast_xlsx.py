"""Read an .xlsx workbook fast: values from python-calamine, number formats from the styles part.

The result is the one openpyxl's read-only load gives (the same `Sheet`s and `Cell`s, values,
formats and text). Where this reader cannot promise that, it answers None and the caller reads
the file with openpyxl: a workbook with a DTD in any part (openpyxl's defusedxml then refuses
an entity bomb), the 1904 date system, namespace-prefixed or UTF-16 XML, cells without a
reference, `_xHHHH_` escapes in strings, or anything calamine raises on.
"""

from __future__ import annotations

import posixpath
import sys
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from perfcli.importers.excel_format import render

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element
from perfcli.importers.file_checks import PROLOG, prolog_declares_dtd
from perfcli.importers.grid import Cell, Sheet
from perfcli.importers.sheet_xml import DEFAULT_MAX_CELLS
from perfcli.importers.xlsx_cells import read_xml
from perfcli.importers.xlsx_styles import MAIN, SERIALS, Style, Unsupported, cell_styles

REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# A Cell made by tuple.__new__, not Cell(...): a named tuple's own __new__ is Python, and a third
# slower for the 140,000 cells of 20,000 measures.
_new = tuple.__new__


class Part(Struct, frozen=True):
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
            if "xl/styles.xml" not in archive.NameToInfo:
                raise Unsupported("no styles part")  # openpyxl warns and uses its defaults
            styles = cell_styles(_parse(archive, "xl/styles.xml"))
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
                styled, exact = read_xml(sheet, archive.read(part.path), styles, max_cells)
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
    elif kind in SERIALS:
        number = SERIALS[kind](value)
    else:
        raise Unsupported(f"a value of type {kind.__name__}")
    if number.is_integer() and abs(number) < 1e15:
        value = int(number)  # openpyxl reads a whole number Excel wrote as "17300" as an int
    else:
        value = number
    text = render(value, style.number_format).strip()
    return _new(Cell, (r, c, text, value, style.number_format)) if text else None
