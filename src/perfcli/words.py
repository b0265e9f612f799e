"""Counted nouns and lists in one place, so that no output reads "1 measures" or "1 are"."""

from __future__ import annotations


def count(number: int, word: str, plural: str | None = None) -> str:
    """`1 measure`, `2 measures`, `2,475 measures`; `plural` for a noun that does not just add
    an s."""
    return f"{number:,} {word if number == 1 else plural or word + 's'}"


def are(number: int) -> str:
    """The verb that agrees with a count: `1 is`, `2 are`."""
    return "is" if number == 1 else "are"


def and_list(parts: list[str], comma: str = ",") -> str:
    """`a`, `a and b`, `a, b and c` (or with `;` between parts that hold commas)."""
    if len(parts) < 2:
        return "".join(parts)
    return f"{comma} ".join(parts[:-1]) + f"{comma if comma == ';' else ''} and " + parts[-1]
