"""A dashboard imported again whose figure is now filed under another period: the copy it left
under the old one retired, so one cell never holds two periods' figures."""

from __future__ import annotations

from typing import Any

from perfcli.domain.period_parsing import parse_period
from perfcli.domain.records import ImportBatch
from perfcli.errors import quoted
from perfcli.store.revisions import HELD_LIST, keep_revision, write_held
from perfcli.store.rows import HELD_COLUMNS


def retire_refiled(
    db: Any, batch: ImportBatch, import_id: int | None, now: str
) -> list[tuple[str, str]]:
    """Retire (as revisions, superseded by this import) each figure an earlier import of the
    same report read from the same sheet and cell for the same measure, filed under another
    period than this import files it: perfcli.toml's `previous = "year-end"`, set as validate
    advised, had left 2024/25 Q1's copy of a year's 90.7% beside 2024/25's, current in
    `history`, in `diff` and in the owner's return. Returns each retired (measure, period)."""
    reports = sorted({line.report_period for line in batch.lines})
    if not reports or import_id is None:
        return []
    retired = []
    given = {(obs.measure_id, obs.period) for obs, _ in batch.observations}
    for obs, place in batch.observations:
        if place is None:
            continue
        stale = db.execute(
            f"SELECT period, {HELD_LIST} FROM observations WHERE measure_id = ? AND period <> ?"
            " AND COALESCE(sheet, '') = ? AND cell = ? AND import_id IN (SELECT import_id FROM"
            " import_notes"
            f" WHERE list = 'report_periods' AND text IN ({', '.join('?' * len(reports))}))",
            (obs.measure_id, obs.period, place.sheet or "", place.cell, *reports),
        ).fetchall()
        for period, *held in stale:
            if (obs.measure_id, period) in given:
                continue  # this file gives that period too, from another cell (a column moved)
            keep_revision(db, obs.measure_id, period, held, now, import_id)
            restored = _put_back(db, obs.measure_id, period, held[_IMPORT])
            again = f", and {quoted(restored)}, which it had replaced, is current again" if (
                restored is not None
            ) else ""  # fmt: skip
            batch.note(
                place.in_file(batch.file.name),
                f"{obs.measure_id} {quoted(obs.raw)} is filed under"
                f" {parse_period(obs.period).display} now, no longer"
                f" {parse_period(period).display}: that copy is retired (history keeps it){again}",
            )
            retired.append((obs.measure_id, period))
    return retired


_IMPORT = HELD_COLUMNS.index("import_id")


def _put_back(db: Any, measure_id: str, period: str, by: object) -> str | None:
    """The figure the retired copy had replaced (a trial's 85.0%, printed by the 2024/25 Q1
    report itself, revised by the next year's previous column) current again, or the period
    left without one where it replaced none. Returns the figure's text, or None."""
    replaced = db.execute(
        f"SELECT id, {HELD_LIST} FROM revisions WHERE measure_id = ? AND period = ?"
        " AND superseded_by = ? ORDER BY id DESC LIMIT 1",
        (measure_id, period, by),
    ).fetchone()
    if replaced is None:
        db.execute(
            "DELETE FROM observations WHERE measure_id = ? AND period = ?", (measure_id, period)
        )
        return None
    revision, *held = replaced
    write_held(db, measure_id, period, held)
    db.execute("DELETE FROM revisions WHERE id = ?", (revision,))
    return str(held[0] if held[0] is not None else held[1])
