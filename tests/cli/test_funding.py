"""The compendium's funding part through the CLI: the population from a setting, and bad tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx

from tests.conftest import ROOT, error_line, perfcli

EXAMPLE = ROOT / "examples" / "compendium"

# SYNTHETIC: four authorities, no Population column.
TABLE = """Authority,Type,Core spending power per head,Net expenditure per head: Total
Leicestershire,County,"£1,000",800
Rich county,County council,1200,900
Town,Unitary authority,1500,1000
Borough,Outer London borough,2000,1200
"""


def workspace_with(tmp_path: Path, table: str, setting: str) -> Path:
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    (workspace / "national" / "spending.csv").write_text(table, encoding="utf-8")
    config = workspace / "perfcli.toml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('spending = "national/spending-per-head-2023-24-SYNTHETIC.csv"\n',
                        'spending = "national/spending.csv"\n' + setting)  # fmt: skip
    config.write_text(text, encoding="utf-8")
    perfcli("import", *sorted((workspace / "data").glob("*.xlsx")), "-w", workspace)
    return workspace


def draft(workspace: Path, exit: int = 0):
    return perfcli("draft-report", "--committee", "corporate", "--period", "2023-24", "-w",
                   workspace, exit=exit)  # fmt: skip


def test_the_population_from_the_committee_setting(tmp_path):
    workspace = workspace_with(tmp_path, TABLE, "population = 500000\n")
    draft(workspace)
    paragraphs = [p.text for p in docx.Document(
        str(workspace / "reports" / "corporate-2023-24.docx")).paragraphs]  # fmt: skip
    # Plain mean (no populations): (1000 + 1200 + 1500 + 2000) / 4 = 1425; 425 x 500,000 = £212.5m.
    assert any("The national average (the plain mean of the authorities' figures) is £1,425." in p
               for p in paragraphs)  # fmt: skip
    assert any(
        "500,000 residents (from the committee's population setting)" in p for p in paragraphs
    )
    bullets = [p for p in paragraphs if p.startswith("at the per-head level of")]
    assert bullets == [
        "at the per-head level of the national average (£1,425), £212 million more a year (£425 per head more);",
        "at the per-head level of Rich county, the best-funded county (£1,200), £100 million more a year "
        "(£200 per head more);",
        "at the per-head level of Borough (London borough), the highest-funded authority (£2,000), "
        "£500 million more a year (£1,000 per head more).",  # the list's last item ends it
    ]


def test_without_a_population_the_draft_stops_before_writing(tmp_path):
    workspace = workspace_with(tmp_path, TABLE, "")
    run = draft(workspace, exit=2)
    assert "no population for Leicestershire" in error_line(run)
    assert not (workspace / "reports" / "corporate-2023-24.docx").exists()


def test_a_bad_spending_cell_is_named(tmp_path):
    workspace = workspace_with(
        tmp_path, TABLE.replace("1500,1000", "lots,1000"), "population = 1\n"
    )
    line = error_line(draft(workspace, exit=1))
    assert "spending.csv" in line and "cell C4" in line and "'lots' is not a number" in line


def test_a_spending_table_outside_the_workspace_is_refused(tmp_path):
    """As a template, index table or risk register is: a shared perfcli.toml reaches no other file."""
    outside = tmp_path / "elsewhere.csv"
    outside.write_text(TABLE, encoding="utf-8")
    workspace = workspace_with(tmp_path, TABLE, "population = 500000\n")
    config = workspace / "perfcli.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'spending = "national/spending.csv"', f'spending = "{outside}"'), encoding="utf-8")  # fmt: skip
    run = draft(workspace, exit=2)
    assert error_line(run) == (
        f"Error: perfcli.toml [committees.corporate] spending: '{outside}' is outside the"
        " workspace (put the spending file in the workspace and name it there)"
    )
    (workspace / "national" / "link.csv").symlink_to(outside)
    config.write_text(config.read_text(encoding="utf-8").replace(str(outside), "national/link.csv"))
    assert error_line(draft(workspace, exit=2)).startswith(
        "Error: perfcli.toml [committees.corporate] spending: 'national/link.csv' is outside the"
        f" workspace, through a link, to {outside.resolve()} ("
    )  # where the link leads, as a linked workspace file says
    assert not list((workspace / "reports").glob("*.docx"))
    config.write_text(config.read_text(encoding="utf-8").replace("link.csv", "gone.csv"))
    assert error_line(draft(workspace, exit=2)) == (
        "Error: perfcli.toml [committees.corporate] spending: 'national/gone.csv': no such file"
        " (give its path from the workspace folder)"
    )  # as a missing template is named: by its setting, as typed
