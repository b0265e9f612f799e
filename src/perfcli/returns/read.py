"""Read a service owner's return back: check its seal, then take its figures and commentary."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec.structs import replace

from perfcli.domain.checks import report_date
from perfcli.domain.dates import long_date
from perfcli.domain.figures import Unit, figure_text
from perfcli.domain.line_checks import fits_period
from perfcli.domain.model import Measure, Observation, ReportLine, rounds_to
from perfcli.domain.outcomes import Progress, Rag, Rating
from perfcli.domain.owners import commentary_needed, owner_of
from perfcli.domain.period_labels import so_far
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.domain.records import ImportBatch, Place, Returned
from perfcli.errors import InputError, PerfcliError, quoted
from perfcli.importers.grid import Sheet
from perfcli.importers.measures import Context, comparator_at
from perfcli.importers.problems import Problem
from perfcli.location import Location
from perfcli.references import cell_order
from perfcli.returns import (
    CELLS_FROM,
    CODE,
    COMMENTARY,
    COMPARATOR,
    FIGURE,
    FIRST_ROW,
    FORECAST,
    HEADER_ROW,
    HEADINGS,
    LOCKED_COLUMNS,
    MEASURE,
    RETURN_SHEET,
    SEAL_MARK,
    SEAL_ROWS,
    SEAL_SHEET,
    Identity,
    approver_rows,
    cell_seal,
    forecast_asked,
    read_rows,
    same,
    whole_seal,
)  # fmt: skip
from perfcli.returns.cells import (
    CELL_REF,
    asks_for_parts,
    cell_at,
    cell_ref,
    date_in,
    held_before,
    lines_at,
    number_at,
    observation_at,
    text_at,
    usual_places,
    value_at,
)
from perfcli.returns.newest import saved_at
from perfcli.workspace import Folder

if TYPE_CHECKING:
    from perfcli.store.database import Store


def is_return(sheets: list[Sheet]) -> bool:
    """A workbook `perfcli returns make` wrote: its hidden sheet says so."""
    seal = next((s for s in sheets if s.name == SEAL_SHEET), None)
    return seal is not None and text_at(seal, SEAL_ROWS["mark"], 2) == SEAL_MARK


def _unsealed_return(sheets: list[Sheet]) -> bool:
    """A workbook with a Return sheet headed as a return's is, whatever its hidden sheet."""
    sheet = next((s for s in sheets if s.name == RETURN_SHEET), None)
    if sheet is None:
        return False
    return all(text_at(sheet, HEADER_ROW, column) == text for column, text in HEADINGS.items())


def read_if_return(path: Path, sheets: list[Sheet], ctx: Context, batch: ImportBatch) -> bool:
    """Read the file as a return when it is one (an import's `Context.returns`); refuse one that
    was a return until its hidden sheet was lost (copied sheet by sheet into a new workbook)."""
    if not is_return(sheets):
        if _unsealed_return(sheets):
            raise InputError(
                f"looks like a return made by 'perfcli returns make' whose hidden sheet"
                f" {SEAL_SHEET!r} was deleted, so perfcli cannot tell whose return it is or check"
                " its locked cells", file=path, sheet=RETURN_SHEET,
                hint="ask the owner for the workbook they were sent, filled in, or copy their"
                " figures into it (returns/PERIOD/OWNER.xlsx)",
            )  # fmt: skip
        return False
    read_return(path, sheets, ctx, batch)
    return True


def returned_of(path: Path, sheets: list[Sheet]) -> Returned:
    """Whose return a workbook is, for which period, when approved, made and saved, as its
    cells say before it is checked or imported (a date approved that is not a date is none)."""
    seal = next(s for s in sheets if s.name == SEAL_SHEET)
    sheet = next((s for s in sheets if s.name == RETURN_SHEET), None)
    approver = approved = None
    rows = read_rows(text_at(seal, SEAL_ROWS["measures"], 2))
    if sheet is not None and rows:
        by_row, on_row = approver_rows(len(rows))
        approver = text_at(sheet, by_row, MEASURE) or None
        when = date_in(value_at(sheet, on_row, MEASURE))[0]
        approved = when.isoformat() if when else None
    made = text_at(seal, SEAL_ROWS["made"], 2) or None
    owner, period = text_at(seal, SEAL_ROWS["owner"], 2), text_at(seal, SEAL_ROWS["period"], 2)
    return Returned(owner, period, approver, approved, made, saved_at(path))


def read_return(path: Path, sheets: list[Sheet], ctx: Context, batch: ImportBatch) -> None:
    """Check a return is this workspace's, for the period expected, with its locked cells as
    they were made; then read what its owner filled in. A problem in a filled cell is kept in
    the batch, at its cell; a return that is not genuine is refused whole."""
    from perfcli.store.database import open_store, store_exists  # only for a return: not rate FILE

    seal = next(s for s in sheets if s.name == SEAL_SHEET)
    sheet = next((s for s in sheets if s.name == RETURN_SHEET), None)
    if sheet is None:
        raise InputError(f"a return without its sheet {RETURN_SHEET!r}", file=path)
    folder = ctx.folder
    if folder is None or not store_exists(folder):
        raise seal.error("a service owner's return: import it into the workspace that made it",
                         cell_ref(SEAL_ROWS["workspace"], 2))  # fmt: skip
    with open_store(folder) as store:
        workspace, key = store.workspace_key(make=False) or ("none made", b"")
        identity = _identity(path, seal, ctx, workspace)
        _check_seal(seal, sheet, identity, key)
        _check_owner(sheet, identity, folder, store)
        _read_rows(path, sheet, identity, folder, store, batch)
    _rows_added(path, sheet, len(identity.rows), batch)
    if batch.returned is not None:  # when it was made and saved: which of two returns is newer
        made = text_at(seal, SEAL_ROWS["made"], 2) or None
        batch.returned = replace(batch.returned, made_at=made, saved_at=saved_at(path))
    # Listed as an owner reads the sheet, by row, then column (the approval, read first, last).
    batch.problems.sort(key=lambda problem: cell_order(problem.error.cell))


def _identity(path: Path, seal: Sheet, ctx: Context, workspace: str) -> Identity:
    at = SEAL_ROWS
    theirs = text_at(seal, at["workspace"], 2)
    if theirs != workspace:
        raise seal.error(f"a return made by another workspace ({theirs or 'none'}), not this one"
                         f" ({workspace})", cell_ref(at["workspace"], 2),
                         hint="import it into the workspace that made it")  # fmt: skip
    label = text_at(seal, at["period"], 2)
    try:
        period = parse_period(label)
    except PerfcliError:
        raise seal.error(f"{label!r} is not a period", cell_ref(at["period"], 2)) from None
    expected = ctx.period or _period_of_folder(path)
    if expected is not None and expected.label != period.label:
        raise seal.error(
            f"a return for {period.display}, not {expected.display}", cell_ref(at["period"], 2),
            hint=f"import it with the returns for {period.display}",
        )  # fmt: skip
    rows = read_rows(text_at(seal, at["measures"], 2))
    if not rows:
        raise seal.error("lists no measures", cell_ref(at["measures"], 2))
    return Identity(workspace, period.label, text_at(seal, at["owner"], 2), rows)


def _period_of_folder(path: Path) -> Period | None:
    """The period a return's folder is named after (returns/2025-26-Q1/), if it is one."""
    try:
        return parse_period(path.resolve().parent.name)
    except PerfcliError:
        return None


def _check_seal(seal: Sheet, sheet: Sheet, identity: Identity, key: bytes) -> None:
    refs: list[tuple[str, str]] = []
    number = CELLS_FROM
    while (ref := text_at(seal, number, 1)) and CELL_REF.fullmatch(ref):
        refs.append((ref, text_at(seal, number, 2)))
        number += 1
    expected = whole_seal(key, identity, [ref for ref, _ in refs])
    if not refs or not same(text_at(seal, SEAL_ROWS["seal"], 2), expected):
        raise seal.error("the hidden sheet was changed: not a return as perfcli made it",
                         cell_ref(SEAL_ROWS["seal"], 2),
                         hint="ask the owner to fill in the return they were sent")  # fmt: skip
    edited = []
    for ref, mac in refs:
        row, column = cell_order(ref)
        if not same(mac, cell_seal(key, identity, ref, value_at(sheet, row, column))):
            edited.append(ref)
    # A locked cell made empty is sealed by being in no list: it must stay empty (a target
    # typed into an empty comparator cell would be rated against).
    sealed = {ref for ref, _ in refs}
    for row in range(FIRST_ROW, FIRST_ROW + len(identity.rows)):
        for column in LOCKED_COLUMNS:
            ref = cell_ref(row, column)
            if ref not in sealed and text_at(sheet, row, column):
                edited.append(ref)
    edited.sort(key=cell_order)
    if edited:
        others = len(edited) - 1
        more = (
            f"; {others} more locked {'cell' if others == 1 else 'cells'} changed too"
            if others
            else ""
        )
        raise sheet.error("a locked cell was changed after the return was made", edited[0],
                          hint=f"only the white cells may be filled in{more}")  # fmt: skip


def measure_for(store: Store, measure_id: str) -> Measure | None:
    """The stored measure a return's row names: its id, or the measure it was joined into by
    `perfcli link` since the return was made (the old id is then the new one's alias)."""
    found = store.measure(measure_id)
    if found is not None:
        return found
    joined = store.resolve(measure_id)
    return store.measure(joined) if joined is not None else None


def _check_owner(sheet: Sheet, identity: Identity, folder: Folder, store: Store) -> None:
    """Each measure is still the return's owner's: a measure handed to another owner since the
    return was made is theirs to return."""
    for offset, row in enumerate(identity.rows):
        measure = measure_for(store, row.measure_id)
        now = owner_of(measure, folder.config) if measure is not None else None
        stale = folder.config.measures.get(row.measure_id)
        if measure is not None and now is None and measure.id != row.measure_id and stale:
            raise sheet.error(
                f"{row.measure_id} was joined into {measure.id} ('perfcli link') and has no"
                f" owner under that id: perfcli.toml gives it under [measures.{row.measure_id}]",
                cell_ref(FIRST_ROW + offset, CODE),
                hint=f"rename [measures.{row.measure_id}] to [measures.{measure.id}] in"
                " perfcli.toml, then import the return again",
            )
        if measure is not None and now != identity.owner:
            raise sheet.error(
                f"{measure.id} is held by {now or 'no owner'} now, not {identity.owner}",
                cell_ref(FIRST_ROW + offset, CODE),
                hint=f"make {now}'s return again with 'perfcli returns make --force'"
                if now else "give it an owner in perfcli.toml",
            )  # fmt: skip


def _read_rows(
    path: Path, sheet: Sheet, identity: Identity, folder: Folder, store: Store,
    batch: ImportBatch,
) -> None:  # fmt: skip
    today = report_date(folder.config)  # as the import's checks judge it: the report date
    approver, approved = _approval(
        sheet, len(identity.rows), batch, parse_period(identity.period), today
    )
    lines = {line.measure_id: line for line in store.report_lines(identity.period)}
    order = _dashboard_order(store, identity.period)
    for offset, row in enumerate(identity.rows):
        number = FIRST_ROW + offset
        measure = measure_for(store, row.measure_id)
        if measure is None:
            _problem(batch, sheet, f"measure {row.measure_id} is no longer in the workspace",
                     cell_ref(number, FIGURE), hint="'perfcli measures' lists those it holds; if it"
                     " was renamed, 'perfcli link' joins the old id to the new one")  # fmt: skip
            continue
        try:
            held = held_before(store, measure.id, row.period)
            observation = observation_at(sheet, number, measure, row.period, usual_places(held),
                                         parts=asks_for_parts(held))  # fmt: skip
            if _a_fraction(path, sheet, number, measure, observation, held, batch):
                continue  # refused at its cell: nothing more of the row is read
            forecast = number_at(sheet, number, FORECAST, Unit.NUMBER)
            asked = folder.config.measures.get(measure.id)
            wanted = forecast_asked(bool(asked and asked.forecast), row.period, today)
            if forecast is not None and not wanted:
                # A locked, grey cell filled all the same (openpyxl writes through protection):
                # the committee is given no forecast for this measure.
                batch.note(Location(path.name, sheet.name, cell_ref(number, FORECAST)),
                           "a year-end forecast where the return asks for none: not read")  # fmt: skip
                forecast = None
            base = lines.get(measure.id) or _new_line(
                sheet, number, measure, identity.period, row.period,
                order.get(measure.id, len(order) + offset),
            )  # fmt: skip
        except InputError as error:
            batch.problems.append(Problem(error, "row not imported"))
            continue
        commentary = lines_at(sheet, number, COMMENTARY) or None
        typed = commentary
        if commentary is not None and _SAYS_NOTHING.fullmatch(commentary):
            # `-`, `n/a` or `tbc` typed to get past a required commentary says nothing, and had
            # gone into the report as a sentence ("N/A.").
            commentary = None
        if observation is None and commentary is None and forecast is None:
            continue
        line = replace(
            base, commentary=commentary, returned_by=identity.owner, approved_by=approver,
            approved_on=approved, forecast=forecast,
        )  # fmt: skip
        for_period = parse_period(row.period)
        # An academic year in progress is given as the position so far (seed 001's LALS).
        in_progress = so_far(for_period, parse_period(identity.period))
        if observation is not None and not for_period.ended_by(today) and not in_progress:
            _problem(batch, sheet, f"a figure for {for_period.display}, which has not ended by"
                     f" {today:%-d %B %Y}", cell_ref(number, FIGURE),
                     hint=f"type it once {for_period.display} has ended"
                     f" ({for_period.end:%-d %B %Y})")  # fmt: skip
            continue
        signed = date.fromisoformat(approved) if approved else None
        if (
            observation is not None
            and signed is not None
            and not for_period.ended_by(signed)
            and not in_progress
        ):
            # A trial's: returns made with no report date set (judged by the clock, long after)
            # asked for 2025/26's own figure, and an owner's forecast, approved in July 2025,
            # went into the store and the draft as the year's outturn.
            _problem(batch, sheet, f"a figure for {for_period.display}, approved on"
                     f" {long_date(signed)}, before {for_period.display} ended"
                     f" ({long_date(for_period.end)}): then it can only be a forecast",
                     cell_ref(number, FIGURE), hint="set report_date under [workspace] in"
                     " perfcli.toml to the report's date and make the returns again: they then"
                     " ask for a forecast")  # fmt: skip
            continue
        if observation is not None:
            if not _says_what_is_held(store, observation):  # the printed marks describe another
                line = replace(line, published_rating=None, published_progress=None,
                               published_rag=None)  # fmt: skip
            why = None if commentary else _why_needed(store, folder, measure, observation, line)
            if why is not None:
                given = f" ({quoted(typed)} is not commentary)" if typed else ""
                _problem(batch, sheet, f"commentary is required{given}: {why}",
                         cell_ref(number, COMMENTARY),
                         hint="say why the figure moved, for the committee")  # fmt: skip
                continue
            batch.observations.append((observation, Place(RETURN_SHEET, cell_ref(number, FIGURE))))
        batch.measures[measure.id] = measure
        batch.lines.append(line)
    if not batch.lines and not batch.problems:
        batch.note(
            Location(path.name), f"the return for {identity.owner!r} has nothing filled in yet"
        )
    batch.returned = Returned(identity.owner, identity.period, approver, approved)


def _says_what_is_held(store: Store, observation: Observation) -> bool:
    """Whether the owner's figure is the one held, or the one held given more precisely
    (`159,100` for a dashboard's `159.1k`), so that the marks printed for it still describe it."""
    held = store.observation(observation.measure_id, observation.period)
    return held is not None and (held.same_figures(observation) or rounds_to(observation, held))


_SAYS_NOTHING = re.compile(
    r"[\W_\d]*"  # marks or a bare number (`-`, `.`, `0`)
    r"|(?:n\W?a|t\W?b\W?[cda]|x+|none|nil|no comments?|not applicable|awaiting|pending"
    r"|to (?:be )?(?:confirmed|follow|advise|come)|(?:commentary|comments?|update) to follow)\W*"
    r"|(?:n\W?a|see|as)\W*(?:see\s+)?(?:above|below|previous(?: quarter| return| year)?)\W*",
    re.I,
)


def _a_fraction(
    path: Path, sheet: Sheet, number: int, measure: Measure, observation: Observation | None,
    held: list[Observation], batch: ImportBatch,
) -> bool:  # fmt: skip
    """Whether the row is refused. A percentage typed as its fraction (`0.828` in a cell not
    formatted as a percentage), where the measure's figures held are whole percentages, is
    warned at its cell (a trial's was taken as 0.828% and rated below, silently). Where the
    last figure held is 10% or more, a fall to under 1% is no figure at all: the row is refused
    (a fourth trial's `0.828` under a held 88.7% reached a final report as 0.828%, down 87.872
    percentage points). Typed as text with its sign (`0.8%`), it is the percentage written."""
    if observation is None or observation.value is None or measure.unit is not Unit.PERCENT:
        return False
    typed = cell_at(sheet, number, FIGURE)
    if typed is not None and "%" in (typed.value if isinstance(typed.value, str) else
                                     typed.number_format or ""):  # fmt: skip
        return False  # `0.8%` typed as text, or into a cell Excel formats as a percentage
    before = next((o for o in reversed(held) if o.value is not None), None)
    last = before.value if before is not None else None
    if not 0 < observation.value < 1 or (last is not None and last < 1):
        return False
    shown = f"{observation.value * 100:g}"
    ref = cell_ref(number, FIGURE)
    if before is not None and last is not None and last >= _WHOLE_PERCENTAGES:
        said = figure_text(last, measure.unit, before.decimals, before.scale)
        _problem(batch, sheet, f"{observation.value:g} would be {observation.value:g}%, against"
                 f" {said} for {parse_period(before.period).display}: the fraction {shown}%?", ref,
                 hint=f"type {shown} if it is {shown}%, or {observation.value:g}% if it is that")  # fmt: skip
        return True
    batch.note(
        Location(path.name, sheet.name, ref),
        f"{observation.value:g} reads as {observation.value:g}%, but may be the fraction {shown}%",
        hint=f"if it is {shown}%, type {shown}",
    )
    return False


# A percentage whose last figure was at least this, typed under 1%, is taken for a fraction.
_WHOLE_PERCENTAGES = 10.0


def _rows_added(path: Path, sheet: Sheet, measures: int, batch: ImportBatch) -> None:
    """A row the owner typed below the table (a measure of their own, a note) is not read: said
    at its row, as a trial's added measure, figure and commentary were dropped without a word."""
    by_row, on_row = approver_rows(measures)
    last = FIRST_ROW + measures - 1
    for number in sorted(row for row in sheet.rows if row > last):
        cells = sheet.rows[number]
        typed = sorted(
            column
            for column, cell in cells.items()
            if cell.text and not (number in (by_row, on_row) and column in (CODE, MEASURE))
        )
        if typed:
            batch.note(
                Location(path.name, sheet.name, cell_ref(number, typed[0])),
                f"row {number} is below the return's measures: what is typed in it is not read",
                hint="a measure is added to the returns by giving it an owner in perfcli.toml and"
                " making them again ('perfcli returns make'); a note belongs in the"
                " measure's Commentary cell",
            )


def _problem(
    batch: ImportBatch, sheet: Sheet, message: str, ref: str, *, hint: str | None = None,
    action: str = "row not imported",
) -> None:  # fmt: skip
    batch.problems.append(Problem(sheet.error(message, ref, hint=hint), action))


def _why_needed(
    store: Store, folder: Folder, measure: Measure, observation: Observation, line: ReportLine
) -> str | None:
    """Why the figure needs commentary, judged as `perfcli rate` will judge it."""
    from perfcli.domain.assessment import previous_of, settings_for
    from perfcli.domain.rating import judge

    label, previous = previous_of(store, measure, line)
    settings = settings_for(folder.config, measure.id)
    judged = judge(measure, observation, previous, line.comparator, settings)
    why = commentary_needed(judged)
    if (
        why is None
        or judged.progress is not Progress.WORSE
        or judged.rating is Rating.BELOW
        or judged.rag in (Rag.AMBER, Rag.RED)
        or previous is None
        or previous.value is None
        or judged.change is None  # from 0: the reason says it in figures (`up from 0 to 5`)
    ):
        return why  # its comparator missed: `35,000 is 15.9% below the milestone 41.6k`
    # Not as good as before, in the owner's words, not the rating's (`-2.4 pp is beyond ±1.5 pp
    # (aim: high)`, which a trial's reminder email quoted to a service manager).
    assert observation.value is not None
    unit = measure.unit
    shown = figure_text(observation.value, unit, observation.decimals, observation.scale)
    before = figure_text(previous.value, unit, previous.decimals, previous.scale)
    by = f"{abs(judged.change):.1f}" + (
        " percentage points" if judged.change_unit == "pp" else f"{judged.change_unit or ''}"
    )
    way = "lower" if judged.change < 0 else "higher"
    when = parse_period(label).display if label else "the period before"
    return f"{shown} is {by} {way} than {when}'s {before}"


def _dashboard_order(store: Store, period: str) -> dict[str, int]:
    """Each measure's place on the latest dashboard before `period`: a period held only from
    returns lists its measures in that order, not owner by owner (a trial's Appendix A put
    Delay Need's table before Prevent Need's)."""
    here = parse_period(period)
    earlier = [p for p in map(parse_period, store.report_periods()) if p < here]
    lines = store.report_lines(max(earlier).label) if earlier else []
    return {line.measure_id: line.position for line in lines}


def _new_line(
    sheet: Sheet, row: int, measure: Measure, report: str, period: str, position: int
) -> ReportLine:
    """The line of a period no dashboard has given: it is judged against the comparator the
    return printed (sealed, so as it was made), as the owner was told it would be; but not
    against another year's local target, which a dashboard could not give for it either."""
    printed = text_at(sheet, row, COMPARATOR)
    now = parse_period(period)
    comparator = comparator_at(sheet, printed, cell_ref(row, COMPARATOR), now)
    if comparator is not None and not fits_period(comparator, parse_period(report), now):
        comparator = None
    return ReportLine(report_period=report, measure_id=measure.id, code=measure.code,
                      description=measure.description, current_period=period,
                      comparator=comparator, section=measure.section, outcome=measure.outcome,
                      position=position)  # fmt: skip


def _approval(
    sheet: Sheet, measures: int, batch: ImportBatch, period: Period, today: date
) -> tuple[str | None, str | None]:
    """Who approved the return and when: both, or neither (a problem at the cell lacking). A
    date to come, or before the period ended, is no approval of its figures (a trial's 2031
    and 1 May 2025, for April to June 2025, were taken)."""
    by_row, on_row = approver_rows(measures)
    approver = text_at(sheet, by_row, MEASURE) or None
    when, wrong = date_in(value_at(sheet, on_row, MEASURE))
    problem = None
    if wrong is not None:
        problem = (f"{wrong!r} is not a date", cell_ref(on_row, MEASURE))
    elif when is not None and when > today:
        problem = (f"approved on {long_date(when)}, a date to come", cell_ref(on_row, MEASURE))
    elif when is not None and when <= period.end:
        problem = (f"approved on {long_date(when)}, before {period.display} was over (it ends"
                   f" {long_date(period.end)})", cell_ref(on_row, MEASURE))  # fmt: skip
    elif approver and when is None:
        problem = ("approved, with no date", cell_ref(on_row, MEASURE))
    elif when is not None and not approver:
        problem = ("a date approved, with no one named", cell_ref(by_row, MEASURE))
    if problem is not None:
        _problem(batch, sheet, *problem, action="approval not imported")
        return None, None
    return approver, when.isoformat() if when else None
