"""Every measure's change between two report periods, each period first judged from the
records (assessment), then each measure compared by the rules in changes: what `perfcli diff`
shows."""

from __future__ import annotations

from perfcli.config import Config
from perfcli.domain.assessment import Rated, rate_period, settings_for
from perfcli.domain.changes import Change, Side, compare, earlier_side
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.domain.records import Records


def changes_between(store: Records, config: Config, old: Period, new: Period) -> list[Change]:
    """Each measure's change from one period's judgement to another's."""
    before = {item.measure.id: item for item in rate_period(store, config, old)}
    after = {item.measure.id: item for item in rate_period(store, config, new)}
    revised = store.revised()
    held = store.periods_held()
    changes = []
    own_previous = new.previous() == old
    # A period held only as figures (a report's previous column) was never judged: its
    # figures are compared, but it has no rating of its own to compare.
    reports = store.report_periods()
    judged = old.label in reports
    for mid in list(dict.fromkeys([*after, *before])):
        item = after.get(mid) or before[mid]
        periods = [parse_period(p) for p in held.get(mid, [])]
        later = _side(after.get(mid), judged=new.label in reports)
        earlier = earlier_side(
            _side(before.get(mid), judged=judged),
            later,
            after[mid].previous_period if mid in after else None,
            own_previous=own_previous,
        )
        figures = [s.observation.period for s in (earlier, later) if s and s.observation]
        changes.append(
            compare(
                item.measure,
                earlier,
                later,
                settings_for(config, mid),
                revised=any((mid, p) in revised for p in figures),
                later_data=any(p.start > old.end for p in periods),
                earlier_data=any(p.end < new.start for p in periods),
                periods=(old.display, new.display),
            )
        )
    return changes


def _side(item: Rated | None, *, judged: bool = True) -> Side | None:
    if item is None:
        return None
    if not judged:
        return Side(item.current, None, None, item.previous)
    return Side(item.current, item.judgement, item.line.comparator, item.previous)
