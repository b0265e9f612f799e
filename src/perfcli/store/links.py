"""Joining two stored measures' histories (`perfcli link OLD NEW`), with a record of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from perfcli.domain.measure_ids import is_local
from perfcli.errors import UsageError
from perfcli.identity import normalise_alias

if TYPE_CHECKING:
    import sqlite3

    from perfcli.domain.model import Measure
    from perfcli.store.database import Store


class MeasureLink(Struct, frozen=True):
    """One join: `old_id`'s figures, report lines and names now belong to `new_id`."""

    old_id: str
    new_id: str
    old_code: str | None
    old_description: str | None
    figures_moved: int
    figures_superseded: int
    linked_at: str


def link_measures(store: Store, old_id: str, new_id: str, now: str) -> MeasureLink:
    """Join `old_id`'s history into `new_id`'s, in one transaction.

    A period both hold keeps `new_id`'s figure; `old_id`'s is kept as a superseded revision,
    so nothing is lost. `old_id`, its code and its description become `new_id`'s aliases, so
    `history OLD` and the next import of an old dashboard find the joined measure.
    """
    old, new = _pair(store, old_id, new_id)
    with store.transaction() as db:
        moved, superseded = _move_figures(db, old.id, new.id, now)
        _move_lines(db, old.id, new.id)
        db.execute("UPDATE OR IGNORE national SET measure_id = ? WHERE measure_id = ?",
                   (new.id, old.id))  # fmt: skip
        db.execute("DELETE FROM national WHERE measure_id = ?", (old.id,))
        names = [old.id, *([] if is_local(old.code) else [old.code]), old.description]
        names = [n for n in dict.fromkeys([*old.aliases, *names]) if n != new.description]
        joined = replace(new, aliases=sorted({*new.aliases, *names} - {new.code}))
        from perfcli.store.writing import write_measure

        write_measure(db, joined, now)
        db.execute("UPDATE OR IGNORE aliases SET measure_id = ? WHERE measure_id = ?",
                   (new.id, old.id))  # fmt: skip
        db.execute("DELETE FROM aliases WHERE measure_id = ?", (old.id,))
        db.execute("INSERT OR REPLACE INTO aliases (alias, measure_id) VALUES (?, ?)",
                   (normalise_alias(old.id), new.id))  # fmt: skip
        for name in names[1:]:
            db.execute("INSERT OR IGNORE INTO aliases (alias, measure_id) VALUES (?, ?)",
                       (normalise_alias(name), new.id))  # fmt: skip
        db.execute("DELETE FROM measures WHERE id = ?", (old.id,))
        # A measure joined earlier into `old` is now part of `new` too.
        db.execute("UPDATE measure_links SET new_id = ? WHERE new_id = ?", (new.id, old.id))
        record = MeasureLink(old.id, new.id, old.code, old.description, moved, superseded, now)
        db.execute(
            "INSERT INTO measure_links (old_id, new_id, old_code, old_description, figures_moved,"
            " figures_superseded, linked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (record.old_id, record.new_id, record.old_code, record.old_description,
             record.figures_moved, record.figures_superseded, record.linked_at),
        )  # fmt: skip
        store.forget()
    return record


def links_into(store: Store, measure_id: str) -> list[MeasureLink]:
    """Every measure joined into `measure_id`, oldest first."""
    rows = store.db.execute(
        "SELECT old_id, new_id, old_code, old_description, figures_moved, figures_superseded,"
        " linked_at FROM measure_links WHERE new_id = ? ORDER BY id",
        (measure_id,),
    ).fetchall()
    return [MeasureLink(*row) for row in rows]


def _pair(store: Store, old_id: str, new_id: str) -> tuple[Measure, Measure]:
    found = []
    for typed in (old_id, new_id):
        measure = store.measure(typed.strip().lower())
        if measure is None:
            hint = "name both by the ids 'perfcli measures' lists"
            raise UsageError(f"no measure {typed!r} in the workspace", hint=hint)
        found.append(measure)
    old, new = found
    if old.id == new.id:
        raise UsageError(f"{old.id} is the same measure twice", hint="name two measures to join")
    if old.unit is not new.unit:
        raise UsageError(
            f"{old.id} is in {old.unit.value.replace('_', ' ')} and {new.id} in"
            f" {new.unit.value.replace('_', ' ')}: their figures are not one measure's",
            hint="join measures that count the same thing",
        )
    return old, new


def _move_figures(db: sqlite3.Connection, old: str, new: str, now: str) -> tuple[int, int]:
    """`old`'s current figures and revisions under `new`. A period both hold keeps the figure an
    import would keep were `new`'s read over `old`'s (`model.replaces`, `kept_for_return`): `new`'s,
    unless `old`'s came from an owner's return and `new`'s did not, or `new`'s says `old`'s
    less precisely (a dashboard's 498.0k over a return's 498,000). The other is kept as a
    superseded revision, so nothing is lost."""
    from perfcli.domain.model import kept_for_return, replaces
    from perfcli.store.rows import FIGURE_COLUMNS, HELD_COLUMNS, observation_from

    held_columns = ", ".join(HELD_COLUMNS)
    width, import_at = len(FIGURE_COLUMNS), HELD_COLUMNS.index("import_id")
    moved = superseded = 0
    rows = db.execute(
        f"SELECT period, {held_columns} FROM observations WHERE measure_id = ?", (old,)
    ).fetchall()
    for period, *row in rows:
        held = db.execute(
            f"SELECT {held_columns} FROM observations WHERE measure_id = ? AND period = ?",
            (new, period),
        ).fetchone()
        if held is None:
            db.execute(
                "UPDATE observations SET measure_id = ? WHERE measure_id = ? AND period = ?",
                (new, old, period),
            )
            moved += 1
            continue
        theirs = observation_from(new, period, row[:width])
        ours = observation_from(new, period, held[:width])
        from_return = _from_return(db, row[import_at]), _from_return(db, held[import_at])
        kept_is_new = ours.same_figures(theirs) or (
            replaces(theirs, ours) and not kept_for_return(*from_return)
        )
        if not ours.same_figures(theirs):
            _supersede(db, new, period, row if kept_is_new else list(held), now)
            superseded += 1
        if not kept_is_new:  # `old`'s figure takes `new`'s place
            db.execute("DELETE FROM observations WHERE measure_id = ? AND period = ?",
                       (new, period))  # fmt: skip
            db.execute(
                "UPDATE observations SET measure_id = ? WHERE measure_id = ? AND period = ?",
                (new, old, period),
            )
        db.execute("DELETE FROM observations WHERE measure_id = ? AND period = ?", (old, period))
    db.execute("UPDATE revisions SET measure_id = ? WHERE measure_id = ?", (new, old))
    return moved, superseded


def _from_return(db: sqlite3.Connection, import_id: object) -> bool:
    """Whether the import that wrote a figure was an owner's return."""
    if import_id is None:
        return False
    return (
        db.execute("SELECT 1 FROM returns WHERE import_id = ?", (import_id,)).fetchone() is not None
    )


def _supersede(db: sqlite3.Connection, measure_id: str, period: str, row: list, now: str) -> None:
    from perfcli.store.revisions import keep_revision

    keep_revision(db, measure_id, period, row, now, None)


def _move_lines(db: sqlite3.Connection, old: str, new: str) -> None:
    """`old`'s dashboard lines under `new`; a report both are in keeps `new`'s line (its
    comparator and footnotes follow the line's key)."""
    rows = db.execute("SELECT report_period FROM report_lines WHERE measure_id = ?", (old,))
    for (period,) in rows.fetchall():
        held = db.execute(
            "SELECT 1 FROM report_lines WHERE report_period = ? AND measure_id = ?", (period, new)
        ).fetchone()
        if held is None:
            db.execute(
                "UPDATE report_lines SET measure_id = ? WHERE report_period = ? AND measure_id = ?",
                (new, period, old),
            )
        else:
            _keep_return(db, period, old, new)
            db.execute(
                "DELETE FROM report_lines WHERE report_period = ? AND measure_id = ?", (period, old)
            )


def _keep_return(db: sqlite3.Connection, period: str, old: str, new: str) -> None:
    """What an owner's return decided of `old`'s line (commentary, approval, forecast, marks)
    stays on `new`'s line from a dashboard, as an import keeps it (`model.line_read_again`)."""
    from perfcli.domain.model import RETURN_FIELDS, kept_for_return

    key = "SELECT returned_by FROM report_lines WHERE report_period = ? AND measure_id = ?"
    theirs, ours = (db.execute(key, (period, mid)).fetchone()[0] for mid in (old, new))
    if not kept_for_return(theirs is not None, ours is not None):
        return
    fields = ", ".join(RETURN_FIELDS)
    values = db.execute(
        f"SELECT {fields} FROM report_lines WHERE report_period = ? AND measure_id = ?",
        (period, old),
    ).fetchone()
    db.execute(
        f"UPDATE report_lines SET {', '.join(f'{f} = ?' for f in RETURN_FIELDS)}"
        " WHERE report_period = ? AND measure_id = ?",
        (*values, period, new),
    )
