"""What `diff` returns: what changed between two periods, with each side's figure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

if TYPE_CHECKING:  # each command loads only the modules its own result needs
    from perfcli.domain.changes import Change, Side
    from perfcli.domain.periods import Period


DIFF_FIELDS = [
    "id", "description", "section", "status", "flags", "change", "change_unit", "reason", "from", "to",
]  # fmt: skip


def _side(side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    obs, judgement = side.observation, side.judgement
    return {
        "period": obs.period if obs else None,
        "value": obs.value if obs else None,
        "value_text": (obs.raw or None) if obs else None,  # none: no earlier figure held
        "rating": judgement.rating.value if judgement else None,
        "progress": judgement.progress.value if judgement else None,
    }


class DiffResult(Struct, frozen=True):
    """What changed between two periods, most important first."""

    old: Period
    new: Period
    changes: list[Change]
    sentence: str
    # Counted over every measure in both periods, before --section or --only-changes narrow
    # the list, as the sentence is.
    totals: dict[str, int] | None = None

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "id": c.measure.id,
                "description": c.measure.description,
                "section": c.measure.section,
                "status": c.status.value,
                "flags": c.flags,
                "change": c.change,
                "change_unit": c.change_unit,
                "reason": c.reason,
                "from": _side(c.before),
                "to": _side(c.after),
            }
            for c in self.changes
        ]

    def to_dict(self) -> dict[str, Any]:
        from perfcli.domain.changes import summary

        return {
            "from": self.old.label,
            "to": self.new.label,
            "measures": self.rows(),
            "summary": {**(self.totals or summary(self.changes)), "sentence": self.sentence},
        }
