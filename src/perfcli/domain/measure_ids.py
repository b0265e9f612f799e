"""A measure's id from its printed code and words, and the one rule for a Local measure."""

from __future__ import annotations

import re
import unicodedata

# Letters that do not come apart into a letter and its accent, as they are spelled in ASCII; and
# ligatures and full-width letters (NFKC's, but for superscripts, which are footnote marks).
_LETTERS = {
    "ß": "ss", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ĳ": "ij", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl",
    **{chr(c): chr(c - 0xFEE0).lower() for c in range(0xFF01, 0xFF5F)},  # full-width forms
}  # fmt: skip


def slugify(text: str) -> str:
    """A stable id from printed text: `% of sequels that 'Prevent Need'` -> `pct-of-sequels-…`.

    A letter with an accent is the letter (`Café` -> `cafe`, Welsh `â` -> `a`, `ß` -> `ss`):
    dropped, `Visits to Café` had been `visits-to-caf`, a measure apart from `Visits to Cafe`."""
    text = text.lower().replace("%", " pct ").replace("&", " and ")
    if not text.isascii():
        spelled = unicodedata.normalize("NFD", text)
        text = "".join(_LETTERS.get(c, c) for c in spelled if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-") or "measure"


def is_local(code: str | None) -> bool:
    """A Local measure: the council's own, printed with `Local` (any case) or no code at all,
    and named by its words rather than a framework's code. The one rule every module asks."""
    return not code or code.strip().lower() == "local"


def measure_id(code: str, description: str) -> str:
    """Local measures are named by their description, shortened by the code it gives for
    itself (`… Learning Service (LALS) Success Rate` -> `lals-success-rate`); framework
    measures by their code."""
    code = code.strip()
    if is_local(code):
        return slugify(abbreviated(description))
    return slugify(code)


_ACRONYM = re.compile(r"\(([A-Z]{2,})\)")


def abbreviated(description: str) -> str:
    """A description with the words a bracketed acronym stands for replaced by it:
    `Leicestershire Adult Learning Service (LALS) Success Rate` -> `LALS Success Rate`.
    Unchanged when the words before the brackets do not spell it."""
    found = _ACRONYM.search(description)
    if found is None:
        return description
    acronym = found.group(1)
    before = description[: found.start()].split()
    spelled = before[-len(acronym) :]
    if len(spelled) < len(acronym) or "".join(w[0] for w in spelled).upper() != acronym:
        return description
    kept = " ".join([*before[: -len(acronym)], acronym])
    return f"{kept} {description[found.end() :].strip()}".strip()
