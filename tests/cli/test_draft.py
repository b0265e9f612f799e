"""`perfcli draft-report`: the Word report read back with python-docx, and opened by LibreOffice."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook

from perfcli.report.document import convert_with_libreoffice
from perfcli.report.templates import template_root
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


def _written_out(text: str) -> str:
    """Dashboard shorthand as the prose writes it (issue 24): `19.6k` is 19,600, `2,384.5k` 2.38 million."""

    def plain(found: re.Match[str]) -> str:
        value = float(found.group(1).replace(",", "")) * 1000
        if value >= 1e6:
            return f"{value / 1e6:,.2f}".rstrip("0").rstrip(".") + " million"
        return f"{round(value):,}"

    return re.sub(r"(\d[\d,]*\.\d+)k", plain, text)


def _numbers(text: str) -> list[str]:
    text = _written_out(text)
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
        found |= {f"{gap:,.0f}", f"{gap / 1000:,.1f}", f"{gap:.1f}", f"{round(gap, -2):,.0f}"}
        if other:
            share = abs(value - other) / abs(other) * 100
            found |= {f"{share:.0f}", f"{share:.1f}"}
    counts = [
        re.search(r"(?:Actual|Forecast) ([\d,]+)", m[k] or "")
        for k in ("value_text", "previous_value_text")
    ]
    if all(counts):
        found.add(
            f"{abs(int(counts[0][1].replace(',', '')) - int(counts[1][1].replace(',', ''))):,}"
        )
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
    assert (
        "89.6% (3,856 out of 4,304) in 2023/24, up 1.8 percentage points from 87.8% in 2022/23"
        in joined
    )
    assert (
        "615,100 in 2023/24, 14% higher than 539,900 in 2022/23 (an increase of 75,200)" in joined
    )
    assert "None" not in joined


def test_quarter_and_year_to_date_reports_have_their_own_wording(example):
    import_all(example)
    perfcli("draft-report", "--committee", "adults", "-w", example)  # latest: April-June 2025
    quarter = docx.Document(example / "reports" / "adults-2025-26-Q1.docx")
    texts = [p.text for p in quarter.paragraphs]
    assert "PERFORMANCE REPORT 2025/26 – POSITION AT JUNE 2025" in texts
    assert any("April to June 2025 (the first quarter of 2025/26)" in t for t in texts)
    joined = " ".join(texts)
    assert (
        "Five measures come from surveys, and none has a new figure this period. They are" in joined
    )
    assert "last 61.1% in 2024/25 (survey is annual and will next run in February 2026)" in joined
    assert any("online renewals" in t for t in texts)  # that report's own footnote
    # The national averages to come are the year after those quoted (2023/24's), not 2025/26's.
    assert "National averages for 2024/25 will be used once they are published." in joined
    # Said with the falls it explains, as well as under Appendix A.
    community = next(t for t in texts if "Total community library issues stood at" in t)
    assert community.endswith(
        "credits online renewals to 'web', not to the library that issued the item."
    )
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
        exit=2,
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
        (
            "{{ title ",
            "paragraph 1 ('{{ title'): a placeholder opened with {{ is not closed with }}",
        ),
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
    assert any(
        "Visits {{ title }} <b> stood at 5 in 2023/24" in p.text for p in document.paragraphs
    )


def test_opens_in_libreoffice(drafted, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail(".ci/run should have installed LibreOffice")
        pytest.skip("LibreOffice is not installed")
    _, output = drafted
    convert_with_libreoffice(soffice, output, tmp_path, timeout=180)
    pdf = tmp_path / "adults-2023-24.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_a_committee_typo_gets_did_you_mean(example):
    import_all(example)
    run = perfcli("draft-report", "--committee", "adult", "-w", example, exit=2)
    assert error_line(run) == "Error: no committee 'adult' in perfcli.toml (did you mean adults?)"


def test_a_period_that_is_not_a_report_period_is_refused_with_those_held(example):
    import_all(example)
    run = perfcli("draft-report", "-c", "adults", "--period", "2024-25-Q1", "-w", example, exit=2)
    assert error_line(run) == (
        "Error: 2024/25 Q1 is held only as a later report's previous column, without comparators "
        "or targets of its own, so it is not rated or reported on its own (the workspace's report "
        "periods are 2021-22-apr-nov, 2023-24, 2025-26-Q1; 'perfcli diff' compares it)"
    )


def test_meeting_date_is_given_or_the_committees_next_and_never_before_the_period_ends(example):
    import_all(example)
    run = perfcli("draft-report", "-c", "adults", "-p", "2023-24", "--meeting-date", "2024-03-20",
                  "-w", example, exit=2)  # fmt: skip
    assert "meeting date 20 March 2024 is before 2023/24 ends (31 March 2024)" in error_line(run)
    run = perfcli("draft-report", "-c", "adults", "-p", "2023-24", "--meeting-date", "next week",
                  "-w", example, exit=2)  # fmt: skip
    assert "'next week' is not a date" in error_line(run)
    perfcli(
        "draft-report",
        "-c",
        "adults",
        "-p",
        "2023-24",
        "--meeting-date",
        "10 June 2024",
        "-w",
        example,
    )
    document = docx.Document(example / "reports" / "adults-2023-24.docx")
    assert document.paragraphs[1].text == "10 JUNE 2024"
    # The committee's dates: 3 June 2024, then 1 September 2025 for the 2025/26 Q1 report.
    perfcli("draft-report", "-c", "adults", "-w", example)
    quarter = docx.Document(example / "reports" / "adults-2025-26-Q1.docx")
    assert quarter.paragraphs[1].text == "1 SEPTEMBER 2025"
    # No date: a marked gap in the report, and a warning.
    config = example / "perfcli.toml"
    config.write_text(config.read_text().replace("meeting_dates = [2024-06-03, 2025-09-01]", ""))
    run = perfcli("draft-report", "-c", "adults", "-p", "2021-22-apr-nov", "-w", example)
    assert "! no meeting date: the report says [meeting date]" in run.stdout
    ytd = docx.Document(example / "reports" / "adults-2021-22-apr-nov.docx")
    assert ytd.paragraphs[1].text == "[MEETING DATE]"


def test_officers_and_background_papers_come_from_the_committee(drafted):
    _, output = drafted
    document = docx.Document(output)
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Officers to Contact")
    assert texts[start + 1 : start + 5] == [
        "Jon Wilson, Director of Adults and Communities", "Adults and Communities Department",
        "Telephone: 0116 305 7454", "Email: jon.wilson@leics.gov.uk",
    ]  # fmt: skip
    links = {r.target_ref for r in document.part.rels.values() if "hyperlink" in r.reltype}
    assert "mailto:jon.wilson@leics.gov.uk" in links
    assert any(link.startswith("https://digital.nhs.uk/") for link in links)
    papers = texts.index("Background papers")
    assert texts[papers + 1] == "Adult Social Care Outcomes Framework"


def test_after_init_the_adults_committee_drafts_and_a_word_edit_to_its_template_appears(tmp_path):
    workspace = tmp_path / "ws"
    perfcli(
        "init", workspace, "--council", "Testshire County Council", "--department", "Adult Care"
    )
    config = workspace / "perfcli.toml"
    config.write_text(config.read_text() + '\n[measures.ascof-4b]\naim = "high"\n')
    from tests.conftest import EXAMPLE

    perfcli("import", EXAMPLE / "data" / "appendix-a-2023-24.xlsx", "-w", workspace)
    run = perfcli("draft-report", "--committee", "adults", "-w", workspace)
    assert "29 measures" in run.stdout and "left out" not in run.stdout
    output = workspace / "reports" / "adults-2023-24.docx"
    headings_found = headings(docx.Document(output))
    assert ["Prevent need", "Reduce need", "Delay need", "Meet need"] == [
        h for h in headings_found if h.endswith(" need")
    ][:4]
    # An officer edits the workspace's template in Word (here, python-docx): the next draft has it.
    template = workspace / "templates" / "adults.docx"
    edited = docx.Document(template)
    purpose = next(p for p in edited.paragraphs if p.text.startswith("This report gives"))
    purpose.text = "This report, as our clerk words it, covers {{ period_phrase }}."
    edited.save(template)
    perfcli("draft-report", "--committee", "adults", "-w", workspace, "--force")
    texts = [p.text for p in docx.Document(output).paragraphs]
    assert "This report, as our clerk words it, covers the year 2023/24." in texts


def test_a_second_committee_gets_the_generic_template_without_adults_wording(example):
    import_all(example)
    config = example / "perfcli.toml"
    config.write_text(
        config.read_text() + '\n[committees.corporate]\nname = "Corporate Committee"\n'
    )
    perfcli("draft-report", "-c", "corporate", "-p", "2023-24", "-w", example)
    document = docx.Document(example / "reports" / "corporate-2023-24.docx")
    fixed = " ".join(p.text for p in document.paragraphs if p.style.name != "List Number")
    assert "Adult Social Care Strategic Approach" not in fixed
    assert not any("four layers" in p.text or "Outcomes Framework (ASCOF) and" in p.text
                   for p in document.paragraphs)  # fmt: skip


def test_template_check_lists_placeholders_and_names_unknown_and_missing(example, tmp_path):
    run = perfcli("template", "check", "-w", example)
    assert "✔ every placeholder is one perfcli fills" in run.stdout
    assert "used: appendix_a, appendix_b" in run.stdout
    broken = tmp_path / "mine.docx"
    document = docx.Document()
    document.add_paragraph("{{ committee_nme }} {{ title }}")
    document.save(broken)
    run = perfcli("template", "check", broken, exit=1)
    assert "✘ unknown (perfcli does not fill these): committee_nme" in run.stdout
    assert "✘ missing (a report needs these): appendix_a, conclusions, update" in run.stdout
    run = perfcli("template", "check", tmp_path / "none.docx", exit=1)
    assert "does not exist" in error_line(run)


def test_template_check_of_a_name_finds_the_workspace_copy_or_says_where_it_looked(
    example, monkeypatch
):
    """In the workspace, `adults.docx` is templates/adults.docx (else the shipped one it drafts
    from); a name found nowhere is one line naming both places, not advice to run init."""
    monkeypatch.chdir(example)
    run = perfcli("template", "check", "adults.docx")
    assert run.stdout.startswith(f"{template_root() / 'docx' / 'adults.docx'}: 28 placeholders")
    mine = example / "templates" / "adults.docx"
    mine.parent.mkdir()
    document = docx.Document()
    document.add_paragraph("{{ committee_name }}")
    document.save(mine)
    run = perfcli("template", "check", "adults.docx", exit=1)
    assert run.stdout.startswith(f"{mine}: 1 placeholder\n")
    run = perfcli("template", "check", "adlts.docx", exit=1)
    assert error_line(run) == (
        "Error: template adlts.docx does not exist here or in templates; give the path to a "
        "Word template (.docx), or no FILE to check the workspace's own"
    )
    # A name without its .docx, as a user types a committee's template.
    run = perfcli("template", "check", "adults", exit=1)
    assert run.stdout.startswith(f"{mine}: 1 placeholder\n")


def test_pdf_without_libreoffice_says_so_in_one_line(example, tmp_path):
    import_all(example)
    run = perfcli("draft-report", "-c", "adults", "-p", "2023-24", "--pdf", "-w", example,
                  exit=1, env={"PATH": str(tmp_path)})  # fmt: skip
    assert "but no PDF: LibreOffice is not installed" in error_line(run)
    assert (example / "reports" / "adults-2023-24.docx").exists()


def test_pdf_through_libreoffice(example):
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")
    import_all(example)
    run = perfcli("draft-report", "-c", "adults", "-p", "2023-24", "--pdf", "-w", example)
    pdf = example / "reports" / "adults-2023-24.pdf"
    assert f"and as PDF to {pdf}" in run.stdout
    assert pdf.read_bytes().startswith(b"%PDF") and b"/StructTreeRoot" in pdf.read_bytes()


def test_a_workspace_with_no_department_is_warned(tmp_path):
    """After 'perfcli init' with no --department: warned, and the wording still reads well."""
    from tests.cli.test_example import import_all
    from tests.conftest import EXAMPLE

    ws = tmp_path / "ex"
    shutil.copytree(EXAMPLE, ws, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    config = ws / "perfcli.toml"
    config.write_text(config.read_text().replace('department = "Adults and Communities"', ""))
    import_all(ws)
    run = perfcli("draft-report", "--committee", "adults", "--period", "2023-24", "-w", ws)
    assert "! no department named" in run.stdout
    texts = [p.text for p in docx.Document(ws / "reports" / "adults-2023-24.docx").paragraphs]
    assert "Appendix A – Performance Dashboard for 2023/24" in texts
    assert any("update on the Department's performance" in t for t in texts)
    assert not any("  " in t for t in texts if "Department" in t or "Dashboard" in t)


def test_a_committee_template_that_is_not_there_names_its_setting(example, tmp_path):
    """A trial: 'templates/nothere.docx does not exist (run perfcli init …)', advice that would
    start perfcli.toml afresh."""
    config = example / "perfcli.toml"
    config.write_text(config.read_text().replace(
        "[committees.adults]", '[committees.adults]\ntemplate = "templates/nothere.docx"', 1))  # fmt: skip
    perfcli("import", *sorted((example / "data").glob("*.xlsx")), "-w", example)
    line = error_line(perfcli("draft-report", "-c", "adults", "-w", example, exit=2))
    assert line.startswith(
        "Error: perfcli.toml [committees.adults] template: 'templates/nothere.docx': no such file"
    )
    assert "perfcli init" not in line
