"""The compendium's comparative parts for its template: comparative performance, funding, and
performance against spending (lower comparative performance is drawn from the dashboards
themselves, in perfcli.report.lower). The ranks and the spending table are handed in, read."""

from __future__ import annotations

from typing import Any

from perfcli.config import CommitteeSettings
from perfcli.domain.funding import SpendingTable
from perfcli.domain.period_parsing import parse_period
from perfcli.report.compendium import (
    NO_RANKS,
    NO_SPENDING,
    NOT_RANKED,
    NOT_SET_AGAINST,
    UNALIKE,
)
from perfcli.report.ranks import Ranked, ranks_context


def compendium_parts(
    council: str,
    committee: CommitteeSettings,
    ranks: Ranked | None,
    spending: SpendingTable | None,
) -> dict[str, Any]:
    """Every part by its template name; None for a part the workspace holds no data for.
    `ranks` are those of the report's period (else of the latest year held), or None without
    comparator data; `spending` is the committee's spending table, or None when it names none."""
    from perfcli.report.funding import funding_context, spending_context

    parts: dict[str, Any] = dict.fromkeys(("ranks", "funding", "spending"))
    if ranks is not None:
        display = parse_period(ranks.ranks.period).display
        parts["ranks"] = ranks_context(ranks, period_display=display)
    if spending is not None:
        note = "SYNTHETIC figures" if "SYNTHETIC" in (committee.spending or "") else ""
        parts["funding"] = funding_context(spending, council, committee.population, note=note)
        if ranks is not None and ranks.council is not None:
            parts["spending"] = spending_context(spending, ranks.ranks, council, note=note)
    parts["missing"] = missing_parts(parts, ranks, spending)
    return parts


def missing_parts(
    parts: dict[str, Any], ranks: Ranked | None, spending: SpendingTable | None
) -> dict[str, str]:
    """Why Part 2 or Part 3 is empty, as the document says it: not "no comparator data" where
    the data is held and the council is not found in it (a trial's compendium said so)."""
    why: dict[str, str] = {}
    if parts["ranks"] is None:
        why["ranks"] = NO_RANKS if ranks is None else NOT_RANKED
    if parts["spending"] is None:
        if spending is None or ranks is None:
            why["spending"] = NO_SPENDING
        else:
            why["spending"] = NOT_SET_AGAINST if ranks.council is None else UNALIKE
    return why
