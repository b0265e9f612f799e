"""`perfcli draft-report --committee corporate`: the compendium from the workspace's judgements."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx

from tests.conftest import ROOT, perfcli

EXAMPLE = ROOT / "examples" / "compendium"


def drafted(workspace: Path) -> tuple[list[str], dict[str, dict]]:
    perfcli("import", *sorted((workspace / "data").glob("*.xlsx")), "-w", workspace)
    run = perfcli(
        "draft-report", "--committee", "corporate", "--period", "2023-24", "-w", workspace
    )
    assert "45 indicators in 4 themes" in run.stdout
    document = docx.Document(str(workspace / "reports" / "corporate-2023-24.docx"))
    rated = json.loads(perfcli("rate", "--period", "2023-24", "-f", "json", "-w", workspace).stdout)
    return [p.text for p in document.paragraphs], {m["id"]: m for m in rated["measures"]}


def test_the_compendium_counts_are_perfcli_rate_s(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLE, workspace)
    paragraphs, rated = drafted(workspace)
    progress = [m["progress"] for m in rated.values()]
    overall = next(p for p in paragraphs if p.startswith("Across all"))
    assert overall.startswith(
        f"Across all {len(rated)} indicators, {progress.count('improved')} improved on the previous "
        f"period, {progress.count('similar')} were broadly unchanged and "
        f"{progress.count('worse')} got worse."
    )
    for theme in ("Adult social care", "Communities and wellbeing"):
        text = next(p for p in paragraphs if p.startswith(f"The {theme} dashboard"))
        found = re.search(r"Of its (\d+) indicators, (\d+) improved", text)
        assert found is not None
        # The workbook's Theme banner is the report line's theme, in the order rate lists them.
        ids = [m for m in rated if _theme_of(workspace, m) == theme]
        assert int(found.group(1)) == len(ids)
        assert int(found.group(2)) == sum(rated[m]["progress"] == "improved" for m in ids)


def _theme_of(workspace: Path, measure_id: str) -> str | None:
    from perfcli import Workspace

    with Workspace.open(workspace).store() as store:
        measure = store.measure(measure_id)
        return measure.theme if measure else None


def test_a_compendium_committee_needs_only_its_kind(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLE / "data", workspace / "data")
    (workspace / "perfcli.toml").write_text('[committees.corporate]\nkind = "compendium"\n')
    paragraphs, _ = drafted(workspace)
    assert any(p.startswith("Across all 45 indicators") for p in paragraphs)
    # No index file named: the part says so rather than drawing an empty chart.
    assert "The workspace holds no spending and outcome figures for the index." in paragraphs
