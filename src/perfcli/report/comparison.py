"""The compendium's comparative parts, gathered for its template: comparative performance,
funding, performance against spending, and lower comparative performance."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from perfcli.periods import parse_period
from perfcli.rating import Progress
from perfcli.report.compendium import CompendiumTheme
from perfcli.store import Store
from perfcli.workspace import CommitteeSettings, Folder

PARTS = ("ranks", "funding", "spending", "lower")


def compendium_parts(
    folder: Folder, store: Store, committee: CommitteeSettings, period: str,
    themes: Sequence[CompendiumTheme],
) -> dict[str, Any]:  # fmt: skip
    """Every part by its template name; None for a part the workspace holds no data for."""
    from perfcli.report.funding import funding_context, read_table, spending_context
    from perfcli.report.ranks import ranks_context, ranks_from

    config = folder.config
    council = config.workspace.council or "The council"
    held = store.national_periods()
    ranks = None
    parts: dict[str, Any] = dict.fromkeys(PARTS)
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
    parts["lower"] = lower_context(themes)
    return parts


def lower_context(themes: Sequence[CompendiumTheme]) -> dict[str, Any] | None:
    """The bottom-quartile indicators theme by theme, and those of them that improved on last
    year (by the judged direction of travel)."""
    by_theme: list[dict[str, Any]] = []
    for theme in themes:
        bottom = [i for i in theme.indicators if i.quartile == 4]
        if bottom:
            by_theme.append({
                "theme": theme.name,
                "count": len(bottom),
                "rows": [{"description": i.description, "value": i.value_text,
                          "previous": i.previous_text, "quartile": i.quartile_shown,
                          "improved": i.direction is Progress.IMPROVED} for i in bottom],
            })  # fmt: skip
    if not by_theme:
        return None
    improved = [
        {"theme": t["theme"], "description": row["description"], "value": row["value"],
         "previous": row["previous"]}
        for t in by_theme for row in t["rows"] if row["improved"]
    ]  # fmt: skip
    return {
        "themes": by_theme,
        "total": sum(t["count"] for t in by_theme),
        "improved": improved,
    }
