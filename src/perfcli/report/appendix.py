"""Appendix A: one accessible table per layer and outcome, in a Word (sub)document."""

from __future__ import annotations

from typing import Any

from perfcli.model import aim_label
from perfcli.periods import parse_period
from perfcli.rating import PROGRESS_SHOWN, RAG_SHOWN, RATING_SHOWN, TONES
from perfcli.report.narrative import Item

RATING_WORDS = {r.value: f"{s} {w.capitalize()}" for r, (s, w) in RATING_SHOWN.items()}
RATING_WORDS["not_rated"] = "N/A"
PROGRESS_WORDS = {p.value: f"{s} {w.capitalize()}" for p, (s, w) in PROGRESS_SHOWN.items()}
PROGRESS_WORDS["not_rated"] = "N/A"
RAG_WORDS = {r.value: f"{letter} – {w.capitalize()}" for r, (letter, w) in RAG_SHOWN.items()}
# Shading adds to the words; it never carries the meaning alone.
SHADES = {outcome: {"good": "C6EFCE", "fair": "FFEB9C", "poor": "FFC7CE"}[tone]
          for outcome, tone in TONES.items()}  # fmt: skip


def rating_key() -> list[str]:
    ratings = " / ".join(RATING_WORDS[r.value] for r in RATING_SHOWN)
    progress = " / ".join(PROGRESS_WORDS[p.value] for p in PROGRESS_SHOWN)
    return [
        f"Rating {ratings}: performing better than, similar to or below the latest national average or local target.",
        f"Progress {progress}: performance compared with the same period of the previous year.",
        "Measure ASCOF: a measure in the national Adult Social Care Outcomes Framework. Local: a measure defined by the council.",
        "Quartile (where comparator data is held): the council's quartile among comparator councils; Top is best.",
        "Aim High: higher is better. Low: lower is better. Target Band Width: within the band is better. N/A: for information only.",
    ]


def _mark_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _keep_together(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")
    keep.set(qn("w:val"), "true")
    props.append(keep)


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
        title = (
            " — ".join(part for part in ((section or "").upper(), outcome) if part) or "Measures"
        )
        grouped.setdefault(title, []).append(item)
    return list(grouped.items())


# Column widths in cm across a landscape page (23 cm of text between the margins).
WIDTHS = {"Measure": 2.1, "Description": 5.3, "Aim": 2.0, "Comparator": 3.4, "Rating": 2.0,
          "Progress": 2.3, "RAG": 1.8, "Quartile": 1.8}  # fmt: skip
PERFORMANCE_WIDTH = 2.2


def _fit(table: Any, columns: list[str], rag: bool) -> None:
    from docx.shared import Cm, Pt

    widths = [WIDTHS.get(name, PERFORMANCE_WIDTH) for name in columns]
    spare = 23.0 - sum(widths)
    if spare > 0:
        widths[1] += spare  # the description takes what the optional columns leave
    elif spare < 0:
        widths = [w * 23.0 / sum(widths) for w in widths]
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Cm(width)  # LibreOffice lays out by the grid, Word by the cells: set both
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)


def build(
    doc: Any, items: list[Item], sections: dict[str, tuple[str | None, str | None]], *, rag: bool
) -> int:
    """Add the Appendix A tables to `doc`; return how many tables were added."""
    from docx.shared import Pt

    tables = 0
    for title, members in groups(items, sections):
        heading = doc.add_paragraph()
        heading.add_run(title).bold = True
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.keep_with_next = True
        first = members[0]
        columns = ["Measure", "Description", "Aim", "Comparator", "Rating", "Progress"]
        columns += ["RAG"] if rag else []
        quartiles = any(i.quartile for i in items)
        columns += ["Quartile"] if quartiles else []
        columns += [
            f"{parse_period(first.current_period).display} Performance",
            f"{parse_period(first.previous_period).display} Performance"
            if first.previous_period
            else "Previous",
        ]
        table = doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, columns, strict=True):
            cell.text = name
            cell.paragraphs[0].runs[0].bold = True
        _mark_header(table.rows[0])
        _keep_together(table.rows[0])
        for item in members:
            j = item.judgement
            values = [
                (item.code or item.measure.code)
                + (f" ({', '.join(item.measure.tags)})" if item.measure.tags else ""),
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
            values += [
                item.current.raw if item.current else "",
                item.previous.raw if item.previous else "",
            ]
            row = table.add_row()
            _keep_together(row)
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = text
            _shade(row.cells[4], j.rating.value)
            _shade(row.cells[5], j.progress.value)
            if rag and j.rag:
                _shade(row.cells[6], j.rag.value)
        _fit(table, columns, rag)
        tables += 1
    return tables
