"""The tidy layout: one row per measure and period, and a measures sheet of definitions."""

from __future__ import annotations

from msgspec import Struct
from msgspec.structs import replace

from perfcli.domain.comparator_types import Comparator
from perfcli.domain.figures import Unit
from perfcli.domain.model import Basis, Frequency, Observation, ReportLine, parse_aim
from perfcli.domain.period_parsing import parse_month, parse_period
from perfcli.domain.periods import Period
from perfcli.domain.records import ImportBatch, Place
from perfcli.domain.values import ParsedValue, parse_value
from perfcli.errors import InputError, PerfcliError, quoted
from perfcli.importers.grid import Sheet, check_within_header, column_letter
from perfcli.importers.measures import (
    Context,
    RowFacts,
    build_measure,
    clean_code,
    comparator_at,
    owner_key,
    resolve_id,
)
from perfcli.importers.problems import Problem
from perfcli.location import Location

_COLUMNS = {
    "id": "id",
    "measure id": "id",
    "measure": "code",
    "code": "code",
    "measure code": "code",
    "description": "description",
    "aim": "aim",
    "unit": "unit",
    "section": "section",
    "layer": "section",
    "outcome": "outcome",
    "frequency": "frequency",
    "basis": "basis",
    "tags": "tags",
    "aliases": "aliases",
    "period": "period",
    "value": "value",
    "numerator": "numerator",
    "denominator": "denominator",
    "lower ci": "lower_ci",
    "upper ci": "upper_ci",
    "lower 95% ci": "lower_ci",
    "upper 95% ci": "upper_ci",
    "comparator": "comparator",
    "target": "comparator",
    "commentary": "commentary",
    "owner": "owner",
}


class TidyHeader(Struct):
    row: int
    columns: dict[str, int]


def find_header(sheet: Sheet) -> tuple[str, TidyHeader] | None:
    for number in sorted(sheet.rows)[:50]:
        columns: dict[str, int] = {}
        for column, cell in sorted(sheet.rows[number].items()):
            role = _COLUMNS.get(" ".join(cell.text.lower().split()))
            if role:
                columns.setdefault(role, column)
        has_measure = bool({"id", "code"} & columns.keys())
        if has_measure and {"period", "value"} <= columns.keys():
            return "tidy", TidyHeader(number, columns)
        if has_measure and {"description", "aim"} <= columns.keys() and "period" not in columns:
            return "definitions", TidyHeader(number, columns)
    return None


def _get(sheet: Sheet, header: TidyHeader, number: int, role: str) -> str:
    column = header.columns.get(role)
    if column is None:
        return ""
    cell = sheet.rows[number].get(column)
    return cell.text if cell else ""


def _ref(header: TidyHeader, number: int, role: str) -> str:
    return f"{column_letter(header.columns.get(role, 1))}{number}"


def _facts(sheet: Sheet, header: TidyHeader, number: int) -> RowFacts:
    code, tags, _ = clean_code(_get(sheet, header, number, "code"))
    facts = RowFacts(
        code=code or "Local",
        description=_get(sheet, header, number, "description"),
        explicit_id=_get(sheet, header, number, "id") or None,
        tags=tags
        + [t.strip() for t in _get(sheet, header, number, "tags").split(",") if t.strip()],
        section=_get(sheet, header, number, "section") or None,
        outcome=_get(sheet, header, number, "outcome") or None,
        owner=owner_key(_get(sheet, header, number, "owner")),
    )
    aim_text = _get(sheet, header, number, "aim")
    if aim_text:
        facts.aim = parse_aim(aim_text)
        if facts.aim is None:
            raise sheet.error(
                f"unknown aim {aim_text!r}",
                _ref(header, number, "aim"),
                hint="use High, Low, Target Band Width or N/A",
            )
    for role, kind in (("unit", Unit), ("frequency", Frequency), ("basis", Basis)):
        text = _get(sheet, header, number, role)
        if text:
            try:
                setattr(facts, role, kind("_".join(text.lower().replace("-", " ").split())))
            except ValueError:
                allowed = ", ".join(member.value for member in kind)
                raise sheet.error(
                    f"unknown {role} {text!r}",
                    _ref(header, number, role),
                    hint=f"use one of {allowed}",
                ) from None
    return facts


def read_definitions(sheet: Sheet, header: TidyHeader, ctx: Context, batch: ImportBatch) -> None:
    """The measures a definitions table gives; what it holds besides is said, not read: a
    dashboard whose figure columns name no period (`This year`) is read as one of these."""
    _unread_columns(sheet, header, batch)
    seen: dict[str, int] = {}
    for number in sorted(n for n in sheet.rows if n > header.row):
        cells = sheet.rows[number]
        if len(cells) == 1 and header.columns.get("description") not in cells:
            only = next(iter(cells.values()))
            batch.note(Location(sheet.file.name, sheet.name, row=number),
                       f"ignored row {only.text[:40]!r}")  # fmt: skip
            continue
        try:
            _definition(sheet, header, number, seen, ctx, batch)
        except InputError as error:
            batch.problems.append(Problem(error, "row not imported"))


def _unread_columns(sheet: Sheet, header: TidyHeader, batch: ImportBatch) -> None:
    read = set(header.columns.values())
    unread = [c for n, c in sorted(sheet.rows[header.row].items()) if n not in read and c.text]
    if not unread:
        return
    named = ", ".join(f"{c.ref} {c.text[:30]!r}" for c in unread)
    batch.note(
        Location(sheet.file.name, sheet.name, row=header.row),
        f"read as measures' definitions, with no figures: not read {named}",
        hint="head figure columns with their period ('2023/24 Performance', or '2023/24')",
    )


def _definition(
    sheet: Sheet, header: TidyHeader, number: int, seen: dict[str, int], ctx: Context,
    batch: ImportBatch,
) -> None:  # fmt: skip
    facts = _facts(sheet, header, number)
    if not facts.description:
        raise sheet.error("a measure with no description", _ref(header, number, "description"))
    mid = resolve_id(facts, ctx, batch)
    if mid in seen:
        raise sheet.error(
            f"measure {mid} is defined twice (first on row {seen[mid]})",
            _ref(header, number, "id" if facts.explicit_id else "code"),
        )
    seen[mid] = number
    aliases = [a.strip() for a in _get(sheet, header, number, "aliases").split(";") if a.strip()]
    measure = build_measure(mid, facts, ctx, batch, sheet=sheet, cell=_ref(header, number, "aim"))
    if aliases:
        measure = replace(measure, aliases=sorted({*measure.aliases, *aliases}))
    batch.measures[mid] = measure
    for alias in aliases:
        ctx.aliases[" ".join(alias.lower().split())] = mid


def read_observations(sheet: Sheet, header: TidyHeader, ctx: Context, batch: ImportBatch) -> None:
    seen: dict[tuple[str, str], int] = {}
    for number in sorted(n for n in sheet.rows if n > header.row):
        try:
            _observation_row(sheet, header, number, seen, ctx, batch)
        except InputError as error:
            batch.problems.append(Problem(error, "row not imported"))


def _observation_row(
    sheet: Sheet, header: TidyHeader, number: int, seen: dict[tuple[str, str], int],
    ctx: Context, batch: ImportBatch,
) -> None:  # fmt: skip
    check_within_header(sheet, number, header.row)
    facts = _facts(sheet, header, number)
    mid = resolve_id(facts, ctx, batch) if (facts.description or facts.explicit_id) else None
    if mid is None:
        known = ctx.aliases.get(" ".join(facts.code.lower().split()))
        mid = known or facts.code.lower()
    period_text = _get(sheet, header, number, "period")
    try:
        period = _period(period_text, facts, ctx, batch, mid)
    except PerfcliError as error:
        raise sheet.error(error.message, _ref(header, number, "period"), hint=error.hint) from None
    if (mid, period.label) in seen:
        raise sheet.error(
            f"measure {mid} has two rows for {period.display} (first on row {seen[mid, period.label]})",
            _ref(header, number, "period"),
        )
    seen[mid, period.label] = number
    if mid not in batch.measures:
        if mid not in ctx.stored and not facts.description:
            raise sheet.error(
                f"measure {mid!r} is not defined",
                _ref(header, number, "id" if facts.explicit_id else "code"),
                hint="import its measures sheet first, or add Description and Aim columns",
            )
        if not facts.description:
            facts.description = ctx.stored[mid].description
        facts.report_period = period.label
        batch.measures[mid] = build_measure(
            mid, facts, ctx, batch, sheet=sheet, cell=_ref(header, number, "aim")
        )
    observation = _observation(sheet, header, number, mid, period)
    batch.observations.append(
        (observation, Place(sheet.name or None, _ref(header, number, "value")))
    )
    batch.lines.append(
        ReportLine(
            report_period=period.label,
            measure_id=mid,
            code=batch.measures[mid].code,
            description=batch.measures[mid].description,
            current_period=observation.period,
            comparator=_comparator(sheet, header, number, period),
            commentary=_get(sheet, header, number, "commentary") or None,
            section=batch.measures[mid].section,
            outcome=batch.measures[mid].outcome,
            position=len(batch.lines),
        )
    )


def _period(text: str, facts: RowFacts, ctx: Context, batch: ImportBatch, mid: str) -> Period:
    """A row's period: `Apr-24` is the month of April 2024 here (a monthly series), unless the
    measure is a snapshot, where it is the position at the end of April as elsewhere."""
    settings = ctx.settings.get(mid)
    stored = batch.measures.get(mid) or ctx.stored.get(mid)
    basis = (
        (settings.basis if settings else None) or facts.basis or (stored.basis if stored else None)
    )
    month = parse_month(text) if basis is not Basis.SNAPSHOT else None
    return month or parse_period(text)


def _observation(
    sheet: Sheet, header: TidyHeader, number: int, mid: str, period: Period
) -> Observation:
    parsed = _figure(sheet, header, number, "value", within=period)
    observation = Observation.from_parsed(mid, parsed.period or period, parsed)
    counts = {"numerator": observation.numerator, "denominator": observation.denominator,
              "lower_ci": None, "upper_ci": None}  # fmt: skip
    for role in counts:
        if _get(sheet, header, number, role):
            count = _figure(sheet, header, number, role)
            if count.value is None:
                raise sheet.error(
                    f"{_NAMES[role]} {quoted(count.raw)} is not a number",
                    _ref(header, number, role),
                )
            counts[role] = count.value
    lower, upper = counts["lower_ci"], counts["upper_ci"]
    if (lower is None) != (upper is None) or (
        lower is not None and upper is not None and observation.value is not None
        and not lower <= observation.value <= upper
    ):  # fmt: skip
        raise sheet.error(
            "a confidence interval needs both limits, either side of the value",
            _ref(header, number, "lower_ci" if lower is not None else "upper_ci"),
        )
    return replace(observation, numerator=counts["numerator"], denominator=counts["denominator"],
                   lower_ci=lower, upper_ci=upper)  # fmt: skip


_NAMES = {"value": "value", "numerator": "numerator", "denominator": "denominator",
          "lower_ci": "lower CI", "upper_ci": "upper CI"}  # fmt: skip


def _figure(
    sheet: Sheet, header: TidyHeader, number: int, role: str, *, within: Period | None = None
) -> ParsedValue:
    """A tidy row's number: a figure alone (`615.1k`, `48.3%`, `1.5E+06`), or text in place of
    one (`n/a`, `Due June 2022`). A figure with more after it is an error at its cell: `12/11`
    was read as 12 with no finding, a numerator of `nan` as a number."""
    text = _get(sheet, header, number, role)
    try:
        parsed = parse_value(text, within=within)
    except PerfcliError as error:
        raise sheet.error(error.message, _ref(header, number, role), hint=error.hint) from None
    if parsed.figure is not None and parsed != ParsedValue(parsed.raw, parsed.figure):
        raise sheet.error(
            f"{_NAMES[role]} {text!r} is not a number",
            _ref(header, number, role),
            hint="a tidy file's Value holds the figure alone: its counts go under Numerator and"
            " Denominator, its period under Period"
            if role == "value"
            else None,
        )
    return parsed


def _comparator(sheet: Sheet, header: TidyHeader, number: int, period: Period) -> Comparator | None:
    text = _get(sheet, header, number, "comparator")
    return comparator_at(sheet, text, _ref(header, number, "comparator"), period) if text else None
