"""Part 1's words for the council's place by core spending power per head (no files)."""

import pytest

from perfcli.domain.funding import Authority, funding
from perfcli.report.funding import standing_words


def authority(name, power):
    return Authority(name, "county", power, 1000, {})


@pytest.mark.parametrize(
    ("powers", "own", "words"),
    [
        ([1000, 1200, 1500, 2000], 2000, "the highest"),
        ([1000, 1200, 1500, 2000], 1500, "the 2nd highest"),
        ([1000, 1200, 1500, 2000], 1200, "the 2nd lowest"),
        ([1000, 1200, 1500, 2000], 1000, "the lowest"),
        ([1000, 1200, 1200, 1500, 2000], 1200, "the joint 2nd lowest"),
        ([1000, 1000, 2000], 1000, "the joint lowest"),
        # The example: 134th highest of 136 is the 3rd lowest.
        ([*range(2000, 2133), 1098, 900, 800], 1098, "the 3rd lowest"),
    ],
)
def test_the_place_is_counted_from_the_nearer_end(powers, own, words):
    authorities = [authority(f"A{n}", float(p)) for n, p in enumerate(powers)]
    council = next(a for a in authorities if a.power == own)
    assert standing_words(funding(authorities, council, 1000)) == words
