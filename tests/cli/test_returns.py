"""Returns from service owners, end to end: made, filled in as an owner would, imported, chased.

The example workspace's owners are SYNTHETIC (perfcli.toml says so). The figures the owners
type are the ones seed 003 (Leicestershire's 2025/26 Q1 dashboard) prints, written out in full
(196.4k as 196,400), so a return revises the dashboard's rounded figures; the commentary is
SYNTHETIC, in our own words.
"""

from __future__ import annotations

import email
import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from perfcli.report.document import convert_with_libreoffice
from tests.cli.test_example import import_all
from tests.conftest import EXAMPLE, error_line, perfcli, unwrapped

PERIOD = "2025-26-Q1"
JUNIOR_WHY = (
    "Fewer school class visits this quarter while two libraries were refurbished (SYNTHETIC)."
)
REABLEMENT_WHY = (
    "Reablement capacity was steady; more people with complex needs were referred (SYNTHETIC)."
)


def rows_of(path: Path) -> dict[str, int]:
    """Measure id -> row, read as an owner sees it: by the description in column B."""
    book = load_workbook(path)
    sheet = book["Return"]
    found = {}
    for number in range(5, sheet.max_row + 1):
        text = sheet.cell(row=number, column=2).value
        if text:
            found[str(text)] = number
    return found


def fill(
    path: Path,
    figures: dict[str, tuple],
    *,
    approver: str | None = "Chris Lee (SYNTHETIC)",
    when: date | None = date(2025, 7, 10),
) -> None:
    """Type into the unlocked cells only: figure (K), numerator (L), denominator (M),
    commentary (O), and the approver below the table."""
    book = load_workbook(path)
    sheet = book["Return"]
    rows = {str(sheet.cell(row=n, column=2).value): n for n in range(5, sheet.max_row + 1)}
    for description, (value, numerator, denominator, commentary) in figures.items():
        number = rows[description]
        for column, typed in (
            ("K", value),
            ("L", numerator),
            ("M", denominator),
            ("O", commentary),
        ):
            if typed is not None:
                assert sheet[f"{column}{number}"].protection.locked is False
                sheet[f"{column}{number}"] = typed
    by = next(
        n for n in range(5, sheet.max_row + 1) if sheet.cell(row=n, column=1).value == "Approved by"
    )
    assert sheet[f"B{by}"].protection.locked is False
    sheet[f"B{by}"] = approver
    sheet[f"B{by + 1}"] = when
    book.save(path)


LIBRARIES = {
    "Library visits": (196400, None, None, None),
    "Total library loans": (597900, None, None, None),
    "Junior loans": (159100, None, None, JUNIOR_WHY),
    "E-loans": (322600, None, None, None),
}
CARE = {
    "% of people who had no need for ongoing services following reablement": (
        82.8,
        911,
        1100,
        REABLEMENT_WHY,
    ),
    "Number of people awaiting a care assessment": (599, None, None, None),
}


@pytest.fixture
def made(example: Path) -> Path:
    import_all(example)
    run = perfcli("returns", "make", "--period", PERIOD, "--due", "2025-07-15", "-w", example)
    assert "Made 3 returns for 2025/26 Q1, due 15 July 2025" in run.stdout
    # The surveys have none in the example; seed 000's sequels, in no report since 2023/24, are
    # not listed (they were, as if the quarter's returns had left them out).
    assert "have no owner, and are in no return: ascof-3c1, ascof-3c2," in run.stdout
    assert "sequels" not in run.stdout
    return example / "returns" / PERIOD


def rated(ws: Path) -> dict[str, dict]:
    data = json.loads(perfcli("rate", "-w", ws, "-p", PERIOD, "-f", "json").stdout)
    return {m["id"]: m for m in data["measures"]}


def test_two_owners_return_a_third_is_chased(made: Path, tmp_path: Path, reader: str) -> None:
    ws = made.parents[1]
    assert sorted(p.name for p in made.glob("*.xlsx")) == [
        "care.xlsx",
        "heritage.xlsx",
        "libraries.xlsx",
    ]
    book = load_workbook(made / "libraries.xlsx")
    assert book["perfcli"].sheet_state == "veryHidden"
    assert book["Return"].protection.sheet and book["Cover"].protection.sheet
    assert "Commentary is required when the figure misses its target" in "\n".join(
        str(c.value) for c in book["Cover"]["A"]
    )
    fill(made / "libraries.xlsx", LIBRARIES)
    fill(made / "care.xlsx", CARE)
    run = perfcli("import", made / "libraries.xlsx", made / "care.xlsx", "-w", ws)
    assert "libraries.xlsx: imported" in run.stdout and "care.xlsx: imported" in run.stdout

    measures = rated(ws)
    junior = measures["junior-loans"]
    assert junior["value"] == 159100 and junior["commentary"] == JUNIOR_WHY
    assert (
        junior["approved_by"] == "Chris Lee (SYNTHETIC)" and junior["approved_on"] == "2025-07-10"
    )
    assert junior["returned_by"] == "libraries"
    reablement = measures["ascof-2a"]
    assert reablement["value_text"] == "82.8% (911 out of 1,100)"
    assert reablement["commentary"] == REABLEMENT_WHY
    assert measures["awaiting-assessment"]["value"] == 599

    history = json.loads(perfcli("history", "junior-loans", "-w", ws, "-f", "json").stdout)
    current = [h for h in history["history"] if h["period"] == PERIOD and h["status"] == "current"]
    assert current[0]["returned_by"] == "libraries" and current[0]["file"] == "libraries.xlsx"
    assert current[0]["approved_by"] == "Chris Lee (SYNTHETIC)"
    assert any(
        h["status"] == "superseded" and h["value_text"] == "159.1k" for h in history["history"]
    )

    again = perfcli("import", made / "libraries.xlsx", made / "care.xlsx", "-w", ws)
    assert again.stdout.count("no changes") == 2

    status = json.loads(perfcli("returns", "status", "-w", ws, "-f", "json").stdout)
    by_owner = {o["owner"]: o for o in status["owners"]}
    assert by_owner["libraries"]["state"] == "returned" and by_owner["libraries"]["filled"] == 4
    assert by_owner["libraries"]["missing"] == 2
    assert by_owner["heritage"]["state"] == "overdue" and by_owner["heritage"]["overdue_days"] > 0
    table = perfcli("returns", "status", "-w", ws, "--remind").stdout
    assert "✘ overdue by" in table and "reminder drafted (not sent)" in table
    reminders = list((made / "reminders").glob("*.eml"))
    assert [p.name.split("-2")[0] for p in reminders] == ["heritage"]
    message = email.message_from_bytes(reminders[0].read_bytes())
    assert message["To"] == "Sam Patel (SYNTHETIC) <heritage.owner@example.org>"
    attached = [part.get_filename() for part in message.walk() if part.get_filename()]
    assert attached == ["heritage.xlsx"]

    report = tmp_path / "q1.docx"
    drafted = perfcli("draft-report", "-c", "adults", "-w", ws, "-p", PERIOD, "-o", report)
    assert "not final: heritage-visits: no return imported yet (owner heritage)" in drafted.stdout
    from docx import Document

    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert JUNIOR_WHY in text and REABLEMENT_WHY in text
    assert "Junior loans stood at 159,100 in April to June 2025" in text
    assert "ASCOF 2A, was 82.8% (911 out of 1,100) in April to June 2025" in text
    refused = perfcli(
        "draft-report",
        "-c",
        "adults",
        "-w",
        ws,
        "-p",
        PERIOD,
        "-o",
        tmp_path / "final.docx",
        "--final",
        exit=1,
    )
    assert "not final:" in error_line(refused)
    assert not (tmp_path / "final.docx").exists()


def test_unapproved_commentary_is_left_out_and_listed(made: Path, tmp_path: Path) -> None:
    ws = made.parents[1]
    fill(made / "libraries.xlsx", LIBRARIES, approver=None, when=None)
    perfcli("import", made / "libraries.xlsx", "-w", ws)
    assert rated(ws)["junior-loans"]["approved_by"] is None
    report = tmp_path / "q1.docx"
    drafted = perfcli("draft-report", "-c", "adults", "-w", ws, "-p", PERIOD, "-o", report)
    assert "junior-loans: return not approved (owner libraries)" in drafted.stdout
    from docx import Document

    assert JUNIOR_WHY not in "\n".join(p.text for p in Document(str(report)).paragraphs)


def test_a_figure_that_misses_its_milestone_narrowly_needs_commentary_as_the_return_says(
    made: Path,
) -> None:
    """A trial: seed 001's heritage visits, 41,000 against a Q1 milestone of 41.6k, with no
    commentary, was taken ("similar", amber), where the return tells the owner commentary is
    required when the figure misses its target."""
    ws = made.parents[1]
    fill(made / "heritage.xlsx", {"Heritage visits": (41000, None, None, None)})
    row = rows_of(made / "heritage.xlsx")["Heritage visits"]
    refused = perfcli("import", made / "heritage.xlsx", "-w", ws, exit=1)
    assert error_line(refused) == (
        f'Error: heritage.xlsx, sheet "Return", cell O{row}: commentary is required: 41,000 misses'
        " 41.6k Local Q1 Milestone by 1.4%, within the 10% amber margin (say why the figure"
        " moved, for the committee)"
    )
    fill(made / "heritage.xlsx", {"Heritage visits": (41000, None, None, "Two sites closed for"
                                  " repairs in May (SYNTHETIC).")})  # fmt: skip
    perfcli("import", made / "heritage.xlsx", "-w", ws)
    assert rated(ws)["heritage-visits"]["rag"] == "amber"


def test_required_commentary_left_blank_is_refused(made: Path) -> None:
    ws = made.parents[1]
    fill(made / "libraries.xlsx", {**LIBRARIES, "Junior loans": (159100, None, None, None)})
    run = perfcli("import", made / "libraries.xlsx", "-w", ws, exit=1)
    line = error_line(run) if " found, nothing imported" not in run.stderr else run.stderr
    row = rows_of(made / "libraries.xlsx")["Junior loans"]
    assert f'libraries.xlsx, sheet "Return", cell O{row}: commentary is required' in line
    # Saved in the folder, not yet imported: status counts what the import would refuse.
    owners = json.loads(perfcli("returns", "status", "-w", ws, "-f", "json").stdout)["owners"]
    libraries = next(o for o in owners if o["owner"] == "libraries")
    assert libraries["errors"] == 1 and "commentary is required" in libraries["first_error"]
    assert libraries["state"] == "refused" and libraries["filled"] == 0
    assert libraries["overdue_days"] is None
    csv_text = perfcli("returns", "status", "-w", ws, "-f", "csv").stdout
    assert csv_text.splitlines()[0].startswith("owner,name,email,made,due,state,overdue_days")


def _store_rows(ws: Path) -> tuple:
    with sqlite3.connect(ws / "perfcli.db") as db:
        return (
            db.execute("SELECT count(*) FROM imports").fetchone(),
            db.execute("SELECT count(*) FROM returns").fetchone(),
            db.execute("SELECT * FROM observations WHERE measure_id = 'ascof-2a'").fetchall(),
        )


def _edit_locked(made: Path, ws: Path, tmp_path: Path) -> tuple[Path, str]:
    path = made / "care.xlsx"
    fill(path, CARE)
    book = load_workbook(path)
    book["Return"]["D5"] = "50% Local Target"  # an easier target than the one made
    book.save(path)
    return path, 'care.xlsx, sheet "Return", cell D5: a locked cell was changed'


def _other_period(made: Path, ws: Path, tmp_path: Path) -> tuple[Path, str]:
    perfcli("returns", "make", "--period", "2025-26-Q2", "-w", ws)
    path = made / "care-q2.xlsx"
    shutil.copy(ws / "returns" / "2025-26-Q2" / "care.xlsx", path)
    fill(path, CARE)
    return path, 'care-q2.xlsx, sheet "perfcli", cell B3: a return for 2025/26 Q2, not 2025/26 Q1'


def _other_workspace(made: Path, ws: Path, tmp_path: Path) -> tuple[Path, str]:
    other = tmp_path / "other"
    shutil.copytree(EXAMPLE, other, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    import_all(other)
    perfcli("returns", "make", "--period", PERIOD, "-w", other)
    path = made / "care-other.xlsx"
    shutil.copy(other / "returns" / PERIOD / "care.xlsx", path)
    fill(path, CARE)
    return path, 'care-other.xlsx, sheet "perfcli", cell B2: a return made by another workspace'


def _percentage_140(made: Path, ws: Path, tmp_path: Path) -> tuple[Path, str]:
    path = made / "care.xlsx"
    fill(
        path,
        {
            **CARE,
            "% of people who had no need for ongoing services following reablement": (
                140,
                None,
                None,
                REABLEMENT_WHY,
            ),
        },
    )
    return path, 'care.xlsx, sheet "Return", cell K5: 140 is not a percentage (0 to 100)'


@pytest.mark.parametrize("tamper", [_edit_locked, _other_period, _other_workspace, _percentage_140])
def test_tampered_returns_are_refused_whole(made: Path, tmp_path: Path, tamper) -> None:
    ws = made.parents[1]
    before = _store_rows(ws)
    path, expected = tamper(made, ws, tmp_path)
    run = perfcli("import", path, "-w", ws, exit=1)
    assert error_line(run).startswith(f"Error: {expected}")
    assert _store_rows(ws) == before


def calc(source: Path, to: str, outdir: Path) -> Path:
    """Open and save a file in LibreOffice Calc, as `soffice --convert-to` does."""
    # Its profile and $HOME in a temporary folder: the suite leaves $HOME as it was.
    convert_with_libreoffice("soffice", source, outdir, to=to, timeout=180)
    return outdir / f"{source.stem}.{to}"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("through", ["xlsx", "ods"])
def test_a_return_saved_by_libreoffice_calc_still_imports(
    made: Path, tmp_path: Path, through: str
) -> None:
    """Calc rewrites the styles, number formats, sheet states and protection; the seal holds."""
    ws = made.parents[1]
    fill(made / "care.xlsx", CARE)
    saved = calc(made / "care.xlsx", through, tmp_path / "saved")
    back = saved if through == "xlsx" else calc(saved, "xlsx", tmp_path / "back")
    assert back.exists()
    run = perfcli("import", back, "-w", ws, "-p", PERIOD)
    assert "care.xlsx: imported" in run.stdout
    reablement = rated(ws)["ascof-2a"]
    assert reablement["commentary"] == REABLEMENT_WHY
    assert reablement["approved_by"] == "Chris Lee (SYNTHETIC)"
    assert reablement["approved_on"] == "2025-07-10"


def test_an_owner_column_names_the_owner(workspace: Path) -> None:
    """A dashboard typed the way an officer types it: codes as printed, no ID column, and an
    Owner column. Figures from seed 000 (Leicestershire's 2023/24 Appendix A)."""
    from tests.conftest import appendix_workbook

    header = ["Measure", "Description", "Aim", "Comparator", "2023/24 Performance",
              "2022/23 Performance", "Owner"]  # fmt: skip
    book = appendix_workbook(workspace / "data" / "owned.xlsx", [
        ["ASCOF 2A", "% of people who had no need for ongoing services following reablement",
         "High", "79.4% 22/23 Nat. Ave", "89.6%", "87.8%", "Care Pathway"],
        ["Local", "Library visits", "High", "", "833.3k", "805.3k", ""],
    ], header=header)  # fmt: skip
    perfcli("import", book, "-w", workspace)
    data = json.loads(perfcli("measures", "-w", workspace, "-f", "json").stdout)["measures"]
    assert {m["id"]: m["owner"] for m in data} == {
        "ascof-2a": "care-pathway",
        "library-visits": None,
    }
    run = perfcli("returns", "make", "--period", "2024-25", "-w", workspace)
    assert "care-pathway: 1 measure →" in run.stdout
    assert "1 measure has no owner, and is in no return: library-visits" in run.stdout
    again = perfcli("returns", "make", "--period", "2024-25", "-w", workspace, exit=2)
    assert "care-pathway.xlsx already exists" in error_line(again)
    perfcli("returns", "make", "--period", "2024-25", "-w", workspace, "--force")


def test_a_measure_given_to_another_owner_since_is_refused(made: Path) -> None:
    ws = made.parents[1]
    fill(made / "care.xlsx", CARE)
    config = ws / "perfcli.toml"
    config.write_text(config.read_text().replace(
        '[measures.ascof-2a]\nowner = "care"', '[measures.ascof-2a]\nowner = "heritage"'))  # fmt: skip
    run = perfcli("import", made / "care.xlsx", "-w", ws, exit=1)
    assert error_line(run).startswith(
        'Error: care.xlsx, sheet "Return", cell A5: ascof-2a is held by heritage now, not care'
    )


REABLEMENT = "% of people who had no need for ongoing services following reablement"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({REABLEMENT: (82.8, 911, None, "x")}, "cell L5: a numerator with no denominator: give both, or neither"),
        ({REABLEMENT: (82.8, None, 2000, "x")}, "cell M5: a denominator with no numerator: give both, or neither"),
        ({REABLEMENT: (82.8, 911, 2000, "x")}, "cell K5: 82.8% is not 911 out of 2,000"),
        ({REABLEMENT: ("lots", None, None, "x")}, "cell K5: 'lots' is not a number"),
        # A fourth trial's 0.828 under 2024/25's 88.7%: drafted, --final, as 0.828%.
        ({REABLEMENT: (0.828, None, None, "x")},
         "cell K5: 0.828 would be 0.828%, against 88.7% for 2024/25: the fraction"
         " 82.8%? (type 82.8 if it is 82.8%, or 0.828% if it is that)"),
        ({"Number of people awaiting a care assessment": (599.5, None, None, None)},
         "cell K9: 599.5 is not a count (a whole number, 0 or more)"),
        ({"Number of people awaiting a care assessment": (-3, None, None, None)},
         "cell K9: -3 is not a count (a whole number, 0 or more)"),
        # Was "'2025-06-30T00:00:00' is not a number".
        ({"Number of people awaiting a care assessment": (date(2025, 6, 30), None, None, None)},
         "cell K9: 30 June 2025 is a date, not a figure; type the figure (Excel may have made a"
         " typed '1/2' or '1-2' a date)"),
    ],
)  # fmt: skip
def test_a_cell_filled_wrongly_is_named(made: Path, typed: dict, expected: str) -> None:
    ws = made.parents[1]
    fill(made / "care.xlsx", typed)
    run = perfcli("import", made / "care.xlsx", "-w", ws, exit=1)
    assert error_line(run).startswith(f'Error: care.xlsx, sheet "Return", {expected}')


@pytest.mark.parametrize(
    ("approver", "when", "expected"),
    [
        ("Chris Lee (SYNTHETIC)", None, "cell B13: approved, with no date"),
        ("Chris Lee (SYNTHETIC)", "soon", "cell B13: 'soon' is not a date"),
        (None, date(2025, 7, 10), "cell B12: a date approved, with no one named"),
    ],
)
def test_an_approval_half_given_is_named(made: Path, approver, when, expected: str) -> None:
    ws = made.parents[1]
    fill(made / "care.xlsx", CARE, approver=approver, when=when)
    run = perfcli("import", made / "care.xlsx", "-w", ws, exit=1)
    assert error_line(run).startswith(f'Error: care.xlsx, sheet "Return", {expected}')


def test_an_approval_date_typed_as_text_is_read(made: Path) -> None:
    ws = made.parents[1]
    fill(made / "care.xlsx", CARE, when="10/07/2025")
    perfcli("import", made / "care.xlsx", "-w", ws)
    assert rated(ws)["ascof-2a"]["approved_on"] == "2025-07-10"


def test_an_owner_key_that_could_leave_the_folder_is_refused(example: Path) -> None:
    import_all(example)
    config = example / "perfcli.toml"
    config.write_text(config.read_text().replace(
        '[measures.heritage-visits]\nowner = "heritage"', '[measures.heritage-visits]\nowner = "../../x"'))  # fmt: skip
    run = perfcli("returns", "make", "--period", PERIOD, "-w", example, exit=2)
    assert "owner '../../x' cannot name a file" in error_line(run)
    assert not (example / "returns").exists()


def test_a_return_read_outside_its_workspace_is_refused_at_its_seal(
    made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A reader hands a return to the returns service the API supplies: `rate FILE` of a return
    # away from the workspace that sealed it is refused, not read as any other workbook.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(made / "libraries.xlsx", elsewhere / "libraries.xlsx")
    monkeypatch.chdir(elsewhere)
    run = perfcli("rate", elsewhere / "libraries.xlsx", exit=1)
    assert error_line(run) == (
        'Error: libraries.xlsx, sheet "perfcli", cell B2: a service owner\'s return: '
        "import it into the workspace that made it"
    )


def test_a_description_typed_as_a_formula_goes_to_the_owner_as_text(workspace: Path) -> None:
    """A hostile colleague's dashboard: descriptions `=HYPERLINK(...)` and a DDE `=cmd|...`
    were written into the owner's return as formulas, for Excel to run on the owner's machine."""
    import zipfile

    from tests.conftest import appendix_workbook

    header = ["Measure", "Description", "Aim", "Comparator", "2023/24 Performance",
              "2022/23 Performance", "Owner"]  # fmt: skip
    hostile = ['=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0"]
    rows = [["Local", text, "High", "", "10", "9", "Libraries"] for text in hostile]
    typed = appendix_workbook(workspace / "data" / "typed.xlsx", rows, header=header)
    for row in (5, 6):  # typed as text, as a user's cell holding them would be
        book = load_workbook(typed)
        book.active.cell(row=row, column=2).data_type = "s"
        book.save(typed)
    perfcli("import", typed, "-w", workspace)
    perfcli("returns", "make", "--period", "2024-25", "-w", workspace)
    made = workspace / "returns" / "2024-25" / "libraries.xlsx"
    with zipfile.ZipFile(made) as parts:
        sheets = [
            parts.read(n).decode() for n in parts.namelist() if n.startswith("xl/worksheets/")
        ]
    assert not any("<f>" in xml for xml in sheets)
    assert set(rows_of(made)) >= set(hostile)  # each read back as the text it was


def test_a_formula_a_program_saved_without_its_value_is_named_at_its_cell(made: Path) -> None:
    """An owner's `=SUM(...)` written by a program that never computes it (openpyxl here) is
    read by Excel as a number and by perfcli as nothing: the import says so at the cell, and
    `returns status` counts it, rather than a figure quietly missing."""
    ws = made.parents[1]
    book = load_workbook(made / "care.xlsx")
    book["Return"]["K5"] = "=900+11"
    book.save(made / "care.xlsx")
    refused = perfcli("import", made / "care.xlsx", "-w", ws, exit=1)
    assert error_line(refused) == (
        'Error: care.xlsx, sheet "Return", cell K5: formula with no saved value (the workbook was'
        " written by a program and never saved in Excel) (open it in Excel or LibreOffice, save"
        " it, and import again)"
    )
    status = json.loads(perfcli("returns", "status", "-w", ws, "-f", "json").stdout)
    (care,) = [row for row in status["owners"] if row["owner"] == "care"]
    assert care["errors"] == 1


def test_a_locked_cell_made_empty_must_stay_empty(made: Path) -> None:
    """A trial typed a target into a return's empty, locked comparator cell (openpyxl writes
    through protection): it was rated against. Every locked cell of a measure's row that was
    made empty is held to staying empty, and named in reading order."""
    ws = made.parents[1]
    path = made / "libraries.xlsx"
    fill(path, LIBRARIES)
    book = load_workbook(path)
    assert book["Return"]["I5"].value is None and book["Return"]["I6"].value is None
    book["Return"]["I5"] = "Visits rose with the summer reading challenge"  # last commentary
    book["Return"]["I6"] = "Loans held up"  # another row's
    book.save(path)
    refused = perfcli("import", path, "-w", ws, exit=1)
    assert error_line(refused) == (
        'Error: libraries.xlsx, sheet "Return", cell I5: a locked cell was changed after the'
        " return was made (only the white cells may be filled in; 1 more locked cell changed too)"
    )
    status = json.loads(perfcli("returns", "status", "-w", ws, "-f", "json").stdout)
    (libraries,) = [row for row in status["owners"] if row["owner"] == "libraries"]
    assert libraries["errors"] == 1  # one refusal, naming the first cell and counting the rest


def test_a_forecast_typed_where_none_was_asked_for_is_not_read(made: Path) -> None:
    """The forecast cell is locked and grey unless perfcli.toml asks for one (forecast = true);
    typed into all the same, it would have reached the committee. Library visits: none asked."""
    ws = made.parents[1]
    path = made / "libraries.xlsx"
    fill(path, LIBRARIES)
    book = load_workbook(path)
    assert book["Return"]["N5"].protection.locked is not False
    book["Return"]["N5"] = 800000
    book.save(path)
    run = perfcli("import", path, "-w", ws)
    assert (
        'Warning: libraries.xlsx, sheet "Return", cell N5: a year-end forecast where the return'
        " asks for none: not read"
    ) in run.stderr
    assert rated(ws)["library-visits"]["forecast"] is None


def test_a_number_typed_into_a_locked_numerator_is_a_changed_locked_cell(made: Path) -> None:
    """A trial: a number in a row's locked Numerator cell (the return asks for no counts there)
    was told to 'give both, or neither', though no Denominator cell is offered."""
    ws = made.parents[1]
    path = made / "care.xlsx"
    book = load_workbook(path)
    sheet = book["Return"]
    locked = next(
        n for n in range(5, sheet.max_row + 1)
        if sheet.cell(row=n, column=1).value and sheet[f"L{n}"].protection.locked
        and sheet.cell(row=n, column=2).value
    )  # fmt: skip
    sheet[f"K{locked}"] = 12
    sheet[f"L{locked}"] = 50  # openpyxl writes through protection, as a determined owner might
    book.save(path)
    line = error_line(perfcli("import", path, "-w", ws, exit=1))
    assert line.startswith(
        f'Error: care.xlsx, sheet "Return", cell L{locked}: a locked cell was changed after the'
        " return was made"
    )


def test_a_reversing_character_in_an_owner_s_commentary_is_named_and_kept_from_the_report(
    made: Path, tmp_path: Path
) -> None:
    # An owner's words go into the report's paragraphs: a right-to-left override pasted into
    # them is warned of at its cell, as in a dashboard, and never reaches the document.
    ws = made.parents[1]
    why = "Fewer school class visits \u202ewhile two libraries were refurbished (SYNTHETIC)."
    fill(made / "libraries.xlsx", {**LIBRARIES, "Junior loans": (159100, None, None, why)})
    imported = json.loads(perfcli("import", made / "libraries.xlsx", "-w", ws, "-f", "json").stdout)
    notes = [note for file in imported["files"] for note in file["notes"]]
    [warned] = [note for note in notes if "reorders the text" in note["message"]]
    row = rows_of(made / "libraries.xlsx")["Junior loans"]
    assert warned["location"] == f'libraries.xlsx, sheet "Return", cell O{row}'
    # Stored without it too (a trial found it kept, and copied into the next quarter's return's
    # locked cell, where the owner was then told to delete it).
    rated = json.loads(perfcli("rate", "-w", ws, "-p", PERIOD, "-f", "json").stdout)["measures"]
    [stored] = [m["commentary"] for m in rated if m["description"] == "Junior loans"]
    assert stored == "Fewer school class visits while two libraries were refurbished (SYNTHETIC)."
    report = tmp_path / "q1.docx"
    perfcli("draft-report", "-c", "adults", "-w", ws, "-p", PERIOD, "-o", report)
    from docx import Document

    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert "\u202e" not in text
    assert "Fewer school class visits while two libraries were refurbished" in text


def test_a_return_that_confirms_the_dashboard_s_figure_keeps_its_counts(made: Path) -> None:
    """A trial: an owner typing 82.8 and leaving the counts blank, as the dashboard already gave
    82.8% (911 out of 1,100), had the counts dropped as a revision."""
    ws = made.parents[1]
    fill(made / "care.xlsx", {**CARE, next(iter(CARE)): (82.8, None, None, REABLEMENT_WHY)})
    run = perfcli("import", made / "care.xlsx", "-w", ws)
    assert "0 revised" in run.stdout
    reablement = rated(ws)["ascof-2a"]
    assert (reablement["value_text"], reablement["commentary"]) == (
        "82.8% (911 out of 1,100)", REABLEMENT_WHY,
    )  # fmt: skip
    assert reablement["returned_by"] == "care"


def test_a_row_typed_below_a_return_s_measures_is_said_not_read(made: Path) -> None:
    """A trial: a measure, figure and commentary added below the table were dropped silently."""
    ws = made.parents[1]
    fill(made / "care.xlsx", CARE)
    book = load_workbook(made / "care.xlsx")
    sheet = book["Return"]
    last = max(rows_of(made / "care.xlsx").values())
    below = last + 1
    sheet[f"A{below}"], sheet[f"B{below}"] = "Local", "Number of carers assessed (SYNTHETIC)"
    sheet[f"K{below}"], sheet[f"O{below}"] = 120, "a new one"
    book.save(made / "care.xlsx")
    run = perfcli("import", made / "care.xlsx", "-w", ws)
    assert "care.xlsx: imported" in run.stdout
    assert unwrapped(run.stderr) == (
        f'Warning: care.xlsx, sheet "Return", cell A{below}: row {below} is below the return\'s'
        " measures: what is typed in it is not read; a measure is added to the returns by giving"
        " it an owner in perfcli.toml and making them again ('perfcli returns make'); a note"
        " belongs in the measure's Commentary cell"
    )


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (date(2031, 1, 1), "approved on 1 January 2031, a date to come"),
        (date(2025, 5, 1),
         "approved on 1 May 2025, before 2025/26 Q1 was over (it ends 30 June 2025)"),
    ],
)  # fmt: skip
def test_an_approval_dated_to_come_or_before_the_quarter_ended_is_refused(
    made: Path, when: date, message: str
) -> None:
    """A trial: both were taken as the approval of the quarter's figures."""
    ws = made.parents[1]
    fill(made / "care.xlsx", CARE, when=when)
    refused = perfcli("import", made / "care.xlsx", "-w", ws, exit=1)
    assert error_line(refused).startswith('Error: care.xlsx, sheet "Return", cell B')
    assert message in error_line(refused)


@pytest.mark.parametrize(
    "said",
    [
        "-",
        ".",
        "n/a",
        "N/A",
        "tbc",
        "x",
        "none",
        "Not applicable",
        "N/A - see above",
        # A re-check's, drafted as sentences ("To be confirmed.", "As above."):
        "To be confirmed",
        "As above",
        "T.B.C.",
        "TBA",
        "xx",
        "To follow",
        "n.a.",
        "Awaiting",
        "See previous",
        "0",
        "commentary to follow",
    ],
)
def test_a_required_commentary_of_a_mark_is_no_commentary(made: Path, said: str) -> None:
    """Trials: `-` satisfied a required commentary, then `n/a`, which the report printed."""
    ws = made.parents[1]
    loans = (150000, None, None, said)  # SYNTHETIC: well short of its milestone
    fill(made / "libraries.xlsx", {**LIBRARIES, "Junior loans": loans})
    refused = perfcli("import", made / "libraries.xlsx", "-w", ws, exit=1)
    # Said as not commentary: a trial's reminder email did not say `tbc` was the trouble.
    assert f"commentary is required ('{said}' is not commentary): 150,000 is" in error_line(refused)


def test_a_percentage_returned_as_its_fraction_is_refused_at_its_cell(made: Path) -> None:
    """A trial: 0.828 typed for 82.8% was taken as 0.828% and rated below, with no warning; a
    fourth trial's, then only warned, reached a --final report as "0.828%, down 87.872
    percentage points". Under a held 88.7% it is refused at its cell, and nothing imported."""
    ws = made.parents[1]
    first = next(iter(CARE))
    before = rated(ws)["ascof-2a"]["value_text"]
    fill(made / "care.xlsx", {**CARE, first: (0.828, None, None, REABLEMENT_WHY)})
    run = perfcli("import", made / "care.xlsx", "-w", ws, exit=1)
    row = rows_of(made / "care.xlsx")[first]
    assert error_line(run) == (
        f'Error: care.xlsx, sheet "Return", cell K{row}: 0.828 would be 0.828%, against 88.7% for'
        " 2024/25: the fraction 82.8%? (type 82.8 if it is 82.8%, or 0.828% if it is that)"
    )
    assert rated(ws)["ascof-2a"]["value_text"] == before == "82.8% (911 out of 1,100)"


def test_figures_left_blank_in_an_imported_return_are_missing(made: Path) -> None:
    """A trial: a return imported with two figures left blank (commentary given) counted them
    filled, the dashboard's figures standing in for the owner's."""
    ws = made.parents[1]
    fill(made / "libraries.xlsx", {
        **LIBRARIES,
        "Library visits": (None, None, None, "Figures are late from the branches (SYNTHETIC)."),
        "E-loans": (None, None, None, "Supplier report due next week (SYNTHETIC)."),
    })  # fmt: skip
    perfcli("import", made / "libraries.xlsx", "-w", ws)
    owners = json.loads(perfcli("returns", "status", "-w", ws, "-f", "json").stdout)["owners"]
    libraries = next(o for o in owners if o["owner"] == "libraries")
    assert (libraries["filled"], libraries["missing"]) == (2, 4)  # of its 6 measures


def test_a_row_deleted_from_a_dashboard_keeps_a_line_its_owner_returned(
    made: Path, tmp_path: Path
) -> None:
    """A re-check: the dashboard imported again without ASCOF 2A took its line, and with it the
    owner's approved commentary, out of the report; importing the dashboard whole again did not
    bring the commentary back."""
    ws = made.parents[1]
    fill(made / "care.xlsx", CARE)
    perfcli("import", made / "care.xlsx", "-w", ws)
    book = load_workbook(ws / "data" / "appendix-a-2025-26-q1.xlsx")
    sheet = book.active
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "ascof-2a")
    sheet.delete_rows(row)
    book.save(tmp_path / "appendix-a-2025-26-q1.xlsx")
    run = perfcli("import", tmp_path / "appendix-a-2025-26-q1.xlsx", "-w", ws)
    assert (
        "Warning: appendix-a-2025-26-q1.xlsx: ascof-2a is no longer in this file, but care's"
        " return gave its line in the 2025/26 Q1 report: kept" in run.stderr
    )
    assert rated(ws)["ascof-2a"]["commentary"] == REABLEMENT_WHY


def test_commentary_typed_on_lines_of_its_own_is_drafted_as_sentences(
    made: Path, tmp_path: Path
) -> None:
    """An owner's points typed on lines of their own (Alt+Enter in the cell, a dash before
    each) reach the draft as sentences, not run together: a trial's `…refurbished Two new
    staff…`. The commentary is SYNTHETIC."""
    ws = made.parents[1]
    typed = "- Fewer class visits while two libraries were refurbished\n- Both reopened in June"
    fill(made / "libraries.xlsx", {**LIBRARIES, "Junior loans": (159100, None, None, typed)})
    perfcli("import", made / "libraries.xlsx", "-w", ws)
    assert rated(ws)["junior-loans"]["commentary"] == typed  # kept as the owner typed it
    report = tmp_path / "q1.docx"
    perfcli("draft-report", "-c", "adults", "-w", ws, "-p", PERIOD, "-o", report)
    from docx import Document

    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert "Fewer class visits while two libraries were refurbished. Both reopened in June." in text
    assert "- " not in text.split("Fewer class visits")[1][:120]


def test_a_percentage_typed_into_a_percent_cell_is_the_percentage_typed(made: Path) -> None:
    """A re-check: `0.828%` typed in Excel is 0.00828 in a `0.000%` cell, and was refused as a
    fraction with a hint to type 0.828% (what the owner had typed)."""
    ws = made.parents[1]
    first = next(iter(CARE))
    fill(made / "care.xlsx", {**CARE, first: (0.00828, None, None, REABLEMENT_WHY)})
    book = load_workbook(made / "care.xlsx")
    book["Return"][f"K{rows_of(made / 'care.xlsx')[first]}"].number_format = "0.000%"
    book.save(made / "care.xlsx")
    perfcli("import", made / "care.xlsx", "-w", ws)
    assert rated(ws)["ascof-2a"]["value"] == pytest.approx(0.828)
