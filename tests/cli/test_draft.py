"""`perfcli draft-report`: the Word report read back with python-docx, and opened by LibreOffice."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tests.cli.test_example import import_all
from tests.conftest import error_line, perfcli

SECTIONS = [
    "PERFORMANCE REPORT 2023/24 – POSITION AT MARCH 2024",
    "Purpose of the Report", "Policy Framework and Previous Decisions", "Background",
    "Performance Update: April 2023 to March 2024", "Adult Social Care", "Communities and Wellbeing",
    "Conclusions", "Background papers", "Circulation under the Local Issues Alert Procedure",
    "Equality Implications", "Human Rights Implications", "Other Relevant Impact Assessments",
    "Health Impact Assessment", "Appendices", "Officers to Contact",
    "Appendix A – Adults and Communities Performance Dashboard for 2023/24",
    "Key to the columns", "Appendix B – Adult Social Care Strategic Approach",
    "Appendix C – Red, Amber and Green (RAG) Ratings",
]  # fmt: skip


@pytest.fixture
def drafted(example, tmp_path) -> tuple[Path, Path]:
    import_all(example)
    run = perfcli("draft-report", "--committee", "adults", "--period", "2023-24", "-w", example)
    output = example / "reports" / "adults-2023-24.docx"
    assert f"written to {output}" in run.stdout
    assert "29 measures" in run.stdout and "8 Appendix A tables" in run.stdout
    return example, output


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def test_sections_in_order_with_heading_styles(drafted):
    _, output = drafted
    document = docx.Document(output)
    found = headings(document)
    assert [h for h in found if h in SECTIONS] == SECTIONS
    first = [p.text for p in document.paragraphs[:4]]
    assert first == [
        "ADULTS AND COMMUNITIES OVERVIEW AND SCRUTINY COMMITTEE",
        "3 JUNE 2024",
        "PERFORMANCE REPORT 2023/24 – POSITION AT MARCH 2024",
        "JOINT REPORT OF THE CHIEF EXECUTIVE AND DIRECTOR OF ADULTS AND COMMUNITIES",
    ]


def test_paragraphs_use_real_word_numbering_throughout(drafted):
    _, output = drafted
    document = docx.Document(output)
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) >= 30
    style = document.styles["List Number"].element
    num_id = style.find(qn("w:pPr")).find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    # One list for the whole report: numbering runs on across sections, and renumbers in Word.
    assert all(p._p.pPr is None or p._p.pPr.numPr is None for p in numbered)
    assert num_id


def test_every_seed_000_row_is_in_appendix_a_with_its_published_values(drafted):
    example, output = drafted
    document = docx.Document(output)
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    sheet = load_workbook(example / "data" / "appendix-a-2023-24.xlsx")["Appendix A"]
    published = []
    for values in sheet.iter_rows(min_row=5, values_only=True):
        if values[0] and values[6] is not None and values[0] != "ID":
            published.append(values)
    assert len(published) == 29
    texts = {(r[1], r[-2], r[-1]) for r in rows}
    stored = json.loads(perfcli("rate", "-w", example, "--period", "2023-24", "-f", "json").stdout)
    by_description = {m["description"]: m for m in stored["measures"]}
    for values in published:
        measure = by_description[values[2]]
        assert (values[2], measure["value_text"], measure["previous_value_text"]) in texts
    assert ["Local", "Heritage visits", "High", "133.5k Local target 2023/24", "✔ Better", "▲ Improved",
            "G – Green", "134.1k", "127.1k"] in rows  # fmt: skip


def test_tables_are_accessible(drafted):
    _, output = drafted
    document = docx.Document(output)
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None  # repeats on every page
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None  # never split across pages
            assert len(row.cells) == len({id(c._tc) for c in row.cells})  # no merged cells
    properties = document.core_properties
    assert properties.language == "en-GB"
    assert properties.title == "PERFORMANCE REPORT 2023/24 – POSITION AT MARCH 2024"
    assert properties.author == "Adults and Communities"
    orientations = [section.orientation for section in document.sections]
    assert orientations == [0, 1, 0]  # Appendix A landscape; B and C on portrait pages


def _numbers(text: str) -> list[str]:
    text = re.sub(r"\b\d{4}/\d{2}\b|\b(19|20)\d{2}\b|\b1\s?st\b|\b\d{1,2} \w+ 20\d\d", " ", text)
    return re.findall(r"\d[\d,]*(?:\.\d+)?", text)


def _derived(m: dict) -> set[str]:
    """Figures a report works out from a measure's stored ones: differences and changes."""
    found: set[str] = set()
    value, previous = m["value"], m["previous_value"]
    comparator = m["comparator"] or {}
    others = [previous, comparator.get("value"), comparator.get("low"), comparator.get("high")]
    for other in [o for o in others if o is not None and value is not None]:
        gap = abs(value - other)
        found |= {f"{gap:,.0f}", f"{gap / 1000:,.1f}", f"{gap:.1f}"}
        if other:
            share = abs(value - other) / abs(other) * 100
            found |= {f"{share:.0f}", f"{share:.1f}"}
    counts = [re.search(r"(?:Actual|Forecast) ([\d,]+)", m[k] or "") for k in ("value_text", "previous_value_text")]
    if all(counts):
        found.add(f"{abs(int(counts[0][1].replace(',', '')) - int(counts[1][1].replace(',', ''))):,}")
    return found


def test_every_number_drafted_comes_from_the_data(drafted):
    example, output = drafted
    stored = json.loads(perfcli("rate", "-w", example, "--period", "2023-24", "-f", "json").stdout)[
        "measures"
    ]
    allowed = {"100", "100,000", "18", "64", "65"}
    for m in stored:
        for text in (m["description"], m["value_text"], m["previous_value_text"],
                     (m["comparator"] or {}).get("text")):  # fmt: skip
            allowed.update(_numbers(text or ""))
        if m["change"] is not None:
            allowed.add(f"{abs(m['change']):.1f}")
        allowed |= _derived(m)
    document = docx.Document(output)
    start = next(
        i for i, p in enumerate(document.paragraphs) if p.text.startswith("Performance Update")
    )
    end = next(i for i, p in enumerate(document.paragraphs) if p.text == "Background papers")
    drafted_text = [
        p.text for p in document.paragraphs[start + 1 : end] if p.style.name == "List Number"
    ]
    counts = {str(n) for n in range(0, 40)}  # "Of the 27 measures…", "15 improved" in Conclusions
    for paragraph in drafted_text:
        for number in _numbers(paragraph):
            assert number in allowed or number in counts, (number, paragraph)
    # Changes in percentages are in percentage points; in counts and rates, per cent.
    joined = " ".join(drafted_text)
    assert "89.6% in 2023/24, up 1.8 percentage points from 87.8% in 2022/23" in joined
    assert "615.1k in 2023/24, 14% higher than 539.9k in 2022/23 (an increase of 75.2k)" in joined
    assert "None" not in joined


def test_quarter_and_year_to_date_reports_have_their_own_wording(example):
    import_all(example)
    perfcli("draft-report", "--committee", "adults", "-w", example)  # latest: April-June 2025
    quarter = docx.Document(example / "reports" / "adults-2025-26-Q1.docx")
    texts = [p.text for p in quarter.paragraphs]
    assert "PERFORMANCE REPORT 2025/26 – POSITION AT JUNE 2025" in texts
    assert any("April to June 2025 (quarter 1 of 2025/26)" in t for t in texts)
    joined = " ".join(texts)
    assert "in 2025/26 (survey is annual and will next run in February 2026)" in joined
    assert any("online renewals" in t for t in texts)  # that report's own footnote
    perfcli("draft-report", "--committee", "adults", "--period", "2021-22-apr-nov", "-w", example)
    ytd = docx.Document(example / "reports" / "adults-2021-22-apr-nov.docx")
    texts = [p.text for p in ytd.paragraphs]
    assert "PERFORMANCE REPORT 2021/22 – POSITION AT NOVEMBER 2021" in texts
    assert "Performance Update: April to November 2021" in texts
    assert not any("online renewals" in t for t in texts)
    rag_cells = {c.text for t in ytd.tables for r in t.rows for c in r.cells}
    assert {"G – Green", "A – Amber", "R – Red"} <= rag_cells


def test_never_overwrites_without_force(drafted):
    example, output = drafted
    output.write_bytes(b"the author's edited copy")
    run = perfcli(
        "draft-report", "--committee", "adults", "--period", "2023-24", "-w", example, exit=2
    )
    assert "already exists" in error_line(run) and "--force" in error_line(run)
    assert output.read_bytes() == b"the author's edited copy"
    lock = output.with_name("~$" + output.name[2:])
    lock.write_bytes(b"")
    run = perfcli(
        "draft-report",
        "--committee",
        "adults",
        "--period",
        "2023-24",
        "-w",
        example,
        "--force",
        exit=1,
    )
    assert "open in Word" in error_line(run)
    lock.unlink()
    perfcli(
        "draft-report", "--committee", "adults", "--period", "2023-24", "-w", example, "--force"
    )
    assert docx.Document(output).paragraphs[0].text.startswith("ADULTS AND COMMUNITIES")
    assert [p.name for p in output.parent.iterdir()] == [output.name]  # no temporary files left
    assert output.stat().st_mode & 0o044  # readable by others, as any saved document


def test_unknown_committee_lists_the_defined_ones(example):
    import_all(example)
    run = perfcli("draft-report", "--committee", "cabinet", "-w", example, exit=2)
    assert error_line(run) == (
        "Error: no committee 'cabinet' in perfcli.toml (defined: adults; add one under [committees.cabinet])"
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{{ committee_nme }}", "unknown placeholder(s): committee_nme"),
        ("{{ title ", "broken placeholder"),
    ],
)
def test_a_bad_template_placeholder_is_named(example, text, words):
    import_all(example)
    template = example / "templates" / "adults.docx"
    template.parent.mkdir(exist_ok=True)
    document = docx.Document()
    document.add_paragraph(text)
    document.save(template)
    config = example / "perfcli.toml"
    config.write_text(
        config.read_text().replace(
            'appendices = ["B", "C"]', 'appendices = ["B", "C"]\ntemplate = "templates/adults.docx"'
        )
    )
    run = perfcli("draft-report", "--committee", "adults", "-w", example, exit=1)
    assert words in error_line(run) and "adults.docx" in error_line(run)


def test_workbook_text_is_data_not_template_code(workspace, tmp_path):
    from tests.conftest import appendix_workbook

    book = appendix_workbook(
        tmp_path / "j.xlsx", [["Local", "Visits {{ title }} <b>", "High", "", "5", "4"]]
    )
    perfcli("import", book, "-w", workspace)
    perfcli("draft-report", "--committee", "adults", "-w", workspace)
    document = docx.Document(workspace / "reports" / "adults-2023-24.docx")
    assert any("Visits {{ title }} <b> stood at 5 in 2023/24" in p.text for p in document.paragraphs)


def test_opens_in_libreoffice(drafted, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail(".ci/run should have installed LibreOffice")
        pytest.skip("LibreOffice is not installed")
    _, output = drafted
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(output)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "adults-2023-24.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
