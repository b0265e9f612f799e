"""What `calibrate` returns: the rules learned from printed marks, and where written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct

from perfcli.references import path_text

if TYPE_CHECKING:  # each command loads only the modules its own result needs
    from pathlib import Path

    from perfcli.domain.calibrate import Calibration, Rule


CALIBRATION_FIELDS = ["measure", "column", "printed", "perfcli", "figures", "reason", "why"]


class CalibrationResult(Struct, frozen=True):
    """What calibrate learned from printed marks, and where it was written, if anywhere."""

    calibration: Calibration
    written: Path | None = None
    asked_to_write: bool = False

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "measure": miss.label,
                "column": miss.column.value,
                "printed": miss.printed.value,
                "perfcli": miss.perfcli.value if miss.perfcli is not None else None,
                "figures": miss.figures,
                "reason": miss.reason,
                "why": miss.why,
            }
            for miss in self.calibration.misses
        ]

    def to_dict(self) -> dict[str, Any]:
        result = self.calibration
        data: dict[str, Any] = {
            "marks": result.marks,
            "agreement": {
                "current": result.current_agree,
                "learned": result.learned_agree,
                "best": result.best_agree,
                "confidence": result.confidence_agree,
            },
            "roundness_costs": result.roundness_costs,
            "with_intervals": result.with_intervals,
            "current": _rule(result.current),
            "learned": _rule(result.learned),
            "toml": "\n".join(result.learned.toml_lines()),
            "unexplained": self.rows(),
        }
        if self.asked_to_write:
            data["written"] = path_text(self.written) if self.written else None
        return data


def _rule(rule: Rule) -> dict[str, Any]:
    return {"percent_points": rule.percent, "relative": rule.relative, "units": rule.by_unit,
            "rag": {"green": rule.green, "amber": rule.amber}}  # fmt: skip
