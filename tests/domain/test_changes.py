"""Status between two periods on the seeds' figures (no files)."""

import pytest
from msgspec.structs import replace

from perfcli.domain.changes import Change, Side, Status, compare, earlier_side, in_order, sentence
from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Measure, Observation
from perfcli.domain.outcomes import Progress, Rating
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.rating import Judgement
from perfcli.domain.rating_settings import Settings
from perfcli.domain.values import parse_value


def measure():
    return Measure(
        id="ascof-2a", code="ASCOF 2A", description="Reablement", aim=Aim.HIGH, unit=Unit.PERCENT
    )


def side(text, period):
    p = parse_period(period)
    return Side(Observation.from_parsed("ascof-2a", p, parse_value(text, within=p)), None, None)


def test_fall_within_tolerance_is_similar():  # ASCOF 2A: 89.6% (2023/24) -> 88.7% (2024/25)
    change = compare(
        measure(),
        side("89.6%", "2023-24"),
        side("88.7% (3,912 out of 4,408)", "2024-25"),
        Settings(),
    )
    assert (change.status, change.change, change.change_unit) == (Status.SIMILAR, -0.9, "pp")


def test_unlike_figures_are_not_comparable():
    change = compare(measure(), side("88.7%", "2024-25"), side("82.8%", "2025-26-Q1"), Settings())
    assert change.status is Status.NOT_COMPARABLE
    assert change.reason == "different period basis: 2024/25 against 2025/26 Q1"


def test_new_dropped_and_missing():
    assert compare(measure(), None, side("1%", "2024-25"), Settings()).status is Status.NEW
    assert compare(measure(), side("1%", "2023-24"), None, Settings()).status is Status.DROPPED
    gone_for_now = compare(
        measure(),
        side("1%", "2023-24"),
        None,
        Settings(),
        later_data=True,
        periods=("2023/24", "2024/25"),
    )
    assert (gone_for_now.status, gone_for_now.reason) == (
        Status.NOT_COMPARABLE,
        "no figure for 2024/25",
    )


def test_sentence_counts_direction_of_travel():
    changes = [
        compare(measure(), side("80%", "2023-24"), side("85%", "2024-25"), Settings()),
        compare(measure(), side("80%", "2023-24"), side("80.5%", "2024-25"), Settings()),
        compare(measure(), side("80%", "2023-24"), side("70%", "2024-25"), Settings()),
        compare(measure(), side("80%", "2023-24"), side("Due June 2025", "2024-25"), Settings()),
    ]
    assert sentence(changes) == (
        "Of 4 measures in both periods, 1 improved, 1 showed no real change and 1 worsened;"
        " 1 has no figure for the later period."
    )


@pytest.mark.parametrize(
    ("figures", "said"),
    [
        # The council2 trial: nothing undetermined, so no "cannot be determined for 0".
        ([("80%", "85%"), ("80%", "80.5%"), ("80%", "70%")],
         "Of 3 measures in both periods, 1 improved, 1 showed no real change and 1 worsened."),
        ([("80%", "80.5%"), ("80%", "70%")],
         "Of 2 measures in both periods, 1 showed no real change and 1 worsened."),
        ([("80%", "85%"), ("Due June 2024", "Due June 2025")],
         "Of 2 measures in both periods, 1 improved; 1 has no figure for the later period."),
        ([("Due June 2024", "Due June 2025")],
         "Of 1 measure in both periods, 1 has no figure for the later period."),
        ([], "No measure is in both periods."),
    ],
)  # fmt: skip
def test_sentence_leaves_out_a_count_of_0(figures, said):
    changes = [compare(measure(), side(a, "2023-24"), side(b, "2024-25"), Settings())
               for a, b in figures]  # fmt: skip
    assert sentence(changes) == said


def listed(code, section, status, flags=()):
    """A change reduced to what the diff's order reads: its status, section and id."""
    named = Measure(id=code, code=code, description=code, aim=Aim.HIGH, unit=Unit.PERCENT,
                    section=section)  # fmt: skip
    return Change(named, None, None, status, "", flags=list(flags))


DIFF = [
    listed("m-similar", "Meet Need", Status.SIMILAR),
    listed("m-flagged", "Meet Need", Status.SIMILAR, flags=["revised"]),
    listed("d-new", "Delay Need", Status.NEW),
    listed("p-up", "Prevent Need", Status.RATING_UP),
    listed("m-worse", "Meet Need", Status.WORSE),
    listed("d-worse", "Delay Need", Status.WORSE),
    listed("x-none", None, Status.IMPROVED),
    listed("m-down", "Meet Need", Status.RATING_DOWN),
]


@pytest.mark.parametrize(
    ("section", "only_changes", "expected"),
    [
        (None, False, ["p-up", "m-down", "d-worse", "m-worse", "x-none", "m-flagged", "m-similar",
                       "d-new"]),
        (None, True, ["p-up", "m-down", "d-worse", "m-worse", "x-none", "m-flagged", "d-new"]),
        ("meet", False, ["m-down", "m-worse", "m-flagged", "m-similar"]),
        ("  MEET need ", True, ["m-down", "m-worse", "m-flagged"]),
        ("Delay", False, ["d-worse", "d-new"]),
        ("Reduce", False, []),
        ("", False, ["p-up", "m-down", "d-worse", "m-worse", "x-none", "m-flagged", "m-similar",
                     "d-new"]),
    ],
)  # fmt: skip
def test_the_diff_lists_the_most_important_first_then_by_section_and_id(
    section, only_changes, expected
):
    shown = in_order(DIFF, section=section, only_changes=only_changes)
    assert [c.measure.id for c in shown] == expected


# Which figure a later one is compared with (changes.earlier_side) -------------------------------

JUDGED = Judgement(Rating.BELOW, "", Progress.WORSE, "", None, None)


def judged(text, period):
    return replace(side(text, period), judgement=JUDGED)


def later(text, period, previous=None):
    """TO's side: its figure, and the figure `rate` compared it with (`previous`)."""
    earlier = side(*previous).observation if previous else None
    return replace(side(text, period), previous=earlier)


@pytest.mark.parametrize(
    ("name", "before", "after", "predecessor", "own_previous", "expected"),
    [
        # The compendium's landfill: its 2023/24 column holds 22.4% (2022/23), FROM's figure.
        ("lagging: its own predecessor", judged("22.4%", "2022-23"),
         later("22.4%", "2022-23", ("19.7%", "2021-22")), "2021-22", True, ("2021-22", 19.7, False)),
        ("lagging, FROM not TO's predecessor", judged("22.4%", "2022-23"),
         later("22.4%", "2022-23", ("19.7%", "2021-22")), "2021-22", False, ("2021-22", 19.7, False)),
        ("lagging, no earlier figure held", judged("512", "2022-23"),
         later("512", "2022-23"), "2021-22", True, ("2021-22", None, False)),
        # Seed 000's reablement: 87.8% (2022/23) -> 89.6% (2023/24), FROM's own rated figure.
        ("FROM's figure is the predecessor", judged("87.8%", "2022-23"),
         later("89.6%", "2023-24", ("87.8%", "2022-23")), "2022-23", True, ("2022-23", 87.8, True)),
        ("two years apart: FROM's figure", judged("49.4%", "2021-22"),
         later("56.1%", "2023-24", ("52.0%", "2022-23")), "2022-23", False, ("2021-22", 49.4, True)),
        # A Q1 dashboard set against last year-end: FROM's Q1 figure is the like-for-like one.
        ("Q1 against a year-end column", judged("80.1%", "2024-25-Q1"),
         later("82.8%", "2025-26-Q1", ("88.7%", "2024-25")), "2024-25", True,
         ("2024-25-Q1", 80.1, True)),
        ("no later figure: FROM's as it is", judged("1%", "2022-23"),
         later("Due June 2025", "2023-24", ("1%", "2022-23")), "2022-23", True, ("2022-23", 1.0, True)),
    ],
)  # fmt: skip
def test_a_figure_is_compared_with_its_own_period_s_predecessor_never_itself(
    name, before, after, predecessor, own_previous, expected
):
    chosen = earlier_side(before, after, predecessor, own_previous=own_previous)
    assert chosen is not None and chosen.observation is not None
    period, value, rated = expected
    assert (chosen.observation.period, chosen.observation.value) == (period, value)
    assert (chosen.judgement is JUDGED) is rated  # FROM's rating only with FROM's own figure


def test_a_measure_in_no_earlier_period_stays_new():
    assert earlier_side(None, later("5", "2023-24"), "2022-23", own_previous=True) is None
    found = earlier_side(
        None, later("5", "2023-24", ("4", "2022-23")), "2022-23", own_previous=True
    )
    assert found is not None and found.observation is not None
    assert found.observation.value == 4.0  # the later report's own previous column


def test_no_earlier_figure_is_not_similar():
    after = later("512", "2022-23")
    chosen = earlier_side(side("512", "2022-23"), after, "2021-22", own_previous=True)
    change = compare(measure(), chosen, after, Settings(), periods=("2022/23", "2023/24"))
    assert (change.status, change.reason) == (
        Status.NOT_COMPARABLE,
        "no earlier figure: none held for 2021/22",
    )


def test_the_later_figure_s_own_progress_is_the_diff_s():
    """Compared with the figure rate compared it with, the change is rate's judgement."""
    rated = Judgement(Rating.BELOW, "", Progress.WORSE, "rate's reason", None, None, 2.7, "pp")
    after = replace(later("22.4%", "2022-23", ("19.7%", "2021-22")), judgement=rated)
    chosen = earlier_side(side("22.4%", "2022-23"), after, "2021-22", own_previous=True)
    change = compare(measure(), chosen, after, Settings())
    assert (change.status, change.reason, change.change, change.direction) == (
        Status.WORSE, "rate's reason", 2.7, Progress.WORSE,
    )  # fmt: skip
