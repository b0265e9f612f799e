"""Meeting dates as a clerk types them, and as a committee report prints them."""

from __future__ import annotations

from datetime import date

import pytest

from perfcli.domain.dates import long_date, read_date
from perfcli.errors import UsageError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-03", date(2024, 6, 3)),
        ("3 June 2024", date(2024, 6, 3)),
        ("3 Jun 2024", date(2024, 6, 3)),
        ("03/06/2024", date(2024, 6, 3)),
        ("  3   June\t2024 ", date(2024, 6, 3)),
        ("29 February 2024", date(2024, 2, 29)),
    ],
)
def test_a_date_is_read_as_a_clerk_writes_it(text, expected):
    assert read_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "June 2024", "2024/06/03", "31 June 2024", "29 February 2023"]
)
def test_anything_else_is_refused_with_the_form_to_write(text):
    with pytest.raises(UsageError) as raised:
        read_date(text)
    assert repr(text) in str(raised.value)
    assert raised.value.hint == "write it as 2024-06-03 or 3 June 2024"


@pytest.mark.parametrize(
    ("day", "printed"),
    [(date(2024, 6, 3), "3 June 2024"), (date(2025, 11, 24), "24 November 2025")],
)
def test_a_date_prints_as_the_report_prints_it(day, printed):
    assert long_date(day) == printed
