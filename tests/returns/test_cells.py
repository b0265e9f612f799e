"""A figure an owner types into a return, read as they meant it or refused at its cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfcli.domain.figures import Unit
from perfcli.errors import InputError
from perfcli.importers.grid import Cell, Sheet
from perfcli.returns.cells import number_at


def _typed(value: object, number_format: str = "General") -> Sheet:
    text = value if isinstance(value, str) else str(value)
    return Sheet(
        Path("care.xlsx"), "Return", rows={5: {11: Cell(5, 11, text, value, number_format)}}
    )


@pytest.mark.parametrize(
    ("typed", "number_format", "unit", "read"),
    [
        ("12.9", "General", Unit.RATE_PER_100K, 12.9),
        (" 12.9 ", "General", Unit.RATE_PER_100K, 12.9),
        ("12,900", "General", Unit.COUNT, 12900),
        ("1,234.5", "General", Unit.RATE_PER_100K, 1234.5),
        (".5", "General", Unit.RATE_PER_100K, 0.5),
        ("84.5%", "General", Unit.PERCENT, 84.5),  # typed as text: the figure as it reads
        (0.845, "0.0%", Unit.PERCENT, 84.5),  # Excel's 84.5%, stored as 0.845
        (911, "General", Unit.COUNT, 911),
    ],
)
def test_a_figure_is_read_as_the_owner_typed_it(typed, number_format, unit, read):
    assert number_at(_typed(typed, number_format), 5, 11, unit) == read


ALONE = "type the number alone (88.3), without words or units"


@pytest.mark.parametrize(
    ("typed", "message", "hint"),
    [
        ("12,9", "'12,9' is not a number", "write decimals with a point (12.9) and thousands in threes (12,900)"),
        ("1,23,456", "'1,23,456' is not a number", "write decimals with a point (12.9) and thousands in threes (12,900)"),
        ("nan", "'nan' is not a number", ALONE),
        ("inf", "'inf' is not a number", ALONE),
        ("1_000", "'1_000' is not a number", ALONE),
        ("1e3", "'1e3' is not a number", ALONE),
        ("n/a", "'n/a' is not a number", ALONE),
        ("-3", "-3 is below 0", None),
    ],
)  # fmt: skip
def test_a_figure_float_would_take_but_an_owner_would_not_mean_is_refused(typed, message, hint):
    with pytest.raises(InputError) as refused:
        number_at(_typed(typed), 5, 11, Unit.RATE_PER_100K)
    assert refused.value.message == message and refused.value.hint == hint
    assert refused.value.cell == "K5"


@pytest.mark.parametrize(
    ("period", "raw", "shown"),
    [
        ("End of March 2025", "672 End of March 2025", "End of March 2025: 672"),
        ("End of March 2025", "61 (9.1% of total waiting at end of Mar-25)",
         "End of March 2025: 61 (9.1% of total waiting at end of Mar-25)"),
        ("2022/23", "87.8%", "2022/23: 87.8%"),
    ],
)  # fmt: skip
def test_a_past_figure_on_a_return_names_its_period_once(period, raw, shown):
    """A trial read `End of March 2025: 672 End of March 2025` on a return (seed 001's figure)."""
    from perfcli.returns.make import _past

    assert _past(period, raw) == shown
