"""A new user's reading of perfcli's lines (fresh-eyes trial, item 9): a measure asked for by a
description it was printed under, one hint with no brackets inside its brackets, and written files
named from the workspace as the README shows them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import HEADER, appendix_workbook, error_line, perfcli

# Seed 000 prints `LALS Success Rate`; seed 001 rewords it, the same measure (lals-success-rate).
LALS_2023_24 = ["Local", "LALS Success Rate", "High", "90% Local Target 2023/24", "85.3%", "84.6%"]
LALS_2024_25 = ["Local", "Leicestershire Adult Learning Service (LALS) Success Rate", "High",
                "84.0% Local Target 2024/25", "84.8%", "85.3%"]  # fmt: skip


def reworded(workspace: Path, tmp_path: Path) -> Path:
    perfcli("import", appendix_workbook(tmp_path / "2023-24.xlsx", [LALS_2023_24]), "-w", workspace)
    later = [*HEADER[:4], "2024/25 Performance", "2023/24 Performance"]
    path = appendix_workbook(tmp_path / "2024-25.xlsx", [LALS_2024_25], header=later)
    perfcli("import", path, "-w", workspace)
    return workspace


def test_history_finds_a_measure_by_the_description_an_earlier_report_printed(workspace, tmp_path):
    ws = reworded(workspace, tmp_path)
    for asked in ("LALS Success Rate", "lals success rate",
                  "Leicestershire Adult Learning Service (LALS) Success Rate"):  # fmt: skip
        out = json.loads(perfcli("history", asked, "-w", ws, "-f", "json").stdout)
        assert out["measure"] == "lals-success-rate"
        assert {h["period"]: h["value_text"] for h in out["history"]} == {
            "2022-23": "84.6%", "2023-24": "85.3%", "2024-25": "84.8%",
        }  # fmt: skip


def test_a_measure_not_found_says_how_to_name_one(workspace, tmp_path):
    ws = reworded(workspace, tmp_path)
    assert error_line(perfcli("history", "LALS Sucess Rate", "-w", ws, exit=2)) == (
        "Error: no measure 'LALS Sucess Rate' in the workspace (did you mean lals-success-rate?"
        " Or name it by an id, code or description that 'perfcli measures' lists)"
    )
    assert error_line(perfcli("history", "Library visits", "-w", ws, exit=2)) == (
        "Error: no measure 'Library visits' in the workspace"
        " (name it by an id, code or description that 'perfcli measures' lists)"
    )
