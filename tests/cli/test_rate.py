"""`perfcli rate` through the CLI: the seeds' published judgements reproduced."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict

from tests.cli.test_example import import_all
from tests.conftest import HEADER, appendix_workbook, error_line, perfcli, unwrapped

# Seed 000 (2023/24) Progress column, as published.
IMPROVED = ["heritage-visits", "library-visits", "library-loans", "junior-loans", "e-loans",
            "creative-learning-attendances", "ascof-5a1", "awaiting-assessment",
            "awaiting-assessment-six-months", "sequels-delay", "ascof-2a", "ascof-2c", "ascof-4b"]  # fmt: skip
SIMILAR = [
    "lals-success-rate",
    "ascof-2e",
    "sequels-reduce",
    "ascof-5a2",
    "ascof-2d",
    "sequels-meet",
    "ascof-3d",
]
WORSE = ["ascof-2b", "ascof-4a", "annual-reviews"]
NOT_RATED = ["community-library-issues", "community-library-children-issues"]
SYMBOLS = {"▲": "improved", "◀▶": "similar", "▼": "worse", "N/A": "not_rated"}

# Seed 003 (April-November 2021) RAG column, as published, for its 23 rated rows.
RAG_2021 = {"sequels-prevent": "G", "heritage-visits": "G", "volunteering-hours": "G",
            "library-visits": "G", "library-loans": "G", "junior-loans": "G", "e-loans": "G",
            "lals-success-rate": "G", "sequels-reduce": "G", "ascof-1e": "R", "ascof-2e": "A",
            "sequels-delay": "G", "ascof-2a": "G", "ascof-2d": "G", "ascof-2b": "A", "ascof-2c": "A",
            "sequels-meet": "G", "ascof-1c-pt-1a": "A", "ascof-3d": "G", "ascof-1c-pt-1b": "G",
            "ascof-1c-pt-2b": "G", "safeguarding-outcomes-achieved": "G", "annual-reviews": "A"}  # fmt: skip


def rate_json(ws, *args) -> dict:
    return json.loads(perfcli("rate", "-w", ws, "-f", "json", *args).stdout)


def test_seed_000_progress_arrows_reproduced(example):
    import_all(example)
    rows = {m["id"]: m for m in rate_json(example, "--period", "2023-24")["measures"]}
    for ids, expected in (
        (IMPROVED, "improved"),
        (SIMILAR, "similar"),
        (WORSE, "worse"),
        (NOT_RATED, "not_rated"),
    ):
        for mid in ids:
            assert rows[mid]["progress"] == expected, (mid, rows[mid]["progress_reason"])


def test_published_progress_column_agrees_row_by_row(example):
    import_all(example)
    for row in rate_json(example, "--period", "2023-24")["measures"]:
        published = _published(example, row["id"])
        if published:
            assert row["progress"] == SYMBOLS[published], row["id"]


def _published(example, mid):
    from openpyxl import load_workbook

    sheet = load_workbook(example / "data" / "appendix-a-2023-24.xlsx")["Appendix A"]
    for r in sheet.iter_rows(values_only=True):
        if r[0] == mid:
            return r[5]
    return None


def _rag_matches(rows) -> int:
    return sum(1 for mid, mark in RAG_2021.items() if (rows[mid]["rag"] or "")[:1].upper() == mark)


def test_seed_003_rag_with_default_settings_and_with_the_workspace_settings(example):
    import_all(example)
    rows = {m["id"]: m for m in rate_json(example, "--period", "2021-22-apr-nov")["measures"]}
    assert _rag_matches(rows) == 23
    config = example / "perfcli.toml"
    text = config.read_text()
    config.write_text(re.sub(r"\nrag_(green|amber) = [0-9.]+", "", text))
    rows = {m["id"]: m for m in rate_json(example, "--period", "2021-22-apr-nov")["measures"]}
    assert _rag_matches(rows) >= 21


class Comparator(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    kind: str
    value: float | None
    low: float | None
    high: float | None
    op: str | None
    period: str | None


class Interval(BaseModel):
    model_config = ConfigDict(extra="forbid")
    lower: float
    upper: float
    level: float
    method: Literal["wilson", "byar", "published"]


class Point(BaseModel):
    model_config = ConfigDict(extra="forbid")
    period: str
    value: float
    type: Variation
    rule: str


class Spc(BaseModel):
    model_config = ConfigDict(extra="forbid")
    mean: float
    lower_limit: float
    upper_limit: float
    points: list[Point]
    variation: Variation
    assurance: Literal["pass", "fail", "inconsistent"] | None
    trial: bool
    rebased: list[str]


Variation = Literal[
    "common_cause", "special_cause_improvement", "special_cause_concern", "special_cause_neither"
]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    code: str
    description: str
    section: str | None
    outcome: str | None
    aim: Literal["high", "low", "band", "info"]
    unit: str
    period: str
    value: float | None
    value_text: str | None
    previous_period: str | None
    previous_value: float | None
    previous_value_text: str | None
    comparator: Comparator | None
    rating: Literal["better", "similar", "below", "not_rated"]
    rating_reason: str
    progress: Literal["improved", "similar", "worse", "not_rated"]
    progress_reason: str
    change: float | None
    change_unit: Literal["pp", "%"] | None
    rag: Literal["green", "amber", "red"] | None
    rag_reason: str | None
    overridden: bool
    computed_rating: str | None
    reason: str
    quartile: Literal["Top", "Second", "Third", "Bottom"] | None
    published_rating: Literal["better", "similar", "below", "not_rated"] | None
    published_progress: Literal["improved", "similar", "worse", "not_rated"] | None
    published_rag: Literal["green", "amber", "red", "not_rated"] | None
    commentary: str | None
    returned_by: str | None
    approved_by: str | None
    approved_on: str | None
    forecast: float | None
    ci: Interval | None
    trend: Literal["increasing", "decreasing", "no_significant_change"] | None
    spc: Spc | None


class Output(BaseModel):
    model_config = ConfigDict(extra="forbid")
    period: str
    measures: list[Row]
    summary: dict[str, dict[str, int]]


def test_json_output_has_the_documented_shape(example):
    import_all(example)
    out = Output.model_validate(rate_json(example))
    assert out.period == "2025-26-Q1"
    loans = next(m for m in out.measures if m.id == "junior-loans")
    assert (loans.value, loans.previous_value, loans.progress) == (159100, 186200, "worse")
    assert loans.previous_period == "2024-25-Q1"
    assert out.summary["progress"]["worse"] >= 1
    assert sum(out.summary["rating"].values()) == len(out.measures)


def test_table_groups_by_section_with_symbols_and_words(example):
    import_all(example)
    text = perfcli("rate", "-w", example, "--period", "2023-24").stdout
    assert "Performance 2023/24 — April 2023 to March 2024" in text
    assert "DELAY NEED — Safe and Well" in text
    assert "▲ improved" in text and "◀▶ similar" in text and "▼ not as good" in text
    assert "\x1b[" not in text  # plain when piped
    assert re.search(
        r"29 measures\. Rating: \d+ better, \d+ similar, \d+ below, \d+ not rated\. Progress: 15 improved, 7 similar, 5 not as good",
        text,
    )


def test_the_table_is_headed_by_the_report_and_a_figure_of_another_period_says_its_own(example):
    # Seed 001's Q1: ASCOF 2A's previous figure is the whole of 2024/25, not its first quarter;
    # LALS's are academic years. The headings are the report's, as Appendix A's are.
    import_all(example)
    text = perfcli("rate", "-w", example, "--period", "2025-26-Q1", env={"COLUMNS": "250"}).stdout
    headings = {line.split("RAG")[-1].split("  ")[-1].strip() for line in text.splitlines()
                if "Performance" in line and "Measure" in line}  # fmt: skip
    assert headings == {"2024/25 Q1 Performance"}
    assert "88.7% (3,912 out of 4,408) (2024/25)" in text
    assert "84.8% (2024/25 academic year)" in text and "85.8% (2023/24 academic year)" in text


def test_rate_a_file_directly_without_a_workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = [
        ["ASCOF 2A", "% of people who had no need for ongoing services following reablement", "High",
         "77.5% 22/23 Nat. Ave", 0.896, 0.878],
        ["Local", "Number of people awaiting a care assessment", "Low",
         "<1,575 Position as at 1 st Jan 2023", "773 End of March 2024", "1,334 End of March 2023"],
    ]  # fmt: skip
    book = appendix_workbook(tmp_path / "quick.xlsx", rows, formats={"E5": "0.0%", "F5": "0.0%"})
    text = perfcli("rate", book, env={"PERFCLI_WORKSPACE": ""}).stdout
    assert "✔ better" in text and "▲ improved" in text
    data = json.loads(perfcli("rate", book, "-f", "json", env={"PERFCLI_WORKSPACE": ""}).stdout)
    waiting = data["measures"][1]
    assert waiting["rating_reason"] == "773 is below the threshold 1,575: better"
    assert waiting["progress_reason"] == "-42.1% is beyond ±3% (aim: low): improved"
    assert not (tmp_path / "perfcli.db").exists()


def test_a_figure_typed_bare_beside_one_in_thousands_is_shown_in_thousands(tmp_path, monkeypatch):
    """Seed 000's library visits, this year's typed as a number (as an owner's return gives it):
    the row showed `615,100` beside `539.9k`; Appendix A shares the rule (test_appendix)."""
    monkeypatch.chdir(tmp_path)
    rows = [["Local", "Library visits", "High", "545.3k Local target 2023/24", 615100, "539.9k"]]
    book = appendix_workbook(tmp_path / "visits.xlsx", rows)
    table = perfcli("rate", book, env={"PERFCLI_WORKSPACE": ""}).stdout
    row = next(line for line in table.splitlines() if "Library visits" in line)
    assert row.split()[-2:] == ["615.1k", "539.9k"]
    data = json.loads(perfcli("rate", book, "-f", "json", env={"PERFCLI_WORKSPACE": ""}).stdout)
    assert data["measures"][0]["value"] == 615100  # the figure itself, unrounded


def test_a_change_from_nothing_is_the_same_in_json_csv_and_the_api(tmp_path, monkeypatch):
    """A trial (SYNTHETIC figures): 0 complaints upheld, then 5. The change was null in the
    JSON, `inf` in the CSV and float('inf') from the API; the reasons said `+inf%`."""
    monkeypatch.chdir(tmp_path)
    rows = [["Local", "Complaints upheld (SYNTHETIC)", "Low", "0 Local target 2023/24", 5, 0]]
    book = appendix_workbook(tmp_path / "complaints.xlsx", rows)
    env = {"PERFCLI_WORKSPACE": ""}
    [measure] = json.loads(perfcli("rate", book, "-f", "json", env=env).stdout)["measures"]
    [row] = csv.DictReader(io.StringIO(perfcli("rate", book, "-f", "csv", env=env).stdout))
    from perfcli import rate_file

    [made] = rate_file(book).to_dict()["measures"]
    assert (measure["change"], row["change"], made["change"]) == (None, "", None)
    assert measure["progress_reason"] == "up from 0 to 5 (aim: low): worse"
    assert measure["rating_reason"] == "5 is above the target 0 (aim: low): below"
    assert "inf" not in measure["reason"]


def test_a_count_under_a_percentage_target_is_not_rated_as_a_percentage(tmp_path, monkeypatch):
    """A hostile trial (SYNTHETIC figures): rate FILE, which runs none of validate's checks,
    said "700% meets the target 60%: better", exit 0, with nothing on standard error."""
    monkeypatch.chdir(tmp_path)
    rows = [["Local", "Target pct for count (SYNTHETIC)", "High", "60% Local target 2023/24",
             700, 650]]  # fmt: skip
    book = appendix_workbook(tmp_path / "mixed.xlsx", rows)
    data = json.loads(perfcli("rate", book, "-f", "json", env={"PERFCLI_WORKSPACE": ""}).stdout)
    [measure] = data["measures"]
    assert (measure["rating"], measure["progress"], measure["rag"]) == (
        "not_rated", "not_rated", None,
    )  # fmt: skip
    assert measure["rating_reason"] == (
        "the figure 700% is outside 0–100%, so not a percentage to judge"
    )


def test_a_band_typed_as_bare_numbers_is_rated_as_a_band(tmp_path, monkeypatch):
    # A fresh reader's row (SYNTHETIC figures): `40 - 50 Local target` was read as a target of 40.
    monkeypatch.chdir(tmp_path)
    rows = [["Local", "Percentage of reviews completed on time", "Target Band Width",
             "40 - 50 Local target 2023/24", "47", "38"]]  # fmt: skip
    book = appendix_workbook(tmp_path / "band.xlsx", rows)
    data = json.loads(perfcli("rate", book, "-f", "json", env={"PERFCLI_WORKSPACE": ""}).stdout)
    measure = data["measures"][0]
    assert measure["comparator"]["kind"] == "band"
    assert (measure["comparator"]["low"], measure["comparator"]["high"]) == (40, 50)
    assert measure["rating"] == "better"
    assert measure["rating_reason"] == "47% is inside the band 40%–50%: better"


def test_rate_file_force_says_what_it_did_with_each_problem(tmp_path, monkeypatch):
    # A fresh reader: "not rated: … cannot read '545.3k Local target 2023/34'" above a table
    # that rated the row against 2023/24, as --force had corrected it. SYNTHETIC rows.
    monkeypatch.chdir(tmp_path)
    rows = [
        ["Local", "Library visits", "High", "545.3k Local target 2023/34", "615.1k", "539.9k"],
        ["ASCOF 2D", "Living at home 91 days after hospital discharge", "High",
         "82.3% 22/23 Nat. Ave", "lots", "lots"],
        ["ASCOF 2D", "Living at home 91 days after hospital discharge", "High",
         "82.3% 22/23 Nat. Ave", 0.884, 0.892],
    ]  # fmt: skip
    book = appendix_workbook(tmp_path / "typed.xlsx", rows)
    run = perfcli("rate", book, "--force", env={"PERFCLI_WORKSPACE": ""})
    warnings = [w.strip() for w in unwrapped(run.stderr).split("Warning: ")[1:]]
    assert warnings[0].endswith("(did you mean 2023/24?) [read as '545.3k Local target 2023/24']")
    assert warnings[-1].endswith(
        "appears twice (first on row 6) (give each row its own ID) [row not imported]"
    )
    assert "not rated:" not in run.stderr
    assert "545.3k Local target 2023/24" in run.stdout and "✔ better" in run.stdout


def test_rate_file_says_what_it_passed_over_and_reads_hidden_rows_when_asked(tmp_path, monkeypatch):
    # A fresh reader: a row hidden in Excel was left out of `rate FILE` without a word, where
    # `import` says so. Seed 000's figures.
    from openpyxl import load_workbook

    monkeypatch.chdir(tmp_path)
    rows = [
        ["ASCOF 2A", "% of people who had no need for ongoing services following reablement", "High",
         "77.5% 22/23 Nat. Ave", "89.6%", "87.8%"],
        ["Local", "Library visits", "High", "545.3k Local target 2023/24", "615.1k", "539.9k"],
    ]  # fmt: skip
    book = appendix_workbook(tmp_path / "hidden.xlsx", rows)
    workbook = load_workbook(book)
    workbook.active.row_dimensions[6].hidden = True
    workbook.save(book)
    env = {"PERFCLI_WORKSPACE": ""}
    run = perfcli("rate", book, "-f", "json", env=env)
    assert [m["id"] for m in json.loads(run.stdout)["measures"]] == ["ascof-2a"]
    assert run.stderr.strip() == (
        'Warning: hidden.xlsx, sheet "Appendix A": hidden row 6 not read'
        " (--include-hidden reads them)"
    )
    run = perfcli("rate", book, "-f", "json", "--include-hidden", env=env)
    measures = json.loads(run.stdout)["measures"]
    assert [(m["id"], m["value"]) for m in measures] == [
        ("ascof-2a", 89.6),
        ("library-visits", 615100),
    ]
    assert run.stderr == ""
    refused = perfcli("rate", "--include-hidden", "-w", tmp_path / "nowhere", exit=2)
    assert error_line(refused).startswith(
        "Error: --include-hidden reads a file's hidden sheets and rows: give the FILE to rate"
    )


def test_rate_a_file_whose_rows_repeat_their_wording(tmp_path, monkeypatch):
    # SYNTHETIC figures in seed 001's wording, typed as an officer types them (no ID column):
    # texts read once are still each row's own figure, filed under each column's period.
    monkeypatch.chdir(tmp_path)
    rows = [
        ["Local", f"Emergency admissions {n} per 100,000 pop.", "Low",
         "13.3 per 100k pop. 22/23 Nat. Ave", f"{12 + n}.1 per 100k Pop. Actual 56 Admissions in 23/24",
         "13.3 per 100k Pop. Actual 56 Admissions in 22/23"]
        for n in range(3)
    ]  # fmt: skip
    book = appendix_workbook(tmp_path / "rates.xlsx", rows)
    data = json.loads(perfcli("rate", book, "-f", "json", env={"PERFCLI_WORKSPACE": ""}).stdout)
    shown = [
        (m["value"], m["period"], m["previous_value"], m["previous_period"], m["rating"])
        for m in data["measures"]
    ]
    assert shown == [
        (12.1, "2023-24", 13.3, "2022-23", "better"),
        (13.1, "2023-24", 13.3, "2022-23", "similar"),
        (14.1, "2023-24", 13.3, "2022-23", "below"),
    ]


def test_a_count_against_a_national_average_with_a_short_year(tmp_path):
    """`1,190 22/23 Nat. Ave.`: a plain number, then the year (found by a property test)."""
    rows = [
        [
            "Local",
            "Delayed transfers of care (days)",
            "Low",
            "1,190 22/23 Nat. Ave.",
            "1,050",
            "1,300",
        ]
    ]
    book = appendix_workbook(tmp_path / "count.xlsx", rows)
    row = json.loads(perfcli("rate", book, "-f", "json").stdout)["measures"][0]
    assert row["comparator"]["kind"] == "national_average"
    assert (row["comparator"]["value"], row["comparator"]["period"]) == (1190, "2022-23")
    assert (row["rating"], row["progress"]) == ("better", "improved")


def test_override_column_marks_the_rating(tmp_path):
    header = [*HEADER, "Override", "Override reason"]
    rows = [["ASCOF 4A", "% of service users who say that services have made them feel safe", "High",
             "87.1% 22/23 Nat. Ave.", "82.5%", "85.3%", "similar", "survey sample changed"]]  # fmt: skip
    book = appendix_workbook(tmp_path / "o.xlsx", rows, header=header)
    row = json.loads(perfcli("rate", book, "-f", "json").stdout)["measures"][0]
    assert (row["rating"], row["computed_rating"], row["overridden"]) == ("similar", "below", True)
    assert "(overridden)" in perfcli("rate", book).stdout


def test_bad_override_names_its_cell(tmp_path):
    header = [*HEADER, "Override"]
    rows = [["ASCOF 4A", "Feel safe", "High", "87.1% 22/23 Nat. Ave.", "82.5%", "85.3%", "great"]]
    book = appendix_workbook(tmp_path / "o.xlsx", rows, header=header)
    run = perfcli("rate", book, exit=1)
    assert (
        error_line(run)
        == "Error: o.xlsx, sheet \"Appendix A\", cell G5: override 'great' is not a rating"
        " (use better, similar, below or not rated; or pass --force to rate what can be read)"
    )
    forced = perfcli("rate", book, "--force", "-f", "json")
    assert "cell G5" in forced.stderr and "[override not imported]" in forced.stderr
    assert json.loads(forced.stdout)["measures"][0]["rating"] == "below"


def test_csv_output_escapes_formula_cells(tmp_path):
    book = tmp_path / "inj.csv"
    book.write_text(",".join(HEADER) + '\nLocal,"=HYPERLINK(""x"")",High,,5,4\n', encoding="utf-8")
    out = perfcli("rate", book, "-f", "csv").stdout
    assert "'=HYPERLINK" in out and out.splitlines()[0].startswith("id,code,description")


def test_unknown_period_lists_the_held_ones(example):
    import_all(example)
    run = perfcli("rate", "-w", example, "--period", "2019-20", exit=2)
    assert "2019/20 is not a report period" in error_line(run) and "2023-24" in error_line(run)


@pytest.mark.parametrize("period", ["2024-25-Q1", "2019-20"])
def test_rate_and_draft_report_refuse_a_period_that_is_not_a_report_period_alike(example, period):
    """2024/25 Q1 is held only as seed 001's previous column: no comparators or targets of its own."""
    import_all(example)
    rated = perfcli("rate", "-w", example, "--period", period, exit=2)
    drafted = perfcli("draft-report", "-c", "adults", "-w", example, "--period", period, exit=2)
    assert error_line(rated) == error_line(drafted)
    if period == "2024-25-Q1":
        assert "held only as a later report's previous column" in error_line(rated)


def test_colour_only_in_a_terminal_and_never_with_no_color(example):
    import_all(example)
    env = {**os.environ, "NO_COLOR": "1", "PERFCLI_WORKSPACE": str(example)}
    out = subprocess.run(
        [sys.executable, "-m", "perfcli", "rate"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert "\x1b[" not in out and "◀▶ similar" in out


def test_the_printed_mark_is_shown_beside_perfcli_s_where_they_differ(example):
    """Seed 001 prints ▼ for ASCOF 2C although admissions fell from 599 to 572 per 100k."""
    import_all(example)
    rows = {m["id"]: m for m in rate_json(example, "--period", "2025-26-Q1")["measures"]}
    assert (rows["ascof-2c"]["progress"], rows["ascof-2c"]["published_progress"]) == (
        "improved", "worse",
    )  # fmt: skip
    agreeing = [m for m in rows.values() if m["published_progress"] == m["progress"]]
    assert len(agreeing) >= 10
    table = perfcli("rate", "-w", example, "--period", "2025-26-Q1").stdout
    assert "(printed ▼ not as good)" in table
    assert table.count("(printed ") == sum(
        1
        for m in rows.values()
        if m["published_progress"] not in (None, m["progress"])
        or m["published_rating"] not in (None, m["rating"])
        or m["published_rag"] not in (None, m["rag"] or "not_rated")
    )


def test_rate_json_is_written_row_by_row_to_the_bytes_of_the_whole_result(tmp_path):
    """`rate --format json` streams its rows; what it writes is the API's `to_dict()` as one
    compact line, control characters escaped, byte for byte (seed 000's rows; the second
    description carries a C1 control, as a pasted cell can; a direction control is read
    without it, tests/cli/test_validate.py)."""
    from perfcli import rate_file

    rows = [
        ["ASCOF 2A", "% of people who had no need for ongoing services following reablement", "High",
         "77.5% 22/23 Nat. Ave", 0.896, 0.878],
        ["Local", "Number of people \x9bawaiting a care assessment", "Low",
         "<1,575 Position as at 1 st Jan 2023", "773 End of March 2024", "1,334 End of March 2023"],
    ]  # fmt: skip
    book = appendix_workbook(tmp_path / "quick.xlsx", rows, formats={"E5": "0.0%", "F5": "0.0%"})
    written = perfcli("rate", book, "-f", "json", env={"PERFCLI_WORKSPACE": ""}).stdout
    whole = json.dumps(rate_file(book).to_dict(), ensure_ascii=False, separators=(",", ":"))
    assert written == whole.replace("\x9b", "\\u009b") + "\n"
    assert "\\u009bawaiting" in written and written.count("\n") == 1
    data = json.loads(written)
    assert [m["rating"] for m in data["measures"]] == ["better", "better"]
    assert data["summary"]["rating"]["better"] == 2


def test_a_date_in_a_figure_cell_is_an_error_at_its_cell(tmp_path, monkeypatch, reader):
    """A trial typed a date where a figure belongs: its day, 30, was rated as the figure (-97.3%
    against 1,100: not as good), filed under the period 2025-06-30."""
    import datetime

    monkeypatch.chdir(tmp_path)
    rows = [["Local", "Library visits", "High", "", datetime.datetime(2025, 6, 30), "1,100"]]
    book = appendix_workbook(tmp_path / "typed.xlsx", rows, formats={"E5": "dd/mm/yyyy"})
    run = perfcli("rate", book, exit=1, env={"PERFCLI_WORKSPACE": ""})
    assert error_line(run) == (
        "Error: typed.xlsx, sheet \"Appendix A\", cell E5: cannot read '30 June 2025': it starts"
        " with a date (30 June 2025), not a figure (type the figure; a date cell may be a typed"
        " figure Excel turned into a date; or pass --force to rate what can be read)"
    )
    forced = json.loads(perfcli("rate", book, "--force", "-f", "json").stdout)["measures"][0]
    assert (forced["period"], forced["value"], forced["progress"]) == ("2023-24", None, "not_rated")


def test_a_time_in_a_figure_cell_is_an_error_at_its_cell(tmp_path, monkeypatch, reader):
    """A trial's 12:30 in a figure cell was rated as 12, with no finding."""
    import datetime

    monkeypatch.chdir(tmp_path)
    rows = [["Local", "Library visits", "High", "", datetime.time(12, 30), "1,100"]]
    book = appendix_workbook(tmp_path / "typed.xlsx", rows, formats={"E5": "hh:mm"})
    run = perfcli("rate", book, exit=1, env={"PERFCLI_WORKSPACE": ""})
    assert error_line(run).startswith(
        "Error: typed.xlsx, sheet \"Appendix A\", cell E5: cannot read '12:30:00': it starts"
        " with a time (12:30:00), not a figure"
    )


def test_a_rate_per_thousand_is_no_percentage(tmp_path, monkeypatch):
    """A trial's `Rate per 1,000 adults` of 120 was refused as "outside 0-100%"."""
    monkeypatch.chdir(tmp_path)
    rows = [["Local", "Rate per 1,000 adults", "Low", "", "120", "110"]]
    book = appendix_workbook(tmp_path / "typed.xlsx", rows)
    found = json.loads(perfcli("validate", book, "-f", "json").stdout)["findings"]
    assert not [f for f in found if f["code"] == "value.percent_range"]
    rated = json.loads(perfcli("rate", book, "-f", "json").stdout)["measures"][0]
    assert (rated["unit"], rated["value_text"], rated["progress"]) == ("number", "120", "worse")
