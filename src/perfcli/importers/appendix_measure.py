"""One measure's row of Appendix A read: its facts, measure, figures, marks and report line."""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from perfcli.domain.comparator_parsing import ComparatorKind, parse_comparator
from perfcli.domain.comparator_types import Comparator, comparator_from
from perfcli.domain.figures import Unit
from perfcli.domain.marks import read_mark
from perfcli.domain.model import (
    Aim,
    Basis,
    Frequency,
    Measure,
    Observation,
    QuartilePosition,
    ReportLine,
    aim_label,
    parse_aim,
)
from perfcli.domain.outcomes import Progress, Rag, Rating, parse_override
from perfcli.domain.periods import Period
from perfcli.domain.quartiles import parse_quartile
from perfcli.domain.records import ImportBatch, Place
from perfcli.domain.values import ParsedValue, parse_value
from perfcli.errors import InputError, PerfcliError
from perfcli.identity import normalise_alias
from perfcli.importers.appendix_header import Header
from perfcli.importers.appendix_rows import (
    MARK_COLUMNS,
    HeadingInForce,
    SheetState,
    role_cell,
    role_ref,
)
from perfcli.importers.filing import filed_periods
from perfcli.importers.grid import Cell, Sheet
from perfcli.importers.measures import (
    Context,
    RowFacts,
    build_measure,
    clean_code,
    owner_key,
    resolve_id,
)
from perfcli.importers.problems import Problem, period_correction
from perfcli.location import Location

_SUPERSCRIPT = re.compile("[¹²³⁴⁵⁶⁷⁸⁹]")
T = TypeVar("T")


def read_row(
    sheet: Sheet, number: int, cells: dict[int, Cell], texts: dict[str, str], state: SheetState,
    ctx: Context, batch: ImportBatch,
) -> tuple[str, list[str]]:  # fmt: skip
    """One measure's row (`texts`: each of the heading's roles -> its text). A cell that cannot
    be read is a problem kept in the batch, and the rest of the row is read; only a row with no
    measure to hang its figures on is refused."""
    heading = state.heading
    header = heading.header
    kept = batch.problems
    facts, row_basis, marks = _row_facts(sheet, texts, header, number, state, kept)
    comparator = _comparator(sheet, cells, state, kept)
    if facts.aim is None and comparator is not None and comparator.kind is ComparatorKind.INFO:
        facts.aim = Aim.INFO
    mid = _measure_id(sheet, texts, header, number, facts, state, ctx, batch)
    current_cell = cells.get(header.current[0])
    parsed_current = _parse(sheet, current_cell, header.current[1], kept, heading.current)
    previous_cell = parsed_previous = None
    if header.previous:
        previous_cell = cells.get(header.previous[0])
        parsed_previous = _parse(sheet, previous_cell, header.previous[1], kept, heading.previous)
    facts.figures = [
        parsed_current.figure if parsed_current else None,
        parsed_previous.figure if parsed_previous else None,
    ]
    facts.comparator_unit = comparator.unit if comparator is not None else None
    measure = _measure(sheet, mid, facts, header, number, ctx, batch)
    batch.measures[mid] = measure
    current_period, previous_period = filed_periods(
        sheet, measure, header, heading.filed, state.report, row_basis, ctx, batch,
        (parsed_current, current_cell), (parsed_previous, previous_cell),
    )  # fmt: skip
    if parsed_current is None and current_cell is not None and current_cell.text:
        batch.unreadable.add((mid, current_period.label))  # its cell's error says so
    place_sheet = sheet.name or None
    for parsed, period, cell, letter in (
        (parsed_current, current_period, current_cell, heading.letters[0]),
        (parsed_previous, previous_period, previous_cell, heading.letters[1]),
    ):
        if parsed is not None and period is not None and cell is not None:
            place = Place(place_sheet, f"{letter}{number}")  # the cell's ref: its column's letter
            batch.observations.append((Observation.from_parsed(mid, period, parsed), place))
    rating, progress, rag = _marks(sheet, cells, heading, batch)
    marks_at = _marks_at(sheet, cells, heading) if heading.marked else {}
    quartile = texts.get("quartile")
    override = texts.get("override")
    batch.lines.append(
        ReportLine(
            report_period=state.report.label,
            measure_id=mid,
            code=facts.code,
            description=facts.description,
            current_period=current_period.label,
            previous_period=previous_period.label if previous_period else None,
            comparator=comparator,
            commentary=texts.get("commentary") or None,
            section=facts.section,
            outcome=facts.outcome,
            plan=facts.plan,
            published_rating=rating,
            published_progress=progress,
            published_rag=rag,
            published_quartile=quartile or None,
            marks_at=marks_at,
            quartile=_quartile(quartile, state.report) if quartile else None,
            override=_override(sheet, override, header, number, kept) if override else None,
            override_reason=texts.get("override_reason") or None,
            position=len(batch.lines),
        )
    )
    return mid, marks


def _row_facts(
    sheet: Sheet, texts: dict[str, str], header: Header, number: int, state: SheetState,
    kept: list[Problem],
) -> tuple[RowFacts, Basis | None, list[str]]:  # fmt: skip
    """What the row's own cells say of its measure, the basis of its figures, and the
    footnote marks on its code and description; a row with no measure to name is refused."""
    code_text = texts.get("code", "")
    description_text = texts.get("description", "")
    explicit = texts.get("id") or None
    if not description_text:
        quoted = f" ({code_text!r})" if code_text else ""
        raise sheet.error(
            f"a measure row with no description{quoted}", role_ref(header, number, "description")
        )
    if not code_text and not explicit:
        raise sheet.error(
            f"measure {description_text!r} has no code in the Measure column",
            role_ref(header, number, "code"),
            hint="write Local for a local measure",
        )
    code, tags, marks = clean_code(code_text)
    description = description_text
    if _SUPERSCRIPT.search(description_text):
        description, _, description_marks = clean_code(description_text)
        marks += description_marks
    owner = texts.get("owner")
    facts = RowFacts(
        code=code or "Local",
        description=description.strip(),
        explicit_id=explicit,
        tags=tags,
        report_period=state.report.label,
        section=texts.get("section") or state.section,
        outcome=texts.get("outcome") or state.outcome,
        plan=state.plan,
        owner=owner_key(owner) if owner else None,
    )
    facts.aim, facts.aim_error = _aim(sheet, texts.get("aim", ""), header, number)
    facts.unit = _enum(sheet, texts.get("unit", ""), header, number, "unit", Unit, kept)
    facts.frequency = _enum(
        sheet, texts.get("frequency", ""), header, number, "frequency", Frequency, kept
    )
    # A row's Basis column explains that report's figures; it is not the measure's definition.
    row_basis = _enum(sheet, texts.get("basis", ""), header, number, "basis", Basis, kept)
    return facts, row_basis, marks


def _measure_id(
    sheet: Sheet, texts: dict[str, str], header: Header, number: int, facts: RowFacts,
    state: SheetState, ctx: Context, batch: ImportBatch,
) -> str:  # fmt: skip
    """The row's measure id, refused if an earlier row of the sheet has it."""
    mid = None
    if state.told_apart:
        key = (normalise_alias(facts.code), texts.get("description", "").strip())
        mid = state.told_apart.get(key)
    mid = mid or resolve_id(facts, ctx, batch)
    if mid in state.seen:
        explicit = bool(facts.explicit_id)
        raise sheet.error(
            f"measure {mid} appears twice (first on row {state.seen[mid]})",
            role_ref(header, number, "id" if explicit else "code"),
            hint="give each row its own ID" if not explicit else "remove the duplicate row",
        )
    state.seen[mid] = number
    return mid


def _measure(
    sheet: Sheet, mid: str, facts: RowFacts, header: Header, number: int, ctx: Context,
    batch: ImportBatch,
) -> Measure:  # fmt: skip
    """The row's measure with perfcli.toml and the store; with no aim anywhere, its figures are
    still worth keeping, for information only."""
    ref = role_ref(header, number, "aim" if "aim" in header.columns else "code")
    try:
        measure = build_measure(mid, facts, ctx, batch, sheet=sheet, cell=ref)
    except InputError as error:
        if facts.aim is not None:
            raise
        batch.problems.append(
            Problem(
                facts.aim_error or error, "stored for information only (N/A) until its aim is set"
            )
        )
        facts.aim = Aim.INFO
        return build_measure(mid, facts, ctx, batch, sheet=sheet, cell=ref)
    if facts.aim_error is not None:  # an unreadable Aim never replaces the one held (--force)
        batch.problems.append(
            Problem(facts.aim_error, f"aim kept as held: {aim_label(measure.aim)}")
        )
    return measure


M = TypeVar("M", Rating, Progress, Rag)
_NO_MARKS = (None, None, None)


def _marks(
    sheet: Sheet, cells: dict[int, Cell], heading: HeadingInForce, batch: ImportBatch
) -> tuple[Rating | None, Progress | None, Rag | None]:
    """The row's printed rating, progress and RAG marks (None where none is printed)."""
    if not heading.marked:
        return _NO_MARKS
    return (
        _mark(sheet, cells, heading.header, Rating, batch),
        _mark(sheet, cells, heading.header, Progress, batch),
        _mark(sheet, cells, heading.header, Rag, batch),
    )


def _marks_at(sheet: Sheet, cells: dict[int, Cell], heading: HeadingInForce) -> dict[str, Location]:
    """Where the row printed its marks: each mark column's cell that holds one."""
    found = {}
    for column in MARK_COLUMNS.values():
        cell = role_cell(cells, heading.header, column.value)
        if cell is not None and cell.text.strip():
            found[column.value] = Location(str(sheet.file), sheet.name or None, cell.ref)
    return found


def _mark(
    sheet: Sheet, cells: dict[int, Cell], header: Header, kind: type[M], batch: ImportBatch
) -> M | None:
    """A printed mark, read once into its value; an unreadable one is a warning with its cell."""
    column = MARK_COLUMNS[kind]
    cell = role_cell(cells, header, column.value)
    if cell is None or not cell.text.strip():
        return None
    reading = read_mark(cell.text, column)
    if reading.problem:
        batch.note(Location(sheet.file.name, sheet.name, cell.ref), reading.problem)
    return reading.value if isinstance(reading.value, kind) else None


def _quartile(text: str, report: Period) -> QuartilePosition | None:
    """A printed quartile, read once into its position (`Top` is this year's 1st); None for
    `N/A`, or for text that is not a quartile (kept as printed, never counted)."""
    try:
        return parse_quartile(text, report)
    except (ValueError, PerfcliError):
        return None


def _override(
    sheet: Sheet, text: str, header: Header, number: int, kept: list[Problem]
) -> str | None:
    """An override typed in the row: a rating, or a problem at its cell."""
    if not text:
        return None
    try:
        parse_override(text)
    except ValueError as error:
        located = sheet.error(
            str(error), role_ref(header, number, "override"),
            hint="use better, similar, below or not rated",
        )  # fmt: skip
        kept.append(Problem(located, "override not imported"))
        return None
    return text


def _aim(
    sheet: Sheet, text: str, header: Header, number: int
) -> tuple[Aim | None, InputError | None]:
    """The row's aim, or the error of one that cannot be read (the measure then keeps the aim
    perfcli.toml or the store gives it, else is N/A: _measure says which)."""
    if not text:
        return None, None
    aim = parse_aim(text)
    if aim is None:
        error = sheet.error(
            f"unknown aim {text!r}",
            role_ref(header, number, "aim"),
            hint="use High, Low, Target Band Width or N/A",
        )
        return None, error
    return aim, None


def _enum(
    sheet: Sheet,
    text: str,
    header: Header,
    number: int,
    role: str,
    kind: type[StrEnum],
    kept: list[Problem],
) -> Any:
    if not text:
        return None
    key = "_".join(text.lower().replace("-", " ").split())
    aliases = {
        "percentage": "percent",
        "%": "percent",
        "rate": "rate_per_100k",
        "academic": "academic_year",
    }
    key = aliases.get(key, key)
    try:
        return kind(key)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        error = sheet.error(
            f"unknown {role} {text!r}", role_ref(header, number, role), hint=f"use one of {allowed}"
        )
        kept.append(Problem(error, f"{role} left unset"))
        return None


def _comparator(
    sheet: Sheet, cells: dict[int, Cell], state: SheetState, kept: list[Problem]
) -> Comparator | None:
    cell = role_cell(cells, state.heading.header, "comparator")
    if cell is None:
        return None
    return _read_cell(
        sheet, cell, state.report, kept, _comparator_in, state.heading.comparators,
        skipped="comparator not imported",
    )  # fmt: skip


def _comparator_in(text: str, report: Period) -> Comparator | None:
    parsed = parse_comparator(text, within=report)
    return comparator_from(parsed) if parsed else None


def _parse(
    sheet: Sheet, cell: Cell | None, within: Period, kept: list[Problem],
    read: dict[str, ParsedValue],
) -> ParsedValue | None:  # fmt: skip
    if cell is None:
        return None
    return _read_cell(sheet, cell, within, kept, _value_in, read, skipped="figure not imported")


def _value_in(text: str, within: Period) -> ParsedValue:
    return parse_value(text, within=within)


def _read_cell(
    sheet: Sheet, cell: Cell, within: Period, kept: list[Problem],
    read: Callable[[str, Period], T], done: dict[str, T], *, skipped: str,
) -> T | None:  # fmt: skip
    """`read` of a cell's text, within its column's period; `done` holds each text read before
    (only those read without error: each cell's problem is its own). A period typo with one
    reading (`2023/34`) is read as meant and kept as a problem; any other error is kept as a
    problem, `skipped`, and gives None."""
    text = cell.text
    found = done.get(text, _UNREAD)
    if found is not _UNREAD:
        return found  # type: ignore[return-value]
    try:
        value = read(text, within)
    except PerfcliError as error:
        located = sheet.error(error.message, cell.ref, hint=error.hint)
        corrected = period_correction(text, error, within)
        if corrected is None:
            kept.append(Problem(located, skipped))
            return None
        kept.append(Problem(located, f"read as {corrected!r}"))
        return read(corrected, within)
    done[text] = value
    return value


_UNREAD = object()
