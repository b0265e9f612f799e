"""Tables of the council among comparator councils: benchmark, comparative ranks, cost index."""

from __future__ import annotations

from perfcli.domain.benchmarking import QUARTILE_NAMES
from perfcli.domain.model import aim_label
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.ranks import indicators_shown, ranked_on
from perfcli.present.console import Env, escape
from perfcli.present.table_layout import table
from perfcli.results.national import BenchmarkResult, IndexResult, RanksResult


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
    grid = table(None, (["Theme"] if themes else []) + columns, env.out, whole=("Measure",))
    for b in result.benchmarks:
        s = b.standing
        before = result.previous.get(b.measure.id)
        cells = [
            escape(b.measure.code), escape(b.measure.description), aim_label(b.measure.aim),
            b.shown(s.value), b.shown(s.mean), b.shown(s.median), f"{s.rank} of {s.of}",
            s.quartile_name, QUARTILE_NAMES[before] if before else "",
            "" if b.england is None else b.shown(b.england),
        ]  # fmt: skip
        grid.add_row(*([escape(b.measure.theme or "")] if themes else []), *cells)
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
            "" if row.rank is None else str(row.rank), escape(row.council) + mark,
            _number(row.spending), _number(row.outcome, 2), _number(row.input_score, 2),
            _number(row.outcome_score, 2), _number(row.index, 2),
        )  # fmt: skip
    env.out.print(grid)
    if own is not None and own.rank is not None:
        env.say(f"{own.council} ranks {own.rank} of {own.of} (index {own.index:.2f}; 1 is best).")


def comparative_ranks(env: Env, result: RanksResult) -> None:
    ranks = result.ranks
    against = result.group or "all councils"
    period = parse_period(ranks.period).display
    env.say(
        f"Comparative ranks {period} against {against}: "
        f"{ranks.overall.of} councils, {ranks.overall.held} indicators (rank 1 is best)"
    )
    who = result.council_name
    grid = table(None, ["Theme", "Indicators", "Average rank", "Position"], env.out)
    for row in result.rows():
        position = f"{row['position']} of {row['of']}" if row["position"] else ""
        average = "" if row["average_rank"] is None else f"{row['average_rank']:.1f}"
        shown = indicators_shown(row["indicators"], row["indicators_held"])
        grid.add_row(escape(row["theme"]), shown, average, position)
    env.out.print(grid)
    if who is None:
        env.say(
            "The council is not in the comparator data (no area code set, or one it does not"
            ' hold: set area = "CODE" under [national] in perfcli.toml): no position shown.'
        )
        return
    overall = ranks.overall
    own = result.council or ""
    over = ranked_on(overall.indicators, overall.held, period)
    env.say(
        f"{who} is {overall.position[own]} of {overall.of} overall: average rank "
        f"{overall.average[own]:.1f} over {over}."
    )
    if len(result.history) > 1:
        env.say("Overall position by year: " + "; ".join(
            f"{parse_period(y.period).display} {y.position or '–'} of {y.of}"
            for y in result.history
        ))  # fmt: skip


def _number(value: float | None, places: int = 0) -> str:
    return "" if value is None else f"{value:,.{places}f}"
