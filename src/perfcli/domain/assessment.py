"""A report period judged: each measure's rating, progress and RAG, and where comparator data
allows, its standing among councils. `rate`, `diff` and `draft-report` all start here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from perfcli.config import Config, MeasureSettings
from perfcli.domain.asked_periods import compared_period
from perfcli.domain.comparator_parsing import ComparatorKind
from perfcli.domain.comparator_types import AverageComparator, Comparator, TextComparator
from perfcli.domain.confidence import Levels, interval, judge_by_confidence, recent_trend
from perfcli.domain.council_standing import benchmark_for, own_area
from perfcli.domain.figures import Unit, figure_text
from perfcli.domain.line_checks import wrong_period
from perfcli.domain.marks import carried_progress
from perfcli.domain.model import Aim, Measure, Observation, ReportLine
from perfcli.domain.outcomes import Rating, parse_override
from perfcli.domain.period_parsing import parse_month, parse_period
from perfcli.domain.periods import Period, PeriodKind
from perfcli.domain.rating import Judgement, direction, judge
from perfcli.domain.rating_settings import Settings
from perfcli.domain.records import Records
from perfcli.domain.statistics import Interval, Trend
from perfcli.errors import MeasureError, PerfcliError, UsageError, WorkspaceError
from perfcli.words import count

if TYPE_CHECKING:  # loaded where it is used: rating a file needs no chart
    from perfcli.domain.spc import Chart


# A slot class, not frozen, as Judgement is: made once per measure rated (1.1 us frozen).
class Rated(Struct, frozen=True):
    line: ReportLine
    measure: Measure
    current: Observation | None
    previous: Observation | None
    previous_period: str | None
    judgement: Judgement
    quartile: str | None = None
    # Under `method = "confidence"`: the interval, Fingertips' recent trend, the SPC chart.
    ci: Interval | None = None
    trend: Trend | None = None
    spc: Chart | None = None


def settings_for(config: Config, measure_id: str | None) -> Settings:
    """The rating settings for a measure (None: those of a measure with none of its own)."""
    own = config.measures.get(measure_id) if measure_id is not None else None
    return config.rating.settings(own)


def no_reports(records: Records) -> UsageError:
    """What a workspace with no report period lacks: anything at all, or a dashboard."""
    held = len(records.measures())
    if not held:
        return UsageError("nothing imported yet", hint="run 'perfcli import FILE'")
    return UsageError(
        f"no report period: the workspace holds {count(held, 'measure')} and no dashboard",
        hint="import a dashboard whose figure columns are headed by their period"
        " ('2023/24 Performance', or '2023/24'); 'perfcli measures' lists what is held",
    )


def pick_period(records: Records, period: Period | None, *, reports_only: bool = False) -> Period:
    """The report period asked for (or the latest), if the records hold figures for it;
    with `reports_only`, if they hold that period's dashboard (a report is drafted from one)."""
    reports = records.report_periods()
    if not reports:
        raise no_reports(records)
    if period is None:
        return default_period(reports)
    if period.label in reports:
        return period
    listed = reports_listed(reports)
    if reports_only:
        if period.label in records.observation_periods():
            raise UsageError(
                f"{period.display} is held only as a later report's previous column, without "
                "comparators or targets of its own, so it is not rated or reported on its own",
                hint=f"the workspace's report periods are {listed}; 'perfcli diff' compares it",
            )
        raise _not_a_report_period(period, reports)
    if period.label not in records.observation_periods():
        raise UsageError(
            f"no figures for {period.label} in the workspace", hint=f"its reports are {listed}"
        )
    return period


def check_reported_kind(period: Period, reports: list[str]) -> None:
    """Refuse a period no committee report covers unless the workspace reports such periods: a
    span of calendar years (`2025-27`) or a single date, as `rate` refuses it. Any other kind is
    fine, held or not (the next quarter, whose returns are made before its dashboard; quarters
    collected for a workspace that reports years)."""
    kinds = {parse_period(r).kind for r in reports}
    if period.kind not in _SPANS_AND_DATES or period.label in reports or period.kind in kinds:
        return
    raise _not_a_report_period(period, reports)


_SPANS_AND_DATES = frozenset((PeriodKind.MULTI_YEAR, PeriodKind.SNAPSHOT))


def _not_a_report_period(period: Period, reports: list[str]) -> UsageError:
    return UsageError(
        f"{period.display} is not a report period of this workspace",
        hint=f"its report periods are {reports_listed(reports)}",
    )


def reports_listed(reports: list[str]) -> str:
    """The report periods as a hint lists them: a monthly series' months (and a snapshot's
    dates) are reported within a year's or a quarter's report, so they are left out where there
    is one (a trial's hint listed 24 months as report periods)."""
    reported = [r for r in reports if parse_period(r).kind not in _SERIES_POINTS] or reports
    return ", ".join(reported)


def default_period(reports: list[str]) -> Period:
    """The latest report period a dashboard reports (a year, a quarter, months to date), not
    the latest month of a monthly series, which is reported within it, nor its latest position
    (a snapshot measure's series: a trial's `Jun-25` drafted as a report of one measure);
    months or positions alone: the last."""
    periods = [parse_period(label) for label in reports]
    return next((p for p in reversed(periods) if p.kind not in _SERIES_POINTS), periods[-1])


_SERIES_POINTS = frozenset((PeriodKind.MONTH, PeriodKind.SNAPSHOT))


def lines_for(store: Records, period: str) -> list[ReportLine]:
    """A period's dashboard lines, and each monthly series' line for its latest month in the
    period; for a period held only as figures, one line per figure."""
    lines = store.report_lines(period)
    if lines:
        return lines + _monthly_lines(store, parse_period(period), lines)
    made: list[ReportLine] = []
    for observation in store.observations_for(period):
        measure = store.measure(observation.measure_id)
        assert measure is not None
        made.append(
            ReportLine(
                report_period=period,
                measure_id=measure.id,
                code=measure.code,
                description=measure.description,
                current_period=period,
                section=measure.section,
                outcome=measure.outcome,
                position=len(made),
            )  # fmt: skip
        )
    return made


def _monthly_lines(store: Records, period: Period, lines: list[ReportLine]) -> list[ReportLine]:
    """A monthly series within a year's or a quarter's report: its latest month's line there."""
    if period.kind is PeriodKind.MONTH:
        return []
    seen = {line.measure_id for line in lines}
    found: list[ReportLine] = []
    for label in reversed(store.report_periods()):
        month = parse_period(label)
        if month.kind is not PeriodKind.MONTH or not period.contains(month):
            continue
        for line in store.report_lines(label):
            if line.measure_id not in seen:
                seen.add(line.measure_id)
                found.append(line)
    return [replace(line, report_period=period.label, position=len(lines) + n)
            for n, line in enumerate(sorted(found, key=lambda line: line.position))]  # fmt: skip


def previous_of(
    store: Records, measure: Measure, line: ReportLine
) -> tuple[str | None, Observation | None]:
    """The period a line's figure is compared with, and the figure held for it."""
    if line.previous_period:
        return line.previous_period, store.observation(measure.id, line.previous_period)
    label = compared_period(measure, line.current_period)
    return label, store.observation(measure.id, label)


def national_average(store: Records, measure: Measure, period: str) -> AverageComparator | None:
    """The England figure for the latest year with national data up to `period`, as a comparator."""
    limit = parse_period(period)
    for label in reversed(store.national_periods()):
        if parse_period(label).start > limit.end:
            continue
        england = next((r for r in store.national(measure.id, label) if r.is_england), None)
        if england is not None and england.value is not None:
            year = parse_period(label)
            text = f"{figure_text(england.value, measure.unit)} {year.display[2:]} Nat. Ave."
            return AverageComparator(raw=text, kind=ComparatorKind.NATIONAL_AVERAGE,
                                     value=england.value, unit=measure.unit, decimals=1,
                                     period=label, label="Nat. Ave.")  # fmt: skip
    return None


def override_for(line: ReportLine, config: Config, period: str) -> tuple[Rating | None, str | None]:
    """An officer's override of the rating, from the row or perfcli.toml, with its reason."""
    own = config.measures.get(line.measure_id)
    text = line.override or (own.override if own else None)
    reason = line.override_reason or (own.override_reason if own else None)
    if not text:
        return None, None
    try:
        return parse_override(text), reason
    except ValueError as error:
        raise MeasureError(
            str(error),
            measure=line.measure_id,
            period=period,
            hint="use better, similar, below or not rated",
        ) from None


def rate_period(store: Records, config: Config, period: Period) -> list[Rated]:
    """Every measure of a report period judged: rating, progress and RAG, with standing."""
    group = config.national.group if config.national.group in config.national.groups else None
    has_national = bool(store.national_periods())
    shared = settings_for(config, None)
    held = sorted(parse_period(label) for label in store.observation_periods())
    levels = levels_for(config)
    alike: dict[str, int] = {}  # by period: how many held periods are like it, up to it
    own_settings, method = config.measures, config.rating.method
    results = []
    for line in lines_for(store, period.label):
        measure = store.measure(line.measure_id)
        assert measure is not None
        own = own_settings.get(measure.id)  # most measures have no settings of their own
        if own is not None:
            measure = _judged_as_set(measure, own)
        if line.comparator is None and has_national:
            # The workbook states no comparator: the imported national average fills in.
            line = replace(line, comparator=national_average(store, measure, line.current_period))
        current = store.observation(measure.id, line.current_period)
        previous_period, previous = previous_of(store, measure, line)
        override, reason = (
            override_for(line, config, period.label)
            if line.override or own is not None
            else (None, None)
        )
        settings = config.rating.settings(own) if own is not None else shared
        judged = _for_the_period(line, measure, period)
        if judged is not line.comparator:  # shown as it is judged: in the table, JSON and draft
            line = replace(line, comparator=judged)
        if ((own.method if own is not None else None) or method) == "confidence":
            rated = _by_confidence(store, config, line, measure, current, previous,
                                   previous_period, settings, override, reason, held, levels,
                                   alike)  # fmt: skip
        else:
            judgement = judge(
                measure, current, previous, line.comparator, settings,
                override=override, override_reason=reason,
            )  # fmt: skip
            trend, chart = _over_time(store, config, measure, line, held, levels, alike)
            rated = Rated(line, measure, current, previous, previous_period, judgement, None, None,
                          trend, chart)  # fmt: skip
        if own is not None and own.carry_survey_mark:
            carried = _carry_survey_mark(line, measure, rated.current, config, rated.judgement)
            if carried is not rated.judgement:  # most are not carried: no copy made for them
                rated = replace(rated, judgement=carried)
        if has_national:
            rated = replace(rated, quartile=_quartile(store, config, rated, group))
        results.append(rated)
    return results


def _for_the_period(line: ReportLine, measure: Measure, report: Period) -> Comparator | None:
    """The comparator the measure is judged against: none where validate finds it for another
    period (comparator.wrong_period), as none is where it is in another unit. A re-check's Q1
    count, imported with --force, was rated red against the year's target, and drafted so."""
    comparator = line.comparator
    off = wrong_period(comparator, measure, report, parse_period(line.current_period))
    if comparator is None or off is None:
        return comparator
    return TextComparator(raw=comparator.raw, kind=ComparatorKind.TEXT,
                          reason=f"{off[0]}: not rated against it")  # fmt: skip


def _judged_as_set(measure: Measure, own: MeasureSettings) -> Measure:
    """The measure with the aim and preferred direction perfcli.toml gives it now: import puts
    them in the store, but one set after the last import had been ignored until the next (a
    trial: `preferred_direction` set as `calibrate` advised, and `rate` unchanged)."""
    aim = own.aim or measure.aim
    direction = own.preferred_direction or measure.preferred_direction
    if (aim, direction) == (measure.aim, measure.preferred_direction):
        return measure
    return replace(measure, aim=aim, preferred_direction=direction)


def _quartile(store: Records, config: Config, item: Rated, group: str | None) -> str | None:
    found = benchmark_for(store, config, item.measure, item.line.current_period, group)
    return found.standing.quartile_name if found else None


def method_for(config: Config, measure_id: str) -> str:
    """How a measure is judged: its own `method`, else the workspace's `[rating] method`."""
    own = config.measures.get(measure_id)
    return (own.method if own and own.method else None) or config.rating.method


def levels_for(config: Config) -> Levels:
    chosen = config.rating.confidence
    level = chosen.level / 100
    strong = chosen.significantly / 100 if chosen.significantly else None
    return Levels(level, strong if strong and strong > level else None, chosen.trend_points,
                  chosen.trend_level / 100)  # fmt: skip


_PERCENT = Unit.PERCENT  # bound once: `Unit.PERCENT` is a ~75 ns class lookup on Python 3.11


def _over_time(
    store: Records, config: Config, measure: Measure, line: ReportLine, held: list[Period],
    levels: Levels, alike: dict[str, int],
) -> tuple[Trend | None, Chart | None]:  # fmt: skip
    """The recent trend and the SPC chart, where the measure has periods enough for either.
    `alike` keeps, by period, how many held periods are like it: counted once per period."""
    count = alike.get(line.current_period)
    if count is None:
        now = parse_period(line.current_period)
        count = alike[line.current_period] = sum(
            1 for p in held if p.kind is now.kind and p.months == now.months and p.end <= now.end
        )
    needed = config.rating.spc.points
    if measure.unit is _PERCENT:
        needed = min(needed, levels.trend_points)
    if count < needed:
        return None, None  # most measures: too few periods held to look at all
    series = series_for(store, measure, line.current_period, held)
    return recent_trend(measure, series, levels), chart_for(
        config, measure, series, line.comparator
    )


def series_for(
    store: Records, measure: Measure, period: str, held: list[Period] | None = None
) -> list[Observation]:
    """The measure's figures for periods like `period` (months, quarters, years), up to it."""
    now = parse_period(period)
    found = []
    for then in held if held is not None else map(parse_period, store.observation_periods()):
        if then.kind is not now.kind or then.months != now.months or then.end > now.end:
            continue
        label = then.label
        observation = store.observation(measure.id, label)
        if observation is not None and observation.value is not None:
            found.append((then, observation))
    return [o for _, o in sorted(found, key=lambda pair: pair[0].sort_key())]


def chart_for(
    config: Config, measure: Measure, series: list[Observation], comparator: Comparator | None
) -> Chart | None:
    """An XmR chart when the series is long enough (`[rating.spc] points`, 12 by default)."""
    from perfcli.domain.spc import Rules, target_line, xmr

    chosen = config.rating.spc
    if len(series) < chosen.points:
        return None
    way = direction(measure)
    improvement = 1 if way is Aim.HIGH else -1 if way is Aim.LOW else 0
    target = target_line(comparator, improvement)
    own = config.measures.get(measure.id)
    try:
        rebase = [(parse_month(p) or parse_period(p)).label for p in own.rebase] if own else []
    except PerfcliError as error:
        raise WorkspaceError(
            f"perfcli.toml: measures.{measure.id}.rebase: {error.message}", hint=error.hint
        ) from None
    rules = Rules(chosen.shift, chosen.trend, chosen.screen_outliers)
    try:
        return xmr([o.period for o in series], [o.value or 0.0 for o in series],
                   improvement=improvement, target=target, rebase=rebase, rules=rules,
                   enough=chosen.points)  # fmt: skip
    except ValueError as error:
        raise MeasureError(str(error), measure=measure.id, period=series[-1].period) from None


def _with_published_counts(
    store: Records, config: Config, measure: Measure, figure: Observation | None
) -> Observation | None:
    """A figure with no counts of its own takes the interval or counts that the comparator
    data publishes for the council's own area and the same period, where they agree with it."""
    if figure is None or figure.value is None or interval(measure, figure, 0.95) is not None:
        return figure
    area = own_area(config)
    row = next((r for r in store.national(measure.id, figure.period) if r.area_code == area), None)
    if row is None or row.value is None or abs(row.value - figure.value) > 0.05 + 1e-9:
        return figure  # another figure than the one reported: its interval is not this one's
    if row.lower_ci is not None and row.upper_ci is not None:
        return replace(figure, lower_ci=row.lower_ci, upper_ci=row.upper_ci)
    if row.numerator is not None and row.denominator:
        return replace(figure, numerator=row.numerator, denominator=row.denominator)
    return figure


def _by_confidence(
    store: Records, config: Config, line: ReportLine, measure: Measure,
    current: Observation | None, previous: Observation | None, previous_period: str | None,
    settings: Settings, override: Rating | None, reason: str | None, held: list[Period],
    levels: Levels, alike: dict[str, int],
) -> Rated:  # fmt: skip
    current = _with_published_counts(store, config, measure, current)
    previous = _with_published_counts(store, config, measure, previous)
    judgement, found = judge_by_confidence(
        measure, current, previous, line.comparator, settings, levels,
        override=override, override_reason=reason,
    )  # fmt: skip
    trend, chart = _over_time(store, config, measure, line, held, levels, alike)
    return Rated(line, measure, current, previous, previous_period, judgement, None, found,
                 trend, chart)  # fmt: skip


def _carry_survey_mark(
    line: ReportLine,
    measure: Measure,
    current: Observation | None,
    config: Config,
    judgement: Judgement,
) -> Judgement:
    """A survey with no new figure keeps the mark its dashboard repeats, when the measure says
    `carry_survey_mark`: `rate`, `diff` and the draft then show the same, printed, mark."""
    own = config.measures.get(measure.id)
    carried = carried_progress(line, measure, current, carry=bool(own and own.carry_survey_mark))
    if carried is None:
        return judgement
    reason = "no new survey this period: the last survey's mark, carried as the dashboard prints it"
    return replace(judgement, progress=carried, progress_reason=reason)
