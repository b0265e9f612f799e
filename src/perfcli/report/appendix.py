"""Appendix A: one accessible table per layer and outcome, in a Word (sub)document."""

from __future__ import annotations

import re
from typing import Any

from msgspec import Struct

from perfcli.domain.model import aim_label
from perfcli.domain.outcomes import PROGRESS_SHOWN, RAG_SHOWN, RATING_SHOWN, TONES, band_words
from perfcli.domain.period_labels import figures_shown
from perfcli.domain.period_parsing import parse_period
from perfcli.report.item import Item
from perfcli.report.layout import WHOLE
from perfcli.report.metrics import longest_word_cm, width_cm

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
_BREAKS = re.compile(r"([\t\r\n])")
# Clark names of the WordprocessingML elements written row by row (python-docx's qn() of them).
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TC, _TC_PR, _R, _T, _TAB, _BR = (_W + n for n in ("tc", "tcPr", "r", "t", "tab", "br"))
_TR, _TBL_GRID, _GRID_COL, _TC_W, _W_W = (_W + n for n in ("tr", "tblGrid", "gridCol", "tcW", "w"))
_KEEP_NEXT, _SECT_PR = _W + "keepNext", _W + "sectPr"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _set(row: Any, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    element = OxmlElement(f"w:{name}")
    element.set(qn("w:val"), "true")
    props.append(element)


def _shading(colour: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    return shading


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


def _fit(row: Any) -> None:
    """Set a row's text to no space after and the table's font size; keep it with the next."""
    from docx.shared import Pt

    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(0)
            # Every row keeps with the next, so a table never leaves one row alone on a page
            # (a long table lets go of its middle rows: _table).
            paragraph.paragraph_format.keep_with_next = True
            for run in paragraph.runs:
                run.font.size = Pt(FONT_SIZE)


class _Blocks(Struct, frozen=True):
    """Appendix A's pieces, each made once with python-docx and detached, to be copied: a
    heading, a table with its header row, a body row, and a note under a table."""

    heading: Any
    table: Any
    row: Any
    note: Any


def _blocks(doc: Any, header: list[str]) -> _Blocks:
    """The pieces, made in `doc` (for its styles) and taken out again. Every table has the same
    header row, and its rows the same formatting; only widths, texts and shading differ."""
    from docx.shared import Pt

    heading = doc.add_heading("", level=3)
    heading.add_run()
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    top = table.rows[0]
    for cell, name in zip(top.cells, header, strict=True):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    _set(top, "tblHeader")
    _set(top, "cantSplit")
    _fit(top)
    row = table.add_row()
    _set(row, "cantSplit")
    for cell in row.cells:
        cell.text = ""
    _fit(row)
    table._tbl.remove(row._tr)
    note = doc.add_paragraph()
    note.add_run().font.size = Pt(FONT_SIZE)
    for block in (heading._p, table._tbl, note._p):
        block.getparent().remove(block)
    return _Blocks(heading._p, table._tbl, row._tr, note._p)


def _add(doc: Any, block: Any) -> Any:
    """A copy of `block` at the end of `doc`'s body (before its section properties)."""
    from copy import deepcopy

    copy = deepcopy(block)
    body = doc.element.body
    end = body.find(_SECT_PR)
    if end is None:
        body.append(copy)
    else:
        end.addprevious(copy)
    return copy


def _paragraph(doc: Any, block: Any, text: str) -> None:
    """A copy of a prepared one-run paragraph (a heading, a note) with `text` in its run."""
    _write(_add(doc, block).find(_R), text)


def _table(doc: Any, blocks: _Blocks, sizes: list[float], rows: list[list[str]],
           shades: list[list[str]]) -> None:  # fmt: skip
    """A table of `rows`, its columns `sizes` (cm) wide: the prepared table with each row a copy
    of the prepared row, its texts and shading put in. python-docx's per-cell calls took most
    of a large report's time."""
    from copy import deepcopy

    from docx.shared import Cm

    twips = [str(Cm(size).twips) for size in sizes]  # as python-docx writes a width
    # In the body before its rows go in: lxml takes seconds to move a table of copied rows
    # between documents, and milliseconds to move one copy.
    tbl, prototype = _add(doc, blocks.table), deepcopy(blocks.row)
    # LibreOffice lays out by the grid, Word by the cells: set both.
    grid, header = tbl.find(_TBL_GRID).iter(_GRID_COL), tbl.find(_TR).iter(_TC_W)
    for columns in (grid, header, prototype.iter(_TC_W)):
        for column, width in zip(columns, twips, strict=True):
            column.set(_W_W, width)
    shadings = {value: _shading(colour) for value, colour in SHADES.items()}
    tr = prototype
    for values, shaded in zip(rows, shades, strict=True):
        tr = deepcopy(prototype)
        for run, text in zip(tr.iter(_R), values, strict=True):  # a run to a cell
            _write(run, text)
        cells = tr.findall(_TC)
        for column, value in enumerate(shaded):
            if value in shadings:
                cells[column].find(_TC_PR).append(deepcopy(shadings[value]))
        tbl.append(tr)
    # The last row has no next to keep with. A table too long to keep whole (a section of many
    # measures) keeps only its first rows and its last two together: kept whole, it went to the
    # next page and left the page before it two-thirds empty.
    rows = tbl.findall(_TR)
    loose = [tr] if len(rows) <= WHOLE else [*rows[2:-2], tr]
    for row in loose:
        for keep in list(row.iter(_KEEP_NEXT)):
            keep.getparent().remove(keep)


def _write(run: Any, text: str) -> None:
    """Put `text` in `run` as python-docx's `run.text` does: a tab as `w:tab`, a line break
    (CR or LF, each) as `w:br`, the text between in `w:t`, its spaces kept where it has any
    at either end."""
    from lxml.etree import SubElement

    for part in _BREAKS.split(text) if _BREAKS.search(text) else (text,):
        if part == "\t":
            SubElement(run, _TAB)
        elif part in ("\r", "\n"):
            SubElement(run, _BR)
        elif part:
            element = SubElement(run, _T)
            element.text = part
            if len(part.strip()) < len(part):
                element.set(_SPACE, "preserve")


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
    period = parse_period(report)
    before = period.previous()
    header = ["Measure", "Description", "Aim", "Comparator", "Rating", "Progress"]
    header += ["RAG"] if rag else []
    header += ["Quartile"] if quartiles else []
    header += [f"{period.display} Performance", f"{before.display} Performance"]
    blocks = _blocks(doc, header)
    notes: dict[str, str] = {}
    tables = 0
    for title, members in groups(items, sections):
        _paragraph(doc, blocks.heading, title)
        rows, table_notes = [], []
        for item in members:
            marks = ""
            for note in item.footnotes:
                mark = notes.setdefault(note, MARKS[len(notes) % len(MARKS)])
                marks += mark
                table_notes.append((mark, note))
            rows.append(_row(item, marks, rag, quartiles, report, before.label))
        shades = [_shades(item, rag) for item in members]
        _table(doc, blocks, widths(header, rows), rows, shades)
        for mark, note in dict.fromkeys(table_notes):
            _paragraph(doc, blocks.note, f"{mark} {note}")
        tables += 1
    return tables


def _shades(item: Item, rag: bool) -> list[str]:
    """Each cell's value for shading, in column order: "" where a cell is never shaded."""
    j = item.judgement
    shaded = ["", "", "", "", j.rating.value, j.progress.value]
    return shaded + [j.rag.value] if rag and j.rag else shaded


def rating_words(item: Item) -> str:
    """The Rating cell: against a band, which side of it (`✘ Above band`), never `✘ Below` for
    a figure above its band."""
    rated = item.judgement.rating
    value = item.current.value if item.current else None
    words = None if item.judgement.overridden else band_words(rated, value, item.comparator)
    if words is None:
        return RATING_WORDS[rated.value]
    return f"{RATING_SHOWN[rated][0]} {words.capitalize()}"


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
        rating_words(item) + (" (overridden)" if j.overridden else ""),
        PROGRESS_WORDS[j.progress.value],
    ]
    if rag:
        values.append(RAG_WORDS.get(j.rag.value, "") if j.rag else "N/A")
    if quartiles:
        values.append(item.quartile or "N/A")
    values += figures_shown(item.rated, report, before)
    return values
