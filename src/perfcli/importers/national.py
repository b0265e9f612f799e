"""National comparator data: NHS England's ASCOF measures CSV, or a generic long table."""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path

from msgspec import Struct, field

from perfcli.domain.model import NationalRow
from perfcli.domain.national_areas import area_kind
from perfcli.domain.national_areas import name_key as _norm
from perfcli.domain.national_codes import ascof_key
from perfcli.domain.period_parsing import find_periods, most_specific, parse_period
from perfcli.domain.periods import Period
from perfcli.domain.values import WRITTEN_NUMBER
from perfcli.errors import InputError, PerfcliError
from perfcli.importers.csv_reader import csv_rows
from perfcli.importers.grid import Sheet, column_letter
from perfcli.importers.sheets import CSV_SUFFIXES, read_sheets
from perfcli.words import count

ASCOF_COLUMNS = {
    "geographical code": "area_code",
    "geographical description": "area_name",
    "geographical level": "level",
    "ascof measure code": "measure",
    "disaggregation level": "disaggregation",
    "measure type": "measure_type",
    "measure value": "value",
}
GENERIC_COLUMNS = {
    "area code": "area_code",
    "area name": "area_name",
    "level": "level",
    "measure": "measure",
    "period": "period",
    "value": "value",
    "numerator": "numerator",
    "denominator": "denominator",
    "lower ci": "lower_ci",
    "upper ci": "upper_ci",
    "lower 95% ci": "lower_ci",
    "upper 95% ci": "upper_ci",
}
# Published tables mark suppressed or missing figures with these; they are skipped, never zero.
SUPPRESSED = {"", "[c]", "[x]", "[z]", "[u]", "[low]", "..", ".", "x", "*", "-", "c", "n/a", ":"}


class NationalImport(Struct):
    file: Path
    periods: list[Period] = field(default_factory=list)  # the periods the file's figures are for
    rows: list[NationalRow] = field(default_factory=list)
    suppressed: int = 0
    unmapped: set[str] = field(default_factory=set)
    layout: str = "ascof"
    # Every problem in the file's cells: nothing of the file is imported while any remains.
    problems: list[InputError] = field(default_factory=list)
    # Levels that are no council's, England's or a group's that perfcli knows, with their rows.
    levels: dict[str, list[int]] = field(default_factory=dict)


class NationalRefused(PerfcliError):
    """Comparator files refused: every problem in their cells, none of them imported."""

    def __init__(self, problems: list[InputError]) -> None:
        super().__init__(
            f"{count(len(problems), 'error')} found, nothing imported; first: {problems[0]}"
        )
        self.problems = problems


def refuse_any(results: list[NationalImport]) -> None:
    """Raise every problem the files hold, or their one problem as its own line."""
    problems = [p for result in results for p in result.problems]
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise NationalRefused(problems)


# A row's number and its non-empty cells' text by column number.
Rows = Iterator[tuple[int, dict[int, str]]]
HEADER_WITHIN = 20  # rows


def _rows(path: Path) -> tuple[Sheet, Rows]:
    """The file's first non-empty sheet as a stream of rows: a CSV is never read whole."""
    if path.suffix.lower() in CSV_SUFFIXES and path.is_file():
        streamed = (
            (number, {c: v.strip() for c, v in enumerate(row, start=1) if v.strip()})
            for number, row in csv_rows(path)
        )
        return Sheet(path, None), (row for row in streamed if row[1])
    sheet = next((s for s in read_sheets(path) if s.rows), None)
    if sheet is None:
        raise InputError("is empty", file=path)
    grid = sheet.rows
    rows = ((n, {c: cell.text for c, cell in grid[n].items()}) for n in sorted(grid))
    return Sheet(path, sheet.name), rows


def _header(
    sheet: Sheet, first: list[tuple[int, dict[int, str]]]
) -> tuple[int, dict[str, int], str]:
    for number, cells in first:
        names = {_norm(text): col for col, text in cells.items()}
        ascof = {role: names[name] for name, role in ASCOF_COLUMNS.items() if name in names}
        if len(ascof) >= 3:
            missing = [name for name, role in ASCOF_COLUMNS.items() if role not in ascof]
            if missing:
                raise sheet.error(
                    "not the ASCOF layout: missing column(s) "
                    + ", ".join(f"'{m.capitalize()}'" for m in missing),
                    f"A{number}",
                )
            return number, ascof, "ascof"
        generic = {role: names[name] for name, role in GENERIC_COLUMNS.items() if name in names}
        if {"area_code", "measure", "value"} <= generic.keys():
            return number, generic, "generic"
    raise sheet.error(
        "not a national data file",
        hint="expected NHS England's ASCOF CSV (Geographical code, …, ASCOF measure code, Measure type,"
        " Measure value) or a long table with area code, area name, measure, period, value",
    )


def _number(sheet: Sheet, text: str, ref: str) -> float | None:
    cleaned = text.strip().replace(",", "")
    if cleaned.lower() in SUPPRESSED:
        return None
    try:
        # A comma only between thousands: `12,9` is no 129.
        written = not ("," in text and not WRITTEN_NUMBER.fullmatch(text.strip()))
        value = float(cleaned) if written else math.nan
    except ValueError:
        value = math.nan
    # `inf` and `nan` read as floats, but are no council's figure: a group mean of -inf, and
    # JSON that strict parsers refuse, would follow.
    if not math.isfinite(value):
        raise sheet.error(
            f"{text!r} is not a number",
            ref,
            hint="suppression markers such as [c] or .. are skipped",
        )
    return value


def period_of(path: Path, given: Period | None) -> Period:
    if given is not None:
        return given
    found = most_specific(find_periods(path.stem.replace("_", " ")))
    if found is None:
        raise InputError(
            "no period in the file name", file=path, hint="pass --period, e.g. --period 2023-24"
        )
    return found


def read(
    path: Path, *, period: Period | None, codes: dict[str, str], names: dict[str, str]
) -> NationalImport:
    """Read one national file. `codes` maps ASCOF keys to measure ids; `names` generic measure names."""
    sheet, rows = _rows(path)
    first = list(islice(rows, HEADER_WITHIN))
    if not first:
        raise InputError("is empty", file=path)
    number, columns, layout = _header(sheet, first)
    body = ((n, cells) for n, cells in chain(first, rows) if n > number)
    result = NationalImport(path, layout=layout)
    if layout == "ascof":
        result.periods = [period_of(path, period)]
        _read_ascof(sheet, body, columns, codes, result)
    else:
        _read_generic(sheet, body, columns, names, period, result)
    return result


def _cell(cells: dict[int, str], columns: dict[str, int], role: str) -> str:
    column = columns.get(role)
    return cells.get(column, "") if column else ""


def _read_ascof(
    sheet: Sheet,
    rows: Rows,
    columns: dict[str, int],
    codes: dict[str, str],
    result: NationalImport,
) -> None:
    seen: dict[tuple[str, str, str], tuple[int, str]] = {}
    figures: dict[tuple[str, str], dict[str, object]] = {}
    for row, cells in rows:
        if _norm(_cell(cells, columns, "disaggregation")) != "total":
            continue
        code = _cell(cells, columns, "measure")
        area = _cell(cells, columns, "area_code")
        kind = _norm(_cell(cells, columns, "measure_type"))
        raw = _cell(cells, columns, "value")
        ref = f"{column_letter(columns['value'])}{row}"
        key = (area, ascof_key(code), kind)
        if key in seen:
            first, held = seen[key]
            if _figure_key(held) != _figure_key(raw):
                result.problems.append(sheet.error(
                    f"{area} {code} {kind} appears twice with different values"
                    f" ({_shown(held)} on row {first}, {_shown(raw)} on row {row})", ref,
                ))  # fmt: skip
            continue
        seen[key] = (row, raw)
        measure_id = codes.get(ascof_key(code))
        if measure_id is None:
            result.unmapped.add(code)
            continue
        level = _cell(cells, columns, "level")
        _note_level(result, level, row)
        try:
            value = _number(sheet, raw, ref)
        except InputError as error:
            result.problems.append(error)
            continue
        entry = figures.setdefault((measure_id, area), {
            "area_name": _cell(cells, columns, "area_name"), "level": level,
        })  # fmt: skip
        if value is None:
            result.suppressed += 1
        entry[
            {"outcome": "value", "numerator": "numerator", "denominator": "denominator"}.get(
                kind, kind
            )
        ] = value
    for (measure_id, area), entry in figures.items():
        if entry.get("value") is None:
            continue
        result.rows.append(NationalRow(
            measure_id, result.periods[0].label, area, _text(entry["area_name"]), _text(entry["level"]),
            _figure(entry["value"]), _figure(entry.get("numerator")),
            _figure(entry.get("denominator")), result.file.name,
        ))  # fmt: skip


# A long table's figures for a row: a repeat of the row is ignored when they are all the same.
FIGURES = {"value": "values", "numerator": "numerators", "denominator": "denominators",
           "lower_ci": "lower CIs", "upper_ci": "upper CIs"}  # fmt: skip
BLANKS = ("",) * len(FIGURES)  # what a row gives for each figure it has no cell for


def _read_generic(
    sheet: Sheet, rows: Rows, columns: dict[str, int], names: dict[str, str], period: Period | None,
    result: NationalImport,
) -> None:  # fmt: skip
    """Every problem is collected, not raised, so that one reading lists them all."""
    # A figure column the file lacks is read as column 0, which no row has: blank, so None.
    figure_columns = [columns.get(role, 0) for role in FIGURES]
    # Each row's figures by area, measure and period, to judge a repeat: its value's text alone
    # where it gives no other figure (450,000 rows: 50 MB less than a tuple each).
    seen: dict[tuple[str, str, str], tuple[int, str | tuple[str, ...]]] = {}
    for row, cells in rows:
        name = _cell(cells, columns, "measure")
        measure_id = names.get(_norm(name))
        if measure_id is None:
            result.unmapped.add(name)
            continue
        found = len(result.problems)
        when = _period_in(sheet, cells, columns, row, period, result.problems)
        area = _cell(cells, columns, "area_code")
        texts = tuple(map(cells.get, figure_columns, BLANKS))
        alone = not any(texts[1:])
        if when is not None:
            key = (area, measure_id, when.label)
            if key in seen:
                first, held = seen[key]
                differs = _differs((held, *BLANKS[1:]) if isinstance(held, str) else held, texts)
                if differs is not None:
                    role, before, now = differs
                    result.problems.append(sheet.error(
                        f"{area} {name} {when.display} appears twice with different {FIGURES[role]}"
                        f" ({_shown(before)} on row {first}, {_shown(now)} on row {row})",
                        f"{column_letter(columns[role])}{row}",
                    ))  # fmt: skip
                continue
            seen[key] = (row, texts[0] if alone else texts)
        value = _number_in(sheet, texts[0], figure_columns[0], row, result.problems)
        numerator = denominator = lower = upper = None
        if not alone:  # most rows give a value alone: 450,000 rows read 0.3 s sooner
            numerator, denominator, lower, upper = [
                _number_in(sheet, text, column, row, result.problems) if text else None
                for text, column in zip(texts[1:], figure_columns[1:], strict=True)
            ]
        if len(result.problems) > found or when is None:
            continue
        if value is None:
            result.suppressed += 1
            continue
        if (lower is None) != (upper is None) or (
            lower is not None and upper is not None and not lower <= value <= upper
        ):
            role = "lower_ci" if lower is not None else "upper_ci"
            result.problems.append(sheet.error(
                "a confidence interval needs both limits, either side of the value",
                f"{column_letter(columns.get(role, 1))}{row}",
            ))  # fmt: skip
            continue
        level = _cell(cells, columns, "level")
        _note_level(result, level, row)
        result.rows.append(NationalRow(
            measure_id, when.label, area, _cell(cells, columns, "area_name") or None,
            level or "local authority", value, numerator, denominator,
            result.file.name, lower, upper,
        ))  # fmt: skip
    result.periods = sorted({parse_period(r.period) for r in result.rows})


def _period_in(
    sheet: Sheet, cells: dict[int, str], columns: dict[str, int], row: int,
    period: Period | None, problems: list[InputError],
) -> Period | None:  # fmt: skip
    """The row's period (else the one given), or None with the problem noted."""
    label = _cell(cells, columns, "period")
    ref = f"{column_letter(columns.get('period', 1))}{row}"
    try:
        when = parse_period(label) if label else period
    except PerfcliError as error:
        problems.append(sheet.error(error.message, ref, hint=error.hint))
        return None
    if when is None:
        problems.append(sheet.error("no period", ref, hint="add a Period column or pass --period"))
    return when


def _number_in(
    sheet: Sheet, text: str, column: int, row: int, problems: list[InputError]
) -> float | None:
    """The figure in a cell (None when it is suppressed), or None with the problem noted."""
    try:
        return _number(sheet, text, f"{column_letter(column)}{row}")
    except InputError as error:
        problems.append(error)
        return None


def _figure_key(text: str) -> float | str:
    """How two cells are compared: `70,000` is `70000.0`, and every suppression marker alike."""
    cleaned = text.strip().replace(",", "").lower()
    if cleaned in SUPPRESSED:
        return ""
    try:
        return float(cleaned)
    except ValueError:
        return cleaned


def _differs(held: tuple[str, ...], now: tuple[str, ...]) -> tuple[str, str, str] | None:
    """The first figure two readings of a row give differently: its role and both texts."""
    return next(
        ((role, before, after) for role, before, after in zip(FIGURES, held, now, strict=True)
         if _figure_key(before) != _figure_key(after)),
        None,
    )  # fmt: skip


def _shown(text: str) -> str:
    return text or "blank"


def _note_level(result: NationalImport, level: str, row: int) -> None:
    """A level perfcli does not know leaves its area out of ranking: noted, to be said."""
    if area_kind(level) is None:
        result.levels.setdefault(level, []).append(row)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _figure(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None
