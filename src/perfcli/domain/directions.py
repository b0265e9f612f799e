"""A direction of travel as a report prints it (`↑`, `↓ worse`, `→ similar`, `N/A`), read once."""

from __future__ import annotations

import re

from perfcli.domain.outcomes import Progress

# A cell that says there is nothing to show: never a mark, never an error.
NOTHING = re.compile(r"^(?:n/?a|-|–|—|none|no data|not available|tbc|\.\.)$", re.I)
_DIRECTIONS = {
    "↑": Progress.IMPROVED, "▲": Progress.IMPROVED, "improved": Progress.IMPROVED,
    "improving": Progress.IMPROVED, "better": Progress.IMPROVED, "up": Progress.IMPROVED,
    "↓": Progress.WORSE, "▼": Progress.WORSE, "worse": Progress.WORSE, "worsened": Progress.WORSE,
    "deteriorated": Progress.WORSE, "declined": Progress.WORSE, "not as good": Progress.WORSE,
    "down": Progress.WORSE,
    "→": Progress.SIMILAR, "↔": Progress.SIMILAR, "◀▶": Progress.SIMILAR,
    "similar": Progress.SIMILAR, "no change": Progress.SIMILAR, "no real change": Progress.SIMILAR,
    "stable": Progress.SIMILAR, "same": Progress.SIMILAR,
}  # fmt: skip


def parse_direction(text: str) -> Progress:
    """`↑`, `↓ worse`, `→ similar`, `N/A` -> Progress (NOT_RATED when it cannot be told)."""
    cleaned = " ".join(text.lower().split())
    if not cleaned or NOTHING.match(cleaned):
        return Progress.NOT_RATED
    for candidate in (cleaned, cleaned[:1], cleaned[1:].strip(), cleaned[2:].strip()):
        if candidate in _DIRECTIONS:
            return _DIRECTIONS[candidate]
    raise ValueError(f"cannot read direction of travel {text!r}")
