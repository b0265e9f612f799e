"""Turn input files into an ImportBatch: measures, observations and report lines, checked."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from perfcli.domain.records import ImportBatch, Problem
from perfcli.errors import InputError, quoted
from perfcli.importers.grid import Sheet, column_letter
from perfcli.importers.measures import Context
from perfcli.importers.sheets import read_sheets
from perfcli.location import Location


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_file(path: Path, ctx: Context) -> ImportBatch:
    """Read one file of any supported layout into a batch.

    A file that cannot be read at all raises one located error; a cell or row that cannot be
    read is a problem kept in the batch, and the rest of the file is read.
    """
    with _keeping_all():
        return _read_file(path, ctx)


@contextmanager
def _keeping_all() -> Iterator[None]:
    """The cyclic collector paused: a read keeps nearly every object it makes (cells, then
    records), so a collection run again and again over the growing heap finds nothing."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _read_file(path: Path, ctx: Context) -> ImportBatch:
    # Imported here, not at the top: `measures`, `validate`, `rate` and `returns status` on a
    # workspace load this package and read no dashboard (6-11 ms of imports each, -X importtime).
    from perfcli.importers import appendix_a, appendix_header, theme_dashboard, theme_header, tidy

    sheets = read_sheets(
        path,
        max_bytes=ctx.max_bytes,
        max_unzipped_bytes=ctx.max_unzipped_bytes,
        max_cells=ctx.max_cells,
    )
    batch = ImportBatch(path, file_sha256(path))
    if path.suffix.lower() in (".xlsm", ".xltm"):
        batch.note(
            Location(path.name),
            "a macro-enabled workbook; perfcli reads its cells and never runs its macros",
        )
    if all(not sheet.rows for sheet in sheets):
        raise InputError(
            "is empty", file=path, sheet=sheets[0].name if len(sheets) == 1 else None,
            hint="save the dashboard's figures in it first, or leave it out of the import",
        )  # fmt: skip
    for sheet in sheets:  # before any reader looks: an owner's return's words too
        if not sheet.hidden or ctx.include_hidden:
            _direction_controls(path, sheet, batch)
    if ctx.returns is not None:  # a return is known by its hidden sheet, which _visible leaves out
        try:
            if ctx.returns(path, sheets, ctx, batch):
                for sheet in sheets:  # an owner's `=SUM(...)` saved by a program, not Excel
                    _formulas_without_values(sheet, batch)
                return batch
        except InputError as error:
            raise ReturnRefused.of(error) from error
    sheets = _visible(path, sheets, ctx, batch)
    for sheet in sheets:
        if sheet.merged:
            _hidden_by_merges(path, sheet, batch)
    # Definitions first, then dashboards, then tidy figures: each read sees the measures before it.
    plans: list[tuple[int, Sheet, int, Callable[[], None]]] = []
    for sheet in sheets:
        if not sheet.rows:
            continue
        themed = theme_header.find_header(sheet)
        if themed is not None:
            plans.append(
                (1, sheet, themed.row, partial(theme_dashboard.read, sheet, themed, ctx, batch))
            )
            continue
        found = appendix_header.find_header(sheet)
        if found is not None:
            plans.append((1, sheet, found.row, partial(appendix_a.read, sheet, found, ctx, batch)))
            continue
        found_tidy = tidy.find_header(sheet)
        if found_tidy is not None:
            kind, header = found_tidy
            reader = tidy.read_definitions if kind == "definitions" else tidy.read_observations
            order = 0 if kind == "definitions" else 2
            plans.append((order, sheet, header.row, partial(reader, sheet, header, ctx, batch)))
    if not plans:
        first = next((sheet for sheet in sheets if sheet.rows), None)
        if first is None:
            raise InputError("has nothing to read but hidden sheets or rows", file=path,
                             hint="pass --include-hidden to read them")  # fmt: skip
        merged = appendix_header.merged_heading(first)
        if merged is not None:
            heading, span = merged
            raise first.error(
                f"no recognisable header row: the heading {heading.text!r} is merged across"
                f" {span}, over the headings beside it",
                heading.ref,
                hint=f"unmerge {span} and give each column its heading",
            )
        raise first.error("no recognisable header row", hint=LOOKED_FOR)
    for _, sheet, _, read in sorted(plans, key=lambda plan: plan[0]):
        _formulas_without_values(sheet, batch)
        read()
    if not batch.measures and not batch.problems:
        first_sheet, row = plans[0][1], plans[0][2]
        raise NoMeasures(
            f"holds no measures: a header on row {row} and no measure rows below it",
            file=path, sheet=first_sheet.name,
            hint="perfcli reads the rows below the header that have a code (e.g. ASCOF 2A or Local) and a description",
        )  # fmt: skip
    return batch


class ReturnRefused(InputError):
    """A service owner's return refused whole (another workspace's or period's, a locked cell
    changed): among several files, one problem of many rather than the end of the reading."""

    @classmethod
    def of(cls, error: InputError) -> ReturnRefused:
        return cls(error.message, file=error.file, sheet=error.sheet, cell=error.cell,
                   hint=error.hint)  # fmt: skip


class NoMeasures(InputError):
    """A layout perfcli knows, with no measures in it yet (`perfcli init`'s blank workbook)."""


LOOKED_FOR = (
    "expected columns Measure, Description, Aim and '<period> Performance' (Appendix A),"
    " or Measure, Period, Value (tidy table),"
    " or Description, Quartile position, Direction of Travel, 'End of Yr <period>' (theme dashboard)"
)


def _visible(path: Path, sheets: list[Sheet], ctx: Context, batch: ImportBatch) -> list[Sheet]:
    """The sheets and rows a reader sees in Excel: hidden ones are left out, and said so."""
    if ctx.include_hidden:
        return sheets
    shown = []
    for sheet in sheets:
        if sheet.hidden:
            if sheet.rows:
                batch.note(
                    Location(path.name, sheet.name),
                    "a hidden sheet, not read (--include-hidden reads it)",
                )
            continue
        rows = sorted(sheet.hidden_rows & sheet.rows.keys())
        if rows:
            for number in rows:
                del sheet.rows[number]
            listed = ", ".join(str(n) for n in rows[:10]) + (" …" if len(rows) > 10 else "")
            batch.note(
                Location(path.name, sheet.name),
                f"hidden {'row' if len(rows) == 1 else 'rows'} {listed} not read"
                " (--include-hidden reads them)",
            )
        shown.append(sheet)
    return shown


def _direction_controls(path: Path, sheet: Sheet, batch: ImportBatch) -> None:
    """Each cell that holds a character reordering the text around it (U+202E and the other
    direction controls, "Trojan Source"), in any layout, read without it, and a warning at the
    cell: `7<U+202E>15.1k` had been read as 7 and words, a heading `Measure<U+202E>` as no
    heading. Documents are written without them too (report.document). A cell's text is
    searched only when it is not ASCII, which holds none (7 ms over 140,000 cells)."""
    from perfcli.domain.values import DIRECTION_CONTROLS

    for row in sheet.rows.values():
        for column, cell in row.items():
            text = cell.text
            if not text.isascii() and DIRECTION_CONTROLS.search(text):
                value = cell.value
                if isinstance(value, str):  # an owner's commentary is read from the value
                    value = DIRECTION_CONTROLS.sub("", value)
                row[column] = cell._replace(
                    text=DIRECTION_CONTROLS.sub("", text).strip(), value=value
                )
                batch.note(
                    Location(path.name, sheet.name, cell.ref),
                    "the cell holds a character that reorders the text around it (a right-to-left"
                    " override or another direction control): it is read, and reported, without it",
                    hint="delete it in the workbook",
                )


def _hidden_by_merges(path: Path, sheet: Sheet, batch: ImportBatch) -> None:
    """Each cell a merged range hides (any but its top-left, which Excel shows across the
    range) that still holds something: not read, as Excel does not show it, and a warning at
    the cell. A trial's 539.9k under G16:H16 was rated as the previous year's figure, with no
    word, while Excel showed only G16."""
    for top, first, bottom, last in sheet.merged:
        span = f"{column_letter(first)}{top}:{column_letter(last)}{bottom}"
        for number in range(top, bottom + 1):
            row = sheet.rows.get(number)
            if not row:
                continue
            for column in [c for c in row if first <= c <= last and (number, c) != (top, first)]:
                cell = row.pop(column)
                batch.note(
                    Location(path.name, sheet.name, cell.ref),
                    f"{quoted(cell.text)} is hidden under the merged cells {span} (Excel shows"
                    f" only {column_letter(first)}{top}): not read",
                    hint="unmerge the cells in the workbook if it belongs in the table",
                )


def _formulas_without_values(sheet: Sheet, batch: ImportBatch) -> None:
    """A problem at each cell whose formula has no value saved with it, read as empty."""
    for ref in sheet.missing_values:
        batch.problems.append(Problem(
            sheet.error(
                "formula with no saved value (the workbook was written by a program and never saved in Excel)",
                ref, hint="open it in Excel or LibreOffice, save it, and import again",
            ),
            "figure not imported",
        ))  # fmt: skip
