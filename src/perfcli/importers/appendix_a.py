"""The Appendix A layout: dashboard tables with layer and outcome rows, as authors keep them.

Here the sheet, walked row by row: its banners, repeated codes, layers, outcomes and footnotes;
each measure's row is read in appendix_measure, the heading in appendix_header and appendix_rows.
"""

from __future__ import annotations

from msgspec.structs import replace

from perfcli.domain.measure_ids import is_local, slugify
from perfcli.domain.records import ImportBatch
from perfcli.errors import InputError
from perfcli.identity import normalise_alias
from perfcli.importers.appendix_header import ROLES, Header, header_at, report_period
from perfcli.importers.appendix_measure import read_row
from perfcli.importers.appendix_rows import (
    FOOTNOTE,
    HeadingInForce,
    SheetState,
    classify,
    layer_name,
    role_texts,
)
from perfcli.importers.grid import Cell, Sheet, check_within_header
from perfcli.importers.layout import plan_and_outcome, told_apart
from perfcli.importers.measures import Context, clean_code
from perfcli.importers.problems import Problem
from perfcli.location import Location


def read(sheet: Sheet, header: Header, ctx: Context, batch: ImportBatch) -> None:
    """An Appendix A sheet from its heading `header` down, into `batch`: each measure's row,
    the layers, plans and outcomes it falls under, and its footnotes."""
    batch.problems.extend(header.problems)
    report = report_period(sheet, header, ctx, batch.problems)
    scanned, printed = _scan(sheet, header)
    state = SheetState(report, HeadingInForce(header), _repeated_codes(sheet, printed, ctx, batch))
    banner: list[Cell] = []
    for number in sorted(n for n in sheet.rows if n < header.row):
        kind = classify(sheet.rows[number], header)
        if kind == "text":
            banner.append(next(iter(sheet.rows[number].values())))
            continue
        _banner(banner, state, sheet, batch, title=True)
        if kind == "layer":
            state.section = layer_name(next(iter(sheet.rows[number].values())).text)
        elif kind == "outcome":
            _read_outcome(sheet.rows[number], state)
    _banner(banner, state, sheet, batch, title=True)
    footnotes: dict[str, str] = {}
    pending: list[tuple[str, list[str]]] = []
    # Taken from the scan row by row, so that each row's texts are let go once it is read.
    scanned.reverse()
    while scanned:
        number, cells, again, kind, texts = scanned.pop()
        if isinstance(again, InputError):
            raise again
        if again is not None:
            _banner(banner, state, sheet, batch)
            header, state.in_key, state.heading = again, False, HeadingInForce(again)
            batch.problems.extend(again.problems)
            continue
        if state.in_key or (number == header.row + 1 and _continues_heading(cells)):
            continue
        if kind == "text":
            banner.append(next(iter(cells.values())))
            continue
        if banner:
            _banner(banner, state, sheet, batch)
        if kind == "data":
            try:
                check_within_header(sheet, number, header.row)
                measure, marks = read_row(sheet, number, cells, texts, state, ctx, batch)
            except InputError as error:
                batch.problems.append(Problem(error, "row not imported"))
                continue
            if marks:
                pending.append((measure, marks))
        elif kind == "footnote":
            text = " ".join(c.text for _, c in sorted(cells.items()))
            match = FOOTNOTE.match(text)
            if match:
                footnotes[match.group(1)] = match.group(2).strip()
        elif kind == "layer":
            state.section = layer_name(next(iter(cells.values())).text)
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
    _banner(banner, state, sheet, batch)
    _attach_footnotes(batch, pending, footnotes, report.label)


def _continues_heading(cells: dict[int, Cell]) -> bool:
    """The heading's second row (`2023/24` above `Performance`): heading words only."""
    words = {" ".join(c.text.lower().split()) for c in cells.values()}
    return all(w == "performance" or w in ROLES for w in words)


def _banner(
    cells: list[Cell], state: SheetState, sheet: Sheet, batch: ImportBatch, *, title: bool = False
) -> None:
    """Banner text typed in one cell or over several rows: a plan and its outcome.

    Above the first header, words that are not a plan are the title, and are not warned of.
    """
    if not cells:
        return
    parts = [cell.text for cell in cells]
    found = plan_and_outcome(parts)
    if found is not None:
        state.plan, state.outcome = found
    elif not title:
        first, last = cells[0], cells[-1]
        where = (
            Location(sheet.file.name, sheet.name, first.ref)
            if len(cells) == 1
            else Location(sheet.file.name, sheet.name, near=f"rows {first.row}-{last.row}")
        )
        batch.note(
            where,
            f"ignored text {' '.join(parts)[:60]!r}",
            hint="a row of text alone sets the section only when it is a layer name such as Prevent Need,"
            " or the Strategic Plan's outcome; to group measures your own way, add a Section column",
        )
    cells.clear()


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
        kind = classify(cells, header)
        if kind == "data":
            texts = role_texts(cells, header)
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


def _read_outcome(cells: dict[int, Cell], state: SheetState) -> None:
    texts = [c.text for _, c in sorted(cells.items())]
    if texts[0].lower().startswith("supporting outcome"):
        rest = " ".join(texts[1:]).strip()
        state.outcome = f"{state.outcome} — {rest}" if state.outcome else rest
        return
    state.plan = texts[0]
    state.outcome = " — ".join(t for t in texts[1:]) or None


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
