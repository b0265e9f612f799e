"""Is it one measure? Names as looked up, descriptions reworded, ids mistyped in perfcli.toml."""

from __future__ import annotations

import difflib
import re

_WORD = re.compile(r"[a-z0-9]+")
_SMALL = {"of", "the", "and", "a", "an", "in", "to", "for", "who", "with", "by", "on", "at"}
# How alike two ids must be for one to be taken for a typo of the other.
NEAR = 0.75


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _SMALL}


def similar_descriptions(first: str, second: str) -> bool:
    """`LALS Success Rate` and `Leicestershire Adult Learning Service (LALS) Success Rate`:
    one's words are nearly all in the other, or the texts read nearly the same."""
    a, b = _words(first), _words(second)
    if not a or not b or a == b:
        return a == b and bool(a)
    shared = len(a & b)
    if shared >= 2 and shared / min(len(a), len(b)) >= 0.75:
        return True
    return difflib.SequenceMatcher(None, first.lower(), second.lower()).ratio() >= 0.85


def normalise_alias(text: str) -> str:
    """A code, description or alias as it is looked up: lower case, one space between words, a
    curly apostrophe made straight."""
    return " ".join(text.lower().replace("\u2019", "'").split())


def code_key(text: str) -> str:
    """A code as it is matched: `ASCOF2E`, `ASCOF-2E` and `ascof 2e` are `ASCOF 2E` (a re-check's
    `history ASCOF2E` found nothing, though import had joined the code to `ascof-2e`)."""
    return "".join(ch for ch in normalise_alias(text) if ch not in " -_")


def nearest_id(wanted: str, ids: list[str]) -> str | None:
    """The id a mistyped one most likely means."""
    close = difflib.get_close_matches(wanted, ids, n=1, cutoff=NEAR)
    return close[0] if close else None
