"""The Appendix A layout's heading row: which column is which, and the report period it names."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from itertools import takewhile

from msgspec import Struct, field

from perfcli.domain.marks import HEADINGS
from perfcli.domain.period_parsing import find_periods, most_specific, parse_period
from perfcli.domain.periods import Period, PeriodKind
from perfcli.errors import PeriodError
from perfcli.importers.grid import Cell, Sheet, column_letter
from perfcli.importers.layout import joined_heading
from perfcli.importers.measures import Context
from perfcli.importers.problems import Problem, period_correction

ROLES = {
    "id": "id",
    "measure id": "id",
    "measure": "code",
    "measure code": "code",
    "code": "code",
    "indicator": "code",
    "description": "description",
    "measure description": "description",
    "indicator description": "description",
    "aim": "aim",
    "polarity": "aim",
    "comparator": "comparator",
    "benchmark": "comparator",
    "target": "comparator",
    "national average": "comparator",
    # The printed marks' columns (Rating, Progress, Direction of Travel, RAG ...): marks.HEADINGS.
    **{heading: column.value for heading, column in HEADINGS.items()},
    "commentary": "commentary",
    "comments": "commentary",
    "comment": "commentary",
    "narrative": "commentary",
    "section": "section",
    "layer": "section",
    "outcome": "outcome",
    "strategic outcome": "outcome",
    "unit": "unit",
    "frequency": "frequency",
    "basis": "basis",
    "period basis": "basis",
    "override": "override",
    "rating override": "override",
    "override reason": "override_reason",
    "owner": "owner",
    "service owner": "owner",
}


class Header(Struct):
    row: int
    columns: dict[str, int]
    current: tuple[int, Period]
    previous: tuple[int, Period] | None
    extra: dict[str, int] = field(default_factory=dict)
    # A heading typed across two cells (`Mea` | `sure`): its first column -> its last.
    joined: dict[int, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _role(text: str, value: object = None) -> tuple[str, Period | None] | None:
    lower = " ".join(text.lower().replace("\n", " ").split())
    if lower in ROLES:
        return ROLES[lower], None
    if "".join(lower.split()) in ROLES:  # `Mea-sure` wrapped by hand: `Mea\nsure`
        return ROLES["".join(lower.split())], None
    bare = _bare_period(" ".join(text.split()), value)
    if bare is not None:
        return "performance", bare
    match = re.fullmatch(r"(.+?)\s+performance|performance\s+(.+)", lower)
    if match:
        label = match.group(1) or match.group(2)
        return "performance", parse_period(label)
    noted = _NOTED.fullmatch(lower)
    if noted:  # `2024/25 Performance (Q1)`, `… (provisional)`, `… *`: had been passed over
        try:
            period = parse_period(noted[1])
        except PeriodError:
            return None  # a title's words (`Adults Performance (2023/24)`), not a column's
        return "performance", _narrowed(period, noted[2])
    if lower.endswith(" target"):
        return "comparator", None
    if lower.endswith("quartile"):
        return "quartile", None
    return None


# A performance heading with a note after it, in brackets or as a footnote's stars.
_NOTED = re.compile(r"(.+?)\s+performance\s*(\(.*\)|\[.*\]|\*+)")


def _narrowed(period: Period, note: str) -> Period:
    """The period a heading's note names within its own (`(Q1)`, `(April to June 2024)`,
    `(Position at March 2024)`); the heading's period where the note names none in it."""
    found = most_specific([m for m in find_periods(note, within=period) if m.period is not None])
    return found if found is not None and period.contains(found) else period


def _bare_period(heading: str, value: object) -> Period | None:
    """A heading that is only a period: `2023/24`, `Q1 2024/25`, `Apr-Jun 2024`, or `Mar-24`
    that Excel turned into a date. Not a bare number (`2024` may head anything)."""
    if isinstance(value, (date, datetime)):
        return Period.snapshot(_month_end(value))
    if not re.search(r"\d", heading) or heading.isdigit():
        return None
    try:
        return parse_period(heading)
    except PeriodError:
        if _YEAR_LIKE.fullmatch(heading):  # `2024/34`, `Q5 2024/25`: a period mistyped
            raise
        return None


# A heading written as a financial year, with or without its quarter, whatever the digits say.
_YEAR_LIKE = re.compile(r"(?:q\d+\s*)?\d{4}\s*[/-]\s*\d{2,4}(?:\s*-?\s*q\d+)?", re.I)


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def find_header(sheet: Sheet) -> Header | None:
    """The first row that names Measure, Description and a '<period> Performance' column."""
    for number in sorted(sheet.rows):
        header = header_at(sheet, number)
        if header is not None:
            return header
    return None


_DESCRIPTIONS = frozenset({"description", "measure description", "indicator description"})


def header_at(sheet: Sheet, number: int) -> Header | None:
    cells = sheet.rows[number]
    if not _names_description(cells):
        return None
    columns: dict[str, int] = {}
    joined: dict[int, int] = {}
    problems: list[Problem] = []
    performance: list[tuple[int, Period]] = []
    ordered = sorted(cells.items())
    for index, (column, cell) in enumerate(ordered):
        if column in joined.values():
            continue
        role = _heading_role(sheet, cell, problems)
        following = ordered[index + 1][1] if index + 1 < len(ordered) else None
        if role is None and following is not None and following.column == column + 1:
            heading = joined_heading(cell.text, following.text)
            if heading and _heading_role(sheet, following, []) is None:
                role = _role(heading)
                if role is not None:
                    joined[column] = following.column
        if role is None:
            continue
        name, period = role
        if name == "performance" and period is not None:
            performance.append((column, period))
        else:
            columns.setdefault(name, column)
    if "description" not in columns or not ({"code", "id"} & columns.keys()) or not performance:
        return None
    if "rating" in columns and "comparator" not in columns:
        columns["comparator"] = columns.pop("rating")
    if sheet.merged:
        problems.extend(_merged_over_cells(sheet, number))
    ordered_periods = sorted(performance, key=lambda item: item[1].sort_key(), reverse=True)
    return Header(
        number, columns, ordered_periods[0],
        ordered_periods[1] if len(ordered_periods) > 1 else None,
        joined=joined, problems=problems,
    )  # fmt: skip


def merged_heading(sheet: Sheet) -> tuple[Cell, str] | None:
    """A heading (`Measure`) merged across the columns beside it (A5:C5), whose headings the
    merge emptied, and the merged range: why a sheet has no header row it can be read by."""
    for top, first, bottom, last in sheet.merged:
        heading = sheet.rows.get(top, {}).get(first)
        if last == first or heading is None:
            continue
        try:
            role = _role(heading.text, heading.value)
        except PeriodError:
            continue
        if role is not None and role[0] != "performance":  # a title `Performance 2023/24`
            return heading, f"{column_letter(first)}{top}:{column_letter(last)}{bottom}"
    return None


def _merged_over_cells(sheet: Sheet, number: int) -> list[Problem]:
    """A heading merged across columns (`2023/24 Performance` over E5:F5) with cells below it
    in the columns it covers past its first, down to the next heading row: they are under no
    heading, and were dropped without a word (a year's previous figures)."""
    problems = []
    for top, first, bottom, last in sheet.merged:
        if last == first or not top <= number <= bottom:
            continue
        below = (
            sheet.rows[row][column]
            for row in takewhile(
                lambda row: not _names_description(sheet.rows[row]),
                sorted(row for row in sheet.rows if row > bottom),
            )
            for column in range(first + 1, last + 1)
            if column in sheet.rows[row]
        )
        stray = next(below, None)
        if stray is None:
            continue
        span = f"{column_letter(first)}{top}:{column_letter(last)}{bottom}"
        heading = sheet.rows.get(top, {}).get(first)
        named = f"the heading {heading.text!r}" if heading else "a heading"
        columns = column_letter(first + 1) + (f":{column_letter(last)}" if last > first + 1 else "")
        located = sheet.error(
            f"{named} is merged across {span}, over cells below it in column {columns}"
            f" ({stray.ref}: {stray.text!r}), which are under no heading",
            f"{column_letter(first)}{top}",
            hint=f"unmerge {span} and give column {columns} a heading of its own",
        )
        problems.append(Problem(located, f"column {columns} not read"))
    return problems


def _names_description(cells: dict[int, Cell]) -> bool:
    """Whether a row has a Description heading, as every heading row does: asked of each row
    below a heading (whether it repeats it), and most are not, so each text is lowered only
    where it is long enough to be one (20,000 rows: 19 ms -> 9)."""
    for cell in cells.values():
        text = cell.text
        if len(text) > 10 and text.lower().strip() in _DESCRIPTIONS:  # `description`: 11
            return True
    return False


def _heading_role(
    sheet: Sheet, cell: Cell, problems: list[Problem]
) -> tuple[str, Period | None] | None:
    """A heading's role; a period typo with one reading (`2023/34 Performance`) is read as meant."""
    try:
        return _role(cell.text, cell.value)
    except PeriodError as error:
        located = sheet.error(
            f"column heading {cell.text!r}: {error.message}", cell.ref, hint=error.hint
        )
        corrected = period_correction(cell.text, error)
        if corrected is None:
            raise located from None
        problems.append(Problem(located, f"read as {corrected!r}"))
        return _role(corrected, None)


def report_period(sheet: Sheet, header: Header, ctx: Context, problems: list[Problem]) -> Period:
    """The report's period: --period, else the title where it agrees with the current column.

    A title's position (`Position at March 2024`) is the column's period up to then. A title
    naming a period the column does not (`Performance 2024/25` over `2023/24 Performance`) is an
    error naming both; the column's period is used.
    """
    if ctx.period is not None:
        return ctx.period
    current = header.current[1]
    agreeing: list[Period] = []
    clash: tuple[Cell, Period] | None = None
    for number in sorted(n for n in sheet.rows if n < header.row):
        for cell in sheet.rows[number].values():
            if "strategic plan" in cell.text.lower():
                continue
            for match in find_periods(cell.text):
                found = match.period
                if found is None or found.kind is PeriodKind.MULTI_YEAR:
                    continue
                if current.contains(found) or found.contains(current):
                    agreeing.append(_position_in(current, found))
                elif clash is None:
                    clash = (cell, found)
    if agreeing:
        return min(agreeing, key=lambda p: (p.end - p.start, -p.end.toordinal()))
    if clash is not None:
        cell, found = clash
        heading = sheet.rows[header.row][header.current[0]]
        problems.append(Problem(
            sheet.error(
                f"the title {cell.text!r} (cell {cell.ref}) says {found.display}, but the"
                f" column heading {heading.text!r} says {current.display}",
                heading.ref,
                hint="correct the title or the heading, or pass --period",
            ),
            f"read as {current.display}, the column's period",
        ))  # fmt: skip
    return current


# The periods a report's column can name that run from a month to a month.
_SPANS = frozenset({
    PeriodKind.FINANCIAL_YEAR, PeriodKind.QUARTER, PeriodKind.YEAR_TO_DATE, PeriodKind.MONTHS,
    PeriodKind.ACADEMIC_YEAR, PeriodKind.CALENDAR_YEAR,
})  # fmt: skip


def _position_in(current: Period, found: Period) -> Period:
    """A title's period as the report it names: a position at a month's end inside the column's
    period is that period up to the month, as a report's title gives it (`Performance report
    2023/24 – position at March 2024` is the year's report, seed 002; `2021/22 – position at
    November 2021` April to November, seed 003); any other is itself."""
    if found.kind is not PeriodKind.SNAPSHOT or not found.is_end_of_month:
        return found
    if found.end == current.end:
        return current
    if current.kind not in _SPANS or not current.contains(found):
        return found
    return Period.month_range(
        current.start.year, current.start.month, found.end.year, found.end.month
    )
