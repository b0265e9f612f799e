"""Appendix A: one accessible table per layer and outcome, in a Word (sub)document."""

from __future__ import annotations

from typing import Any

from perfcli.model import aim_label
from perfcli.periods import parse_period
from perfcli.rating import PROGRESS_SHOWN, RAG_SHOWN, RATING_SHOWN, TONES
from perfcli.report.metrics import longest_word_cm, width_cm
from perfcli.report.narrative import Item

RATING_WORDS = {r.value: f"{s} {w.capitalize()}" for r, (s, w) in RATING_SHOWN.items()}
RATING_WORDS["not_rated"] = "N/A"
PROGRESS_WORDS = {p.value: f"{s} {w.capitalize()}" for p, (s, w) in PROGRESS_SHOWN.items()}
PROGRESS_WORDS["not_rated"] = "N/A"
RAG_WORDS = {r.value: f"{letter} – {w.capitalize()}" for r, (letter, w) in RAG_SHOWN.items()}
# Shading adds to the words; it never carries the meaning alone.
SHADES = {outcome: {"good": "C6EFCE", "fair": "FFEB9C", "poor": "FFC7CE"}[tone]
          for outcome, tone in TONES.items()}  # fmt: skip
MARKS = "¹²³⁴⁵⁶⁷⁸⁹"

FONT_SIZE = 9.0
# Landscape A4 less the template's margins (1.5 cm each side); a cell's own margins, both sides.
PAGE_WIDTH_CM = 26.7
CELL_PADDING_CM = 0.45
# Where Arial is missing (LibreOffice on Linux sets DejaVu Sans in its place) words run up to a
# fifth wider: columns leave that much room, so no word breaks whichever font renders them.
FONT_SLACK = 1.2
LONGEST_CM = 9.0  # no column wider than this, however long its longest cell


def _set(row: Any, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    element = OxmlElement(f"w:{name}")
    element.set(qn("w:val"), "true")
    props.append(element)


def _shade(cell: Any, value: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    colour = SHADES.get(value)
    if colour is None:
        return
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def groups(
    items: list[Item], sections: dict[str, tuple[str | None, str | None]]
) -> list[tuple[str, list[Item]]]:
    """Items by layer and outcome, in dashboard order."""
    grouped: dict[str, list[Item]] = {}
    for item in items:
        section, outcome = sections[item.measure.id]
        title = " — ".join(part for part in (section, outcome) if part) or "Measures"
        grouped.setdefault(title, []).append(item)
    return list(grouped.items())


def widths(header: list[str], rows: list[list[str]], page: float = PAGE_WIDTH_CM) -> list[float]:
    """Column widths in cm that fill `page`: never narrower than a column's longest word (so no
    word breaks), wider where a column's text is longer."""
    columns = list(zip(header, *rows, strict=True))
    least = [max(longest_word_cm(col[0], FONT_SIZE, bold=True),
                 *(longest_word_cm(t, FONT_SIZE) for t in col[1:])) * FONT_SLACK + CELL_PADDING_CM
             for col in columns]  # fmt: skip
    wanted = [min(max(width_cm(col[0], FONT_SIZE, bold=True) / 2,
                      *(width_cm(t, FONT_SIZE) for t in col[1:])) + CELL_PADDING_CM, LONGEST_CM)
              for col in columns]  # fmt: skip
    wanted = [max(w, m) for w, m in zip(wanted, least, strict=True)]
    if sum(wanted) <= page:
        spare = page - sum(wanted)
        return [w + spare * w / sum(wanted) for w in wanted]
    if sum(least) <= page:
        share = (page - sum(least)) / (sum(wanted) - sum(least))
        return [m + (w - m) * share for w, m in zip(wanted, least, strict=True)]
    return [m * page / sum(least) for m in least]


def _fit(table: Any, sizes: list[float]) -> None:
    from docx.shared import Cm, Pt

    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, sizes, strict=True):
        column.w = Cm(width)  # LibreOffice lays out by the grid, Word by the cells: set both
    for row in table.rows:
        for cell, width in zip(row.cells, sizes, strict=True):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(FONT_SIZE)


def _shown(obs_raw: str, label: str, column: str) -> str:
    """A figure, with its own period where that differs from its column's."""
    if not obs_raw or label == column:
        return obs_raw
    period, shown = parse_period(label), parse_period(column)
    if period.end == shown.end or any(
        w in obs_raw for w in (period.display, period.long, period.position)
    ):
        return obs_raw  # a position at the column's end is what the column means
    return f"{obs_raw} ({period.display.replace(' (', ', ').rstrip(')')})"


def build(
    doc: Any,
    items: list[Item],
    sections: dict[str, tuple[str | None, str | None]],
    *,
    rag: bool,
    quartiles: bool,
    report: str,
) -> int:
    """Add the Appendix A tables to `doc`; return how many tables were added."""
    from docx.shared import Pt

    period = parse_period(report)
    before = period.previous()
    notes: dict[str, str] = {}
    tables = 0
    for title, members in groups(items, sections):
        doc.add_heading(title, level=3)
        header = ["Measure", "Description", "Aim", "Comparator", "Rating", "Progress"]
        header += ["RAG"] if rag else []
        header += ["Quartile"] if quartiles else []
        header += [f"{period.display} Performance", f"{before.display} Performance"]
        rows, table_notes = [], []
        for item in members:
            marks = ""
            for note in item.footnotes:
                mark = notes.setdefault(note, MARKS[len(notes) % len(MARKS)])
                marks += mark
                table_notes.append((mark, note))
            rows.append(_row(item, marks, rag, quartiles, report, before.label))
        table = doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, header, strict=True):
            cell.text = name
            cell.paragraphs[0].runs[0].bold = True
        _set(table.rows[0], "tblHeader")
        _set(table.rows[0], "cantSplit")
        for item, values in zip(members, rows, strict=True):
            row = table.add_row()
            _set(row, "cantSplit")
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = text
            _shade(row.cells[4], item.judgement.rating.value)
            _shade(row.cells[5], item.judgement.progress.value)
            if rag and item.judgement.rag:
                _shade(row.cells[6], item.judgement.rag.value)
        _fit(table, widths(header, rows))
        # Every row keeps with the next, so a table never leaves one row alone on a page.
        for row in table.rows[:-1]:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
        for mark, note in dict.fromkeys(table_notes):
            paragraph = doc.add_paragraph(f"{mark} {note}")
            paragraph.runs[0].font.size = Pt(FONT_SIZE)
        tables += 1
    return tables


def _row(item: Item, marks: str, rag: bool, quartiles: bool, report: str, before: str) -> list[str]:
    j = item.judgement
    code = (item.code or item.measure.code) + (
        f" {' '.join(item.measure.tags)}" if item.measure.tags else ""
    )
    values = [
        code + marks,
        item.description,
        aim_label(item.measure.aim),
        item.comparator.raw if item.comparator else "",
        RATING_WORDS[j.rating.value] + (" (overridden)" if j.overridden else ""),
        PROGRESS_WORDS[j.progress.value],
    ]
    if rag:
        values.append(RAG_WORDS.get(j.rag.value, "") if j.rag else "N/A")
    if quartiles:
        values.append(item.quartile or "N/A")
    # A figure's own period where it differs from its column's; a missing figure's reason says when.
    values += [
        _shown(item.current.raw, item.current_period, report)
        if item.current and item.current.value is not None
        else (item.current.raw if item.current else ""),
        _shown(item.previous.raw, item.previous_period or before, before)
        if item.previous and item.previous.value is not None
        else (item.previous.raw if item.previous else ""),
    ]
    return values
