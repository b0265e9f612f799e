"""Returns from Python: what `perfcli returns make` and `status` do, as plain calls."""

from __future__ import annotations

from datetime import date

from perfcli import Workspace


def test_make_and_status_as_calls(example):
    ws = Workspace.open(example)
    ws.import_files(sorted((example / "data").glob("*.xlsx")))
    made = ws.make_returns("2025-26-Q1", due="2025-07-15")
    assert [(m.owner, m.path.name) for m in made.made] == [
        ("care", "care.xlsx"), ("heritage", "heritage.xlsx"), ("libraries", "libraries.xlsx"),
    ]  # fmt: skip
    before = ws.returns_status(today=date(2025, 7, 15))
    assert {o.owner: o.state for o in before.owners} == dict.fromkeys(
        ("care", "heritage", "libraries"), "awaited"
    )
    after = ws.returns_status("2025-26-Q1", today=date(2025, 7, 18), remind=True)
    assert {o.owner: o.overdue_days for o in after.owners} == dict.fromkeys(
        ("care", "heritage", "libraries"), 3
    )
    assert sorted(p.name for p in after.reminders) == [
        "care-2025-07-18.eml", "heritage-2025-07-18.eml", "libraries-2025-07-18.eml",
    ]  # fmt: skip
