"""CSV files read as streamed rows, their encoding and separator found from their first bytes."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from perfcli.errors import InputError
from perfcli.importers.file_checks import regular_file, unreadable
from perfcli.importers.grid import Cell, Sheet


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
        raise unreadable(path, error) from None
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


def _dialect(sample: str) -> type[csv.Dialect]:
    """How the file is written: as RFC 4180 says (Excel's CSV: a quote inside a quoted field is
    doubled), with the separator it uses: comma, semicolon (Excel in much of Europe), tab or bar.

    Only the separator is taken from the standard library's sniffer: its guess that quotes are
    not doubled split `"Library visits (""branches"", 5, 4)"` at its commas, and read figures
    from the description. A title line above the table has no separator, and trips the sniffer:
    then the separator that the most lines hold is taken.
    """
    separator = _separator(sample)

    class Found(csv.excel):
        delimiter = separator

    return Found


def _separator(sample: str) -> str:
    lines = sample.splitlines()[:-1] or sample.splitlines()  # the last may be cut short
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        pass
    counts = {d: sum(d in line for line in lines) for d in DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_csv(path: Path) -> Sheet:
    sheet = Sheet(path, None)
    for r, row in csv_rows(path):
        for c, value in enumerate(row, start=1):
            value = value.strip()
            if value:
                sheet.rows.setdefault(r, {})[c] = Cell(r, c, value, value)
    return sheet
