"""A theme dashboard's indicator row: its measure, figures and report line; a cell that cannot be
read is a problem kept in the batch, and the rest of the row is read."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from msgspec import Struct, field
from msgspec.structs import replace

from perfcli.domain.comparator_types import Comparator
from perfcli.domain.directions import NOTHING as _NOTHING
from perfcli.domain.directions import parse_direction
from perfcli.domain.measure_ids import slugify
from perfcli.domain.model import Aim, Observation, QuartilePosition, ReportLine, parse_aim
from perfcli.domain.outcomes import Progress
from perfcli.domain.periods import Period
from perfcli.domain.quartiles import parse_quartile
from perfcli.domain.records import ImportBatch, Place
from perfcli.domain.values import ParsedValue, parse_value
from perfcli.errors import PerfcliError
from perfcli.importers.grid import Cell, Sheet, column_letter
from perfcli.importers.measures import (
    Context,
    RowFacts,
    build_measure,
    clean_code,
    comparator_at,
    resolve_id,
)
from perfcli.importers.problems import Problem, period_correction
from perfcli.importers.theme_header import ThemeHeader
from perfcli.location import Location

T = TypeVar("T")


class SheetState(Struct):
    """What a sheet's rows have said so far: the theme and outcome in force, the ids read, and the
    marks that await their footnotes."""

    report: Period
    theme: str | None
    seen: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    pending: list[tuple[int, str, int]] = field(default_factory=list)  # line, marks, row
    footnotes: list[tuple[int, str, str]] = field(default_factory=list)  # row, mark, text
    outcome: str | None = None
    outcome_theme: str | None = None  # the Theme column's text the outcome was given under


def parse_polarity(text: str) -> Aim | None:
    """`High`, `High is good`, `Lower is better`, `Neutral` -> Aim; None if not a polarity."""
    cleaned = re.sub(r"\s+is\s+(?:good|better|best)$", "", " ".join(text.lower().split()))
    if cleaned in ("neutral", "no polarity", "none", "context"):
        return Aim.INFO
    return parse_aim(cleaned)


def _marks(text: str) -> tuple[str, list[str]]:
    """`Road casualties¹` -> (`Road casualties`, ['¹']); the rest of the text is kept as written."""
    marks = re.findall(r"[¹²³⁴⁵⁶⁷⁸⁹]", text)
    stars = re.search(r"(\*+)\s*$", text)
    if stars:
        marks.append(stars.group(1))
    cleaned = re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹]|\*+\s*$", "", text)
    return " ".join(cleaned.split()), marks


def _ref(header: ThemeHeader, number: int, role: str) -> str:
    return f"{column_letter(header.columns.get(role, 1))}{number}"


def _text(sheet: Sheet, header: ThemeHeader, number: int, role: str) -> str:
    column = header.columns.get(role)
    cell = sheet.rows[number].get(column) if column is not None else None
    return cell.text if cell else ""


def read_row(
    sheet: Sheet,
    number: int,
    header: ThemeHeader,
    state: SheetState,
    ctx: Context,
    batch: ImportBatch,
) -> None:
    description_text = _text(sheet, header, number, "description")
    if not description_text:
        raise sheet.error(
            "an indicator row with no description", _ref(header, number, "description")
        )
    theme = _text(sheet, header, number, "theme") or state.theme
    description, marks = _marks(description_text)
    code, tags, code_marks = clean_code(_text(sheet, header, number, "code"))
    kept = batch.problems
    quartile, quartile_text = _quartile(sheet, header, number, state, kept)
    direction = _direction(sheet, header, number, kept)
    facts = RowFacts(
        code=code or "Local",
        description=" ".join(description.split()),
        explicit_id=_text(sheet, header, number, "id") or None,
        tags=tags,
        report_period=state.report.label,
        aim=_aim(sheet, header, number, kept),
    )
    values = [
        _value(sheet, header, number, column, period, kept) for column, period in header.values[:2]
    ]
    facts.figures = [parsed.figure if parsed else None for parsed, _, _ in values]
    mid = _unique_id(sheet, number, header, resolve_id(facts, ctx, batch), theme, state, batch)
    if facts.aim is None and not _aim_known(mid, ctx, batch):
        # Compendiums leave context indicators' polarity blank: shown, but never judged.
        facts.aim = Aim.INFO
        batch.note(
            Location(sheet.file.name, sheet.name, _ref(header, number, "aim")),
            f"{facts.description[:40]!r} has no polarity; read as N/A, so its direction of travel is not judged",
        )
    measure = build_measure(mid, facts, ctx, batch, sheet=sheet, cell=_ref(header, number, "aim"))
    measure = replace(measure, theme=measure.theme or theme)
    batch.measures[mid] = measure
    current, previous = _observations(sheet, header, mid, values, batch)
    batch.lines.append(
        ReportLine(
            report_period=state.report.label,
            measure_id=mid,
            code=code or "Local",
            description=facts.description,
            current_period=current,
            previous_period=previous,
            comparator=_target(sheet, header, number, state.report, kept),
            commentary=_text(sheet, header, number, "commentary") or None,
            theme=theme,
            published_progress=direction,
            marks_at=(
                {
                    "progress": Location(
                        str(sheet.file), sheet.name or None, _ref(header, number, "direction")
                    )
                }
                if direction is not None
                else {}
            ),  # fmt: skip
            published_quartile=quartile_text or None,
            quartile=quartile,
            outcome=state.outcome,
            position=len(batch.lines),
        )
    )
    all_marks = "".join(marks + code_marks) + (quartile.marks if quartile else "")
    if all_marks:
        state.pending.append((len(batch.lines) - 1, all_marks, number))


def _quartile(
    sheet: Sheet, header: ThemeHeader, number: int, state: SheetState, kept: list[Problem]
) -> tuple[QuartilePosition | None, str]:
    """The row's printed quartile, read once, and its text as kept (none for a text that is
    neither a quartile nor a way of saying there is none)."""
    text = _text(sheet, header, number, "quartile")
    quartile = _read(
        sheet, _ref(header, number, "quartile"), kept, "quartile not imported",
        lambda: parse_quartile(text, state.report),
        hint="write it as 1st to 4th, with its year and group in brackets where they are not"
        " the report's: 2nd (2022/23) (Eng), 1st/2nd (2024)",
    )  # fmt: skip
    if text and quartile is None and not _NOTHING.match(text.strip()):
        text = ""
    return quartile, text


def _direction(
    sheet: Sheet, header: ThemeHeader, number: int, kept: list[Problem]
) -> Progress | None:
    """The row's printed direction of travel (None where none is printed or it is unreadable)."""
    text = _text(sheet, header, number, "direction")
    if not text:
        return None
    return _read(
        sheet, _ref(header, number, "direction"), kept, "direction of travel not imported",
        lambda: parse_direction(text), hint="use ↑, ↓ or →, or a word",
    )  # fmt: skip


def _observations(
    sheet: Sheet, header: ThemeHeader, mid: str,
    values: list[tuple[ParsedValue | None, Period, Cell | None]], batch: ImportBatch,
) -> tuple[str, str | None]:  # fmt: skip
    """The row's figures kept as observations; the current and previous periods its line
    reports (the heading's, where a figure is missing)."""
    periods: list[str | None] = []
    for parsed, period, cell in values:
        if parsed is None or cell is None:
            periods.append(None)
            continue
        observation = Observation.from_parsed(mid, period, parsed)
        batch.observations.append((observation, Place(sheet.name or None, cell.ref)))
        periods.append(observation.period)
    current = periods[0] or header.values[0][1].label
    previous = periods[1] if len(periods) > 1 else None
    if previous is None and len(header.values) > 1:
        previous = header.values[1][1].label
    return current, previous


def _aim(sheet: Sheet, header: ThemeHeader, number: int, kept: list[Problem]) -> Aim | None:
    text = _text(sheet, header, number, "aim")
    if not text:
        return None
    aim = parse_polarity(text)
    if aim is None:
        kept.append(Problem(
            sheet.error(f"unknown polarity {text!r}", _ref(header, number, "aim"),
                        hint="use High or Low (is good), Band or N/A"),
            "stored for information only (N/A) until its polarity is set",
        ))  # fmt: skip
        return Aim.INFO
    return aim


def _read(
    sheet: Sheet, ref: str, kept: list[Problem], skipped: str, read: Callable[[], T], *, hint: str
) -> T | None:
    """`read()`, or None with a problem at `ref` kept in the batch: the rest of the row is read."""
    try:
        return read()
    except (ValueError, PerfcliError) as error:
        message = str(getattr(error, "message", error))
        kept.append(Problem(sheet.error(message, ref, hint=getattr(error, "hint", None) or hint),
                            skipped))  # fmt: skip
        return None


def _aim_known(mid: str, ctx: Context, batch: ImportBatch) -> bool:
    """perfcli.toml or an earlier import already says which way the measure should go."""
    settings = ctx.settings.get(mid)
    stored = batch.measures.get(mid) or ctx.stored.get(mid)
    return bool((settings and settings.aim) or stored)


def _value(
    sheet: Sheet, header: ThemeHeader, number: int, column: int, period: Period,
    kept: list[Problem],
) -> tuple[ParsedValue | None, Period, Cell | None]:  # fmt: skip
    """The figure in one `End of Yr` column, in its own period when it lags (`340.2 (2022)`)."""
    cell = sheet.rows[number].get(column)
    if cell is None:
        return None, period, None
    text = cell.text
    try:
        parsed = parse_value(text, within=period)
    except PerfcliError as error:
        located = sheet.error(error.message, cell.ref, hint=error.hint)
        corrected = period_correction(text, error, period)
        if corrected is None:
            kept.append(Problem(located, "figure not imported"))
            return None, period, None
        kept.append(Problem(located, f"read as {corrected!r}"))
        parsed = parse_value(corrected, within=period)
    return parsed, parsed.period or period, cell


def _target(
    sheet: Sheet, header: ThemeHeader, number: int, report: Period, kept: list[Problem]
) -> Comparator | None:
    text = _text(sheet, header, number, "target")
    if not text:
        return None
    ref = _ref(header, number, "target")
    return _read(sheet, ref, kept, "target not imported",
                 lambda: comparator_at(sheet, text, ref, report), hint="check the target")  # fmt: skip


def _unique_id(
    sheet: Sheet,
    number: int,
    header: ThemeHeader,
    mid: str,
    theme: str | None,
    state: SheetState,
    batch: ImportBatch,
) -> str:
    """The same description under two themes is two indicators; twice in one theme is a mistake."""
    if mid in state.seen:
        first_row, first_theme = state.seen[mid]
        if theme == first_theme or not theme or "id" in header.columns:
            raise sheet.error(
                f"indicator {mid} appears twice (first on row {first_row})",
                _ref(header, number, "id" if "id" in header.columns else "description"),
                hint="give each row its own ID, or remove the duplicate row",
            )
        mid = f"{mid}-{slugify(theme)}"
        batch.note(
            Location(sheet.file.name, sheet.name, row=number),
            f"{theme!r} repeats an indicator of {first_theme!r}; its id is {mid}",
        )
    state.seen[mid] = (number, theme)
    return mid
