"""Workbooks read by openpyxl: those python-calamine cannot read, and all under PERFCLI_READER."""

from __future__ import annotations

import warnings
from pathlib import Path

from perfcli.errors import InputError
from perfcli.importers.excel_format import render
from perfcli.importers.file_checks import xml_bomb
from perfcli.importers.grid import Cell, Sheet
from perfcli.importers.sheet_xml import (
    check_extent,
    check_long_texts,
    formulas_without_values,
    hidden_rows,
    merged_ranges,
    overflowing_cell,
)


def read_workbook(path: Path, max_cells: int) -> list[Sheet]:
    import zipfile

    import openpyxl
    from defusedxml import DefusedXmlException

    refused = xml_bomb(path)
    # openpyxl leaves its archive open when a load fails: own the file handle and close it.
    with path.open("rb") as handle:
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            if _caused_by(error, DefusedXmlException):
                raise refused from None
            if _opendocument(path):
                raise InputError(
                    "is an OpenDocument spreadsheet (.ods), not an Excel workbook",
                    file=path,
                    hint="open it in LibreOffice Calc or Excel, save it as an Excel .xlsx"
                    " workbook and import that",
                ) from None
            if path.stat().st_size == 0:
                raise InputError(
                    "is empty (0 bytes): a save that did not finish, or a file made but never"
                    " written",
                    file=path,
                    hint="save the workbook again from Excel or LibreOffice",
                ) from None
            raise InputError(
                "is not an Excel workbook (.xlsx) or is damaged",
                file=path,
                hint="open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx);"
                " if it will not open, take it from a backup",
            ) from None
        except Exception as error:  # openpyxl raises many kinds on malformed parts
            raise InputError(f"cannot be read as a workbook: {error}", file=path) from None
        try:
            return [_read_worksheet(path, workbook, ws, max_cells) for ws in workbook.worksheets]
        except DefusedXmlException:
            raise refused from None
        finally:
            workbook.close()


def _opendocument(path: Path) -> bool:
    """Whether a zip is an OpenDocument spreadsheet: its `mimetype` part says so."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            if "mimetype" not in archive.NameToInfo or archive.getinfo("mimetype").file_size > 100:
                return False
            return archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument")
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        return False


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    """Whether `kind` is anywhere in the chain: openpyxl wraps the parser's errors."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _read_worksheet(path: Path, workbook: object, ws: object, max_cells: int) -> Sheet:
    sheet = Sheet(path, ws.title, hidden=ws.sheet_state != "visible")  # type: ignore[attr-defined]  # ws: openpyxl's read-only sheet, untyped here
    archive = getattr(workbook, "_archive", None)
    part = getattr(ws, "_worksheet_path", None)
    xml = None
    if archive is not None and part is not None:
        xml = archive.read(part)
        check_extent(sheet, xml, max_cells)
        check_long_texts(sheet, xml)
        sheet.missing_values = formulas_without_values(xml)
        sheet.hidden_rows = hidden_rows(xml)
        sheet.merged = merged_ranges(xml)
    # A read-only sheet stops at the dimension its file records, and some writers record too
    # small a one: read to the last row and column there are.
    ws.reset_dimensions()  # type: ignore[attr-defined]  # ws: openpyxl's read-only sheet
    where = "A1"
    try:
        with warnings.catch_warnings():
            # openpyxl warns, naming its own install path, of a date serial it cannot place.
            warnings.simplefilter("ignore")
            for row in ws.iter_rows():  # type: ignore[attr-defined]  # ws: openpyxl's read-only sheet
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None:
                        continue
                    where = cell.coordinate
                    text = render(value, cell.number_format).strip()
                    if not text:
                        continue
                    sheet.rows.setdefault(cell.row, {})[cell.column] = Cell(
                        cell.row, cell.column, text, value, cell.number_format
                    )
    except OverflowError:  # a number of hundreds of digits: no float holds it
        raise sheet.error(
            "holds a number too large to be a figure",
            overflowing_cell(xml) if xml is not None else None,
            hint="type the figure as Excel shows it",
        ) from None
    except (IndexError, KeyError, ValueError, TypeError) as error:
        # A damaged part: a shared string past the table, a number that is no number.
        raise sheet.error(
            f"cannot be read after cell {where} ({type(error).__name__}: {error})",
            hint="open it in Excel, save it as a new .xlsx, and import that",
        ) from None
    return sheet
