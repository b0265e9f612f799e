"""Read .xlsx and .csv files into grids of cells holding the text a reader sees."""

from __future__ import annotations

import os
from pathlib import Path

from perfcli.errors import InputError
from perfcli.importers.file_checks import check_archive, regular_file, unreadable
from perfcli.importers.grid import Sheet
from perfcli.importers.sheet_xml import DEFAULT_MAX_CELLS

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm"}
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
# Which reader opens .xlsx files: "fast" (python-calamine, openpyxl where it cannot) or "openpyxl".
READER_VARIABLE = "PERFCLI_READER"


def read_sheets(
    path: Path,
    *,
    max_bytes: int | None = None,
    max_unzipped_bytes: int | None = None,
    max_cells: int = DEFAULT_MAX_CELLS,
) -> list[Sheet]:
    """Every sheet of a workbook (or the one table of a CSV), or a clear error."""
    if not path.exists():
        raise InputError("no such file", file=path)
    if path.is_dir():
        raise InputError("is a folder, not a file", file=path)
    try:
        size = regular_file(path).st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(
                f"is {size:,} bytes, over the limit of {max_bytes:,}",
                file=path,
                hint="raise max_file_mb under [import] in perfcli.toml if this file is genuine",
            )
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise unreadable(path, error) from None
    suffix = path.suffix.lower()
    if suffix == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            "is an old-style .xls workbook",
            file=path,
            hint="save it as .xlsx in Excel and import that",
        )
    if suffix in EXCEL_SUFFIXES or head.startswith(b"PK"):
        check_archive(path, max_unzipped_bytes)
        if suffix == ".xlsx" and os.environ.get(READER_VARIABLE) != "openpyxl":
            from perfcli.importers.fast_xlsx import read_workbook

            sheets = read_workbook(path, max_cells)
            if sheets is not None:
                return sheets
        from perfcli.importers.openpyxl_reader import read_workbook as read_with_openpyxl

        return read_with_openpyxl(path, max_cells)
    if suffix in CSV_SUFFIXES:
        from perfcli.importers.csv_reader import read_csv

        return [read_csv(path)]
    raise InputError(
        f"unknown file type {suffix or '(none)'}", file=path, hint="perfcli reads .xlsx and .csv"
    )
