"""Printed marks through the CLI: seed 001 typed as printed, garbled symbols and all."""

from __future__ import annotations

import json

from tests.conftest import appendix_workbook, perfcli

HEADER_001 = ["Measure", "Description", "Aim", "Rating", "Progress",
              "2025/26 Performance", "2024/25 Performance"]  # fmt: skip
# Seed 001 (April to June 2025), rows as an officer types them from the printed dashboard:
# no ID column, codes as printed, the Progress symbols as the PDF text garbled them.
ROWS_001 = [
    ["Local", "Heritage visits", "High", "41.6k Local Q1 Milestone", "A", "41.0k", "39.1k"],
    ["Local", "Library visits", "High", "195.0k Local Q1 Milestone", "A", "196.4k", "155.1k"],
    ["Local", "Total library loans", "High", "588.3k Local Q1 Milestone", "*", "597.9k", "599.0k"],
    ["Local", "Junior loans", "High", "187.5k Local Q1 Milestone", "•", "159.1k", "186.2k"],
    ["Local", "E-loans", "High", "315.0k Local Q1 Milestone", "A", "322.6k", "279.4k"],
    ["Local", "Total community library issues", "N/A", "For Information Only", "N/A", "50.1k", "69.5k"],
    ["ASCOF 2B", "Permanent admissions to care (aged 18-64) per 100,000 pop.", "Low",
     "15.2 per 100k pop. 23/24 Nat. Ave", "♦", "14.3 per 100k Pop. Forecast 62 Admissions in 25/26",
     "14.7 per 100k Pop. Actual 64 Admissions in 24/25"],
    ["ASCOF 2C BCF", "Permanent admissions to care (aged 65+) per 100,000 pop.", "Low",
     "566.0 per 100k pop. 23/24 Nat. Ave", "•", "572 per 100k Pop. Forecast 881 Admissions in 25/26",
     "599 per 100k Pop. Actual 923 Admissions in 24/25"],
    ["ASCOF 3D", "Adult aged 18+ receiving direct payments", "High", "25.5% 23/24 Nat. Ave", "♦",
     "32.7% (1,677 out of 5,135)", "33.0% (1,671 out of 5,069)"],
    ["Local", "% of service users who received their annual review", "High", "58.8% 23/24 Nat. Ave",
     "4 >", "77.1% (4,044 out of 5,245)", "77.5% (4,000 out of 5,159)"],
]  # fmt: skip


def seed_001(tmp_path, rows=ROWS_001):
    path = tmp_path / "dashboard-2025-26-q1.xlsx"
    appendix_workbook(path, rows, header=HEADER_001)
    return path


def marks_findings(*args):
    data = json.loads(perfcli("validate", *args, "-f", "json").stdout)
    return [f for f in data["findings"] if f["code"] == "mark.disagrees"]


def test_seed_001_as_printed_reports_only_the_ascof_2c_disagreement(tmp_path):
    found = marks_findings(seed_001(tmp_path), "--period", "2025-26-Q1")
    assert [(f["severity"], f["message"]) for f in found] == [
        ("warning", "ascof-2c, 2025-26: ASCOF 2C: printed ▼ not as good; perfcli: 599 → 572 per 100k, "
                    "-4.5% is beyond ±3% (aim: low): improved"),
    ]  # fmt: skip
    assert found[0]["location"] == 'dashboard-2025-26-q1.xlsx, sheet "Appendix A", cell E12'


def test_marks_are_stored_as_read_and_checked_in_the_workspace(workspace, tmp_path):
    perfcli("import", seed_001(tmp_path), "--period", "2025-26-Q1", "-w", workspace)
    found = marks_findings("-w", workspace)
    # The workspace's finding names the cell the imported file printed its mark in.
    assert [(f["location"], f["message"].split(":")[0]) for f in found] == [
        ('dashboard-2025-26-q1.xlsx, sheet "Appendix A", cell E12', "ascof-2c, 2025-26")
    ]


def test_an_unreadable_mark_is_a_warning_with_its_cell(workspace, tmp_path):
    rows = [list(row) for row in ROWS_001[:2]]
    rows[1][4] = "see note"
    run = perfcli("import", seed_001(tmp_path, rows), "--period", "2025-26-Q1", "-w", workspace)
    assert (
        'Warning: dashboard-2025-26-q1.xlsx, sheet "Appendix A", cell E6: '
        "cannot read 'see note' as a progress mark"
    ) in run.stderr
    assert "imported" in run.stdout


def test_direction_of_travel_and_rag_columns(tmp_path):
    header = ["Measure", "Description", "Aim", "Target", "RAG", "Direction of Travel",
              "2023/24 Performance", "2022/23 Performance"]  # fmt: skip
    # Synthetic rows: a low-is-better rate that fell is ↑ (improved); the RAG letter A is amber.
    rows = [
        ["Local", "Rate of something per 100,000 pop.", "Low", "<500 Local target 2023/24", "A",
         "↑", "520 per 100k", "560 per 100k"],
        ["Local", "Share of something", "High", "80% Local target 2023/24", "G", "↓",
         "81.0%", "79.0%"],
    ]  # fmt: skip
    path = appendix_workbook(tmp_path / "synthetic.xlsx", rows, header=header)
    found = marks_findings(path)
    assert [f["message"] for f in found] == [
        "share-of-something, 2023-24: Local: printed ▼ not as good; perfcli: 79.0% → 81.0%, "
        "+2.0 pp is beyond ±1.5 pp (aim: high): improved"
    ]
