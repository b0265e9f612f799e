"""The rating table: each measure's rating, progress, RAG, quartile and statistics, by section."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from perfcli.domain.model import aim_label
from perfcli.domain.period_labels import figures_shown
from perfcli.present.console import Env, escape
from perfcli.present.marks import PROGRESS_MARKS, RAG_MARKS, RATING_MARKS, mark, rating_mark
from perfcli.present.table_layout import fits, show_table
from perfcli.results.rating import MeasureRating, RateResult
from perfcli.words import count

if TYPE_CHECKING:
    from perfcli.domain.assessment import Rated


# The column of codes (`ASCOF 2A`): never wrapped.
CODES = ("Measure",)


def rate(env: Env, result: RateResult) -> None:
    period = result.period
    env.out.print(f"[bold]Performance {escape(period.display)}[/] — {escape(period.long)}")
    rows = result.rows()
    before = period.previous()
    has_rag = any(r["rag"] for r in rows)
    has_quartile = any(r["quartile"] for r in rows)
    has_statistics = any(r["ci"] or r["spc"] for r in rows)
    groups: dict[tuple[str, str], list[tuple[MeasureRating, dict[str, Any]]]] = {}
    for measure, row in zip(result.measures, rows, strict=True):
        line = measure.rated.line
        groups.setdefault((line.section or "", line.outcome or ""), []).append((measure, row))
    tables = []
    for (section, outcome), members in groups.items():
        title = " — ".join(part for part in (section.upper(), outcome) if part) or None
        columns = ["Measure", "Description", "Aim", "Comparator", "Rating", "Progress"]
        columns += ["RAG"] if has_rag else []
        columns += ["Quartile"] if has_quartile else []
        columns += ["Statistics"] if has_statistics else []
        # Headed as Appendix A is, by the report's period and the one a year before; a figure
        # for another period says its own (`6.5k (2024/25)`).
        columns += [f"{period.display} Performance", f"{before.display} Performance"]
        cells = []
        for measure, row in members:
            shown = _rate_cells(env, measure.rated, row, has_rag, has_quartile)
            if has_statistics:
                shown.append(statistics_cell(measure.rated))
            shown += map(escape, figures_shown(measure.rated, period.label, before.label))
            cells.append(shown)
        tables.append((escape(title) if title else None, columns, cells))
    # One layout for the whole period: stacked everywhere when any table would not fit.
    stacked = not all(fits(env.out, *drawn, whole=CODES) for drawn in tables)
    for drawn in tables:
        show_table(env.out, *drawn, stacked=stacked, whole=CODES)
    env.say(_rate_summary(result, has_rag))


def _rate_cells(
    env: Env, item: Rated, row: dict[str, Any], has_rag: bool, has_quartile: bool
) -> list[str]:
    comparator = item.line.comparator
    cells = [
        escape(row["code"]),
        escape(row["description"]),
        aim_label(item.measure.aim),
        escape(comparator.raw if comparator else ""),
        rating_mark(
            item.judgement, item.current.value if item.current else None, comparator, env.colour
        )
        + (" (overridden)" if row["overridden"] else "")
        + _printed(RATING_MARKS, row["rating"], row["published_rating"]),
        mark(PROGRESS_MARKS, row["progress"], env.colour)
        + _printed(PROGRESS_MARKS, row["progress"], row["published_progress"])
        + (_trend_cell(item) if item.trend else ""),
    ]
    if has_rag:
        cells.append(
            mark(RAG_MARKS, row["rag"], env.colour)
            + _printed(RAG_MARKS, row["rag"], row["published_rag"])
        )
    if has_quartile:
        cells.append(escape(row["quartile"] or ""))
    return cells


def _printed(marks: dict[str, str], own: str | None, printed: str | None) -> str:
    """The dashboard's own mark, shown beside perfcli's only where the two differ."""
    if printed is None or printed == (own or "not_rated"):
        return ""
    return f"\n(printed {marks.get(printed, printed)})"


def _rate_summary(result: RateResult, has_rag: bool) -> str:
    counts = result.summary()
    r, p = counts["rating"], counts["progress"]
    line = (
        f"{count(len(result.measures), 'measure')}. Rating: {r['better']:,} better, "
        f"{r['similar']:,} similar, {r['below']:,} below, {r['not_rated']:,} not rated. Progress: "
        f"{p['improved']:,} improved, {p['similar']:,} similar, {p['worse']:,} not as good, "
        f"{p['not_rated']:,} not rated."
    )
    if has_rag:
        g = counts["rag"]
        line += f" RAG: {g['green']:,} green, {g['amber']:,} amber, {g['red']:,} red."
    return line


TREND_MARKS = {"increasing": "↗ increasing", "decreasing": "↘ decreasing",
               "no significant change": "→ no significant change"}  # fmt: skip


def _trend_cell(item: Rated) -> str:
    from perfcli.domain.confidence import trend_words

    assert item.trend is not None
    symbol = TREND_MARKS[item.trend.word].split()[0]
    return f"\ntrend {symbol} {trend_words(item.trend, item.measure)}"


def statistics_cell(item: Rated) -> str:
    """The interval and the SPC icons, each a symbol and words."""
    from perfcli.domain.confidence import interval_text
    from perfcli.domain.spc import ASSURANCE_SHOWN, VARIATION_SHOWN

    lines = []
    if item.ci is not None:
        shown = item.current
        decimals, scale = (shown.decimals, shown.scale) if shown else (1, "")
        lines.append(interval_text(item.ci, item.measure.unit, decimals, scale))
    if item.spc is not None:
        symbol, words = VARIATION_SHOWN[item.spc.variation]
        lines.append(f"{symbol} {words}" + (" (trial limits)" if item.spc.trial else ""))
        if item.spc.assurance is not None:
            symbol, words = ASSURANCE_SHOWN[item.spc.assurance]
            lines.append(f"{symbol} {words}")
    return escape("\n".join(lines))
