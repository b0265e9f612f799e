"""What `measures`, `history` and `link` return: the catalogue and each measure's values."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field
from msgspec.structs import asdict

if TYPE_CHECKING:  # each command loads only the modules its own result needs
    from perfcli.domain.model import Measure
    from perfcli.store.history import HistoryEntry
    from perfcli.store.links import MeasureLink


MEASURE_FIELDS = [
    "id", "code", "description", "aim", "unit", "section", "outcome", "tags", "periods", "owner",
]  # fmt: skip


class MeasuresResult(Struct, frozen=True):
    """The measure catalogue, with the periods held for each."""

    measures: list[Measure]
    periods: dict[str, list[str]]
    owners: dict[str, str] = field(default_factory=dict)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "id": m.id,
                "code": m.code,
                "description": m.description,
                "aim": m.aim.value,
                "unit": m.unit.value,
                "section": m.section,
                "outcome": m.outcome,
                "tags": m.tags,
                "owner": self.owners.get(m.id),
                "periods": self.periods.get(m.id, []),
            }
            for m in self.measures
        ]

    def to_dict(self) -> dict[str, Any]:
        return {"measures": self.rows()}


HISTORY_FIELDS = [
    "measure", "period", "value_text", "value", "status", "recorded_at", "file", "cell",
    "returned_by", "approved_by", "approved_on",
]  # fmt: skip


class HistoryResult(Struct, frozen=True):
    """Every value stored for one measure, revisions included."""

    measure_id: str
    entries: list[HistoryEntry]
    links: list[MeasureLink] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "measure": self.measure_id,
                "period": e.period,
                "value_text": e.observation.raw,
                "value": e.observation.value,
                "status": "current" if e.current else "superseded",
                "recorded_at": e.recorded_at,
                "file": Path(e.file).name if e.file else None,
                "cell": str(e.source) if e.source else None,
                "returned_by": e.returned_by,
                "approved_by": e.approved_by,
                "approved_on": e.approved_on,
                "edited": e.edited,
            }
            for e in self.entries
        ]

    def to_dict(self) -> dict[str, Any]:
        joined = [asdict(link) for link in self.links]
        return {"measure": self.measure_id, "history": self.rows(), "joined": joined}


class LinkResult(Struct, frozen=True):
    """Two measures joined into one: the record, how many figures the joined measure holds,
    and whether perfcli.toml still has settings under the id that is gone."""

    link: MeasureLink
    figures: int
    stale_settings: bool

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self.link), "figures": self.figures, "stale_settings": self.stale_settings}
