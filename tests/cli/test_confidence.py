"""`method = "confidence"`, recent trends and SPC through the CLI, on workbooks typed by an officer."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook

from tests.conftest import error_line, perfcli

HEADER = ["Measure", "Description", "Aim", "Unit", "Period", "Value", "Numerator", "Denominator",
          "Comparator"]  # fmt: skip
# Seed 002 (the 2023/24 annual report) gives the counts; seed 000 (the 2023/24 dashboard) the
# figures as printed and the national averages.
TWO_YEARS = [
    ["ASCOF 2A", "% of people who had no need for ongoing services following reablement", "High",
     "percent", "2023/24", "89.6%", 3856, 4304, "77.5% 22/23 Nat. Ave"],
    ["ASCOF 2A", "% of people who had no need for ongoing services following reablement", "High",
     "percent", "2022/23", "87.8%", None, None, None],
    ["ASCOF 3D", "Adult aged 18+ receiving direct payments", "High", "percent", "2023/24", "35.4%",
     1762, 4984, "26.2% 22/23 Nat. Ave"],
    ["ASCOF 3D", "Adult aged 18+ receiving direct payments", "High", "percent", "2022/23", "36.2%",
     1939, 5357, None],
    ["ASCOF 2D", "Living at home 91 days after hospital discharge and reablement", "High",
     "percent", "2023/24", "88.4%", None, None, "82.3% 22/23 Nat. Ave"],
    ["ASCOF 2D", "Living at home 91 days after hospital discharge and reablement", "High",
     "percent", "2022/23", "89.2%", None, None, None],
]  # fmt: skip


def tidy(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def confidence_workspace(workspace: Path, extra: str = "") -> Path:
    config = workspace / "perfcli.toml"
    config.write_text(config.read_text() + f'\n[rating]\nmethod = "confidence"\n{extra}')
    return workspace


def rows_of(workspace: Path, *args: str) -> dict[str, dict]:
    run = perfcli("rate", "-w", workspace, "-f", "json", *args)
    return {m["id"]: m for m in json.loads(run.stdout)["measures"]}


def test_two_years_with_counts_rated_by_their_intervals(workspace, tmp_path):
    confidence_workspace(workspace)
    perfcli("import", "-w", workspace, tidy(tmp_path / "ascof.xlsx", TWO_YEARS))
    rows = rows_of(workspace, "--period", "2023-24")

    reablement = rows["ascof-2a"]
    assert reablement["rating"] == "better"
    assert reablement["rating_reason"] == (
        "89.6% (95% CI 88.6%–90.5%) is above the national average 77.5%, which lies outside "
        "the interval and the 99.8% CI 88.1%–90.9%: significantly better"
    )
    assert reablement["ci"] == {"lower": 88.643177, "upper": 90.46837, "level": 95.0,
                                "method": "wilson"}  # fmt: skip
    # 2022/23 has no counts: progress by the house rule, and the reason says so.
    assert reablement["progress"] == "improved"
    assert reablement["progress_reason"].startswith(
        "no counts for confidence intervals, so the house rule: +1.8 pp is beyond ±1.5 pp"
    )

    # Seed 002 calls 35% "similar to the previous year (36%)": the intervals agree.
    payments = rows["ascof-3d"]
    assert payments["progress"] == "similar"
    assert payments["progress_reason"] == (
        "35.4% (95% CI 34.0%–36.7%) and 36.2% (95% CI 34.9%–37.5%) overlap: similar"
    )
    # No counts: the house rule applies and the reason says so.
    discharge = rows["ascof-2d"]
    assert discharge["ci"] is None
    assert discharge["rating"] == "better"
    assert discharge["rating_reason"] == (
        "no counts for a confidence interval, so the house rule: 88.4% is 6.1 pp above the "
        "national average 82.3% (aim: high): better"
    )
    assert discharge["trend"] is None and discharge["spc"] is None


def test_the_table_shows_the_interval_beside_the_marks(workspace, tmp_path):
    confidence_workspace(workspace)
    perfcli("import", "-w", workspace, tidy(tmp_path / "ascof.xlsx", TWO_YEARS))
    out = perfcli("rate", "-w", workspace, "--period", "2023-24", env={"COLUMNS": "250"}).stdout
    assert "Statistics" in out
    assert "95% CI 88.6%–90.5%" in out


def test_a_measure_can_choose_the_method_for_itself(workspace, tmp_path):
    config = workspace / "perfcli.toml"
    config.write_text(config.read_text() + '\n[measures.ascof-3d]\nmethod = "confidence"\n')
    perfcli("import", "-w", workspace, tidy(tmp_path / "ascof.xlsx", TWO_YEARS))
    rows = rows_of(workspace, "--period", "2023-24")
    assert rows["ascof-3d"]["ci"]["method"] == "wilson"
    assert rows["ascof-2a"]["ci"] is None
    assert rows["ascof-2a"]["rating_reason"] == (
        "89.6% is 12.1 pp above the national average 77.5% (aim: high): better"
    )


# SYNTHETIC: a monthly waiting list typed as an officer types it, April 2022 to March 2024.
MONTHS = [f"{m}-{y}" for y in (22, 23) for m in ("Apr", "May", "Jun", "Jul", "Aug", "Sep",
          "Oct", "Nov", "Dec")] + [f"{m}-{y}" for y in (23, 24) for m in ("Jan", "Feb", "Mar")]  # fmt: skip
MONTHS = sorted(MONTHS, key=lambda t: (t[-2:], ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                "Aug", "Sep", "Oct", "Nov", "Dec"].index(t[:3])))  # fmt: skip
STEADY = [412, 398, 405, 420, 401, 409, 415, 396, 404, 411, 399, 407]


def monthly(path: Path, aim: str, values: list[float]) -> Path:
    rows = [["Local", "People waiting for an assessment", aim, "count", month, value, None, None,
             None] for month, value in zip(MONTHS, values, strict=True)]  # fmt: skip
    return tidy(path, rows)


def test_a_24_month_series_with_a_planted_shift(workspace, tmp_path):
    shifted = STEADY + [v - 60 for v in STEADY]
    perfcli("import", "-w", workspace, monthly(tmp_path / "low.xlsx", "Low", shifted))
    row = rows_of(workspace, "--period", "2024-03")["people-waiting-for-an-assessment"]
    assert row["period"] == "2024-03"
    assert row["previous_period"] == "2023-03"
    spc = row["spc"]
    assert spc["variation"] == "special_cause_improvement"
    assert len(spc["points"]) == 24
    assert spc["points"][-1] == {"period": "2024-03", "value": 347.0,
                                 "type": "special_cause_improvement", "rule": "two_in_three_below"}  # fmt: skip
    assert spc["assurance"] is None and spc["trial"] is False


def test_the_same_shift_is_a_concern_when_higher_is_better(tmp_path):
    perfcli("init", tmp_path / "ws2")
    shifted = STEADY + [v - 60 for v in STEADY]
    perfcli("import", "-w", tmp_path / "ws2", monthly(tmp_path / "high.xlsx", "High", shifted))
    row = rows_of(tmp_path / "ws2", "--period", "2024-03")["people-waiting-for-an-assessment"]
    assert row["spc"]["variation"] == "special_cause_concern"


def test_a_steady_series_is_common_cause_and_rebasing_restarts_the_limits(workspace, tmp_path):
    perfcli("import", "-w", workspace, monthly(tmp_path / "steady.xlsx", "Low", STEADY + STEADY))
    row = rows_of(workspace, "--period", "2024-03")["people-waiting-for-an-assessment"]
    assert row["spc"]["variation"] == "common_cause"
    assert round(row["spc"]["mean"], 3) == 406.417
    config = workspace / "perfcli.toml"
    config.write_text(
        config.read_text() + '\n[measures.people-waiting-for-an-assessment]\nrebase = ["Oct-23"]\n'
    )
    row = rows_of(workspace, "--period", "2024-03")["people-waiting-for-an-assessment"]
    assert row["spc"]["rebased"] == ["2023-10"]
    assert row["spc"]["trial"] is True
    out = perfcli("rate", "-w", workspace, "--period", "2024-03", env={"COLUMNS": "250"}).stdout
    assert "~ common cause (trial limits)" in out


def test_a_rebase_that_is_not_a_period_names_its_config_key(workspace, tmp_path):
    perfcli("import", "-w", workspace, monthly(tmp_path / "steady.xlsx", "Low", STEADY + STEADY))
    config = workspace / "perfcli.toml"
    config.write_text(
        config.read_text() + '\n[measures.people-waiting-for-an-assessment]\nrebase = ["Q7"]\n'
    )
    run = perfcli("rate", "-w", workspace, "--period", "2024-03", exit=2)
    assert "measures.people-waiting-for-an-assessment.rebase" in error_line(run)


# SYNTHETIC: five years of a proportion with its counts, rising steadily.
FIVE_YEARS = [
    ["Local", "% of reviews completed on time", "High", "percent", year, f"{x / n:.1%}", x, n, None]
    for year, x, n in (("2019/20", 3010, 5000), ("2020/21", 3120, 5000), ("2021/22", 3240, 5000),
                       ("2022/23", 3350, 5000), ("2023/24", 3460, 5000))
]  # fmt: skip


def test_five_years_with_counts_have_a_recent_trend_beside_progress(workspace, tmp_path):
    perfcli("import", "-w", workspace, tidy(tmp_path / "reviews.xlsx", FIVE_YEARS))
    row = rows_of(workspace, "--period", "2023-24")["pct-of-reviews-completed-on-time"]
    assert row["trend"] == "increasing"
    out = perfcli("rate", "-w", workspace, "--period", "2023-24", env={"COLUMNS": "250"}).stdout
    assert "trend ↗ increasing and getting better" in " ".join(out.split())
    # Four years are too few for Fingertips' test.
    row = rows_of(workspace, "--period", "2022-23")["pct-of-reviews-completed-on-time"]
    assert row["trend"] is None


def test_published_limits_in_the_tidy_layout(workspace, tmp_path):
    confidence_workspace(workspace)
    header = [*HEADER[:6], "Lower CI", "Upper CI", "Comparator"]
    rows = [
        [
            "ASCOF 2D",
            "Living at home 91 days after hospital discharge and reablement",
            "High",
            "percent",
            "2023/24",
            "88.4%",
            85.6,
            90.8,
            "82.3% 22/23 Nat. Ave",
        ]
    ]  # fmt: skip  SYNTHETIC limits
    perfcli("import", "-w", workspace, tidy(tmp_path / "ci.xlsx", rows, header))
    row = rows_of(workspace, "--period", "2023-24")["ascof-2d"]
    assert row["ci"] == {"lower": 85.6, "upper": 90.8, "level": 95.0, "method": "published"}
    assert row["rating_reason"] == (
        "88.4% (95% CI 85.6%–90.8%) is above the national average 82.3%, which lies outside "
        "the interval: better"
    )


def test_a_limit_on_its_own_is_an_error_naming_the_cell(workspace, tmp_path):
    header = [*HEADER[:6], "Lower CI", "Upper CI"]
    rows = [["ASCOF 2D", "Living at home", "High", "percent", "2023/24", "88.4%", 85.6, None]]
    run = perfcli("import", "-w", workspace, tidy(tmp_path / "ci.xlsx", rows, header), exit=1)
    assert "cell G2" in run.stderr
    assert "needs both limits" in run.stderr


def test_published_limits_and_counts_from_comparator_data(workspace, tmp_path):
    # The dashboard prints 89.6% and 87.8% with no counts (seed 000); the comparator table
    # gives the council's 2023/24 counts (seed 002: 3,856 out of 4,304) and, SYNTHETIC,
    # published limits for 2022/23.
    from tests.cli.test_national import OWN

    config = workspace / "perfcli.toml"
    config.write_text(
        config.read_text().replace("[workspace]\n", f'[workspace]\narea_code = "{OWN}"\n', 1)
        + '\n[rating]\nmethod = "confidence"\n'
        + '\n[national.measures]\n"Reablement outcome" = "ascof-2a"\n'
    )
    perfcli("import", "-w", workspace, tidy(tmp_path / "ascof.xlsx", [
        [*TWO_YEARS[0][:6], None, None, TWO_YEARS[0][8]], TWO_YEARS[1]]))  # fmt: skip
    path = tmp_path / "comparators.csv"
    path.write_text(
        "Area code,Area name,Measure,Period,Value,Numerator,Denominator,Lower CI,Upper CI\n"
        f"{OWN},Leicestershire,Reablement outcome,2023/24,89.6,3856,4304,,\n"
        f"{OWN},Leicestershire,Reablement outcome,2022/23,87.8,,,87.0,88.5\n"
        "E92000001,England,Reablement outcome,2023/24,77.5,,,,\n",
        encoding="utf-8",
    )
    perfcli("import-national", path, "-w", workspace)
    row = rows_of(workspace, "--period", "2023-24")["ascof-2a"]
    assert row["ci"]["method"] == "wilson"
    assert row["rating_reason"].startswith("89.6% (95% CI 88.6%–90.5%) is above the national")
    assert row["progress_reason"] == (
        "89.6% (95% CI 88.6%–90.5%) and 87.8% (95% CI 87.0%–88.5%) do not overlap: improved"
    )


def test_csv_carries_the_interval_trend_and_chart(workspace, tmp_path):
    import csv
    import io

    confidence_workspace(workspace)
    perfcli("import", "-w", workspace, tidy(tmp_path / "ascof.xlsx", TWO_YEARS))
    run = perfcli("rate", "-w", workspace, "--period", "2023-24", "-f", "csv")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run.stdout))}
    assert json.loads(rows["ascof-2a"]["ci"])["method"] == "wilson"
    assert rows["ascof-2d"]["ci"] == "" and rows["ascof-2d"]["spc"] == ""


def test_99_8_percent_on_request(workspace, tmp_path):
    confidence_workspace(workspace, "[rating.confidence]\nlevel = 99.8\n")
    perfcli("import", "-w", workspace, tidy(tmp_path / "ascof.xlsx", TWO_YEARS))
    row = rows_of(workspace, "--period", "2023-24")["ascof-2a"]
    assert row["ci"]["level"] == 99.8
    assert row["rating_reason"] == (
        "89.6% (99.8% CI 88.1%–90.9%) is above the national average 77.5%, which lies outside "
        "the interval: better"
    )


def test_validate_compares_printed_marks_with_the_judgement_rate_gives(example):
    from tests.cli.test_example import import_all

    confidence_workspace(example)
    import_all(example)
    run = perfcli("validate", "-w", example, "-f", "json", exit=0)
    # Each names the cell its mark is printed in, and in its message the measure and period.
    marks = [f for f in json.loads(run.stdout)["findings"] if f["code"] == "mark.disagrees"]
    assert all(", cell " in f["location"] for f in marks)
    found = dict(f["message"].split(": ", 1) for f in marks)
    # Seed 001 prints ▼ for ASCOF 2D (90.7% → 88.3%, 596 out of 675): the intervals overlap.
    assert found["ascof-2d, 2025-26-Q1"].endswith(
        "88.3% (95% CI 85.7%–90.5%) and 90.7% (95% CI 88.2%–92.7%) overlap: similar"
    )
    assert len(found) == 4  # calibrate: the confidence method reproduces 64 of the 68 marks


def test_a_count_at_a_date_filed_by_its_year_has_no_byar_interval(workspace, tmp_path):
    """A fourth trial: a waiting list set `basis = "snapshot"` in perfcli.toml, its March
    figures filed by their years, was "100 (95% CI 81–122) and 107 (95% CI 88–129) overlap:
    similar", a Poisson interval for people waiting, not events. SYNTHETIC figures."""
    confidence_workspace(workspace, '\n[measures.people-waiting]\nbasis = "snapshot"\n')
    rows = [["Local", "People waiting", "Low", "count", year, value, None, None, None]
            for year, value in (("2023/24", 100), ("2022/23", 107))]  # fmt: skip
    book = tidy(tmp_path / "waiting.xlsx", rows)
    perfcli("import", "-w", workspace, book)
    [waiting] = rows_of(workspace, "--period", "2023-24").values()
    assert waiting["ci"] is None
    assert waiting["progress"] == "improved"
    assert waiting["progress_reason"] == (
        "no counts for confidence intervals, so the house rule: -6.5% is beyond ±3% (aim: low):"
        " improved"
    )


def test_a_period_refused_lists_report_periods_not_a_series_months(workspace, tmp_path):
    """A trial: `rate --period 2023-25` listed 24 months of a monthly series among "its report
    periods"; a month is reported within the year's report. SYNTHETIC figures."""
    perfcli("import", "-w", workspace, tidy(tmp_path / "ascof.xlsx", TWO_YEARS))
    perfcli("import", "-w", workspace, monthly(tmp_path / "waiting.xlsx", "Low", STEADY * 2))
    refused = perfcli("rate", "-w", workspace, "--period", "2023-25", exit=2)
    assert error_line(refused) == (
        "Error: 2023-25 is not a report period of this workspace (its report periods are"
        " 2022-23, 2023-24)"
    )
