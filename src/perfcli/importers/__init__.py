"""Turn input files into an ImportBatch: measures, observations and report lines, checked."""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from perfcli.config import MeasureSettings
from perfcli.domain.comparator_types import Comparator, comparator_from
from perfcli.domain.comparators import parse_comparator
from perfcli.domain.figures import Figure, Unit, infer_unit
from perfcli.domain.measure_ids import is_local, measure_id
from perfcli.domain.model import Aim, Basis, Frequency, Measure
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.domain.records import ImportBatch as ImportBatch
from perfcli.domain.records import Problem
from perfcli.domain.records import Returned as Returned
from perfcli.errors import InputError, PerfcliError
from perfcli.identity import normalise_alias
from perfcli.importers.grid import CellRef, Sheet
from perfcli.importers.sheet_xml import DEFAULT_MAX_CELLS
from perfcli.importers.sheets import read_sheets
from perfcli.location import Location
from perfcli.workspace import Folder

# (file, its sheets, the import's context, the batch to fill) -> whether the file was a return
ReturnReader = Callable[[Path, list[Sheet], "Context", ImportBatch], bool]


@dataclass
class Context:
    """What an import knows besides the file: definitions, aliases and what is stored."""

    settings: dict[str, MeasureSettings] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    stored: dict[str, Measure] = field(default_factory=dict)
    latest_report: dict[str, str] = field(default_factory=dict)
    period: Period | None = None
    max_bytes: int | None = None
    max_unzipped_bytes: int | None = None
    max_cells: int = DEFAULT_MAX_CELLS
    include_hidden: bool = False
    # The workspace whose store signs its returns (perfcli.returns): None when rating a file alone.
    folder: Folder | None = None
    # Reads a service owner's return, when the file is one (True), checking it against the store
    # that sealed it: supplied by the caller (perfcli.returns.read), since a reader never opens
    # the store. None reads every file as a dashboard or a table.
    returns: ReturnReader | None = None


@dataclass(slots=True)
class RowFacts:
    """What one row says about its measure, before definitions and the store are applied."""

    code: str
    description: str
    explicit_id: str | None = None
    aim: Aim | None = None
    unit: Unit | None = None
    section: str | None = None
    outcome: str | None = None
    plan: str | None = None
    # Read, never changed: empty by default without a new list for each row.
    tags: Sequence[str] = ()
    footnotes: Sequence[str] = ()
    frequency: Frequency | None = None
    basis: Basis | None = None
    figures: Sequence[Figure | None] = ()
    report_period: str | None = None
    owner: str | None = None


def owner_key(text: str) -> str | None:
    """An Owner cell as a key of [owners] in perfcli.toml: `Adult Learning` -> `adult-learning`.

    Only letters, digits and hyphens: the key names the owner's return file."""
    key = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return key or None


_TAG = re.compile(r"<[^>]+>|\*?\bBCF\b\*?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


def clean_code(text: str) -> tuple[str, list[str], list[str]]:
    """`ASCOF 2D <i>*BCF*</i>` -> (`ASCOF 2D`, ['BCF'], footnote marks)."""
    code, tags, marks = _cleaned(text)
    return code, list(tags), list(marks)


# Most rows' codes repeat (`Local`, `ASCOF 2D`): each text is cleaned once.
@lru_cache(maxsize=1024)
def _cleaned(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    tags = ("BCF",) if re.search(r"\bBCF\b", text) else ()
    marks = tuple(re.findall(r"[¹²³⁴⁵⁶⁷⁸⁹]", text))
    code = " ".join(_TAG.sub(" ", text).replace("*", " ").split())
    return code, tags, marks


def resolve_id(facts: RowFacts, ctx: Context, batch: ImportBatch) -> str:
    if facts.explicit_id:
        return facts.explicit_id.strip().lower()
    code = facts.code.strip()
    if not is_local(code):
        known = ctx.aliases.get(normalise_alias(code))
        if known:
            return known
    known = ctx.aliases.get(normalise_alias(facts.description))
    if known:
        return known
    return measure_id(code, facts.description)


_NO_SETTINGS = MeasureSettings()


def build_measure(
    mid: str,
    facts: RowFacts,
    ctx: Context,
    batch: ImportBatch,
    *,
    sheet: Sheet,
    cell: str | CellRef,
) -> Measure:
    """Combine perfcli.toml (first), the row, and what is stored (last) into one Measure."""
    settings = ctx.settings.get(mid) or _NO_SETTINGS
    stored = batch.measures.get(mid) or ctx.stored.get(mid)
    newer_stored = (
        stored is not None
        and facts.report_period is not None
        and mid in ctx.latest_report
        and parse_period(ctx.latest_report[mid]) > parse_period(facts.report_period)
    )
    code = facts.code
    description = facts.description
    if newer_stored and stored is not None:
        code, description = stored.code, stored.description
    # The aim and unit perfcli.toml gives count before one is found missing or guessed.
    aim = settings.aim or facts.aim or (stored.aim if stored else None)
    if aim is None:
        raise sheet.error(
            f"measure {facts.code} {facts.description!r} has no aim",
            cell,
            hint=f"fill in its Aim (High, Low, Target Band Width or N/A), or set aim under [measures.{mid}] in perfcli.toml",
        )
    unit = settings.unit or facts.unit or (stored.unit if stored else None)
    if unit is None:
        unit = infer_unit(facts.description, *facts.figures)
    read = Measure(
        id=mid,
        code=code,
        description=description,
        aim=aim,
        unit=unit,
        section=facts.section,
        outcome=facts.outcome,
        plan=facts.plan,
        # Most rows have neither: an empty list is made as such (sorting nothing costs 1 µs).
        tags=sorted(set(facts.tags)) if facts.tags else [],
        footnotes=list(dict.fromkeys(facts.footnotes)) if facts.footnotes else [],
        frequency=facts.frequency,
        basis=facts.basis,
        owner=facts.owner,
    )
    if stored is not None:
        read = _joined(read, facts.code, stored, newer_stored)
    # A measure perfcli.toml says nothing of is kept as read (`applied_to` would look at each
    # of its fields to change none, ~4 µs a row).
    return settings.applied_to(read) if settings is not _NO_SETTINGS else read


def _joined(read: Measure, printed_code: str, stored: Measure, newer_stored: bool) -> Measure:
    """The measure a row gives, joined to the one stored (or read from an earlier row): the
    row's values, then the stored measure's; the stored ones first when its report is newer.
    Codes it was printed or stored under are its aliases."""

    def pick(name: str) -> Any:
        row_value = getattr(read, name)
        if row_value not in (None, []) and not newer_stored:
            return row_value
        stored_value = getattr(stored, name)
        return stored_value if stored_value not in (None, []) else row_value

    aliases = set(stored.aliases)
    for alias in (printed_code, stored.code):
        if not is_local(alias) and alias != read.code:
            aliases.add(alias)
    return replace(
        read,
        section=pick("section"),
        outcome=pick("outcome"),
        plan=pick("plan"),
        tags=sorted(set(read.tags) | set(stored.tags)),
        footnotes=list(dict.fromkeys([*read.footnotes, *stored.footnotes])),
        frequency=pick("frequency"),
        basis=pick("basis"),
        survey=bool(stored.survey),
        previous=stored.previous,
        preferred_direction=stored.preferred_direction,
        survey_period=stored.survey_period,
        aliases=sorted(aliases),
        owner=pick("owner"),
    )


def comparator_at(sheet: Sheet, text: str, ref: str, within: Period | None) -> Comparator | None:
    """A comparator cell read (None when empty), or one error naming its cell."""
    try:
        parsed = parse_comparator(text, within=within)
    except PerfcliError as error:
        raise sheet.error(error.message, ref, hint=error.hint) from None
    return comparator_from(parsed) if parsed else None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_file(path: Path, ctx: Context) -> ImportBatch:
    """Read one file of any supported layout into a batch.

    A file that cannot be read at all raises one located error; a cell or row that cannot be
    read is a problem kept in the batch, and the rest of the file is read.
    """
    with _keeping_all():
        return _read_file(path, ctx)


@contextmanager
def _keeping_all() -> Iterator[None]:
    """The cyclic collector paused: a read keeps nearly every object it makes (cells, then
    records), so a collection run again and again over the growing heap finds nothing."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _read_file(path: Path, ctx: Context) -> ImportBatch:
    from perfcli.importers import appendix_a, appendix_header, theme_dashboard, theme_header, tidy

    sheets = read_sheets(
        path,
        max_bytes=ctx.max_bytes,
        max_unzipped_bytes=ctx.max_unzipped_bytes,
        max_cells=ctx.max_cells,
    )
    batch = ImportBatch(path, file_sha256(path))
    if path.suffix.lower() in (".xlsm", ".xltm"):
        batch.note(
            Location(path.name),
            "a macro-enabled workbook; perfcli reads its cells and never runs its macros",
        )
    if all(not sheet.rows for sheet in sheets):
        raise InputError("is empty", file=path, sheet=sheets[0].name if len(sheets) == 1 else None)
    if ctx.returns is not None:  # a return is known by its hidden sheet, which _visible leaves out
        try:
            if ctx.returns(path, sheets, ctx, batch):
                return batch
        except InputError as error:
            raise ReturnRefused.of(error) from error
    sheets = _visible(path, sheets, ctx, batch)
    # Definitions first, then dashboards, then tidy figures: each read sees the measures before it.
    plans: list[tuple[int, Sheet, int, Callable[[], None]]] = []
    for sheet in sheets:
        if not sheet.rows:
            continue
        themed = theme_header.find_header(sheet)
        if themed is not None:
            plans.append(
                (1, sheet, themed.row, partial(theme_dashboard.read, sheet, themed, ctx, batch))
            )
            continue
        found = appendix_header.find_header(sheet)
        if found is not None:
            plans.append((1, sheet, found.row, partial(appendix_a.read, sheet, found, ctx, batch)))
            continue
        found_tidy = tidy.find_header(sheet)
        if found_tidy is not None:
            kind, header = found_tidy
            reader = tidy.read_definitions if kind == "definitions" else tidy.read_observations
            order = 0 if kind == "definitions" else 2
            plans.append((order, sheet, header.row, partial(reader, sheet, header, ctx, batch)))
    if not plans:
        first = next((sheet for sheet in sheets if sheet.rows), None)
        if first is None:
            raise InputError("has nothing to read but hidden sheets or rows", file=path,
                             hint="pass --include-hidden to read them")  # fmt: skip
        raise first.error("no recognisable header row", hint=LOOKED_FOR)
    for _, sheet, _, read in sorted(plans, key=lambda plan: plan[0]):
        for ref in sheet.missing_values:
            batch.problems.append(Problem(
                sheet.error(
                    "formula with no saved value (the workbook was written by a program and never saved in Excel)",
                    ref, hint="open it in Excel or LibreOffice, save it, and import again",
                ),
                "figure not imported",
            ))  # fmt: skip
        read()
    if not batch.measures and not batch.problems:
        first_sheet, row = plans[0][1], plans[0][2]
        raise NoMeasures(
            f"holds no measures: a header on row {row} and no measure rows below it",
            file=path, sheet=first_sheet.name,
            hint="perfcli reads the rows below the header that have a code (e.g. ASCOF 2A or Local) and a description",
        )  # fmt: skip
    return batch


class ReturnRefused(InputError):
    """A service owner's return refused whole (another workspace's or period's, a locked cell
    changed): among several files, one problem of many rather than the end of the reading."""

    @classmethod
    def of(cls, error: InputError) -> ReturnRefused:
        return cls(error.message, file=error.file, sheet=error.sheet, cell=error.cell,
                   hint=error.hint)  # fmt: skip


class NoMeasures(InputError):
    """A layout perfcli knows, with no measures in it yet (`perfcli init`'s blank workbook)."""


LOOKED_FOR = (
    "expected columns Measure, Description, Aim and '<period> Performance' (Appendix A),"
    " or Measure, Period, Value (tidy table),"
    " or Description, Quartile position, Direction of Travel, 'End of Yr <period>' (theme dashboard)"
)


def _visible(path: Path, sheets: list[Sheet], ctx: Context, batch: ImportBatch) -> list[Sheet]:
    """The sheets and rows a reader sees in Excel: hidden ones are left out, and said so."""
    if ctx.include_hidden:
        return sheets
    shown = []
    for sheet in sheets:
        if sheet.hidden:
            if sheet.rows:
                batch.note(
                    Location(path.name, sheet.name),
                    "a hidden sheet, not read (--include-hidden reads it)",
                )
            continue
        rows = sorted(sheet.hidden_rows & sheet.rows.keys())
        if rows:
            for number in rows:
                del sheet.rows[number]
            listed = ", ".join(str(n) for n in rows[:10]) + (" …" if len(rows) > 10 else "")
            batch.note(
                Location(path.name, sheet.name),
                f"hidden {'row' if len(rows) == 1 else 'rows'} {listed} not read"
                " (--include-hidden reads them)",
            )
        shown.append(sheet)
    return shown
