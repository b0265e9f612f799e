"""Read .xlsx and .csv files into grids of cells holding the text a reader sees."""

from __future__ import annotations

import csv
import os
import re
import stat
import warnings
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from perfcli.errors import InputError
from perfcli.importers.excel_format import render

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm"}
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
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
# Which reader opens .xlsx files: "fast" (python-calamine, openpyxl where it cannot) or "openpyxl".
READER_VARIABLE = "PERFCLI_READER"


@lru_cache(maxsize=256)
def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# A named tuple: a sheet of 20,000 measures holds 140,000 cells, each made as fast as a tuple
# (a frozen dataclass's __init__ is four times slower) and as small.
class Cell(NamedTuple):
    row: int
    column: int
    text: str
    value: object = None
    number_format: str | None = None

    @property
    def ref(self) -> str:
        return f"{column_letter(self.column)}{self.row}"


@dataclass(frozen=True, slots=True)
class CellRef:
    """A cell's address as numbers, made into words (`E7`) only when a finding names it."""

    row: int
    column: int

    def __str__(self) -> str:
        return f"{column_letter(self.column)}{self.row}"


@dataclass
class Sheet:
    file: Path
    name: str | None
    rows: dict[int, dict[int, Cell]] = field(default_factory=dict)
    missing_values: list[str] = field(default_factory=list)
    # Recorded, not acted on: hidden sheets and rows are read like any other.
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()

    def error(
        self, message: str, cell: str | CellRef | None = None, hint: str | None = None
    ) -> InputError:
        where = cell if cell is None or isinstance(cell, str) else str(cell)
        return InputError(message, file=self.file, sheet=self.name, cell=where, hint=hint)


_NO_FIGURE = re.compile(r"^(n/?a|-|–)$", re.I)


def number_at(sheet: Sheet, cell: Cell | None, what: str) -> float | None:
    """A table's cell read as a number (`£1,098`, `0.52`); an empty cell, `n/a`, `-` or `–` is
    none; any other text is one error naming the cell."""
    from perfcli.domain.values import parse_value
    from perfcli.errors import PerfcliError

    if cell is None:
        return None
    try:
        parsed = parse_value(cell.text)
    except PerfcliError as error:
        raise sheet.error(error.message, cell.ref, hint=error.hint) from None
    if parsed.figure is None and parsed.reason and not _NO_FIGURE.match(parsed.reason):
        raise sheet.error(f"{what} {cell.text!r} is not a number", cell.ref)
    return parsed.value


def find_columns(
    sheet: Sheet, role_of: Callable[[str], str | None], required: set[str], *, within: int = 20
) -> tuple[int, dict[str, int]] | None:
    """The first of the sheet's first `within` rows that names every `required` column, as
    (row, role -> column); `role_of` reads a heading's role (None for none)."""
    for number in sorted(sheet.rows)[:within]:
        columns: dict[str, int] = {}
        for column, cell in sorted(sheet.rows[number].items()):
            role = role_of(cell.text)
            if role:
                columns.setdefault(role, column)
        if required <= columns.keys():
            return number, columns
    return None


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
        raise _unreadable(path, error) from None
    suffix = path.suffix.lower()
    if suffix == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            "is an old-style .xls workbook",
            file=path,
            hint="save it as .xlsx in Excel and import that",
        )
    if suffix in EXCEL_SUFFIXES or head.startswith(b"PK"):
        _check_archive(path, max_unzipped_bytes)
        if suffix == ".xlsx" and os.environ.get(READER_VARIABLE) != "openpyxl":
            from perfcli.importers.fast_xlsx import read_workbook

            sheets = read_workbook(path, max_cells)
            if sheets is not None:
                return sheets
        return _read_workbook(path, max_cells)
    if suffix in CSV_SUFFIXES:
        return [_read_csv(path)]
    raise InputError(
        f"unknown file type {suffix or '(none)'}", file=path, hint="perfcli reads .xlsx and .csv"
    )


def regular_file(path: Path) -> os.stat_result:
    """The file's status, refused unless it is a regular file: a pipe or a device (a link to
    /dev/urandom) would never end, so it is not opened at all."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise InputError(
            "is not a regular file (a pipe or a device); perfcli reads saved files only", file=path
        )
    return status


def _unreadable(path: Path, error: OSError) -> InputError:
    """A file the system will not give us: no permission, or a failing disk."""
    reason = "permission denied" if isinstance(error, PermissionError) else error.strerror
    return InputError(f"cannot be read ({reason or error})", file=path)


def _check_archive(path: Path, limit: int | None) -> None:
    """Refuse a zip bomb before anything is decompressed (the sizes are in the zip's index),
    and an XML bomb before either reader parses a part."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
            if limit is not None and total > limit:
                raise InputError(
                    f"unpacks to {total:,} bytes, over the limit of {limit:,}",
                    file=path,
                    hint="raise max_unzipped_mb under [import] in perfcli.toml if this workbook"
                    " is genuine",
                )
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    with archive.open(info) as stream:
                        if prolog_declares_dtd(stream.read(PROLOG)):
                            raise xml_bomb(path)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError):
        return  # _read_workbook reports a damaged (or encrypted) file


# How far into a part its root element must start: real prologs are a line long.
PROLOG = 65_536


class _Root(Exception):
    """The root element: the prolog, where a DTD could be, is over."""


class _Doctype(Exception):
    """A DTD (or an entity) declared."""


def prolog_declares_dtd(head: bytes) -> bool | None:
    """Whether an XML part's prolog declares a DTD or an entity: parsed (by expat, which expands
    nothing it is not asked to) up to the root element, since a string search would be fooled
    by a comment, a processing instruction or an encoding. None if no root element is found."""
    from xml.parsers import expat

    parser = expat.ParserCreate()

    def doctype(*_: object) -> None:
        raise _Doctype

    def root(*_: object) -> None:
        raise _Root

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = root
    try:
        parser.Parse(head, False)
    except _Doctype:
        return True
    except _Root:
        return False
    except expat.ExpatError:
        return None
    return None


def _read_workbook(path: Path, max_cells: int) -> list[Sheet]:
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
            raise InputError(
                "is not an Excel workbook (.xlsx) or is damaged",
                file=path,
                hint=type(error).__name__,
            ) from None
        except Exception as error:  # openpyxl raises many kinds on malformed parts
            raise InputError(f"cannot be read as a workbook: {error}", file=path) from None
        try:
            return [_read_worksheet(path, workbook, ws, max_cells) for ws in workbook.worksheets]
        except DefusedXmlException:
            raise refused from None
        finally:
            workbook.close()


def xml_bomb(path: Path) -> InputError:
    return InputError(
        "holds XML entity or DTD declarations (a possible XML bomb); perfcli refuses to read it",
        file=path,
        hint="open it in Excel, save it as a new .xlsx, and import that",
    )


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
    if archive is not None and part is not None:
        xml = archive.read(part)
        check_extent(sheet, xml, max_cells)
        sheet.missing_values = formulas_without_values(xml)
        sheet.hidden_rows = hidden_rows(xml)
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
    except (IndexError, KeyError, ValueError, TypeError, OverflowError) as error:
        # A damaged part: a shared string past the table, a number that is no number.
        raise sheet.error(
            f"cannot be read after cell {where} ({type(error).__name__}: {error})",
            hint="open it in Excel, save it as a new .xlsx, and import that",
        ) from None
    return sheet


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


def column_index(letters: str) -> int:
    """A -> 1, AA -> 27."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


# Whether a sheet has any formula, or any row marked hidden: most have none, and these searches
# take half the time of `in` (`<f` found by its rarer letter, then a look back: a third).
_ANY_FORMULA = re.compile(rb"f(?<=<f)")
_ANY_HIDDEN = re.compile(rb"hidden=")


def formulas_without_values(xml: bytes) -> list[str]:
    """The cells of a worksheet's XML that hold a formula and no saved value."""
    if not _ANY_FORMULA.search(xml):
        return []
    return [ref.decode() for ref in _FORMULA_NO_VALUE.findall(xml)]


def hidden_rows(xml: bytes) -> frozenset[int]:
    """The numbers of the rows a worksheet's XML marks hidden."""
    if not _ANY_HIDDEN.search(xml):
        return frozenset()
    return frozenset(int(row) for row in _HIDDEN_ROW.findall(xml))


def _encoding(path: Path) -> str:
    """UTF-16 by its mark, else UTF-8 if every byte of the file is UTF-8, else Windows-1252."""
    import codecs

    with path.open("rb") as handle:
        head = handle.read(4096)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16"
        unmarked = _utf16_without_mark(head)
        if unmarked:
            return unmarked
        if b"\x00" in head:
            raise InputError("is not a text CSV file (it holds binary data)", file=path)
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for block in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            # A mark says UTF-8 but a stray byte does not: read as Windows-1252, mark dropped.
            return CP1252_AFTER_MARK if head.startswith(codecs.BOM_UTF8) else "cp1252"
    return "utf-8-sig"


# Windows-1252 text that begins with UTF-8's byte-order mark, which is skipped.
CP1252_AFTER_MARK = "cp1252 after a UTF-8 mark"


def _utf16_without_mark(head: bytes) -> str | None:
    """UTF-16 saved without its mark: text of Latin letters has a NUL byte beside each one."""
    pairs = len(head) // 2
    if pairs < 4:
        return None
    if head[1 : pairs * 2 : 2].count(0) == pairs and head[0 : pairs * 2 : 2].count(0) == 0:
        return "utf-16-le"
    if head[0 : pairs * 2 : 2].count(0) == pairs and head[1 : pairs * 2 : 2].count(0) == 0:
        return "utf-16-be"
    return None


def csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """A CSV file's rows, numbered from 1, read as a stream: a national table is never whole
    in memory. Comma, semicolon, tab or bar separated, as the first rows show."""
    try:
        regular_file(path)
        encoding = _encoding(path)
    except OSError as error:
        raise _unreadable(path, error) from None
    skip = encoding == CP1252_AFTER_MARK
    with path.open(encoding="cp1252" if skip else encoding, newline="") as handle:
        try:
            start = len(handle.read(3)) if skip else 0
            sample = handle.read(8192)
            handle.seek(start)
            yield from enumerate(csv.reader(handle, _dialect(sample)), start=1)
        except UnicodeDecodeError:
            raise InputError("is not text in UTF-8 or Windows-1252", file=path) from None
        except csv.Error as error:
            raise InputError(f"is not a readable CSV file: {error}", file=path) from None


DELIMITERS = ",;\t|"


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """How the file separates its fields: comma, semicolon (Excel in much of Europe), tab or bar.

    A title line above the table has no separator, and trips the standard library's sniffer:
    then the separator that the most lines hold is taken.
    """
    lines = sample.splitlines()[:-1] or sample.splitlines()  # the last may be cut short
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS)
    except csv.Error:
        pass
    counts = {d: sum(d in line for line in lines) for d in DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    if counts[best] == 0:
        return csv.excel

    class Found(csv.excel):
        delimiter = best

    return Found


def _read_csv(path: Path) -> Sheet:
    sheet = Sheet(path, None)
    for r, row in csv_rows(path):
        for c, value in enumerate(row, start=1):
            value = value.strip()
            if value:
                sheet.rows.setdefault(r, {})[c] = Cell(r, c, value, value)
    return sheet
