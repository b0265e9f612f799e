"""The compendium's theme dashboards: one table per Strategic Plan theme, quartile and direction.

`Description | Quartile position | Direction of Travel | End of Yr 2023/24 | Target / Standard |
End of Yr 2022/23 | Polarity | Commentary`, with the theme in a `Theme` column, or in a banner row
(a row holding one text) above each table, or else the sheet's name; `Outcome: ...` rows name the
Strategic Plan outcome of the rows below. The quartile is kept as printed and read once into its
quartile, group and year (`perfcli.domain.quartiles`); the direction of travel is read once by
`domain.directions.parse_direction` (`↑` is improved) and kept as its value. Figures that lag
carry their own period (`340.2 (2022)`). Here the sheet: its heading rows, banners, outcomes and
footnotes; each indicator's row is read in theme_rows, its heading row in theme_header.
"""

from __future__ import annotations

import re

from msgspec.structs import replace

from perfcli.domain.records import ImportBatch
from perfcli.errors import InputError
from perfcli.importers.grid import Sheet, check_within_header
from perfcli.importers.measures import Context
from perfcli.importers.problems import Problem
from perfcli.importers.theme_header import ThemeHeader, header_at
from perfcli.importers.theme_rows import SheetState, read_row
from perfcli.location import Location

_FOOTNOTE = re.compile(r"^(\*+|[¹²³⁴⁵⁶⁷⁸⁹])\s*(.+)$")
# The Strategic Plan's outcome a run of indicators serves, on its own row above them.
_OUTCOME = re.compile(
    r"^(?:strategic plan\s+|supporting\s+)?outcome\s*(?:\d+\s*)?[:\-–]\s*(?P<text>.+)$", re.I
)
_NOT_A_THEME = re.compile(r"^(?:key|note|notes|source|sources)\b", re.I)


def read(sheet: Sheet, header: ThemeHeader, ctx: Context, batch: ImportBatch) -> None:
    report = ctx.period or header.values[0][1]
    numbers = sorted(sheet.rows)
    above = [n for n in numbers if n < header.row]
    banner = _banner(sheet, above[-1]) if above else None
    # Rows before the first banner belong to the sheet's own theme: one sheet per theme is common.
    state = SheetState(report, banner or sheet.name)
    for number in (n for n in numbers if n > header.row):
        again = header_at(sheet, number)
        if again is not None:
            header = again
            continue
        every = sheet.rows[number]
        # A Theme column filled down every row, as an officer fills it, names the row's theme:
        # the rest of the row says what kind it is (an outcome, a footnote, an indicator).
        column = header.columns.get("theme")
        row_theme = every[column].text.strip() if column in every else None
        cells = {c: cell for c, cell in every.items() if c != column} if row_theme else every
        if not cells:
            continue
        joined = " ".join(c.text for _, c in sorted(cells.items()))
        footnote = _FOOTNOTE.match(joined)
        if footnote and len(cells) == 1:
            state.footnotes.append((number, footnote.group(1), footnote.group(2).strip()))
            continue
        outcome = _OUTCOME.match(joined.strip())
        if outcome and len(cells) <= 2:
            state.outcome = outcome.group("text").strip() or joined.strip()
            state.outcome_theme = row_theme
            continue
        if row_theme and state.outcome is not None:
            # An outcome serves its own theme's indicators only: the first theme below it, where
            # its own row named none.
            if state.outcome_theme is None:
                state.outcome_theme = row_theme
            elif state.outcome_theme != row_theme:
                state.outcome = state.outcome_theme = None
        theme = _banner(sheet, number) if not row_theme else None
        if theme is not None:
            state.theme, state.outcome, state.outcome_theme = theme, None, None
            continue
        if len(cells) == 1:
            batch.note(
                Location(sheet.file.name, sheet.name, row=number), f"ignored row {joined[:40]!r}"
            )
            continue
        try:
            check_within_header(sheet, number, header.row)
            read_row(sheet, number, header, state, ctx, batch)
        except InputError as error:
            batch.problems.append(Problem(error, "row not imported"))
    _attach_footnotes(batch, state)


def _banner(sheet: Sheet, number: int) -> str | None:
    """A row holding one text that is not a footnote nor a note: the theme of what follows."""
    cells = sheet.rows.get(number, {})
    if len(cells) != 1:
        return None
    text = next(iter(cells.values())).text.strip()
    if _FOOTNOTE.match(text) or _NOT_A_THEME.match(text):
        return None
    return re.sub(r"^theme\s*[:\-–]\s*", "", text, flags=re.I).strip() or None


def _attach_footnotes(batch: ImportBatch, state: SheetState) -> None:
    """A footnote explains the rows that carry its mark above it (the first such note below a
    row: two tables may each have their own `*`); `**` is its own note, not `*` twice."""
    for index, marks, row in state.pending:
        stars = max((len(run) for run in re.findall(r"\*+", marks)), default=0)
        notes: dict[str, str] = {}
        for at, mark, text in state.footnotes:
            wanted = len(mark) == stars if mark.startswith("*") else mark in marks
            if at > row and wanted and mark not in notes:
                notes[mark] = text
        if not notes:  # a key printed above the table
            for _, mark, text in state.footnotes:
                if len(mark) == stars if mark.startswith("*") else mark in marks:
                    notes.setdefault(mark, text)
        if notes:
            batch.lines[index] = replace(batch.lines[index], footnotes=list(notes.values()))
