"""Status between two periods on the seeds' figures (no files)."""

from perfcli.domain.changes import Side, Status, compare, sentence
from perfcli.domain.model import Aim, Measure, Observation
from perfcli.domain.periods import parse_period
from perfcli.domain.rating import Settings
from perfcli.domain.values import Unit, parse_value


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
