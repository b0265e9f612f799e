"""Every check on a report's periods over plain Records, as validate and import run them: each
line's, and its printed national average, marks and quartile against perfcli's own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

from perfcli.config import Config
from perfcli.domain.comparator_parsing import ComparatorKind
from perfcli.domain.findings import Finding, Severity
from perfcli.domain.line_checks import Cells, check_line, line_location
from perfcli.domain.measure_checks import check_codes
from perfcli.domain.model import Aim, Measure, Observation, ReportLine
from perfcli.domain.records import Records
from perfcli.location import Location


def check_marks(
    line: ReportLine,
    measure: Measure,
    current: Observation | None,
    previous: Observation | None,
    config: Config,
    printed: dict[str, Location] | None = None,
) -> list[Finding]:
    """Each printed mark (Rating, Progress, RAG) that perfcli's own judgement does not give, at
    its cell: in `printed` (the file being imported), else where the line was first read."""
    if not (line.published_rating or line.published_progress or line.published_rag):
        return []
    from perfcli.domain.assessment import levels_for, method_for, settings_for
    from perfcli.domain.confidence import judge_by_confidence
    from perfcli.domain.marks import disagreements
    from perfcli.domain.rating import judge

    settings = settings_for(config, measure.id)
    if method_for(config, measure.id) == "confidence":  # the judgement `rate` gives
        judgement, _ = judge_by_confidence(measure, current, previous, line.comparator, settings,
                                           levels_for(config))  # fmt: skip
    else:
        judgement = judge(measure, current, previous, line.comparator, settings)
    own = config.measures.get(measure.id)
    carry = bool(own and own.carry_survey_mark)
    found = []
    for seen in disagreements(line, judgement, measure, current, previous, carry_survey_mark=carry):
        hint = (f"if the dashboard repeats the last survey's mark, set carry_survey_mark = true under [measures.{measure.id}] in perfcli.toml"
                if seen.survey_gap else
                "check the printed mark, or learn the report's own rule with 'perfcli calibrate'")  # fmt: skip
        location = line_location(line)
        printed_at = (printed or line.marks_at).get(seen.column.value)
        if printed_at is not None:
            location = location.at_cell(printed_at)
        found.append(Finding(Severity.WARNING, "mark.disagrees", location, seen.text, hint))
    return found


def check_national(store: Records, line: ReportLine) -> list[Finding]:
    """A typed national average that differs from the imported national data for its year."""
    comparator = line.comparator
    if (
        comparator is None
        or comparator.kind is not ComparatorKind.NATIONAL_AVERAGE
        or comparator.period is None
    ):
        return []
    england = next(
        (r for r in store.national(line.measure_id, comparator.period) if r.is_england), None
    )
    if england is None or england.value is None or comparator.value is None:
        return []
    step = 10**-comparator.decimals / 2 + 1e-9
    if abs(england.value - comparator.value) <= step:
        return []
    return [Finding(Severity.WARNING, "comparator.national_differs", line_location(line),
                    f"the national average typed as {comparator.raw.strip()!r} differs from the imported {england.value:g}",
                    "check the comparator against the national data")]  # fmt: skip


def check_quartile(
    store: Records, config: Config, line: ReportLine, measure: Measure
) -> list[Finding]:
    """A published quartile that differs from the one the workspace's comparator data gives."""
    if not line.published_quartile:
        return []
    from perfcli.domain.council_standing import benchmark_for

    printed = line.quartile  # None: not a quartile (reported at import where it matters)
    group = config.national.group if config.national.group in config.national.groups else None
    own = benchmark_for(store, config, measure, line.current_period, group)
    if printed is None or own is None or own.standing.quartile is None:
        return []
    if printed.period not in (line.current_period, line.report_period):
        return []  # another year's ranking: the comparator data for this year cannot check it
    if printed.covers(own.standing.quartile):
        return []
    s = own.standing
    return [Finding(Severity.WARNING, "quartile.differs", line_location(line),
                    f"printed quartile {line.published_quartile!r}; the comparator data gives "
                    f"{s.quartile_name.lower()} (rank {s.rank} of {s.of})",
                    "check the quartile, or the comparator data and group it was worked out from")]  # fmt: skip


def check_period(
    store: Records,
    report_period: str,
    today: date,
    measure_ids: set[str] | None = None,
    *,
    measures: dict[str, Measure] | None = None,
    earlier: dict[str, ReportLine] | None = None,
    config: Config | None = None,
    sources: Callable[[], dict[str, dict[str, Location]]] | None = None,
    marks: Marks | None = None,
) -> list[Finding]:
    """Every check on one report; `measure_ids` limits them to those measures.

    `measures`, `earlier` and `sources` save reading the store again when many periods are
    checked;
    with `config`, printed marks are compared with perfcli's judgement under its settings.
    """
    found: list[Finding] = []
    revised = store.revised()
    sources = sources if sources is not None else cache(store.figure_cells)
    measures = measures if measures is not None else {m.id: m for m in store.measures()}
    for line in store.report_lines(report_period):
        if measure_ids is not None and line.measure_id not in measure_ids:
            continue
        measure = measures[line.measure_id]
        current = store.observation(measure.id, line.current_period)
        previous = (
            store.observation(measure.id, line.previous_period) if line.previous_period else None
        )
        if measure.aim is Aim.INFO and current is None:
            continue
        found += check_line(line, measure, current, previous, today, _cells_of(sources, measure.id))
        found += check_national(store, line)
        if config is not None:
            printed = marks.get((line.report_period, line.measure_id)) if marks else None
            found += check_marks(line, measure, current, previous, config, printed)
            found += check_quartile(store, config, line, measure)
        for period in {line.current_period, line.previous_period} - {None} if revised else ():
            if (measure.id, period) in revised:
                found.append(Finding(Severity.INFO, "value.revised", line_location(line, period),
                                     "this figure was revised by a later import",
                                     f"'perfcli history {measure.id}' shows every value"))  # fmt: skip
    found += [
        f for f in check_codes(store, report_period, earlier)
        if measure_ids is None or f.location.measure in measure_ids
    ]  # fmt: skip
    return found


def _cells_of(sources: Callable[[], dict[str, dict[str, Location]]], measure_id: str) -> Cells:
    """Where a measure's figure for a period came from, read from `sources` when first asked."""
    return lambda period: sources().get(measure_id, {}).get(period)


# Where each line's marks were printed in the files being imported: (report period, measure).
Marks = dict[tuple[str, str], dict[str, Location]]


def report_date(config: Config) -> date:
    if config.workspace.report_date:
        return date.fromisoformat(str(config.workspace.report_date))
    return date.today()


def check_store(
    store: Records, periods: list[str], config: Config, measure_ids: set[str] | None = None,
    cells: Callable[[], dict[str, dict[str, Location]]] | None = None,
    marks: Marks | None = None,
) -> list[Finding]:  # fmt: skip
    """Every check on the given report periods, each seeing the reports before it; a finding
    about a figure is placed at its cell by `cells` (the store's, unless given), one about a
    printed mark at its cell in `marks` (the files being imported) where it is there."""
    today = report_date(config)
    findings: list[Finding] = []
    measures = {m.id: m for m in store.measures()}
    earlier: dict[str, ReportLine] = {}
    # Read when a finding first needs a cell: most imports have none (4,000 cells cost 7 ms).
    sources = cache(cells or store.figure_cells)
    ordered = store.report_periods()
    for period in ordered:
        if period in periods:
            findings += check_period(
                store, period, today, measure_ids, measures=measures, earlier=dict(earlier),
                config=config, sources=sources, marks=marks,
            )  # fmt: skip
        for line in store.report_lines(period):
            earlier[line.measure_id] = line
    # A figure shared by two reports (one's current, the next one's previous) is reported once.
    return list(dict.fromkeys(findings))
