"""Matching a national file's codes and names to a workspace's measures (no files)."""

from __future__ import annotations

import pytest

from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Measure
from perfcli.domain.national_codes import ascof_key, name_key, national_codes


def measure(measure_id, code, aliases=()):
    return Measure(id=measure_id, code=code, description=code, aim=Aim.HIGH, unit=Unit.PERCENT,
                   aliases=list(aliases))  # fmt: skip


@pytest.mark.parametrize(
    ("code", "key"),
    [("ASCOF 2A", "2a"), ("2A", "2a"), ("ascof2a", "2a"), ("ASCOF 2D (2021/22)", "2d(202122)"),
     ("ASCOF-1C(2A)", "1c(2a)"), ("  ascof 3 d ", "3d")],
)  # fmt: skip
def test_an_ascof_code_is_matched_whatever_its_spacing_and_case(code, key):
    assert ascof_key(code) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [("Delayed_Transfers  of Care", "delayed transfers of care"), ("  KSI\tcasualties ", "ksi casualties")],
)  # fmt: skip
def test_a_name_is_matched_whatever_its_spacing_and_case(text, key):
    assert name_key(text) == key


# ASCOF 2A and 2D as the Leicestershire seeds print them; 2D was once 2B, which another measure
# (SYNTHETIC) still carries as its code.
MEASURES = [
    measure("ascof-2a", "ASCOF 2A"),
    measure("ascof-2d", "ASCOF 2D", aliases=["ASCOF 2B", "ASCOF 2D (2021/22)", "LOCAL 7"]),
    measure("reablement-2b", "ASCOF 2B"),
    measure("local-1", "Local 1"),
]


@pytest.mark.parametrize(
    ("named", "key", "expected"),
    [
        ({}, "2a", "ascof-2a"),
        ({}, "2d", "ascof-2d"),
        ({}, "2d(202122)", "ascof-2d"),  # an old code, kept as an alias
        ({}, "2b", "reablement-2b"),  # a measure's current code wins over another's alias
        ({}, "1", None),  # a local code is never an ASCOF one
        ({}, "7", None),  # nor is a local alias
        ({"ASCOF 2B": "ascof-2d"}, "2b", "ascof-2d"),  # perfcli.toml wins over both
        ({"ascof 1a": "local-1"}, "1a", "local-1"),
    ],
)
def test_a_code_names_the_measure_it_belongs_to(named, key, expected):
    assert national_codes(MEASURES, named).codes.get(key) == expected


def test_names_come_from_the_settings_alone_matched_by_their_key():
    known = national_codes(MEASURES, {"Killed_or Seriously  Injured": "local-1"})
    assert known.names == {"killed or seriously injured": "local-1"}
    assert national_codes(MEASURES, {}).names == {}
