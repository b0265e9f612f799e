"""A link in a workspace's folders never leads perfcli out of it (a trial of 06:26 UTC: a
`reports` folder linked elsewhere was written through, and a linked template rendered without a
word). Every path perfcli reads or writes by default in a workspace goes through one rule,
`perfcli.workspace.inside`; a path the user types (`--output`) stays theirs to choose.

The workspace is a copy of the example (seed 003's Leicestershire dashboards).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.cli.test_example import import_all
from tests.conftest import error_line, perfcli

SHIPPED = Path(__file__).resolve().parents[2] / "templates" / "docx" / "adults.docx"


def everything_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_reports_folder_linked_outside_is_refused_and_output_still_allowed(example, tmp_path):
    import_all(example)
    outside = tmp_path / "outside_reports"
    outside.mkdir()
    os.symlink(outside, example / "reports")
    run = perfcli("draft-report", "-c", "adults", "-w", example, exit=2)
    assert error_line(run) == (
        "Error: reports/adults-2025-26-Q1.docx leads outside the workspace, through a link, to "
        f"{outside.resolve()}/adults-2025-26-Q1.docx (make reports a folder in the workspace, or "
        "pass --output to write the report elsewhere)"
    )
    assert everything_in(outside) == []
    typed = tmp_path / "mine.docx"
    perfcli("draft-report", "-c", "adults", "-w", example, "--output", typed)
    assert typed.is_file() and everything_in(outside) == []


def test_a_template_or_templates_folder_linked_outside_is_refused(example, tmp_path):
    import_all(example)
    outside = tmp_path / "outtpl"
    outside.mkdir()
    shutil.copy(SHIPPED, outside / "adults.docx")
    (example / "templates").mkdir()
    os.symlink(outside / "adults.docx", example / "templates" / "adults.docx")
    words = (
        "Error: templates/adults.docx leads outside the workspace, through a link, to "
        f"{(outside / 'adults.docx').resolve()} (replace the link with the file or folder itself, "
        "inside the workspace)"
    )
    assert error_line(perfcli("draft-report", "-c", "adults", "-w", example, exit=2)) == words
    assert error_line(perfcli("template", "check", "-w", example, exit=2)) == words
    shutil.rmtree(example / "templates")
    os.symlink(outside, example / "templates")
    assert error_line(perfcli("draft-report", "-c", "adults", "-w", example, exit=2)) == words
    assert not (example / "reports").exists()
    # A link that stays inside the workspace is followed as before.
    (example / "templates").unlink()
    shutil.copytree(outside, example / "own")
    os.symlink(example / "own", example / "templates")
    perfcli("draft-report", "-c", "adults", "-w", example)
    assert (example / "reports" / "adults-2025-26-Q1.docx").is_file()


def test_a_returns_folder_linked_outside_is_refused(example, tmp_path):
    import_all(example)
    outside = tmp_path / "outside_returns"
    outside.mkdir()
    os.symlink(outside, example / "returns")
    run = perfcli("returns", "make", "--period", "2025-26-Q1", "-w", example, exit=2)
    assert error_line(run).startswith(
        f"Error: returns/2025-26-Q1 leads outside the workspace, through a link, to {outside.resolve()}"
    )
    assert everything_in(outside) == []


def test_init_writes_nothing_through_a_linked_templates_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "ws"
    folder.mkdir()
    os.symlink(outside, folder / "templates")
    run = perfcli("init", folder, exit=2)
    assert error_line(run).startswith(
        f"Error: templates leads outside the workspace, through a link, to {outside.resolve()}"
    )
    assert everything_in(outside) == [] and everything_in(folder) == ["templates"]


def test_a_store_linked_outside_is_refused(example, tmp_path):
    outside = tmp_path / "elsewhere.db"
    os.symlink(outside, example / "perfcli.db")
    run = perfcli("import", *sorted((example / "data").glob("*.xlsx")), "-w", example, exit=2)
    assert error_line(run) == (
        f"Error: perfcli.db leads outside the workspace, through a link, to {outside.resolve()}"
        " (replace the link with the file or folder itself, inside the workspace)"
    )
    assert not outside.exists()
