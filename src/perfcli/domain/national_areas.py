"""Which areas of comparator data are councils: a row's level, and one council under two codes."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from functools import cache

from msgspec import Struct
from msgspec.structs import replace


def name_key(text: str) -> str:
    """`Delayed_Transfers  of Care` -> `delayed transfers of care`: how names are matched."""
    return " ".join(text.lower().replace("_", " ").split())


class AreaKind(Enum):
    COUNCIL = "council"  # ranked among the comparators
    ENGLAND = "england"  # the national figure beside them
    GROUP = "group"  # a region or a type of council: an average, never ranked


# The levels published tables give a council (upper or lower tier), as name_key reads them.
COUNCIL_LEVELS = (
    "local authority", "la", "council", "county", "county council", "shire county", "upper tier",
    "upper tier authority", "upper tier local authority", "lower tier", "lower tier authority",
    "lower tier local authority", "unitary", "unitary authority", "unitary council",
    "metropolitan district", "metropolitan borough", "london borough", "district",
    "district council", "shire district", "borough", "borough council", "city council",
    "metropolitan district council", "metropolitan borough council", "non metropolitan district",
    "non metropolitan district council", "london borough council", "county unitary",
)  # fmt: skip
ENGLAND_LEVELS = ("national", "england", "country", "nation")
# A region, or the average of a type of council: the plural of a council's level counts too
# (`County councils`, `Shire counties`, `London boroughs`).
GROUP_LEVELS = (
    "region", "regional", "government office region", "council type", "type", "group",
    "comparator group", "nearest neighbours", "statistical neighbours", "cipfa nearest neighbours",
    "all councils", "all local authorities", "combined authority",
)  # fmt: skip
# How the known levels are named to a user whose level perfcli does not know.
COUNCIL_EXAMPLES = "Local authority, County, Unitary, Metropolitan district, London borough"


def _plural(level: str) -> str:
    head, _, last = level.rpartition(" ")
    word = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
    return f"{head} {word}".strip()


_KINDS: dict[str, AreaKind] = {
    **{level: AreaKind.GROUP for level in GROUP_LEVELS},
    **{_plural(level): AreaKind.GROUP for level in COUNCIL_LEVELS if level != "la"},
    **{level: AreaKind.ENGLAND for level in ENGLAND_LEVELS},
    **{level: AreaKind.COUNCIL for level in COUNCIL_LEVELS},
}


@cache  # asked once a row: a national file holds few levels
def area_kind(level: str | None) -> AreaKind | None:
    """What a row's level says its area is; None for a level perfcli does not know. A blank
    level is a council's, as a long table without a Level column is all councils."""
    key = name_key((level or "").replace("-", " ")) or "local authority"
    if key in _KINDS:
        return _KINDS[key]
    # As perfcli always read one: `Local authority district`, `Upper tier local authority`;
    # but not every "local" body is a council (`Local enterprise partnership`).
    singular = not key.endswith("s")
    return AreaKind.COUNCIL if "local authority" in key and singular else None


class Twin(Struct, frozen=True):
    """An area name held under one code that a file gives under another for the same measure
    and period: one council ranked twice among its comparators, were both kept."""

    name: str
    code: str  # as the file gives it
    held: str  # the code the name is held under already
    # `code` is held too (an import forced it in before): its figures are updated, not left out.
    both_held: bool = False
    # The measures and periods (measure id, period) the file gives both codes a figure for.
    places: frozenset[tuple[str, str]] = frozenset()

    @property
    def figures(self) -> int:
        """How many figures (a measure for a period) the file gives under the second code."""
        return len(self.places)


# A comparator figure's measure id, period, area code and area name.
Place = tuple[str, str, str, str | None]


def twins(held: Iterable[Place], given: Iterable[Place]) -> dict[str, Twin]:
    """The area codes of `given` (a file's rows) whose name (as name_key reads it) is `held`,
    or given before, under another code for the same measure and period, by code. A council's
    new code in another year (after a reorganisation) is no twin: it is never ranked twice."""
    # By measure and period, the first code each name is held under, and (rarely) the others:
    # dicts of strings, not a list or a key tuple for each of 450,000 rows (0.4 s, 60 MB less).
    first: dict[tuple[str, str], dict[str, str]] = {}
    others: dict[tuple[str, str, str], set[str]] = {}
    keys: dict[str | None, str] = {}  # each name read once
    held_codes = set()
    for measure, period, code, name in held:
        held_codes.add(code)
        if key := keys.get(name) or keys.setdefault(name, name_key(name or "")):
            codes = first.setdefault((measure, period), {})
            if codes.setdefault(key, code) != code:
                others.setdefault((measure, period, key), set()).add(code)
    twice: dict[str, Twin] = {}
    for measure, period, code, name in given:
        key = keys.get(name) or keys.setdefault(name, name_key(name or ""))
        if not key:
            continue
        other: str | None = first.setdefault((measure, period), {}).setdefault(key, code)
        if other == code:
            if (measure, period, key) not in others:
                continue
            other = min(others[(measure, period, key)] - {code}, default=None)
        if other is None:
            continue
        others.setdefault((measure, period, key), set()).add(code)
        before = twice.get(code, Twin(name or "", code, other, code in held_codes))
        twice[code] = replace(before, places=before.places | {(measure, period)})
    return twice
