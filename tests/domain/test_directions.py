"""A printed direction of travel read as a Progress, as the compendium's dashboards print it."""

from __future__ import annotations

import pytest

from perfcli.domain.directions import parse_direction
from perfcli.domain.outcomes import Progress


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("↑", Progress.IMPROVED), ("▲", Progress.IMPROVED), ("↑ Improved", Progress.IMPROVED),
        ("Improving", Progress.IMPROVED),
        ("↓", Progress.WORSE), ("▼ not as good", Progress.WORSE), ("Deteriorated", Progress.WORSE),
        ("→", Progress.SIMILAR), ("↔ no  real change", Progress.SIMILAR), ("Stable", Progress.SIMILAR),
        ("N/A", Progress.NOT_RATED), ("na", Progress.NOT_RATED), ("–", Progress.NOT_RATED),
        ("No data", Progress.NOT_RATED), ("", Progress.NOT_RATED), ("   ", Progress.NOT_RATED),
    ],
)  # fmt: skip
def test_a_printed_direction_is_read_as_the_report_means_it(text, expected):
    assert parse_direction(text) is expected


@pytest.mark.parametrize("text", ["sideways", "?", "1st", "quartile 2"])
def test_anything_else_is_refused_naming_the_text(text):
    with pytest.raises(ValueError, match="cannot read direction of travel"):
        parse_direction(text)
