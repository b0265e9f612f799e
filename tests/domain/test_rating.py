"""Rating, progress and RAG rules on the seeds' own figures (no files)."""

import pytest

from perfcli.domain.comparator_parsing import parse_comparator
from perfcli.domain.comparator_types import Comparator, comparator_from
from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Measure, Observation
from perfcli.domain.outcomes import Progress, Rag, Rating
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.rating import judge, progress, rag, rating
from perfcli.domain.rating_settings import Settings
from perfcli.domain.values import parse_value


def measure(aim=Aim.HIGH, unit=Unit.PERCENT, **extra) -> Measure:
    return Measure(id="m", code="Local", description="test", aim=aim, unit=unit, **extra)


def obs(text: str, period: str = "2023-24") -> Observation:
    p = parse_period(period)
    return Observation.from_parsed("m", p, parse_value(text, within=p))


def comp(text: str) -> Comparator:
    return comparator_from(parse_comparator(text, within=parse_period("2023-24")))


S = Settings()


@pytest.mark.parametrize(
    ("aim", "unit", "now", "before", "expected"),
    [
        (Aim.HIGH, Unit.PERCENT, "89.6%", "87.8%", Progress.IMPROVED),  # ASCOF 2A, seed 000
        (Aim.HIGH, Unit.PERCENT, "88.4%", "89.2%", Progress.SIMILAR),  # ASCOF 2D: -0.8 pp
        (Aim.HIGH, Unit.PERCENT, "35.4%", "36.2%", Progress.SIMILAR),  # ASCOF 3D: -0.8 pp
        (Aim.HIGH, Unit.PERCENT, "82.5%", "85.3%", Progress.WORSE),  # ASCOF 4A
        (Aim.LOW, Unit.RATE_PER_100K, "13.7 per 100k", "12.1 per 100k", Progress.WORSE),  # ASCOF 2B
        (
            Aim.LOW,
            Unit.RATE_PER_100K,
            "511 per 100k",
            "553 per 100k",
            Progress.IMPROVED,
        ),  # ASCOF 2C
        (Aim.HIGH, Unit.COUNT, "833.3k", "805.3k", Progress.IMPROVED),  # junior loans +3.5%
        (Aim.HIGH, Unit.COUNT, "597.9k", "599.0k", Progress.SIMILAR),  # total loans Q1, seed 001
        (Aim.HIGH, Unit.COUNT, "159.1k", "186.2k", Progress.WORSE),  # junior loans Q1, seed 001
    ],
)
def test_progress_with_default_tolerances(aim, unit, now, before, expected):
    result, reason, _, _ = progress(measure(aim, unit), obs(now), obs(before, "2022-23"), None, S)
    assert result is expected
    assert reason.endswith(expected.value)


def test_a_change_exactly_on_the_tolerance_is_similar():
    result, reason, change, unit = progress(
        measure(), obs("51.5%"), obs("50.0%", "2022-23"), None, S
    )
    assert (result, change, unit) == (Progress.SIMILAR, 1.5, "pp")
    assert reason == "+1.5 pp is within ±1.5 pp: similar"


def test_band_progress_follows_preferred_direction_else_movement_towards_the_band():
    band = comp("10% - 15% Local target 2023/24")
    delay = measure(Aim.BAND, preferred_direction=Aim.HIGH)
    assert progress(delay, obs("19.1%"), obs("12.8%", "2022-23"), band, S)[0] is Progress.IMPROVED
    reduce = measure(Aim.BAND)
    towards = comp("18% - 23% Local target 2023/24")
    result, reason, _, _ = progress(reduce, obs("17.4%"), obs("16.3%", "2022-23"), towards, S)
    assert result is Progress.SIMILAR and "within ±1.5 pp" in reason
    assert (
        progress(reduce, obs("19.0%"), obs("15.0%", "2022-23"), towards, S)[0] is Progress.IMPROVED
    )


def test_rating_against_national_average_threshold_and_band():
    assert rating(measure(), obs("89.6%"), comp("77.5% 22/23 Nat. Ave"), S)[0] is Rating.BETTER
    assert rating(measure(), obs("82.5%"), comp("87.1% 22/23 Nat. Ave."), S)[0] is Rating.BELOW
    assert rating(measure(), obs("44.9%"), comp("44.4% 22/23 Nat. Ave"), S)[0] is Rating.SIMILAR
    low = measure(Aim.LOW, Unit.COUNT)
    verdict, reason = rating(
        low, obs("773 End of March 2024"), comp("<1,575 Position as at 1st Jan 2023"), S
    )
    assert (verdict, reason) == (Rating.BETTER, "773 is below the threshold 1,575: better")
    band = measure(Aim.BAND)
    verdict, reason = rating(band, obs("49.2%"), comp("55% - 60% Local target 2023/24"), S)
    assert (verdict, reason) == (
        Rating.BELOW, "49.2% is 5.8 pp below the bottom of the band 55%–60%: not met, below the band"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("figure", "threshold", "verdict", "colour", "reason"),
    [
        # A trial: a figure on a strict threshold was "below" beside an on-track green.
        ("1,575", "<1,575", Rating.SIMILAR, Rag.GREEN,
         "1,575 is not below the threshold 1,575, but within ±3% of it: similar"),
        ("1,600", "<1,575", Rating.SIMILAR, Rag.AMBER,
         "1,600 is not below the threshold 1,575, but within ±3% of it: similar"),
        ("1,700", "<1,575", Rating.BELOW, Rag.AMBER, "1,700 is not below the threshold 1,575: below"),
        ("1,574", "<1,575", Rating.BETTER, Rag.GREEN, "1,574 is below the threshold 1,575: better"),
    ],
)  # fmt: skip
def test_a_threshold_narrowly_missed_is_similar_as_a_target_s_is(
    figure, threshold, verdict, colour, reason
):
    low = measure(Aim.LOW, Unit.COUNT)
    assert rating(low, obs(figure), comp(threshold), S) == (verdict, reason)
    assert rag(low, obs(figure), comp(threshold), S)[0] is colour


# Seed 000's four sequel bands: the words say which side of the band a figure is (issue 24).
@pytest.mark.parametrize(
    ("figure", "band", "verdict", "reason"),
    [
        (
            "19.1%",
            "10% - 15% Local target 2023/24",
            Rating.BELOW,
            "19.1% is 4.1 pp above the top of the band 10%–15%: not met, above the band",
        ),
        (
            "14.3%",
            "7% - 12% Local target 2023/24",
            Rating.BELOW,
            "14.3% is 2.3 pp above the top of the band 7%–12%: not met, above the band",
        ),
        (
            "17.4%",
            "18% - 23% Local target 2023/24",
            Rating.BELOW,
            "17.4% is 0.6 pp below the bottom of the band 18%–23%: not met, below the band",
        ),
        (
            "10.8%",
            "9-14% Local target 2024/25",
            Rating.BETTER,
            "10.8% is inside the band 9%–14%: better",
        ),
    ],
)
def test_a_band_rating_says_which_side_of_the_band(figure, band, verdict, reason):
    for aim in (None, Aim.HIGH):  # the preferred direction does not move the band
        m = measure(Aim.BAND, preferred_direction=aim)
        assert rating(m, obs(figure), comp(band), S) == (verdict, reason)


def test_a_target_met_is_better_however_narrowly():
    verdict, reason = rating(
        measure(unit=Unit.COUNT), obs("134.1k"), comp("133.5k Local target 2023/24"), S
    )
    assert (
        verdict is Rating.BETTER and reason == "134.1k meets the target 133.5k (aim: high): better"
    )


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("For Information Only", "for information only"),
        ("New ASCOF metric for 2023/24 No national figures yet available", "New ASCOF metric"),
        ("MTFS", "'MTFS' is not a figure to rate against"),
    ],
)
def test_not_rated_says_why(text, why):
    verdict, reason = rating(measure(), obs("96%"), comp(text), S)
    assert verdict is Rating.NOT_RATED and why in reason


def test_no_value_gives_its_reason():
    missing = obs("Survey is annual and will next run in February 2026")
    assert rating(measure(), missing, comp("66.4% 23/24 Nat. Ave."), S) == (
        Rating.NOT_RATED,
        "Survey is annual and will next run in February 2026",
    )


@pytest.mark.parametrize(
    ("aim", "unit", "value", "target", "expected"),
    [  # seed 003, April-November 2021
        (Aim.HIGH, Unit.PERCENT, "9.4%", "10.5%", Rag.RED),  # ASCOF 1E
        (Aim.HIGH, Unit.PERCENT, "84.1%", "86%", Rag.AMBER),  # ASCOF 1G
        (Aim.HIGH, Unit.PERCENT, "41.6%", "42%", Rag.GREEN),  # ASCOF 1C pt 2a
        (Aim.HIGH, Unit.PERCENT, "96.4%", "98%", Rag.AMBER),  # ASCOF 1C pt 1a
        (Aim.LOW, Unit.RATE_PER_100K, "559.4", "<538 (780 Adm's)", Rag.AMBER),  # ASCOF 2A pt 2
        (Aim.BAND, Unit.PERCENT, "57.4%", "55-60%", Rag.GREEN),  # Prevent Need sequel
        (Aim.HIGH, Unit.PERCENT, "86.0%", "86%", Rag.GREEN),  # LALS: exactly on target
    ],
)
def test_rag_default_margins(aim, unit, value, target, expected):
    assert rag(measure(aim, unit), obs(value), comp(target), S)[0] is expected


def test_rag_margins_per_measure():
    small = Settings(rag_amber=0.35)
    assert (
        rag(measure(Aim.LOW, Unit.RATE_PER_100K), obs("5.4"), comp("<4.1 (17 Adm's)"), S)[0]
        is Rag.RED
    )
    assert (
        rag(measure(Aim.LOW, Unit.RATE_PER_100K), obs("5.4"), comp("<4.1 (17 Adm's)"), small)[0]
        is Rag.AMBER
    )


def test_no_rag_against_a_national_average():
    assert rag(measure(), obs("89.6%"), comp("77.5% 22/23 Nat. Ave"), S) == (None, None)


def test_significance_mode_uses_counts():
    mode = Settings(significance=True)
    now, before = (
        obs("82.8% (911 out of 1,100)", "2025-26"),
        obs("88.7% (3,912 out of 4,408)", "2024-25"),
    )
    result, reason, _, _ = progress(measure(), now, before, None, mode)
    assert result is Progress.WORSE and "significant at 95%" in reason
    small_now, small_before = (
        obs("94.4% (234 out of 248)", "2025-26"),
        obs("95.3% (645 out of 677)", "2024-25"),
    )
    assert progress(measure(), small_now, small_before, None, mode)[0] is Progress.SIMILAR


def test_override_keeps_the_computed_rating():
    result = judge(measure(), obs("82.5%"), None, comp("87.1% 22/23 Nat. Ave."), S,
                   override=Rating.SIMILAR, override_reason="survey sample too small")  # fmt: skip
    assert (result.rating, result.computed_rating, result.overridden) == (
        Rating.SIMILAR,
        Rating.BELOW,
        True,
    )
    assert "survey sample too small" in result.reason


@pytest.mark.parametrize(
    ("unit", "now", "comparator", "clashes"),
    [
        # A trial: `81.2% is 1249918.8 pp below the target 1.25m%`.
        (Unit.PERCENT, "81.2%", "Local target 2023/24 £1.25m", True),
        (Unit.PERCENT, "58.0%", "Target: 5.1k", True),  # thousands of a percentage
        (Unit.PERCENT, "58.0%", "14.6 per 100k pop. 22/23 Nat. Ave", True),
        (Unit.COUNT, "1,234", "60% Local target 2023/24", True),
        (Unit.CURRENCY, "£1.2m", "60% Local target 2023/24", True),
        (Unit.RATE_PER_100K, "13.7 per 100k", "14.6 per 100k pop. 22/23 Nat. Ave", False),
        (Unit.PERCENT, "58.0%", "60 Local target 2023/24", False),  # a bare figure: its unit
        (Unit.PERCENT, "58.0%", "55% - 60% Local target 2023/24", False),
        (Unit.COUNT, "1,234", "1.2k Local target 2023/24", False),
        (Unit.CURRENCY, "£1.2m", "£1.25m Local target 2023/24", False),
    ],
)  # fmt: skip
def test_a_comparator_in_another_unit_is_not_rated_against(unit, now, comparator, clashes):
    judged = judge(measure(unit=unit), obs(now), obs(now), comp(comparator), S)
    assert (judged.rating is Rating.NOT_RATED) is clashes
    if clashes:
        assert judged.rating_reason.endswith("is not in the measure's unit (" + {
            Unit.PERCENT: "a percentage)", Unit.COUNT: "a count)", Unit.CURRENCY: "an amount of money)",
        }[unit])  # fmt: skip
        assert judged.rag is None


def test_a_count_bands_progress_says_its_move_as_a_percentage_without_a_space():
    """A trial: 'moved 2.6 % relative to the band'."""
    band = measure(Aim.BAND, Unit.COUNT)
    moved, why, _, _ = progress(band, obs("43"), obs("39"), comp("40 - 45 Local target 2023/24"), S)
    assert "moved 2.6% relative to the band" in why


@pytest.mark.parametrize(
    ("comparator", "clash"),
    [
        # A re-check: each rated a 62% measure "better" or "below band", unwarned.
        ("Below 1,575", True),
        ("Between 1,500 and 1,600", True),
        ("1,575 Local target 2023/24", True),
        ("5.1k Local Q1 Milestone", True),
        ("60% Local target 2023/24", False),
        ("100", False),
        ("fewer than 71", False),  # a count or a share: it may be either
    ],
)
def test_a_count_s_comparator_is_not_set_against_a_percentage(comparator, clash):
    from perfcli.domain.rating import unit_clash

    assert (unit_clash(measure(), comp(comparator)) is not None) is clash


def test_a_figure_older_than_the_one_it_follows_is_no_progress():
    """A re-check: `2021/22 81.2%` in 2023/24's column was "improved" against 2022/23's."""
    result, reason, change, _ = progress(
        measure(), obs("81.2%", "2021-22"), obs("58.0%", "2022-23"), None, S
    )
    assert (result, change) == (Progress.NOT_RATED, None)
    assert reason == (
        "the latest figure is for 2021/22, before 2022/23, the one it would be compared with"
    )


@pytest.mark.parametrize(
    ("now", "before", "said"),
    [
        # A change of exactly a half rounds up, as figures do (a re-check: "-6.0 pp" for 6.05).
        ("82.65%", "88.70%", "-6.1 pp is beyond ±1.5 pp (aim: high): worse"),
        ("900", "800", "+12.5% is beyond ±3% (aim: high): improved"),
        ("1,125", "1,000", "+12.5% is beyond ±3% (aim: high): improved"),
        ("84.05%", "82.0%", "+2.1 pp is beyond ±1.5 pp (aim: high): improved"),
    ],
)
def test_a_change_is_said_rounded_half_up(now, before, said):
    unit = Unit.PERCENT if now.endswith("%") else Unit.COUNT
    _, why, _, _ = progress(measure(Aim.HIGH, unit), obs(now), obs(before, "2022-23"), None,
                            Settings())  # fmt: skip
    assert why == said


@pytest.mark.parametrize(
    ("aim", "now", "before", "target", "said"),
    [
        # A trial's (SYNTHETIC): from 0, no share of it can be said (`+inf%`, `inf% above`), and
        # the change was null in JSON, `inf` in CSV and float('inf') in the API.
        (Aim.LOW, "5", "0", "0 Local target 2023/24",
         "rating: 5 is above the target 0 (aim: low): below; progress: up from 0 to 5 (aim: low):"
         " worse; RAG: 5 misses 0 Local target 2023/24, beyond the 10% amber margin: red"),
        (Aim.HIGH, "1", "0", "0 Local target 2023/24",
         "rating: 1 meets the target 0 (aim: high): better; progress: up from 0 to 1 (aim: high):"
         " improved; RAG: 1 meets the target 0 Local target 2023/24: green"),
        (Aim.HIGH, "-2", "0", None,  # no count is below 0
         "rating: no comparator; progress: the figure -2 is below 0, which a count cannot be"),
        (Aim.HIGH, "0", "0", None,
         "rating: no comparator; progress: +0.0% is within ±3%: similar"),
    ],
)  # fmt: skip
def test_a_change_from_nothing_is_said_in_figures_with_no_share(aim, now, before, target, said):
    made = judge(measure(aim, Unit.COUNT), obs(now), obs(before, "2022-23"),
                 comp(target) if target else None, S)  # fmt: skip
    assert made.reason == said
    assert made.change is None or made.change == 0


@pytest.mark.parametrize(
    ("now", "before", "said"),
    [
        # A trial's (SYNTHETIC): both were "+3.0%", one within ±3% and one beyond it.
        ("17.2k", "16.7k", "+3.0% is within ±3%: similar"),  # +2.99%
        ("17.0k", "16.5k", "+3.03% is beyond ±3% (aim: high): improved"),
        ("20.0k", "16.0k", "+25.0% is beyond ±3% (aim: high): improved"),  # far off: one place
    ],
)
def test_a_change_just_beyond_the_tolerance_is_printed_to_the_place_that_shows_it(
    now, before, said
):
    _, reason, _, _ = progress(measure(Aim.HIGH, Unit.COUNT), obs(now), obs(before, "2022-23"),
                               None, S)  # fmt: skip
    assert reason == said


def test_a_figure_just_beyond_the_tolerance_of_its_average_says_so_to_the_place():
    rated, reason = rating(measure(Aim.LOW, Unit.RATE_PER_100K), obs("15.04 per 100k"),
                           comp("14.6 per 100k pop. 22/23 Nat. Ave"), S)  # fmt: skip
    assert (rated, reason) == (
        Rating.BELOW,
        "15.04 per 100k is 3.01% above the national average 14.6 per 100k (aim: low): below",
    )


@pytest.mark.parametrize(
    ("description", "now", "before", "rated", "moved"),
    [
        # A trial's count of 700 typed under a percentage target: "700% meets the target 60%".
        ("Share of visits (SYNTHETIC)", "700", "650", Rating.NOT_RATED, Progress.NOT_RATED),
        ("Share of visits (SYNTHETIC)", "70%", "650", Rating.BETTER, Progress.NOT_RATED),
        ("Share of visits (SYNTHETIC)", "-5%", "50%", Rating.NOT_RATED, Progress.NOT_RATED),
        # A ratio may pass 100% (validate warns of one, as it may be a slip).
        ("Excess mortality ratio (SYNTHETIC)", "423%", "380%", Rating.BETTER, Progress.IMPROVED),
    ],
)
def test_a_percentage_that_cannot_be_one_is_not_rated(description, now, before, rated, moved):
    share = Measure(id="m", code="Local", description=description, aim=Aim.HIGH,
                    unit=Unit.PERCENT)  # fmt: skip
    made = judge(share, obs(now), obs(before, "2022-23"), comp("60% Local target 2023/24"), S)
    assert (made.rating, made.progress) == (rated, moved)
    if rated is Rating.NOT_RATED:
        assert made.rating_reason.endswith("is outside 0–100%, so not a percentage to judge")
        assert made.rag is None


def test_a_count_below_zero_is_not_rated_nor_its_progress():
    # A re-check imported `(127.1k)` visits with --force: validate's error, and "▲ improved".
    visits = measure(Aim.HIGH, Unit.COUNT)
    made = judge(visits, obs("(127.1k)"), obs("120.0k", "2022-23"),
                 comp("100.0k Local target 2023/24"), S)  # fmt: skip
    assert (made.rating, made.progress, made.rag) == (Rating.NOT_RATED, Progress.NOT_RATED, None)
    assert made.progress_reason == "the figure -127.1k is below 0, which a count cannot be"
