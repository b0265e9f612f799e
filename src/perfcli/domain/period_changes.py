"""Every measure's change between two report periods, each period first judged from the
records (assessment), then each measure compared by the rules in changes: what `perfcli diff`
shows."""

from __future__ import annotations

from perfcli.config import Config
from perfcli.domain.assessment import Rated, rate_period, settings_for
from perfcli.domain.changes import Change, Side, compare
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
        earlier = _side(before.get(mid), judged=judged)
        if earlier is None and own_previous and mid in after and after[mid].previous is not None:
            # The later report's own previous column is the comparison its author made.
            earlier = Side(after[mid].previous, None, None)
        figures = [i.current.period for i in (before.get(mid), after.get(mid)) if i and i.current]
        changes.append(
            compare(
                item.measure,
                earlier,
                _side(after.get(mid), judged=new.label in reports),
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
        return Side(item.current, None, None)
    return Side(item.current, item.judgement, item.line.comparator)
