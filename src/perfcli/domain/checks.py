"""Checks on periods and figures before anything is rated or published: findings with hints."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import cache, lru_cache

from perfcli.config import Config
from perfcli.domain.comparators import ComparatorKind, group_average
from perfcli.domain.figures import Unit, is_ratio, percent_matches
from perfcli.domain.findings import Finding, Severity
from perfcli.domain.model import (
    Aim,
    Basis,
    Frequency,
    Measure,
    Observation,
    PreviousBasis,
    ReportLine,
    is_local,
)
from perfcli.domain.periods import Period, find_periods, most_specific, parse_period
from perfcli.domain.records import Records
from perfcli.identity import nearest_id, similar_descriptions
from perfcli.location import Location

# NHS England publishes a year's ASCOF national figures in the autumn after the year ends.
PUBLICATION_LAG_MONTHS = 7
# Findings that name a command to run ('perfcli link OLD NEW'), found against the store only:
# 'perfcli validate FILE' cannot repeat them, so a shortened list shows them before the rest.
LINK_FINDINGS = frozenset({"measure.code_changed", "measure.reworded"})
# Where a finding about the workspace's settings is.
_SETTINGS = Location("perfcli.toml")
# Where a measure's figure for a period came from, when that is known.
Cells = Callable[[str], Location | None]


def _where(line: ReportLine, period: str | None = None) -> Location:
    return Location.of(line.measure_id, period or line.current_period)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def latest_published_year(measure: Measure, at: date) -> int:
    """The start year of the latest national figures published by `at` for this measure."""
    year = _latest_annual_year(at)
    if measure.frequency is Frequency.BIENNIAL and measure.survey_period:
        anchor = parse_period(measure.survey_period).fy_start_year
        if (year - anchor) % 2:
            year -= 1
    return year


@lru_cache(maxsize=64)  # one report date, asked once per measure
def _latest_annual_year(at: date) -> int:
    year = at.year if at.month >= 4 else at.year - 1
    while _add_months(date(year + 1, 3, 31), PUBLICATION_LAG_MONTHS) > at:
        year -= 1
    return year


def _explained_by_basis(measure: Measure) -> bool:
    return (
        measure.survey
        or measure.frequency in (Frequency.ANNUAL, Frequency.BIENNIAL)
        or measure.basis in (Basis.ACADEMIC_YEAR, Basis.SNAPSHOT)
    )


def check_line(
    line: ReportLine,
    measure: Measure,
    current: Observation | None,
    previous: Observation | None,
    today: date,
    cells: Cells | None = None,
) -> list[Finding]:
    """Every check on one measure's row in one report; `cells(period)` locates a period's
    figure, asked only of a figure with a finding."""
    # Each label parsed once here and passed on: a line's checks asked for them nine times.
    report, now = parse_period(line.report_period), parse_period(line.current_period)
    found: list[Finding] = []
    found += _period_checks(line, measure, current, previous, report, now, today)
    found += _comparator_checks(line, measure, current, report, now)
    for obs in (current, previous):
        if obs is not None:
            found += _value_checks(line, measure, obs, cells)
    if current is None:
        found.append(Finding(Severity.WARNING, "value.missing", _where(line), "no figure and no reason given",
                             "fill in the figure, or say why it is missing (e.g. 'Due June 2025')"))  # fmt: skip
        return found
    found += _at(_restated(line, current), cells, current.period)
    if current.value is None and current.reason and not _explained_by_basis(measure):
        text = Finding(Severity.WARNING, "value.text", _where(line),
                       f"text instead of a figure: {current.reason!r}",
                       "a survey or annual measure may say when it is due; otherwise give the figure")  # fmt: skip
        found += _at([text], cells, current.period)
    return found


def _restated(line: ReportLine, current: Observation) -> list[Finding]:
    """A current figure whose text names the previous column's period, filed as the current
    column's (see importers/filing.py): the slip stays in the cell until corrected there."""
    if current.value is None or not line.previous_period:
        return []
    stated = most_specific(find_periods(current.raw))
    filed = parse_period(current.period)
    if stated is None or stated != parse_period(line.previous_period) or stated == filed:
        return []
    return [Finding(Severity.WARNING, "period.restated", _where(line),
                    f"{current.raw!r} states {stated.display}, the previous figure's period, but"
                    f" is the current column's figure: filed as {filed.display}",
                    f"correct the date written in the cell to {filed.display}")]  # fmt: skip


def _at(found: list[Finding], cells: Cells | None, period: str) -> list[Finding]:
    """Findings about one period's figure, at the cell it came from when that is known."""
    cell = cells(period) if cells is not None and found else None
    if cell is None:
        return found
    return [replace(f, location=f.location.at_cell(cell)) for f in found]


@lru_cache(maxsize=256)
def _one_period(current: str, previous: str) -> bool:
    """Whether two labels name one period: asked for every line, of a dashboard's few labels
    (parsing and comparing both each time was half of `rate`'s check)."""
    return parse_period(current) == parse_period(previous)


def one_period_twice(
    line: ReportLine, current: Observation | None, previous: Observation | None
) -> Finding | None:
    """A row whose current and previous figures are for one period (two columns headed alike):
    compared, the figure would be set beside itself."""
    if not line.previous_period or current is None or previous is None:
        return None
    if not _one_period(line.current_period, line.previous_period):
        return None
    now = parse_period(line.current_period)
    return Finding(Severity.ERROR, "period.same", _where(line),
                   f"the current and previous figures are both for {now.display}",
                   "check the dates written in the figures")  # fmt: skip


def _period_checks(
    line: ReportLine,
    measure: Measure,
    current: Observation | None,
    previous: Observation | None,
    report: Period,
    now: Period,
    today: date,
) -> list[Finding]:
    found = []
    if line.previous_period:
        before = parse_period(line.previous_period)
        same = one_period_twice(line, current, previous)
        if same is not None:
            found.append(same)
        elif (
            not before.like_for_like(now)
            and measure.previous is not PreviousBasis.YEAR_END
            and not _explained_by_basis(measure)
        ):
            found.append(Finding(Severity.WARNING, "period.unlike", _where(line),
                                 f"{now.display} is compared with {before.display}, which is not like for like",
                                 f'if intended, set previous = "year-end" under [measures.{measure.id}] in perfcli.toml'))  # fmt: skip
    inside = now == report or report.contains(now) or now.contains(report)
    # In a compendium's theme dashboard a figure that prints its own earlier period
    # (`340.2 (2022)`) lags on purpose: said, not warned about. In a committee dashboard it is
    # more likely a slip, and warned about.
    stated = (
        line.theme is not None
        and current is not None
        and now.end < report.end
        and (now.display.lower() in current.raw.lower() or bool(find_periods(current.raw)))
    )
    if not inside and stated:
        found.append(Finding(Severity.INFO, "period.lagged", _where(line),
                             f"a figure for {now.display}, as printed, in the report for {report.display}"))  # fmt: skip
    elif not inside and not _explained_by_basis(measure):
        found.append(Finding(Severity.WARNING, "period.outside", _where(line),
                             f"a figure for {now.display} in the report for {report.display}",
                             "state the measure's basis (academic_year, snapshot, survey) in perfcli.toml"))  # fmt: skip
    for obs in (current, previous):
        if obs is None or obs.value is None or obs.status == "forecast":
            continue
        period = parse_period(obs.period)
        if period.end > today:
            found.append(Finding(Severity.ERROR, "period.future", _where(line, obs.period),
                                 f"{obs.raw!r} is for {period.display}, which has not ended by {today:%d %B %Y}",
                                 "check the period, or mark the figure as a forecast"))  # fmt: skip
    return found


def _stale_hint(measure: Measure) -> str:
    if measure.survey or measure.frequency is not None:
        return "update the comparator to the latest national figures"
    return (
        "update the comparator to the latest national figures; for a survey run every other year,"
        f' set frequency = "biennial" and survey_period under [measures.{measure.id}] in perfcli.toml'
    )


def _comparator_checks(
    line: ReportLine, measure: Measure, current: Observation | None, report: Period, now: Period
) -> list[Finding]:
    comparator = line.comparator
    if comparator is None or comparator.period is None:
        return []
    period = parse_period(comparator.period)
    found = []
    if comparator.kind is ComparatorKind.NATIONAL_AVERAGE:
        group = group_average(comparator.label)
        if group is not None:
            # CIPFA's and regional averages keep their own timetables: an old one is only said.
            if period.fy_start_year < report.fy_start_year - 1:
                found.append(Finding(Severity.WARNING, "comparator.stale", _where(line),
                                     f"{group} for {period.display}, {report.fy_start_year - period.fy_start_year} years before the report's {report.display}",
                                     "update the comparator if newer figures are published"))  # fmt: skip
        else:
            expected = latest_published_year(measure, report.end)
            if measure.frequency is Frequency.BIENNIAL and not measure.survey_period:
                expected -= 1  # which years the survey ran is not known: the year before may be
            if period.fy_start_year < expected:
                found.append(Finding(Severity.WARNING, "comparator.stale", _where(line),
                                     f"national average for {period.display}; {expected}/{(expected + 1) % 100:02d} figures were published by {report.position}",
                                     _stale_hint(measure)))  # fmt: skip
        compared = parse_period(current.period) if current else report
        if period.start > compared.end:
            found.append(Finding(Severity.WARNING, "comparator.newer", _where(line),
                                 f"national average for {period.display} is newer than the figure it is compared with ({compared.display})",
                                 "compare like with like"))  # fmt: skip
    elif comparator.kind in (ComparatorKind.TARGET, ComparatorKind.MILESTONE, ComparatorKind.BAND):
        fits = (period == report or period.contains(report) or report.contains(period)
                or period == now or period.contains(now))  # fmt: skip
        if not fits:
            found.append(Finding(Severity.ERROR, "comparator.wrong_period", _where(line),
                                 f"{comparator.kind.value} {comparator.raw!r} is for {period.display}, not {report.display}",
                                 f"give the {comparator.kind.value} for {report.display}"))  # fmt: skip
    return found


def _value_checks(
    line: ReportLine, measure: Measure, obs: Observation, cells: Cells | None = None
) -> list[Finding]:
    """A figure that cannot be right: at the cell it came from, when the store knows it."""
    if obs.value is None:
        return []
    return _at(_figure_checks(line, measure, obs), cells, obs.period)


def _figure_checks(line: ReportLine, measure: Measure, obs: Observation) -> list[Finding]:
    assert obs.value is not None
    found = []
    if measure.unit is Unit.PERCENT and not 0 <= obs.value <= 100:
        # A share's numerator cannot pass its denominator; a ratio's can (excess mortality 423%).
        share = obs.value < 0 or not is_ratio(measure.description) or obs.denominator is not None
        found.append(Finding(
            Severity.ERROR if share else Severity.WARNING, "value.percent_range", _where(line, obs.period),
            f"{obs.raw!r} is outside 0–100%" + ("" if share else ", as a ratio may be"),
            "check the figure",
        ))  # fmt: skip
    if measure.unit in (Unit.COUNT, Unit.HOURS, Unit.RATE_PER_100K) and obs.value < 0:
        found.append(Finding(Severity.ERROR, "value.negative", _where(line, obs.period),
                             f"{obs.raw!r} is negative for a {measure.unit.value.replace('_', ' ')}",
                             "check the figure"))  # fmt: skip
    if (
        measure.unit is Unit.RATE_PER_100K
        and "per 100" not in (obs.raw + measure.description).lower()
        and obs.count is None
    ):
        found.append(Finding(Severity.WARNING, "value.rate_basis", _where(line, obs.period),
                             f"{obs.raw!r} is a rate with no population basis",
                             "say 'per 100k pop.' or give the count it is based on"))  # fmt: skip
    if obs.numerator is not None and obs.denominator is not None and measure.unit is Unit.PERCENT:
        if not percent_matches(obs.value, obs.numerator, obs.denominator, obs.decimals):
            exact = obs.numerator / obs.denominator * 100 if obs.denominator else float("nan")
            found.append(Finding(Severity.ERROR, "value.numerator_mismatch", _where(line, obs.period),
                                 f"{obs.raw!r}: {obs.numerator:,.0f} out of {obs.denominator:,.0f} is {exact:.{obs.decimals}f}%",
                                 "check the numerator, the denominator and the percentage"))  # fmt: skip
    return found


def check_codes(
    store: Records, report_period: str, earlier: dict[str, ReportLine] | None = None
) -> list[Finding]:
    """Measures new in this report that look like an earlier measure under a new code.

    `earlier` (each measure's latest line in earlier reports) may be passed in when known.
    """
    lines = store.report_lines(report_period)
    present = {line.measure_id for line in lines}
    report = parse_period(report_period)
    if earlier is None:
        earlier = {}
        for period in store.report_periods():
            if parse_period(period) < report:
                for line in store.report_lines(period):
                    earlier[line.measure_id] = line
    found = []
    gone = {old_id: old for old_id, old in earlier.items() if old_id not in present}
    for line in lines:
        if line.measure_id in earlier:
            continue
        renumbered = _renumbered(line, gone)
        if renumbered is not None:
            old_id, old = renumbered
            found.append(Finding(Severity.WARNING, "measure.code_changed", _where(line),
                                 f"{line.code} {line.description!r} may be {old.code} from {parse_period(old.report_period).display} under a new code",
                                 f"if they are one measure, run 'perfcli link {old_id} {line.measure_id}' to keep one history"))  # fmt: skip
            continue
        for old_id, old in gone.items():
            if _reworded(line, old):
                found.append(Finding(Severity.WARNING, "measure.reworded", _where(line),
                                     f"{line.description!r} is new in {report.display} and {old.description!r} ({old_id}) is not in it: they may be one measure",
                                     f"to keep one history, run 'perfcli link {old_id} {line.measure_id}'"))  # fmt: skip
                break
    return found


def check_marks(
    line: ReportLine,
    measure: Measure,
    current: Observation | None,
    previous: Observation | None,
    config: Config,
) -> list[Finding]:
    """Each printed mark (Rating, Progress, RAG) that perfcli's own judgement does not give."""
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
        found.append(Finding(Severity.WARNING, "mark.disagrees", _where(line), seen.text, hint))
    return found


def _renumbered(line: ReportLine, gone: dict[str, ReportLine]) -> tuple[str, ReportLine] | None:
    """The earlier measure a new one most likely renumbers: the same words, or a code one
    begins with the other's (`ASCOF 3C` -> `ASCOF 3C1`); of several, the closest description
    (seed 000 prints `ASCOF 3C` for service users and for carers)."""
    import difflib

    def words(text: str) -> str:
        return " ".join(text.lower().split())

    best: tuple[tuple[bool, float], str, ReportLine] | None = None
    for old_id, old in gone.items():
        same_text = words(old.description) == words(line.description)
        codes = (line.code.lower(), old.code.lower())
        new_code = not (is_local(line.code) or is_local(old.code)) and (
            codes[0].startswith(codes[1]) or codes[1].startswith(codes[0])
        )
        if not (same_text or new_code):
            continue
        ratio = difflib.SequenceMatcher(None, words(old.description), words(line.description))
        key = (same_text, ratio.ratio())
        if best is None or key > best[0]:
            best = (key, old_id, old)
    return (best[1], best[2]) if best else None


def _reworded(line: ReportLine, old: ReportLine) -> bool:
    """A Local measure whose description was reworded: ids of Local measures follow the words."""
    local = is_local(line.code) and is_local(old.code)
    return local and similar_descriptions(line.description, old.description)


def check_settings(config: Config, stored: list[str], *, every: bool = False) -> list[Finding]:
    """`[measures.X]` sections naming no imported measure: a typo never takes effect.

    Import (`every` False) says so only when a real id is close; validate says so always.
    """
    found = []
    for mid in config.measures:
        if mid in stored:
            continue
        near = nearest_id(mid, [s for s in stored if s not in config.measures])
        if near is None and not every:
            continue
        hint = f"did you mean [measures.{near}]?" if near else "see 'perfcli measures' for the ids"
        found.append(Finding(Severity.WARNING, "settings.unknown_measure", _SETTINGS,
                             f"[measures.{mid}] names no imported measure, so it has no effect", hint))  # fmt: skip
    return found


def check_aliases(config: Config, measures: list[Measure]) -> list[Finding]:
    """An alias in `[measures.X]` that names another stored measure (its id, code or
    description): the two hold one history between them, which an import cannot join."""
    from perfcli.workspace import normalise_alias

    if not any(settings.aliases for settings in config.measures.values()):
        return []  # no names to compare: every stored name normalised cost 5 ms at 2,000
    names: dict[str, list[str]] = {}
    for measure in measures:
        local = is_local(measure.code)
        for name in (measure.id, measure.description, *([] if local else [measure.code])):
            names.setdefault(normalise_alias(name), []).append(measure.id)
    held = {m.id for m in measures}
    found = []
    for mid, settings in config.measures.items():
        for alias in settings.aliases:
            others = [o for o in names.get(normalise_alias(alias), []) if o != mid]
            for other in others if mid in held else []:
                found.append(Finding(Severity.WARNING, "settings.alias_stored", _SETTINGS,
                                     f"[measures.{mid}] aliases {alias!r}, which names the stored measure {other}: their figures are held apart",
                                     f"run 'perfcli link {other} {mid}' to join them into one history"))  # fmt: skip
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
    return [Finding(Severity.WARNING, "comparator.national_differs", _where(line),
                    f"the national average typed as {comparator.raw.strip()!r} differs from the imported {england.value:g}",
                    "check the comparator against the national data")]  # fmt: skip


def check_quartile(
    store: Records, config: Config, line: ReportLine, measure: Measure
) -> list[Finding]:
    """A published quartile that differs from the one the workspace's comparator data gives."""
    if not line.published_quartile:
        return []
    from perfcli.domain.assessment import benchmark_for

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
    return [Finding(Severity.WARNING, "quartile.differs", _where(line),
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
            found += check_marks(line, measure, current, previous, config)
            found += check_quartile(store, config, line, measure)
        for period in {line.current_period, line.previous_period} - {None} if revised else ():
            if (measure.id, period) in revised:
                found.append(Finding(Severity.INFO, "value.revised", _where(line, period),
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


def report_date(config: Config) -> date:
    if config.workspace.report_date:
        return date.fromisoformat(config.workspace.report_date)
    return date.today()


def check_store(
    store: Records, periods: list[str], config: Config, measure_ids: set[str] | None = None
) -> list[Finding]:
    """Every check on the given report periods, each seeing the reports before it."""
    today = report_date(config)
    findings: list[Finding] = []
    measures = {m.id: m for m in store.measures()}
    earlier: dict[str, ReportLine] = {}
    # Read when a finding first needs a cell: most imports have none (4,000 cells cost 7 ms).
    sources = cache(store.figure_cells)
    ordered = store.report_periods()
    for period in ordered:
        if period in periods:
            findings += check_period(
                store, period, today, measure_ids, measures=measures, earlier=dict(earlier),
                config=config, sources=sources,
            )  # fmt: skip
        for line in store.report_lines(period):
            earlier[line.measure_id] = line
    # A figure shared by two reports (one's current, the next one's previous) is reported once.
    return list(dict.fromkeys(findings))
