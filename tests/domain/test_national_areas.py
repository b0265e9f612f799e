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


def test_a_name_held_under_another_code_is_a_twin_with_its_rows_counted():
    """The compendium's SYNTHETIC codes held; a file giving real codes for two of its counties."""
    held = [("SYN002", "Cambridgeshire"), ("SYN004", "Derbyshire"), ("E10000018", "Leicestershire")]
    given = [
        ("E10000003", "Cambridgeshire"), ("E10000003", "cambridgeshire "),
        ("SYN004", "Derbyshire"), ("E10000018", "Leicestershire"), ("E10000099", "Newshire"),
        ("X1", "Newshire"), ("X2", None),
    ]  # fmt: skip
    # Newshire within the file too: the first code it is given under keeps it.
    assert twins(held, given) == {
        "E10000003": Twin("Cambridgeshire", "E10000003", "SYN002", 2),
        "X1": Twin("Newshire", "X1", "E10000099", 1),
    }
