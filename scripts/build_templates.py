"""Write templates/docx/adults.docx: the committee report template, with docxtpl placeholders.

The wording is perfcli's own, following the structure of the published committee reports.
Authors change it in Word; perfcli fills the placeholders ({{ … }}) and loops ({%p … %}).
Run from the repository root:  python scripts/build_templates.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parents[1] / "templates" / "docx" / "adults.docx"


def numbered(doc, text: str) -> None:
    doc.add_paragraph(text, style="List Number")


def loop(doc, tag: str) -> None:
    doc.add_paragraph(tag)


def heading(doc, text: str, level: int = 2) -> None:
    doc.add_heading(text, level=level)


def build() -> Document:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.2)

    for text in ("{{ committee_name | upper }}", "{{ meeting_date | upper }}", "{{ title }}",
                 "JOINT REPORT OF {{ joint_report_of | upper }}"):  # fmt: skip
        paragraph = doc.add_paragraph()
        paragraph.add_run(text).bold = True

    heading(doc, "Purpose of the Report")
    numbered(doc, "This report updates the Committee on the performance of the {{ department }} "
                  "Department for {{ period_phrase }}.")  # fmt: skip

    heading(doc, "Policy Framework and Previous Decisions")
    numbered(doc, "The Committee receives reports on the {{ department }} Department's performance "
                  "as part of the Council's corporate performance management arrangements.")  # fmt: skip

    heading(doc, "Background")
    numbered(doc, "Appendix A sets out the Department's key performance measures for {{ period_display }}, "
                  "reviewed each year through business planning so that they reflect the priorities of "
                  "the Department and the Council. The appendix is arranged by the four layers of the "
                  "Department's strategy (Prevent, Reduce, Delay and Meet need) and by the outcomes of "
                  "the Council's Strategic Plan.")  # fmt: skip
    numbered(doc, "Most adult social care measures belong to the national Adult Social Care Outcomes "
                  "Framework (ASCOF) and are compared with the latest national average. Measures without "
                  "a national equivalent, mostly in Communities and Wellbeing, are compared with local "
                  "targets agreed for the year.")  # fmt: skip
    loop(doc, "{%p for para in background %}")
    numbered(doc, "{{ para }}")
    loop(doc, "{%p endfor %}")

    heading(doc, "Performance Update: {{ period_long }}")
    loop(doc, "{%p for section in update %}")
    heading(doc, "{{ section.name }}", level=3)
    loop(doc, "{%p for para in section.paragraphs %}")
    numbered(doc, "{{r para }}")
    loop(doc, "{%p endfor %}")
    loop(doc, "{%p endfor %}")

    heading(doc, "Conclusions")
    loop(doc, "{%p for para in conclusions %}")
    numbered(doc, "{{ para }}")
    loop(doc, "{%p endfor %}")

    heading(doc, "Background papers")
    loop(doc, "{%p for paper in background_papers %}")
    doc.add_paragraph("{{ paper }}", style="List Bullet")
    loop(doc, "{%p endfor %}")

    heading(doc, "Circulation under the Local Issues Alert Procedure")
    numbered(doc, "None.")
    heading(doc, "Equality Implications")
    numbered(
        doc, "There are no specific equality implications arising from this performance report."
    )
    heading(doc, "Human Rights Implications")
    numbered(doc, "There are no human rights implications arising from this report.")
    heading(doc, "Other Relevant Impact Assessments")
    numbered(doc, "There are no other impact assessments relating to the measures in this report.")

    heading(doc, "Appendices")
    loop(doc, "{%p for appendix in appendices %}")
    doc.add_paragraph("{{ appendix }}", style="List Bullet")
    loop(doc, "{%p endfor %}")

    heading(doc, "Officers to Contact")
    loop(doc, "{%p for officer in officers %}")
    doc.add_paragraph("{{ officer }}")
    loop(doc, "{%p endfor %}")

    landscape = doc.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = landscape.page_height, landscape.page_width
    heading(doc, "Appendix A – {{ department }} Performance {{ period_display }}", level=1)
    doc.add_paragraph("{{ period_long }}")
    heading(doc, "Key to the ratings", level=3)
    loop(doc, "{%p for key in rating_key %}")
    doc.add_paragraph("{{ key }}", style="List Bullet")
    loop(doc, "{%p endfor %}")
    doc.add_paragraph("{{p appendix_a }}")
    loop(doc, "{%p for note in footnotes %}")
    doc.add_paragraph("{{ note }}")
    loop(doc, "{%p endfor %}")

    loop(doc, "{%p if appendix_b %}")
    heading(doc, "Appendix B – Adult Social Care Strategic Approach", level=1)
    for layer, text in (
        ("Prevent need", "Helping people stay well without specialist support: information and advice, "
                         "libraries, learning, museums, and community groups open to everyone."),
        ("Reduce need", "Finding people most at risk of needing care and acting early: equipment, minor "
                        "adaptations, telecare and support for carers."),
        ("Delay need", "Helping people recover after a crisis, a fall or an illness, for example through "
                       "reablement, so that they stay independent for longer."),
        ("Meet need", "Meeting eligible needs through a personal budget, preferably as a direct payment, "
                      "with choice and value for money."),
    ):  # fmt: skip
        heading(doc, layer, level=3)
        doc.add_paragraph(text)
    loop(doc, "{%p endif %}")

    loop(doc, "{%p if appendix_c %}")
    heading(doc, "Appendix C – Red/Amber/Green (RAG) Ratings", level=1)
    for mark, text in (
        ("Red", "Performance is missing its target by a significant margin: close monitoring or action is needed."),
        ("Amber", "Performance is missing its target by a narrow margin: light-touch monitoring is needed."),
        ("Green", "Performance meets its target or is on track to meet it: no action is needed."),
    ):  # fmt: skip
        heading(doc, mark, level=3)
        doc.add_paragraph(text)
    doc.add_paragraph("{{ rag_margins }}")
    loop(doc, "{%p endif %}")
    return doc


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    build().save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
