"""Meeting dates: read as a clerk writes them, printed as a committee report prints them."""

from __future__ import annotations

from datetime import date, datetime

from perfcli.errors import UsageError

_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d/%m/%Y")


def read_date(text: str) -> date:
    """`2024-06-03`, `3 June 2024`, `3 Jun 2024` or `03/06/2024` as a date."""
    cleaned = " ".join(text.split())
    for pattern in _FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise UsageError(f"{text!r} is not a date", hint="write it as 2024-06-03 or 3 June 2024")


def long_date(day: date) -> str:
    """`3 June 2024`."""
    return f"{day.day} {day:%B %Y}"
