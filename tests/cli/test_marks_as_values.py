"""Printed marks and quartiles read once at import and stored as values in their columns: what
`rate` shows is what the columns hold (a hand edit with sqlite3 included), never a re-reading."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from openpyxl import Workbook

from tests.conftest import appendix_workbook, perfcli

# Seed 003 (April-November 2021) prints its quartiles as words and its RAG as a letter; ASCOF 2A's
# figures are SYNTHETIC.
APPENDIX = [*["Measure", "Description", "Aim", "Comparator"], "2023/24 Performance",
            "2022/23 Performance", "Direction of Travel", "RAG", "Comparator Quartile"]  # fmt: skip
ROW = ["ASCOF 2A", "Permanent admissions to care homes, aged 18-64, per 100k", "Low",
       "14.6 per 100k Pop. Local target 2023/24", "13.1", "15.0", "▲", "G", "Top"]  # fmt: skip
THEME = ["Description", "Quartile position", "Direction of Travel", "End of Yr 2023/24",
         "Target / Standard", "End of Yr 2022/23", "Polarity", "Commentary"]  # fmt: skip


def line_columns(ws: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(ws / "perfcli.db") as db:
        return db.execute(
            "SELECT measure_id, published_rating, published_progress, published_rag,"
            " published_quartile, quartile_best, quartile_worst, quartile_period, quartile_group"
            " FROM report_lines ORDER BY measure_id"
        ).fetchall()


def rated(ws: Path) -> dict[str, object]:
    rows = json.loads(perfcli("rate", "-w", ws, "-f", "json").stdout)["measures"]
    return dict(rows[0])


def test_an_appendix_a_row_keeps_its_marks_and_quartile_as_values(workspace: Path) -> None:
    path = appendix_workbook(workspace / "appendix.xlsx", [ROW], header=APPENDIX)
    perfcli("import", "-w", workspace, path)
    assert line_columns(workspace) == [
        ("ascof-2a", None, "improved", "green", "Top", 1, 1, "2023-24", None)
    ]
    row = rated(workspace)
    assert (row["published_progress"], row["published_rag"]) == ("improved", "green")


def test_a_hand_edit_of_a_mark_is_what_rate_shows(workspace: Path) -> None:
    path = appendix_workbook(workspace / "appendix.xlsx", [ROW], header=APPENDIX)
    perfcli("import", "-w", workspace, path)
    with sqlite3.connect(workspace / "perfcli.db") as db:
        db.execute("UPDATE report_lines SET published_progress = 'worse', published_rag = 'red'")
    row = rated(workspace)
    assert (row["progress"], row["published_progress"]) == ("improved", "worse")
    assert (row["rag"], row["published_rag"]) == ("green", "red")
    run = perfcli("validate", "-w", workspace, "-f", "json", exit=0)
    found = [f["message"] for f in json.loads(run.stdout)["findings"] if "printed" in f["message"]]
    assert any("printed ▼ not as good" in message for message in found), found


def test_a_theme_dashboards_arrows_are_stored_as_what_they_mean(
    workspace: Path, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Theme dashboards"
    for row in (
        ["Performance Compendium 2023/24 (SYNTHETIC test file)"], [], ["Transport (SYNTHETIC)"],
        THEME,
        ["% of bus services on time (SYNTHETIC)", "2nd (2022/23) (Counties)", "→", "81.0%", "",
         "80.6%", "High", "SYNTHETIC commentary"],
        ["Number of road casualties (SYNTHETIC)", "N/A", "↓", "412", "", "398", "Low", ""],
    ):  # fmt: skip
        sheet.append(row)
    path = tmp_path / "themes-2023-24-SYNTHETIC.xlsx"
    workbook.save(path)
    perfcli("import", "-w", workspace, path)
    assert line_columns(workspace) == [
        ("number-of-road-casualties-synthetic", None, "worse", None, "N/A", None, None, None,
         None),
        ("pct-of-bus-services-on-time-synthetic", None, "similar", None,
         "2nd (2022/23) (Counties)", 2, 2, "2022-23", "Counties"),
    ]  # fmt: skip
