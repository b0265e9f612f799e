"""Status between two periods on the seeds' figures (no files)."""

import pytest

from perfcli.domain.changes import Change, Side, Status, compare, in_order, sentence
from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Measure, Observation
from perfcli.domain.period_parsing import parse_period
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
