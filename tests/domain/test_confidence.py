"""Judging by confidence intervals (Fingertips' rules), in a table of cases."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from perfcli.domain.comparator_parsing import ComparatorKind
from perfcli.domain.comparator_types import AverageComparator, TargetComparator
from perfcli.domain.confidence import Levels, interval, judge_by_confidence, progress_by_intervals
from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Basis, Measure, Observation
from perfcli.domain.outcomes import Progress, Rating
from perfcli.domain.rating_settings import Settings
from perfcli.domain.statistics import Interval


def measure(aim: Aim = Aim.HIGH, unit: Unit = Unit.PERCENT) -> Measure:
    return Measure(id="m", code="Local", description="m", aim=aim, unit=unit)


def figure(value: float, period: str = "2023-24", **counts: float) -> Observation:
    return Observation(measure_id="m", period=period, raw=f"{value}", value=value, decimals=1,
                       **counts)  # type: ignore[arg-type]  # fmt: skip


def average(value: float) -> AverageComparator:
    return AverageComparator(raw=f"{value}% 22/23 Nat. Ave", kind=ComparatorKind.NATIONAL_AVERAGE,
                             value=value, decimals=1, label="Nat. Ave.")  # fmt: skip


def test_each_kind_of_figure_gets_its_interval():
    # Seed 002: 89.6% is 3,856 out of 4,304 (Wilson).
    found = interval(measure(), figure(89.6, numerator=3856, denominator=4304), 0.95)
    assert found is not None and found.method == "wilson"
    assert (round(found.lower, 1), round(found.upper, 1)) == (88.6, 90.5)
    # Seed 000: 13.7 per 100k from 58 admissions (Byar on the count, scaled).
    rate = interval(measure(Aim.LOW, Unit.RATE_PER_100K), figure(13.7, count=58), 0.95)
    assert rate is not None and rate.method == "byar"
    assert rate.lower < 13.7 < rate.upper
    # A published interval is used as published.
    published = interval(measure(), figure(80.0, lower_ci=78.1, upper_ci=81.8), 0.95)
    assert published == Interval(78.1, 81.8, 0.95, "published")
    # No counts: no interval.
    assert interval(measure(), figure(88.4), 0.95) is None
    assert interval(measure(Aim.HIGH, Unit.CURRENCY), figure(915.0), 0.95) is None
    # A count of events over a period (690 admissions in 2023/24) has Byar's interval; a count
    # at a date (599 people waiting at the end of June 2025) is a stock, not events: none.
    count = Observation(measure_id="m", period="2023-24", raw="690", value=690.0)
    assert interval(measure(Aim.LOW, Unit.COUNT), count, 0.95).method == "byar"
    waiting = Observation(measure_id="m", period="2025-06-30", raw="599 End of June 2025",
                          value=599.0)  # fmt: skip
    assert interval(measure(Aim.LOW, Unit.COUNT), waiting, 0.95) is None
    # Filed under its year, a waiting list is still a count at a date when its basis says so.
    snapshot = replace(measure(Aim.LOW, Unit.COUNT), basis=Basis.SNAPSHOT)
    assert interval(snapshot, count, 0.95) is None
    # A forecast is no count of events that happened (seed 001's ASCOF 2B, 62 forecast).
    forecast = Observation(measure_id="m", period="2025-26", raw="14.3 per 100k Pop. Forecast 62",
                           value=14.3, count=62, status="forecast")  # fmt: skip
    assert interval(measure(Aim.LOW, Unit.RATE_PER_100K), forecast, 0.95) is None


@pytest.mark.parametrize(
    ("aim", "value", "events", "total", "national", "rating", "ending"),
    [
        (Aim.HIGH, 89.6, 3856, 4304, 77.5, Rating.BETTER, "significantly better"),
        (Aim.LOW, 89.6, 3856, 4304, 77.5, Rating.BELOW, "significantly below"),
        (Aim.HIGH, 89.6, 3856, 4304, 89.0, Rating.SIMILAR, "lies inside the interval: similar"),
        # 88.5 is outside the 95% interval (88.6–90.5) but inside the 99.8% one (88.1–90.9)
        (Aim.HIGH, 89.6, 3856, 4304, 88.5, Rating.BETTER, "outside the interval: better"),
        (Aim.HIGH, 89.6, 3856, 4304, 90.7, Rating.BELOW, "outside the interval: below"),
    ],
)
def test_rating_against_an_average(aim, value, events, total, national, rating, ending):
    judged, _ = judge_by_confidence(
        measure(aim), figure(value, numerator=events, denominator=total), None,
        average(national), Settings(), Levels(),
    )  # fmt: skip
    assert judged.rating is rating
    assert judged.rating_reason.endswith(ending)


def test_a_target_is_not_an_estimate_so_the_house_rule_rates_against_it():
    target = TargetComparator(raw="90% Local Target", kind=ComparatorKind.TARGET, value=90.0)
    judged, found = judge_by_confidence(
        measure(), figure(89.6, numerator=3856, denominator=4304), None, target, Settings(),
        Levels(),
    )  # fmt: skip
    assert found is not None  # the interval is still known and shown
    assert judged.rating is Rating.SIMILAR
    assert judged.rating_reason == "89.6% is within ±1.5 pp of the target 90%: similar"


@pytest.mark.parametrize(
    ("aim", "now", "before", "expected"),
    [
        (Aim.HIGH, (34.0, 36.7), (34.9, 37.5), Progress.SIMILAR),
        (Aim.HIGH, (93.9, 97.4), (86.5, 93.3), Progress.IMPROVED),
        (Aim.LOW, (93.9, 97.4), (86.5, 93.3), Progress.WORSE),
        (Aim.HIGH, (86.5, 93.3), (93.9, 97.4), Progress.WORSE),
        (Aim.HIGH, (1.0, 2.0), (2.0, 3.0), Progress.SIMILAR),  # touching limits overlap
    ],
)
def test_progress_by_overlapping_intervals(aim, now, before, expected):
    current, previous = sum(now) / 2, sum(before) / 2
    found = progress_by_intervals(measure(aim), current, previous,
                                  Interval(*now, 0.95, "wilson"), Interval(*before, 0.95, "wilson"))  # fmt: skip
    assert found is expected


def test_an_override_still_wins_and_keeps_what_was_computed():
    judged, _ = judge_by_confidence(
        measure(), figure(89.6, numerator=3856, denominator=4304), None, average(77.5),
        Settings(), Levels(), override=Rating.SIMILAR, override_reason="data quality",
    )  # fmt: skip
    assert judged.rating is Rating.SIMILAR and judged.computed_rating is Rating.BETTER
    assert judged.rating_reason == "overridden to similar (data quality); computed: better"


@pytest.mark.parametrize(
    ("word", "aim", "said"),
    [
        ("increasing", Aim.HIGH, "increasing and getting better"),
        ("increasing", Aim.LOW, "increasing and getting worse"),
        ("decreasing", Aim.LOW, "decreasing and getting better"),
        ("decreasing", Aim.INFO, "decreasing"),
        ("no significant change", Aim.HIGH, "no significant change"),
    ],
)
def test_trend_words_by_the_aim(word, aim, said):
    from perfcli.domain.confidence import trend_words
    from perfcli.domain.statistics import Trend

    assert trend_words(Trend(word, 20.0, 5, 0.999), measure(aim)) == said


@pytest.mark.parametrize(
    ("unit", "value", "decimals", "scale", "method"),
    [
        (Unit.COUNT, 690.0, 0, "", "byar"),  # people waiting: a count of events
        (Unit.COUNT, 16900.0, 1, "k", "byar"),  # `16.9k` library visits: whole, printed scaled
        (Unit.COUNT, 19.0, 1, "", None),  # `19.0`: printed with a decimal place, no whole count
        (Unit.COUNT, 19.3, 1, "", None),
        (Unit.NUMBER, 19.0, 0, "", None),  # a score, an index, an average
        (Unit.COUNT, 0.0, 0, "", None),
    ],
)
def test_byar_only_for_a_whole_count_of_events(unit, value, decimals, scale, method):
    shown = Observation(measure_id="m", period="2024-25", raw=f"{value}", value=value,
                        decimals=decimals, scale=scale)  # fmt: skip
    found = interval(measure(Aim.HIGH, unit), shown, 0.95)
    assert (found.method if found else None) == method


def test_an_average_in_another_unit_is_not_rated_against_by_intervals_either():
    """The unit rule lives where the house rule rates, so the confidence method keeps it: a
    percentage with its counts against a rate's national average is not rated."""
    from perfcli.domain.comparator_parsing import parse_comparator
    from perfcli.domain.comparator_types import comparator_from
    from perfcli.domain.period_parsing import parse_period

    rate = comparator_from(
        parse_comparator("14.6 per 100k pop. 22/23 Nat. Ave", within=parse_period("2023-24"))
    )
    judged, _ = judge_by_confidence(measure(), figure(89.6, numerator=3856, denominator=4304),
                                    None, rate, Settings(), Levels())  # fmt: skip
    assert judged.rating is Rating.NOT_RATED and judged.rag is None
    assert judged.rating_reason.endswith("is not in the measure's unit (a percentage)")
