"""The marks people see for each judgement in the terminal: a symbol and a word, then colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfcli.domain.findings import Severity
from perfcli.domain.outcomes import PROGRESS_SHOWN, RAG_SHOWN, RATING_SHOWN, TONES, Rag, band_words

if TYPE_CHECKING:
    from perfcli.domain.rating import Judgement

RATING_MARKS = {r.value: f"{symbol} {word}" for r, (symbol, word) in RATING_SHOWN.items()}
RATING_MARKS["not_rated"] = "– not rated"
PROGRESS_MARKS = {p.value: f"{symbol} {word}" for p, (symbol, word) in PROGRESS_SHOWN.items()}
PROGRESS_MARKS["not_rated"] = "– n/a"
_SHAPES = {Rag.GREEN: "●", Rag.AMBER: "◆", Rag.RED: "■"}  # a letter's shape, for the terminal
RAG_MARKS = {r.value: f"{_SHAPES[r]} {letter} {word}" for r, (letter, word) in RAG_SHOWN.items()}
STATUS_MARKS = {
    "rating up": "⇧ rating up", "rating down": "⇩ rating down", "worse": "▼ worse",
    "improved": "▲ improved", "similar": "◀▶ similar", "new": "+ new", "dropped": "− dropped",
    "not comparable": "? not comparable",
}  # fmt: skip
SEVERITY_MARKS = {
    Severity.ERROR.value: "✘ error", Severity.WARNING.value: "⚠ warning", Severity.INFO.value: "ℹ info",
}  # fmt: skip

# Colour only ever adds to the symbol and the word.
STYLES = {outcome: {"good": "green", "fair": "yellow", "poor": "red"}[tone]
          for outcome, tone in TONES.items()}  # fmt: skip
STYLES |= {"rating up": "green", "rating down": "red", "error": "red", "warning": "yellow",
           "info": "blue"}  # fmt: skip


def mark(marks: dict[str, str], value: str | None, colour: bool) -> str:
    """The mark for a judgement, coloured by its tone when the terminal shows colour."""
    if not value:
        return ""
    text = marks.get(value, value)
    style = STYLES.get(value) or STYLES.get(value.split()[-1])
    return f"[{style}]{text}[/]" if colour and style else text


def rating_mark(judgement: Judgement, value: float | None, comparator: object, colour: bool) -> str:
    """The rating's mark, as `rate` and `diff` both show it: against a band, the words say which
    side of it (`✘ above band`); an overridden rating is the officer's word, shown plain."""
    rating = judgement.rating.value
    words = None if judgement.overridden else band_words(judgement.rating, value, comparator)
    if words is None:
        return mark(RATING_MARKS, rating, colour)
    symbol = RATING_MARKS[rating].split()[0]
    return mark({rating: f"{symbol} {words}"}, rating, colour)
