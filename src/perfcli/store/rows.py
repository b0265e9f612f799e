"""The store's records as rows of typed columns, and back: one place says which field is which
column, for the store, its migration and `perfcli link`.

Plain DB-API values only (text, real, integer, NULL), so any SQL engine can hold them.
"""

from __future__ import annotations

import functools
import operator
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from msgspec import NODEFAULT, Struct
from msgspec.structs import fields

from perfcli.domain.comparator_parsing import ComparatorKind
from perfcli.domain.comparator_types import (
    AverageComparator,
    BandComparator,
    Comparator,
    TargetComparator,
    TextComparator,
    ThresholdComparator,
)
from perfcli.domain.figures import Unit, figure_text
from perfcli.domain.model import (
    Aim,
    Basis,
    Frequency,
    Measure,
    Observation,
    PreviousBasis,
    QuartilePosition,
    ReportLine,
)
from perfcli.domain.outcomes import Progress, Rag, Rating
from perfcli.domain.records import Place
from perfcli.location import Location

Row = Sequence[Any]

MEASURE_COLUMNS = (
    "id", "code", "description", "aim", "unit", "section", "outcome", "plan", "theme",
    "frequency", "basis", "survey", "previous", "preferred_direction", "survey_period", "owner",
)  # fmt: skip
# A measure's lists, one row per entry in `measure_texts` (list, position, text).
MEASURE_LISTS = ("tags", "footnotes", "aliases")

# An observation's figure, as `observations` and `revisions` both hold it.
FIGURE_COLUMNS = (
    "value_text", "value", "unit", "decimals", "scale", "currency", "numerator", "denominator",
    "count_value", "count_label", "lower_ci", "upper_ci", "status", "reason", "note",
)  # fmt: skip
# An observation as `observations` and `revisions` both hold it, after its key (measure_id,
# period): its figure, where it was read, and the import that wrote it.
HELD_COLUMNS = (*FIGURE_COLUMNS, "sheet", "cell", "import_id", "recorded_at")
_FIGURE_FIELDS = (
    "raw", "value", "unit", "decimals", "scale", "currency", "numerator", "denominator",
    "count", "count_label", "lower_ci", "upper_ci", "status", "reason", "note",
)  # fmt: skip

LINE_COLUMNS = (
    "report_period", "measure_id", "code", "description", "current_period", "previous_period",
    "commentary", "section", "outcome", "plan", "theme", "published_rating", "published_progress",
    "published_rag", "published_quartile", "override", "override_reason", "position",
    "returned_by", "approved_by", "approved_on", "forecast",
)  # fmt: skip
QUARTILE_COLUMNS = (
    "quartile_best", "quartile_worst", "quartile_period", "quartile_group", "quartile_printed",
    "quartile_marks", "quartile_period_printed",
)  # fmt: skip
# Where the line's marks were printed (ReportLine.marks_at): the row's sheet and each mark's
# cell; the file is its import's.
MARK_PLACE_COLUMNS = ("mark_sheet", "rating_cell", "progress_cell", "rag_cell")
_MARK_KEYS = ("rating", "progress", "rag")  # MarkColumn's values, in MARK_PLACE_COLUMNS' order
STORED_LINE_COLUMNS = (*LINE_COLUMNS, *QUARTILE_COLUMNS, *MARK_PLACE_COLUMNS)
# Each field read in one call (a store write is row upon row of them); the enums among them,
# written as their values, by position.
_FIGURE_GETTER = operator.attrgetter(*_FIGURE_FIELDS)
_UNIT = _FIGURE_FIELDS.index("unit")
_LINE_GETTER = operator.attrgetter(*LINE_COLUMNS)
_MARKS = slice(LINE_COLUMNS.index("published_rating"), LINE_COLUMNS.index("published_rag") + 1)
COMPARATOR_COLUMNS = (
    "kind", "raw", "unit", "decimals", "scale", "period", "label", "count_value", "value", "low",
    "high", "op", "reason",
)  # fmt: skip


F = TypeVar("F", bound=Callable[..., Any])


def _read_back(read: F) -> F:
    """A row a hand edit left unreadable (`aim = 'sideways'`) is a damaged store, not a crash."""

    @functools.wraps(read)
    def checked(*args: Any) -> Any:
        try:
            return read(*args)
        except (ValueError, TypeError, KeyError) as error:
            raise sqlite3.DatabaseError(f"a stored record does not read back: {error}") from None

    return checked  # type: ignore[return-value]


def _enum(kind: Any, text: object) -> Any:
    return None if text is None else kind(text)


# Measures ---------------------------------------------------------------------------------


def measure_row(measure: Measure) -> tuple[Any, ...]:
    m = measure
    return (m.id, m.code, m.description, m.aim.value, m.unit.value, m.section, m.outcome, m.plan,
            m.theme, _text(m.frequency), _text(m.basis), int(m.survey), m.previous.value,
            _text(m.preferred_direction), m.survey_period, m.owner)  # fmt: skip


def measure_texts(measure: Measure) -> list[tuple[str, int, str]]:
    """(list, position, text) for each entry of the measure's tags, footnotes and aliases."""
    return [
        (name, position, text)
        for name in MEASURE_LISTS
        for position, text in enumerate(getattr(measure, name))
    ]


@_read_back
def measure_from(row: Row, texts: Sequence[tuple[str, str]] = ()) -> Measure:
    """A measure from its `MEASURE_COLUMNS` row and its (list, text) rows in order."""
    lists: dict[str, list[str]] = {name: [] for name in MEASURE_LISTS}
    for name, text in texts:
        lists[name].append(text)
    (id_, code, description, aim, unit, section, outcome, plan, theme, frequency, basis, survey,
     previous, preferred, survey_period, owner) = row  # fmt: skip
    return Measure(
        id=id_, code=code, description=description, aim=Aim(aim), unit=Unit(unit),
        section=section, outcome=outcome, plan=plan, theme=theme,
        frequency=_enum(Frequency, frequency), basis=_enum(Basis, basis), survey=bool(survey),
        previous=PreviousBasis(previous), preferred_direction=_enum(Aim, preferred),
        survey_period=survey_period, owner=owner, **lists,
    )  # fmt: skip


# Observations -----------------------------------------------------------------------------


def figure_row(obs: Observation) -> tuple[Any, ...]:
    row = _FIGURE_GETTER(obs)
    return (*row[:_UNIT], _text(obs.unit), *row[_UNIT + 1 :])


@_read_back
def observation_from(measure_id: str, period: str, row: Row) -> Observation:
    """An observation from its `FIGURE_COLUMNS` row."""
    values = dict(zip(_FIGURE_FIELDS, row, strict=True))
    values["unit"] = unit = _enum(Unit, values["unit"])
    if values["raw"] is None:  # changed by hand in the store: the figure speaks for itself
        value = values["value"]
        values["raw"] = (
            "" if value is None
            else figure_text(value, unit, values["decimals"], values["scale"], values["currency"])
        )  # fmt: skip
    return Observation(measure_id=measure_id, period=period, **values)


def place_columns(place: Place | None) -> tuple[str | None, str | None]:
    """A figure's place as its sheet and cell columns."""
    return (place.sheet, place.cell) if place is not None else (None, None)


def place_from(sheet: str | None, cell: str | None) -> Place | None:
    """A figure's place from its sheet and cell columns."""
    return Place(sheet, cell) if cell is not None else None


# Report lines and their comparators -------------------------------------------------------


def line_row(line: ReportLine) -> tuple[Any, ...]:
    q = line.quartile
    quartile = (
        (q.best, q.worst, q.period, q.group, q.printed, q.marks, int(q.period_printed))
        if q is not None
        else (None,) * len(QUARTILE_COLUMNS)
    )
    row = _LINE_GETTER(line)
    marks = tuple(_text(mark) for mark in row[_MARKS])
    if not line.marks_at:  # most lines print no mark: no place to look up (2 µs a line)
        return (*row[: _MARKS.start], *marks, *row[_MARKS.stop :], *quartile, *_NO_PLACES)
    places = [line.marks_at.get(key) for key in _MARK_KEYS]
    sheet = next((place.sheet for place in places if place is not None), None)
    cells = tuple(place.cell if place is not None else None for place in places)
    return (*row[: _MARKS.start], *marks, *row[_MARKS.stop :], *quartile, sheet, *cells)


_NO_PLACES = (None,) * len(MARK_PLACE_COLUMNS)


@_read_back
def line_from(row: Row, comparator: Comparator | None, footnotes: list[str]) -> ReportLine:
    """A report line from its `STORED_LINE_COLUMNS` row and its import's file."""
    # Unpacked by name, not zipped into a dict: a report's lines are read back on every check.
    (report_period, measure_id, code, description, current_period, previous_period, commentary,
     section, outcome, plan, theme, rating, progress, rag, published_quartile, override,
     override_reason, position, returned_by, approved_by, approved_on, forecast,
     best, worst, period, group, printed, marks, period_printed,
     mark_sheet, *mark_cells, file) = row  # fmt: skip
    marks_at = {key: Location(file, mark_sheet, cell)
                for key, cell in zip(_MARK_KEYS, mark_cells, strict=True) if cell is not None}  # fmt: skip
    quartile = None
    if best is not None:
        quartile = QuartilePosition(best=best, worst=worst, period=period, group=group,
                                    printed=printed, marks=marks,
                                    period_printed=bool(period_printed))  # fmt: skip
    return ReportLine(
        report_period=report_period, measure_id=measure_id, code=code, description=description,
        current_period=current_period, previous_period=previous_period, comparator=comparator,
        commentary=commentary, section=section, outcome=outcome, plan=plan, theme=theme,
        published_rating=_enum(Rating, rating), published_progress=_enum(Progress, progress),
        published_rag=_enum(Rag, rag), published_quartile=published_quartile, quartile=quartile,
        marks_at=marks_at,
        override=override, override_reason=override_reason, footnotes=footnotes,
        position=position, returned_by=returned_by, approved_by=approved_by,
        approved_on=approved_on, forecast=forecast,
    )  # fmt: skip


def comparator_row(c: Comparator) -> tuple[Any, ...]:
    value = low = high = op = reason = None
    if isinstance(c, BandComparator):
        low, high = c.low, c.high
    elif isinstance(c, TextComparator):
        reason = c.reason
    else:
        value = c.value
        op = c.op if isinstance(c, ThresholdComparator) else None
    return (c.kind.value, c.raw, _text(c.unit), c.decimals, c.scale, c.period, c.label, c.count,
            value, low, high, op, reason)  # fmt: skip


@_read_back
def comparator_from(row: Row) -> Comparator:
    """A comparator from its `COMPARATOR_COLUMNS` row, of the type its kind calls for."""
    kind, raw, unit, decimals, scale, period, label, count, value, low, high, op, reason = row
    K = ComparatorKind
    kind = K(kind)
    shared: dict[str, Any] = dict(raw=raw, unit=_enum(Unit, unit), decimals=decimals,
                                  scale=scale, period=period, label=label, count=count)  # fmt: skip
    if kind in (K.INFO, K.UNAVAILABLE, K.TEXT):
        return TextComparator(kind=kind, reason=reason, **shared)
    if kind is K.BAND:
        return BandComparator(kind=kind, low=low, high=high, **shared)
    if kind is K.THRESHOLD:
        return ThresholdComparator(kind=kind, value=value, op=op, **shared)
    if kind is K.NATIONAL_AVERAGE:
        return AverageComparator(kind=kind, value=value, **shared)
    return TargetComparator(kind=kind, value=value, **shared)


# Records kept as JSON by schema 6 and before (read only by the migration) -----------------


def with_defaults(kind: type[Struct], data: dict[str, Any]) -> dict[str, Any]:
    """A record's JSON fields with the defaults of any an older release did not write."""
    found: dict[str, Any] = {}
    for f in fields(kind):
        if f.name in data:
            found[f.name] = data[f.name]
        elif f.default is not NODEFAULT:
            found[f.name] = f.default
        elif f.default_factory is not NODEFAULT:
            found[f.name] = f.default_factory()
    return found


def _text(value: object) -> Any:
    """An enum as its value, anything else as it is."""
    return getattr(value, "value", value)
