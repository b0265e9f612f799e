"""What the API returns: plain records (msgspec Structs) whose `to_dict()` is the CLI's JSON, field
for field."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = [
    "BenchmarkResult", "CalibrationResult", "DiffResult", "HistoryResult", "ImportResult",
    "IndexResult", "LinkResult", "MeasureRating", "MeasuresResult", "NationalFile", "RanksResult",
    "RateResult", "ValidationResult",
]  # fmt: skip

if TYPE_CHECKING:
    from perfcli.results.calibration import CalibrationResult
    from perfcli.results.catalogue import HistoryResult, LinkResult, MeasuresResult
    from perfcli.results.diff import DiffResult
    from perfcli.results.files import ImportResult, ValidationResult
    from perfcli.results.national import BenchmarkResult, IndexResult, NationalFile, RanksResult
    from perfcli.results.rating import MeasureRating, RateResult

# Each family loads when first named: `rate FILE` starts without the other commands' results,
# whose classes took 4 ms of its start-up to build as dataclasses.
_HOMES = {
    "BenchmarkResult": "national", "CalibrationResult": "calibration", "DiffResult": "diff",
    "HistoryResult": "catalogue", "ImportResult": "files", "IndexResult": "national",
    "LinkResult": "catalogue", "MeasureRating": "rating", "MeasuresResult": "catalogue",
    "NationalFile": "national", "RanksResult": "national", "RateResult": "rating",
    "ValidationResult": "files",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'perfcli.results' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"perfcli.results.{_HOMES[name]}"), name)
