"""Write templates/docx/compendium.docx: the compendium's Word template, with docxtpl tags.

The committed .docx is the template perfcli ships, and this script must still make it:
tests/test_examples_source.py compares what it makes with the committed file (text, styles, tables,
headers and footers). Change the template here and rebuild it with --force; without --force the
script keeps the one that exists. It never touches a workspace's copy.
Run from the repository root:  python scripts/build_compendium_template.py [--force] [--out FOLDER]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parents[1] / "templates" / "docx" / "compendium.docx"
FONT = "Arial"
HEADING_COLOUR = RGBColor(0x1F, 0x38, 0x64)  # 11.9:1 on white
A4 = (Cm(21.0), Cm(29.7))


def _one_font(doc: Any) -> None:
    """Arial everywhere: theme fonts in the styles would otherwise win over the named font."""
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for attribute in list(fonts.attrib):
            del fonts.attrib[attribute]
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for level, size in ((1, 20), (2, 15), (3, 12.5)):
        style = doc.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = HEADING_COLOUR
        style.paragraph_format.space_before = Pt(14 if level < 3 else 10)
        style.paragraph_format.keep_with_next = True
    _dark_colours(doc)
    _one_font(doc)


def _dark_colours(doc: Any) -> None:
    """Every coloured style, used or not (Heading 4 to 9, Title, their Char styles), in the dark
    heading colour: the default template's 4F81BD blues are 4.0:1 on white, short of 4.5:1."""
    for colour in doc.styles.element.iter(qn("w:color")):
        for attribute in list(colour.attrib):
            if "theme" in attribute:
                del colour.attrib[attribute]
        if colour.get(qn("w:val")) not in ("auto", None):
            colour.set(qn("w:val"), str(HEADING_COLOUR))


def _a4(section: Any, *, landscape: bool = False) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_numbers(section: Any) -> None:
    """`Page N of M`: both fields are refreshed when the document is printed or converted."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES", "1")


def _contents(doc: Any) -> None:
    """A Word contents field (headings 2 and 3, with page numbers and links). Word asks to
    update it on opening (updateFields); `draft-report --pdf` refreshes it through LibreOffice."""
    title = doc.add_paragraph()
    run = title.add_run("Contents")
    run.bold = True
    run.font.size = Pt(15)
    run.font.color.rgb = HEADING_COLOUR
    title.paragraph_format.keep_with_next = True
    paragraph = doc.add_paragraph()

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            mark.set(qn("w:dirty"), "true")
        run.append(mark)
        return run

    paragraph._p.append(char("begin"))
    instruction = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = ' TOC \\o "2-3" \\h \\z \\u '
    instruction.append(text)
    paragraph._p.append(instruction)
    paragraph._p.append(char("separate"))
    shown = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = (
        "The contents list is filled in when the document is opened in Word and its fields updated,"
        " or made into a PDF with draft-report --pdf."
    )
    shown.append(words)
    paragraph._p.append(shown)
    paragraph._p.append(char("end"))
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # Word refuses settings out of the schema's order: updateFields goes before these.
    later = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
             "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping")  # fmt: skip
    settings = doc.settings.element
    after = next((e for e in settings if e.tag in {qn(f"w:{n}") for n in later}), None)
    if after is not None:
        after.addprevious(update)
    else:
        settings.append(update)


def _chart(doc: Any, where: str) -> None:
    """A chart and its caption, kept on one page: the picture keeps with the caption."""
    doc.add_paragraph("{{ " + where + ".image }}").paragraph_format.keep_with_next = True
    doc.add_paragraph("Figure: {{ " + where + ".title }}", style="Caption")


def tag(doc: Any, text: str) -> None:
    doc.add_paragraph(text)


def _table(doc: Any, headings: list[str], cells: list[str], loop: str, widths: list[float]) -> Any:
    """A table whose header row repeats on every page, with one looped row and no merged cells."""
    table = doc.add_table(rows=4, cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    header = table.rows[0]
    properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for cell, text in zip(header.cells, headings, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:color"), "auto")
        shade.set(qn("w:fill"), "D9E2F3")  # dark text on a pale fill: 12:1
        cell._tc.get_or_add_tcPr().append(shade)
    keep = OxmlElement("w:cantSplit")  # a row never breaks across two pages
    table.rows[2]._tr.get_or_add_trPr().append(keep)
    table.rows[1].cells[0].text = "{%tr " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    return table


def _outcome_rows(table: Any) -> None:
    """A Strategic Plan outcome's row above the indicators it serves, in bold on grey, its words
    in the Description column (no merged cells: screen readers read merged cells poorly).
    The looped row becomes `{%tr if row.outcome %}` this row `{%tr else %}` the indicator."""
    loop_row, data_row = table.rows[1]._tr, table.rows[2]._tr
    opening, outcome, else_row, closing = (table.add_row() for _ in range(4))
    opening.cells[0].text = "{%tr if row.outcome %}"
    else_row.cells[0].text = "{%tr else %}"
    closing.cells[0].text = "{%tr endif %}"
    for number, cell in enumerate(outcome.cells):
        cell.text = ""
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.keep_with_next = True
        if number == 0:
            run = paragraph.add_run("{{ row.outcome }}")
            run.bold, run.italic, run.font.size = True, True, Pt(9)
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:color"), "auto")
        shade.set(qn("w:fill"), "F2F2F2")  # dark text on pale grey: 18:1
        cell._tc.get_or_add_tcPr().append(shade)
    outcome._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    loop_row.addnext(opening._tr)
    opening._tr.addnext(outcome._tr)
    outcome._tr.addnext(else_row._tr)
    data_row.addnext(closing._tr)


def _funding(doc: Any) -> None:
    doc.add_heading("Part 1 – Funding", level=2)
    tag(doc, "{%p if funding %}")
    tag(doc, "{%p if funding.note %}")
    noted = doc.add_paragraph()
    noted.add_run("Figures used for this part: {{ funding.note }}.").italic = True
    noted.paragraph_format.keep_with_next = True
    tag(doc, "{%p endif %}")
    doc.add_paragraph(
        "{{ funding.council }}, a {{ funding.type }} authority, has core spending power of "
        "{{ funding.per_head }} per head: {{ funding.position }} of the {{ funding.of }} "
        "authorities in the spending table. The chart sets it against every authority, grouped "
        "by type. The national average ({{ funding.average_how }}) is {{ funding.average }}."
    )
    doc.add_paragraph(
        "What the council would receive at other authorities' levels of funding, for its "
        "{{ funding.population }} residents (from {{ funding.population_source }}):"
    ).paragraph_format.keep_with_next = True
    tag(doc, "{%p for gap in funding.gaps %}")
    doc.add_paragraph(
        "at the per-head level of {{ gap.label }} ({{ gap.per_head }}), {{ gap.total }} "
        "{% if gap.more %}more{% else %}less{% endif %} a year ({{ gap.difference }} per head "
        "{% if gap.more %}more{% else %}less{% endif %}){% if loop.last %}.{% else %};{% endif %}",
        style="List Bullet",
    )
    tag(doc, "{%p endfor %}")
    _chart(doc, "funding.chart")
    tag(doc, "{%p else %}")
    doc.add_paragraph("The workspace holds no spending table for this part.")
    tag(doc, "{%p endif %}")


def _comparative(doc: Any) -> None:
    doc.add_heading("Part 2 – Comparative performance", level=2)
    tag(doc, "{%p if ranks %}")
    doc.add_paragraph(
        "Each indicator with comparator data ranks every council in the group from 1, the best "
        "by the indicator's polarity; councils with equal figures share the higher rank. A "
        "council's average rank over the indicators gives its position; where the council has "
        "no figure for an indicator, every council is averaged without it, so all are compared "
        "on the same indicators."
    )
    doc.add_paragraph(
        "{{ ranks.council }} is ranked on {{ ranks.ranked_on }}. Its average rank over them, "
        "{{ ranks.average }}, places it {{ ranks.position }} of {{ ranks.of }} councils"
        "{% if ranks.fewer %}, each averaged over the same indicators{% endif %} (the first "
        "being {{ ranks.best }}).{% if ranks.strongest %} By theme it stands highest in "
        "{{ ranks.strongest }} and lowest in {{ ranks.weakest }}.{% endif %}"
    )
    _table(
        doc, ["Theme", "Indicators", "Average rank", "Position"],
        ["{{ row.theme }}", "{{ row.indicators }}", "{{ row.average }}", "{{ row.position }}"],
        "for row in ranks.themes", [7.5, 2.5, 3.0, 3.0],
    )  # fmt: skip
    tag(doc, "{%p if ranks.chart %}")
    doc.add_paragraph(
        "Over the {{ ranks.years }} years of comparator data held, the council's position "
        "{{ ranks.movement }}."
    )
    _chart(doc, "ranks.chart")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    doc.add_paragraph("{{ missing.ranks }}")
    tag(doc, "{%p endif %}")


def _against_spending(doc: Any) -> None:
    doc.add_heading("Part 3 – Performance against spending", level=2)
    tag(doc, "{%p if spending %}")
    doc.add_heading("How to read these charts", level=3)
    doc.add_paragraph("{{ spending.how_to_read }}")
    tag(doc, "{%p for item in spending.charts %}")
    doc.add_heading("Performance against spending: {{ item.what }}", level=3)
    doc.add_paragraph(
        "{% if item.quadrant %}{{ ranks.council }} is {{ item.performance }} of {{ item.count }} "
        "for performance and {{ item.spending_rank }} of {{ item.count }} for net expenditure per "
        "head, 1st spending the least: {{ item.quadrant }}.{% endif %}"
    )
    _chart(doc, "item.chart")
    _table(
        doc, ["Council", "Performance position", "Net expenditure per head", "Spending rank",
              "Quadrant"],
        ["{{ row.name }}", "{{ row.performance }}", "{{ row.spending }}",
         "{{ row.spending_rank }}", "{{ row.quadrant }}"],
        "for row in item.rows", [4.2, 3.1, 2.8, 2.4, 4.5],  # "Performance" whole in DejaVu
    )  # fmt: skip
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    doc.add_paragraph("{{ missing.spending }}")
    tag(doc, "{%p endif %}")


def _lower(doc: Any) -> None:
    doc.add_heading("Part 5 – Lower comparative performance", level=2)
    tag(doc, "{%p if lower %}")
    doc.add_paragraph("{{ lower.summary }}")
    tag(doc, "{%p for theme in lower.themes %}")
    doc.add_heading("{{ theme.theme }}", level=3)
    _table(
        doc, ["Indicator", "End of Yr {{ period_display }}", "End of Yr {{ previous_display }}",
              "Quartile position", "Improved on last year"],
        ["{{ row.description }}", "{{ row.value }}", "{{ row.previous }}", "{{ row.quartile }}",
         "{{ row.improved }}"],
        "for row in theme.rows", [7.0, 2.4, 2.4, 2.2, 3.0],
    )  # fmt: skip
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if lower.improved %}")
    doc.add_heading("In the bottom quartile, but improving", level=3)
    tag(doc, "{%p for row in lower.improved %}")
    doc.add_paragraph(
        "{{ row.theme }}: {{ row.description }}, {{ row.previous }} to {{ row.value }}",
        style="List Bullet",
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    doc.add_paragraph("No indicator is in the bottom quartile.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if bench.out_of_bottom %}")
    doc.add_heading("Out of the bottom quartile since last year", level=3)
    doc.add_paragraph(
        "These indicators were in the bottom quartile a year ago and now stand higher:"
    )
    tag(doc, "{%p for row in bench.out_of_bottom %}")
    doc.add_paragraph(
        "{{ row.theme }}: {{ row.description }}, now {{ row.quartile }}", style="List Bullet"
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def build() -> Any:
    doc = Document()
    _styles(doc)
    _a4(doc.sections[0])
    _page_numbers(doc.sections[0])

    doc.add_heading("{{ title }}", level=1)
    tag(doc, "{%p if note %}")
    doc.add_paragraph().add_run("{{ note }}").italic = True
    tag(doc, "{%p endif %}")
    doc.add_paragraph(
        "This compendium brings together, once a year, how {{ council }} performs against "
        "the {{ group_name }} and against its own previous year, theme by theme."
    )

    _contents(doc)
    _funding(doc)
    _comparative(doc)
    _against_spending(doc)

    doc.add_heading("Part 4 – Benchmarking results", level=2)
    doc.add_paragraph("{{ bench.summary }}")
    doc.add_paragraph("{{ bench.groups }}")
    tag(doc, "{%p if bench.chart %}")
    _chart(doc, "bench.chart")
    tag(doc, "{%p endif %}")
    doc.add_heading("Quartile position by theme", level=3)
    _table(
        doc, ["Theme", "Top", "Second", "Third", "Bottom", "All"],
        ["{{ row.theme }}", "{{ row.top }}", "{{ row.second }}", "{{ row.third }}",
         "{{ row.bottom }}", "{{ row.total }}"],
        "for row in bench.by_theme", [6.0, 2.0, 2.0, 2.0, 2.0, 2.0],
    )  # fmt: skip
    doc.add_paragraph("{{ bench.share_sentence }}")
    _lower(doc)

    doc.add_heading("Part 6 – Cost-effectiveness index", level=2)
    doc.add_paragraph(
        "The index sets what each council spends per head against how well it performs. "
        "Spending per head is scaled from 0 (the highest spender) to 1 (the lowest); the outcome "
        "score, built from each council's quartile position on a set of indicators, is scaled "
        "from 0 (the weakest) to 1 (the strongest). The index is the average of the two."
    )
    tag(doc, "{%p if index %}")
    tag(doc, "{%p if index.note %}")
    doc.add_paragraph().add_run("Figures used for the index: {{ index.note }}.").italic = True
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if index.rank %}")
    doc.add_paragraph(
        "{{ index.council }} ranks {{ index.rank }} of {{ index.of }} councils, with an index of "
        "{{ index.value }}: a spending score of {{ index.input_score }} (spending of "
        "{{ index.spending }} per head) and an outcome score of {{ index.outcome_score }}."
    )
    tag(doc, "{%p endif %}")
    _chart(doc, "index.spending_chart")
    _chart(doc, "index.chart")
    doc.add_heading("The index and its inputs", level=3)
    _table(
        doc, ["Rank", "Council", "Spending per head", "Spending score", "Outcome score", "Index"],
        ["{{ row.rank }}", "{{ row.council }}", "{{ row.spending }}", "{{ row.input_score }}",
         "{{ row.outcome_score }}", "{{ row.index }}"],
        "for row in index.rows", [1.5, 5.0, 3.0, 2.5, 2.5, 2.0],
    )  # fmt: skip
    tag(doc, "{%p else %}")
    doc.add_paragraph("The workspace holds no spending and outcome figures for the index.")
    tag(doc, "{%p endif %}")

    doc.add_heading("Part 7 – Direction of travel", level=2)
    doc.add_paragraph("{{ dot.sentence }}")
    _table(
        doc, ["Theme", "Indicators", "Improved", "Similar", "Worse", "Not known",
              "Information only"],
        ["{{ theme.name }}", "{{ theme.count }}", "{{ theme.improved }}", "{{ theme.similar }}",
         "{{ theme.worse }}", "{{ theme.unknown }}", "{{ theme.information }}"],
        "for theme in themes", [4.3, 2.2, 2.2, 2.0, 1.8, 2.0, 2.5],  # "Improved" whole in DejaVu too
    )  # fmt: skip

    landscape = doc.add_section(WD_SECTION.NEW_PAGE)
    _a4(landscape, landscape=True)
    doc.add_heading("Part 8 – Theme dashboards", level=2)
    doc.add_paragraph(
        "Direction of travel: ↑ Improved, → Similar, ↓ Worse, judged by each indicator's "
        "polarity (a fall in an indicator where low is good is an improvement)."
    )
    tag(doc, "{%p for theme in themes %}")
    doc.add_heading("8.{{ theme.number }} {{ theme.name }}", level=3)
    doc.add_paragraph("{{ theme.overview }}")
    tag(doc, "{%p if theme.chart %}")
    _chart(doc, "theme.chart")
    tag(doc, "{%p endif %}")
    dashboard = _table(
        doc, ["Description", "Quartile position", "Direction of Travel",
              "End of Yr {{ period_display }}", "Target / Standard",
              "End of Yr {{ previous_display }}", "Polarity", "Commentary"],
        ["{{ row.description }}", "{{ row.quartile }}", "{{ row.direction }}", "{{ row.value }}",
         "{{ row.target }}", "{{ row.previous }}", "{{ row.polarity }}", "{{ row.commentary }}"],
        "for row in theme.rows", [5.8, 2.4, 2.6, 2.6, 2.6, 2.6, 2.1, 5.0],
    )  # fmt: skip
    _outcome_rows(dashboard)
    tag(doc, "{%p for note in theme.footnotes %}")
    doc.add_paragraph().add_run("{{ note }}").font.size = Pt(9)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p if risks %}")
    doc.add_heading("Part 9 – Corporate risks", level=2)
    doc.add_paragraph(
        "The corporate risk register's risks, theme by theme and from the highest current score "
        "down, each with how its score has moved since the last review and what is being done "
        "to reduce it."
    )
    tag(doc, "{%p for group in risk_themes %}")
    doc.add_heading("{{ group.theme }}", level=3)
    _table(
        doc, ["Risk", "Current score", "Direction", "Mitigations", "Owner"],
        ["{{ risk.risk }}", "{{ risk.score }}", "{{ risk.change }}", "{{ risk.mitigations }}",
         "{{ risk.owner }}"],
        "for risk in group.risks", [9.0, 2.6, 2.6, 7.5, 4.0],  # the landscape section
    )  # fmt: skip
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    doc.core_properties.title = "Performance Compendium"
    doc.core_properties.language = "en-GB"
    return doc


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT.parent, help="folder to write it to")
    parser.add_argument("--force", action="store_true", help="replace the template if it exists")
    options = parser.parse_args(argv)
    target: Path = options.out / OUT.name
    if target.exists() and not options.force:
        sys.exit(f"{target} exists; pass --force to rebuild it from this script")
    target.parent.mkdir(parents=True, exist_ok=True)
    build().save(str(target))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
