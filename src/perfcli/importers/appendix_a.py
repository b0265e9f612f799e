"""The Appendix A layout: dashboard tables with layer and outcome rows, as authors keep them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfcli.errors import PerfcliError, PeriodError
from perfcli.importers import Context, ImportBatch, RowFacts, build_measure, clean_code, resolve_id
from perfcli.importers.sheets import Cell, Sheet
from perfcli.marks import MarkColumn, read_mark
from perfcli.model import (
    Aim,
    Basis,
    Comparator,
    Frequency,
    Measure,
    Observation,
    PreviousBasis,
    ReportLine,
    comparator_from,
    parse_aim,
)
from perfcli.periods import Period, PeriodKind, find_periods, most_specific, parse_period
from perfcli.values import ComparatorKind, Unit, parse_comparator, parse_value

_ROLES = {
    "id": "id",
    "measure id": "id",
    "measure": "code",
    "measure code": "code",
    "code": "code",
    "indicator": "code",
    "description": "description",
    "measure description": "description",
    "indicator description": "description",
    "aim": "aim",
    "polarity": "aim",
    "comparator": "comparator",
    "benchmark": "comparator",
    "target": "comparator",
    "national average": "comparator",
    "rating": "rating",
    "progress": "progress",
    "rag": "rag",
    "rag rating": "rag",
    "rag status": "rag",
    "direction of travel": "progress",
    "dot": "progress",
    "trend": "progress",
    "commentary": "commentary",
    "comments": "commentary",
    "comment": "commentary",
    "narrative": "commentary",
    "section": "section",
    "layer": "section",
    "outcome": "outcome",
    "strategic outcome": "outcome",
    "unit": "unit",
    "frequency": "frequency",
    "basis": "basis",
    "period basis": "basis",
    "override": "override",
    "rating override": "override",
    "override reason": "override_reason",
}
_LAYER = re.compile(r"^\d*\s*(prevent|reduce|delay|meet)(?:ing)?\s+needs?$", re.I)
_FOOTNOTE = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹]|\*+)\s*(.+)$")
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"


@dataclass
class Header:
    row: int
    columns: dict[str, int]
    current: tuple[int, Period]
    previous: tuple[int, Period] | None
    extra: dict[str, int] = field(default_factory=dict)


def _role(text: str) -> tuple[str, Period | None] | None:
    lower = " ".join(text.lower().replace("\n", " ").split())
    if lower in _ROLES:
        return _ROLES[lower], None
    match = re.fullmatch(r"(.+?)\s+performance|performance\s+(.+)", lower)
    if match:
        label = match.group(1) or match.group(2)
        return "performance", parse_period(label)
    if lower.endswith(" target"):
        return "comparator", None
    if lower.endswith("quartile"):
        return "quartile", None
    return None


def find_header(sheet: Sheet) -> Header | None:
    """The first row that names Measure, Description and a '<period> Performance' column."""
    for number in sorted(sheet.rows):
        header = _header_at(sheet, number)
        if header is not None:
            return header
    return None


def _header_at(sheet: Sheet, number: int) -> Header | None:
    cells = sheet.rows[number]
    texts = {c.text.lower().strip() for c in cells.values()}
    if not ({"description", "measure description", "indicator description"} & texts):
        return None
    columns: dict[str, int] = {}
    performance: list[tuple[int, Period]] = []
    for column, cell in sorted(cells.items()):
        try:
            role = _role(cell.text)
        except PeriodError as error:
            raise sheet.error(
                f"column heading {cell.text!r}: {error.message}", cell.ref, hint=error.hint
            ) from None
        if role is None:
            continue
        name, period = role
        if name == "performance" and period is not None:
            performance.append((column, period))
        else:
            columns.setdefault(name, column)
    if "description" not in columns or not ({"code", "id"} & columns.keys()) or not performance:
        return None
    if "rating" in columns and "comparator" not in columns:
        columns["comparator"] = columns.pop("rating")
    ordered = sorted(performance, key=lambda item: item[1].sort_key(), reverse=True)
    return Header(number, columns, ordered[0], ordered[1] if len(ordered) > 1 else None)


def _report_period(sheet: Sheet, header: Header, ctx: Context) -> Period:
    if ctx.period is not None:
        return ctx.period
    title = " ".join(
        cell.text for n in sorted(sheet.rows) if n < header.row for cell in sheet.rows[n].values()
    )
    found = most_specific(find_periods(title))
    current = header.current[1]
    if found is not None and (current.contains(found) or found.contains(current)):
        return found
    return current


def read(sheet: Sheet, header: Header, ctx: Context, batch: ImportBatch) -> None:
    report = _report_period(sheet, header, ctx)
    state = _State(report=report)
    for number in sorted(n for n in sheet.rows if n < header.row):
        kind = _classify(sheet.rows[number], header)
        if kind == "layer":
            state.section = _layer_name(next(iter(sheet.rows[number].values())).text)
        elif kind == "outcome":
            _read_outcome(sheet.rows[number], state)
    rows = sorted(n for n in sheet.rows if n > header.row)
    footnotes: dict[str, str] = {}
    pending: list[tuple[str, list[str]]] = []
    for number in rows:
        cells = sheet.rows[number]
        again = _header_at(sheet, number)
        if again is not None:
            header, state.in_key = again, False
            continue
        if state.in_key:
            continue
        kind = _classify(cells, header)
        if kind == "data":
            measure, marks = _read_row(sheet, number, header, state, ctx, batch)
            if marks:
                pending.append((measure, marks))
        elif kind == "footnote":
            text = " ".join(c.text for _, c in sorted(cells.items()))
            match = _FOOTNOTE.match(text)
            if match:
                footnotes[match.group(1)] = match.group(2).strip()
        elif kind == "layer":
            state.section = _layer_name(next(iter(cells.values())).text)
            state.plan = state.outcome = None
        elif kind == "outcome":
            _read_outcome(cells, state)
        elif kind == "key":
            state.in_key = True
        elif kind == "stray":
            first = min(cells.values(), key=lambda c: c.column)
            batch.warnings.append(
                f'{sheet.file.name}, sheet "{sheet.name}", row {number}: ignored row starting {first.text[:40]!r}'
            )
    _attach_footnotes(batch, pending, footnotes, report.label)


@dataclass
class _State:
    report: Period
    section: str | None = None
    plan: str | None = None
    outcome: str | None = None
    in_key: bool = False
    seen: dict[str, str] = field(default_factory=dict)


def _layer_name(text: str) -> str:
    match = _LAYER.match(text.strip())
    assert match is not None
    return f"{match.group(1).capitalize()} Need"


def _classify(cells: dict[int, Cell], header: Header) -> str:
    texts = [c.text for _, c in sorted(cells.items())]
    joined = " ".join(texts)
    code_col, desc_col = header.columns.get("code"), header.columns["description"]
    id_col = header.columns.get("id")
    has_code = (code_col in cells) or (id_col is not None and id_col in cells)
    if len(texts) == 1 and _LAYER.match(joined.strip()):
        return "layer"
    if "strategic plan" in texts[0].lower() or texts[0].lower().startswith("supporting outcome"):
        return "outcome"
    if re.match(r"^key\b", texts[0], re.I) and len(texts) == 1:
        return "key"
    if _FOOTNOTE.match(joined) and (len(texts) == 1 or not has_code):
        return "footnote"
    if has_code or desc_col in cells:
        return "data"
    return "stray"


def _read_outcome(cells: dict[int, Cell], state: _State) -> None:
    texts = [c.text for _, c in sorted(cells.items())]
    if texts[0].lower().startswith("supporting outcome"):
        rest = " ".join(texts[1:]).strip()
        state.outcome = f"{state.outcome} — {rest}" if state.outcome else rest
        return
    state.plan = texts[0]
    state.outcome = " — ".join(t for t in texts[1:]) or None


def _cell(cells: dict[int, Cell], header: Header, role: str) -> Cell | None:
    column = header.columns.get(role)
    return cells.get(column) if column is not None else None


def _text(cells: dict[int, Cell], header: Header, role: str) -> str:
    cell = _cell(cells, header, role)
    return cell.text if cell else ""


def _ref(header: Header, number: int, role: str) -> str:
    from perfcli.importers.sheets import column_letter

    return f"{column_letter(header.columns.get(role, 1))}{number}"


def _read_row(
    sheet: Sheet, number: int, header: Header, state: _State, ctx: Context, batch: ImportBatch
) -> tuple[str, list[str]]:
    cells = sheet.rows[number]
    code_text = _text(cells, header, "code")
    description_text = _text(cells, header, "description")
    explicit = _text(cells, header, "id") or None
    if not description_text:
        raise sheet.error("a measure row with no description", _ref(header, number, "description"))
    if not code_text and not explicit:
        raise sheet.error(
            f"measure {description_text!r} has no code in the Measure column",
            _ref(header, number, "code"),
            hint="write Local for a local measure",
        )
    code, tags, marks = clean_code(code_text)
    description, _, desc_marks = (
        clean_code(description_text)
        if any(c in description_text for c in _SUPERSCRIPTS)
        else (description_text, [], [])
    )
    facts = RowFacts(
        code=code or "Local",
        description=description.strip(),
        explicit_id=explicit,
        tags=tags,
        report_period=state.report.label,
        section=_text(cells, header, "section") or state.section,
        outcome=_text(cells, header, "outcome") or state.outcome,
        plan=state.plan,
    )
    facts.aim = _aim(sheet, cells, header, number)
    facts.unit = _enum(sheet, cells, header, number, "unit", Unit)
    facts.frequency = _enum(sheet, cells, header, number, "frequency", Frequency)
    # A row's Basis column explains that report's figures; it is not the measure's definition.
    row_basis = _enum(sheet, cells, header, number, "basis", Basis)
    comparator = _comparator(sheet, cells, header, number, state.report)
    if facts.aim is None and comparator is not None and comparator.kind is ComparatorKind.INFO:
        facts.aim = Aim.INFO
    mid = resolve_id(facts, ctx, batch)
    if mid in state.seen:
        raise sheet.error(
            f"measure {mid} appears twice (first on row {state.seen[mid]})",
            _ref(header, number, "id" if explicit else "code"),
            hint="give each row its own ID" if not explicit else "remove the duplicate row",
        )
    state.seen[mid] = str(number)
    current_cell, previous_cell = _value_cells(cells, header)
    parsed_current = _parse(sheet, current_cell, header.current[1], number, header.current[0])
    parsed_previous = (
        _parse(sheet, previous_cell, header.previous[1], number, header.previous[0])
        if header.previous
        else None
    )
    facts.figures = [
        parsed_current.figure if parsed_current else None,
        parsed_previous.figure if parsed_previous else None,
    ]
    if comparator is not None and comparator.unit is not None:
        facts.figures.append(None)
    ref = _ref(header, number, "code")
    measure = build_measure(mid, facts, ctx, batch, sheet=sheet, cell=ref)
    batch.measures[mid] = measure
    current_period = resolve_period(
        measure,
        parsed_current.period if parsed_current else None,
        header,
        state.report,
        "current",
        row_basis,
        has_value=bool(parsed_current and parsed_current.figure),
    )
    previous_period = None
    if header.previous is not None:
        previous_period = resolve_period(
            measure,
            parsed_previous.period if parsed_previous else None,
            header,
            state.report,
            "previous",
            row_basis,
            has_value=bool(parsed_previous and parsed_previous.figure),
        )
    for parsed, period, cell in (
        (parsed_current, current_period, current_cell),
        (parsed_previous, previous_period, previous_cell),
    ):
        if parsed is not None and period is not None and cell is not None:
            batch.observations.append(
                (Observation.from_parsed(mid, period, parsed), f"{sheet.name or ''}!{cell.ref}")
            )
    batch.lines.append(
        ReportLine(
            report_period=state.report.label,
            measure_id=mid,
            code=code or "Local",
            description=description.strip(),
            current_period=current_period.label,
            previous_period=previous_period.label if previous_period else None,
            comparator=comparator,
            commentary=_text(cells, header, "commentary") or None,
            section=facts.section,
            outcome=facts.outcome,
            plan=facts.plan,
            published_rating=_mark(sheet, cells, header, "rating", batch),
            published_progress=_mark(sheet, cells, header, "progress", batch),
            published_rag=_mark(sheet, cells, header, "rag", batch),
            published_quartile=_text(cells, header, "quartile") or None,
            override=_text(cells, header, "override") or None,
            override_reason=_text(cells, header, "override_reason") or None,
            position=len(batch.lines),
            source=f"{sheet.name or ''}!{number}",
        )
    )
    return mid, marks + desc_marks


def _mark(
    sheet: Sheet, cells: dict[int, Cell], header: Header, role: str, batch: ImportBatch
) -> str | None:
    """A printed mark, stored as perfcli's word; an unreadable one is a warning with its cell."""
    cell = _cell(cells, header, role)
    if cell is None or not cell.text.strip():
        return None
    reading = read_mark(cell.text, MarkColumn(role))
    if reading.problem:
        batch.warnings.append(
            f'{sheet.file.name}, sheet "{sheet.name}", cell {cell.ref}: {reading.problem}'
        )
    return reading.stored


def _aim(sheet: Sheet, cells: dict[int, Cell], header: Header, number: int) -> Aim | None:
    text = _text(cells, header, "aim")
    if not text:
        return None
    aim = parse_aim(text)
    if aim is None:
        raise sheet.error(
            f"unknown aim {text!r}",
            _ref(header, number, "aim"),
            hint="use High, Low, Target Band Width or N/A",
        )
    return aim


def _enum(sheet: Sheet, cells: dict[int, Cell], header: Header, number: int, role: str, kind):  # type: ignore[no-untyped-def]
    text = _text(cells, header, role)
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
        raise sheet.error(
            f"unknown {role} {text!r}", _ref(header, number, role), hint=f"use one of {allowed}"
        ) from None


def _comparator(
    sheet: Sheet, cells: dict[int, Cell], header: Header, number: int, report: Period
) -> Comparator | None:
    cell = _cell(cells, header, "comparator")
    if cell is None:
        return None
    try:
        parsed = parse_comparator(cell.text, within=report)
    except PerfcliError as error:
        raise sheet.error(error.message, cell.ref, hint=error.hint) from None
    return comparator_from(parsed) if parsed else None


def _value_cells(cells: dict[int, Cell], header: Header) -> tuple[Cell | None, Cell | None]:
    current = cells.get(header.current[0])
    previous = cells.get(header.previous[0]) if header.previous else None
    return current, previous


def _parse(sheet: Sheet, cell: Cell | None, within: Period, number: int, column: int):  # type: ignore[no-untyped-def]
    if cell is None:
        return None
    try:
        return parse_value(cell.text, within=within)
    except PerfcliError as error:
        raise sheet.error(error.message, cell.ref, hint=error.hint) from None


def resolve_period(
    measure: Measure,
    own: Period | None,
    header: Header,
    report: Period,
    role: str,
    row_basis: Basis | None = None,
    *,
    has_value: bool = True,
) -> Period:
    """The period a value really covers, from its own text, the measure's basis and its column."""
    if own is not None:
        return own
    current_column = header.current[1]
    column = current_column if role == "current" else header.previous[1]  # type: ignore[index]
    in_report = current_column.contains(report)
    basis = row_basis or measure.basis
    if basis is Basis.ACADEMIC_YEAR:
        if in_report:
            year = report.end.year if report.end.month >= 9 else report.end.year - 1
            academic = Period.academic_year(year)
            return academic if role == "current" else academic.previous()
        return (
            Period.academic_year(column.start.year)
            if column.kind is PeriodKind.FINANCIAL_YEAR
            else column
        )
    if measure.frequency in (Frequency.ANNUAL, Frequency.BIENNIAL) or measure.survey:
        return _survey_year(measure, column, has_value)
    if basis is Basis.SNAPSHOT:
        if role == "current":
            return Period.snapshot(report.end if in_report else column.end)
        if in_report and measure.previous is PreviousBasis.LIKE_FOR_LIKE:
            return Period.snapshot(report.previous().end)
        return Period.snapshot(column.end)
    if role == "current":
        return report if in_report else column
    if measure.previous is PreviousBasis.YEAR_END or not in_report:
        return column
    candidate = report.previous()
    return candidate if column.contains(candidate) else column


def _survey_year(measure: Measure, column: Period, has_value: bool) -> Period:
    """The survey a column shows: the column's year, or for a biennial survey the latest one.

    A reason with no figure (`No survey in 2020/21`) speaks of the column's own year.
    """
    if column.kind is not PeriodKind.FINANCIAL_YEAR:
        column = Period.financial_year(column.fy_start_year)
    if has_value and measure.frequency is Frequency.BIENNIAL and measure.survey_period:
        anchor = parse_period(measure.survey_period)
        if (column.start.year - anchor.fy_start_year) % 2:
            return column.previous()
    return column


def _attach_footnotes(
    batch: ImportBatch, pending: list[tuple[str, list[str]]], footnotes: dict[str, str], report: str
) -> None:
    """A footnote explains one report's figures, so it stays with that report's line."""
    for mid, marks in pending:
        notes = [footnotes[m] for m in marks if m in footnotes]
        if not notes:
            continue
        for index, line in enumerate(batch.lines):
            if line.measure_id == mid and line.report_period == report:
                batch.lines[index] = line.model_copy(update={"footnotes": notes})
