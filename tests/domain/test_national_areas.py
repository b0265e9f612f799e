"""Which comparator rows are councils (ranked), England's or a group's, and one council under two
codes."""

from __future__ import annotations

import pytest

from perfcli.domain.model import NationalRow
from perfcli.domain.national_areas import AreaKind, Twin, area_kind, twins


@pytest.mark.parametrize(
    ("level", "kind"),
    [
        ("Local authority", AreaKind.COUNCIL),
        ("County", AreaKind.COUNCIL),
        ("COUNTY COUNCIL", AreaKind.COUNCIL),
        ("Shire county", AreaKind.COUNCIL),
        ("Upper tier", AreaKind.COUNCIL),
        ("Upper-tier", AreaKind.COUNCIL),
        ("unitary", AreaKind.COUNCIL),
        ("Metropolitan district", AreaKind.COUNCIL),
        ("London borough", AreaKind.COUNCIL),
        ("", AreaKind.COUNCIL),  # a long table without a Level column is all councils
        (None, AreaKind.COUNCIL),
        ("England", AreaKind.ENGLAND),
        ("National", AreaKind.ENGLAND),
        ("Region", AreaKind.GROUP),
        ("Regional", AreaKind.GROUP),
        ("Council type", AreaKind.GROUP),
        ("County councils", AreaKind.GROUP),  # the plural of a council's level: a type's average
        ("Shire counties", AreaKind.GROUP),
        ("London boroughs", AreaKind.GROUP),
        ("Parish", None),
        ("Ward", None),
        ("Local authority district", AreaKind.COUNCIL),  # as perfcli always read a 'local' level
        ("Upper tier local authority (county)", AreaKind.COUNCIL),
        ("Metropolitan District Council", AreaKind.COUNCIL),
        ("Non-metropolitan district", AreaKind.COUNCIL),
        ("London Borough Council", AreaKind.COUNCIL),
        # A third trial: bodies called "local" that are no council were ranked among them.
        ("Local enterprise partnership", None),
        ("Local health board", None),
        ("Combined authority", AreaKind.GROUP),
        ("Local authorities", AreaKind.GROUP),
    ],
)
def test_a_level_says_what_kind_of_area_a_row_is(level, kind):
    assert area_kind(level) is kind


def test_only_a_council_is_ranked_and_only_england_is_england():
    def row(level: str | None) -> NationalRow:
        return NationalRow("m", "2023-24", "E1", "One", level, 1.0)

    assert [row(level).is_council for level in ("County", "Region", "England", "Parish")] == [
        True, False, False, False,
    ]  # fmt: skip
    assert [row(level).is_england for level in ("County", "Region", "England", "Parish")] == [
        False, False, True, False,
    ]  # fmt: skip


def test_a_name_held_under_another_code_for_the_same_figure_is_a_twin():
    """The compendium's SYNTHETIC codes held; a file giving real codes for some of its counties."""
    trees, roads = "trees-planted", "roads"
    held = [(trees, "2023-24", "SYN002", "Cambridgeshire"), (trees, "2023-24", "SYN004", "Derbyshire"),
            (trees, "2023-24", "E10000018", "Leicestershire"), (trees, "2023-24", "SYN005", "Devon"),
            (trees, "2023-24", "E10000008", "Devon"), (trees, "2022-23", "E10000023", "North Yorkshire")]  # fmt: skip
    given = [
        (trees, "2023-24", "E10000003", "Cambridgeshire"),
        (roads, "2023-24", "E10000003", "cambridgeshire "),  # held for another measure: no twin
        (trees, "2023-24", "SYN004", "Derbyshire"), (trees, "2023-24", "E10000018", "Leicestershire"),
        (trees, "2023-24", "E10000099", "Newshire"), (trees, "2023-24", "X1", "Newshire"),
        (trees, "2023-24", "X2", None), (trees, "2023-24", "E10000008", "Devon"),
        # a new code after a reorganisation, in a year the old one has no figure: never ranked twice
        (trees, "2023-24", "E06000065", "North Yorkshire"),
    ]  # fmt: skip
    assert twins(held, given) == {
        "E10000003": Twin("Cambridgeshire", "E10000003", "SYN002", places=frozenset({(trees, "2023-24")})),
        # Newshire within the file too: the code it is given under first keeps it.
        "X1": Twin("Newshire", "X1", "E10000099", places=frozenset({(trees, "2023-24")})),
        # Both held already (forced in before): said, and its figures kept up to date.
        "E10000008": Twin("Devon", "E10000008", "SYN005", True, frozenset({(trees, "2023-24")})),
    }  # fmt: skip
