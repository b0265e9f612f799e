"""A council's standing among comparator councils for one measure and period, from the records'
national figures and the workspace's own area and groups."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct

from perfcli.config import Config
from perfcli.domain.figures import Figure, figure_text
from perfcli.domain.model import Measure
from perfcli.domain.records import Records

if TYPE_CHECKING:  # loaded where a standing is worked out: rating a file needs none
    from perfcli.domain.benchmarking import Standing


class Benchmark(Struct, frozen=True):
    measure: Measure
    period: str
    standing: Standing
    england: float | None
    # The council's own figure as its dashboard printed it (unit, decimals, scale), when held.
    printed: Figure | None = None

    def shown(self, value: float) -> str:
        """A figure of this benchmark (the council's, a mean, a median, England's) printed as
        the measure's figures are (`2.0%`, `92.0k`, `13.7 per 100k`): one form for them all;
        without a printed figure, whole when the council's figure is whole, else to one place."""
        printed = self.printed
        if printed is None:
            decimals = 0 if self.standing.value == int(self.standing.value) else 1
            return figure_text(value, self.measure.unit, decimals)
        unit = printed.unit or self.measure.unit
        return figure_text(value, unit, printed.decimals, printed.scale, printed.currency)


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


def printed_figure(store: Records, measure_id: str, period: str) -> Figure | None:
    """The council's figure for `period` as its dashboard printed it, else the year before's
    (comparator data lags a year), for `Benchmark.shown`; None when neither is held."""
    from perfcli.domain.period_parsing import parse_period

    for label in (period, parse_period(period).previous().label):
        found = store.observation(measure_id, label)
        if found is not None and (figure := found.figure) is not None:
            return figure
    return None
