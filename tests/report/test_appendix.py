"""Appendix A's tables, built row by row from one prepared row, come out exactly as python-docx's
per-cell calls made them (the reference below is the builder as it was before, kept to compare)."""

from __future__ import annotations

from itertools import cycle
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree
from msgspec.structs import replace

from perfcli.domain.figures import Unit
from perfcli.domain.model import Observation
from perfcli.domain.outcomes import Progress, Rag, Rating
from perfcli.domain.period_labels import figures_shown, labelled
from perfcli.domain.period_parsing import parse_period
from perfcli.report import appendix
from perfcli.report.appendix import FONT_SIZE, MARKS, SHADES, build, groups, widths
from perfcli.report.item import Item
from perfcli.report.layout import WHOLE
from tests.report.test_narrative import changed, item

# The reference: python-docx, cell by cell -------------------------------------------------


def _set(row: Any, name: str) -> None:
    props = row._tr.get_or_add_trPr()
    element = OxmlElement(f"w:{name}")
    element.set(qn("w:val"), "true")
    props.append(element)


def _shade(cell: Any, value: str) -> None:
    colour = SHADES.get(value)
    if colour is None:
        return
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _fit(table: Any, sizes: list[float]) -> None:
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, sizes, strict=True):
        column.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, sizes, strict=True):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                for run in paragraph.runs:
                    run.font.size = Pt(FONT_SIZE)


def reference_build(
    doc: Any,
    items: list[Item],
    sections: dict[str, tuple[str | None, str | None]],
    *,
    rag: bool,
    quartiles: bool,
    report: str,
) -> int:
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
        for member in members:
            marks = ""
            for note in member.footnotes:
                mark = notes.setdefault(note, MARKS[len(notes) % len(MARKS)])
                marks += mark
                table_notes.append((mark, note))
            rows.append(appendix._row(member, marks, rag, quartiles, report, before.label))
        table = doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, header, strict=True):
            cell.text = name
            cell.paragraphs[0].runs[0].bold = True
        _set(table.rows[0], "tblHeader")
        _set(table.rows[0], "cantSplit")
        for member, values in zip(members, rows, strict=True):
            row = table.add_row()
            _set(row, "cantSplit")
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = text
            _shade(row.cells[4], member.judgement.rating.value)
            _shade(row.cells[5], member.judgement.progress.value)
            if rag and member.judgement.rag:
                _shade(row.cells[6], member.judgement.rag.value)
        _fit(table, widths(header, rows))
        rows_ = list(table.rows)  # a long table keeps its first rows and last two together
        kept = rows_[:-1] if len(rows_) <= WHOLE else [rows_[0], rows_[1], rows_[-2]]
        for row in kept:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
        for mark, note in dict.fromkeys(table_notes):
            paragraph = doc.add_paragraph(f"{mark} {note}")
            paragraph.runs[0].font.size = Pt(FONT_SIZE)
        tables += 1
    return tables


# Items: seed 000's figures, with every judgement the tables shade ---------------------------


def _judged(base: Item, rating: Rating, progress: Progress, rag: Rag | None, **kw: Any) -> Item:
    judgement = replace(base.judgement, rating=rating, progress=progress, rag=rag, **kw)
    return changed(base, judgement=judgement)


def representative_items() -> tuple[list[Item], dict[str, tuple[str | None, str | None]]]:
    """Seed 000 measures with every rating, progress and RAG, and the cases a table must show."""
    reablement = item("ascof-2a", "% of people who had no need for ongoing services following reablement",
                      "high", Unit.PERCENT, "89.6%", "87.8%", "77.5% 22/23 Nat. Ave", code="ASCOF 2A")  # fmt: skip
    admissions = item("ascof-2b", "Permanent admissions to care (aged 18-64) per 100,000 pop.", "low",
                      Unit.RATE_PER_100K, "13.7 per 100k Pop. Actual 58 Admissions in 23/24",
                      "12.1 per 100k Pop. Actual 51 Admissions in 22/23",
                      "14.6 per 100k pop. 22/23 Nat. Ave", code="ASCOF 2B")  # fmt: skip
    visits = item("heritage-visits", "Heritage visits", "high", Unit.COUNT, "134.1k", "127.1k",
                  "133.5k Local target 2023/24")  # fmt: skip
    band = item("sequels-prevent", "% of sequels that 'Prevent Need'", "band", Unit.PERCENT, "49.2%",
                "56.7%", "55% - 60% Local target 2023/24")  # fmt: skip
    bases = cycle([reablement, admissions, visits, band])
    judgements = [(r, p, g) for r in Rating for p in Progress for g in (*Rag, None)]
    made = [_judged(next(bases), *j) for j in judgements]
    missing = Observation(measure_id="ascof-2b", period="2023-24", raw="Data not yet available")
    made += [
        _judged(reablement, Rating.BELOW, Progress.WORSE, Rag.RED, overridden=True,
                computed_rating=Rating.SIMILAR),
        changed(admissions, current=missing, footnotes=["Figures for 2023/24 are due in June."]),
        changed(visits, current_period="2022-23", quartile="Top"),  # a figure from another period
        changed(band, description="% of contacts resolved at first point of contact, across every "
                "team, without a further referral to the Delay Need or Meet Need layers " * 3,
                quartile="Bottom", footnotes=["A long note.", "Figures for 2023/24 are due in June."]),
        changed(visits, description="Two lines\nand a\ttab, with spaces at the end  ", code="",
                measure=replace(visits.measure, tags=["BCF", "NEW"])),
        changed(reablement, previous=None, previous_period=None, comparator=None,
                description=" lead space\r\nand a CRLF"),
    ]  # fmt: skip
    made += [changed(visits, footnotes=[f"Note {n}."]) for n in range(11)]  # marks wrap round
    layers = cycle([("Prevent Need", "Outcome one"), ("Prevent Need", None), ("Delay Need", None),
                    (None, None)])  # fmt: skip
    made = [changed(m, measure=replace(m.measure, id=f"m{n}")) for n, m in enumerate(made)]
    sections = {m.measure.id: next(layers) for m in made}
    return made, sections


def _body(build_with: Any, items: list[Item], sections: Any, **kw: Any) -> tuple[int, list[bytes]]:
    document = docx.Document()
    tables = build_with(document, items, sections, report="2023-24", **kw)
    body = [e for e in document.element.body if e.tag != qn("w:sectPr")]
    return tables, [etree.tostring(e, method="c14n") for e in body]


@pytest.mark.parametrize("rag", [True, False])
@pytest.mark.parametrize("quartiles", [True, False])
def test_the_tables_and_the_paragraphs_between_them_are_as_python_docx_made_them(rag, quartiles):
    items, sections = representative_items()
    tables, made = _body(build, items, sections, rag=rag, quartiles=quartiles)
    reference_tables, reference = _body(
        reference_build, items, sections, rag=rag, quartiles=quartiles
    )
    assert tables == reference_tables == 4
    assert len(made) == len(reference)
    for ours, theirs in zip(made, reference, strict=True):
        assert ours == theirs


def test_a_table_of_one_row_and_a_last_row_keep_nothing_with_the_next():
    items, sections = representative_items()
    one = {**sections, items[0].measure.id: ("Alone", None)}
    assert _body(build, items, one, rag=True, quartiles=False) == _body(
        reference_build, items, one, rag=True, quartiles=False
    )
    document = docx.Document()
    build(document, items[:1], one, rag=True, quartiles=False, report="2023-24")
    header, row = document.tables[0].rows
    assert all(p.paragraph_format.keep_with_next for c in header.cells for p in c.paragraphs)
    assert not any(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)


@pytest.mark.parametrize(
    "text",
    ["", "89.6%", " lead", "trail ", "a\tb", "a\nb", "a\r\nb", "\t", "\n\n", "end\xa0", "✔ Better"],
)
def test_text_is_written_as_the_run_text_setter_writes_it(text):
    expected, run = OxmlElement("w:r"), OxmlElement("w:r")
    expected.text = text  # python-docx's CT_R.text setter, which Run.text calls
    appendix._write(run, text)
    assert etree.tostring(run, method="c14n") == etree.tostring(expected, method="c14n")


# Issue 24, item 2: a figure's own period said once, where it differs from its column's --------


@pytest.mark.parametrize(
    ("raw", "label", "column", "academic", "expected"),
    [
        ("599 End of June 2025", "2025-06-30", "2025-26-Q1", False, "599 End of June 2025"),
        (
            "61 (9.1% of total waiting at end of Mar-25)",
            "2025-03-31",
            "2024-25-Q1",
            False,
            "61 (9.1% of total waiting at end of Mar-25)",
        ),
        ("672 End of March 2025", "2025-03-31", "2024-25-Q1", False, "672 End of March 2025"),
        (
            "88.7% (3,912 out of 4,408)",
            "2024-25",
            "2024-25-Q1",
            False,
            "88.7% (3,912 out of 4,408) (2024/25)",
        ),
        ("84.8%", "2024-25", "2025-26-Q1", True, "84.8% (2024/25 academic year)"),
        ("84.8%", "AY2024-25", "2025-26-Q1", False, "84.8% (2024/25 academic year)"),
        ("61.1%", "2024-25", "2024-25-Q1", False, "61.1% (2024/25)"),
        (
            "14.3 per 100k Pop. Forecast 62 Admissions in 25/26",
            "2025-26",
            "2025-26-Q1",
            False,
            "14.3 per 100k Pop. Forecast 62 Admissions in 25/26",
        ),
        ("6.5k", "2025-26-Q1", "2025-26-Q1", False, "6.5k"),
    ],
)
def test_a_cell_states_its_own_period_once(raw, label, column, academic, expected):
    assert labelled(raw, label, column, academic=academic) == expected


@pytest.mark.parametrize(
    ("now", "before", "shown"),
    [
        # An owner's return typed 615100 beside the dashboard's 539.9k (seed 000's library visits):
        # one row printed its two figures two ways, "615,100" and "539.9k".
        ("615100", "539.9k", ("615.1k", "539.9k")),
        ("615.1k", "539900", ("615.1k", "539.9k")),
        ("2384500", "2,260.7k", ("2,384.5k", "2,260.7k")),
        ("615100", "539900", ("615,100", "539,900")),  # neither scaled: both in full
        ("615100", "539,900", ("615,100", "539,900")),
        ("615.1k", None, ("615.1k", "")),
        # Not where the scale would lose the figure (a re-check's 950 as 1.0k, 49 as 0.0k).
        ("950", "1.2k", ("950", "1.2k")),
        ("49", "0.1k", ("49", "0.1k")),
        ("5600", "6.5k", ("5.6k", "6.5k")),
    ],
)
def test_a_bare_figure_is_printed_in_the_scale_of_the_figure_beside_it(now, before, shown):
    visits = item("library-visits", "Library visits", "high", Unit.COUNT, now, before,
                  "545.3k Local target 2023/24")  # fmt: skip
    assert figures_shown(visits.rated, "2023-24", "2022-23") == shown
