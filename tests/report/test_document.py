"""Rendering: Appendix A put in after the template renders comes out exactly as docxtpl rendering
it in place made it (every part of the .docx compared but its timestamps)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from perfcli.report import builder, document
from perfcli.report.appendix import build
from perfcli.report.document import check_template, render
from tests.cli.test_example import import_all
from tests.conftest import perfcli
from tests.report.test_appendix import representative_items


def parts(path: Path) -> dict[str, bytes]:
    """Every part of a .docx but docProps/core.xml, whose times differ from run to run."""
    with zipfile.ZipFile(path) as package:
        return {n: package.read(n) for n in package.namelist() if n != "docProps/core.xml"}


def through_docxtpl(*args: Any, subdocs: tuple[str, ...] = (), **kw: Any) -> None:
    """The reference: every subdocument rendered in place by docxtpl."""
    document.render(*args, **kw)


@pytest.mark.parametrize("period", ["2023-24", "2025-26-Q1"])  # the latter has footnotes
def test_the_drafted_report_is_as_docxtpl_rendered_it(example, monkeypatch, period):
    import_all(example)
    args = ("draft-report", "--committee", "adults", "--period", period, "--force", "-w", example)
    perfcli(*args, "--output", example / "ours.docx")
    monkeypatch.setattr(builder, "render", through_docxtpl)
    perfcli(*args, "--output", example / "docxtpl.docx")
    assert parts(example / "ours.docx") == parts(example / "docxtpl.docx")


def test_a_subdocument_placed_twice_is_as_docxtpl_rendered_it(tmp_path):
    template = docx.Document()
    template.add_paragraph("Before.")
    template.add_paragraph("{{p appendix_a }}")
    template.add_paragraph("Between.")
    template.add_paragraph("{{p appendix_a }}")
    template.save(str(tmp_path / "template.docx"))
    items, sections = representative_items()
    for name, subdocs in (("ours", ("appendix_a",)), ("docxtpl", ())):
        filled, _ = check_template(tmp_path / "template.docx", {"appendix_a"})
        subdoc = filled.new_subdoc()
        build(subdoc, items, sections, rag=True, quartiles=True, report="2023-24")
        render(filled, {"appendix_a": subdoc}, tmp_path / f"{name}.docx", author="A", force=True,
               subdocs=subdocs)  # fmt: skip
    assert parts(tmp_path / "ours.docx") == parts(tmp_path / "docxtpl.docx")
    assert len(docx.Document(str(tmp_path / "ours.docx")).tables) == 2 * 4
