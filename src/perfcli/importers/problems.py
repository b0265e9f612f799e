"""Problems found in a file's cells, collected rather than raised, with what an import does about each."""

from __future__ import annotations

import re

from perfcli.domain.periods import Period
from perfcli.domain.records import Problem as Problem  # kept here for the importers
from perfcli.errors import PerfcliError

_DID_YOU_MEAN = re.compile(r"did you mean (?P<first>\d{4})/\d{2}\?")
_DOES_NOT_FOLLOW = re.compile(r"\d{2,4} does not follow (?P<first>\d{4})")


def period_correction(text: str, error: PerfcliError, within: Period | None = None) -> str | None:
    """`17.3k Local target 2023/34` -> `17.3k Local target 2023/24`, when the error has one reading.

    Only a financial year whose second year does not follow the first (`2023/34`) is read as
    meant, as the year after the first; and where the report's period is known (`within`), only
    when that is the report's year: `2024/23` in a 2023/24 report could be either, and is not
    guessed at.
    """
    match = _DID_YOU_MEAN.search(error.hint or "") or _DOES_NOT_FOLLOW.search(error.message)
    if match is None:
        return None
    first = int(match.group("first"))
    if within is not None and within.fy_start_year != first:
        return None
    wrong = re.compile(rf"(?<!\d){first}\s*/\s*(\d{{2}}|\d{{4}})(?!\d)")
    meant = f"{first}/{(first + 1) % 100:02d}"
    found = [m for m in wrong.finditer(text) if f"{first}/{m.group(1)[-2:]}" != meant]
    if len(found) != 1:
        return None
    start, end = found[0].span()
    return f"{text[:start]}{meant}{text[end:]}"
