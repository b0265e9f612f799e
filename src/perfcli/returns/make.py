"""`perfcli returns make`: one workbook per service owner for a period, sealed and protected.

Here each measure's row is planned from the store (its past figures, comparator, when commentary
is required); `returns.workbook` writes the workbook.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from perfcli.domain.asked_periods import asked_period, compared_period
from perfcli.domain.assessment import check_reported_kind
from perfcli.domain.checks import report_date
from perfcli.domain.line_checks import fits_period
from perfcli.domain.model import Aim, Measure, ReportLine
from perfcli.domain.period_labels import so_far
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.errors import UsageError, WorkspaceError
from perfcli.files import shown_path, write_atomically
from perfcli.importers.measures import owner_key
from perfcli.references import path_text
from perfcli.returns import (
    HISTORY,
    Identity,
    Row,
    forecast_asked,
    owners_of,
    returns_folder,
    unowned_measures,
)
from perfcli.returns.cells import asks_for_parts, held_before
from perfcli.returns.status import due_of
from perfcli.returns.workbook import Planned, return_workbook
from perfcli.store.database import Store
from perfcli.words import count
from perfcli.workspace import Folder


class MadeReturn(Struct):
    owner: str
    path: Path
    measures: list[str]


class MadeReturns(Struct):
    period: Period
    due: date | None
    made: list[MadeReturn] = field(default_factory=list)
    unowned: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    # Of those, the ids `perfcli link` joined into another measure: old id -> new id.
    joined: dict[str, str] = field(default_factory=dict)
    # Returns made before and left as they are (made again only with --force).
    kept: list[Path] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.label, "due": self.due.isoformat() if self.due else None,
            "made": [{"owner": m.owner, "file": path_text(m.path), "measures": m.measures}
                     for m in self.made],
            "kept": [path_text(path) for path in self.kept],
            "unowned": self.unowned, "unknown": self.unknown,
        }  # fmt: skip

    # Made before the period ended: a figure returned before its end is refused at import.
    early: bool = False


def make_returns(
    folder: Folder, store: Store, period: Period, *, due: date | None, force: bool
) -> MadeReturns:
    """Write every owner's return for `period` not made yet (all of them with `force`); refuse
    when every one exists already, when the period is of a kind the workspace does not report
    (as `rate` refuses it), or when the returns would be due before it ends."""
    _check_period(store, period, due)
    stored = {m.id: m for m in store.measures()}
    held = owners_of(folder, stored.values())
    if not held:
        raise UsageError(
            "no measure has an owner in perfcli.toml",
            hint='add owner = "KEY" under [measures.ID] and [owners.KEY] with name, email, service',
        )
    result = MadeReturns(period, due, early=not period.ended_by(report_date(folder.config)))
    owned = {mid for ids in held.values() for mid in ids}
    result.unowned = unowned_measures(store, list(stored), owned, period)
    result.unknown = sorted(mid for mid in owned if mid not in stored)
    result.joined = {mid: new for mid in result.unknown if (new := store.resolve(mid)) in stored}
    target = returns_folder(folder.root, period.label)
    for owner in held:
        if owner_key(owner) != owner:
            raise WorkspaceError(
                f"perfcli.toml: owner {owner!r} cannot name a file",
                hint=f"use letters, digits and hyphens, e.g. {owner_key(owner) or 'libraries'!r}",
            )
    existing = [target / f"{owner}.xlsx" for owner in held if (target / f"{owner}.xlsx").exists()]
    if existing and not force and len(existing) == len(held):
        written = shown_path(existing[0])
        if len(existing) > 1:
            written += f" and {count(len(existing) - 1, 'other return')}"
        raise UsageError(
            f"{written} already exist{'s' if len(existing) == 1 else ''}",
            hint="pass --force to make them again, replacing any filled in since",
        )
    made = store.workspace_key()
    assert made is not None
    workspace, key = made
    lines = _lines_for(store, period)
    for owner, ids in sorted(held.items()):
        planned = [_plan(folder, store, stored[mid], lines, period) for mid in ids if mid in stored]
        if not planned:
            continue
        identity = Identity(workspace, period.label, owner, tuple(p.row for p in planned))
        path = target / f"{owner}.xlsx"
        if path in existing and not force:  # an owner may have filled it in: only --force
            result.kept.append(path)
            continue
        # Made again without a date: the one it was due by stays (a second trial saw an
        # overdue return become merely awaited).
        when = due if due is not None or path not in existing else due_of(path)
        book = return_workbook(folder, identity, key, planned, when)
        write_atomically(path, book.save, force=True)
        result.made.append(MadeReturn(owner, path, [p.measure.id for p in planned]))
    return result


def _check_period(store: Store, period: Period, due: date | None) -> None:
    reports = store.report_periods()
    if reports:
        check_reported_kind(period, reports)
    if due is not None and not period.ended_by(due):
        raise UsageError(
            f"returns due on {due:%-d %B %Y} would be due before {period.display} ends"
            f" ({period.end:%-d %B %Y})",
            hint="give a due date after the period ends: its figures are not known before"
            " then, and import refuses them",
        )


def _lines_for(store: Store, period: Period) -> dict[str, ReportLine]:
    """Each measure's dashboard line for the period, else its latest before it."""
    found: dict[str, ReportLine] = {}
    for label in store.report_periods():
        if parse_period(label).start > period.start:
            continue
        for line in store.report_lines(label):
            found[line.measure_id] = line
    return found


def _plan(
    folder: Folder, store: Store, measure: Measure, lines: dict[str, ReportLine], period: Period
) -> Planned:
    line = lines.get(measure.id)
    this_period = line is not None and line.report_period == period.label
    figure_period = (
        line.current_period if line is not None and this_period
        else asked_period(measure, line, period).label
    )  # fmt: skip
    held = held_before(store, measure.id, figure_period)
    past = [
        _past(parse_period(o.period).display, o.printed(measure.unit))
        for o in reversed(held[-HISTORY:])
    ]  # as rate and Appendix A show it: 155,100
    commentary = next(
        (c.commentary for label in reversed(store.report_periods())
         if parse_period(label).start < period.start
         for c in store.report_lines(label) if c.measure_id == measure.id and c.commentary),
        "",
    )  # fmt: skip
    settings = folder.config.measures.get(measure.id)
    # A figure for a year not ended by the report date (ASCOF 2B's 2025/26, in April to June
    # 2025's return) is not asked for, since import refuses it: its forecast is. An academic
    # year in progress is, as the dashboard gives it: the position so far (seed 001's LALS).
    filed = parse_period(figure_period)
    due = filed.ended_by(report_date(folder.config)) or so_far(filed, period)
    comparator = ""
    if line is not None and line.comparator is not None:
        # Not another year's local target (or a Q1 milestone on Q2's return): the return is
        # read, rated and validated against its own period's, as a dashboard is.
        if fits_period(line.comparator, period, parse_period(figure_period)):
            comparator = line.comparator.raw
    return Planned(
        measure=measure,
        row=Row(measure.id, figure_period),
        comparator=comparator,
        past=past,
        last_commentary=commentary or "",
        has_parts=asks_for_parts(held),
        forecast=forecast_asked(
            bool(settings and settings.forecast), figure_period, report_date(folder.config)
        ),
        figure_open=due,
        required_when=_required_when(
            store, measure, line if this_period else None, figure_period, comparator
        ),  # fmt: skip
    )


def _required_when(
    store: Store, measure: Measure, line: ReportLine | None, figure_period: str, comparator: str
) -> str:
    """When the owner must explain the figure, against this measure's own comparator and the
    figure it is compared with (as `perfcli rate` compares it)."""
    from perfcli.domain.assessment import previous_of

    if measure.aim is Aim.INFO:
        return "not required: for information only"
    if line is not None:
        label, before = previous_of(store, measure, line)
    else:
        label = compared_period(measure, figure_period)
        before = store.observation(measure.id, label)
    reasons = [f"misses {comparator}"] if comparator else []
    # Only against a figure held: with none to compare, no progress asks for a word.
    if label is not None and before is not None and before.value is not None:
        display = parse_period(label).display
        reasons.append(f"is not as good as {display} ({_said(display, before.raw)})")
    return "the figure " + ", or ".join(reasons) if reasons else "not required"


def _past(period: str, raw: str) -> str:
    """`End of March 2025: 672`, not `End of March 2025: 672 End of March 2025` where the
    dashboard printed the period beside the figure."""
    return f"{period}: {_said(period, raw)}"


def _said(period: str, raw: str) -> str:
    """A figure's text without the period it is named by already."""
    said = re.sub(re.escape(period), "", raw, flags=re.I)
    return " ".join(said.split()) or raw
