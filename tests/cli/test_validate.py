"""`perfcli validate`: each check on a small real workbook, its finding, location and exit code."""

from __future__ import annotations

import json
import re

import pytest

from tests.cli.test_example import import_all
from tests.conftest import HEADER, HEADER_2022_23, appendix_workbook, error_line, perfcli

Q1_HEADER = [
    "Measure",
    "Description",
    "Aim",
    "Comparator",
    "2025/26 Performance",
    "2024/25 Performance",
]


def findings(*args, exit=0, env=None) -> list[dict]:
    out = perfcli("validate", *args, "-f", "json", exit=exit, env=env).stdout
    return json.loads(out)["findings"]


def codes(items) -> set[str]:
    return {f["code"] for f in items}


def one(items, code) -> dict:
    matching = [f for f in items if f["code"] == code]
    assert len(matching) == 1, items
    return matching[0]


def book(tmp_path, rows, name="check.xlsx", **kw):
    return appendix_workbook(tmp_path / name, rows, **kw)


CLEAN = [
    ["ASCOF 2E", "% of adults with a learning disability living at home or with family", "High",
     "80.5% 22/23 Nat. Ave.", "87.1% (1,227 out of 1,408)", "85.6%"],
    ["Local", "Library visits", "High", "545.3k Local target 2023/24", "615.1k", "539.9k"],
]  # fmt: skip


def test_a_clean_workbook_passes(tmp_path):
    assert findings(book(tmp_path, CLEAN)) == []
    assert "0 errors, 0 warnings, 0 notes." in perfcli("validate", book(tmp_path, CLEAN)).stdout


def test_the_seed_000_target_typo_is_an_error_with_its_cell(tmp_path):
    rows = [["Local", "Heritage visits", "High", "133.5k Local target 2023/34", "134.1k", "127.1k"]]
    found = one(findings(book(tmp_path, rows), exit=1), "file.unreadable")
    assert found["location"] == 'check.xlsx, sheet "Appendix A", cell D5'
    assert (
        "34 does not follow 2023" in found["message"] and found["hint"] == "did you mean 2023/24?"
    )


def test_a_quarter_that_does_not_exist(tmp_path):
    header = [
        "Measure",
        "Description",
        "Aim",
        "Comparator",
        "2025/26 Q5 Performance",
        "2024/25 Q5 Performance",
    ]
    found = one(
        findings(
            book(tmp_path, [["Local", "Visits", "High", "", "1", "2"]], header=header), exit=1
        ),
        "file.unreadable",
    )
    assert found["location"].endswith("cell E4") and "Q5" in found["message"]


def test_unlike_current_and_previous(tmp_path):
    rows = [["Local", "Library visits", "High", "", "196.4k", "620.0k (2024/25)"]]
    path = book(tmp_path, rows, header=Q1_HEADER)
    found = one(findings(path, "--period", "2025-26-Q1"), "period.unlike")
    assert found["location"] == "check.xlsx: library-visits, 2025-26-Q1"
    assert found["message"] == "2025/26 Q1 is compared with 2024/25, which is not like for like"
    assert found["severity"] == "warning"


def test_a_figure_for_another_period(tmp_path):
    rows = [["Local", "Library visits", "High", "", "615.1k (2022/23)", "539.9k (2021/22)"]]
    found = one(findings(book(tmp_path, rows)), "period.outside")
    assert found["message"] == "a figure for 2022/23 in the report for 2023/24"


def test_current_and_previous_for_the_same_date(tmp_path):  # seed 001's 'end of Mar-25' twice
    rows = [["Local", "Number of people awaiting a care assessment for more than six months", "Low", "",
             "50 (8.3% of total waiting at end of Mar-25)", "61 (9.1% of total waiting at end of Mar-25)"]]  # fmt: skip
    found = findings(book(tmp_path, rows, header=Q1_HEADER), "--period", "2025-26-Q1", exit=1)
    # The current column's figure is the quarter's: an error at its cell, never `period.same`.
    error = one(found, "file.unreadable")
    assert error["location"] == 'check.xlsx, sheet "Appendix A", cell E5'
    assert "is in the current column but states End of March 2025" in error["message"]
    assert error["hint"] == "write the date the figure is for: End of June 2025"
    assert "period.same" not in codes(found)
    # One message at the cell: the check's "states the previous figure's period" says the same.
    assert "period.restated" not in codes(found)
    # Imported with --force, the figure is the quarter's and the slip stays in its cell: the
    # workspace's validate says so there, until the cell is corrected.
    ws = tmp_path / "ws"
    perfcli("init", ws)
    perfcli("import", tmp_path / "check.xlsx", "--period", "2025-26-Q1", "--force", "-w", ws)
    restated = one(findings("-w", ws), "period.restated")
    assert restated["location"] == error["location"]
    assert restated["hint"] == "correct the date written in the cell to End of June 2025"


def test_stale_national_average_and_biennial_survey(tmp_path):
    rows = [
        ["ASCOF 3C", "% of SUs who find it easy to find information", "High", "60.0% 20/21 Nat. Ave.", "59.3%", "61.8%"],
    ]  # fmt: skip
    found = one(findings(book(tmp_path, rows)), "comparator.stale")
    assert (
        found["message"]
        == "national average for 2020/21; 2022/23 figures were published by March 2024"
    )
    ws = tmp_path / "ws"
    perfcli("init", ws)
    (ws / "perfcli.toml").write_text(
        (ws / "perfcli.toml").read_text()
        + '\n[measures.carers-info]\nsurvey = true\nfrequency = "biennial"\nsurvey_period = "2021-22"\n'
    )
    carers = [["Local", "% of carers who find it easy to find information", "High", "57.7% 21/22 Nat. Ave.",
               "56.1%", "49.4% (2021/22)"]]  # fmt: skip
    header = ["ID", *HEADER]
    path = appendix_workbook(tmp_path / "carers.xlsx", [["carers-info", *carers[0]]], header=header)
    perfcli("import", path, "-w", ws)
    assert "comparator.stale" not in codes(findings("-w", ws))


def test_comparator_newer_than_the_figure(tmp_path):
    rows = [
        [
            "ASCOF 2E",
            "% living at home",
            "High",
            "81.6% 23/24 Nat. Ave.",
            "86.3% (2022/23)",
            "85.6% (2021/22)",
        ]
    ]
    assert "comparator.newer" in codes(findings(book(tmp_path, rows)))


def test_target_for_another_year(tmp_path):
    rows = [
        ["Local", "Hours of Volunteering", "High", "17.3k Local target 2022/23", "19.6k", "17.3k"]
    ]
    found = one(findings(book(tmp_path, rows), exit=1), "comparator.wrong_period")
    assert found["message"] == "target '17.3k Local target 2022/23' is for 2022/23, not 2023/24"


@pytest.mark.parametrize(
    ("comparator", "header", "message"),
    [
        # A trial: a year's figure was rated against its Q1 milestone, and a Q1 report's against
        # last year's Q1 milestone, neither found.
        ("41.6k Local Q1 Milestone", "2024/25 Performance",
         "milestone '41.6k Local Q1 Milestone' is for 2024/25 Q1, not 2024/25"),
        ("45.0k Local Q2 Milestone 2024/25", "2024/25 Performance",
         "milestone '45.0k Local Q2 Milestone 2024/25' is for 2024/25 Q2, not 2024/25"),
        ("5.1k Local Q1 Milestone 2024/25", "2025/26 Q1 Performance",
         "milestone '5.1k Local Q1 Milestone 2024/25' is for 2024/25 Q1, not 2025/26 Q1"),
    ],
)  # fmt: skip
def test_a_milestone_for_another_part_of_the_year_is_refused(tmp_path, comparator, header, message):
    rows = [["Local", "Library visits", "High", comparator, "41.0k", "40.0k"]]
    previous = "2023/24 Performance" if header.startswith("2024/25") else "2024/25 Q1 Performance"
    path = book(tmp_path, rows, header=[*HEADER[:4], header, previous])
    found = one(findings(path, exit=1), "comparator.wrong_period")
    assert found["message"] == message


def test_a_year_s_count_target_against_a_quarter_s_count_is_refused(tmp_path):
    """A trial: a Q1 report's 5.0k against the year's 20.4k target was rated red, silently; a
    share's target for the year still holds for its first quarter."""
    rows = [
        ["Local", "Number of volunteering hours", "High", "20.4k Local target 2025/26", "5.0k", "4.8k"],
        ["Local", "% of learners who pass", "High", "84.0% Local target 2025/26", "84.8%", "85.8%"],
    ]  # fmt: skip
    header = [*HEADER[:4], "2025/26 Q1 Performance", "2024/25 Q1 Performance"]
    found = one(findings(book(tmp_path, rows, header=header), exit=1), "comparator.wrong_period")
    assert found["message"] == (
        "target '20.4k Local target 2025/26' is a total for the whole of 2025/26, not for 2025/26 Q1"
    )  # hours, as the description says
    assert found["location"] == "check.xlsx: number-of-volunteering-hours, 2025-26-Q1"
    # A re-check: a whole year's target said in words, with no year, against Q1's count.
    for said in ("20.4k Annual target", "Annual target 20.4k", "20.4k target for the year"):
        rows[0][3] = said
        found = one(
            findings(book(tmp_path, rows[:1], header=header), exit=1), "comparator.wrong_period"
        )
        assert (
            found["message"] == f"target '{said}' is a total for a whole year, not for 2025/26 Q1"
        )


def test_a_years_target_of_nothing_holds_for_any_part_of_it(tmp_path):
    # A re-check's budget (SYNTHETIC): £0 for the year is £0 for its second quarter too; it was
    # refused as "a count for the whole of 2025/26", and the import blocked.
    rows = [["Local", "Budget variance (SYNTHETIC)", "Low", "£0 Local target 2025/26", "£0.1m",
             "£0.2m"]]  # fmt: skip
    header = [*HEADER[:4], "2025/26 Q2 Performance", "2024/25 Q2 Performance"]
    found = json.loads(
        perfcli("validate", book(tmp_path, rows, header=header), "-f", "json").stdout
    )
    assert [f for f in found["findings"] if f["code"] == "comparator.wrong_period"] == []


def test_a_year_s_last_milestone_and_its_own_quarter_s_are_its_own(tmp_path):
    rows = [
        ["Local", "Library visits", "High", "160.0k Local Q4 Milestone", "161.0k", "150.0k"],
        ["Local", "Library loans", "High", "Local Q1 Milestone 2024/25 5.1k", "5.2k", "5.0k"],
    ]
    header = [*HEADER[:4], "2024/25 Q1 Performance", "2023/24 Q1 Performance"]
    assert "comparator.wrong_period" not in codes(findings(book(tmp_path, rows[1:], header=header)))
    header = [*HEADER[:4], "2024/25 Performance", "2023/24 Performance"]
    assert "comparator.wrong_period" not in codes(findings(book(tmp_path, rows[:1], header=header)))


def test_a_count_with_decimals_is_warned_at_its_cell(tmp_path):
    """A trial: E-loans typed `0.3226` in a General cell passed validate, and the draft said "a
    fall of 279,399.6774"; a count in thousands (`322.6k`) is whole, and is not warned."""
    rows = [
        ["Local", "E-loans", "High", "315.0k Local target 2023/24", 0.3226, "279.4k"],
        ["Local", "Junior loans", "High", "187.5k Local target 2023/24", "159.1k", "186.2k"],
    ]
    found = one(findings(book(tmp_path, rows)), "value.count_decimals")
    assert found["message"] == "e-loans, 2023-24: '0.3226' has decimals, for a count"
    assert found["location"].endswith("cell E5")


def test_a_previous_column_two_years_back_is_warned(tmp_path):
    """A trial: `2022/23 Performance` beside `2024/25` passed, and progress said "improved"
    against it as against last year."""
    rows = [["Local", "Library visits", "High", "545.3k Local target 2024/25", "615.1k", "539.9k"]]
    header = [*HEADER[:4], "2024/25 Performance", "2022/23 Performance"]
    found = one(findings(book(tmp_path, rows, header=header)), "period.unlike")
    assert (
        found["message"] == "2024/25 is compared with 2022/23, 2 years earlier, not the year before"
    )
    header = [*HEADER[:4], "2024/25 Performance", "2023/24 Performance"]
    assert "period.unlike" not in codes(findings(book(tmp_path, rows, header=header)))


def test_period_in_the_future(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    perfcli("init", tmp_path)
    (tmp_path / "perfcli.toml").write_text('[workspace]\nreport_date = "2024-01-15"\n')
    found = one(findings(book(tmp_path, CLEAN[1:]), exit=1), "period.future")
    assert "has not ended by 15 January 2024" in found["message"]


@pytest.mark.parametrize(
    ("row", "code"),
    [
        (["Local", "% of reviews", "High", "", "104.0%", "76.4%"], "value.percent_range"),
        (
            ["Local", "Number of people awaiting a care assessment", "Low", "", "-5", "10"],
            "value.negative",
        ),
        (
            ["ASCOF 2E", "% at home", "High", "", "87.1% (1,227 out of 1,508)", "85.6%"],
            "value.numerator_mismatch",
        ),
    ],
)
def test_impossible_figures_are_errors(tmp_path, row, code):
    found = one(findings(book(tmp_path, [row]), exit=1), code)
    assert found["severity"] == "error"


def test_numerator_mismatch_says_what_the_sum_gives(tmp_path):
    rows = [["ASCOF 2E", "% at home", "High", "", "87.1% (1,227 out of 1,508)", "85.6%"]]
    found = one(findings(book(tmp_path, rows), exit=1), "value.numerator_mismatch")
    assert (
        found["message"]
        == "ascof-2e, 2023-24: '87.1% (1,227 out of 1,508)': 1,227 out of 1,508 is 81.4%"
    )
    assert found["location"] == 'check.xlsx, sheet "Appendix A", cell E5'


def test_missing_and_text_values(tmp_path):
    rows = [
        ["Local", "Library visits", "High", "", None, "539.9k"],
        ["Local", "Heritage visits", "High", "", "TBC", "127.1k"],
    ]
    found = findings(book(tmp_path, rows))
    assert one(found, "value.missing")["location"] == "check.xlsx: library-visits, 2023-24"
    text = one(found, "value.text")
    assert text["location"] == 'check.xlsx, sheet "Appendix A", cell E6'
    assert text["message"] == "heritage-visits, 2023-24: text instead of a figure: 'TBC'"


def test_code_change_without_alias_is_found_with_a_suggestion(workspace, tmp_path):
    old = appendix_workbook(
        tmp_path / "old.xlsx",
        [
            [
                "ASCOF 3C",
                "% of SUs who find it easy to find information",
                "High",
                "",
                "61.8%",
                "60.0%",
            ]
        ],
        header=HEADER_2022_23,
    )
    new = appendix_workbook(
        tmp_path / "new.xlsx",
        [
            [
                "ASCOF 3C1",
                "% of SUs who find it easy to find information",
                "High",
                "",
                "59.3%",
                "61.8%",
            ]
        ],
    )
    perfcli("import", old, new, "-w", workspace)
    found = one(findings("-w", workspace), "measure.code_changed")
    assert (
        found["message"]
        == "ASCOF 3C1 '% of SUs who find it easy to find information' may be ASCOF 3C from 2022/23 under a new code"
    )
    assert found["hint"] == (
        "if they are one measure, run 'perfcli link ascof-3c ascof-3c1' to keep one history"
    )
    # Followed literally: one measure, its whole history, and nothing left to say.
    perfcli("link", "ascof-3c", "ascof-3c1", "-w", workspace)
    held = json.loads(perfcli("history", "ascof-3c1", "-w", workspace, "-f", "json").stdout)
    assert [h["period"] for h in held["history"]] == ["2021-22", "2022-23", "2023-24"]
    assert [j["old_id"] for j in held["joined"]] == ["ascof-3c"]
    assert "measure.code_changed" not in codes(findings("-w", workspace))


def test_revised_figures_are_noted(workspace, tmp_path):
    perfcli("import", book(tmp_path, CLEAN, name="a.xlsx"), "-w", workspace)
    changed = [list(r) for r in CLEAN]
    changed[1][4] = "615.2k"
    perfcli("import", book(tmp_path, changed, name="b.xlsx"), "-w", workspace)
    found = one(findings("-w", workspace), "value.revised")
    assert (found["severity"], found["location"]) == ("info", "library-visits, 2023-24")


def test_import_refuses_errors_unless_forced_and_prints_warnings(workspace, tmp_path):
    bad = book(
        tmp_path, [["Local", "% of reviews", "High", "", "104.0%", "76.4%"]], name="bad.xlsx"
    )
    run = perfcli("import", bad, "-w", workspace, exit=1)
    assert "value.percent_range" not in run.stderr  # people see the message, not the code
    assert "is outside 0–100%" in run.stderr
    assert run.stderr.strip().splitlines()[-1].startswith("Error: 1 error found, nothing imported")
    assert "nothing imported yet" in error_line(perfcli("measures", "-w", workspace, exit=2))
    perfcli("import", bad, "-w", workspace, "--force")
    warn = book(
        tmp_path,
        [["Local", "Library visits", "High", "", "615.1k (2022/23)", "539.9k (2021/22)"]],
        name="warn.xlsx",
    )
    run = perfcli("import", warn, "-w", workspace)
    assert (
        "a figure for 2022/23 in the report for 2023/24" in run.stderr and "imported" in run.stdout
    )


def test_example_workspace_has_no_errors_and_no_false_warnings(example):
    import_all(example)
    found = findings("-w", example)
    # The one warning is true: seed 001 prints ▼ for ASCOF 2C although admissions fell (F46).
    assert [(f["code"], f["location"]) for f in found if f["severity"] != "info"] == [
        ("mark.disagrees", 'appendix-a-2025-26-q1.xlsx, sheet "Appendix A", cell F46')
    ]
    assert codes(found) == {
        "value.revised",  # the 2021/22 carers' surveys: 'Due March 2022' -> figures
        "mark.disagrees",
    }
    text = perfcli("validate", "-w", example, "--period", "2025-26-Q1").stdout
    assert "0 errors, 1 warning," in text


def test_json_findings_have_the_documented_shape(tmp_path):
    rows = [["Local", "Library visits", "High", "", None, "539.9k"]]
    data = json.loads(perfcli("validate", book(tmp_path, rows), "-f", "json").stdout)
    assert set(data) == {"findings", "summary"}
    assert set(data["findings"][0]) == {"severity", "code", "location", "message", "hint"}
    assert data["summary"] == {"error": 0, "warning": 1, "info": 0}


def test_import_shows_the_first_twenty_warnings_and_points_to_validate(workspace, tmp_path):
    rows = [
        ["Local", f"Measure {i}", "High", "", f"{i}.0k (2022/23)", f"{i}.0k (2021/22)"]
        for i in range(25)
    ]
    file = book(tmp_path, rows)
    checked = perfcli("validate", file, "-w", workspace)
    run = perfcli("import", file, "-w", workspace)
    assert run.stderr.count("a figure for 2022/23 in the report for 2023/24") == 20
    assert "20 of the 25 are listed (errors first); 'perfcli validate'" in run.stderr
    # The same count as validate's, of every finding, not of those listed.
    summary = next(line for line in checked.stdout.splitlines() if " errors, " in line)
    assert summary.startswith("0 errors, 25 warnings")
    assert summary in run.stderr.splitlines()


def test_import_lists_a_code_change_even_behind_twenty_other_warnings(workspace, tmp_path):
    """Seed 001's dashboard has two dozen warnings and four renumbered ASCOF measures: the
    'perfcli link' suggestions come first, since 'perfcli validate FILE' cannot repeat them."""
    sus = "% of SUs who find it easy to find information"
    old = appendix_workbook(
        tmp_path / "old.xlsx", [["ASCOF 3C", sus, "High", "", "61.8%", "60.0%"]],
        header=HEADER_2022_23,
    )  # fmt: skip
    perfcli("import", old, "-w", workspace)
    rows = [["Local", f"Measure {i}", "High", "", "TBC", f"{i}.0k"] for i in range(24)] + [
        ["ASCOF 3C1", sus, "High", "", "59.3%", "61.8%"]
    ]
    # "a-dashboard.xlsx, sheet …" sorts before "ascof-3c1, …": by place alone, it would be cut.
    new = book(tmp_path, rows, name="a-dashboard.xlsx")
    run = perfcli("import", new, "-w", workspace)
    assert "20 of the 25 are listed (errors first)" in run.stderr
    assert run.stderr.count("text instead of a figure") == 19
    assert "perfcli link ascof-3c ascof-3c1" in " ".join(run.stderr.split())
    listed = perfcli("validate", "-w", workspace, "-f", "json").stdout
    assert one(json.loads(listed)["findings"], "measure.code_changed")


def test_validate_files_never_speaks_of_imports(workspace, tmp_path):
    """Two files that give one figure different values: no import has happened to revise it."""
    first = book(tmp_path, [["Local", "Library visits", "High", "", "615.1k", "539.9k"]])
    second = tmp_path / "later.xlsx"
    first.rename(second)
    book(tmp_path, [["Local", "Library visits", "High", "", "615.1k", "540.0k"]])
    out = perfcli("validate", first, second, "-w", workspace).stdout
    assert "import" not in out.replace("import keeps", "")
    assert "the files give this figure different values" in out


def test_text_typed_for_a_figure_is_named_at_its_cell(tmp_path):
    rows = [["Local", "Library visits", "High", "545.3k Local target 2023/24", "abc", "539.9k"]]
    found = one(findings(book(tmp_path, rows)), "value.text")
    assert found["location"] == 'check.xlsx, sheet "Appendix A", cell E5'
    assert found["message"].endswith("text instead of a figure: 'abc'")


def test_what_reading_noticed_reaches_validate_and_import_whole(workspace, tmp_path):
    """A note is a finding from the moment the reader makes it: validate's JSON and CSV and
    import's warning give its location and message whole, even in a file whose name has
    ': ' in it, where cutting the words apart at the first ': ' once split the file name.
    (Seed 000's heritage row; the stray row is SYNTHETIC.)"""
    rows = [["Local", "Heritage visits", "High", "133.5k Local target 2023/24", "134.1k", "127.1k"],
            [None, None, "see note", "below"]]  # fmt: skip
    path = book(tmp_path, rows, name="Q4: heritage.xlsx")
    (note,) = [f for f in findings(path) if f["code"] == "file.note"]
    assert note == {
        "severity": "warning", "code": "file.note",
        "location": 'Q4: heritage.xlsx, sheet "Appendix A", row 6',
        "message": "ignored row starting 'see note'", "hint": None,
    }  # fmt: skip
    table = perfcli("validate", path, "-f", "csv").stdout.splitlines()
    assert table[0] == "severity,code,location,message,hint"
    assert 'warning,file.note,"Q4: heritage.xlsx, sheet ""Appendix A"", row 6",' in "\n".join(table)
    run = perfcli("import", path, "-w", workspace)
    warning = (
        "Warning: Q4: heritage.xlsx, sheet \"Appendix A\", row 6: ignored row starting 'see note'"
    )
    assert warning in run.stderr.splitlines()


def test_a_setting_is_found_in_perfcli_toml_not_in_the_file_checked(tmp_path, monkeypatch):
    """`validate FILE` names the file that brings a measure's figure, and perfcli.toml for a
    setting: the setting was once said to be in the workbook (`check.xlsx: perfcli.toml`)."""
    monkeypatch.chdir(tmp_path)
    perfcli("init", tmp_path)
    (tmp_path / "perfcli.toml").write_text("[measures.library-visit]\nsurvey = true\n")
    rows = [*CLEAN[1:], ["Local", "Heritage visits", "High", "", "", ""]]
    found = findings(book(tmp_path, rows))
    assert one(found, "settings.unknown_measure")["location"] == "perfcli.toml"
    assert one(found, "value.missing")["location"] == "check.xlsx: heritage-visits, 2023-24"


def test_validate_file_knows_the_measures_the_store_already_holds(example, tmp_path):
    # A fresh reader's false alarms: checking one new file against the example workspace said
    # each [measures.X] for a stored measure "names no imported measure" and suggested the file's
    # measure instead ("did you mean [measures.ascof-1c]?").
    perfcli("import", *sorted((example / "data").glob("*.xlsx")), "-w", example)
    rows = [
        ["ASCOF 1C", "Proportion of people who use services who have control over their daily life",
         "High", "", "77.0%", "76.0%"],
        ["ASCOF 2A", "Permanent admissions to care (aged 18-64) per 100,000 population", "Low",
         "", "13.7 per 100k Pop.", "14.6 per 100k Pop."],
    ]  # fmt: skip
    file = book(tmp_path, rows)
    assert not [f for f in findings(file, "-w", example) if f["code"] == "settings.unknown_measure"]
    # A setting that names nothing held, in the store or the file, is still found.
    config = example / "perfcli.toml"
    config.write_text(config.read_text() + '\n[measures.ascof-1cc]\naim = "high"\n')
    found = [f for f in findings(file, "-w", example) if f["code"] == "settings.unknown_measure"]
    assert [(f["location"], f["hint"]) for f in found] == [
        (
            "perfcli.toml",
            "did you mean [measures.ascof-1c]? (a measure of a file not imported yet"
            " is found once it is)",
        )
    ]


def test_findings_are_listed_in_reading_order_not_text_order(tmp_path):
    """A trial's validate listed F11 before F6 (ordered as text). Seed 000's heritage row
    repeated under SYNTHETIC names, three with the seed's `2023/34` typo."""
    rows = []
    for n in range(7):
        target = "133.5k Local target 2023/34" if n in (1, 4, 6) else "133.5k Local target 2023/24"
        rows.append(
            ["Local", f"Heritage visits {n} (SYNTHETIC)", "High", target, "134.1k", "127.1k"]
        )
    path = book(tmp_path, rows, name="order.xlsx")
    run = perfcli("validate", path, exit=1)
    cells = re.findall(r"cell (D\d+)", run.stdout)
    assert cells == ["D6", "D9", "D11"]


def test_a_reversing_character_is_named_at_its_cell_in_a_tidy_table_too(tmp_path):
    """A direction control is warned of wherever it is typed, not only in Appendix A's rows: a
    tidy table's description and its comparator (SYNTHETIC figures)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Figures"
    sheet.append(["Measure", "Description", "Aim", "Period", "Value", "Comparator"])
    sheet.append(
        ["Local", "Library visits \u202e(SYNTHETIC)", "High", "2023-24", 100, "95 Local target"]
    )
    sheet.append(["Local", "Library visits \u202e(SYNTHETIC)", "High", "2022-23", 90, "\u2067 90"])
    path = tmp_path / "tidy.xlsx"
    book.save(path)
    found = json.loads(perfcli("validate", path, "-f", "json").stdout)["findings"]
    warned = [f["location"] for f in found if "reorders the text" in f["message"]]
    assert warned == [f'tidy.xlsx, sheet "Figures", cell {ref}' for ref in ("B2", "B3", "F3")]


def test_a_figure_typed_with_a_slip_is_refused_at_its_cell_and_a_scale_in_words_is_read(tmp_path):
    """A fresh trial's typed dashboard (seed 000's library figures, typed with slips): validate
    had passed all three, and rate had rated 615.1 visits and 8 loans red."""
    rows = [
        ["Local", "Library visits", "High", "545.3k Local target 2023/24", "615.1kk", "539.9k"],
        ["Local", "Junior loans", "High", "802.9k Local target 2023/24", "8l3.3k", "805.3k"],
        ["Local", "E-loans", "High", "880.8k Local target 2023/24", "1,006.6 thousand", "908.0k"],
    ]  # fmt: skip
    found = findings(book(tmp_path, rows), exit=1)
    errors = {f["location"]: f["message"] for f in found if f["severity"] == "error"}
    assert errors == {
        'check.xlsx, sheet "Appendix A", cell E5': "cannot read '615.1kk': unexpected 'kk' joined to the number",
        'check.xlsx, sheet "Appendix A", cell E6': "cannot read '8l3.3k': unexpected 'l3.3k' joined to the number",
    }  # fmt: skip
    rated = json.loads(perfcli("rate", tmp_path / "check.xlsx", "--force", "-f", "json").stdout)
    e_loans = next(m for m in rated["measures"] if m["id"] == "e-loans")
    assert (e_loans["value"], e_loans["rating"]) == (1_006_600, "better")


def test_init_s_blank_workbook_beside_a_dashboard_is_a_warning_as_import_says(tmp_path):
    """`validate data/*.xlsx` in a fresh workspace had called init's empty appendix-a.xlsx an
    error (exit 1) where `import data/*.xlsx` passes it over with a warning (exit 0)."""
    ws = tmp_path / "ws"
    perfcli("init", ws)
    dashboard = book(tmp_path, CLEAN, name="dash.xlsx")
    files = [ws / "data" / "appendix-a.xlsx", dashboard]
    found = findings(*files, "-w", ws)
    [blank] = [f for f in found if "holds no measures" in f["message"]]
    assert blank["severity"] == "warning" and blank["message"].endswith("; nothing read from it")
    assert codes(found) == {"file.note"}
    imported = perfcli("import", *files, "-w", ws)
    assert "holds no measures" in imported.stderr
    alone = findings(files[0], "-w", ws, exit=1)
    assert [f["severity"] for f in alone] == ["error"]


def test_a_reversing_character_inside_a_figure_or_a_heading_is_read_without_it(tmp_path):
    """A fresh trial: `7<U+202E>15.1k` had been read as 7 and words, and rated red, and a
    heading `Measure<U+202E>` as no heading, while the warning said it was left out. Seed 000's
    library visits (615.1k typed as 715.1k, to tell the two readings apart)."""
    rows = [["Local", "Library visits", "High", "545\u202e.3k Local target 2023/24", "7\u202e15.1k", "539.9k"]]  # fmt: skip
    header = ["Measure\u202e", *HEADER[1:]]
    path = book(tmp_path, rows, header=header)
    found = findings(path)
    warned = sorted(f["location"] for f in found if "reorders the text" in f["message"])
    assert warned == [f'check.xlsx, sheet "Appendix A", cell {ref}' for ref in ("A4", "D5", "E5")]
    rated = json.loads(perfcli("rate", path, "-f", "json").stdout)["measures"][0]
    assert (rated["value"], rated["comparator"]["value"], rated["rating"]) == (
        715_100,
        545_300,
        "better",
    )


def test_a_year_end_previous_more_than_a_year_back_is_warned(tmp_path):
    """A re-check: with previous = "year-end" set, a Q1 2025/26 figure beside 2023/24 (not
    2024/25) was rated "improved" against it, unwarned."""
    ws = tmp_path / "ws"
    perfcli("init", ws)
    toml = ws / "perfcli.toml"
    toml.write_text(toml.read_text() + '\n[measures.pct-of-loans-online]\nprevious = "year-end"\n')
    rows = [["Local", "% of loans online", "High", "", "33.0%", "31.0%"]]  # a share
    header = [*HEADER[:4], "2025/26 Q1 Performance", "2023/24 Performance"]
    found = one(findings(book(tmp_path, rows, header=header), "-w", ws), "period.unlike")
    assert found["message"] == (
        "2025/26 Q1 is compared with 2023/24's year-end, not the last year-end, 2024/25"
    )
    header = [*HEADER[:4], "2025/26 Q1 Performance", "2024/25 Performance"]
    assert "period.unlike" not in codes(findings(book(tmp_path, rows, header=header), "-w", ws))


def test_a_quarter_s_count_against_a_year_end_is_warned(tmp_path):
    """A third trial: with previous = "year-end", Q1's 196.4k visits were "not as good" than
    2024/25's 615.1k, unwarned: a quarter's sum against a year's."""
    ws = tmp_path / "ws"
    perfcli("init", ws)
    toml = ws / "perfcli.toml"
    toml.write_text(toml.read_text() + '\n[measures.library-visits]\nprevious = "year-end"\n')
    rows = [["Local", "Library visits", "High", "", "196.4k", "615.1k"]]
    header = [*HEADER[:4], "2025/26 Q1 Performance", "2024/25 Performance"]
    found = one(findings(book(tmp_path, rows, header=header), "-w", ws), "period.unlike")
    assert found["message"] == (
        "2025/26 Q1's count is compared with the whole of 2024/25's, which is not like for like"
    )


def test_a_negative_figure_in_brackets_is_read_and_a_minus_after_one_is_refused(tmp_path):
    """A trial's (SYNTHETIC figures): -123 in Excel's `#,##0;(#,##0)` shows `(123)`, and was
    "text instead of a figure", unrated; `1,234-` typed was read as 1,234, unwarned."""
    rows = [
        ["Local", "Budget variance (SYNTHETIC)", "High", "£0.0m Local target 2023/24", -123, -100],
        ["Local", "Second variance (SYNTHETIC)", "High", "£0.0m Local target 2023/24", "1,234-",
         "(1,000)"],
    ]  # fmt: skip
    book = appendix_workbook(tmp_path / "variances.xlsx", rows,
                             formats={"E5": "#,##0;(#,##0)", "F5": "#,##0;(#,##0)"})  # fmt: skip
    found = perfcli("validate", book, "-f", "json", exit=1)
    errors = [f for f in json.loads(found.stdout)["findings"] if f["severity"] == "error"]
    assert [(f["location"], f["message"]) for f in errors] == [(
        'variances.xlsx, sheet "Appendix A", cell E6',
        "cannot read '1,234-': unexpected '-' after the number: a minus after a figure, as some"
        " ledgers print a negative one",
    )]  # fmt: skip
    rated = json.loads(perfcli("rate", book, "--force", "-f", "json",
                               env={"PERFCLI_WORKSPACE": ""}).stdout)  # fmt: skip
    first, second = rated["measures"]
    assert (first["value"], first["value_text"], first["previous_value"]) == (-123, "(123)", -100)
    assert (second["value"], second["previous_value"]) == (None, -1000)
