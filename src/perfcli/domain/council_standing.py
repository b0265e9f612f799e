"""A council's standing among comparator councils for one measure and period, from the records'
national figures and the workspace's own area and groups."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from perfcli.config import Config
from perfcli.domain.model import Measure
from perfcli.domain.records import Records

if TYPE_CHECKING:  # loaded where a standing is worked out: rating a file needs none
    from perfcli.domain.benchmarking import Standing


@dataclass(frozen=True)
class Benchmark:
    measure: Measure
    period: str
    standing: Standing
    england: float | None


def own_area(config: Config) -> str | None:
    return config.national.area or config.workspace.area_code


def benchmark_for(
    store: Records, config: Config, measure: Measure, period: str, group: str | None
) -> Benchmark | None:
    """The council's standing for one measure and period, or None without comparator data."""
    from perfcli.domain.benchmarking import standing

    rows = store.national(measure.id, period)
    if not rows:
        return None
    area = own_area(config)
    own = next((r.value for r in rows if r.area_code == area), None)
    if own is None:
        observation = store.observation(measure.id, period)
        own = observation.value if observation else None
    if own is None:
        return None
    if group:
        members = set(config.national.groups[group])
        values = [
            r.value
            for r in rows
            if r.area_code in members and r.area_code != area and r.value is not None
        ]
    else:
        values = [
            r.value for r in rows if r.is_council and r.area_code != area and r.value is not None
        ]
    result = standing(own, [*values, own], measure.aim)
    if result is None:
        return None
    england = next((r.value for r in rows if r.is_england), None)
    return Benchmark(measure, period, result, england)
