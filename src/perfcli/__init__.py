"""perfcli: import, validate, rate and report local-government performance measures.

The library surface: `Workspace` (open, import_files, validate, rate, diff, benchmark,
draft_report), `rate_file`, and the result types. They load on first use, so that
`perfcli --help` stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "BenchmarkResult", "ChecksFailed", "DiffResult", "HistoryResult", "ImportResult", "MeasureRating",
    "MeasuresResult", "Period", "PerfcliError", "RateResult", "ValidationResult", "Workspace",
    "parse_period", "rate_file",
]  # fmt: skip

if TYPE_CHECKING:
    from perfcli.api import Workspace, rate_file
    from perfcli.domain.period_parsing import parse_period
    from perfcli.domain.periods import Period
    from perfcli.errors import PerfcliError
    from perfcli.importers.batches import ChecksFailed
    from perfcli.results import (
        BenchmarkResult,
        DiffResult,
        HistoryResult,
        ImportResult,
        MeasureRating,
        MeasuresResult,
        RateResult,
        ValidationResult,
    )

_HOMES = {"Workspace": "api", "rate_file": "api", "PerfcliError": "errors", "Period": "domain.periods",
          "parse_period": "domain.period_parsing", "ChecksFailed": "importers.batches"}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'perfcli' has no attribute {name!r}")
    from importlib import import_module

    module = import_module(f"perfcli.{_HOMES.get(name, 'results')}")
    return getattr(module, name)
