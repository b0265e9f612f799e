"""Write the shipped Word templates: templates/docx/adults.docx and templates/docx/committee.docx.

The committed .docx files are the templates perfcli ships, and this script must still make them:
tests/test_examples_source.py compares what it makes with each committed file (text, styles, tables,
headers and footers). Change a template here and rebuild it with --force; without --force the script
keeps a template that exists. It never touches a workspace's copy. The wording is perfcli's own, following the structure of the
published committee reports; perfcli fills the placeholders ({{ … }}) and loops ({%p … %}).
Run from the repository root:  python scripts/build_templates.py [--force] [--out FOLDER]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FOLDER = Path(__file__).resolve().parents[1] / "templates" / "docx"
FONT = "Arial"
HEADING_COLOUR = RGBColor(0x1F, 0x38, 0x64)  # 11.6:1 on white
A4 = (Cm(21.0), Cm(29.7))
B_TITLES = {True: "Adult Social Care Strategic Approach", False: "Strategic Approach"}


def _fonts(element: Any) -> None:
    """One font family: explicit Arial, no theme fonts (which would bring Calibri back)."""
    rpr = element
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):
            del fonts.attrib[attribute]
    for name in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(name), FONT)


def styles(doc: Any) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    _fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    for style in doc.styles.element.iter(qn("w:style")):
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            continue
        if rpr.find(qn("w:rFonts")) is not None:
            _fonts(rpr)
        colour = rpr.find(qn("w:color"))
        if colour is not None:  # the default template's 4F81BD blues are 4.0:1 at best
            for attribute in list(colour.attrib):
                if "theme" in attribute:
                    del colour.attrib[attribute]
            colour.set(qn("w:val"), str(HEADING_COLOUR))
    for fonts in doc.styles.element.iter(qn("w:rFonts")):  # table styles' parts too
        for attribute in list(fonts.attrib):
            if attribute.lower().endswith("theme"):
                del fonts.attrib[attribute]
        for name in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(name), FONT)
    for style in doc.styles:
        if style.type in (1, 3):  # paragraph and table styles
            style.font.name = FONT
            _fonts(style.element.get_or_add_rPr())
    doc.styles["Normal"].font.size = Pt(12)
    doc.styles["Normal"].paragraph_format.space_after = Pt(6)
    for level, size in ((1, 14), (2, 12), (3, 12)):
        style = doc.styles[f"Heading {level}"]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = level == 3
        style.font.color.rgb = HEADING_COLOUR
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True


def page_numbers(section: Any) -> None:
    """`Page N of M` in the footer, centred, from Word fields."""
    footer = section.footer.paragraphs[0]
    footer.alignment = 1
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _field(paragraph: Any, code: str) -> None:
    run = paragraph.add_run()
    for kind, text in (
        ("begin", None),
        (None, code),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == code:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {code} "
            run._r.append(instr)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)


def portrait(section: Any) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)


def landscape(section: Any) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4[1], A4[0]
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)


def para(doc: Any, text: str, style: str | None = None, *, bold: bool = False) -> Any:
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(text).bold = bold
    return paragraph


def numbered(doc: Any, text: str) -> None:
    doc.add_paragraph(text, style="List Number")


def tag(doc: Any, text: str) -> None:
    doc.add_paragraph(text)


def heading(doc: Any, text: str, level: int = 2, *, new_page: bool = False) -> None:
    doc.add_heading(text, level=level).paragraph_format.page_break_before = new_page


def front(doc: Any) -> None:
    for text in ("{{ committee_name | upper }}", "{{ meeting_date | upper }}"):
        para(doc, text, bold=True)
    heading(doc, "PERFORMANCE REPORT {{ financial_year }} – POSITION AT {{ position | upper }}", 1)
    para(doc, "JOINT REPORT OF {{ joint_report_of | upper }}", bold=True)
    heading(doc, "Purpose of the Report")
    numbered(doc, "This report gives the Committee an update on the {{ department ~ ' ' if department }}Department's "
                  "performance for {{ period_phrase }}.")  # fmt: skip
    heading(doc, "Policy Framework and Previous Decisions")
    numbered(doc, "The Committee receives reports on the {{ department ~ ' ' if department }}Department's performance "
                  "as part of the Council's corporate performance management arrangements.")  # fmt: skip


def derived_background(doc: Any) -> None:
    tag(doc, "{%p if provisional %}")
    numbered(doc, "The figures for {{ period_spoken }} are provisional: the source data is still "
                  "being completed, and the final figures are published nationally later in the year. "
                  "They are not expected to change much, and the final position will be reported "
                  "with national comparisons when it is known.")  # fmt: skip
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if national_year %}")
    numbered(doc, "Where a national average is quoted, in this report and in Appendix A, it is the "
                  "average for {{ national_year }}, the latest year published{% if national_others %}"
                  ", except for {{ national_others }}{% endif %}. National averages for "
                  "{{ report_year }} will be used once they are published.")  # fmt: skip
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for para in background %}")
    numbered(doc, "{{ para }}")
    tag(doc, "{%p endfor %}")


def update(doc: Any) -> None:
    heading(doc, "Performance Update: {{ period_long }}")
    tag(doc, "{%p for section in update %}")
    heading(doc, "{{ section.name }}", level=3)
    tag(doc, "{%p for para in section.paragraphs %}")
    numbered(doc, "{{r para }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    heading(doc, "Conclusions")
    tag(doc, "{%p for para in conclusions %}")
    numbered(doc, "{{ para }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for step in next_steps %}")
    numbered(doc, "{{ step }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not next_steps %}")
    next_steps = doc.add_paragraph(style="List Number")
    run = next_steps.add_run(
        "[Next steps: the author adds the actions planned (or lists them as next_steps under "
        "the committee in perfcli.toml), then deletes this note.]"
    )
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if background_papers %}")
    heading(doc, "Background papers")
    tag(doc, "{%p for paper in background_papers %}")
    doc.add_paragraph("{{r paper }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def implications(doc: Any, *, adults: bool) -> None:
    heading(doc, "Circulation under the Local Issues Alert Procedure")
    numbered(doc, "None.")
    heading(doc, "Equality Implications")
    numbered(doc, "The Department serves people from all of the county's communities; this "
                  "performance report itself raises no specific equality implications."
                  if adults else "This performance report raises no specific equality implications.")  # fmt: skip
    heading(doc, "Human Rights Implications")
    numbered(doc, "The equality and human rights effects of changes to services are assessed when "
                  "those changes are proposed, in Equality and Human Rights Impact Assessments.")  # fmt: skip
    heading(doc, "Other Relevant Impact Assessments")
    numbered(doc, "No other impact assessments relate to the data in this report.")
    heading(doc, "Health Impact Assessment")
    numbered(doc, "The Integration Executive and the Health and Wellbeing Board oversee the Better "
                  "Care Fund's measures and the actions taken on them."
                  if adults else "No health impact assessment relates to the data in this report.")  # fmt: skip


def contacts(doc: Any, b_title: str) -> None:
    heading(doc, "Appendices")
    doc.add_paragraph(
        "Appendix A – {{ department ~ ' ' if department }}Performance Dashboard for {{ period_display }}",
        style="List Bullet",
    )
    tag(doc, "{%p if appendix_b %}")
    doc.add_paragraph(f"Appendix B – {b_title}", style="List Bullet")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if appendix_c %}")
    doc.add_paragraph("Appendix C – Red, Amber and Green (RAG) Ratings", style="List Bullet")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if officers %}")
    heading(doc, "Officers to Contact")
    tag(doc, "{%p for officer in officers %}")
    para(
        doc,
        "{{ officer.name }}{% if officer.name and officer.role %}, {% endif %}{{ officer.role }}",
    )
    tag(doc, "{%p if officer.department %}")
    para(doc, "{{ officer.department }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if officer.telephone %}")
    para(doc, "Telephone: {{ officer.telephone }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if officer.email %}")
    para(doc, "Email: {{r officer.email_link }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def appendix_a(doc: Any, *, adults: bool) -> None:
    heading(
        doc,
        "Appendix A – {{ department ~ ' ' if department }}Performance Dashboard for {{ period_display }}",
    )
    para(doc, "{{ period_long }}")
    heading(doc, "Key to the columns", level=3)
    for text in (
        "Rating – {{ marks.better }}, {{ marks.similar }} or {{ marks.below }}: the latest figure is "
        "better than, similar to or below its comparator (the latest national average or a local target).",
        "Progress – {{ marks.improved }}, {{ marks.steady }} or {{ marks.worse }}: the latest figure "
        "compared with the previous one shown.",
        "Aim – High: a higher figure is better. Low: a lower figure is better. Target Band Width: a "
        "figure inside the band is best, and its Rating says where it lies: within the band, above "
        "it or below it. N/A: for information only.",
    ):
        doc.add_paragraph(text, style="List Bullet")
    if adults:
        doc.add_paragraph("Measure – ASCOF: a measure of the national Adult Social Care Outcomes "
                          "Framework. Local: a measure the Council set itself.", style="List Bullet")  # fmt: skip
    tag(doc, "{%p if rag %}")
    doc.add_paragraph(
        "RAG – Red, Amber or Green against a local target (see Appendix C).", style="List Bullet"
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if quartiles %}")
    doc.add_paragraph(
        "Quartile – the Council's quarter among comparator councils; Top is best.",
        style="List Bullet",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{{p appendix_a }}")


def appendix_b(doc: Any, *, adults: bool) -> None:
    tag(doc, "{%p if appendix_b %}")
    heading(doc, f"Appendix B – {B_TITLES[adults]}")
    if adults:
        for layer, text in (
            ("Prevent need", "Helping people stay well without specialist support: information and advice, "
                             "libraries, learning, museums, and community groups open to everyone."),
            ("Reduce need", "Finding the people most at risk of needing care and acting early: equipment, "
                            "minor adaptations, telecare and support for carers."),
            ("Delay need", "Helping people recover after a crisis, a fall or an illness, for example "
                           "through reablement, so that they stay independent for longer."),
            ("Meet need", "Meeting eligible needs through a personal budget, preferably as a direct "
                          "payment, with choice and value for money."),
        ):  # fmt: skip
            heading(doc, layer, level=3)
            doc.add_paragraph(text)
    else:
        doc.add_paragraph("[The author describes the strategy the measures are grouped by.]")
    tag(doc, "{%p endif %}")


def appendix_c(doc: Any) -> None:
    tag(doc, "{%p if appendix_c %}")
    heading(doc, "Appendix C – Red, Amber and Green (RAG) Ratings", new_page=True)
    for mark, text in (
        ("Red", "Performance misses its target by a wide margin: it needs close monitoring or action."),
        ("Amber", "Performance misses its target by a narrow margin: it needs light-touch monitoring."),
        ("Green", "Performance meets its target or is on track to meet it: no action is needed."),
    ):  # fmt: skip
        heading(doc, mark, level=3)
        doc.add_paragraph(text)
    heading(doc, "Margins", level=3)
    doc.add_paragraph(
        "A measure is green when it meets its target or misses it by no more than {{ rag_green }} of "
        "the target, amber when it misses by up to {{ rag_amber }}, and red beyond that. Some measures "
        "have margins of their own, agreed with the Committee."
    )
    tag(doc, "{%p endif %}")


def build(*, adults: bool) -> Any:
    doc = Document()
    styles(doc)
    portrait(doc.sections[0])
    page_numbers(doc.sections[0])
    front(doc)
    heading(doc, "Background")
    if adults:
        numbered(doc, "Appendix A sets out the Department's key performance measures for {{ period_spoken }}, "
                      "reviewed each year through business planning so that they reflect the priorities of "
                      "the Department and the Council. It is arranged by the four layers of the "
                      "Department's strategy (Prevent, Reduce, Delay and Meet need, described in Appendix B) "
                      "and by the outcomes of the Council's Strategic Plan.")  # fmt: skip
        numbered(doc, "Most adult social care measures belong to the national Adult Social Care Outcomes "
                      "Framework (ASCOF) and are compared with the national average. Measures without "
                      "a national equivalent, mostly in Communities and Wellbeing, are compared with local "
                      "targets agreed for the year.")  # fmt: skip
    else:
        numbered(doc, "Appendix A sets out the key performance measures for {{ period_spoken }}, each "
                      "compared with a national average where one exists, or else with a local target.")  # fmt: skip
    derived_background(doc)
    update(doc)
    implications(doc, adults=adults)
    contacts(doc, B_TITLES[adults])
    landscape(doc.add_section(WD_SECTION.NEW_PAGE))
    appendix_a(doc, adults=adults)
    portrait(doc.add_section(WD_SECTION.NEW_PAGE))
    appendix_b(doc, adults=adults)
    appendix_c(doc)
    doc.core_properties.author = ""
    doc.core_properties.title = ""
    return doc


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FOLDER, help="folder to write the templates to")
    parser.add_argument("--force", action="store_true", help="replace templates that exist")
    options = parser.parse_args(argv)
    folder: Path = options.out
    folder.mkdir(parents=True, exist_ok=True)
    for name, adults in (("adults.docx", True), ("committee.docx", False)):
        target = folder / name
        if target.exists() and not options.force:
            print(f"kept {target} (--force rebuilds it from this script)")
            continue
        build(adults=adults).save(target)
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
