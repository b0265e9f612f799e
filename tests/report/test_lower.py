"""Part 5 of the compendium: whether a bottom-quartile indicator improved on last year."""

from __future__ import annotations

import pytest

from perfcli.domain.outcomes import Progress
from perfcli.report.lower import _improved


@pytest.mark.parametrize(
    ("direction", "said"),
    [
        (Progress.IMPROVED, "↑ Yes"),
        (Progress.SIMILAR, "No"),
        (Progress.WORSE, "No"),
        # A third trial: with no earlier figure Part 5 said "No" where Part 7 says the direction
        # cannot be judged (the example's homes rated C or above, first published for 2023).
        (Progress.NOT_RATED, "– Cannot be judged"),
        (None, "– Cannot be judged"),
    ],
)
def test_improved_is_said_only_where_the_direction_was_judged(direction, said):
    assert _improved(direction) == said
