"""Returns as a new user met them (issue 25, second look): the places where status, import and
the draft said something other than what had happened. The workspace is the example's; owners
and commentary are SYNTHETIC (perfcli.toml says so); figures are seed 003's where they are typed.
"""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

from openpyxl import load_workbook

from tests.cli.test_returns import CARE, PERIOD, fill, made  # noqa: F401  (made is a fixture)
from tests.conftest import perfcli


def test_a_refused_return_in_the_folder_is_not_chased_as_never_sent(made: Path) -> None:  # noqa: F811
    """An owner who sent their return back with a locked cell changed has sent it: status says
    it came back and why it is refused, and --remind drafts them a note of what to correct, not a chase for a return never sent."""
    ws = made.parents[1]
    fill(made / "care.xlsx", CARE)
    book = load_workbook(made / "care.xlsx")
    book["Return"]["D5"] = "50% Local Target"  # an owner makes their target easier
    book.save(made / "care.xlsx")
    perfcli("import", made / "care.xlsx", "-w", ws, exit=1)

    owners = json.loads(perfcli("returns", "status", "-w", ws, "-f", "json").stdout)["owners"]
    care = next(o for o in owners if o["owner"] == "care")
    assert care["state"] == "refused"
    assert care["overdue_days"] is None
    assert care["errors"] == 1
    assert 'care.xlsx, sheet "Return", cell D5: a locked cell was changed' in care["first_error"]
    table = perfcli("returns", "status", "-w", ws, "--remind").stdout
    assert "✘ refused, 1 error" in table
    reminders = sorted(p.name.split("-2")[0] for p in (made / "reminders").glob("*.eml"))
    assert reminders == ["care", "heritage", "libraries"]
    saved = next((made / "reminders").glob("care-*.eml")).read_bytes()
    drafted = email.message_from_bytes(saved, policy=email.policy.default)
    assert drafted["Subject"] == "Performance return for 2025/26 Q1: please correct it"
    body = drafted.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert 'care.xlsx, sheet "Return", cell D5: a locked cell was changed' in body
    assert "has not come back" not in body
    attached = [part.get_filename() for part in drafted.walk() if part.get_filename()]
    assert attached == ["care.xlsx"]


def test_a_returned_count_at_a_date_keeps_its_date_in_appendix_a(
    made: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A waiting list is a count at the quarter's last day: the dashboard prints '599 End of
    June 2025', and so must the returned figure, or Appendix A shows a bare figure under the
    quarter's header and the draft's own proof-reading flags it."""
    ws = made.parents[1]
    fill(
        made / "care.xlsx", {"Number of people awaiting a care assessment": (610, None, None, None)}
    )
    perfcli("import", made / "care.xlsx", "-w", ws)
    history = json.loads(perfcli("history", "awaiting-assessment", "-w", ws, "-f", "json").stdout)
    current = [
        h for h in history["history"] if h["status"] == "current" and h["file"] == "care.xlsx"
    ]
    assert current[0]["value_text"] == "610 End of June 2025"
    report = tmp_path / "q1.docx"
    drafted = perfcli("draft-report", "-c", "adults", "-w", ws, "-p", PERIOD, "-o", report)
    assert "header:" not in drafted.stdout, drafted.stdout  # the proof-reading's complaint
    from docx import Document

    cells = [c.text for t in Document(str(report)).tables for r in t.rows for c in r.cells]
    assert "610 End of June 2025" in cells
    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert "awaiting a care assessment was 610 at the end of June 2025" in text


def _forecast(path: Path, description: str, forecast: object) -> None:
    """Type a year-end forecast (column N) as an owner would, where the year's figure is not
    asked for (its cell in column K locked)."""
    book = load_workbook(path)
    sheet = book["Return"]
    row = next(n for n in range(5, sheet.max_row + 1) if sheet[f"B{n}"].value == description)
    assert sheet[f"N{row}"].protection.locked is False
    assert sheet[f"K{row}"].protection.locked is not False
    sheet[f"N{row}"] = forecast
    book.save(path)


def _made_in_july(made: Path) -> None:  # noqa: F811
    """The returns made again as they were, in July 2025 (`report_date`), before 2025/26 ended:
    a year-end forecast is asked for the year, not the year's figure. Made after the year ended
    (today, with no report date), a return asks for the year's figure and no forecast of it."""
    ws = made.parents[1]
    config = ws / "perfcli.toml"
    config.write_text(config.read_text().replace(
        "[workspace]\n", "[workspace]\nreport_date = 2025-07-20\n", 1))  # fmt: skip
    perfcli("returns", "make", "--period", PERIOD, "--due", "2025-07-15", "--force", "-w", ws)


ADMISSIONS_65 = "Permanent admissions to care (aged 65+) per 100,000 pop."


def test_an_approved_forecast_is_drafted_into_the_paragraph(
    made: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The committee is given a year-end forecast for ASCOF 2C (perfcli.toml: forecast = true):
    once the owner's return is approved, the drafted paragraph says it, and proof-reads clean."""
    ws = made.parents[1]
    _made_in_july(made)
    fill(made / "care.xlsx", {})
    _forecast(made / "care.xlsx", ADMISSIONS_65, "555.5")  # SYNTHETIC forecast
    perfcli("import", made / "care.xlsx", "-w", ws)
    report = tmp_path / "q1.docx"
    drafted = perfcli("draft-report", "-c", "adults", "-w", ws, "-p", PERIOD, "-o", report)
    # Found by the proof-reading: only the notes of the returns not back yet, not the forecast.
    findings = drafted.stdout.partition("proof-read:")[2].splitlines()[1:]
    assert findings and all("[Not final: " in line for line in findings), findings
    from docx import Document

    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert "a forecast rate of 572 per 100,000 population" in text  # the dashboard's
    assert (
        "The service's latest forecast for ASCOF 2C at the end of 2025/26 is 555.5 per 100,000,"
        " where the dashboard forecast 572 per 100,000."
    ) in text


def test_an_unapproved_forecast_is_left_out(made: Path, tmp_path: Path) -> None:  # noqa: F811
    ws = made.parents[1]
    _made_in_july(made)
    fill(made / "care.xlsx", {}, approver=None, when=None)
    _forecast(made / "care.xlsx", ADMISSIONS_65, 555.5)
    perfcli("import", made / "care.xlsx", "-w", ws)
    assert _rated_forecast(ws) == 555.5
    report = tmp_path / "q1.docx"
    perfcli("draft-report", "-c", "adults", "-w", ws, "-p", PERIOD, "-o", report)
    from docx import Document

    assert "year-end forecast" not in "\n".join(p.text for p in Document(str(report)).paragraphs)


def _rated_forecast(ws: Path) -> float | None:
    data = json.loads(perfcli("rate", "-w", ws, "-p", PERIOD, "-f", "json").stdout)
    return next(m["forecast"] for m in data["measures"] if m["id"] == "ascof-2c")


def test_the_draft_marks_each_unready_measure_in_its_paragraph(
    made: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The 'not final' list was printed and lost: the Word document the officer edits now says,
    highlighted in the paragraph of each measure concerned, what is still awaited, and the
    proof-reading reports it as a placeholder left in; a returned, approved measure has none."""
    ws = made.parents[1]
    fill(made / "care.xlsx", CARE)
    perfcli("import", made / "care.xlsx", "-w", ws)
    report = tmp_path / "q1.docx"
    drafted = perfcli("draft-report", "-c", "adults", "-w", ws, "-p", PERIOD, "-o", report)
    from docx import Document

    paragraphs = Document(str(report)).paragraphs
    note = "[Not final: junior-loans: no return imported yet (owner libraries)]"
    holding = [p for p in paragraphs if note in p.text]
    assert len(holding) == 1 and "Junior loans stood at" in holding[0].text
    marked = [r for r in holding[0].runs if note in r.text]
    assert marked and marked[0].font.highlight_color is not None
    text = "\n".join(p.text for p in paragraphs)
    assert "[Not final: ascof-2a" not in text  # care's return came back, approved
    assert f"placeholder left in: {note}" in drafted.stdout


def test_status_finds_a_return_saved_under_another_name(made: Path) -> None:  # noqa: F811
    """An owner's reply saved as it came, 'care (Jo Evans).xlsx', beside the blank 'care.xlsx':
    status reads the hidden sheet to tell whose it is, and does not chase them."""
    ws = made.parents[1]
    fill(made / "care.xlsx", CARE)
    reply = made / "care (Jo Evans).xlsx"
    (made / "care.xlsx").rename(reply)
    perfcli("returns", "make", "--period", PERIOD, "--due", "2025-07-15", "--force", "-w", ws)
    assert (made / "care.xlsx").exists()
    import os

    os.utime(made / "care.xlsx", (1_000_000_000, 1_000_000_000))  # the reply is the newer file

    def care() -> dict:
        owners = json.loads(perfcli("returns", "status", "-w", ws, "-f", "json").stdout)["owners"]
        return next(o for o in owners if o["owner"] == "care")

    assert care()["state"] == "filled in, not imported"
    assert care()["overdue_days"] is None
    perfcli("import", reply, "-w", ws)
    now = care()
    assert now["state"] == "returned" and now["returned_file"] == "care (Jo Evans).xlsx"
    assert now["filled"] == 2 and now["missing"] == 4
    table = perfcli("returns", "status", "-w", ws, "--remind").stdout
    assert "care (Jo Evans).xlsx" in table
    assert not list((made / "reminders").glob("care-*.eml"))


def test_each_row_says_when_its_commentary_is_required(made: Path) -> None:  # noqa: F811
    """An owner reads the row, not the README: the aim in words, what to type for hours, and
    when commentary is required against this measure's own target and last figure (none for a
    measure reported for information only)."""
    book = load_workbook(made / "heritage.xlsx")
    sheet = book["Return"]
    rows = {sheet[f"B{n}"].value: n for n in range(5, sheet.max_row + 1) if sheet[f"B{n}"].value}
    visits = rows["Heritage visits"]
    assert sheet[f"C{visits}"].value == "higher is better"
    assert sheet[f"P{visits}"].value == (
        "the figure misses 41.6k Local Q1 Milestone, or is not as good as 2024/25 Q1 (39.1k)"
    )
    hours = rows["Hours of Volunteering (Heritage & libraries)"]
    assert sheet[f"J{hours}"].value == "2025/26 Q1: a number of hours, 0 or more"
    book = load_workbook(made / "libraries.xlsx")
    sheet = book["Return"]
    rows = {sheet[f"B{n}"].value: n for n in range(5, sheet.max_row + 1) if sheet[f"B{n}"].value}
    issues = rows["Total community library issues"]
    assert sheet[f"C{issues}"].value == "for information only"
    assert sheet[f"P{issues}"].value == "not required: for information only"
    book = load_workbook(made / "care.xlsx")
    sheet = book["Return"]
    rows = {sheet[f"B{n}"].value: n for n in range(5, sheet.max_row + 1) if sheet[f"B{n}"].value}
    waiting = rows["Number of people awaiting a care assessment"]
    assert sheet[f"C{waiting}"].value == "lower is better"
    assert sheet[f"P{waiting}"].value == (
        "the figure misses <672 Position as at Mar 2025, or is not as good as End of March 2025 "
        "(672)"  # the period said once (a trial: '(672 End of March 2025)')
    )


def test_a_missing_commentary_says_why_it_is_required_in_words(made: Path) -> None:  # noqa: F811
    ws = made.parents[1]
    fill(made / "heritage.xlsx", {"Heritage visits": ("35,000", None, None, None)})
    run = perfcli("import", made / "heritage.xlsx", "-w", ws, exit=1)
    line = run.stderr.strip().splitlines()[-1]
    assert line == (
        'Error: heritage.xlsx, sheet "Return", cell O5: commentary is required: 35,000 is 15.9% '
        "below the milestone 41.6k (aim: high) (say why the figure moved, for the committee)"
    )


def test_every_refused_return_is_named_at_once(made: Path) -> None:  # noqa: F811
    """Twelve returns imported together: one with a locked cell changed no longer hides the
    others' problems, so the officer can send every owner their corrections in one go; nothing
    is written."""
    ws = made.parents[1]
    fill(made / "care.xlsx", CARE)
    fill(made / "libraries.xlsx", {"Junior loans": (159100, None, None, "Refurbishment.")})
    book = load_workbook(made / "libraries.xlsx")
    book["Return"]["D5"] = "150.0k Local Q1 Milestone"
    book.save(made / "libraries.xlsx")
    fill(made / "heritage.xlsx", {"Heritage visits": (45000, None, None, None)})
    book = load_workbook(made / "heritage.xlsx")
    book["Return"]["K7"] = 140  # the adult learning success rate, a percentage
    book.save(made / "heritage.xlsx")
    before = (ws / "perfcli.db").read_bytes()
    run = perfcli("import", *sorted(made.glob("*.xlsx")), "-w", ws, exit=1, env={"COLUMNS": "300"})
    assert 'libraries.xlsx, sheet "Return", cell D5' in run.stderr
    assert "a locked cell was changed" in run.stderr
    assert 'heritage.xlsx, sheet "Return", cell K7' in run.stderr
    assert "140 is not a percentage (0 to 100)" in run.stderr
    assert "2 errors found, nothing imported" in run.stderr
    assert (ws / "perfcli.db").read_bytes() == before


REABLEMENT = "% of people who had no need for ongoing services following reablement"


def test_a_percentage_typed_with_its_sign_in_excel_is_read_as_typed(
    made: Path,  # noqa: F811
    reader: str,
) -> None:
    """Typing '84.5%' into a cell, Excel stores 0.845 shown as a percentage (and Calc too): the
    return must read 84.5, not 0.845%, which the cell's 0-100 check lets through."""
    ws = made.parents[1]
    fill(made / "care.xlsx", {REABLEMENT: (None, None, None, "Two new teams (SYNTHETIC).")})
    book = load_workbook(made / "care.xlsx")
    sheet = book["Return"]
    row = next(n for n in range(5, sheet.max_row + 1) if sheet[f"B{n}"].value == REABLEMENT)
    sheet[f"K{row}"] = 0.845
    sheet[f"K{row}"].number_format = "0.0%"
    book.save(made / "care.xlsx")
    perfcli("import", made / "care.xlsx", "-w", ws)
    data = json.loads(perfcli("rate", "-w", ws, "-p", PERIOD, "-f", "json").stdout)
    reablement = next(m for m in data["measures"] if m["id"] == "ascof-2a")
    assert reablement["value"] == 84.5 and reablement["value_text"] == "84.5%"


def test_a_return_made_after_the_year_asks_for_its_figure_and_no_forecast_of_it(
    made: Path,  # noqa: F811
) -> None:
    """A fourth trial: a Q1 return made after 2025/26 had ended (no report date: today) asked
    ASCOF 2C for the year's figure and for a year-end forecast of the same year, and the draft
    gave both. The year's figure is asked for; its forecast cell is locked."""
    book = load_workbook(made / "care.xlsx")
    sheet = book["Return"]
    row = next(n for n in range(5, sheet.max_row + 1) if sheet[f"B{n}"].value == ADMISSIONS_65)
    assert str(sheet[f"J{row}"].value).startswith("2025/26")
    assert sheet[f"K{row}"].protection.locked is False
    assert sheet[f"N{row}"].protection.locked is not False
