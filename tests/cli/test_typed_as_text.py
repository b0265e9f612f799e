"""A percentage typed as text without its `%` (`32.7`, as an officer types into a cell formatted
as text): the measure's unit is its comparator's (`25.5% 23/24 Nat. Ave`), not a count's, so it
is rated against the national average and drafted as a percentage. Seed 001's ASCOF 3D."""

from __future__ import annotations

import json
from pathlib import Path

import docx

from tests.cli.test_validate import Q1_HEADER as HEADER
from tests.conftest import appendix_workbook, perfcli

ROWS = [["ASCOF 3D", "Adults aged 18 and over receiving direct payments", "High",
         "25.5% 23/24 Nat. Ave", "32.7", "33.0"]]  # fmt: skip


def test_bare_figures_take_their_comparators_unit(tmp_path: Path) -> None:
    perfcli("init", tmp_path / "ws", "--council", "Leicestershire County Council")
    ws = tmp_path / "ws"
    perfcli("import", appendix_workbook(tmp_path / "q1.xlsx", ROWS, header=HEADER), "-w", ws)
    found = json.loads(perfcli("validate", "-w", ws, "-f", "json").stdout)["findings"]
    assert not [f for f in found if f["code"] == "comparator.unit"]
    rated = json.loads(perfcli("rate", "-w", ws, "-f", "json").stdout)["measures"]
    assert [(m["unit"], m["rating"], m["rating_reason"]) for m in rated] == [(
        "percent", "better",
        "32.7% is 7.2 pp above the national average 25.5% (aim: high): better",
    )]  # fmt: skip
    report = tmp_path / "report.docx"
    perfcli("draft-report", "-c", "adults", "-w", ws, "-o", report)
    text = "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
    assert "ASCOF 3D, was 32.7%" in text and "higher than the national average of 25.5%" in text
