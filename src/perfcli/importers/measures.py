"""What every layout reader shares to turn a row into a measure: Context, RowFacts, build_measure."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace

from perfcli.config import MeasureSettings
from perfcli.domain.comparator_parsing import parse_comparator
from perfcli.domain.comparator_types import Comparator, comparator_from
from perfcli.domain.figures import Figure, Unit, infer_unit
from perfcli.domain.measure_ids import is_local, measure_id
from perfcli.domain.model import Aim, Basis, Frequency, Measure
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.domain.records import ImportBatch
from perfcli.errors import InputError, PerfcliError
from perfcli.identity import normalise_alias
from perfcli.importers.grid import CellRef, Sheet
from perfcli.importers.sheet_xml import DEFAULT_MAX_CELLS
from perfcli.workspace import Folder

# (file, its sheets, the import's context, the batch to fill) -> whether the file was a return
ReturnReader = Callable[[Path, list[Sheet], "Context", ImportBatch], bool]


class Context(Struct):
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


class RowFacts(Struct):
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
    # The unit of the row's comparator (`25.5% 23/24 Nat. Ave`), for figures typed bare (`32.7`).
    comparator_unit: Unit | None = None
    report_period: str | None = None
    owner: str | None = None
    # An Aim cell that could not be read: the measure keeps an aim already held, else is N/A.
    aim_error: InputError | None = None


def owner_key(text: str) -> str | None:
    """An Owner cell as a key of [owners] in perfcli.toml: `Adult Learning` -> `adult-learning`.

    Only letters, digits and hyphens: the key names the owner's return file."""
    key = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return key or None


_TAG = re.compile(r"<[^>]+>|\*?\bBCF\b\*?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_ASCOF = re.compile(r"ascof[\s\-_]*(\d[^\W_]*(?:\([^\W_]+\))?)", re.I)


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
    national = _ASCOF.match(code)
    if national:  # `ascof 2a` as the framework prints it, `ASCOF 2A`; `pt 1` after it as typed
        # `ASCOF2E` and `ASCOF-2E` too: a trial's `ASCOF2E` beside `ASCOF 2E` was two measures.
        code = f"ASCOF {national.group(1).upper()}{code[national.end() :]}"
    elif code.lower() == "local":  # and `LOCAL` or `local` as the key to the columns says it
        code = "Local"
    return code, tags, marks


def resolve_id(facts: RowFacts, ctx: Context, batch: ImportBatch) -> str:
    if facts.explicit_id:
        typed = facts.explicit_id.strip().lower()
        if typed in batch.measures or typed in ctx.stored:
            return typed
        # An old id `perfcli link` joined into another measure is that measure's alias now, so
        # a dashboard printing it in its ID column brings its figures to the joined measure.
        return ctx.aliases.get(normalise_alias(typed), typed)
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
        unit = infer_unit(facts.description, *facts.figures, compared=facts.comparator_unit)
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
