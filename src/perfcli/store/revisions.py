"""A held figure kept as a revision, and a figure written over the one held: the two writes each
way a stored figure is replaced shares (an import, a cell filed under another period, two
measures joined)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from perfcli.store.rows import HELD_COLUMNS

# An observation's held columns, as a query lists them.
HELD_LIST = ", ".join(HELD_COLUMNS)
_ASSIGNED = ", ".join(f"{name} = ?" for name in HELD_COLUMNS)
_KEPT = (
    f"INSERT INTO revisions (measure_id, period, {HELD_LIST}, superseded_at, superseded_by)"
    f" VALUES ({', '.join('?' * (len(HELD_COLUMNS) + 4))})"
)


def keep_revision(
    db: Any, measure_id: str, period: str, held: Sequence[Any], now: str, by: object
) -> None:
    """`held` (an observation's HELD_COLUMNS) kept as a revision, superseded `now` by the
    import `by` (None: by no import, as a join of two measures)."""
    db.execute(_KEPT, (measure_id, period, *held, now, by))


def write_held(db: Any, measure_id: str, period: str, held: Sequence[Any]) -> None:
    """The observation of `measure_id` for `period` written over with `held`."""
    db.execute(
        f"UPDATE observations SET {_ASSIGNED} WHERE measure_id = ? AND period = ?",
        (*held, measure_id, period),
    )
