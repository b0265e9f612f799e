"""A report period judged: each measure's rating, progress and RAG, and where comparator data
allows, its standing among councils. `rate`, `diff` and `draft-report` all start here."""

from __future__ import annotations

from dataclasses import dataclass

from perfcli.benchmarking import Standing, standing
from perfcli.errors import MeasureError, UsageError
from perfcli.model import Comparator, Frequency, Measure, Observation, ReportLine
from perfcli.periods import parse_period
from perfcli.rating import Judgement, RagMargins, Rating, Settings, Tolerances, judge
from perfcli.store import Store
from perfcli.values import ComparatorKind
from perfcli.workspace import Config


@dataclass(frozen=True)
class Rated:
    line: ReportLine
    measure: Measure
    current: Observation | None
    previous: Observation | None
    previous_period: str | None
    judgement: Judgement
    quartile: str | None = None


def settings_for(config: Config, measure_id: str) -> Settings:
    rating = config.rating
    own = config.measures.get(measure_id)
    return Settings(
        tolerances=Tolerances(rating.percent_points, rating.relative, dict(rating.units)),
        rag=RagMargins(rating.rag.green, rating.rag.amber),
        significance=rating.method == "significance",
        tolerance_override=own.tolerance if own else None,
        rag_green=own.rag_green if own else None,
        rag_amber=own.rag_amber if own else None,
    )


def pick_period(store: Store, period: str | None) -> str:
    """The report period asked for (or the latest), if the workspace holds figures for it."""
    reports = store.report_periods()
    if not reports:
        raise UsageError("nothing imported yet", hint="run 'perfcli import FILE'")
    if period is None:
        return reports[-1]
    label = parse_period(period).label
    if label not in reports and label not in store.observation_periods():
        listed = ", ".join(reports)
        raise UsageError(
            f"no figures for {label} in the workspace", hint=f"its reports are {listed}"
        )
    return label


def lines_for(store: Store, period: str) -> list[ReportLine]:
    """A period's dashboard lines; for a period held only as figures, one line per figure."""
    lines = store.report_lines(period)
    if lines:
        return lines
    made = []
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


def _previous(
    store: Store, measure: Measure, line: ReportLine
) -> tuple[str | None, Observation | None]:
    if line.previous_period:
        return line.previous_period, store.observation(measure.id, line.previous_period)
    years = 2 if measure.frequency is Frequency.BIENNIAL else 1
    label = parse_period(line.current_period).previous(years).label
    return label, store.observation(measure.id, label)


def national_average(store: Store, measure: Measure, period: str) -> Comparator | None:
    """The England figure for the latest year with national data up to `period`, as a comparator."""
    from perfcli.rating import fmt

    limit = parse_period(period)
    for label in reversed(store.national_periods()):
        if parse_period(label).start > limit.end:
            continue
        england = next((r for r in store.national(measure.id, label) if r.is_england), None)
        if england is not None and england.value is not None:
            year = parse_period(label)
            text = f"{fmt(england.value, measure.unit)} {year.display[2:]} Nat. Ave."
            return Comparator(raw=text, kind=ComparatorKind.NATIONAL_AVERAGE, value=england.value,
                              unit=measure.unit, decimals=1, period=label, label="Nat. Ave.")  # fmt: skip
    return None


def rate_period(store: Store, config: Config, period: str) -> list[Rated]:
    group = config.national.group if config.national.group in config.national.groups else None
    has_national = bool(store.national_periods())
    results = []
    for line in lines_for(store, period):
        measure = store.measure(line.measure_id)
        assert measure is not None
        if line.comparator is None and has_national:
            # The workbook states no comparator: the imported national average fills in.
            line = line.model_copy(
                update={"comparator": national_average(store, measure, line.current_period)}
            )
        current = store.observation(measure.id, line.current_period)
        previous_period, previous = _previous(store, measure, line)
        own = config.measures.get(measure.id)
        override = line.override or (own.override if own else None)
        reason = line.override_reason or (own.override_reason if own else None)
        if override and override.strip().lower().replace(" ", "_") not in {r.value for r in Rating}:
            raise MeasureError(
                f"override {override!r} is not a rating",
                measure=measure.id,
                period=period,
                hint="use better, similar, below or not rated",
            )
        judgement = judge(
            measure, current, previous, line.comparator, settings_for(config, measure.id),
            override=override, override_reason=reason,
        )  # fmt: skip
        standing = (
            benchmark_for(store, config, measure, line.current_period, group)
            if has_national
            else None
        )
        quartile = standing.standing.quartile_name if standing else None
        results.append(
            Rated(line, measure, current, previous, previous_period, judgement, quartile)
        )
    return results


@dataclass(frozen=True)
class Benchmark:
    measure: Measure
    period: str
    standing: Standing
    england: float | None


def own_area(config: Config) -> str | None:
    return config.national.area or config.workspace.area_code


def benchmark_for(
    store: Store, config: Config, measure: Measure, period: str, group: str | None
) -> Benchmark | None:
    """The council's standing for one measure and period, or None without comparator data."""
    rows = store.national(measure.id, period)
    if not rows:
        return None
    area = own_area(config)
    own = next((r.value for r in rows if r.area_code == area), None)
    if own is None:
        observation = store.observation(measure.id, period)
        own = observation.value if observation else None
    if own is None:
        return None
    if group:
        members = set(config.national.groups[group])
        values = [
            r.value
            for r in rows
            if r.area_code in members and r.area_code != area and r.value is not None
        ]
    else:
        values = [
            r.value for r in rows if r.is_council and r.area_code != area and r.value is not None
        ]
    result = standing(own, [*values, own], measure.aim)
    if result is None:
        return None
    england = next((r.value for r in rows if r.is_england), None)
    return Benchmark(measure, period, result, england)
