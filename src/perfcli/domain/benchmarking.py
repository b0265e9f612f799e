"""Ranks, quartiles and group statistics against comparator councils (pure: no I/O).

Ranking: 1 is best by the measure's aim (highest value for `high`, lowest for `low`). Ties share
the best rank they cover (1, 2, 2, 4: "competition" ranking).
Quartile of rank r among n councils: floor((r - 1) * 4 / n) + 1, so the best council is always in
the top quartile. With n = 14, ranks 1-4 are top, 5-7 second, 8-11 third and 12-14 bottom; councils
tied on a rank share its quartile.
"""

from __future__ import annotations

from msgspec import Struct

from perfcli.domain.model import Aim
from perfcli.words import are, count

QUARTILE_NAMES = {1: "Top", 2: "Second", 3: "Third", 4: "Bottom"}


class Standing(Struct, frozen=True):
    value: float
    rank: int
    of: int
    quartile: int
    mean: float
    median: float

    @property
    def quartile_name(self) -> str:
        return QUARTILE_NAMES[self.quartile]


def rank(value: float, group: list[float], aim: Aim) -> int:
    """1 = best; ties share the best rank they cover."""
    if aim is Aim.LOW:
        return 1 + sum(1 for other in group if other < value)
    return 1 + sum(1 for other in group if other > value)


def quartile(position: int, size: int) -> int:
    return min(4, (position - 1) * 4 // size + 1)


def standing(value: float, group: list[float], aim: Aim) -> Standing | None:
    """Where `value` stands in `group` (which includes it); None when the aim has no direction."""
    if aim not in (Aim.HIGH, Aim.LOW) or not group:
        return None
    import statistics  # with random and decimal: only where comparator data is held

    position = rank(value, group, aim)
    return Standing(
        value=value,
        rank=position,
        of=len(group),
        quartile=quartile(position, len(group)),
        mean=statistics.fmean(group),
        median=statistics.median(group),
    )


def quartile_counts(standings: list[Standing]) -> dict[str, int]:
    counts = {name: 0 for name in QUARTILE_NAMES.values()}
    for item in standings:
        counts[item.quartile_name] += 1
    return counts


def summary_sentence(standings: list[Standing]) -> str:
    """`Out of 12 indicators, 5 are top quartile, 4 second, 2 third and 1 bottom.`"""
    counts = quartile_counts(standings)
    return (
        f"Out of {count(len(standings), 'indicator')}, {counts['Top']} {are(counts['Top'])} top quartile, "
        f"{counts['Second']} second, "
        f"{counts['Third']} third and {counts['Bottom']} bottom."
    )
