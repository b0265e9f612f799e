"""A quarter's report drafted at its real date (`report_date`, July 2025): an academic year's
figure is the position so far, never refused as a figure from the future; a figure filed as a
quarter against an academic year's comparator is warned of; and an owner's return is judged by
the same report date as the import's checks. Figures from seed 001 (April to June 2025)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import docx
from openpyxl import Workbook

from tests.conftest import error_line, perfcli, unwrapped

LALS = ("Local", "Leicestershire Adult Learning Service (LALS) Success Rate", "High",
        "84.0% Local Target 2024/25 (Academic year)", "84.8%", "85.8%")  # fmt: skip
WORKSHOPS = ("Local", "Attendances at Creative Learning Service workshops", "High",
             "20.0k Local Milestone Jun-25 (Academic year)", "21.6k", "22.1k")  # fmt: skip
VISITS = ("Local", "Heritage sites visits", "High", "", "39.1k", "41.0k")


def dashboard(path: Path) -> Path:
    """Seed 001's rows as an officer types them: no ID column, codes as printed."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "Appendix A"
    ws.append(["Adults and Communities Performance 2025/26 April to June 2025"])
    ws.append([])
    ws.append(["Measure", "Description", "Aim", "Comparator", "2025/26 Performance",
               "2024/25 Performance"])  # fmt: skip
    ws.append(["GREAT COMMUNITIES"])
    for row in (LALS, WORKSHOPS, VISITS):
        ws.append(list(row))
    workbook.save(path)
    return path


def workspace(root: Path, *settings: str) -> Path:
    perfcli("init", root / "ws", "--council", "Leicestershire County Council")
    config = root / "ws" / "perfcli.toml"
    text = config.read_text().replace(
        "[workspace]\n", '[workspace]\nreport_date = "2025-07-20"\n', 1
    )
    config.write_text(text + "".join(settings))
    return root / "ws"


def typed_q1(
    path: Path, *rows: list[object], columns: tuple[str, str] = ("2025/26", "2024/25")
) -> Path:
    """Seed 001's quarter typed as an officer types it: a title, a header, the rows."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = "Appendix A"
    ws.append(["Adults and Communities Performance 2025/26 April to June 2025"])
    ws.append(["Measure", "Description", "Aim", "Comparator",
               *(f"{column} Performance" for column in columns)])  # fmt: skip
    for row in rows:
        ws.append(row)
    workbook.save(path)
    return path


def quarters_returns_made(example: Path) -> None:
    """The example workspace at 20 July 2025, seed 001's quarter imported, its returns made."""
    from tests.cli.test_example import import_all

    config = example / "perfcli.toml"
    config.write_text(
        config.read_text().replace("[workspace]\n", '[workspace]\nreport_date = "2025-07-20"\n', 1)
    )
    import_all(example)
    perfcli("returns", "make", "--period", "2025-26-Q1", "--due", "2025-07-15", "-w", example)


ACADEMIC = '\n[measures.lals-success-rate]\nbasis = "academic_year"\n'


def test_an_academic_year_in_progress_is_the_position_so_far(tmp_path):
    ws = workspace(tmp_path, ACADEMIC)
    # Refused before: the academic year 2024/25 (to August 2025) had not ended by 20 July 2025.
    imported = perfcli("import", dashboard(tmp_path / "q1.xlsx"), "-w", ws)
    assert "not ended" not in imported.stdout + imported.stderr
    out = json.loads(perfcli("rate", "-w", ws, "-p", "2025-26-Q1", "-f", "json").stdout)
    lals = next(m for m in out["measures"] if m["description"].startswith("Leicestershire Adult"))
    assert (lals["period"], lals["value_text"]) == ("AY2024-25", "84.8%")
    report = tmp_path / "q1.docx"
    perfcli("draft-report", "-c", "adults", "-p", "2025-26-Q1", "-w", ws, "-o", report)
    text = "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
    # Beside the same point a year before (the quarter's previous column), as seed 002 says it.
    assert "stood at 84.8% so far in the 2024/25 academic year, down 1.0 percentage point from" \
        " 85.8% at the same point in the 2023/24 academic year" in text  # fmt: skip
    # A quarter's figure is the quarter's: not "so far".
    assert "21,600 in April to June 2025" in text
    assert "so far in April" not in text


def test_a_quarter_against_an_academic_years_comparator_is_warned_of(tmp_path):
    ws = workspace(tmp_path, ACADEMIC)
    perfcli("import", dashboard(tmp_path / "q1.xlsx"), "-w", ws)
    found = json.loads(perfcli("validate", "-w", ws, "-f", "json").stdout)
    academic = [f for f in found["findings"] if f["code"] == "period.academic"]
    assert [(f["location"], f["message"]) for f in academic] == [(
        "attendances-at-creative-learning-service-workshops, 2025-26-Q1",
        "the comparator is for an academic year ('20.0k Local Milestone Jun-25 (Academic year)'),"
        " but the figure is filed for 2025/26 Q1",
    )]  # fmt: skip
    assert 'basis = "academic_year"' in academic[0]["hint"]


def test_a_figure_for_a_year_not_begun_is_still_refused(tmp_path):
    # A slip for 2024/25: a year not begun by the end of the report's quarter (June 2025).
    ws = workspace(tmp_path)
    path = tmp_path / "q1.xlsx"
    dashboard(path)
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["Appendix A"]
    sheet.append(["Local", "Library visits", "High", "", "1.2m (2026/27)", "1.1m"])
    book.save(path)
    refused = perfcli("import", path, "-w", ws, exit=1)
    assert "'1.2m (2026/27)' is for 2026/27, which has not ended by 20 July 2025" in unwrapped(
        refused.stdout + refused.stderr
    )


def test_a_return_is_judged_by_the_report_date_as_the_import_is(example: Path) -> None:
    from tests.cli.test_example import import_all
    from tests.cli.test_returns import LIBRARIES, fill

    import_all(example)
    config = example / "perfcli.toml"
    config.write_text(
        config.read_text().replace("[workspace]\n", '[workspace]\nreport_date = "2025-06-20"\n', 1)
    )
    made = perfcli(
        "returns", "make", "--period", "2025-26-Q1", "--due", "2025-07-15", "-w", example
    )
    assert "2025/26 Q1 has not ended (it ends 30 June 2025)" in unwrapped(made.stdout + made.stderr)
    # Due on 15 July: at the report date of 20 June, none is overdue (by today, all were).
    status = unwrapped(perfcli("returns", "status", "-w", example).stdout)
    assert "overdue" not in status
    path = example / "returns" / "2025-26-Q1" / "libraries.xlsx"
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["Return"]
    row = next(n for n in range(5, sheet.max_row + 1) if sheet.cell(n, 2).value == "Library visits")
    # Not asked for (its cell locked, its forecast asked instead); typed through the protection:
    assert sheet.cell(row, 11).protection.locked
    assert sheet.cell(row, 10).value == "2025/26 Q1 has not ended: give its year-end forecast"
    sheet.cell(row, 11).value = LIBRARIES["Library visits"][0]
    book.save(path)
    fill(path, {})
    refused = perfcli("import", path, "-w", example, exit=1)
    said = unwrapped(refused.stdout + refused.stderr)
    # At its cell, with when to type it: the import's checks judge by the same date.
    assert "a figure for 2025/26 Q1, which has not ended by 20 June 2025" in said
    assert "type it once 2025/26 Q1 has ended (30 June 2025)" in said


def test_a_formulas_error_and_a_reversing_character_never_reach_the_committee_as_typed(
    tmp_path: Path,
) -> None:
    ws = workspace(tmp_path)
    path = dashboard(tmp_path / "q1.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["Appendix A"]
    sheet["E7"] = "#DIV/0!"  # heritage visits: an error cell, as Excel saves a failed formula
    sheet["B6"] = (
        "Attendances at Creative \u202eLearning Service workshops"  # right-to-left override
    )
    book.save(path)
    imported = json.loads(perfcli("import", path, "-w", ws, "-f", "json").stdout)
    notes = [note for file in imported["files"] for note in file["notes"]]
    [override] = [f for f in notes if "reorders the text" in f["message"]]
    assert override["location"] == 'q1.xlsx, sheet "Appendix A", cell B6'
    found = json.loads(perfcli("validate", "-w", ws, "-f", "json").stdout)["findings"]
    error = next(f for f in found if f["code"] == "value.error")
    assert error["location"] == 'q1.xlsx, sheet "Appendix A", cell E7'
    assert (
        error["message"]
        == "heritage-sites-visits, 2025-26-Q1: a spreadsheet error instead of a figure: '#DIV/0!'"
    )
    report = tmp_path / "q1.docx"
    drafted = perfcli("draft-report", "-c", "adults", "-p", "2025-26-Q1", "-w", ws, "-o", report)
    # The proof-reader names the error Appendix A prints as the dashboard did.
    assert "spreadsheet error left in: #DIV/0!" in unwrapped(drafted.stdout + drafted.stderr)
    document = docx.Document(str(report))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "There is no figure yet for heritage sites visits in the first quarter of 2025/26 (its" \
        " cell in the workbook shows an error)." in text  # fmt: skip
    assert "#DIV/0!" not in text
    import zipfile

    with zipfile.ZipFile(report) as archive:
        body = archive.read("word/document.xml").decode()
    assert "\u202e" not in body and "Attendances at Creative Learning Service workshops" in body


def test_the_report_date_may_be_written_as_a_toml_date(tmp_path: Path) -> None:
    # As meeting_dates may: `report_date = 2025-07-20`, unquoted, was "Input should be a valid string".
    ws = workspace(tmp_path, ACADEMIC)
    config = ws / "perfcli.toml"
    config.write_text(
        config.read_text().replace('report_date = "2025-07-20"', "report_date = 2025-07-20")
    )
    path = dashboard(tmp_path / "q1.xlsx")
    book = __import__("openpyxl").load_workbook(path)
    book["Appendix A"].append(["Local", "Library visits", "High", "", "1.2m (2026/27)", "1.1m"])
    book.save(path)
    refused = perfcli("import", path, "-w", ws, exit=1)
    assert "which has not ended by 20 July 2025" in unwrapped(refused.stdout + refused.stderr)


def test_an_empty_or_damaged_workbook_says_what_to_do(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "damaged.xlsx").write_bytes(b"PK\x03\x04" + b"garbage" * 20)
    empty = perfcli("import", tmp_path / "empty.xlsx", "-w", ws, exit=1)
    assert unwrapped(empty.stderr + empty.stdout).startswith(
        "Error: empty.xlsx: is empty (0 bytes): a save that did not finish"
    )
    damaged = unwrapped(perfcli("import", tmp_path / "damaged.xlsx", "-w", ws, exit=1).stderr)
    assert "damaged.xlsx: is not an Excel workbook (.xlsx) or is damaged" in damaged
    assert "BadZipFile" not in damaged and "save it as an Excel workbook (.xlsx)" in damaged
    # Together, each is listed (the first had hidden the rest), and nothing is imported.
    both = perfcli("import", tmp_path / "damaged.xlsx", tmp_path / "empty.xlsx", "-w", ws, exit=1)
    said = unwrapped(both.stdout + both.stderr)
    assert "Error: 2 errors found, nothing imported" in said and "empty.xlsx" in said
    assert not (ws / "perfcli.db").exists()


def test_a_financial_years_actual_in_a_quarters_report_is_still_a_figure_from_the_future(tmp_path):
    # Seed 001's ASCOF 2B printed a forecast for 2025/26; typed as an actual, at 20 July 2025 it
    # cannot be one. Only an academic year's figure, as its basis files it, is the position so far.
    ws = workspace(tmp_path, ACADEMIC)
    path = dashboard(tmp_path / "q1.xlsx")
    book = __import__("openpyxl").load_workbook(path)
    book["Appendix A"].append(["ASCOF 2B", "Permanent admissions to care (aged 18-64) per 100,000 pop.",
                               "Low", "15.2 per 100k pop. 23/24 Nat. Ave",
                               "14.3 per 100k Pop. Actual 62 Admissions in 25/26",
                               "14.7 per 100k Pop. Actual 64 Admissions in 24/25"])  # fmt: skip
    book.save(path)
    run = perfcli("import", path, "-w", ws, exit=1)
    refused = unwrapped(run.stdout + run.stderr)
    assert (
        "'14.3 per 100k Pop. Actual 62 Admissions in 25/26' is for 2025/26, which has not ended by 20 July 2025"
        in refused
    )
    assert "2024/25 academic year" not in refused  # LALS's figure is the position so far


def test_a_quarters_return_asks_for_the_forecast_of_a_year_not_ended(example: Path) -> None:
    # Seed 001 filed ASCOF 2B's Q1 figure as 2025/26's forecast. At 20 July 2025 the return asked
    # for the year's figure, which its import then refused; it asks for the forecast instead.
    from openpyxl import load_workbook

    from tests.cli.test_returns import fill

    quarters_returns_made(example)
    care = example / "returns" / "2025-26-Q1" / "care.xlsx"
    book = load_workbook(care)
    sheet = book["Return"]
    row = next(n for n in range(5, sheet.max_row + 1) if sheet[f"A{n}"].value == "ASCOF 2B")
    assert sheet[f"J{row}"].value == "2025/26 has not ended: give its year-end forecast"
    assert sheet[f"K{row}"].protection.locked and sheet[f"N{row}"].protection.locked is False
    sheet[f"N{row}"] = 14.5  # SYNTHETIC forecast
    book.save(care)
    fill(care, {})
    perfcli("import", care, "-w", example)
    report = example / "q1.docx"
    perfcli("draft-report", "-c", "adults", "-p", "2025-26-Q1", "-w", example, "-o", report)
    text = " ".join(p.text for p in docx.Document(str(report)).paragraphs)
    assert (
        "The service's latest forecast for ASCOF 2B at the end of 2025/26 is 14.5 per 100,000,"
        " where the dashboard forecast 14.3 per 100,000." in text
    )


def test_a_quarters_rate_beside_a_years_national_average_is_warned_of_at_validate(tmp_path):
    """A trial typed Q1's own 3.9 admissions per 100k beside the year's national average of
    14.6: rated better, unwarned. Seed 001 gives the year's forecast there, and says so."""
    typed_q1(
        tmp_path / "q1.xlsx",
        ["ASCOF 2B", "Permanent admissions to care (aged 18-64) per 100,000 pop.", "Low",
         "15.2 per 100k pop. 23/24 Nat. Ave", "3.9 per 100k Pop.", "4.1 per 100k Pop."],
        ["ASCOF 2C BCF", "Permanent admissions to care (aged 65+) per 100,000 pop.", "Low",
         "566.0 per 100k pop. 23/24 Nat. Ave", "572 per 100k Pop. Forecast 881 Admissions in 25/26",
         "599 per 100k Pop. Actual 923 Admissions in 24/25"],
        columns=("2025/26 Q1", "2024/25 Q1"),
    )  # fmt: skip
    found = json.loads(perfcli("validate", tmp_path / "q1.xlsx", "-f", "json").stdout)
    part = [f for f in found["findings"] if f["code"] == "comparator.part_year"]
    assert [(f["severity"], f["location"], f["message"]) for f in part] == [(
        "warning", "q1.xlsx: ascof-2b, 2025-26-Q1",
        "'3.9 per 100k Pop.' is a rate for 2025/26 Q1, part of a year, compared with a national"
        " average for a whole year (2023/24)",
    )]  # fmt: skip
    assert "Forecast 62 Admissions in 25/26" in part[0]["hint"]


def test_a_shares_previous_figure_beside_no_current_one_is_warned_of_as_its_siblings_are(tmp_path):
    """A trial: seed 001's ASCOF 4B typed with `tbc` for the quarter had its 95.3% (645 out of
    677), a year's enquiries, filed as April to June 2024 unwarned (and drafted so), where the
    rows with a figure were warned of."""
    typed_q1(tmp_path / "q1.xlsx",
             ["ASCOF 4B", "% of safeguarding enquiries where the risk was reduced or removed",
              "High", "National data not yet published", "tbc", "95.3% (645 out of 677)"])  # fmt: skip
    found = json.loads(perfcli("validate", tmp_path / "q1.xlsx", "-f", "json").stdout)
    filed = [f for f in found["findings"] if "the same quarter a year earlier" in f["message"]]
    assert [f["location"] for f in filed] == ['q1.xlsx, sheet "Appendix A", cell F3']
    assert filed[0]["message"].startswith(
        "ascof-4b '95.3% (645 out of 677)' is filed as 2024/25 Q1, the same quarter a year earlier"
    )


def test_a_years_figure_approved_before_the_year_ended_is_refused_at_its_cell(
    example: Path,
) -> None:
    """A trial made seed 001's returns with no report date: judged by the clock, long after
    2025/26, the return asked for ASCOF 2B's year's figure, and the owner's 14.3, approved on
    14 July 2025, went into the store and the draft as the year's outturn."""
    from openpyxl import load_workbook

    from tests.cli.test_example import import_all
    from tests.cli.test_returns import fill

    import_all(example)  # the example sets no report date: today's is long after 2025/26
    perfcli("returns", "make", "--period", "2025-26-Q1", "--due", "2025-07-15", "-w", example)
    care = example / "returns" / "2025-26-Q1" / "care.xlsx"
    sheet = load_workbook(care)["Return"]
    row = next(n for n in range(5, sheet.max_row + 1) if sheet[f"A{n}"].value == "ASCOF 2B")
    description = sheet[f"B{row}"].value
    fill(care, {description: (14.3, None, None, "Forecast from the first quarter (SYNTHETIC).")},
         when=date(2025, 7, 14))  # fmt: skip
    refused = perfcli("import", care, "-w", example, exit=1)
    assert error_line(refused).startswith(
        f'Error: care.xlsx, sheet "Return", cell K{row}: a figure for 2025/26, approved on'
        " 14 July 2025, before 2025/26 ended (31 March 2026): then it can only be a forecast"
    )
    history = json.loads(perfcli("history", "ascof-2b", "-w", example, "-f", "json").stdout)
    assert [h for h in history["history"] if h["file"] == "care.xlsx"] == []  # nothing written


def test_a_figure_filed_under_another_period_on_import_again_leaves_no_copy_behind(tmp_path):
    """A trial set previous = "year-end" for seed 001's ASCOF 2D, as validate advised, and
    imported again: `history` then held 90.7% as 2024/25 Q1's and as 2024/25's, both current,
    and `diff 2024-25-Q1 2025-26-Q1` rated it "worse" against the quarter that never was."""
    ws = workspace(tmp_path)
    typed_q1(tmp_path / "q1.xlsx",
             ["ASCOF 2D", "Living at home 91 days after hospital discharge and reablement", "High",
              "83.8% 23/24 Nat. Ave", "88.3% (596 out of 675)", "90.7% (582 out of 642)"])  # fmt: skip
    perfcli("import", tmp_path / "q1.xlsx", "-w", ws)
    held = json.loads(perfcli("history", "ascof-2d", "-w", ws, "-f", "json").stdout)["history"]
    assert [(h["period"], h["status"]) for h in held] == [
        ("2024-25-Q1", "current"), ("2025-26-Q1", "current"),
    ]  # fmt: skip
    config = ws / "perfcli.toml"
    config.write_text(config.read_text() + '\n[measures.ascof-2d]\nprevious = "year-end"\n')
    again = perfcli("import", tmp_path / "q1.xlsx", "-w", ws)
    assert (
        "ascof-2d '90.7% (582 out of 642)' is filed under 2024/25 now, no longer 2024/25 Q1:"
        " that copy is retired (history keeps it)"
    ) in unwrapped(again.stdout + again.stderr)
    held = json.loads(perfcli("history", "ascof-2d", "-w", ws, "-f", "json").stdout)["history"]
    current = [(h["period"], h["value_text"]) for h in held if h["status"] == "current"]
    assert current == [
        ("2024-25", "90.7% (582 out of 642)"),
        ("2025-26-Q1", "88.3% (596 out of 675)"),
    ]
    assert ("2024-25-Q1", "superseded") in [(h["period"], h["status"]) for h in held]
    refused = perfcli("diff", "2024-25-Q1", "2025-26-Q1", "-w", ws, exit=2)
    assert error_line(refused) == (
        "Error: no figures for 2024-25-Q1 in the workspace (its reports are 2025-26-Q1)"
    )


def test_an_academic_years_position_so_far_is_returned_in_a_quarters_return(example: Path) -> None:
    """A re-check: seed 001's LALS success rate, the 2024/25 academic year so far as the Q1
    dashboard gives it, could not be returned: the return asked only for a forecast (its year
    not ended by the report date), and a figure typed there was refused as approved before
    the academic year ended."""
    from openpyxl import load_workbook

    from tests.cli.test_returns import fill

    quarters_returns_made(example)
    heritage = example / "returns" / "2025-26-Q1" / "heritage.xlsx"
    sheet = load_workbook(heritage)["Return"]
    row = next(n for n in range(5, sheet.max_row + 1) if "LALS" in str(sheet[f"B{n}"].value))
    assert sheet[f"J{row}"].value.startswith("2024/25 (academic year): a percentage")
    assert sheet[f"K{row}"].protection.locked is False
    fill(heritage, {sheet[f"B{row}"].value: (84.9, None, None, None)}, when=date(2025, 7, 15))
    perfcli("import", heritage, "-w", example)
    rated = json.loads(perfcli("rate", "-w", example, "-p", "2025-26-Q1", "-f", "json").stdout)
    lals = next(m for m in rated["measures"] if m["id"] == "lals-success-rate")
    assert (lals["period"], lals["value"], lals["returned_by"]) == ("AY2024-25", 84.9, "heritage")
