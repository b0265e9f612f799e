"""The proof-reading pass on the tables: Appendix A's rows against the ratings `rate` gives, its
figures against their headers' periods, and any document's printed verdicts against the ratings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from perfcli.domain.outcomes import PROGRESS_SHOWN, RATING_SHOWN
from perfcli.domain.period_labels import figures_shown, states_period
from perfcli.domain.period_parsing import find_periods, most_specific, parse_period
from perfcli.domain.periods import Period, PeriodKind
from perfcli.errors import PerfcliError
from perfcli.report.appendix import RAG_WORDS, rating_words
from perfcli.report.findings import Finding
from perfcli.report.item import Item
from perfcli.report.proof_figures import numbers_in

RATING_WORDS = {r.value: f"{s} {w.capitalize()}" for r, (s, w) in RATING_SHOWN.items()}
PROGRESS_WORDS = {p.value: f"{s} {w.capitalize()}" for p, (s, w) in PROGRESS_SHOWN.items()}
_HEADER_PERIOD = re.compile(r"^(.+?) Performance$")


def tables(tabled: list[list[list[str]]], items: list[Item], report: str) -> list[Finding]:
    """Each Appendix A row against the rating `rate` gives, and each figure against its header."""
    before = parse_period(report).previous().label
    found: list[Finding] = []
    for where, header, row, item in appendix_rows(tabled, items):
        found += _marks(where, header, row, item) + _headers(where, header, row, item)
        found += _figures(where, header, row, figures_shown(item.rated, report, before))
    return found


def appendix_rows(
    tabled: list[list[list[str]]], items: list[Item]
) -> Iterator[tuple[str, list[str], list[str], Item]]:
    """Each Appendix A row that describes one of `items`: where it is, its table's header, its
    cells, and the measure."""
    by_description = {i.description.strip().rstrip("."): i for i in items}
    for number, rows in enumerate(tabled, start=1):
        if not rows or "Description" not in rows[0]:
            continue
        header = rows[0]
        described = header.index("Description")
        for n, row in enumerate(rows[1:], start=1):
            item = by_description.get(row[described].rstrip("."))
            if item is not None:
                yield (
                    f"Appendix A table {number}, row {n} ({row[described][:40]})",
                    header,
                    row,
                    item,
                )


def _figures(where: str, header: list[str], row: list[str], held: tuple[str, str]) -> list[Finding]:
    """The row's Performance cells against the figures the store holds, as Appendix A prints
    them: a trial's 615.1k typed over as 651.1k in Word passed the proof-reading."""
    columns = [n for n, h in enumerate(header) if _HEADER_PERIOD.match(h)]
    return [
        Finding("untraced", where,
                f"{row[n]!r} under {header[n]!r} is not the figure held ({shown!r})")
        for n, shown in zip(columns, held, strict=False)
        if row[n].strip() != shown.strip() and not _same_figures(row[n], shown)
    ]  # fmt: skip


def _same_figures(cell: str, held: str) -> bool:
    """Whether a cell prints the figures held, each at its own precision (`2.38m` for
    `2,384.5k`), its counts perhaps left out (`86.3%` for `86.3% (1,151 out of 1,334)`): a
    re-check's honest edits were found. Its words and any period it states aside (the header
    check says those)."""
    typed, kept = numbers_in(cell), numbers_in(held)
    return (
        0 < len(typed) <= len(kept)
        and all(
            abs(a.value - b.value) <= max(a.slack, b.slack)
            for a, b in zip(typed, kept, strict=False)
        )
        or (not typed and not kept)
    )


# The words a verdict is printed in, in any document: the committee report's and the compendium's.
_PROGRESS_WORDS = {"improved": "improved", "similar": "similar", "not as good": "worse",
                   "worse": "worse"}  # fmt: skip


def verdicts(tabled: list[list[list[str]]], items: list[Item]) -> list[Finding]:
    """A compendium's Direction of Travel against the progress `perfcli rate` gives the same
    figures, so that one figure has one verdict in every document drafted from the store."""
    # One description may be two measures (a compendium carrying another workspace's measures
    # beside its own): a verdict either of them gives stands.
    by_description: dict[str, list[Item]] = {}
    for i in items:
        if i.judgement.progress.value != "not_rated":
            by_description.setdefault(i.description.strip().rstrip("."), []).append(i)
    found: list[Finding] = []
    for number, rows in enumerate(tabled, start=1):
        header = rows[0] if rows else []
        named = [c for c in ("Indicator", "Description") if c in header]
        if not named or "Direction of Travel" not in header:
            continue
        name, travel = header.index(named[0]), header.index("Direction of Travel")
        for n, row in enumerate(rows[1:], start=1):
            same = by_description.get(row[name].rstrip("."), [])
            said = next((v for k, v in _PROGRESS_WORDS.items() if k in row[travel].lower()), None)
            if not same or said is None:
                continue
            item = same[0]
            if said not in {i.judgement.progress.value for i in same}:
                found.append(Finding("judgement", f"table {number}, row {n} ({row[name][:40]})",
                                     f"Direction of Travel reads {row[travel]!r}, where the rating "
                                     f"gives {PROGRESS_WORDS[item.judgement.progress.value]!r}"))  # fmt: skip
    return found


def _marks(where: str, header: list[str], row: list[str], item: Item) -> list[Finding]:
    found = []
    judgement = item.judgement
    # Appendix A's own words for the rating (a band's side: `✘ Above band`), from its one rule.
    rated = (
        {judgement.rating.value: rating_words(item)} if not judgement.overridden else RATING_WORDS
    )
    rag = judgement.rag.value if judgement.rag else "n/a"
    for column, shown, words in (("Rating", judgement.rating.value, rated),
                                 ("Progress", judgement.progress.value, PROGRESS_WORDS),
                                 ("RAG", rag, _RAG_WORDS)):  # fmt: skip
        if column not in header or shown not in words:
            continue
        cell = row[header.index(column)]
        if _said(cell) != _said(words[shown]):  # `Better` for `✔ Better`: the same verdict
            found.append(Finding("judgement", where,
                                 f"{column} reads {cell!r}, where the rating gives {words[shown]!r}"))  # fmt: skip
    return found


_RAG_WORDS = {**RAG_WORDS, "n/a": "N/A"}  # a RAG cell (the RAG a rating gives, or none)


def _said(cell: str) -> str:
    """A verdict's words, its symbol and case aside (`✔ Better`, `Better`, `better`; `G – Green`,
    `Green`)."""
    words = re.sub(r"^[^\w]*(?:[RAG] [–-] )?", "", cell.strip())
    return words.casefold()


_POSITIONS = (PeriodKind.SNAPSHOT, PeriodKind.MONTH)


@lru_cache(maxsize=1024)
def _period(label: str) -> Period | None:
    """A period label read once (a long Appendix A names the same few thousands of times)."""
    try:
        return parse_period(label)
    except PerfcliError:
        return None


def _headers(where: str, header: list[str], row: list[str], item: Item) -> list[Finding]:
    found = []
    columns = [(n, m.group(1)) for n, h in enumerate(header) if (m := _HEADER_PERIOD.match(h))]
    for (n, said), held in zip(columns, (item.current_period, item.previous_period), strict=False):
        cell = row[n]
        if held is None or not re.match(r"[-£$€]?\d", cell):
            continue  # no figure
        if (wrong := _misdated(cell, held)) is not None:
            found.append(Finding("header", where,
                                 f"{cell!r} states {wrong[0].display}, but is the figure for"
                                 f" {wrong[1].display}, under {header[n]!r}: correct the date"
                                 " in the dashboard and import it again, or here if it was"
                                 " typed here"))  # fmt: skip
            continue
        if "(" in cell:
            continue  # a figure that states its own period
        own, claimed = _period(held), _period(said.replace(" ", "-").replace("/", "-"))
        if own is None or claimed is None or own.display in cell or own.long in cell:
            continue
        if states_period(cell, own) or (own.kind in _POSITIONS and own.end == claimed.end):
            continue  # the rules Appendix A labels cells by: a position (or a monthly series'
            # month) at the column's end is the column's
        if own != claimed:
            found.append(Finding("header", where,
                                 f"{cell!r} is for {own.display}, under {header[n]!r}"))  # fmt: skip
    return found


def _misdated(cell: str, held: str) -> tuple[Period, Period] | None:
    """The period a figure's own words state where that is not the one it is filed under: seed
    001's current-column `50 (8.3% of total waiting at end of Mar-25)`, June's figure, whose
    slip import reports at its cell and keeps (the cell is printed as the officer typed it)."""
    own = _period(held)
    stated = most_specific(find_periods(cell))
    if own is None or stated is None or stated == own or states_period(cell, own):
        return None
    if {stated.kind, own.kind} == {PeriodKind.ACADEMIC_YEAR, PeriodKind.FINANCIAL_YEAR} and (
        stated.start.year == own.start.year
    ):
        return None  # a year filed by its label, an academic year by its basis (LALS)
    return stated, own
