"""The Appendix A importer on its own: a workbook in, measures, figures and lines out."""

from __future__ import annotations

import pytest

from perfcli.domain.comparator_types import BandComparator, TargetComparator
from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim
from perfcli.domain.records import Place
from perfcli.errors import InputError
from perfcli.importers import read_file
from perfcli.importers.measures import Context
from tests.conftest import appendix_workbook

# Seed 000 (2023/24 dashboard), three rows as printed (no ID column, codes as printed).
ROWS = [
    ["PREVENT NEED"],
    ["Local", "% of sequels that 'Prevent Need'", "Target Band Width",
     "55% - 60% Local target 2023/24", "49.2%", "56.7%"],
    ["Local", "Heritage visits", "High", "133.5k Local target 2023/24", "134.1k", "127.1k"],
    ["DELAY NEED"],
    ["ASCOF 2A", "% of people who had no need for ongoing services following reablement", "High",
     "77.5% 22/23 Nat. Ave", "89.6%", "87.8%"],
]  # fmt: skip


def test_rows_become_measures_figures_and_lines(tmp_path):
    batch = read_file(appendix_workbook(tmp_path / "dash.xlsx", ROWS), Context())
    assert list(batch.measures) == ["pct-of-sequels-that-prevent-need", "heritage-visits",
                                    "ascof-2a"]  # fmt: skip
    band = batch.measures["pct-of-sequels-that-prevent-need"]
    assert (band.aim, band.unit, band.section) == (Aim.BAND, Unit.PERCENT, "Prevent Need")
    figures = {(o.measure_id, o.period): (o.value, cell) for o, cell in batch.observations}
    assert figures[("heritage-visits", "2023-24")] == (134100.0, Place("Appendix A", "E7"))
    assert figures[("ascof-2a", "2022-23")] == (87.8, Place("Appendix A", "F9"))
    lines = {line.measure_id: line for line in batch.lines}
    assert isinstance(lines["pct-of-sequels-that-prevent-need"].comparator, BandComparator)
    target = lines["heritage-visits"].comparator
    assert isinstance(target, TargetComparator) and target.value == 133500
    assert lines["ascof-2a"].section == "Delay Need"
    assert {line.report_period for line in batch.lines} == {"2023-24"}


def test_an_alias_in_the_context_names_the_measure(tmp_path):
    ctx = Context(aliases={"heritage visits": "heritage"})
    batch = read_file(appendix_workbook(tmp_path / "dash.xlsx", ROWS), ctx)
    assert "heritage" in batch.measures and "heritage-visits" not in batch.measures


def test_what_reading_passes_over_is_a_note_located_as_a_value(tmp_path):
    """A stray row and a hidden row (SYNTHETIC rows, seed 000's layout) are `file.note`
    findings from the moment they are noticed: the row is a number, not words to split."""
    from openpyxl import load_workbook

    from perfcli.domain.findings import Finding, Severity
    from perfcli.location import Location

    rows = [ROWS[2], [None, None, "see note", "below"], ROWS[4]]
    path = appendix_workbook(tmp_path / "Q1: dash.xlsx", rows)
    workbook = load_workbook(path)
    workbook["Appendix A"].row_dimensions[7].hidden = True
    workbook.save(path)
    batch = read_file(path, Context())
    assert list(batch.measures) == ["heritage-visits"]
    assert batch.warnings == [
        Finding(Severity.WARNING, "file.note", Location("Q1: dash.xlsx", "Appendix A"),
                "hidden row 7 not read (--include-hidden reads them)"),
        Finding(Severity.WARNING, "file.note", Location("Q1: dash.xlsx", "Appendix A", row=6),
                "ignored row starting 'see note'"),
    ]  # fmt: skip
    assert [note.where for note in batch.warnings] == [
        'Q1: dash.xlsx, sheet "Appendix A"', 'Q1: dash.xlsx, sheet "Appendix A", row 6',
    ]  # fmt: skip


def test_footnote_marks_give_each_marked_row_its_notes(tmp_path):
    # Seed 000 marks rows with superscripts and explains them below the table.
    rows = [
        *ROWS,
        ["ASCOF 1A¹", "Social care-related quality of life score", "High",
         "19.0 22/23 Nat. Ave", "19.1", "19.0"],
        ["Local", "Library visits²", "High", "1.2m Local target 2023/24", "1.1m", "1.0m"],
        ["¹ Survey results are published in the autumn."],
        ["² Counted at the door."],
    ]  # fmt: skip
    batch = read_file(appendix_workbook(tmp_path / "dash.xlsx", rows), Context())
    notes = {line.measure_id: line.footnotes for line in batch.lines}
    assert notes["ascof-1a"] == ["Survey results are published in the autumn."]
    assert notes["library-visits"] == ["Counted at the door."]
    assert notes["heritage-visits"] == []


def test_a_text_repeated_down_a_column_is_read_for_each_row_and_column(tmp_path):
    # SYNTHETIC figures in seed 001's wording: every row repeats the rate's words, and each
    # column's text names its own period; a text read once must still be filed per column.
    rows = [
        ["Local", f"Admissions rate {n} per 100,000 pop.", "Low", "13.3 per 100k pop. 22/23 Nat. Ave",
         "13.3 per 100k Pop. Actual 56 Admissions in 23/24",
         "13.3 per 100k Pop. Actual 56 Admissions in 22/23"]
        for n in range(3)
    ] + [["Local", "Waiting at month end", "Low", "", "50 (Apr-Nov)", "50 (Apr-Nov)"]]  # fmt: skip
    batch = read_file(appendix_workbook(tmp_path / "dash.xlsx", rows), Context())
    filed = {
        (o.measure_id, o.period): (o.value, o.count, cell.cell) for o, cell in batch.observations
    }
    for n, row in enumerate(range(5, 8)):
        mid = f"admissions-rate-{n}-per-100-000-pop"
        assert filed[(mid, "2023-24")] == (13.3, 56, f"E{row}")
        assert filed[(mid, "2022-23")] == (13.3, 56, f"F{row}")
    assert filed[("waiting-at-month-end", "2023-24-apr-nov")][2] == "E8"
    assert filed[("waiting-at-month-end", "2022-23-apr-nov")][2] == "F8"


def test_a_text_read_once_is_one_frozen_value_and_an_error_is_each_cells_own(tmp_path):
    # SYNTHETIC rows repeating one comparator down the column, and an unreadable figure twice.
    rows = [
        ["Local", f"Visits {n}", "High", "133.5k Local target 2023/24", "134.1k", "12 34"]
        for n in range(2)
    ]
    batch = read_file(appendix_workbook(tmp_path / "dash.xlsx", rows), Context())
    first, second = (line.comparator for line in batch.lines)
    assert first is second
    with pytest.raises(AttributeError, match="immutable"):
        first.value = 0
    assert [(p.error.cell, p.action) for p in batch.problems] == [
        ("F5", "figure not imported"),
        ("F6", "figure not imported"),
    ]


def test_a_heading_typed_again_lower_down_is_the_heading_from_there_on(tmp_path):
    # SYNTHETIC rows: the heading is typed again in capitals, padded, with its performance
    # columns the other way round; a description that mentions its description is no heading.
    again = ["Measure", "  INDICATOR DESCRIPTION ", "Aim", "Comparator",
             "2022/23 Performance", "2023/24 Performance"]  # fmt: skip
    rows = [
        ["Local", "Visits (description as before)", "High", "", "10", "9"],
        again,
        ["Local", "Contacts", "High", "", "7", "8"],
    ]
    batch = read_file(appendix_workbook(tmp_path / "dash.xlsx", rows), Context())
    figures = {(o.measure_id, o.period): (o.value, cell) for o, cell in batch.observations}
    assert figures[("visits-description-as-before", "2023-24")] == (
        10.0, Place("Appendix A", "E5"),
    )  # fmt: skip
    assert figures[("contacts", "2023-24")] == (8.0, Place("Appendix A", "F7"))
    assert figures[("contacts", "2022-23")] == (7.0, Place("Appendix A", "E7"))


def test_rows_of_one_heading_filed_differently_keep_their_own_periods(tmp_path):
    # SYNTHETIC rows: a row's Basis column files its figures as snapshots, between rows filed
    # as the year; the rows alike are filed alike, whichever came first.
    header = ["Measure", "Description", "Aim", "Basis", "2023/24 Performance",
              "2022/23 Performance"]  # fmt: skip
    rows = [
        ["Local", "Visits", "High", "", "10", "9"],
        ["Local", "Waiting", "Low", "snapshot", "50", "40"],
        ["Local", "Contacts", "High", "", "7", "8"],
        ["Local", "Waiting list", "Low", "snapshot", "", "41"],
    ]
    batch = read_file(appendix_workbook(tmp_path / "dash.xlsx", rows, header=header), Context())
    periods = {line.measure_id: (line.current_period, line.previous_period) for line in batch.lines}
    assert periods["visits"] == periods["contacts"] == ("2023-24", "2022-23")
    assert periods["waiting"] == periods["waiting-list"] == ("2024-03-31", "2023-03-31")
    assert {o.period for o, _ in batch.observations if o.measure_id == "waiting"} == set(
        periods["waiting"]
    )


def _titled(path, titles: list[str], current: str, previous: str):
    """Seed 000's shape typed under the title rows given: a year's two Performance columns."""
    from openpyxl import Workbook

    from tests.typed_seeds import Typed

    wb = Workbook()
    ws = wb.active
    ws.title = "Appendix A"
    s = Typed(ws, ["Measure", "Description", "Aim", "Rating", "Progress",
                   f"{current} Performance", f"{previous} Performance"])  # fmt: skip
    for title in titles:
        s.row(title)
    s.head()
    s.row("Local", "Heritage visits", "High", "133.5k Local target 2023/24", "▲", "134.1k", "127.1k")  # fmt: skip
    s.row("ASCOF 2A", "% of people who had no need for ongoing services following reablement", "High", "77.5% 22/23 Nat. Ave", "▲", "89.6%", "87.8%")  # fmt: skip
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("titles", "current", "previous", "report", "heritage"),
    [
        # A new user's subtitle: the year's position at its end is the year (seed 002's title).
        (["Adults and Communities Performance 2023/24", "Position at March 2024"],
         "2023/24", "2022/23", "2023-24", ("2023-24", "2022-23")),
        (["PERFORMANCE REPORT 2023/24 – POSITION AT MARCH 2024"],
         "2023/24", "2022/23", "2023-24", ("2023-24", "2022-23")),
        (["Adults and Communities Performance 2023/24", "End of March 2024"],
         "2023/24", "2022/23", "2023-24", ("2023-24", "2022-23")),
        # A position within the year is the year to then (seed 003's title; seed 001's quarter).
        (["PERFORMANCE REPORT 2021/22 – POSITION AT NOVEMBER 2021"],
         "2021/22", "2020/21", "2021-22-apr-nov", ("2021-22-apr-nov", "2020-21-apr-nov")),
        (["Adults and Communities Performance 2025/26", "Position at June 2025"],
         "2025/26", "2024/25", "2025-26-Q1", ("2025-26-Q1", "2024-25-Q1")),
        (["Adults and Communities Performance 2025/26 April to June 2025"],
         "2025/26", "2024/25", "2025-26-Q1", ("2025-26-Q1", "2024-25-Q1")),
    ],
)  # fmt: skip
def test_the_report_period_is_read_from_the_title_and_the_column(
    tmp_path, titles, current, previous, report, heritage
):
    batch = read_file(_titled(tmp_path / "dash.xlsx", titles, current, previous), Context())
    assert batch.problems == []
    assert {line.report_period for line in batch.lines} == {report}
    visits = next(line for line in batch.lines if line.measure_id == "heritage-visits")
    assert (visits.current_period, visits.previous_period) == heritage
    figures = {
        o.period: o.value for o, _ in batch.observations if o.measure_id == visits.measure_id
    }
    assert figures == {heritage[0]: 134100.0, heritage[1]: 127100.0}


def test_a_position_the_column_does_not_hold_is_the_title_that_disagrees(tmp_path):
    path = _titled(tmp_path / "dash.xlsx", ["Adults and Communities Performance",
                                            "Position at March 2025"], "2023/24", "2022/23")  # fmt: skip
    batch = read_file(path, Context())
    [problem] = batch.problems
    assert problem.error.message == (
        "the title 'Position at March 2025' (cell A2) says End of March 2025, but the column"
        " heading '2023/24 Performance' says 2023/24"
    )
    assert problem.action == "read as 2023/24, the column's period"
    assert {line.report_period for line in batch.lines} == {"2023-24"}


# Seed 001's library visits (April to June 2025 against 2024), under the headings an officer
# might give a quarter's figure columns without the word Performance.
VISITS = ["Local", "Library visits", "High", "195.0k Local Q1 Milestone", "196.4k", "155.1k"]


@pytest.mark.parametrize(
    "headings",
    [
        ["Q1 2025/26", "Q1 2024/25"],
        ["2025/26 Q1", "2024/25 Q1"],
        ["Apr-Jun 2025", "Apr-Jun 2024"],
        ["April to June 2025", "April to June 2024"],
        ["2025/26 Q1 Performance", "2024/25 Q1 Performance"],
    ],
)
def test_a_heading_that_is_a_quarter_alone_heads_its_figures(tmp_path, headings):
    header = ["Measure", "Description", "Aim", "Comparator", *headings]
    path = appendix_workbook(tmp_path / "q1.xlsx", [VISITS], header=header, title_rows=0)
    batch = read_file(path, Context())
    assert batch.problems == []
    (line,) = batch.lines
    assert (line.report_period, line.current_period, line.previous_period) == (
        "2025-26-Q1", "2025-26-Q1", "2024-25-Q1",
    )  # fmt: skip
    assert {o.period: o.value for o, _ in batch.observations} == {
        "2025-26-Q1": 196400.0, "2024-25-Q1": 155100.0,
    }  # fmt: skip


def test_a_mistyped_period_heading_is_named_not_passed_over(tmp_path):
    """`2025/36` over this year's figures had been no heading at all: last year's column was
    read as the current one, and the file imported without a word. A typo with one reading is
    a problem read as meant (import refuses it without --force); one with none refuses the file."""
    header = ["Measure", "Description", "Aim", "Comparator", "2025/36", "2024/25 Q1"]
    path = appendix_workbook(tmp_path / "typo.xlsx", [VISITS], header=header, title_rows=0)
    batch = read_file(path, Context())
    (problem,) = batch.problems
    assert problem.error.cell == "E1" and problem.action == "read as '2025/26'"
    assert problem.error.message.startswith(
        "column heading '2025/36': '2025/36' is not a period: a financial year runs"
    )
    assert {o.period for o, _ in batch.observations} == {"2025-26", "2024-25-Q1"}
    header[4] = "Q5 2025/26"
    path = appendix_workbook(tmp_path / "q5.xlsx", [VISITS], header=header, title_rows=0)
    with pytest.raises(InputError) as refused:
        read_file(path, Context())
    assert refused.value.cell == "E1" and refused.value.message.startswith(
        "column heading 'Q5 2025/26': 'Q5 2025/26' is not a period: Q5 does not exist"
    )


def test_a_bare_number_heads_no_figures(tmp_path):
    header = ["Measure", "Description", "Aim", "Comparator", "2025", "2024/25 Q1"]
    path = appendix_workbook(tmp_path / "year.xlsx", [VISITS], header=header, title_rows=0)
    (line,) = read_file(path, Context()).lines
    assert (line.current_period, line.previous_period) == ("2024-25-Q1", None)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("ascof 2a", "ASCOF 2A"), ("Ascof 1c(1a)", "ASCOF 1C(1A)"),
        # A trial: `ASCOF2E` typed in one dashboard and `ASCOF 2E` in another were two measures.
        ("ASCOF2B", "ASCOF 2B"), ("ASCOF-2B", "ASCOF 2B"), ("ascof_2b", "ASCOF 2B"),
        ("ASCOF  2B", "ASCOF 2B"), ("ASCOF1C pt 2a", "ASCOF 1C pt 2a"),
        ("ASCOF 3D pt 1", "ASCOF 3D pt 1"),  # seed 003 prints `pt` so
        ("local", "Local"), ("LOCAL", "Local"), ("ASCOF 2D <i>*BCF*</i>", "ASCOF 2D"),
    ],
)  # fmt: skip
def test_a_code_typed_in_another_case_is_printed_as_the_framework_prints_it(typed, code):
    from perfcli.importers.measures import clean_code

    assert clean_code(typed)[0] == code
