"""Problems found in a file's cells, collected rather than raised, with what an import does about each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfcli.errors import InputError, PerfcliError

_DID_YOU_MEAN = re.compile(r"did you mean (\d{4})/(\d{2})\?")


@dataclass(frozen=True)
class Problem:
    """A located error in a file, and what `import --force` does with the cell or row."""

    error: InputError
    action: str

    def __str__(self) -> str:
        return f"{self.error} [{self.action}]"


def period_correction(text: str, error: PerfcliError) -> str | None:
    """`17.3k Local target 2023/34` -> `17.3k Local target 2023/24`, when the error has one reading.

    Only a financial year whose second year does not follow the first (`2023/34`) has a single
    sensible reading, the year after the first; anything else is not guessed at.
    """
    match = _DID_YOU_MEAN.search(error.hint or "")
    if match is None:
        return None
    first, second = match.groups()
    wrong = re.compile(rf"(?<!\d){first}\s*/\s*(\d{{2}}|\d{{4}})(?!\d)")
    found = [m for m in wrong.finditer(text) if m.group(1) not in (second, f"20{second}")]
    if len(found) != 1:
        return None
    start, end = found[0].span()
    return f"{text[:start]}{first}/{second}{text[end:]}"
