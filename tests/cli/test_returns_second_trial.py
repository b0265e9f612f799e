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
