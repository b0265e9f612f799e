"""How close two figures may be and still be "similar", and how far short of a target is still
green or amber: the settings a judgement is made with, worked out once per unit."""

from __future__ import annotations

from msgspec import Struct, field

from perfcli.domain.figures import Unit


class Tolerances(Struct, frozen=True):
    """How far apart two figures may be and still be "similar".

    Percentages compare in percentage points; everything else relatively (0.03 is 3%).
    A difference exactly on the tolerance counts as similar.
    """

    percent: float = 1.5
    relative: float = 0.03
    by_unit: dict[str, float] = field(default_factory=dict)

    def for_unit(self, unit: Unit) -> float:
        if unit in self.by_unit:  # a StrEnum finds its value's key
            return self.by_unit[unit]
        return self.percent if unit is Unit.PERCENT else self.relative


class RagMargins(Struct, frozen=True):
    """How far short of a target (relative to it) is still green, and how far is amber."""

    green: float = 0.01
    amber: float = 0.10


class Settings(Struct, frozen=True, dict=True):
    tolerances: Tolerances = field(default_factory=Tolerances)
    rag: RagMargins = field(default_factory=RagMargins)
    significance: bool = False
    tolerance_override: float | None = None
    rag_green: float | None = None
    rag_amber: float | None = None

    def tolerance(self, unit: Unit) -> tuple[float, str]:
        """How far apart two figures in `unit` may be and still be "similar" (percentage points
        for percentages, else per cent), and the words a reason says it in: `±1.5 pp`, `±3%`."""
        # Worked out once per unit (kept on the settings): every measure of a period asks.
        known: dict[Unit, tuple[float, str]] = self.__dict__.setdefault("_tolerances", {})
        found = known.get(unit)
        if found is None:
            value = self.tolerance_override
            if value is None:
                value = self.tolerances.for_unit(unit)
            if unit is Unit.PERCENT:
                found = known[unit] = value, f"±{value:g} pp"
            else:
                found = known[unit] = value * 100, f"±{value * 100:g}%"
        return found
