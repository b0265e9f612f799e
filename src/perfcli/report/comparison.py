"""The compendium's comparative parts from the workspace, for its template: comparative
performance, funding, and performance against spending (lower comparative performance is drawn
from the dashboards themselves, in perfcli.report.lower)."""

from __future__ import annotations

from typing import Any

from perfcli.domain.periods import parse_period
from perfcli.store.queries import Store
from perfcli.workspace import CommitteeSettings, Folder


def compendium_parts(
    folder: Folder, store: Store, committee: CommitteeSettings, period: str
) -> dict[str, Any]:
    """Every part by its template name; None for a part the workspace holds no data for."""
    from perfcli.report.funding import funding_context, read_table, spending_context
    from perfcli.report.ranks import ranks_context, ranks_from

    config = folder.config
    council = config.workspace.council or "The council"
    held = store.national_periods()
    ranks = None
    parts: dict[str, Any] = dict.fromkeys(("ranks", "funding", "spending"))
    if held:
        label = period if period in held else held[-1]
        group = config.national.group if config.national.group in config.national.groups else None
        ranks = ranks_from(store, config, label, group)
        parts["ranks"] = ranks_context(ranks, period_display=parse_period(label).display)
    if committee.spending:
        table = read_table(folder.root, committee.spending)
        note = "SYNTHETIC figures" if "SYNTHETIC" in committee.spending else ""
        parts["funding"] = funding_context(table, council, committee.population, note=note)
        if ranks is not None and ranks.council is not None:
            parts["spending"] = spending_context(table, ranks, council, note=note)
    return parts
