"""An Aim cell as officers type it, and as perfcli's own returns print it."""

from __future__ import annotations

import pytest

from perfcli.domain.model import Aim, parse_aim


@pytest.mark.parametrize(
    ("typed", "aim"),
    [
        ("High", Aim.HIGH), ("H", Aim.HIGH), ("higher", Aim.HIGH),
        ("Higher is better", Aim.HIGH), ("high is good", Aim.HIGH), ("Bigger is better", Aim.HIGH),
        ("More  is  better", Aim.HIGH),
        ("Low", Aim.LOW), ("L", Aim.LOW), ("Lower is better", Aim.LOW),
        ("low is good", Aim.LOW), ("Fewer is better", Aim.LOW), ("smaller is best", Aim.LOW),
        ("Target Band Width", Aim.BAND), ("band", Aim.BAND),
        ("N/A", Aim.INFO), ("For information only", Aim.INFO), ("information only", Aim.INFO),
        # Not an aim: a word that says no direction on its own, or a sentence perfcli would guess.
        ("Smaller", None), ("Better", None), ("Higher is worse", None), ("Increase", None),
    ],
)  # fmt: skip
def test_an_aim_as_typed(typed, aim):
    assert parse_aim(typed) is aim
