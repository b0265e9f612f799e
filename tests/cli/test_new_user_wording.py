"""A new user's reading of perfcli's lines (fresh-eyes trial, item 9): a measure asked for by a
description it was printed under, one hint with no brackets inside its brackets, and written files
named from the workspace as the README shows them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest

from tests.cli.test_as_drafted import appendix_rows
from tests.conftest import HEADER, appendix_workbook, error_line, perfcli, unwrapped

# Seed 000 prints `LALS Success Rate`; seed 001 rewords it, the same measure (lals-success-rate).
LALS_2023_24 = ["Local", "LALS Success Rate", "High", "90% Local Target 2023/24", "85.3%", "84.6%"]
HERITAGE_2023_24 = ["Local", "Heritage visits", "High", "133.5k Local target 2023/24", "134.1k",
                    "127.1k"]  # fmt: skip
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


OWNER = """
[owners.heritage]
name = "Sam Patel (SYNTHETIC)"
email = "heritage.owner@example.org"
service = "Heritage"

[measures.heritage-visits]
owner = "heritage"

[owners.libraries]
name = "Alex Morgan (SYNTHETIC)"
email = "libraries.owner@example.org"
service = "Libraries"

[measures.library-visits]
owner = "libraries"
"""
# Seed 000's rows, each with its owner.
SEED_000_ROWS = [
    ["Local", "Heritage visits", "High", "133.5k Local target 2023/24", "134.1k", "127.1k"],
    ["Local", "Library visits", "High", "545.3k Local target 2023/24", "615.1k", "539.9k"],
]


def owned(workspace: Path, tmp_path: Path) -> Path:
    with (workspace / "perfcli.toml").open("a", encoding="utf-8") as config:
        config.write(OWNER)
    perfcli("import", appendix_workbook(tmp_path / "2023-24.xlsx", SEED_000_ROWS), "-w", workspace)
    return workspace


def test_returns_made_are_named_from_where_the_command_ran_and_made_again_only_with_force(
    workspace, tmp_path, monkeypatch
):
    ws = owned(workspace, tmp_path)
    monkeypatch.chdir(ws.parent)  # beside the workspace: the path opens from here
    made = perfcli("returns", "make", "--period", "2024-25-Q1", "--due", "2024-07-15", "-w", ws)
    assert f"  heritage: 1 measure → {ws.name}/returns/2024-25-Q1/heritage.xlsx" in (
        made.stdout.splitlines()
    )
    monkeypatch.chdir(ws)  # in the workspace, as the README shows it
    assert (ws / "returns" / "2024-25-Q1" / "heritage.xlsx").is_file()
    again = perfcli("returns", "make", "--period", "2024-25-Q1", "-w", ws, exit=2)
    assert error_line(again) == (
        "Error: returns/2024-25-Q1/heritage.xlsx and 1 other return already exist"
        " (pass --force to make them again, replacing any filled in since)"
    )
    # One return lost (a second trial): it is made again, and the one an owner may have filled
    # in is left as it is, where --force would have replaced both.
    heritage = ws / "returns" / "2024-25-Q1" / "heritage.xlsx"
    before = heritage.read_bytes()
    (ws / "returns" / "2024-25-Q1" / "libraries.xlsx").unlink()
    again = perfcli("returns", "make", "--period", "2024-25-Q1", "-w", ws)
    assert again.stdout.splitlines()[1:] == [
        "  libraries: 1 measure → returns/2024-25-Q1/libraries.xlsx",
        "  = returns/2024-25-Q1/heritage.xlsx kept as it is (made before; --force makes it again,"
        " replacing what was filled in)",
    ]
    assert again.stdout.splitlines()[0].startswith("✔ Made 1 return for 2024/25 Q1")
    assert heritage.read_bytes() == before
    status = perfcli("returns", "status", "--period", "2024-25-Q1", "--remind", "-w", ws)
    [reminder] = (ws / "returns" / "2024-25-Q1" / "reminders").iterdir()
    assert f"  reminder drafted (not sent): returns/2024-25-Q1/reminders/{reminder.name}" in (
        status.stdout.splitlines()
    )


def test_a_hint_holding_brackets_is_not_put_in_brackets(workspace, tmp_path):
    """seed 000's row with no aim: the hint names the aims in brackets of its own."""
    rows = [["Local", "Heritage visits", "", "133.5k Local target 2023/24", "134.1k", "127.1k"]]
    run = perfcli(
        "import", appendix_workbook(tmp_path / "no-aim.xlsx", rows), "-w", workspace, exit=1
    )
    assert error_line(run) == (
        "Error: no-aim.xlsx, sheet \"Appendix A\", cell C5: measure Local 'Heritage visits' has no aim;"
        " fill in its Aim (High, Low, Target Band Width or N/A), or set aim under"
        " [measures.heritage-visits] in perfcli.toml"
    )


def test_returns_made_again_with_force_keep_the_date_they_were_due_by(workspace, tmp_path):
    # A second trial: made again without --due, an overdue return became merely awaited.
    ws = owned(workspace, tmp_path)
    perfcli("returns", "make", "--period", "2024-25-Q1", "--due", "2024-07-15", "-w", ws)
    perfcli("returns", "make", "--period", "2024-25-Q1", "--force", "-w", ws)
    status = json.loads(perfcli("returns", "status", "--period", "2024-25-Q1", "-w", ws,
                                "-f", "json").stdout)  # fmt: skip
    assert {o["owner"]: o["due"] for o in status["owners"]} == {
        "heritage": "2024-07-15", "libraries": "2024-07-15",
    }  # fmt: skip
    perfcli("returns", "make", "--period", "2024-25-Q1", "--force", "--due", "2024-07-31", "-w", ws)
    status = json.loads(perfcli("returns", "status", "--period", "2024-25-Q1", "-w", ws,
                                "-f", "json").stdout)  # fmt: skip
    assert {o["due"] for o in status["owners"]} == {"2024-07-31"}  # a date given wins


def test_a_section_heading_typed_as_a_row_is_named_at_its_cell_with_what_to_do(workspace, tmp_path):
    """An officer's own heading row (`Safe and Well`) is no layer or Strategic Plan outcome: the
    warning names its cell, not the row below it, and says how to group measures instead."""
    path = appendix_workbook(tmp_path / "dash.xlsx", [["Safe and Well"], LALS_2023_24])
    run = perfcli("import", path, "-w", workspace)
    assert run.stderr.strip() == (
        "Warning: dash.xlsx, sheet \"Appendix A\", cell A5: ignored text 'Safe and Well' (a row"
        " of text alone sets the section only when it is a layer name such as Prevent Need, or"
        " the Strategic Plan's outcome; to group measures your own way, add a Section column)"
    )
    (note,) = json.loads(perfcli("validate", path, "-f", "json").stdout)["findings"]
    assert note["location"] == 'dash.xlsx, sheet "Appendix A", cell A5'
    assert note["hint"].endswith("add a Section column")


def test_figure_columns_headed_by_their_quarter_alone_are_imported(workspace, tmp_path):
    """`Q1 2025/26 | Q1 2024/25`, with no word Performance: read as a definitions table they
    had imported the measure and none of its figures ('1 measure, no figures'), and rate FILE
    had said there was no report. Seed 001's library visits."""
    header = ["Measure", "Description", "Aim", "Comparator", "Q1 2025/26", "Q1 2024/25"]
    row = ["Local", "Library visits", "High", "195.0k Local Q1 Milestone", "196.4k", "155.1k"]
    path = appendix_workbook(tmp_path / "q1.xlsx", [row], header=header, title_rows=0)
    run = perfcli("import", path, "-w", workspace)
    assert "q1.xlsx: imported — 1 measure for 2025/26 Q1; figures: 2 new" in run.stdout
    rated = json.loads(perfcli("rate", path, "-f", "json").stdout)
    assert rated["period"] == "2025-26-Q1"
    assert [(m["value"], m["previous_value"]) for m in rated["measures"]] == [(196400, 155100)]


def test_a_workspace_of_measures_and_no_dashboard_says_what_it_lacks(workspace, tmp_path):
    """Figure columns headed `This year | Last year` name no period: the sheet is read as the
    measures' definitions. rate, diff and draft-report had said 'nothing imported yet', and
    diff's hint listed no reports ('its reports are ')."""
    header = ["Measure", "Description", "Aim", "Comparator", "This year", "Last year"]
    row = ["Local", "Library visits", "High", "195.0k Local Q1 Milestone", "196.4k", "155.1k"]
    path = appendix_workbook(tmp_path / "defs.xlsx", [row], header=header, title_rows=0)
    assert (
        "defs.xlsx: imported — 1 measure, no figures"
        in perfcli("import", path, "-w", workspace).stdout
    )
    said = (
        "Error: no report period: the workspace holds 1 measure and no dashboard; import a"
        " dashboard whose figure columns are headed by their period ('2023/24 Performance', or"
        " '2023/24'); 'perfcli measures' lists what is held"
    )
    for args in (["rate"], ["diff", "2023-24", "2024-25"], ["draft-report", "-c", "adults"]):
        assert error_line(perfcli(*args, "-w", workspace, exit=2)) == said


def test_a_measure_last_years_report_held_and_this_ones_lacks_is_warned_of(workspace, tmp_path):
    """A trial's report from returns left out three measures the committee saw the year before,
    without a word. Seed 000's heritage and LALS rows; 2024/25's dashboard gives LALS alone."""
    perfcli(
        "import",
        appendix_workbook(tmp_path / "a.xlsx", [HERITAGE_2023_24, LALS_2023_24]),
        "-w",
        workspace,
    )
    later = [*HEADER[:4], "2024/25 Performance", "2023/24 Performance"]
    perfcli(
        "import",
        appendix_workbook(tmp_path / "b.xlsx", [LALS_2024_25], header=later),
        "-w",
        workspace,
    )
    run = perfcli("draft-report", "-c", "adults", "-p", "2024-25", "-w", workspace, "-f", "json")
    assert (
        "1 measure in 2023/24's report is not in this one: heritage-visits (no dashboard or return"
        " gives 2024/25 a line for it)"
    ) in json.loads(run.stdout)["warnings"]


def test_an_unreadable_aim_imported_with_force_keeps_the_aim_held(workspace, tmp_path):
    """A trial's `import --force` of a row whose Aim said `Smaller` made a stored Low measure
    N/A, unrated, with '6 unchanged' and no word of it. Seed 000's heritage row."""
    perfcli("import", appendix_workbook(tmp_path / "a.xlsx", [HERITAGE_2023_24]), "-w", workspace)
    typo = appendix_workbook(
        tmp_path / "b.xlsx", [[*HERITAGE_2023_24[:2], "Smaller", *HERITAGE_2023_24[3:]]]
    )
    run = perfcli("import", typo, "--force", "-w", workspace)
    assert "unknown aim 'Smaller' [aim kept as held: High]" in unwrapped(run.stderr)
    measures = json.loads(perfcli("measures", "-w", workspace, "-f", "json").stdout)
    assert [(m["id"], m["aim"]) for m in measures["measures"]] == [("heritage-visits", "high")]


def test_figure_columns_that_name_no_period_are_said_not_read(workspace, tmp_path):
    """`This year | Last year` with a banner row: read as definitions, the banner had been
    'a measure with no description' and the figure columns passed over without a word."""
    header = ["Measure", "Description", "Aim", "Comparator", "This year", "Last year"]
    row = ["Local", "Library visits", "High", "195.0k Local Q1 Milestone", "196.4k", "155.1k"]
    path = appendix_workbook(
        tmp_path / "defs.xlsx", [["PREVENT NEED"], row], header=header, title_rows=0
    )
    run = perfcli("import", path, "-w", workspace)
    assert run.stderr.splitlines() == [
        'Warning: defs.xlsx, sheet "Appendix A", row 1: read as measures\' definitions, with no'
        " figures: not read E1 'This year', F1 'Last year'; head figure columns with their period"
        " ('2023/24 Performance', or '2023/24')",
        "Warning: defs.xlsx, sheet \"Appendix A\", row 2: ignored row 'PREVENT NEED'",
    ]
    assert "defs.xlsx: imported — 1 measure, no figures" in run.stdout


def test_figures_typed_as_bare_numbers_are_shown_in_their_unit_everywhere(workspace, tmp_path):
    """A percentage typed `81.2` and a count typed `2600000` in General cells: the tables show
    them as the prose writes them (81.2%, 2,600,000), not one way in Appendix A and another in
    the paragraphs; JSON keeps the text as typed."""
    book = appendix_workbook(tmp_path / "typed.xlsx", [
        ["ASCOF 1A", "% of people who use services who have control over their daily life",
         "High", "77.6% 22/23 Nat. Ave.", 81.2, 79.5],
        ["Local", "Library visits", "High", "2,500,000 Local target 2023/24", 2600000, 2400000],
    ])  # fmt: skip
    perfcli("import", book, "-w", workspace)
    table = perfcli("rate", "-w", workspace, env={"COLUMNS": "250"}).stdout
    assert re.search(r"81\.2%\s+79\.5%", table) and re.search(r"2,600,000\s+2,400,000", table)
    listed = json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    assert [m["value_text"] for m in listed] == ["81.2", "2600000"]
    out = tmp_path / "report.docx"
    perfcli("draft-report", "-c", "adults", "-w", workspace, "-o", out)
    rows = {row["Measure"]: row for row in appendix_rows(out)}
    assert (rows["ASCOF 1A"]["2023/24 Performance"], rows["ASCOF 1A"]["2022/23 Performance"]) == (
        "81.2%", "79.5%",
    )  # fmt: skip
    assert rows["Local"]["2023/24 Performance"] == "2,600,000"
    prose = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "81.2% in 2023/24" in prose and "2,600,000" in prose


def test_a_percentage_typed_as_a_fraction_is_warned_at_its_cell(workspace, tmp_path):
    book = appendix_workbook(tmp_path / "fraction.xlsx", [
        ["ASCOF 1A", "% of people who use services who have control over their daily life",
         "High", "77.6% 22/23 Nat. Ave.", 0.812, "79.5%"],
    ])  # fmt: skip
    run = perfcli("validate", book, "-w", workspace, "-f", "json")
    [found] = [f for f in json.loads(run.stdout)["findings"] if f["code"] == "value.fraction"]
    assert found["severity"] == "warning" and found["location"].endswith("cell E5")
    assert "may be the fraction 81.2%" in found["message"]


def test_a_target_typed_words_first_is_rated_against(tmp_path):
    """A trial: `Local target 60%` was text, and its measure silently not rated."""
    book = appendix_workbook(tmp_path / "targets.xlsx", [
        ["Local", "% of people satisfied", "High", "Local target 60%", "58.0%", "55.0%"],
        ["Local", "Number of visits", "High", "Local target 2023/24 1,200", "1,234", "1,100"],
    ])  # fmt: skip
    listed = json.loads(perfcli("rate", book, "-f", "json").stdout)["measures"]
    assert [(m["comparator"]["kind"], m["comparator"]["value"]) for m in listed] == [
        ("target", 60.0), ("target", 1200.0),
    ]  # fmt: skip
    assert [m["comparator"]["text"] for m in listed] == [
        "Local target 60%",
        "Local target 2023/24 1,200",
    ]
    assert [m["rag"] for m in listed] == ["amber", "green"]


def test_a_target_typed_period_first_is_rated_against_its_figure(tmp_path):
    """A trial: `2023/24 Local target 60%` was a target of 2023, so 58% was rated red, silently."""
    book = appendix_workbook(tmp_path / "targets.xlsx", [
        ["Local", "% of people satisfied", "High", "2023/24 Local target 60%", "58.0%", "55.0%"],
        ["ASCOF 1A", "Control over daily life", "High", "23/24 Nat. Ave. 77.6%", "81.2%", "79.5%"],
        ["Local", "Number of visits", "High", "2023/24", "1,234", "1,100"],
    ])  # fmt: skip
    run = perfcli("rate", book, "-f", "json")
    listed = json.loads(run.stdout)["measures"]
    assert [(m["comparator"]["kind"], m["comparator"]["value"], m["comparator"]["period"])
            for m in listed] == [
        ("target", 60.0, "2023-24"), ("national_average", 77.6, "2023-24"), ("text", None, None),
    ]  # fmt: skip
    assert [m["rag"] for m in listed] == ["amber", None, None]  # RAG is against a target
    assert listed[1]["rating"] == "better"
    assert listed[2]["rating"] == "not_rated"
    assert "names a period but no figure to rate against" in listed[2]["rating_reason"]


def test_a_figure_typed_after_its_period_is_read_and_a_joined_second_number_refused(tmp_path):
    """A trial: `2023/24 1,234` was a count of 2,023, and `1,227/1,408` one of 1,227, silently."""
    book = appendix_workbook(tmp_path / "figures.xlsx", [
        ["Local", "Number of visits", "High", "Local target 1,200", "2023/24 1,234", "1,100"],
        ["Local", "Number of loans", "High", "Local target 1,200", "1,227/1,408", "1,100"],
    ])  # fmt: skip
    run = perfcli("validate", book, "-f", "json", exit=1)
    [error] = [f for f in json.loads(run.stdout)["findings"] if f["severity"] == "error"]
    assert error["location"].endswith("cell E6")
    assert "unexpected '/1,408' after the number: a second number joined to it" in error["message"]
    listed = json.loads(perfcli("rate", book, "-f", "json", "--force").stdout)["measures"]
    assert [(m["id"], m["value"]) for m in listed] == [
        ("number-of-visits", 1234.0), ("number-of-loans", None),
    ]  # fmt: skip


def test_a_mark_for_a_missing_figure_is_said_in_words_in_the_report(workspace, tmp_path):
    book = appendix_workbook(tmp_path / "marks.xlsx", [
        ["ASCOF 2D", "Living at home 91 days after discharge", "High", "82.0% 22/23 Nat. Ave.",
         "*", "80.5%"],
        ["Local", "Library visits", "High", "", "-", "2,400,000"],
    ])  # fmt: skip
    perfcli("import", book, "-w", workspace)
    out = tmp_path / "report.docx"
    perfcli("draft-report", "-c", "adults", "-w", workspace, "-o", out)
    prose = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "last 80.5% in 2022/23 (not published)" in prose
    assert "last 2,400,000 in 2022/23 (not available)" in prose
    assert "(*)" not in prose and "(-)" not in prose
    rows = {row["Measure"]: row for row in appendix_rows(out)}
    assert rows["ASCOF 2D"]["2023/24 Performance"] == "*"  # the table shows the mark typed


def test_a_figure_typed_again_without_its_separator_is_no_revision(workspace, tmp_path):
    """A trial: `1234` imported over `1,234` counted as a revision and listed in history."""
    first = appendix_workbook(
        tmp_path / "a.xlsx", [["Local", "Visits", "High", "", "1,234", "1,100"]]
    )
    again = appendix_workbook(tmp_path / "b.xlsx", [["Local", "Visits", "High", "", 1234, 1100]])
    perfcli("import", first, "-w", workspace)
    run = perfcli("import", again, "-w", workspace)
    assert "figures: 0 new, 0 revised, 2 unchanged" in run.stdout
    history = json.loads(perfcli("history", "visits", "-w", workspace, "-f", "json").stdout)
    assert [row["status"] for row in history["history"]] == ["current", "current"]


def test_an_ascof_code_typed_without_its_space_is_the_same_measure(workspace, tmp_path):
    """A trial: `ASCOF2E` in a dashboard imported after one printing `ASCOF 2E` was a second
    measure, silently, and the report's counts of better and below took it twice."""
    row = ["Proportion of adults with a learning disability in paid employment", "High",
           "4.8% 22/23 Nat. Ave.", "6.5%", "6.0%"]  # fmt: skip
    first = appendix_workbook(tmp_path / "a.xlsx", [["ASCOF 2E", *row]])
    again = appendix_workbook(tmp_path / "b.xlsx", [["ASCOF2E", *row]])
    perfcli("import", first, "-w", workspace)
    run = perfcli("import", again, "-w", workspace)
    assert "figures: 0 new, 0 revised, 2 unchanged" in run.stdout
    listed = json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    assert [(m["id"], m["code"]) for m in listed] == [("ascof-2e", "ASCOF 2E")]
    for typed in ("ASCOF2E", "ascof-2e", "ASCOF 2E"):  # a re-check: ASCOF2E was "no measure"
        found = json.loads(perfcli("history", typed, "-w", workspace, "-f", "json").stdout)
        assert found["measure"] == "ascof-2e"


def test_an_old_or_shared_code_typed_without_its_space_is_found(example):
    """A third trial: `history ASCOF1G` (ASCOF 2E's old code) and `history ASCOF3C` (seed 000's
    code of two measures) said "no measure", where `ASCOF 1G` and `ASCOF 3C` were found."""
    perfcli("import", *sorted((example / "data").glob("*.xlsx")), "-w", example)
    found = json.loads(perfcli("history", "ASCOF1G", "-w", example, "-f", "json").stdout)
    assert found["measure"] == "ascof-2e"
    shared = perfcli("history", "ASCOF3C", "-w", example, exit=2)
    assert "is the code of 2 measures: ascof-3c1, ascof-3c2" in error_line(shared)


def test_a_comparator_in_another_unit_is_warned_and_set_against_nothing(workspace, tmp_path):
    """A trial: a percentage rated against `Local target 2024/25 £1.25m` read `81.2% is
    1249918.8 pp below the target 1.25m%`, and the report said so."""
    book = appendix_workbook(tmp_path / "units.xlsx", [
        ["Local", "% of people satisfied", "High", "Local target 2023/24 £1.25m", "81.2%", "79.0%"],
        ["Local", "Number of visits", "High", "60% Local target 2023/24", "1,234", "1,100"],
    ])  # fmt: skip
    checked = json.loads(perfcli("validate", book, "-w", workspace, "-f", "json").stdout)
    assert [f["code"] for f in checked["findings"]] == ["comparator.unit", "comparator.unit"]
    perfcli("import", book, "-w", workspace)
    rated = json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    assert [(m["rating"], m["rag"]) for m in rated] == [("not_rated", None)] * 2
    out = tmp_path / "report.docx"
    perfcli("draft-report", "-c", "adults", "-w", workspace, "-o", out)
    prose = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "percentage points from 79.0% in 2022/23." in prose  # no comparison after it
    assert "£1.25 million" not in prose and "target of 60%" not in prose


def test_a_figure_shown_in_scientific_format_claims_no_more_than_it_shows(workspace, tmp_path):
    """A trial: 1,234,567 formatted 0.0E+00 shows 1.2E+06, and was drafted as a precise
    1,200,000."""
    book = appendix_workbook(tmp_path / "sci.xlsx", [
        ["Local", "Library issues", "High", "", 1234567, 960000],
    ], formats={"E5": "0.0E+00"})  # fmt: skip
    perfcli("import", book, "-w", workspace)
    listed = json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    assert (listed[0]["value_text"], listed[0]["value"]) == ("1.2E+06", 1_200_000.0)
    out = tmp_path / "report.docx"
    perfcli("draft-report", "-c", "adults", "-w", workspace, "-o", out)
    assert appendix_rows(out)[0]["2023/24 Performance"] == "1.2m"
    prose = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "stood at 1.2 million in 2023/24" in prose and "1,200,000" not in prose


def test_a_figure_another_report_printed_as_its_own_is_said_when_replaced(workspace, tmp_path):
    """A trial: the April-June 2025 dashboard's previous column (the academic year so far at
    June 2024, 22.1k) replaced the 2023/24 report's figure (at March 2024, 22.0k) with only
    "1 revised", and the 2023/24 report's draft then gave 22.1k."""
    toml = workspace / "perfcli.toml"
    toml.write_text(
        toml.read_text() + '\n[measures.workshop-attendances]\nbasis = "academic_year"\n'
    )
    year = appendix_workbook(tmp_path / "year.xlsx", [
        ["Local", "Workshop attendances", "High", "17.1k Local target 2023/24", "22.0k", "17.9k"],
    ])  # fmt: skip
    quarter = appendix_workbook(tmp_path / "quarter.xlsx", [
        ["Local", "Workshop attendances", "High", "20.0k Local Milestone Jun-25 (Academic year)",
         "21.6k", "22.1k"],
    ], header=[*HEADER[:4], "2025/26 Q1 Performance", "2024/25 Q1 Performance"])  # fmt: skip
    perfcli("import", year, "-w", workspace)
    run = perfcli("import", quarter, "-w", workspace)
    assert "1 revised" in run.stdout
    assert unwrapped(run.stderr) == (
        'Warning: quarter.xlsx, sheet "Appendix A", cell F5: workshop-attendances, 2023/24'
        " academic year: '22.1k' replaces '22.0k', the figure the 2023/24 report printed as its"
        " own; that report's draft now gives this one ('perfcli history workshop-attendances'"
        " lists both figures, with where each came from)"
    )
    again = perfcli("import", year, "-w", workspace)  # its own report's figure: nothing to say
    assert "1 revised" in again.stdout and "Warning" not in again.stderr


def test_the_report_names_the_measures_whose_national_average_is_older(workspace, tmp_path):
    """A trial: Background said every national average quoted was 2022/23's, while two carers'
    measures (a survey every other year) quoted 2021/22's beside it."""
    book = appendix_workbook(tmp_path / "national.xlsx", [
        ["ASCOF 2A", "Proportion of people who had no need for ongoing services after reablement",
         "High", "77.5% 22/23 Nat. Ave.", "89.6%", "87.8%"],
        ["ASCOF 1D", "Carer-reported quality of life score", "High", "7.3 21/22 Nat. Ave.",
         "7.5", "7.3"],
    ])  # fmt: skip
    perfcli("import", book, "-w", workspace)
    out = tmp_path / "report.docx"
    perfcli("draft-report", "-c", "adults", "-w", workspace, "-o", out)
    prose = unwrapped(" ".join(p.text for p in docx.Document(str(out)).paragraphs))
    assert (
        "it is the average for 2022/23, the latest year published, except for ASCOF 1D, where it"
        " is 2021/22's. National averages for 2023/24 will be used" in prose
    )


def test_a_preferred_direction_set_after_import_is_judged_by_at_once(workspace, tmp_path):
    """A trial: `calibrate` advised setting preferred_direction for seed 000's Delay Need band;
    set after the import, `rate` ignored it until the dashboard was imported again."""
    book = appendix_workbook(tmp_path / "bands.xlsx", [
        ["Local", "% of sequels that 'Delay Need'", "Target Band Width",
         "10% - 15% Local target 2023/24", "19.1%", "12.8%"],
    ])  # fmt: skip
    perfcli("import", book, "-w", workspace)
    [before] = json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    toml = workspace / "perfcli.toml"
    setting = f'\n[measures.{before["id"]}]\npreferred_direction = "high"\n'
    toml.write_text(toml.read_text() + setting)
    [after] = json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    assert (before["progress"], after["progress"]) == ("worse", "improved")


def test_a_row_deleted_from_a_dashboard_imported_again_leaves_its_report(workspace, tmp_path):
    """A trial: a row deleted and the dashboard imported again, "28 measures", while rate and
    the draft still gave 29, the deleted one's paragraph and Appendix A row included."""
    rows = [
        ["Local", "Library visits", "High", "545.3k Local target 2023/24", "615.1k", "539.9k"],
        ["Local", "E-loans", "High", "", "279.4k", "250.0k"],
    ]
    first = appendix_workbook(tmp_path / "dashboard.xlsx", rows)
    other = appendix_workbook(tmp_path / "communities.xlsx", [
        ["Local", "Heritage visits", "High", "133.5k Local target 2023/24", "134.1k", "127.1k"],
    ])  # fmt: skip
    perfcli("import", first, other, "-w", workspace)
    again = appendix_workbook(tmp_path / "dashboard.xlsx", rows[:1])
    run = perfcli("import", again, "-w", workspace)
    assert unwrapped(run.stderr) == (
        "Warning: dashboard.xlsx: e-loans is no longer in this file: taken out of the 2023/24"
        " report (its figures are kept) (import the file as it was to put it back)"
    )
    listed = json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    assert sorted(m["id"] for m in listed) == ["heritage-visits", "library-visits"]
    history = json.loads(perfcli("history", "e-loans", "-w", workspace, "-f", "json").stdout)
    assert [row["value"] for row in history["history"]] == [250000.0, 279400.0]


def test_a_snapshot_measure_s_monthly_positions_do_not_become_the_report(example, tmp_path):
    """A trial: a waiting list's monthly positions (a snapshot measure's), imported beside the
    dashboards, made `rate` and `draft-report` choose "End of June 2025", with one measure."""
    perfcli("import", *sorted((example / "data").glob("*.xlsx")), "-w", example)
    months = ["Apr-25", "May-25", "Jun-25"]
    table = tmp_path / "waiting-monthly.csv"  # SYNTHETIC positions
    table.write_text("Measure,Period,Value\n" + "".join(
        f"awaiting-assessment,{month},{value}\n" for month, value in zip(months, [610, 590, 599], strict=True)
    ), encoding="utf-8")  # fmt: skip
    perfcli("import", table, "-w", example)
    rated = json.loads(perfcli("rate", "-w", example, "-f", "json").stdout)
    assert rated["period"] == "2025-26-Q1" and len(rated["measures"]) > 1


def test_rate_judges_as_a_committee_s_report_does(example, tmp_path):
    """A trial: with method = "confidence" for the adults committee, `rate` said ASCOF 2D was
    "worse" and the drafted Appendix A "similar", and `rate` had no way to judge as the report."""
    perfcli("import", *sorted((example / "data").glob("*.xlsx")), "-w", example)
    toml = example / "perfcli.toml"
    toml.write_text(toml.read_text().replace(
        "[committees.adults]\n", '[committees.adults]\nmethod = "confidence"\n'
    ))  # fmt: skip

    def progress(*options):
        rated = json.loads(perfcli("rate", "-w", example, "-f", "json", *options).stdout)
        return {m["id"]: m["progress"] for m in rated["measures"]}["ascof-2d"]

    assert (progress(), progress("-c", "adults")) == ("worse", "similar")
    out = tmp_path / "q1.docx"
    perfcli("draft-report", "-c", "adults", "-w", example, "-o", out)
    rows = {row["Measure"]: row for row in appendix_rows(out)}
    [row] = [row for code, row in rows.items() if code.startswith("ASCOF 2D")]
    assert row["Progress"].endswith("Similar")
    refused = perfcli("rate", "-w", example, "-c", "adult", exit=2)
    assert error_line(refused) == (
        "Error: no committee 'adult' in perfcli.toml (did you mean adults?)"
    )
    # A file is rated with no committee's settings: refused, as --include-hidden is otherwise.
    file = example / "data" / "appendix-a-2023-24.xlsx"
    refused = perfcli("rate", file, "-w", example, "-c", "adults", exit=2)
    assert error_line(refused) == (
        "Error: --committee judges a workspace's measures as that committee's report does"
        " (import the file, then rate the workspace with --committee)"
    )


def test_a_dashboard_is_known_again_by_its_rows_not_its_name(workspace, tmp_path):
    """A re-check: a one-row libraries dashboard named as the adults' one took 24 measures out
    of the report; the adults' saved under a new name with two rows deleted left them in."""
    rows = [
        ["Local", f"Measure {n} (SYNTHETIC)", "High", "", f"{100 + n}", f"{90 + n}"]
        for n in range(6)
    ]
    perfcli("import", appendix_workbook(tmp_path / "dash.xlsx", rows), "-w", workspace)
    other = tmp_path / "libraries"
    other.mkdir()
    one = appendix_workbook(
        other / "dash.xlsx", [["Local", "Library visits", "High", "", "615.1k", "539.9k"]]
    )
    run = perfcli("import", one, "-w", workspace)
    assert "no longer in this file" not in run.stderr
    renamed = appendix_workbook(tmp_path / "dash v2.xlsx", rows[:4])
    run = perfcli("import", renamed, "-w", workspace)
    assert [line.split(" is no longer")[0] for line in run.stderr.splitlines()] == [
        "Warning: dash v2.xlsx: measure-4-synthetic", "Warning: dash v2.xlsx: measure-5-synthetic",
    ]  # fmt: skip
    listed = json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    assert len(listed) == 5  # four of the six, and library visits


def test_a_target_for_another_period_imported_with_force_is_not_rated_against(workspace, tmp_path):
    """A third trial: validate's comparator.wrong_period, imported with --force, was still rated
    ("below", red) and drafted ("short of the local target of 800,000 by 603,600")."""
    book = appendix_workbook(tmp_path / "q1.xlsx", [
        ["Local", "Library visits", "High", "800k Annual target", "196.4k", "155.1k"],
        ["Local", "Heritage visits", "High", "41.6k Local Q1 Milestone", "41.0k", "39.1k"],
    ], header=[*HEADER[:4], "2025/26 Q1 Performance", "2024/25 Q1 Performance"])  # fmt: skip
    perfcli("import", book, "-w", workspace, "--force")
    rated = {
        m["id"]: m
        for m in json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    }
    visits = rated["library-visits"]
    assert (visits["rating"], visits["rag"]) == ("not_rated", None)
    assert visits["rating_reason"] == (
        "target '800k Annual target' is a count for a whole year, not for 2025/26 Q1: not rated"
        " against it"
    )
    assert visits["comparator"]["text"] == "800k Annual target"
    assert rated["heritage-visits"]["rating"] == "similar"  # its own quarter's milestone
    out = tmp_path / "q1.docx"
    perfcli("draft-report", "-c", "adults", "-w", workspace, "-o", out)
    prose = unwrapped(" ".join(p.text for p in docx.Document(str(out)).paragraphs))
    assert "800,000" not in prose and "603,600" not in prose


@pytest.mark.parametrize(
    ("heading", "period"),
    [
        ("2024/25 Q1 Performance (provisional)", "2024-25-Q1"),
        ("2024/25 Performance (Q1)", "2024-25-Q1"),
        ("2024/25 Performance (April to June 2024)", "2024-25-Q1"),
        ("2024/25 Q1 Performance*", "2024-25-Q1"),
    ],
)
def test_a_previous_heading_with_a_note_after_it_is_read(tmp_path, heading, period):
    """A third trial: a previous column headed `2024/25 Performance (provisional)` was dropped,
    with no word, and progress was "no previous value"."""
    header = [*HEADER[:4], "2025/26 Q1 Performance", heading]
    book = appendix_workbook(tmp_path / "q1.xlsx", [
        ["Local", "Library visits", "High", "195.0k Local Q1 Milestone", "196.4k", "155.1k"],
    ], header=header)  # fmt: skip
    [rated] = json.loads(perfcli("rate", book, "-f", "json").stdout)["measures"]
    assert (rated["previous_period"], rated["previous_value"]) == (period, 155100.0)
    assert rated["progress"] == "improved"


def test_a_figure_cleared_from_a_dashboard_imported_again_is_said_kept(workspace, tmp_path):
    """A third trial: a figure cell emptied and the dashboard imported again, "no changes",
    while rate still rated the old figure, with no word."""
    rows = [["Local", "Library visits", "High", "545.3k Local target 2023/24", "615.1k", "539.9k"]]
    perfcli("import", appendix_workbook(tmp_path / "dash.xlsx", rows), "-w", workspace)
    rows[0][4] = None
    again = appendix_workbook(tmp_path / "dash.xlsx", rows)
    run = perfcli("import", again, "-w", workspace)
    assert unwrapped(run.stderr) == (
        "Warning: dash.xlsx: library-visits, 2023/24: no figure in this file, but '615.1k' from"
        " an earlier import is kept (the stored figure stays until a figure replaces it)"
    )


@pytest.mark.parametrize("typed", ["#DIV/0!", "n/a", "Due June 2024"])
def test_a_figure_turned_to_an_error_or_words_on_import_again_is_said_kept(
    workspace, tmp_path, typed
):
    """A fourth trial: a figure cell showing `#DIV/0!` (or `n/a`) in a dashboard imported
    again was "no changes", and the old figure was drafted, rated and proof-read clean."""
    rows = [["Local", "Library visits", "High", "545.3k Local target 2023/24", "615.1k", "539.9k"]]
    perfcli("import", appendix_workbook(tmp_path / "dash.xlsx", rows), "-w", workspace)
    rows[0][4] = typed
    again = appendix_workbook(tmp_path / "dash.xlsx", rows)
    run = perfcli("import", again, "-w", workspace)
    assert (
        'Warning: dash.xlsx, sheet "Appendix A", cell E5: library-visits, 2023/24: the cell says'
        f" '{typed}', not a figure, so '615.1k' from an earlier import is kept (correct the cell"
        " and import the file again if the figure has changed)"
    ) in unwrapped(run.stderr)
    [rated] = json.loads(perfcli("rate", "-w", workspace, "-f", "json").stdout)["measures"]
    assert rated["value"] == 615100


def test_a_figure_hidden_under_merged_cells_is_not_read_and_said(workspace, tmp_path):
    """A fourth trial: E5:F5 merged in the sheet's XML with F5 still holding 539.9k, which Excel
    does not show: it had been rated as the previous year's figure, validate clean. Seed 000's
    library visits; the merge is the trial's."""
    import zipfile

    rows = [["Local", "Library visits", "High", "545.3k Local target 2023/24", "615.1k", "539.9k"]]
    book = appendix_workbook(tmp_path / "made.xlsx", rows)
    merged = tmp_path / "merged.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(merged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b'<mergeCell ref="A1:F1"/>' in data  # the title's, which hides nothing
                data = data.replace(b'<mergeCell ref="A1:F1"/>',
                                    b'<mergeCell ref="A1:F1"/><mergeCell ref="E5:F5"/>')  # fmt: skip
                data = data.replace(b'<mergeCells count="1">', b'<mergeCells count="2">')
            target.writestr(item, data)
    run = perfcli("validate", merged, "-w", workspace, "-f", "json")
    [found] = json.loads(run.stdout)["findings"]
    assert (found["severity"], found["location"]) == (
        "warning",
        'merged.xlsx, sheet "Appendix A", cell F5',
    )
    assert found["message"] == (
        "'539.9k' is hidden under the merged cells E5:F5 (Excel shows only E5): not read"
    )
    [rated] = json.loads(perfcli("rate", merged, "-f", "json").stdout)["measures"]
    assert (rated["value"], rated["previous_value"]) == (615100, None)
    assert rated["progress"] == "not_rated"


def test_a_correction_put_back_by_an_older_copy_is_said(workspace, tmp_path):
    """A trial: two officers imported revisions of one dashboard; the second copy, saved before
    the first's correction of e-loans (322.6k to 330.0k), put 322.6k back with no word. Seed
    001's Q1 figures; the corrections are the trial's."""
    header = [*HEADER[:4], "2025/26 Q1 Performance", "2024/25 Q1 Performance"]
    rows = [["Local", "Library visits", "High", "195.0k Local Q1 Milestone", "196.4k", "187.5k"],
            ["Local", "E-loans", "High", "300.0k Local Q1 Milestone", "322.6k", "310.5k"]]  # fmt: skip
    perfcli("import", appendix_workbook(tmp_path / "q1.xlsx", rows, header=header), "-w", workspace)
    bobs = [rows[0], [*rows[1][:4], "330.0k", "310.5k"]]
    perfcli(
        "import", appendix_workbook(tmp_path / "q1-bob.xlsx", bobs, header=header), "-w", workspace
    )
    alices = [[*rows[0][:4], "197.2k", "187.5k"], rows[1]]
    run = perfcli("import", appendix_workbook(tmp_path / "q1-rev.xlsx", alices, header=header),
                  "-w", workspace)  # fmt: skip
    said = unwrapped(run.stderr)
    assert re.search(
        r"Warning: q1-rev\.xlsx, sheet \"Appendix A\", cell E6: e-loans, 2025/26 Q1:"
        r" '322\.6k' puts back the figure that '330\.0k' from q1-bob\.xlsx \(imported"
        r" \d{4}-\d\d-\d\d \d\d:\d\d UTC\) replaced: that correction is undone \(if '330\.0k' is"
        r" right, correct this file, or import q1-bob\.xlsx again\)",
        said,
    ), said
    assert "library-visits" not in said  # a revision of its own, not an undoing
