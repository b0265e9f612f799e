"""Returns as a new user met them (second trial): two returns from one owner, a measure renamed
after its return was made, a return in the wrong period's folder, periods and dates `returns make`
should not take, and the small things the trial noticed. The workspace is the example's; owners,
approvers and commentary are SYNTHETIC; the figures are seed 003's library visits (159,100 as
the dashboard prints 159.1k), and a corrected 161,000 of our own.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.cli.test_returns import PERIOD, fill, made  # noqa: F401  (made is a fixture)
from tests.conftest import perfcli

VISITS_WHY = "Two libraries were closed for refurbishment (SYNTHETIC)."


def _two_returns(folder: Path) -> tuple[Path, Path]:
    """The trial's pair: 'libraries.xlsx' approved on 10 July, and a corrected copy of the blank
    return, 'libraries v2.xlsx', approved the next day, whose name sorts first."""
    first, second = folder / "libraries.xlsx", folder / "libraries v2.xlsx"
    shutil.copy(first, second)
    fill(first, {"Library visits": (159100, None, None, VISITS_WHY)}, when=date(2025, 7, 10))
    fill(second, {"Library visits": (161000, None, None, VISITS_WHY)}, when=date(2025, 7, 11))
    return first, second


def _current_visits(ws: Path) -> tuple[str, str]:
    history = json.loads(perfcli("history", "library-visits", "-w", ws, "-f", "json").stdout)
    rows = [h for h in history["history"] if h["period"] == PERIOD and h["status"] == "current"]
    assert len(rows) == 1
    return rows[0]["value_text"], rows[0]["file"]


def _libraries(ws: Path) -> dict:
    owners = json.loads(perfcli("returns", "status", "-w", ws, "-f", "json").stdout)["owners"]
    return next(o for o in owners if o["owner"] == "libraries")


def test_the_newest_return_of_an_owner_stands_whatever_the_names(made: Path) -> None:  # noqa: F811
    """Imported together, one owner's returns are applied oldest first (the later approval
    last), not in the order of their names; the newer one is current and is the one returned."""
    ws = made.parents[1]
    first, second = _two_returns(made)
    checked = perfcli("validate", second, first, "-w", ws, "-f", "json").stdout
    [note] = [f for f in json.loads(checked)["findings"] if f["code"] == "value.revised"]
    assert note["location"] == "libraries v2.xlsx: library-visits, 2025-26-Q1"  # import keeps it
    assert note["hint"] == "import keeps the newer return's, and the older in its history"
    run = perfcli("import", second, first, "-w", ws)
    said = [line for line in run.stdout.splitlines() if "libraries" in line]
    assert said[0].startswith("✔ libraries.xlsx: imported")
    assert said[1].startswith("✔ libraries v2.xlsx: imported")
    assert _current_visits(ws) == ("161,000", "libraries v2.xlsx")
    status = _libraries(ws)
    assert status["returned_file"] == "libraries v2.xlsx" and status["approved_on"] == "2025-07-11"
    assert status["state"] == "returned"


def test_an_older_return_imported_later_does_not_supersede(made: Path) -> None:  # noqa: F811
    """The older return imported after the newer one is not applied: a warning names both, and
    the newer figure stays current."""
    ws = made.parents[1]
    blank = shutil.copy(made / "libraries.xlsx", made.parent / "libraries (blank).xlsx")
    first, second = _two_returns(made)
    perfcli("import", second, "-w", ws)
    run = perfcli("import", first, "-w", ws)
    assert (
        "Warning: libraries.xlsx: an older return from libraries than libraries v2.xlsx, imported"
        " before (approved 2025-07-10, the other approved 2025-07-11): not imported; the newer"
        " return stands"
    ) in " ".join(run.stderr.split())
    assert "= libraries.xlsx: no changes" in run.stdout
    assert _current_visits(ws) == ("161,000", "libraries v2.xlsx")
    assert _libraries(ws)["returned_file"] == "libraries v2.xlsx"
    # A blank copy, older too, changes nothing and is not warned of as a return set aside.
    quiet = perfcli("import", blank, "-w", ws)
    assert "older return" not in quiet.stderr
    assert "the return for 'libraries' has nothing filled in yet" in quiet.stderr


def _renamed_dashboard(ws: Path, target: Path) -> Path:
    """Seed 003's dashboard as a later edition prints it: 'Library visits' reworded, with no ID,
    so that it is a new measure until `perfcli link` joins them."""
    from openpyxl import load_workbook

    book = load_workbook(ws / "data" / "appendix-a-2025-26-q1.xlsx")
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == "Library visits":
                    cell.value = "Visits to county libraries (physical)"
                    sheet.cell(row=cell.row, column=1).value = None
    book.save(target)
    return target


NEW_ID = "visits-to-county-libraries-physical"


def test_a_renamed_measure_keeps_its_return(made: Path, tmp_path: Path) -> None:  # noqa: F811
    """After `link library-visits visits-to-county-libraries-physical`: the owner's 196,400 stays
    current over the dashboard's rounded 196.4k, with its commentary; a return made before the
    link finds the measure by its old id; and where perfcli.toml still gives the owner under the
    old id, import, status and make say to rename the section, which then lets it in."""
    ws = made.parents[1]
    early = tmp_path / PERIOD / "libs.xlsx"  # the owner's copy, sent back after the link
    early.parent.mkdir()
    fill(made / "libraries.xlsx", {"Library visits": (196400, None, None, VISITS_WHY)})
    shutil.copy(made / "libraries.xlsx", early)
    perfcli("import", made / "libraries.xlsx", "-w", ws)
    perfcli("import", _renamed_dashboard(ws, tmp_path / "renamed.xlsx"), "-w", ws)
    perfcli("link", "library-visits", NEW_ID, "-w", ws)

    history = json.loads(perfcli("history", NEW_ID, "-w", ws, "-f", "json").stdout)["history"]
    q1 = [(h["value_text"], h["status"], h["file"]) for h in history if h["period"] == PERIOD]
    assert ("196,400", "current", "libraries.xlsx") in q1
    assert ("196.4k", "superseded", "renamed.xlsx") in q1
    data = json.loads(perfcli("rate", "-w", ws, "-p", PERIOD, "-f", "json").stdout)
    visits = next(m for m in data["measures"] if m["id"] == NEW_ID)
    assert visits["value"] == 196400 and visits["commentary"] == VISITS_WHY
    assert visits["returned_by"] == "libraries"

    stale = (
        f"library-visits was joined into {NEW_ID} ('perfcli link') and has no owner under that"
        f" id: perfcli.toml gives it under [measures.library-visits] (rename"
        f" [measures.library-visits] to [measures.{NEW_ID}] in perfcli.toml, then import the"
        " return again)"
    )
    refused = perfcli("import", early, "-w", ws, exit=1)
    assert " ".join(refused.stderr.split()) == f'Error: libs.xlsx, sheet "Return", cell A5: {stale}'
    assert _libraries(ws)["first_error"] == f'libraries.xlsx, sheet "Return", cell A5: {stale}'
    remade = " ".join(perfcli("returns", "make", "-p", PERIOD, "--force", "-w", ws).stdout.split())
    assert (
        f"! library-visits was joined into {NEW_ID} ('perfcli link'), which has no owner: rename"
        f" [measures.library-visits] to [measures.{NEW_ID}] in perfcli.toml and make the returns"
        " again with --force"
    ) in remade
    assert "owned in perfcli.toml but not in the workspace" not in remade

    config = ws / "perfcli.toml"
    config.write_text(
        config.read_text().replace("[measures.library-visits]", f"[measures.{NEW_ID}]")
    )
    again = perfcli("import", early, "-w", ws)
    assert (
        "= libs.xlsx: no changes — 1 measure for 2025/26 Q1; figures: 0 new, 0 revised, 1 unchanged"
        in again.stdout
    )


def test_a_return_saved_in_another_periods_folder_lends_it_no_dates(made: Path) -> None:  # noqa: F811
    """A Q1 return saved in the Q2 folder is refused there at its period cell, and the Q2 row
    shows Q2's own made and due (none given), not the Q1 return's 15 July 2025."""
    ws = made.parents[1]
    fill(made / "libraries.xlsx", {"Library visits": (196400, None, None, VISITS_WHY)})
    perfcli("returns", "make", "-p", "2025-26-Q2", "-w", ws)
    q2 = made.parent / "2025-26-Q2"
    shutil.copy(made / "libraries.xlsx", q2 / "libraries (Q1).xlsx")
    owners = json.loads(
        perfcli("returns", "status", "-p", "2025-26-Q2", "-w", ws, "-f", "json").stdout
    )["owners"]
    libraries = next(o for o in owners if o["owner"] == "libraries")
    assert libraries["state"] == "refused"
    assert libraries["first_error"].startswith(
        'libraries (Q1).xlsx, sheet "perfcli", cell B3: a return for 2025/26 Q1, not 2025/26 Q2'
    )
    assert [o["due"] for o in owners] == [None, None, None]
    assert libraries["measures"] == 6 and libraries["made"] is not None
    (q2 / "libraries.xlsx").unlink()  # the Q2 return overwritten, as if saved over it
    owners = json.loads(
        perfcli("returns", "status", "-p", "2025-26-Q2", "-w", ws, "-f", "json").stdout
    )["owners"]
    libraries = next(o for o in owners if o["owner"] == "libraries")
    assert libraries["state"] == "refused"
    assert (libraries["due"], libraries["made"], libraries["measures"]) == (None, None, 0)


def test_make_refuses_a_period_rate_refuses_and_a_due_date_before_its_end(example: Path) -> None:
    """`2025-27` reads as three calendar years, a kind of period the example reports none of:
    make refuses it as rate does (exit 2), from the CLI and from Python; so is a due date before
    the period ends."""
    from perfcli import Workspace
    from perfcli.errors import UsageError
    from tests.cli.test_example import import_all

    import_all(example)
    refusal = (
        "Error: 2025-27 is not a report period of this workspace (its report periods are"
        " 2021-22-apr-nov, 2023-24, 2025-26-Q1)"
    )
    for command in (("rate",), ("returns", "make")):
        run = perfcli(*command, "--period", "2025-27", "-w", example, exit=2)
        assert " ".join(run.stderr.split()) == refusal
    assert not (example / "returns").exists()
    with pytest.raises(UsageError, match="2025-27 is not a report period of this workspace"):
        Workspace.open(example).make_returns("2025-27")
    early = perfcli(
        "returns", "make", "-p", "2025-26-Q2", "--due", "2025-01-01", "-w", example, exit=2
    )
    assert " ".join(early.stderr.split()) == (
        "Error: returns due on 1 January 2025 would be due before 2025/26 Q2 ends (30 September"
        " 2025) (give a due date after the period ends: its figures are not known before then,"
        " and import refuses them)"
    )


def test_a_return_for_a_period_not_ended_is_refused_at_its_cell(example: Path) -> None:
    """Made before the period ends, the returns come with a warning; a figure typed before then
    is refused at its cell, not at a measure and period."""
    from tests.cli.test_example import import_all

    import_all(example)
    run = perfcli("returns", "make", "-p", "2035-36", "-w", example)
    assert (
        "Warning: 2035/36 has not ended (it ends 31 March 2036): a figure returned before then"
        " is refused at import" in " ".join(run.stderr.split())
    )
    care = example / "returns" / "2035-36" / "care.xlsx"
    # The figure's cell is locked, and the row asks for the forecast instead; typed all the same
    # (openpyxl writes through the protection), it is refused at its cell.
    from openpyxl import load_workbook

    book = load_workbook(care)
    sheet = book["Return"]
    assert sheet["K9"].protection.locked and sheet["N9"].protection.locked is False
    assert sheet["J9"].value == "End of March 2036 has not ended: give its year-end forecast"
    sheet["K9"] = 599
    book.save(care)
    fill(care, {}, approver=None, when=None)  # approved before the year ended: refused too
    refused = perfcli("import", care, "-w", example, exit=1)
    assert " ".join(refused.stderr.split()).startswith(
        'Error: care.xlsx, sheet "Return", cell K9: a figure for End of March 2036, which has not'
        " ended by"
    )  # a count of those waiting is a snapshot: the return asks for the date the year ends
    assert "type it once End of March 2036 has ended (31 March 2036)" in refused.stderr


def _reminder(folder: Path, owner: str) -> str:
    import email
    import email.policy

    saved = next((folder / "reminders").glob(f"{owner}-*.eml")).read_bytes()
    drafted = email.message_from_bytes(saved, policy=email.policy.default)
    return drafted.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_a_reminder_lists_cells_by_row_and_asks_approval_only_where_missing(made: Path) -> None:  # noqa: F811
    """Care's return: a count below 0 in K8, a figure needing commentary in row 7 and a date
    approved that is not one (B13, read first): listed by row, then column, and asked to be
    approved. Heritage's, approved, is not asked to be approved again."""
    from openpyxl import load_workbook

    ws = made.parents[1]
    book = load_workbook(made / "care.xlsx")
    sheet = book["Return"]
    sheet["K7"], sheet["K8"] = 900, -3  # SYNTHETIC: 900 per 100,000, far above 15.2
    sheet["B12"], sheet["B13"] = "Chris Lee (SYNTHETIC)", "not a date"
    book.save(made / "care.xlsx")
    book = load_workbook(made / "heritage.xlsx")
    book["Return"]["K6"] = -3
    book["Return"]["B10"], book["Return"]["B11"] = "Chris Lee (SYNTHETIC)", date(2025, 7, 10)
    book.save(made / "heritage.xlsx")
    perfcli("returns", "status", "--remind", "-w", ws)
    care = _reminder(made, "care")
    cells = [line.split("cell ")[1].split(":")[0] for line in care.splitlines() if "cell " in line]
    assert cells == ["O7", "K8", "B13"]
    assert "(only the white cells may be filled in), have it approved, and send it back" in care
    heritage = _reminder(made, "heritage")
    assert 'heritage.xlsx, sheet "Return", cell K6: -3 is below 0' in heritage
    assert "(only the white cells may be filled in) and send it back" in heritage
    assert "approved" not in heritage


def test_a_return_whose_hidden_sheet_was_deleted_says_so(made: Path) -> None:  # noqa: F811
    from openpyxl import load_workbook

    ws = made.parents[1]
    fill(made / "libraries.xlsx", {"Library visits": (196400, None, None, VISITS_WHY)})
    book = load_workbook(made / "libraries.xlsx")
    del book["perfcli"]
    book.save(made / "libraries.xlsx")
    run = perfcli("import", made / "libraries.xlsx", "-w", ws, exit=1)
    assert " ".join(run.stderr.split()) == (
        'Error: libraries.xlsx, sheet "Return": looks like a return made by \'perfcli returns'
        " make' whose hidden sheet 'perfcli' was deleted, so perfcli cannot tell whose return it"
        " is or check its locked cells; ask the owner for the workbook they were sent, filled"
        " in, or copy their figures into it (returns/PERIOD/OWNER.xlsx)"
    )


def _saved_at(path: Path, when: str) -> None:
    """The time the workbook says it was saved (docProps/core.xml), as Excel would write it."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    core = parts["docProps/core.xml"].decode()
    parts["docProps/core.xml"] = re.sub(
        r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{when}\g<2>", core
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)


def test_two_returns_approved_the_same_day_the_one_saved_later_stands(made: Path) -> None:  # noqa: F811
    """A third trial: approved the same day, made together, the one saved later is the newer;
    import took no account of when each was saved, and applied them in the order named."""
    ws = made.parents[1]
    first, second = made / "libraries.xlsx", made / "libraries v2.xlsx"
    shutil.copy(first, second)
    fill(first, {"Library visits": (161000, None, None, VISITS_WHY)}, when=date(2025, 7, 10))
    fill(second, {"Library visits": (159100, None, None, VISITS_WHY)}, when=date(2025, 7, 10))
    _saved_at(first, "2025-07-10T15:30:00Z")  # corrected in the afternoon
    _saved_at(second, "2025-07-10T09:00:00Z")
    perfcli("import", first, second, "-w", ws)
    assert _current_visits(ws) == ("161,000", "libraries.xlsx")
    run = perfcli("import", second, "-w", ws)  # the older, alone: set aside with a warning
    assert "saved 2025-07-10 09:00:00, the other saved 2025-07-10 15:30:00" in " ".join(
        run.stderr.split()
    )
    assert _current_visits(ws) == ("161,000", "libraries.xlsx")
