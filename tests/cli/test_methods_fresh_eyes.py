"""A fresh-eyes trial of the statistical methods with a monthly series beside an annual dashboard:
a score gets no count's interval, the monthly series does not take over the default period, and
a chart asked for is drawn in the annual report, or its absence is a warning naming the measure."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from docx.oxml.ns import qn
from openpyxl import Workbook

from tests.conftest import perfcli

# The trial's 2024/25 dashboard (its wb/make.py), as an officer types it.
DASHBOARD = [
    ("PREVENT NEED", None, None, None, None, None),
    ("ASCOF 2A", "% of people who had no need for ongoing services following reablement", "High",
     "79.0% 23/24 Nat. Ave", "86.0% (946 out of 1,100)", "82.8% (911 out of 1,100)"),
    ("Local", "Number of library visits", "High", "18.0k Local target 2024/25", "16.9k", "17.3k"),
    ("ASCOF 1A", "Social care-related quality of life score (survey)", "High",
     "19.0 23/24 Nat. Ave", "19.0", "19.3"),
    ("ASCOF 2B", "Permanent admissions to care (aged 18-64) per 100,000 pop.", "Low",
     "14.6 per 100k pop. 23/24 Nat. Ave", "15.9 per 100k Pop. Actual 67 Admissions in 24/25",
     "13.7 per 100k Pop. Actual 58 Admissions in 23/24"),
]  # fmt: skip
# SYNTHETIC: people waiting for an assessment, April 2023 to March 2025, rising through 2024/25.
WAITING = [510, 495, 520, 505, 515, 500, 490, 512, 508, 498, 503, 511,
           520, 535, 560, 580, 590, 600, 615, 640, 650, 660, 672, 690]  # fmt: skip
MONTHS = [f"{2023 + (3 + n) // 12}-{(3 + n) % 12 + 1:02d}" for n in range(24)]  # 2023-04 on


def dashboard(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Appendix A"
    sheet.append(["Adults and Communities Performance 2024/25 Position at March 2025"])
    sheet.append([])
    sheet.append(["Measure", "Description", "Aim", "Comparator", "2024/25 Performance",
                  "2023/24 Performance"])  # fmt: skip
    for row in DASHBOARD:
        sheet.append(list(row))
    book.save(path)
    return path


def monthly(folder: Path) -> list[Path]:
    measures, values = folder / "measures.csv", folder / "values.csv"
    measures.write_text(
        "ID,Description,Aim,Unit\n"
        "people-waiting,Number of people waiting for an assessment,Low,count\n"
    )
    values.write_text("ID,Period,Value\n" + "".join(
        f"people-waiting,{month},{value}\n" for month, value in zip(MONTHS, WAITING, strict=True)
    ))  # fmt: skip
    return [measures, values]


def committee(workspace: Path, lines: str) -> None:
    config = workspace / "perfcli.toml"
    text = config.read_text()
    config.write_text(text.replace("[committees.adults]\n", f"[committees.adults]\n{lines}\n", 1))


def imported(workspace: Path, tmp_path: Path) -> Path:
    committee(workspace, 'method = "confidence"\nspc_charts = ["people-waiting"]')
    perfcli("import", "-w", workspace, dashboard(tmp_path / "dashboard-2024-25.xlsx"))
    perfcli("import", "-w", workspace, *monthly(tmp_path))
    return workspace


def rated(workspace: Path, *args: str) -> tuple[str, dict[str, dict]]:
    shown = json.loads(perfcli("rate", "-w", workspace, "-f", "json", *args).stdout)
    return shown["period"], {m["id"]: m for m in shown["measures"]}


def test_a_score_is_no_count_of_events_so_it_has_no_interval(workspace, tmp_path):
    config = workspace / "perfcli.toml"
    config.write_text(config.read_text() + '\n[rating]\nmethod = "confidence"\n')
    perfcli("import", "-w", workspace, dashboard(tmp_path / "dashboard-2024-25.xlsx"))
    listed = perfcli("measures", "-w", workspace, env={"COLUMNS": "250"}).stdout
    [score_row] = [line for line in listed.splitlines() if "quality of life score" in line]
    assert " ".join(score_row.split()).endswith("High number Prevent Need none 2023/24, 2024/25")
    _, rows = rated(workspace, "-p", "2024-25")
    score = rows["ascof-1a"]
    assert score["unit"] == "number" and score["ci"] is None
    assert score["rating_reason"] == (
        "no counts for a confidence interval, so the house rule: 19.0 is within ±3% of the national "
        "average 19.0: similar"
    )
    assert score["progress_reason"].startswith("no counts for confidence intervals")
    # A count of events keeps Byar's interval; a rate its count's.
    assert rows["number-of-library-visits"]["ci"]["method"] == "byar"
    assert rows["ascof-2b"]["ci"] == {"lower": 12.321713, "upper": 20.192745, "level": 95.0,
                                      "method": "byar"}  # fmt: skip


def test_a_monthly_series_is_reported_in_the_year_not_the_year_in_its_month(workspace, tmp_path):
    imported(workspace, tmp_path)
    period, rows = rated(workspace)
    assert period == "2024-25"
    waiting = rows["people-waiting"]
    assert (waiting["period"], waiting["value"]) == ("2025-03", 690.0)
    assert (waiting["previous_period"], waiting["previous_value"]) == ("2024-03", 511.0)
    assert len(waiting["spc"]["points"]) == 24
    assert rows["ascof-2a"]["period"] == "2024-25"
    heading = perfcli("rate", "-w", workspace, env={"COLUMNS": "200"}).stdout.splitlines()[0]
    assert heading == "Performance 2024/25 — April 2024 to March 2025"
    # A month asked for by name is still its own report.
    assert rated(workspace, "-p", "2025-03")[1].keys() == {"people-waiting"}


def test_the_annual_report_has_the_monthly_series_and_its_chart(workspace, tmp_path):
    imported(workspace, tmp_path)
    run = perfcli("draft-report", "-c", "adults", "-w", workspace, "--meeting-date", "2025-06-02")
    assert not (workspace / "reports" / "adults-2025-03.docx").exists()
    document = docx.Document(workspace / "reports" / "adults-2024-25.docx")
    texts = [p.text for p in document.paragraphs]
    assert ("The number of people waiting for an assessment was 690 in March 2025, 35% higher "
            "than 511 in March 2024 (an increase of 179).") in texts  # fmt: skip
    assert "header:" not in run.stdout + run.stderr  # 690 is the year's position, not misfiled
    pictures = document.element.body.findall(".//" + qn("wp:docPr"))
    assert [p.get("title") for p in pictures] == [
        "Number of people waiting for an assessment: statistical process control (XmR) chart"
    ]
    [stated] = [t for t in texts if "Fingertips" in t]
    assert stated.startswith(
        "Where a figure has a confidence interval (a percentage with its numerator and "
        "denominator, a rate with its count or a count of events), this report judges it"
    )
    assert "other figures (scores, indexes, averages and figures without their counts)" in stated


def test_a_chart_asked_for_and_not_drawn_is_a_warning_naming_the_measure(workspace, tmp_path):
    imported(workspace, tmp_path)
    committee(workspace, 'spc_charts = ["people-waiting", "ascof-9z"]')
    config = workspace / "perfcli.toml"
    config.write_text(config.read_text().replace('spc_charts = ["people-waiting"]\n', ""))
    config.write_text(config.read_text() + "\n[rating.spc]\npoints = 30\n")
    run = perfcli("draft-report", "-c", "adults", "-w", workspace, "--meeting-date", "2025-06-02")
    said = " ".join((run.stdout + run.stderr).split())
    assert ("spc_charts: no chart for people-waiting: fewer than 30 like-for-like points up to "
            "Mar 2025 ([rating.spc] points)") in said  # fmt: skip
    assert "spc_charts: no chart for ascof-9z: it is not a measure of the 2024/25 report" in said
    document = docx.Document(workspace / "reports" / "adults-2024-25.docx")
    assert document.element.body.findall(".//" + qn("wp:docPr")) == []
