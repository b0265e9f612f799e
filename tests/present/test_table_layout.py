"""How a table too wide is narrowed: the widest columns first, none below its longest word."""

from __future__ import annotations

import pytest

from perfcli.present.table_layout import _narrowed, _shared_out


@pytest.mark.parametrize(
    ("excess", "chosen", "most", "widths", "expected"),
    [
        # One column chosen gives all it may.
        (5, [False, True, False], [5, 5, 5], [10, 20, 10], [10, 15, 10]),
        # Two give equal shares; the odd cell is rounded as it goes (round half to even: 2, 3).
        (5, [True, True], [5, 5], [20, 20], [18, 17]),
        # A column that can give nothing takes no share: the other gives what it may.
        (4, [True, True], [0, 3], [20, 20], [20, 17]),
        # Nothing chosen: nothing taken.
        (4, [False, False], [4, 4], [9, 9], [9, 9]),
    ],
)
def test_cells_are_shared_out_among_the_chosen_columns(excess, chosen, most, widths, expected):
    assert _shared_out(excess, chosen, most, widths) == expected


@pytest.mark.parametrize(
    ("longest", "floor", "room", "expected"),
    [
        # The widest narrowed to the next widest, then both together.
        ([40, 30, 10], [5, 5, 5], 70, [30, 30, 10]),
        ([40, 30, 10], [5, 5, 5], 60, [25, 25, 10]),
        # A column never below its longest word: the others give the rest.
        ([40, 30, 10], [38, 5, 5], 60, [38, 12, 10]),
    ],
)
def test_a_table_is_narrowed_widest_first_never_below_a_word(longest, floor, room, expected):
    assert _narrowed(longest, floor, room) == expected
