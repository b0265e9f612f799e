"""Which areas of comparator data are councils: a row's level, and one council under two codes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cache


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
    key = name_key((level or "").replace("-", " "))
    return _KINDS.get(key or "local authority")


@dataclass(frozen=True)
class Twin:
    """An area name held under one code that a file gives under another: one council counted
    twice, were both kept."""

    name: str
    code: str  # as the file gives it
    held: str  # the code the name is held under already
    rows: int  # the file's rows under `code`


def twins(
    held: Iterable[tuple[str, str | None]], given: Iterable[tuple[str, str | None]]
) -> dict[str, Twin]:
    """The codes in `given` (area code, name: a file's rows) whose name (as name_key reads it)
    is `held` (or given before) under another code, by code. The first code a name is seen
    under keeps it."""
    codes: dict[str, str] = {}
    for code, name in held:
        if name and name_key(name):
            codes.setdefault(name_key(name), code)
    found: dict[str, Twin] = {}
    # Each area's name once, not once a row: a national file has 450,000 rows.
    for (code, name), rows in Counter(given).items():
        key = name_key(name or "")
        if not key:
            continue
        first = codes.setdefault(key, code)
        if first != code:
            before = found.get(code, Twin(name or "", code, first, 0))
            found[code] = Twin(before.name, code, first, before.rows + rows)
    return found
