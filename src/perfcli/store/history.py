"""A measure's history (its figures and their revisions) and the service owners' returns."""

from __future__ import annotations

from msgspec import Struct

from perfcli.domain.model import Observation
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.records import Place
from perfcli.store.connection import StoreConnection
from perfcli.store.reading import FIGURE_WIDTH, O_FIGURES
from perfcli.store.rows import observation_from, place_from


class HistoryEntry(Struct, frozen=True):
    period: str
    observation: Observation
    source: Place | None
    file: str | None
    recorded_at: str
    current: bool
    # Set when the figure came in a service owner's return (perfcli returns).
    returned_by: str | None = None
    approved_by: str | None = None
    approved_on: str | None = None
    # Changed by hand in the store (its printed words cleared by the hand-edit trigger): the
    # file and cell it was read from never said it.
    edited: bool = False


class ReturnReceived(Struct, frozen=True):
    """A service owner's return as imported: the file, when, and who approved it."""

    owner: str
    period: str
    file: str
    returned_at: str
    approved_by: str | None
    approved_on: str | None
    sha256: str


class StoreHistory(StoreConnection):
    """What a store keeps of the past: revised figures, returns, the key that signs them."""

    def history(self, measure_id: str) -> list[HistoryEntry]:
        entries = []
        for table, current in (("observations", True), ("revisions", False)):
            rows = self.db.execute(
                f"SELECT o.period, {O_FIGURES}, o.sheet, o.cell, i.file, o.recorded_at,"
                f" t.owner, t.approved_by, t.approved_on FROM {table} o"
                " LEFT JOIN imports i ON i.id = o.import_id"
                " LEFT JOIN returns t ON t.import_id = o.import_id WHERE o.measure_id = ?"
                + (" ORDER BY o.id" if table == "revisions" else ""),
                (measure_id,),
            ).fetchall()
            for period, *row in rows:
                figure, (sheet, cell, file, recorded, owner, approver, approved) = (
                    row[:FIGURE_WIDTH],
                    row[FIGURE_WIDTH:],
                )
                edited = figure[0] is None and figure[1] is not None  # value_text, value
                if edited:
                    sheet = cell = file = None
                entries.append(HistoryEntry(period, observation_from(measure_id, period, figure),
                                            place_from(sheet, cell), file, recorded, current,
                                            owner, approver, approved, edited))  # fmt: skip
        entries.sort(key=lambda e: (parse_period(e.period).sort_key(), e.recorded_at, e.current))
        return entries

    def returns_received(self, period: str) -> list[ReturnReceived]:
        """The returns imported for a period, oldest first."""
        rows = self.db.execute(
            "SELECT r.owner, r.period, r.file, r.returned_at, r.approved_by, r.approved_on,"
            " i.sha256 FROM returns r JOIN imports i ON i.id = r.import_id"
            " WHERE r.period = ? ORDER BY r.import_id",
            (period,),
        ).fetchall()
        return [ReturnReceived(*row) for row in rows]

    def returns_periods(self) -> list[str]:
        """The periods any return was imported for, by this workspace folder or another on the
        same store."""
        return sorted({str(row[0]) for row in self.db.execute("SELECT period FROM returns")})

    def workspace_key(self, *, make: bool = True) -> tuple[str, bytes] | None:
        """This workspace's id and the secret that signs its returns, made when first asked
        (unless `make` is false: then None until returns have been made)."""
        import secrets

        found = dict(self.db.execute("SELECT name, value FROM workspace_keys").fetchall())
        if "id" not in found and not make:
            return None
        if "id" not in found:
            with self.transaction() as db:
                for name, value in (
                    ("id", secrets.token_hex(8)),
                    ("secret", secrets.token_hex(32)),
                ):
                    db.execute("INSERT OR IGNORE INTO workspace_keys VALUES (?, ?)", (name, value))
            found = dict(self.db.execute("SELECT name, value FROM workspace_keys").fetchall())
        return found["id"], bytes.fromhex(found["secret"])

    def revised(self) -> set[tuple[str, str]]:
        """(measure id, period) pairs whose stored figure was revised by a later import."""
        return set(self.db.execute("SELECT DISTINCT measure_id, period FROM revisions"))
