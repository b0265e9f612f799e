"""Read .xlsx and .csv files into grids of cells holding the text a reader sees."""

from __future__ import annotations

import os
from pathlib import Path

from perfcli.errors import InputError, UsageError
from perfcli.importers.file_checks import check_archive, regular_file, unreadable
from perfcli.importers.grid import Sheet
from perfcli.importers.sheet_xml import DEFAULT_MAX_CELLS

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm"}
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
# Which reader opens .xlsx files: "fast" (python-calamine, openpyxl where it cannot) or "openpyxl".
READER_VARIABLE = "PERFCLI_READER"
READERS = ("fast", "openpyxl")
# An OLE (compound) file's first bytes: an old .xls, or a workbook saved with a password.
OLE = b"\xd0\xcf\x11\xe0"


def read_sheets(
    path: Path,
    *,
    max_bytes: int | None = None,
    max_unzipped_bytes: int | None = None,
    max_cells: int = DEFAULT_MAX_CELLS,
) -> list[Sheet]:
    """Every sheet of a workbook (or the one table of a CSV), or a clear error."""
    if not path.exists():
        # Named by the file alone, as every finding is; where it was looked for, when that is
        # somewhere else than here (a trial's `data/x.xlsx` read as `x.xlsx: no such file`).
        from perfcli.files import shown_path
        from perfcli.references import path_text

        shown = shown_path(path)
        looked = f"looked for {path_text(shown)}" if shown != path.name else None
        raise InputError("no such file", file=path, hint=looked)
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
    if head.startswith(OLE) and _encrypted(path):
        raise InputError(
            "is a password-protected workbook, which perfcli cannot open",
            file=path,
            hint="open it in Excel, clear its password under File > Info > Protect Workbook >"
            " Encrypt with Password, save it and import that",
        )
    if suffix == ".xls" or head.startswith(OLE):
        raise InputError(
            "is an old-style .xls workbook",
            file=path,
            hint="save it as .xlsx in Excel and import that",
        )
    if suffix in EXCEL_SUFFIXES or head.startswith(b"PK"):
        reader = os.environ.get(READER_VARIABLE) or "fast"
        if reader not in READERS:
            raise UsageError(
                f"{READER_VARIABLE} is {reader!r}: set it to fast or openpyxl (or leave it unset)"
            )
        check_archive(path, max_unzipped_bytes)
        if suffix == ".xlsx" and reader == "fast":
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


def _encrypted(path: Path) -> bool:
    """Whether an OLE file holds an `EncryptedPackage` stream: the .xlsx inside it is encrypted
    with a password (Excel's File > Info > Protect Workbook). Its name, as the file's directory
    writes it (UTF-16), is searched for a megabyte at a time."""
    name = "EncryptedPackage".encode("utf-16-le")
    tail = b""
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            if name in tail + block:
                return True
            tail = block[-len(name) :]
    return False
