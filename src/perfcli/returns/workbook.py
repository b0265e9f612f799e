"""A return's workbook: the cover, the Return sheet's locked cells and cells to fill, the seal."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from perfcli.config import Officer
from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Measure
from perfcli.domain.period_parsing import parse_period
from perfcli.returns import (
    AIM,
    CELLS_FROM,
    CODE,
    COMMENTARY,
    COMPARATOR,
    COVER_SHEET,
    DENOMINATOR,
    FIGURE,
    FIRST_ROW,
    FOR_PERIOD,
    FORECAST,
    HEADER_ROW,
    HEADINGS,
    LAST_COLUMN,
    LAST_COMMENTARY,
    MEASURE,
    NUMERATOR,
    PAST,
    REQUIRED_WHEN,
    RETURN_SHEET,
    SEAL_MARK,
    SEAL_ROWS,
    SEAL_SHEET,
    VERSION,
    Identity,
    Row,
    approver_rows,
    cell_seal,
    owner_named,
    whole_seal,
)  # fmt: skip
from perfcli.workspace import Folder

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

INPUTS = (FIGURE, NUMERATOR, DENOMINATOR, FORECAST, COMMENTARY)
UNIT_WORDS = {
    Unit.PERCENT: "a percentage from 0 to 100 (type 87.1 for 87.1%)",
    Unit.COUNT: "a whole number, 0 or more",
    Unit.RATE_PER_100K: "a rate per 100,000, 0 or more",
    Unit.HOURS: "a number of hours, 0 or more",
    Unit.CURRENCY: "an amount in pounds",
    Unit.RATIO: "a number, 0 or more",
    Unit.NUMBER: "a number, 0 or more",
}
AIM_WORDS = {
    Aim.HIGH: "higher is better", Aim.LOW: "lower is better", Aim.BAND: "within the band",
    Aim.INFO: "for information only",
}  # fmt: skip


class Planned(Struct, frozen=True):
    """One measure's row on a return: what is known about it, and where its figure goes."""

    measure: Measure
    row: Row
    comparator: str
    past: list[str]
    last_commentary: str
    has_parts: bool
    forecast: bool
    required_when: str = ""
    # False where the figure's period has not ended by the report date (a year, in a quarter's
    # return): its cell is locked, and the row asks for the year-end forecast instead.
    figure_open: bool = True


def return_workbook(
    folder: Folder, identity: Identity, key: bytes, planned: list[Planned], due: date | None
) -> Any:
    from openpyxl import Workbook

    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = COVER_SHEET
    sheet = book.create_sheet(RETURN_SHEET)
    _cover(cover, folder, identity, due, len(planned))
    _table(sheet, planned)
    _seal(book.create_sheet(SEAL_SHEET), sheet, identity, key, len(planned), due)
    _inert(book)
    book.active = 1
    return book


def _inert(book: Any) -> None:
    """Every text written as text: openpyxl takes one starting with `=` (a description typed as
    `=HYPERLINK(...)`, or a DDE `=cmd|...`) for a formula, which Excel would run on the owner's
    machine. perfcli writes no formula of its own."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def _collects_figures(words: str) -> bool:
    lower = words.lower()
    return "intelligence" in lower or "performance" in lower or "insight" in lower


def _contact(folder: Folder) -> str:
    officers = [o for c in folder.config.committees.values() for o in c.officers
                if isinstance(o, Officer)]  # fmt: skip
    # The officer who collects the figures: one in performance or business intelligence, by
    # role or department (the committee's first officer is usually its director).
    chosen = next((o for o in officers if _collects_figures(f"{o.role} {o.department}")),
                  officers[0] if officers else None)  # fmt: skip
    if chosen is None:
        return "the performance team"
    return ", ".join(part for part in (chosen.name, chosen.role, chosen.email, chosen.telephone)
                     if part)  # fmt: skip


def _cover(
    cover: Worksheet, folder: Folder, identity: Identity, due: date | None, count: int
) -> None:
    from openpyxl.styles import Alignment, Font

    owner = owner_named(folder, identity.owner)
    period = parse_period(identity.period)
    council = folder.config.workspace.council or "the council"
    lines = [
        (f"Performance return: {period.display} ({period.long})", True),
        (council, False),
        ("", False),
        (f"For: {owner.name or identity.owner}" + (f", {owner.service}" if owner.service else ""),
         False),
        (f"Please return by: {due.strftime('%-d %B %Y') if due else 'the date you were given'}",
         True),
        ("", False),
        (f"What to fill in: the white cells on the sheet '{RETURN_SHEET}', {'one row for your measure' if count == 1 else f'one row for each of your {count:,} measures'}.", False),
        ("  Figure: this period's figure, as the unit in the row says; leave it empty if there is none yet.", False),
        ("  Numerator and Denominator: the counts behind a percentage, where the row asks for them.", False),
        ("  Year-end forecast: where the committee is given one.", False),
        ("  Commentary: why the figure moved, in a few plain sentences for the committee.", False),
        ("  Approved by and Date approved: the manager who agreed the return, below the table.", False),
        ("", False),
        ("Commentary is required when the figure misses its target or is not as good as last year: each row's last column says against which figures.", True),
        ("This workbook cannot tell until the figure is typed: perfcli checks it when the return comes back, and asks again if it is missing.", False),
        ("Grey cells are locked: please do not unprotect the sheets or change them; a return whose locked cells were changed is sent back.", False),
        ("", False),
        (f"Whom to ask: {_contact(folder)}", False),
    ]  # fmt: skip
    for number, (text, bold) in enumerate(lines, start=1):
        cell = cover.cell(row=number, column=1, value=text or None)
        cell.font = Font(bold=bold, size=14 if number == 1 else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cover.row_dimensions[number].height = 15 * (1 + len(text) // 90)
    # Narrow enough to print on A4 or Letter without the lines cut at the margin.
    cover.column_dimensions["A"].width = 80
    cover.protection.sheet = True


WIDTHS = {CODE: 14, MEASURE: 40, AIM: 12, COMPARATOR: 22, LAST_COMMENTARY: 40, FOR_PERIOD: 16,
          FIGURE: 12, COMMENTARY: 60, REQUIRED_WHEN: 36}  # fmt: skip


def _table(sheet: Worksheet, planned: list[Planned]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    grey = PatternFill("solid", fgColor="E7E6E6")
    sheet.cell(row=1, column=1, value="Fill in the white cells; the grey cells are locked.")
    sheet.cell(row=1, column=1).font = Font(bold=True)
    cell: Any
    for column, text in HEADINGS.items():
        cell = sheet.cell(row=HEADER_ROW, column=column, value=text)
        cell.font = Font(bold=True)
        cell.fill = grey
    for column in range(1, LAST_COLUMN + 1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(column, 18)
    open_cell = Protection(locked=False)
    for offset, plan in enumerate(planned):
        number = FIRST_ROW + offset
        measure = plan.measure
        shown = parse_period(plan.row.period).display
        locked = {
            CODE: measure.code, MEASURE: measure.description, AIM: AIM_WORDS[measure.aim],
            COMPARATOR: plan.comparator, LAST_COMMENTARY: plan.last_commentary,
            FOR_PERIOD: f"{shown}: {UNIT_WORDS.get(measure.unit, measure.unit.value)}"
            if plan.figure_open else f"{shown} has not ended: give its year-end forecast",
            REQUIRED_WHEN: plan.required_when,
        }  # fmt: skip
        for index, text in enumerate(plan.past):
            locked[PAST[index]] = text
        # Calc does not grow a row to fit wrapped text written by another program.
        lines = max(len(text) // (WIDTHS.get(column, 18) - 2) for column, text in locked.items()
                    if text)  # fmt: skip
        sheet.row_dimensions[number].height = 15 * (1 + lines)
        for column, text in locked.items():
            cell = sheet.cell(row=number, column=column, value=text or None)
            cell.fill = grey
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column in INPUTS:
            wanted = (column == COMMENTARY
                      or (column == FIGURE and plan.figure_open)
                      or (column in (NUMERATOR, DENOMINATOR) and plan.has_parts
                          and plan.figure_open)
                      or (column == FORECAST and plan.forecast))  # fmt: skip
            cell = sheet.cell(row=number, column=column)
            if wanted:
                cell.protection = open_cell
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.fill = grey
    _validate(sheet, planned)
    approver, approved = approver_rows(len(planned))
    sheet.cell(row=approver, column=CODE, value="Approved by").font = Font(bold=True)
    sheet.cell(row=approved, column=CODE, value="Date approved").font = Font(bold=True)
    for number in (approver, approved):
        sheet.cell(row=number, column=MEASURE).protection = open_cell
    sheet.cell(row=approved, column=MEASURE).number_format = "dd/mm/yyyy"
    sheet.freeze_panes = f"{get_column_letter(MEASURE + 1)}{FIRST_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.protection.sheet = True


def _validate(sheet: Worksheet, planned: list[Planned]) -> None:
    """Excel's and Calc's own checks on the cells to fill, by the measure's unit."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    def rule(kind: Any, operator: Any, low: str, high: str | None, words: str) -> DataValidation:
        found = DataValidation(type=kind, operator=operator, formula1=low, formula2=high,
                               allow_blank=True, showErrorMessage=True,
                               errorTitle="Not a figure perfcli can take", error=words)  # fmt: skip
        sheet.add_data_validation(found)
        return found

    percent = rule("decimal", "between", "0", "100", "A percentage from 0 to 100.")
    whole = rule("whole", "greaterThanOrEqual", "0", None, "A whole number, 0 or more.")
    positive = rule("decimal", "greaterThanOrEqual", "0", None, "A number, 0 or more.")
    figure = get_column_letter(FIGURE)
    for offset, plan in enumerate(planned):
        number = FIRST_ROW + offset
        unit = plan.measure.unit
        chosen = percent if unit is Unit.PERCENT else whole if unit is Unit.COUNT else positive
        if unit is not Unit.CURRENCY:
            chosen.add(f"{figure}{number}")
        if plan.has_parts:
            whole.add(f"{get_column_letter(NUMERATOR)}{number}")
            whole.add(f"{get_column_letter(DENOMINATOR)}{number}")
        if plan.forecast:
            positive.add(f"{get_column_letter(FORECAST)}{number}")
    approved = approver_rows(len(planned))[1]
    rule("date", "greaterThan", "36526", None, "A date, e.g. 14/07/2025.").add(
        f"{get_column_letter(MEASURE)}{approved}"
    )


def locked_refs(sheet: Worksheet, measures: int) -> list[str]:
    """Every cell of the Return sheet that holds locked content, in order."""
    refs = []
    last = approver_rows(measures)[1]
    for row in sheet.iter_rows(min_row=1, max_row=last, max_col=LAST_COLUMN):
        for cell in row:
            if cell.value is not None and cell.protection.locked:
                refs.append(cell.coordinate)
    return refs


def _seal(
    seal: Worksheet, sheet: Worksheet, identity: Identity, key: bytes, measures: int,
    due: date | None,
) -> None:  # fmt: skip
    values = {
        "mark": SEAL_MARK, "workspace": identity.workspace, "period": identity.period,
        "owner": identity.owner, "measures": identity.measures_text,
        "made": datetime.now(UTC).isoformat(timespec="seconds"),
        "due": due.isoformat() if due else None,
    }  # fmt: skip
    refs = locked_refs(sheet, measures)
    values["seal"] = whole_seal(key, identity, refs)
    for name, row in SEAL_ROWS.items():
        seal.cell(row=row, column=1, value=name)
        seal.cell(row=row, column=2, value=values[name])
    seal.cell(row=SEAL_ROWS["mark"], column=3, value=VERSION)
    for offset, ref in enumerate(refs):
        seal.cell(row=CELLS_FROM + offset, column=1, value=ref)
        seal.cell(row=CELLS_FROM + offset, column=2,
                  value=cell_seal(key, identity, ref, sheet[ref].value))  # fmt: skip
    seal.sheet_state = "veryHidden"
    seal.protection.sheet = True
