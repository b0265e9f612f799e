"""Write the example workspace's workbooks from their CSV transcripts of the seed reports.

Each `examples/transcripts/leicestershire/<name>.csv` becomes `examples/leicestershire/data/<name>.xlsx`.
The transcripts are the source: their header comments name the seed report and table every figure
comes from, and examples/transcripts/README.md describes their rows. This script only lays them out
as the published dashboards are (titles, shaded banners merged across the table, bold headings).

Without --force a workbook that exists is kept.
Run from the repository root:  python scripts/build_example_workbooks.py [--force] [--out FOLDER]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parents[1]
TRANSCRIPTS = ROOT / "examples" / "transcripts" / "leicestershire"
OUT = ROOT / "examples" / "leicestershire" / "data"
# Excel's formats for the figures the dashboards print as numbers: 49.2%, 49% and 19.6k.
PCT = "0.0%"
PCT0 = "0%"
THOUSANDS = '#,##0.0,"k"'
FIGURE = re.compile(r"-?[\d,]+(\.\d+)?[%k]")
BANNER = PatternFill("solid", fgColor="DDEBF7")
TITLE_SIZES = {"title": 14, "subtitle": 12}


def cell_value(text: str) -> tuple[str | float | int | None, str | None]:
    """A transcript's cell as Excel holds it: `49.2%` is 0.492 shown as a percentage, `19.6k` is
    19600 shown in thousands, an apostrophe keeps a figure as text (as in Excel), and the rest is
    text as typed. The second item is the number format, None for text."""
    if text == "":
        return None, None
    if text.startswith("'"):
        return text[1:], None
    if not FIGURE.fullmatch(text):
        return text, None
    number = float(text[:-1].replace(",", ""))
    if text.endswith("%"):
        return number / 100, PCT if "." in text else PCT0
    return round(number * 1000), THOUSANDS


class Table:
    """The dashboard sheet, written a transcript row at a time."""

    def __init__(self, sheet: Worksheet, header: list[str]) -> None:
        self.sheet = sheet
        self.header = header

    def add(self, kind: str, cells: list[str]) -> None:
        if kind == "sheet":
            self.sheet.title = cells[0]
        elif kind == "width":
            for column, width in enumerate(cells, start=1):
                self.sheet.column_dimensions[get_column_letter(column)].width = int(width)
        elif kind in TITLE_SIZES:
            self.sheet.append(cells)
            self.last(1).font = Font(bold=True, size=TITLE_SIZES[kind])
        elif kind == "blank":
            self.sheet.append([])
        elif kind == "banner":
            self.banner(cells)
        elif kind == "head":
            self.sheet.append(cells or self.header)
            for column in range(1, len(self.header) + 1):
                self.last(column).font = Font(bold=True)
                self.last(column).alignment = Alignment(wrap_text=True)
        elif kind == "row":
            values = [cell_value(text) for text in cells]
            self.sheet.append([value for value, _ in values])
            for column, (_, number_format) in enumerate(values, start=1):
                if number_format is not None:
                    self.last(column).number_format = number_format
        else:
            raise ValueError(f"unknown row kind {kind!r}")

    def banner(self, cells: list[str]) -> None:
        """A layer or Strategic Plan row, shaded; a single text is merged across the table."""
        self.sheet.append(cells)
        for column in range(1, len(cells) + 1):
            self.last(column).font = Font(bold=True)
            self.last(column).fill = BANNER
        if len(cells) == 1:
            row = self.sheet.max_row
            self.sheet.merge_cells(
                start_row=row, start_column=1, end_row=row, end_column=len(self.header)
            )

    def last(self, column: int):  # type: ignore[no-untyped-def]  # openpyxl's Cell | MergedCell
        return self.sheet.cell(self.sheet.max_row, column)


def rows(path: Path) -> Iterable[list[str]]:
    """The transcript's rows, its `#` comment lines (the sources) left out."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(line for line in handle if not line.startswith("#"))


def build(transcript: Path) -> Workbook:
    """The workbook a transcript describes: its dashboard sheet, then a Notes sheet of its notes."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    lines = iter(rows(transcript))
    table = Table(sheet, next(lines)[1:])
    notes: list[str] = []
    for kind, *cells in lines:
        while cells and cells[-1] == "":
            cells.pop()
        if kind == "note":
            notes.append(cells[0] if cells else "")
        else:
            table.add(kind, cells)
    if notes:
        notes_sheet = workbook.create_sheet("Notes")
        for line in notes:
            notes_sheet.append([line])
        notes_sheet.column_dimensions["A"].width = 120
    return workbook


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write the workbooks to")
    parser.add_argument("--force", action="store_true", help="replace workbooks that exist")
    options = parser.parse_args(argv)
    out: Path = options.out
    out.mkdir(parents=True, exist_ok=True)
    for transcript in sorted(TRANSCRIPTS.glob("*.csv")):
        target = out / f"{transcript.stem}.xlsx"
        if target.exists() and not options.force:
            print(f"kept {target} (--force rebuilds it from its transcript)")
            continue
        build(transcript).save(target)
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
