"""The Appendix A layout: dashboard tables with layer and outcome rows, as authors keep them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, TypeVar

from perfcli.domain.marks import MarkColumn, read_mark
from perfcli.domain.model import (
    Aim,
    Basis,
    Comparator,
    Frequency,
    Measure,
    Observation,
    PreviousBasis,
    Progress,
    QuartilePosition,
    Rag,
    Rating,
    ReportLine,
    comparator_from,
    is_local,
    parse_aim,
    slugify,
)
from perfcli.domain.periods import Period, PeriodKind, parse_period
from perfcli.domain.quartiles import parse_quartile
from perfcli.domain.records import Place
from perfcli.domain.values import ComparatorKind, ParsedValue, Unit, parse_comparator, parse_value
from perfcli.errors import InputError, PerfcliError
from perfcli.importers import (
    Context,
    ImportBatch,
    RowFacts,
    build_measure,
    clean_code,
    owner_key,
    resolve_id,
)
from perfcli.importers.appendix_header import ROLES, Header, header_at, report_period
from perfcli.importers.layout import looks_like_code, plan_and_outcome, told_apart
from perfcli.importers.previous import Reading, read_previous
from perfcli.importers.problems import Problem, period_correction
from perfcli.importers.sheets import Cell, CellRef, Sheet, column_letter
from perfcli.location import Location
from perfcli.workspace import normalise_alias

_LAYER = re.compile(r"^\d*\s*(prevent|reduce|delay|meet)(?:ing)?\s+needs?$", re.I)
_FOOTNOTE = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹]|\*+)\s*(.+)$")
_SUPERSCRIPT = re.compile("[¹²³⁴⁵⁶⁷⁸⁹]")
T = TypeVar("T")


def read(sheet: Sheet, header: Header, ctx: Context, batch: ImportBatch) -> None:
    batch.problems.extend(header.problems)
    report = report_period(sheet, header, ctx, batch.problems)
    scanned, printed = _scan(sheet, header)
    state = _State(report, _Heading(header), _repeated_codes(sheet, printed, ctx, batch))
    banner: list[str] = []
    for number in sorted(n for n in sheet.rows if n < header.row):
        kind = _classify(sheet.rows[number], header)
        if kind == "text":
            banner.append(next(iter(sheet.rows[number].values())).text)
            continue
        _banner(banner, state, sheet, batch, number, title=True)
        if kind == "layer":
            state.section = _layer_name(next(iter(sheet.rows[number].values())).text)
        elif kind == "outcome":
            _read_outcome(sheet.rows[number], state)
    _banner(banner, state, sheet, batch, header.row, title=True)
    footnotes: dict[str, str] = {}
    pending: list[tuple[str, list[str]]] = []
    # Taken from the scan row by row, so that each row's texts are let go once it is read.
    scanned.reverse()
    while scanned:
        number, cells, again, kind, texts = scanned.pop()
        if isinstance(again, InputError):
            raise again
        if again is not None:
            _banner(banner, state, sheet, batch, number)
            header, state.in_key, state.heading = again, False, _Heading(again)
            batch.problems.extend(again.problems)
            continue
        if state.in_key or (number == header.row + 1 and _continues_heading(cells)):
            continue
        if kind == "text":
            banner.append(next(iter(cells.values())).text)
            continue
        if banner:
            _banner(banner, state, sheet, batch, number)
        if kind == "data":
            try:
                measure, marks = _read_row(sheet, number, cells, texts, state, ctx, batch)
            except InputError as error:
                batch.problems.append(Problem(error, "row not imported"))
                continue
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
            batch.note(
                Location(sheet.file.name, sheet.name, row=number),
                f"ignored row starting {first.text[:40]!r}",
            )
    _banner(banner, state, sheet, batch, None)
    _attach_footnotes(batch, pending, footnotes, report.label)


def _continues_heading(cells: dict[int, Cell]) -> bool:
    """The heading's second row (`2023/24` above `Performance`): heading words only."""
    words = {" ".join(c.text.lower().split()) for c in cells.values()}
    return all(w == "performance" or w in ROLES for w in words)


def _banner(
    parts: list[str], state: _State, sheet: Sheet, batch: ImportBatch, before: int | None,
    *, title: bool = False,
) -> None:  # fmt: skip
    """Banner text typed over several rows, ended by the row `before`: a plan and its outcome.

    Above the first header, words that are not a plan are the title, and are not warned of.
    """
    if not parts:
        return
    found = plan_and_outcome(parts)
    if found is not None:
        state.plan, state.outcome = found
    elif not title:
        where = f"above row {before}" if before is not None else "at the end"
        batch.note(
            Location(sheet.file.name, sheet.name, near=where),
            f"ignored text {' '.join(parts)[:60]!r}",
        )
    parts.clear()


_Scanned = tuple[int, dict[int, Cell], Header | InputError | None, str, dict[str, str]]
_NO_TEXTS: dict[str, str] = {}


def _scan(sheet: Sheet, header: Header) -> tuple[list[_Scanned], _Printed]:
    """Every row below the heading, once: (number, cells, the heading it repeats, or the error
    reading that heading, its kind under the heading in force, and for a measure's row the
    text of each of the heading's roles); and the codes printed with no ID beside them."""
    scanned: list[_Scanned] = []
    printed = _Printed()
    for number in sorted(n for n in sheet.rows if n > header.row):
        cells = sheet.rows[number]
        again: Header | InputError | None
        try:
            again = header_at(sheet, number)
        except InputError as error:
            again = error
        if isinstance(again, Header):
            header = again
            scanned.append((number, cells, again, "heading", _NO_TEXTS))
            continue
        kind = _classify(cells, header)
        if kind == "data":
            texts = _texts(cells, header)
            if not texts.get("id"):
                printed.add(texts.get("code", ""), texts.get("description", ""))
        else:
            texts = _NO_TEXTS
        scanned.append((number, cells, again, kind, texts))
    return scanned, printed


class _Printed:
    """The framework codes printed on measure rows with no ID, and the descriptions printed
    beside each (in order, once each)."""

    def __init__(self) -> None:
        self.descriptions: dict[str, dict[str, None]] = {}
        self.codes: dict[str, str] = {}

    def add(self, code_text: str, description_text: str) -> None:
        code = clean_code(code_text)[0]
        description = description_text.strip()
        if not is_local(code) and description:
            key = normalise_alias(code)
            self.codes[key] = code
            self.descriptions.setdefault(key, {})[description] = None


def _repeated_codes(
    sheet: Sheet, printed: _Printed, ctx: Context, batch: ImportBatch
) -> dict[tuple[str, str], str]:
    """Ids for codes printed on several rows (seed 000's `ASCOF 3C` for service users and for
    carers), told apart by their descriptions: (code, description) -> id."""
    codes = printed.codes
    ids: dict[tuple[str, str], str] = {}
    for key, descriptions in printed.descriptions.items():
        if len(descriptions) < 2:
            continue
        suffixes = told_apart(list(descriptions))
        if suffixes is None:
            continue
        chosen = {}
        for description, suffix in suffixes.items():
            known = ctx.aliases.get(normalise_alias(description)) or _stored_by_description(
                ctx, codes[key], description
            )
            chosen[description] = known or f"{slugify(codes[key])}-{suffix}"
            ids[key, description] = chosen[description]
        listed = " and ".join(f"{mid} ({d!r})" for d, mid in chosen.items())
        batch.note(
            Location(sheet.file.name, sheet.name),
            f"{codes[key]} is printed on {len(chosen)} rows,"
            f" told apart by their descriptions as {listed}; an ID column or aliases in"
            " perfcli.toml name them otherwise",
        )
    return ids


def _stored_by_description(ctx: Context, code: str, description: str) -> str | None:
    """A stored measure with this code (or old code) and this description."""
    wanted, text = normalise_alias(code), normalise_alias(description)
    for measure in ctx.stored.values():
        codes = {normalise_alias(c) for c in (measure.code, *measure.aliases)}
        if wanted in codes and normalise_alias(measure.description) == text:
            return measure.id
    return None


class _Heading:
    """The heading in force, as the rows under it are read: which of its columns are there, and
    what each text of its comparator and figure columns reads as, read once. A dashboard repeats
    its wording row after row (`22/23 Nat. Ave.`, `per 100k Pop. Actual 60 Admissions in
    23/24`), and a look-up costs a fiftieth of a parse. The readings are kept while the heading
    is in force (its columns' periods place the texts), and are frozen values, so that no
    row's reading can change another's."""

    def __init__(self, header: Header) -> None:
        self.header = header
        self.marked = any(column.value in header.columns for column in _COLUMNS.values())
        self.comparators: dict[str, Comparator | None] = {}
        # The figure columns' letters, for the cells a figure is read from (made once: a
        # cell's ref costs 0.4 µs a figure).
        self.letters = (
            column_letter(header.current[0]),
            column_letter(header.previous[0]) if header.previous else "",
        )
        self.current: dict[str, ParsedValue] = {}
        self.previous: dict[str, ParsedValue] = {}
        self.filed: dict[_Filing, Period] = {}


@dataclass
class _State:
    report: Period
    heading: _Heading
    told_apart: dict[tuple[str, str], str] = field(default_factory=dict)
    section: str | None = None
    plan: str | None = None
    outcome: str | None = None
    in_key: bool = False
    # Each measure's id -> the row it was read from.
    seen: dict[str, int] = field(default_factory=dict)


def _layer_name(text: str) -> str:
    match = _LAYER.match(text.strip())
    assert match is not None
    return f"{match.group(1).capitalize()} Need"


def _classify(cells: dict[int, Cell], header: Header) -> str:
    code_col, desc_col = header.columns.get("code"), header.columns["description"]
    id_col = header.columns.get("id")
    has_code = (code_col in cells) or (id_col is not None and id_col in cells)
    if has_code and len(cells) > 1:
        # A measure's row, as most are: of the kinds below, only a plan or outcome heading
        # can have a code and more than one cell.
        first = cells[min(cells)].text.lower()
        if first.startswith("supporting outcome") or "strategic plan" in first:
            return "outcome"
        return "data"
    texts = [c.text for _, c in sorted(cells.items())]
    joined = " ".join(texts)
    if len(texts) == 1 and _LAYER.match(joined.strip()):
        return "layer"
    if texts[0].lower().startswith("supporting outcome"):
        return "outcome"
    if re.match(r"^key\b", texts[0], re.I) and len(texts) == 1:
        return "key"
    if _FOOTNOTE.match(joined) and (len(texts) == 1 or not has_code):
        return "footnote"
    if len(texts) == 1 and desc_col not in cells and not looks_like_code(texts[0]):
        return "text"  # a banner's words, perhaps one row of several
    if "strategic plan" in texts[0].lower():
        return "outcome"
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
    if column is None:
        return None
    last = header.joined.get(column)
    if last is None:
        return cells.get(column)
    parts = [cells[c] for c in range(column, last + 1) if c in cells]
    if not parts:
        return None
    # Typed across the heading's cells (`ASC` | `OF 3D`): read as one.
    return Cell(parts[0].row, parts[0].column, "".join(p.text for p in parts), None)


def _text(cells: dict[int, Cell], header: Header, role: str) -> str:
    cell = _cell(cells, header, role)
    return cell.text if cell else ""


def _texts(cells: dict[int, Cell], header: Header) -> dict[str, str]:
    """Each of the heading's roles -> its text in this row ("" for an empty cell)."""
    if header.joined:
        return {role: _text(cells, header, role) for role in header.columns}
    return {role: cells[c].text if c in cells else "" for role, c in header.columns.items()}


def _ref(header: Header, number: int, role: str) -> CellRef:
    return CellRef(number, header.columns.get(role, 1))


def _read_row(
    sheet: Sheet, number: int, cells: dict[int, Cell], texts: dict[str, str], state: _State,
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
    figures = [
        parsed_current.figure if parsed_current else None,
        parsed_previous.figure if parsed_previous else None,
    ]
    if comparator is not None and comparator.unit is not None:
        figures.append(None)
    facts.figures = figures
    measure = _measure(sheet, mid, facts, header, number, ctx, batch)
    batch.measures[mid] = measure
    current_period, previous_period = _periods(
        sheet, measure, heading, state.report, row_basis, ctx, batch,
        (parsed_current, current_cell), (parsed_previous, previous_cell),
    )  # fmt: skip
    place_sheet = sheet.name or None
    for parsed, period, cell, letter in (
        (parsed_current, current_period, current_cell, heading.letters[0]),
        (parsed_previous, previous_period, previous_cell, heading.letters[1]),
    ):
        if parsed is not None and period is not None and cell is not None:
            place = Place(place_sheet, f"{letter}{number}")  # the cell's ref: its column's letter
            batch.observations.append((Observation.from_parsed(mid, period, parsed), place))
    rating, progress, rag = _marks(sheet, cells, heading, batch)
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
            quartile=_quartile(quartile, state.report) if quartile else None,
            override=_override(sheet, override, header, number, kept) if override else None,
            override_reason=texts.get("override_reason") or None,
            position=len(batch.lines),
        )
    )
    return mid, marks


def _row_facts(
    sheet: Sheet, texts: dict[str, str], header: Header, number: int, state: _State,
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
            f"a measure row with no description{quoted}", _ref(header, number, "description")
        )
    if not code_text and not explicit:
        raise sheet.error(
            f"measure {description_text!r} has no code in the Measure column",
            _ref(header, number, "code"),
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
    facts.aim = _aim(sheet, texts.get("aim", ""), header, number, kept)
    facts.unit = _enum(sheet, texts.get("unit", ""), header, number, "unit", Unit, kept)
    facts.frequency = _enum(
        sheet, texts.get("frequency", ""), header, number, "frequency", Frequency, kept
    )
    # A row's Basis column explains that report's figures; it is not the measure's definition.
    row_basis = _enum(sheet, texts.get("basis", ""), header, number, "basis", Basis, kept)
    return facts, row_basis, marks


def _measure_id(
    sheet: Sheet, texts: dict[str, str], header: Header, number: int, facts: RowFacts,
    state: _State, ctx: Context, batch: ImportBatch,
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
            _ref(header, number, "id" if explicit else "code"),
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
    ref = _ref(header, number, "aim" if "aim" in header.columns else "code")
    try:
        return build_measure(mid, facts, ctx, batch, sheet=sheet, cell=ref)
    except InputError as error:
        if facts.aim is not None:
            raise
        batch.problems.append(
            Problem(error, "stored for information only (N/A) until its aim is set")
        )
        facts.aim = Aim.INFO
        return build_measure(mid, facts, ctx, batch, sheet=sheet, cell=ref)


def _periods(
    sheet: Sheet, measure: Measure, heading: _Heading, report: Period, row_basis: Basis | None,
    ctx: Context, batch: ImportBatch,
    current: tuple[ParsedValue | None, Cell | None],
    previous: tuple[ParsedValue | None, Cell | None],
) -> tuple[Period, Period | None]:  # fmt: skip
    """The periods the row's current and previous figures are filed under."""
    (parsed_current, current_cell), (parsed_previous, previous_cell) = current, previous
    header = heading.header
    filed = heading.filed
    current_period = _filed(filed, measure, parsed_current, header, report, "current", row_basis)
    if header.previous is None:
        return current_period, None
    previous_period = _filed(filed, measure, parsed_previous, header, report, "previous", row_basis)
    if report.kind is PeriodKind.QUARTER:  # a year report's previous column is the year before
        previous_period = _overruled(
            sheet, measure, ctx, header, report, row_basis,
            (parsed_current, parsed_previous, previous_cell), previous_period, batch,
        )  # fmt: skip
    if parsed_current is not None and parsed_current.period is not None:
        current_period = _restated(
            sheet, measure, header, report, row_basis,
            (parsed_current, current_cell), (current_period, previous_period), batch.problems,
        )  # fmt: skip
    return current_period, previous_period


# What resolve_period reads of a measure, with the column's role, the row's basis and whether
# the figure is there: under one heading, the period a figure with no period of its own is
# filed under follows from these alone.
_Filing = tuple[str, Basis | None, Frequency | None, bool, PreviousBasis, str | None, bool]


def _filed(
    filed: dict[_Filing, Period], measure: Measure, parsed: ParsedValue | None, header: Header,
    report: Period, role: str, row_basis: Basis | None,
) -> Period:  # fmt: skip
    """resolve_period for one of the row's figures, asked once per heading for each way of
    filing one (most rows of a heading are filed alike: 0.8 µs a figure -> 0.4)."""
    if parsed is not None and parsed.period is not None:
        return parsed.period
    has_value = parsed is not None and parsed.figure is not None
    key = (
        role, row_basis or measure.basis, measure.frequency, measure.survey, measure.previous,
        measure.survey_period, has_value,
    )  # fmt: skip
    period = filed.get(key)
    if period is None:
        period = resolve_period(measure, None, header, report, role, row_basis, has_value=has_value)
        filed[key] = period
    return period


M = TypeVar("M", Rating, Progress, Rag)
_COLUMNS: dict[type, MarkColumn] = {
    Rating: MarkColumn.RATING, Progress: MarkColumn.PROGRESS, Rag: MarkColumn.RAG,
}  # fmt: skip
_NO_MARKS = (None, None, None)


def _marks(
    sheet: Sheet, cells: dict[int, Cell], heading: _Heading, batch: ImportBatch
) -> tuple[Rating | None, Progress | None, Rag | None]:
    """The row's printed rating, progress and RAG marks (None where none is printed)."""
    if not heading.marked:
        return _NO_MARKS
    return (
        _mark(sheet, cells, heading.header, Rating, batch),
        _mark(sheet, cells, heading.header, Progress, batch),
        _mark(sheet, cells, heading.header, Rag, batch),
    )


def _mark(
    sheet: Sheet, cells: dict[int, Cell], header: Header, kind: type[M], batch: ImportBatch
) -> M | None:
    """A printed mark, read once into its value; an unreadable one is a warning with its cell."""
    column = _COLUMNS[kind]
    cell = _cell(cells, header, column.value)
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
    from perfcli.domain.rating import parse_override

    try:
        parse_override(text)
    except ValueError as error:
        located = sheet.error(
            str(error), _ref(header, number, "override"),
            hint="use better, similar, below or not rated",
        )  # fmt: skip
        kept.append(Problem(located, "override not imported"))
        return None
    return text


def _aim(sheet: Sheet, text: str, header: Header, number: int, kept: list[Problem]) -> Aim | None:
    if not text:
        return None
    aim = parse_aim(text)
    if aim is None:
        error = sheet.error(
            f"unknown aim {text!r}",
            _ref(header, number, "aim"),
            hint="use High, Low, Target Band Width or N/A",
        )
        kept.append(Problem(error, "stored for information only (N/A) until its aim is set"))
        return Aim.INFO
    return aim


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
            f"unknown {role} {text!r}", _ref(header, number, role), hint=f"use one of {allowed}"
        )
        kept.append(Problem(error, f"{role} left unset"))
        return None


def _comparator(
    sheet: Sheet, cells: dict[int, Cell], state: _State, kept: list[Problem]
) -> Comparator | None:
    cell = _cell(cells, state.heading.header, "comparator")
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


def _overruled(
    sheet: Sheet,
    measure: Measure,
    ctx: Context,
    header: Header,
    report: Period,
    row_basis: Basis | None,
    row: tuple[ParsedValue | None, ParsedValue | None, Cell | None],
    period: Period,
    batch: ImportBatch,
) -> Period:
    """A quarter report's previous figure filed by what its own row shows (see previous.py);
    asked only in a quarter report."""
    current, previous, cell = row
    settings = ctx.settings.get(measure.id)
    decided = (
        (settings is not None and settings.previous is not None)
        or measure.previous is not PreviousBasis.LIKE_FOR_LIKE
        or measure.survey or measure.frequency is not None
        or (row_basis or measure.basis) is not None
    )  # fmt: skip
    if (
        decided
        or header.previous is None
        or not header.current[1].contains(report)
        or previous is None
        or previous.period is not None
        or cell is None
    ):
        return period
    year = Period.financial_year(header.previous[1].fy_start_year)
    reading = read_previous(current, previous)
    if reading in (Reading.YEAR, Reading.SURVEY):
        return year
    if reading is Reading.UNCLEAR:
        batch.note(
            Location(sheet.file.name, sheet.name, cell.ref),
            f"{measure.id} {previous.raw!r} is filed as {period.display}, the same quarter a year earlier;"
            f' if it is the {year.display} year-end, set previous = "year-end" under'
            f' [measures.{measure.id}] in perfcli.toml (previous = "like-for-like" if it is the quarter)',
        )
    return period


def _restated(
    sheet: Sheet,
    measure: Measure,
    header: Header,
    report: Period,
    row_basis: Basis | None,
    current: tuple[ParsedValue | None, Cell | None],
    periods: tuple[Period, Period | None],
    kept: list[Problem],
) -> Period:
    """A figure in the current column whose text names the previous column's period is the
    current column's figure all the same: an officer's slip (seed 001 prints June's waiters as
    `50 (8.3% of total waiting at end of Mar-25)`), kept as a problem at its cell. Filed under
    the date it names, the previous column's figure would overwrite it."""
    (parsed, cell), (period, previous) = current, periods
    if parsed is None or cell is None or parsed.period is None or parsed.period != previous:
        return period
    filed = resolve_period(measure, None, header, report, "current", row_basis)
    if period.kind is PeriodKind.SNAPSHOT and filed.kind is not PeriodKind.SNAPSHOT:
        filed = Period.snapshot(filed.end)
    if filed == period:
        return period
    error = sheet.error(
        f"{measure.id}: {cell.text!r} is in the current column but states {period.display},"
        " the period of the previous column's figure",
        cell.ref,
        hint=f"write the date the figure is for: {filed.display}",
    )
    kept.append(Problem(error, f"filed as the current column's {filed.display}"))
    return filed


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
    noted: dict[str, list[str]] = {}
    for mid, marks in pending:
        notes = [footnotes[m] for m in marks if m in footnotes]
        if notes:
            noted[mid] = notes
    if not noted:
        return
    # One pass over the lines, however many rows carry a mark.
    for index, line in enumerate(batch.lines):
        if line.measure_id in noted and line.report_period == report:
            batch.lines[index] = replace(line, footnotes=noted[line.measure_id])
