"""The example compendium read as a committee member reads it, with every part drafted
(comparator data imported): the quartile cells agree with the counts, and the sentences read
as a report's do. The example's non-seed figures are SYNTHETIC."""

from __future__ import annotations

import re
import shutil

import docx
import pytest

from tests.conftest import ROOT, perfcli

EXAMPLE = ROOT / "examples" / "compendium"
COMPARATORS = "national/county-comparators-2019-20-to-2023-24-SYNTHETIC.csv"


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> docx.document.Document:
    workspace = tmp_path_factory.mktemp("read-through") / "ws"
    shutil.copytree(EXAMPLE, workspace)
    perfcli("import", *sorted((workspace / "data").glob("*.xlsx")), "-w", workspace)
    perfcli("import-national", workspace / COMPARATORS, "-w", workspace)
    perfcli("draft-report", "--committee", "corporate", "--period", "2023-24", "-w", workspace)
    return docx.Document(str(workspace / "reports" / "corporate-2023-24.docx"))


def _paragraphs(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def _dashboards(document: docx.document.Document) -> list[dict[str, str]]:
    """Each theme's dashboard, in theme order: its indicators' Quartile position cells."""
    dashboards = []
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[:2] == ["Description", "Quartile position"]:
            cells = ([cell.text for cell in row.cells] for row in table.rows[1:])
            dashboards.append({c[0]: c[1] for c in cells if not c[0].startswith("Outcome:")})
    return dashboards


def _sentence(paragraphs: list[str], start: str) -> str:
    return next(p for p in paragraphs if p.startswith(start))


def test_each_dashboard_shows_the_quartile_its_theme_s_counts_use(
    document: docx.document.Document,
) -> None:
    """Comparator data puts 'Non-principal roads' in the second quartile while the workbook
    printed 4th*: the dashboard said 4th* while the theme's sentence and chart counted it
    second (two '4th' cells under 'none in the bottom quartile')."""
    dashboards = _dashboards(document)
    assert len(dashboards) == 4  # Adult social care, Communities, Transport, Environment
    cells = {name: cell for dashboard in dashboards for name, cell in dashboard.items()}
    roads = "Non-principal roads where maintenance should be considered (SYNTHETIC)"
    assert cells[roads] == "2nd (2023/24); printed 4th* (2023/24)"
    # Printed and worked out agree: shown as printed.
    principal = "Principal roads where maintenance should be considered (SYNTHETIC)"
    assert cells[principal] == "2nd (2023/24) (Counties)"
    # Ranked against England, with no comparator data: as printed, not counted.
    assert cells["People killed or seriously injured on roads per 100,000 pop. (SYNTHETIC)"] == (
        "3rd (2022) (Eng)"
    )
    paragraphs = _paragraphs(document)
    overview = _sentence(paragraphs, "The Transport (SYNTHETIC) dashboard")
    bottom = re.search(r"(\w+) in the bottom quartile", overview)
    assert bottom is not None and bottom.group(1) in ("0", "no", "none")
    assert not any(cell.startswith("4th") for cell in dashboards[2].values())


def test_part_5_lists_only_bottom_quartile_cells(document: docx.document.Document) -> None:
    """Fly-tipping was listed in the bottom quartile beside its printed '1st (2022/23) (CIPFA)',
    and 'Trees planted' as out of the bottom quartile, 'now N/A'."""
    lower = next(t for t in document.tables if [c.text for c in t.rows[0].cells][0] == "Indicator")
    quartiles = [row.cells[3].text for row in lower.rows[1:]]
    assert quartiles and all(q.startswith("4th") for q in quartiles), quartiles
    assert "4th (2022/23); printed 1st (2022/23) (CIPFA)" in quartiles
    paragraphs = _paragraphs(document)
    trees = _sentence(paragraphs, "Environment and waste (SYNTHETIC): Trees planted")
    assert trees.endswith("now 2nd (2023/24)")
    assert not any(p.endswith("now N/A") for p in paragraphs)
