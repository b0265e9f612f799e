"""The drafted document as a reader and a screen reader meet it: A4, page numbers, one font,
accessible headings and tables, widths that never break a header word (read back with python-docx)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from perfcli.report.appendix import FONT_SIZE
from perfcli.report.layout import WHOLE
from perfcli.report.metrics import longest_word_cm
from tests.cli.test_example import import_all
from tests.conftest import perfcli

A4 = {round(Cm(21.0) / 36000), round(Cm(29.7) / 36000)}  # in tenths of a millimetre
LANDSCAPE_TEXT_CM = 29.7 - 2 * 1.5


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    import shutil

    from tests.conftest import EXAMPLE

    example = tmp_path_factory.mktemp("layout") / "leicestershire"
    shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    import_all(example)
    perfcli("draft-report", "--committee", "adults", "--period", "2023-24", "-w", example)
    return example / "reports" / "adults-2023-24.docx"


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str = "FFFFFF") -> float:
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_a4_with_page_numbers_in_every_footer(report):
    document = docx.Document(report)
    for section in document.sections:
        size = {round(section.page_width / 36000), round(section.page_height / 36000)}
        assert size == A4
        fields = "".join(t.text for t in section.footer._element.iter(qn("w:instrText")))
        assert "PAGE" in fields
    assert [s.orientation for s in document.sections] == [0, 1, 0]


def test_one_font_family_and_no_theme_fonts(report):
    with zipfile.ZipFile(report) as package:
        xml = package.read("word/styles.xml").decode() + package.read("word/document.xml").decode()
    assert "asciiTheme" not in xml and "hAnsiTheme" not in xml
    document = docx.Document(report)
    fonts = {f.get(qn("w:ascii")) for f in document.styles.element.iter(qn("w:rFonts"))}
    fonts |= {f.get(qn("w:ascii")) for f in document.element.iter(qn("w:rFonts"))}
    assert fonts - {None} == {"Arial"}


def test_headings_are_in_order_and_have_enough_contrast(report):
    document = docx.Document(report)
    levels = [int(p.style.name.split()[-1]) for p in document.paragraphs
              if p.style.name.startswith("Heading ")]  # fmt: skip
    assert levels[0] == 1 and levels.count(1) == 1  # the title, once
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))  # no skipped level
    for style in document.styles.element.iter(qn("w:style")):
        name = style.find(qn("w:name")).get(qn("w:val"))
        if name.startswith(("heading", "Heading", "Title")):  # the linked "Heading 1 Char" too
            for colour in style.iter(qn("w:color")):
                assert contrast(colour.get(qn("w:val"))) >= 4.5, name


def test_appendix_a_group_titles_are_headings_over_their_tables(report):
    document = docx.Document(report)
    body = list(document.element.body.iterchildren())
    for table in document.tables:
        before = body[body.index(table._tbl) - 1]
        style = before.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        assert style is not None and style.get(qn("w:val")).startswith("Heading"), table


def test_tables_repeat_headers_keep_rows_together_and_merge_nothing(report):
    document = docx.Document(report)
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert not list(table._tbl.iter(qn("w:gridSpan"))) and not list(
            table._tbl.iter(qn("w:vMerge"))
        )
        rows = list(table.rows)
        # No table leaves its first or last row alone on a page; a short one is kept whole, a
        # long one may break between its middle rows rather than leave a page two-thirds empty.
        kept = rows[:-1] if len(rows) <= WHOLE else [rows[0], rows[1], rows[-2]]
        for row in kept:
            assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
        assert not any(
            p.paragraph_format.keep_with_next for c in rows[-1].cells for p in c.paragraphs
        )


def test_no_header_cell_is_narrower_than_its_longest_word(report):
    document = docx.Document(report)
    for table in document.tables:
        grid = [column.w.cm for column in table._tbl.tblGrid.gridCol_lst]
        assert sum(grid) == pytest.approx(LANDSCAPE_TEXT_CM, abs=0.05)  # fills the page
        padding = 2 * 0.19  # Word's default cell margins
        for cell, width in zip(table.rows[0].cells, grid, strict=True):
            assert width - padding >= longest_word_cm(cell.text, FONT_SIZE, bold=True), cell.text


def test_meaning_never_rests_on_colour_alone(report):
    document = docx.Document(report)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}") is not None:
                    assert any(ch.isalpha() for ch in cell.text), cell.text


def test_language_title_author_and_no_tool_name(report):
    document = docx.Document(report)
    properties = document.core_properties
    assert properties.language == "en-GB"
    assert properties.title == "PERFORMANCE REPORT 2023/24 – POSITION AT MARCH 2024"
    assert properties.author == "Adults and Communities"
    assert "python-docx" not in (properties.comments or "") + (properties.last_modified_by or "")
    text = " ".join(p.text for p in document.paragraphs)
    text += " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "perfcli" not in text.lower()


def test_footnote_marks_stay_in_the_cell_and_notes_under_their_table(tmp_path):
    import shutil

    from tests.conftest import EXAMPLE

    example = tmp_path / "leicestershire"
    shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    import_all(example)
    perfcli("draft-report", "--committee", "adults", "-w", example)  # 2025/26 Q1 has footnotes
    document = docx.Document(example / "reports" / "adults-2025-26-Q1.docx")
    body = list(document.element.body.iterchildren())
    marked = [t for t in document.tables if any("¹" in c.text for c in t.columns[0].cells)]
    assert len(marked) == 1  # the note's mark stays in its row's Measure cell
    note = "".join(body[body.index(marked[0]._tbl) + 1].itertext())
    assert note.startswith("¹ Community-run library figures for 2025/26 look lower")
    rows = {r.cells[1].text: r.cells for t in document.tables for r in t.rows}
    assert (
        rows["Attendances at Creative Learning Service workshops"][-2].text
        == "21.6k (2024/25 academic year)"
    )


def test_the_officers_to_contact_stay_on_one_page_with_their_heading(example):
    """A trial's report left `Email: matt.williams@leics.gov.uk` alone at the top of a page:
    a heading's block of short lines keeps together (each line but the last keeps with the
    next); the numbered paragraphs are left to flow."""
    import_all(example)
    perfcli("draft-report", "-c", "adults", "-p", "2025-26-Q1", "-w", example)
    paragraphs = docx.Document(example / "reports" / "adults-2025-26-Q1.docx").paragraphs
    start = next(n for n, p in enumerate(paragraphs) if p.text == "Officers to Contact")
    block = [p for p in paragraphs[start + 1 :] if p.text][:8]
    assert block[-1].text == "Email: matt.williams@leics.gov.uk"
    assert all(p.paragraph_format.keep_with_next for p in [paragraphs[start], *block[:-1]])
    assert not any(p.paragraph_format.keep_with_next for p in paragraphs
                   if p.style.name == "List Number")  # fmt: skip


def _kept(paragraph) -> bool:
    return paragraph.paragraph_format.keep_with_next is True


def test_a_lead_in_and_a_tables_footnote_keep_with_what_they_belong_to():
    """A trial's compendium ended a page with 'These indicators … now stand higher:' and began
    the next with a table's footnote alone."""
    from perfcli.report.layout import keep_lead_ins, keep_tables_together

    document = docx.Document()
    lead = document.add_paragraph(
        "These indicators were in the bottom quartile and now stand higher:"
    )
    document.add_paragraph("Bus passenger journeys", style="List Bullet")
    table = document.add_table(rows=10, cols=2)
    note = document.add_paragraph("SYNTHETIC: quartile based on provisional data for 2022/23")
    document.add_heading("Part 9 – Corporate risks", level=1)
    after = document.add_table(rows=2, cols=2)
    said = document.add_paragraph("Over the five years the position rose from 24th to 18th.")
    keep_tables_together(document)
    keep_lead_ins(document)
    assert _kept(lead)
    rows = table.rows
    assert all(_kept(p) for p in rows[-1].cells[0].paragraphs)  # the last rows with their note
    assert not any(_kept(p) for p in rows[4].cells[0].paragraphs)  # a long table may break
    assert not _kept(note)
    # A sentence after a table is no footnote: the table does not keep with it.
    assert not any(_kept(p) for p in after.rows[-1].cells[0].paragraphs) and not _kept(said)
