"""Comparator data read from the store into the domain's comparisons: comparative ranks and the
cost-effectiveness index, for `perfcli benchmark`, `perfcli index` and the compendium alike."""

from __future__ import annotations

from pathlib import Path

from perfcli.config import Config
from perfcli.domain.cost_index import (
    CostIndex,
    cost_index,
    indicators_from_national,
    outcome_composite,
)
from perfcli.domain.council_standing import own_area
from perfcli.domain.ranks import comparative_ranks, position_history
from perfcli.results.national import RanksResult
from perfcli.store.database import Store


def ranks_from(store: Store, config: Config, period: str, group: str | None) -> RanksResult:
    """Rank the comparator councils on every measure with a direction, for `period`, and the
    council's overall position in every year held. A measure's theme is its theme, else its
    section; `group` (a [national.groups] name) limits the councils to its members."""
    measures = store.measures()
    aims = {m.id: m.aim for m in measures}
    themes = themes_of_measures(store)
    held = store.national_periods()
    rows = [row for m in measures for label in held for row in store.national(m.id, label)]
    members = set(config.national.groups[group]) if group else None
    area = own_area(config)
    ranks = comparative_ranks(rows, aims, themes, period, members, area)
    council = area if area is not None and area in ranks.names else None
    upto = held[: held.index(period) + 1]
    history = (
        position_history(rows, aims, themes, upto, council, members) if council is not None else []
    )
    return RanksResult(ranks, group, council, history)


def themes_of_measures(store: Store) -> dict[str, str]:
    """Each measure's theme: its own, else the theme (or section) its latest report gives it."""
    latest = store.latest_reports()
    lines = {
        line.measure_id: line
        for period in sorted(set(latest.values()))
        for line in store.report_lines(period)
        if latest.get(line.measure_id) == period
    }
    themes = {}
    for measure in store.measures():
        line = lines.get(measure.id)
        shown = line.theme or line.section if line is not None else None
        themes[measure.id] = measure.theme or measure.section or shown or "Other indicators"
    return themes


def index_from(
    config: Config, store: Store | None, path: Path, *, council: str | None = None
) -> CostIndex:
    """The cost-effectiveness index of an index table's councils. Without an Outcome score
    column, the outcome is the composite of the workspace's comparator data for its latest year
    (each indicator scored by the council's quartile, by its aim), councils named as there."""
    from perfcli.importers.index_table import read_index_table

    table = read_index_table(path)
    outcome = table.outcome
    if not any(value is not None for value in outcome.values()) and store is not None:
        held = store.national_periods()
        if held:
            measures = store.measures()
            rows = [row for m in measures for row in store.national(m.id, held[-1])]
            aims = {m.id: m.aim for m in measures}
            composite = outcome_composite(indicators_from_national(rows, aims, held[-1]))
            outcome = {name: composite.get(name) for name in table.spending}
    own = council or own_name(table.spending, config.workspace.council)
    return cost_index(table.spending, outcome, council=own)


def own_name(names: dict[str, float | None], council: str) -> str | None:
    """The council as the index table names it: `Leicestershire` for Leicestershire County Council."""
    matches = [name for name in names if name and name.lower() in council.lower()]
    return max(matches, key=len) if matches else None
