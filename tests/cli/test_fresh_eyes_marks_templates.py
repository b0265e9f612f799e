"""A fresh trial's findings on validate's marks and the committee template, through the CLI:
a printed mark is named by its file and cell, a template lacking what a report needs is not
final, and a placeholder left open is named by its paragraph, not by Word's XML."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from tests.cli.test_example import import_all
from tests.conftest import appendix_workbook, error_line, perfcli

# Two years' dashboards as the trial made them: ASCOF 1A's quality-of-life score with a
# Progress mark each year (▲ for 19.1 → 19.3 and ▼ for 19.3 → 19.0, both within ±3%: similar).
HEADER = ["Measure", "Description", "Aim", "Comparator", "Progress"]
QUALITY = "Social care-related quality of life score (survey)"


def _dashboard(folder: Path, year: str, before: str, figures: tuple[str, str], mark: str) -> Path:
    name = f"dashboard-{year.replace('/', '-')}.xlsx"
    rows = [
        ["PREVENT NEED", None, None, None, None, None, None],
        ["ASCOF 2A", "% of people who had no need for ongoing services following reablement",
         "High", f"77.5% {before[2:]} Nat. Ave", None, "82.8% (911 out of 1,100)",
         "80.0% (880 out of 1,100)"],
        ["ASCOF 1A", QUALITY, "High", f"19.0 {before[2:]} Nat. Ave", mark, *figures],
    ]  # fmt: skip
    header = [*HEADER, f"{year} Performance", f"{before} Performance"]
    return appendix_workbook(folder / name, rows, header=header)


@pytest.fixture
def dashboards(tmp_path: Path) -> list[Path]:
    return [
        _dashboard(tmp_path, "2023/24", "2022/23", ("19.3", "19.1"), "▲"),
        _dashboard(tmp_path, "2024/25", "2023/24", ("19.0", "19.3"), "▼"),
    ]


def _marks(*args: object) -> list[tuple[str, str]]:
    found = json.loads(perfcli("validate", *args, "-f", "json").stdout)["findings"]
    return [(f["location"], f["message"]) for f in found if f["code"] == "mark.disagrees"]


FIRST = (
    'dashboard-2023-24.xlsx, sheet "Appendix A", cell E7',
    "ascof-1a, 2023-24: ASCOF 1A: printed ▲ improved; perfcli: 19.1 → 19.3, +1.0% is within"
    " ±3%: similar",
)
SECOND = (
    'dashboard-2024-25.xlsx, sheet "Appendix A", cell E7',
    "ascof-1a, 2024-25: ASCOF 1A: printed ▼ not as good; perfcli: 19.3 → 19.0, -1.6% is within"
    " ±3%: similar",
)


def test_a_printed_mark_is_named_by_its_own_file_and_cell_among_several(dashboards, workspace):
    """The trial saw dashboard-2024-25.xlsx named for the mark dashboard-2023-24.xlsx prints."""
    assert _marks(*dashboards, "-w", workspace) == [FIRST, SECOND]
    assert _marks(dashboards[0], "-w", workspace) == [FIRST]


def test_a_printed_mark_in_the_workspace_is_named_by_the_file_it_was_imported_from(
    dashboards, workspace
):
    perfcli("import", *dashboards, "-w", workspace)
    assert _marks("-w", workspace) == [FIRST, SECOND]
    perfcli("import", *dashboards, "-w", workspace)  # read again: the same places
    assert _marks("-w", workspace) == [FIRST, SECOND]


def _template(example: Path, *paragraphs: str) -> Path:
    """A committee template of these paragraphs, set as the adults committee's."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    template = example / "templates" / "mine.docx"
    template.parent.mkdir(exist_ok=True)
    document.save(template)
    config = example / "perfcli.toml"
    config.write_text(
        config.read_text().replace(
            'appendices = ["B", "C"]', 'appendices = ["B", "C"]\ntemplate = "templates/mine.docx"'
        )
    )
    return template


NO_CONCLUSIONS = (
    "{{ title }}",
    "{% for s in update %}{{ s.name }}{% endfor %}",
    "{{p appendix_a }}",
)
LACKING = (
    "template mine.docx has no conclusions (a report needs these; 'perfcli template check'"
    " lists them)"
)


def test_final_refuses_a_template_without_conclusions_in_one_line(example, tmp_path):
    import_all(example)
    template = _template(example, *NO_CONCLUSIONS)
    checked = perfcli("template", "check", template, exit=1)
    assert "  ✘ missing (a report needs these): conclusions" in checked.stdout.splitlines()
    output = tmp_path / "final.docx"
    run = perfcli("draft-report", "-c", "adults", "-w", example, "--final", "-o", output, exit=1)
    assert error_line(run) == f"Error: not final: {LACKING} (add them to the template in Word)"
    assert not output.exists()


def test_a_draft_from_a_template_without_conclusions_says_it_is_not_final(example, tmp_path):
    import_all(example)
    _template(example, *NO_CONCLUSIONS)
    output = tmp_path / "draft.docx"
    run = perfcli("draft-report", "-c", "adults", "-w", example, "-o", output)
    lines = run.stdout.splitlines()
    assert f"  ✘ not final: {LACKING}" in lines
    assert lines[-1] == "✘ proof-read: nothing more, but not final: 1 finding above"
    assert "nothing a clerk would send back" not in run.stdout
    assert output.exists()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("{{ title ", "paragraph 2 ('{{ title'): a placeholder opened with {{ is not closed with }}"),
        ("Report of {{ joint_report_of }} and title }} here",
         "paragraph 2 ('Report of {{ joint_report_of }} and'): a placeholder closed with }}"
         " was not opened with {{"),
        ("{% for s in update %}{{ s.name }}{% endfor ",
         "paragraph 2 ('{% for s in update %}{{'): a tag opened with {% is not closed"
         " with %}"),
    ],
)  # fmt: skip
def test_a_broken_placeholder_names_its_paragraph_not_word_xml(example, tmp_path, text, said):
    import_all(example)
    template = _template(example, "Performance report", text, *NO_CONCLUSIONS)
    expected = f"Error: template mine.docx: {said}"
    assert error_line(perfcli("template", "check", template, exit=1)) == expected
    output = tmp_path / "broken.docx"
    run = perfcli("draft-report", "-c", "adults", "-w", example, "-o", output, exit=1)
    assert error_line(run) == expected
    assert not output.exists()


def test_a_broken_placeholder_in_a_header_or_footer_is_named_there(example, tmp_path):
    """docxtpl renders headers and footers too: a tag left open there was Jinja's "unexpected
    '/'", about Word's XML."""
    import_all(example)
    template = _template(example, "Performance report", *NO_CONCLUSIONS)
    document = docx.Document(str(template))
    document.sections[0].header.paragraphs[0].text = "{{ committee_name }} scrutiny"
    document.sections[0].footer.paragraphs[0].text = "Page }} of the {{ title"
    document.save(template)
    expected = (
        "Error: template mine.docx: the footer, paragraph 1 ('Page }} of the {{ title'):"
        " a placeholder closed with }} was not opened with {{"
    )
    assert error_line(perfcli("template", "check", template, exit=1)) == expected
    output = tmp_path / "broken.docx"
    run = perfcli("draft-report", "-c", "adults", "-w", example, "-o", output, exit=1)
    assert error_line(run) == expected
    assert not output.exists()
    document.sections[0].footer.paragraphs[0].text = "Page 1"  # whole again: the header is drawn
    document.save(template)
    perfcli("draft-report", "-c", "adults", "-w", example, "-o", output)
    header = docx.Document(str(output)).sections[0].header.paragraphs[0].text
    assert header == "Adults and Communities Overview and Scrutiny Committee scrutiny"
