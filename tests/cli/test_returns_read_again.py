"""A dashboard read again after an owner's approved return (a new user's report): its rounded
figures say the same numbers the return gave in full, so the return stands, its commentary and
approval with it, and importing either file again changes nothing, in any order.

The figures are seed 003's (Leicestershire's 2025/26 Q1 dashboard: junior loans 159.1k against
a 187.5k Local Q1 Milestone); the owner, approver and commentary are SYNTHETIC.
"""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook

from tests.cli.test_returns import JUNIOR_WHY, fill
from tests.conftest import perfcli

PERIOD = "2025-26-Q1"
OWNERS = """
[owners.libraries]
name = "Alex Morgan (SYNTHETIC)"
email = "libraries.owner@example.org"

[measures.library-visits]
owner = "libraries"

[measures.junior-loans]
owner = "libraries"
"""
# Seed 003's rows, as the council's workbook holds them: whole numbers shown in thousands, and
# the progress it printed for each (which still describes the owner's figure, the same number).
ROWS = [
    ["library-visits", "Local", "Library visits", "High", "195.0k Local Q1 Milestone", "▲", 196400,
     155100],
    ["junior-loans", "Local", "Junior loans", "High", "187.5k Local Q1 Milestone", "▼", 159100,
     186200],
]  # fmt: skip
THOUSANDS = '#,##0.0,"k"'


def dashboard(path: Path) -> Path:
    """Seed 003's Q1 Appendix A, the libraries' rows only, its figures printed as 159.1k."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Appendix A"
    sheet.append(["Adults and Communities Performance 2025/26"])
    sheet.append(["April to June 2025"])
    sheet.append([])
    sheet.append(["ID", "Measure", "Description", "Aim", "Rating", "Progress",
                  "2025/26 Performance", "2024/25 Performance"])  # fmt: skip
    for row in ROWS:
        sheet.append(row)
        for cell in sheet[sheet.max_row][6:]:
            cell.number_format = THOUSANDS
    book.save(path)
    return path


def imported(ws: Path, path: Path) -> str:
    return perfcli("import", path, "-w", ws).stdout


def test_a_dashboard_read_again_leaves_an_approved_return_as_it_was(
    engine: str, workspace: Path
) -> None:
    ws = workspace
    with (ws / "perfcli.toml").open("a", encoding="utf-8") as toml:
        toml.write(OWNERS)
    q1 = dashboard(ws / "appendix-a-q1.xlsx")
    first = imported(ws, q1)
    assert "figures: 4 new, 0 revised, 0 unchanged" in first
    perfcli("returns", "make", "--period", PERIOD, "-w", ws)
    returned = ws / "returns" / PERIOD / "libraries.xlsx"
    fill(returned, {"Library visits": (196400, None, None, None),
                    "Junior loans": (159100, None, None, JUNIOR_WHY)})  # fmt: skip
    # The owner's figures, typed in full, say more precisely what the dashboard rounded.
    assert "figures: 0 new, 2 revised, 0 unchanged" in imported(ws, returned)

    for again in (q1, q1, returned, q1, returned):
        run = imported(ws, again)
        assert f"= {again.name}: no changes" in run, run
        assert "0 new, 0 revised" in run

    history = json.loads(perfcli("history", "junior-loans", "-w", ws, "-f", "json").stdout)
    q1_rows = [(h["value_text"], h["status"], h["file"], h["returned_by"], h["approved_by"])
               for h in history["history"] if h["period"] == PERIOD]  # fmt: skip
    assert q1_rows == [
        ("159.1k", "superseded", "appendix-a-q1.xlsx", None, None),
        ("159,100", "current", "libraries.xlsx", "libraries", "Chris Lee (SYNTHETIC)"),
    ]

    status = json.loads(perfcli("returns", "status", "-w", ws, "-f", "json").stdout)
    (libraries,) = status["owners"]
    assert (libraries["state"], libraries["filled"], libraries["missing"]) == ("returned", 2, 0)
    assert libraries["approved_by"] == "Chris Lee (SYNTHETIC)"

    rated = json.loads(perfcli("rate", "-w", ws, "-p", PERIOD, "-f", "json").stdout)
    junior = next(m for m in rated["measures"] if m["id"] == "junior-loans")
    assert (junior["value"], junior["value_text"]) == (159100, "159,100")
    assert junior["commentary"] == JUNIOR_WHY
    assert junior["published_progress"] == "worse"  # the ▼ printed for 159.1k, the same number
    assert (junior["returned_by"], junior["approved_by"], junior["approved_on"]) == (
        "libraries", "Chris Lee (SYNTHETIC)", "2025-07-10",
    )  # fmt: skip


def test_an_owners_other_figure_stands_when_the_dashboard_is_read_again(
    engine: str, workspace: Path
) -> None:
    """The owner gives library visits as 200,000 where the dashboard, drafted before, printed
    196.4k: the return revises it, and the dashboard read again puts nothing back (a new user
    saw it flip at every import, the owner's commentary beside the dashboard's figure)."""
    ws = workspace
    with (ws / "perfcli.toml").open("a", encoding="utf-8") as toml:
        toml.write(OWNERS)
    q1 = dashboard(ws / "appendix-a-q1.xlsx")
    imported(ws, q1)
    perfcli("returns", "make", "--period", PERIOD, "-w", ws)
    returned = ws / "returns" / PERIOD / "libraries.xlsx"
    fill(returned, {"Library visits": (200000, None, None, "Visits rose after the refit (SYNTHETIC)"),
                    "Junior loans": (159100, None, None, JUNIOR_WHY)})  # fmt: skip
    assert "figures: 0 new, 2 revised, 0 unchanged" in imported(ws, returned)

    run = perfcli("import", q1, "-w", ws)
    assert f"= {q1.name}: no changes" in run.stdout
    assert run.stderr.splitlines() == [
        f"Warning: {q1.name}, sheet \"Appendix A\", cell G5: library-visits {PERIOD}: '196.4k'"
        " here, but the libraries return gave '200,000', which is kept (a corrected return"
        " changes it)"
    ]
    for again in (returned, q1, returned):
        assert f"= {again.name}: no changes" in imported(ws, again)

    rated = json.loads(perfcli("rate", "-w", ws, "-p", PERIOD, "-f", "json").stdout)
    visits = next(m for m in rated["measures"] if m["id"] == "library-visits")
    assert (visits["value"], visits["value_text"]) == (200000, "200,000")
    assert visits["commentary"] == "Visits rose after the refit (SYNTHETIC)"
    assert visits["returned_by"] == "libraries"
