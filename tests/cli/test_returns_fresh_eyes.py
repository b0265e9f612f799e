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
    assert "header:" not in drafted.stdout, drafted.stdout
    from docx import Document

    cells = [c.text for t in Document(str(report)).tables for r in t.rows for c in r.cells]
    assert "610 End of June 2025" in cells
    text = "\n".join(p.text for p in Document(str(report)).paragraphs)
    assert "awaiting a care assessment was 610 at the end of June 2025" in text
