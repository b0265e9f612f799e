"""Tables for people: each result as the terminal shows it, written to the console passed in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from perfcli.domain.benchmarking import QUARTILE_NAMES
from perfcli.domain.findings import Severity
from perfcli.domain.measure_checks import LINK_FINDINGS
from perfcli.domain.model import Aim, aim_label
from perfcli.domain.periods import parse_period
from perfcli.domain.rating import band_words
from perfcli.present.console import Env, fits, show_table, table
from perfcli.present.marks import (
    PROGRESS_MARKS,
    RAG_MARKS,
    RATING_MARKS,
    SEVERITY_MARKS,
    STATUS_MARKS,
    mark,
)
from perfcli.results.calibration import CalibrationResult
from perfcli.results.catalogue import HistoryResult, LinkResult, MeasuresResult
from perfcli.results.diff import DiffResult
from perfcli.results.files import ValidationResult
from perfcli.results.national import BenchmarkResult, IndexResult, RanksResult
from perfcli.results.rating import MeasureRating, RateResult
from perfcli.words import count

if TYPE_CHECKING:  # `import` shows findings without loading the ratings
    from perfcli.domain.assessment import Rated
    from perfcli.store.links import MeasureLink


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _column(label: str | None) -> str:
    return f"{parse_period(label).display} Performance" if label else "Previous"


def rate(env: Env, result: RateResult) -> None:
    period = result.period
    env.out.print(f"[bold]Performance {_escape(period.display)}[/] — {_escape(period.long)}")
    rows = result.rows()
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
        first = members[0][0].rated
        columns += [_column(first.line.current_period), _column(first.previous_period)]
        cells = []
        for measure, row in members:
            shown = _rate_cells(env, measure.rated, row, has_rag, has_quartile)
            if has_statistics:
                shown.insert(len(shown) - 2, statistics_cell(measure.rated))
            cells.append(shown)
        tables.append((_escape(title) if title else None, columns, cells))
    # One layout for the whole period: stacked everywhere when any table would not fit.
    stacked = not all(fits(env.out, *drawn) for drawn in tables)
    for drawn in tables:
        show_table(env.out, *drawn, stacked=stacked)
    env.say(_rate_summary(result, has_rag))


def _rate_cells(
    env: Env, item: Rated, row: dict[str, Any], has_rag: bool, has_quartile: bool
) -> list[str]:
    comparator = item.line.comparator
    cells = [
        _escape(row["code"]),
        _escape(row["description"]),
        aim_label(item.measure.aim),
        _escape(comparator.raw if comparator else ""),
        _rating_mark(env, item, row)
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
        cells.append(row["quartile"] or "")
    return [*cells, _escape(row["value_text"] or ""), _escape(row["previous_value_text"] or "")]


def _rating_mark(env: Env, item: Rated, row: dict[str, Any]) -> str:
    """The rating's mark; against a band, the words say which side of it (`✘ above band`)."""
    value = item.current.value if item.current else None
    words = band_words(item.judgement.rating, value, item.line.comparator)
    if words is None or item.judgement.overridden:
        return mark(RATING_MARKS, row["rating"], env.colour)
    symbol = RATING_MARKS[row["rating"]].split()[0]
    return mark({row["rating"]: f"{symbol} {words}"}, row["rating"], env.colour)


def _printed(marks: dict[str, str], own: str | None, printed: str | None) -> str:
    """The dashboard's own mark, shown beside perfcli's only where the two differ."""
    if printed is None or printed == (own or "not_rated"):
        return ""
    return f"\n(printed {marks.get(printed, printed)})"


def _rate_summary(result: RateResult, has_rag: bool) -> str:
    counts = result.summary()
    r, p = counts["rating"], counts["progress"]
    line = (
        f"{count(len(result.measures), 'measure')}. Rating: {r['better']} better, {r['similar']} similar, "
        f"{r['below']} below, {r['not_rated']} not rated. Progress: {p['improved']} improved, "
        f"{p['similar']} similar, {p['worse']} not as good, {p['not_rated']} not rated."
    )
    if has_rag:
        g = counts["rag"]
        line += f" RAG: {g['green']} green, {g['amber']} amber, {g['red']} red."
    return line


def diff(env: Env, result: DiffResult) -> None:
    first, second = result.old, result.new
    env.out.print(f"[bold]What changed: {_escape(first.display)} → {_escape(second.display)}[/]")
    grid = table(
        None,
        ["Status", "Section", "Measure", "From", "To", "Change", "Rating", "Reason", "Flags"],
        env.out,
    )
    for c in result.changes:
        before = c.before.observation.raw if c.before and c.before.observation else ""
        after = c.after.observation.raw if c.after and c.after.observation else ""
        change = ""
        if c.change is not None:
            change = f"{c.change:+.1f} pp" if c.change_unit == "pp" else f"{c.change:+.1f}%"
        ratings = [s.judgement.rating.value for s in (c.before, c.after) if s and s.judgement]
        rating = " → ".join(mark(RATING_MARKS, r, env.colour) for r in ratings)
        grid.add_row(
            mark(STATUS_MARKS, c.status.value, env.colour), _escape(c.measure.section or ""),
            _escape(c.measure.description), _escape(before), _escape(after), change, rating,
            _escape(c.reason), _escape(", ".join(c.flags)),
        )  # fmt: skip
    env.out.print(grid)
    env.say(result.sentence)


def findings(
    env: Env, result: ValidationResult, *, to_stderr: bool = False, shown: int | None = None
) -> None:
    """The findings, errors first, and a count of them all; `shown` lists only the first few.

    Within a severity, the measures that may be one (each with its 'perfcli link') come first:
    they are found against the store, so 'perfcli validate FILE' cannot list them again.
    """
    console = env.err if to_stderr else env.out
    colour = console.is_terminal and not console.no_color
    order = list(Severity)
    listed = sorted(
        result.findings,
        key=lambda f: (order.index(f.severity), f.code not in LINK_FINDINGS, f.where),
    )
    if shown is not None:
        listed = [f for f in listed if f.severity is not Severity.INFO][:shown]
    if listed:
        rows = [
            [mark(SEVERITY_MARKS, f.severity.value, colour), _escape(f.where),
             _escape(f.text), _escape(f.hint or "")]
            for f in listed
        ]  # fmt: skip
        show_table(console, None, ["Severity", "Location", "Message", "Hint"], rows)
    counts = result.counts()
    console.print(
        f"{count(counts['error'], 'error')}, {count(counts['warning'], 'warning')}, "
        f"{count(counts['info'], 'note')}.",
        markup=False,
    )
    if len(listed) < len(result.findings):
        console.print(
            f"{len(listed)} of the {len(result.findings)} {'is' if len(listed) == 1 else 'are'} "
            "listed (errors first); "
            "'perfcli validate' with the same files lists them all.",
            markup=False,
        )


def measures(env: Env, result: MeasuresResult) -> None:
    rows = result.rows()
    cells = [
        [_escape(r["id"]), _escape(r["code"]), _escape(r["description"]),
         aim_label(Aim(r["aim"])), r["unit"].replace("_", " "), _escape(r["section"] or ""),
         _escape(r["owner"] or "none"), ", ".join(parse_period(p).display for p in r["periods"])]
        for r in rows
    ]  # fmt: skip
    columns = ["ID", "Code", "Description", "Aim", "Unit", "Section", "Owner", "Periods held"]
    show_table(env.out, count(len(rows), "measure"), columns, cells)


def history(env: Env, result: HistoryResult) -> None:
    cells = [
        [parse_period(r["period"]).display, _escape(r["value_text"]),
         "● current" if r["status"] == "current" else "○ superseded", r["recorded_at"],
         _escape(r["file"] or ""), _escape(r["cell"] or ""), _escape(r["returned_by"] or ""),
         _escape(f"{r['approved_by']}, {r['approved_on']}" if r["approved_by"] else "")]
        for r in result.rows()
    ]  # fmt: skip
    columns = [
        "Period",
        "Value",
        "Status",
        "Recorded",
        "File",
        "Cell",
        "Returned by",
        "Approved by",
    ]
    show_table(env.out, f"History of {result.measure_id}", columns, cells)
    for line in _joined(result.links):
        env.say(line)


def _joined(links: list[MeasureLink]) -> list[str]:
    return [
        f"Joined from {link.old_id} ({link.old_code} {link.old_description!r}) on"
        f" {link.linked_at[:10]}: {count(link.figures_moved, 'figure')} moved"
        + (f", {link.figures_superseded} kept as superseded" if link.figures_superseded else "")
        for link in links
    ]


def link(env: Env, result: LinkResult) -> None:
    joined = result.link
    env.say(
        f"✔ Joined {joined.old_id} into {joined.new_id}: {count(joined.figures_moved, 'figure')} moved"
        + (f", {joined.figures_superseded} kept as superseded (both held that period)"
           if joined.figures_superseded else "")
        + f"; {joined.new_id} now holds {result.figures}. 'perfcli history {joined.new_id}'"
        " shows them."
    )  # fmt: skip
    if result.stale_settings:
        env.warn(
            f"Warning: perfcli.toml still has [measures.{joined.old_id}]: move its settings under"
            f" [measures.{joined.new_id}]"
        )


def benchmark(env: Env, result: BenchmarkResult) -> None:
    against = result.group or "all councils"
    which = "Bottom quartile, " if result.bottom_quartile else "Benchmarking "
    env.say(f"{which}{result.period.display} against {against}")
    if not result.benchmarks:  # said in words, never an empty table
        env.say(
            "No indicator in the bottom quartile."
            if result.bottom_quartile
            else "No indicator has comparator councils' figures for this period."
        )
    else:
        _benchmark_grid(env, result)
    if not result.bottom_quartile and result.benchmarks:
        env.say(result.sentence)
    moved = result.out_of_bottom()
    if moved:
        names = "; ".join(b.measure.description for b in moved)
        env.say(f"Out of the bottom quartile since last year ({len(moved)}): {names}.")


def _benchmark_grid(env: Env, result: BenchmarkResult) -> None:
    columns = ["Measure", "Description", "Aim", "Council", "Group mean", "Group median", "Rank",
               "Quartile", "Last year", "England"]  # fmt: skip
    themes = any(b.measure.theme for b in result.benchmarks)
    grid = table(None, (["Theme"] if themes else []) + columns, env.out)
    for b in result.benchmarks:
        s = b.standing
        before = result.previous.get(b.measure.id)
        cells = [
            b.measure.code, _escape(b.measure.description), aim_label(b.measure.aim),
            f"{s.value:g}", f"{s.mean:.1f}", f"{s.median:.1f}", f"{s.rank} of {s.of}",
            s.quartile_name, QUARTILE_NAMES[before] if before else "",
            "" if b.england is None else f"{b.england:g}",
        ]  # fmt: skip
        grid.add_row(*([_escape(b.measure.theme or "")] if themes else []), *cells)
    env.out.print(grid)


def cost_index(env: Env, result: IndexResult) -> None:
    index = result.index
    own = index.own
    env.say(f"Cost-effectiveness index, from {result.source.name}")
    columns = ["Rank", "Council", "Spending per head", "Outcome", "Spending score",
               "Outcome score", "Index"]  # fmt: skip
    grid = table(None, columns, env.out)
    for row in index.rows:
        mark = " ◀ the council" if own is not None and row is own else ""
        grid.add_row(
            "" if row.rank is None else str(row.rank), _escape(row.council) + mark,
            _number(row.spending), _number(row.outcome, 2), _number(row.input_score, 2),
            _number(row.outcome_score, 2), _number(row.index, 2),
        )  # fmt: skip
    env.out.print(grid)
    if own is not None and own.rank is not None:
        env.say(f"{own.council} ranks {own.rank} of {own.of} (index {own.index:.2f}; 1 is best).")


def comparative_ranks(env: Env, result: RanksResult) -> None:
    ranks = result.ranks
    against = result.group or "all councils"
    env.say(
        f"Comparative ranks {parse_period(ranks.period).display} against {against}: "
        f"{ranks.overall.of} councils, {ranks.overall.indicators} indicators (rank 1 is best)"
    )
    who = result.council_name
    grid = table(None, ["Theme", "Indicators", "Average rank", "Position"], env.out)
    for row in result.rows():
        position = f"{row['position']} of {row['of']}" if row["position"] else ""
        average = "" if row["average_rank"] is None else f"{row['average_rank']:.1f}"
        grid.add_row(_escape(row["theme"]), str(row["indicators"]), average, position)
    env.out.print(grid)
    if who is None:
        env.say("The council's area code is not in the comparator data: no position shown.")
        return
    overall = ranks.overall
    own = result.council or ""
    env.say(
        f"{who} is {overall.position[own]} of {overall.of} overall "
        f"(average rank {overall.average[own]:.1f})."
    )
    if len(result.history) > 1:
        env.say("Overall position by year: " + "; ".join(
            f"{parse_period(y.period).display} {y.position or '–'} of {y.of}"
            for y in result.history
        ))  # fmt: skip


def _number(value: float | None, places: int = 0) -> str:
    return "" if value is None else f"{value:,.{places}f}"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def calibration(env: Env, result: CalibrationResult) -> None:
    from perfcli.domain.marks import shown
    from perfcli.workspace import CONFIG_NAME

    learned, marks = result.calibration, result.calibration.marks
    env.say(
        f"{marks} printed marks. Today's settings reproduce {learned.current_agree} "
        f"({_share(learned.current_agree, marks)}); the learned settings reproduce "
        f"{learned.learned_agree} ({_share(learned.learned_agree, marks)})."
    )
    if learned.roundness_costs:
        env.say(
            f"The best fit reproduces {learned.best_agree} ({_share(learned.best_agree, marks)}): "
            f"round settings cost {learned.roundness_costs} mark"
            f"{'s' if learned.roundness_costs > 1 else ''} (--best takes the best fit)."
        )
    env.say(
        f'method = "confidence" would reproduce {learned.confidence_agree} '
        f"({_share(learned.confidence_agree, marks)}); {learned.with_intervals} of the rating "
        f"and progress marks have counts for a confidence interval, the others keep the house rule."
    )
    env.say("\nLearned settings, for perfcli.toml:\n")
    for line in learned.learned.toml_lines():
        env.say(f"  {line}")
    if learned.misses:
        count = len(learned.misses)
        env.say(f"\n{count} mark{'s' if count > 1 else ''} the learned settings do not reproduce:")
        grid = table(None, ["Measure", "Column", "Printed", "perfcli", "Figures", "Why"], env.out)
        for miss in learned.misses:
            grid.add_row(
                _escape(miss.label), miss.column.value, shown(miss.printed), shown(miss.perfcli),
                _escape(miss.figures), _escape(f"{miss.why} ({miss.reason})"),
            )  # fmt: skip
        env.out.print(grid)
    if result.written:
        env.say(f"\nWritten to {result.written} (the previous file kept as {CONFIG_NAME}.bak).")
    elif result.asked_to_write:
        env.say(f"\nToday's settings are already the best: {CONFIG_NAME} is left as it is.")


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
    return _escape("\n".join(lines))
