"""The committed examples and templates are what their sources make today.

The example workbooks are written from CSV transcripts of the seed reports by
scripts/build_example_workbooks.py; the shipped Word templates and the compendium example by their
build scripts. Each is run into tmp_path here and its output compared with the committed file by
content (every cell's value, number format, font, fill and alignment, merges, widths and sheet
names; every paragraph's text and style, tables, headers and footers, page set-up), not zip bytes.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.conftest import ROOT

TRANSCRIPTS = ROOT / "examples" / "transcripts" / "leicestershire"
SEEDS = ROOT.parent / "shared" / "seeds"


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def workbook_content(path: Path) -> dict[str, object]:
    """Everything of a workbook the importers and a reader see, sheet by sheet."""
    workbook = load_workbook(path)
    content: dict[str, object] = {"sheets": workbook.sheetnames}
    for sheet in workbook:
        cells = [
            (
                cell.coordinate,
                cell.value,
                cell.number_format,
                cell.font.b,
                cell.font.sz,
                cell.fill.fill_type,
                cell.fill.fgColor.rgb,
                cell.alignment.wrap_text,
            )
            for row in sheet.iter_rows()
            for cell in row
        ]
        content[sheet.title] = {
            "dimensions": sheet.dimensions,
            "cells": cells,
            "merged": sorted(str(merged) for merged in sheet.merged_cells.ranges),
            "widths": {key: value.width for key, value in sheet.column_dimensions.items()},
        }
    return content


def _paragraphs(paragraphs) -> list[tuple[str, str, tuple]]:
    return [
        (
            paragraph.style.name if paragraph.style is not None else "",
            paragraph.alignment,
            paragraph.text,
            tuple((run.bold, run.italic, run.font.size, run.font.name) for run in paragraph.runs),
        )
        for paragraph in paragraphs
    ]


def _tables(tables) -> list[object]:
    return [
        (
            table.style.name if table.style is not None else "",
            [
                [(cell.text, _paragraphs(cell.paragraphs)) for cell in row.cells]
                for row in table.rows
            ],
        )
        for table in tables
    ]


def document_content(path: Path) -> dict[str, object]:
    """A Word document's wording and structure: body, tables, sections with their headers and
    footers, and the styles it defines (font, size, bold, colour)."""
    document = Document(str(path))
    sections = []
    for section in document.sections:
        parts = [
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
        ]
        sections.append(
            (
                section.orientation,
                section.page_width,
                section.page_height,
                section.left_margin,
                section.right_margin,
                section.top_margin,
                section.bottom_margin,
                section.start_type,
                [(part.is_linked_to_previous, _paragraphs(part.paragraphs), _tables(part.tables))
                 for part in parts],
            )
        )  # fmt: skip
    styles = sorted(
        (
            style.name,
            str(style.type),
            style.font.name,
            style.font.size,
            style.font.bold,
            str(style.font.color.rgb) if style.font.color and style.font.color.type else None,
        )
        for style in document.styles
        if hasattr(style, "font")
    )
    return {
        "body": _paragraphs(document.paragraphs),
        "tables": _tables(document.tables),
        "sections": sections,
        "styles": styles,
    }


def _transcript_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(line for line in handle if not line.startswith("#")))


TRANSCRIPT_FILES = sorted(TRANSCRIPTS.glob("*.csv"))


def test_every_example_workbook_has_a_transcript():
    workbooks = sorted(path.stem for path in (ROOT / "examples/leicestershire/data").glob("*.xlsx"))
    assert workbooks == [path.stem for path in TRANSCRIPT_FILES]
    assert len(workbooks) == 3


@pytest.fixture(scope="module")
def made_workbooks(tmp_path_factory) -> Path:
    """The example workbooks as the writer makes them from the transcripts today."""
    folder = tmp_path_factory.mktemp("workbooks")
    script("build_example_workbooks").main(["--out", str(folder)])
    return folder


@pytest.mark.parametrize("transcript", TRANSCRIPT_FILES, ids=lambda path: path.stem)
def test_the_example_workbooks_are_what_their_transcripts_make(made_workbooks, transcript):
    made = made_workbooks / f"{transcript.stem}.xlsx"
    committed = ROOT / "examples" / "leicestershire" / "data" / made.name
    assert workbook_content(made) == workbook_content(committed), (
        f"{committed.name} differs from its transcript: run python scripts/build_example_workbooks.py"
    )


@pytest.mark.parametrize("transcript", TRANSCRIPT_FILES, ids=lambda path: path.stem)
def test_each_transcript_names_a_seed_and_its_figures_are_the_seeds(transcript):
    """The header comment names the seed report; every figure written as a number (49.2%, 19.6k)
    is printed in the seeds, as typed."""
    comment = "".join(line for line in transcript.read_text().splitlines(True) if line[:1] == "#")
    named = re.findall(r"seeds/(\d{3}_[0-9a-f]+\.txt)", comment)
    assert named
    if not SEEDS.is_dir():
        pytest.skip("the seed reports are not beside this checkout")
    seeds = "".join((SEEDS / name).read_text() for name in named)
    figures = [
        cell
        for kind, *cells in _transcript_rows(transcript)
        if kind == "row"
        for cell in cells
        if re.fullmatch(r"-?[\d,]+(\.\d+)?[%k]", cell)
    ]
    assert len(figures) > 10
    assert [figure for figure in figures if figure not in seeds] == []


@pytest.mark.parametrize(
    ("text", "value", "number_format"),
    [
        ("49.2%", 0.492, "0.0%"),
        ("90%", 0.9, "0%"),
        ("19.6k", 19600, '#,##0.0,"k"'),
        ("2,384.5k", 2384500, '#,##0.0,"k"'),
        ("'68%", "68%", None),
        ("182.0k (Apr-Nov)", "182.0k (Apr-Nov)", None),
        ("Due June 2022", "Due June 2022", None),
        ("", None, None),
    ],
)
def test_a_transcript_cell_becomes_the_value_excel_holds(text, value, number_format):
    made, made_format = script("build_example_workbooks").cell_value(text)
    assert made == pytest.approx(value) if isinstance(value, float) else made == value
    assert made_format == number_format


def test_the_writer_is_short():
    assert len((ROOT / "scripts" / "build_example_workbooks.py").read_text().splitlines()) < 300


TEMPLATES = ROOT / "templates" / "docx"


@pytest.mark.parametrize(
    ("builder", "name"),
    [
        ("build_templates", "adults.docx"),
        ("build_templates", "committee.docx"),
        ("build_compendium_template", "compendium.docx"),
    ],
)
def test_the_shipped_templates_are_what_their_build_scripts_make(tmp_path, builder, name):
    script(builder).main(["--out", str(tmp_path)])
    assert document_content(tmp_path / name) == document_content(TEMPLATES / name), (
        f"templates/docx/{name} is not what scripts/{builder}.py makes: change the script to match"
    )


def test_a_template_build_script_replaces_a_template_only_with_force(tmp_path):
    for name in ("adults.docx", "compendium.docx"):
        (tmp_path / name).write_bytes(b"an author's edits")
    script("build_templates").main(["--out", str(tmp_path)])
    with pytest.raises(SystemExit, match="pass --force"):
        script("build_compendium_template").main(["--out", str(tmp_path)])
    assert (tmp_path / "adults.docx").read_bytes() == b"an author's edits"
    assert (tmp_path / "compendium.docx").read_bytes() == b"an author's edits"
    assert (tmp_path / "committee.docx").exists()
    script("build_templates").main(["--out", str(tmp_path), "--force"])
    assert document_content(tmp_path / "adults.docx") == document_content(TEMPLATES / "adults.docx")


def test_an_example_build_script_replaces_files_only_with_force(tmp_path):
    target = tmp_path / "appendix-a-2023-24.xlsx"
    target.write_bytes(b"an officer's copy")
    script("build_example_workbooks").main(["--out", str(tmp_path)])
    assert target.read_bytes() == b"an officer's copy"
    assert (tmp_path / "appendix-a-2025-26-q1.xlsx").exists()
    builder = script("build_compendium_example")
    kept = tmp_path / "compendium" / builder.WRITTEN[-1]
    kept.parent.mkdir(parents=True)
    kept.write_text("kept")
    with pytest.raises(SystemExit, match="pass --force"):
        builder.main(["--out", str(tmp_path / "compendium")])
    assert kept.read_text() == "kept" and not (tmp_path / "compendium" / builder.WORKBOOK).exists()
    script("build_example_workbooks").main(["--out", str(tmp_path), "--force"])
    assert target.read_bytes() != b"an officer's copy"


def test_the_compendium_example_is_what_its_build_script_makes(tmp_path):
    """The theme-dashboard workbook cell by cell, the SYNTHETIC tables byte for byte."""
    builder = script("build_compendium_example")
    builder.main(["--out", str(tmp_path)])
    committed = ROOT / "examples" / "compendium"
    for path in builder.WRITTEN:
        made = tmp_path / path
        if path.suffix == ".xlsx":
            assert workbook_content(made) == workbook_content(committed / path), path
        else:
            assert made.read_bytes() == (committed / path).read_bytes(), path


def test_the_compendium_transcripts_published_figures_are_the_seeds():
    """Every figure of a row the transcript does not mark SYNTHETIC is printed in the seeds."""
    transcript = ROOT / "examples" / "transcripts" / "compendium" / "theme-dashboards-2023-24.csv"
    if not SEEDS.is_dir():
        pytest.skip("the seed reports are not beside this checkout")
    header, *rows = _transcript_rows(transcript)
    columns = [header.index("End of Yr 2023/24"), header.index("End of Yr 2022/23")]
    published = [row for row in rows if row[-1] != "SYNTHETIC"]
    assert len(published) == 29 and all("seed 000" in row[-1] for row in published)
    seeds = "".join(path.read_text() for path in SEEDS.glob("*.txt"))
    figures = [
        row[column]
        for row in published
        for column in columns
        if re.fullmatch(r"-?[\d,]+(\.\d+)?[%k]?", row[column])
    ]
    assert len(figures) > 30
    assert [figure for figure in figures if figure not in seeds] == []
