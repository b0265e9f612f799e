"""A judgement's outcomes: rating, progress and RAG, the symbol and word each is shown with, a
band rating's side, and a rating typed as an override."""

from __future__ import annotations

from enum import StrEnum

from perfcli.domain.comparator_types import BandComparator


class Rating(StrEnum):
    BETTER = "better"
    SIMILAR = "similar"
    BELOW = "below"
    NOT_RATED = "not_rated"


class Progress(StrEnum):
    IMPROVED = "improved"
    SIMILAR = "similar"
    WORSE = "worse"
    NOT_RATED = "not_rated"


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


# How each outcome is shown, in the terminal and in the Word report alike: a symbol and a word,
# so that the two never disagree. Colour or shading (by tone) only ever adds to them.
RATING_SHOWN = {Rating.BETTER: ("✔", "better"), Rating.SIMILAR: ("≈", "similar"),
                Rating.BELOW: ("✘", "below")}  # fmt: skip
PROGRESS_SHOWN = {Progress.IMPROVED: ("▲", "improved"), Progress.SIMILAR: ("◀▶", "similar"),
                  Progress.WORSE: ("▼", "not as good")}  # fmt: skip
RAG_SHOWN = {Rag.GREEN: ("G", "green"), Rag.AMBER: ("A", "amber"), Rag.RED: ("R", "red")}
TONES = {"better": "good", "improved": "good", "green": "good", "similar": "fair", "amber": "fair",
         "below": "poor", "worse": "poor", "red": "poor"}  # fmt: skip

RATINGS_BY_NAME = {r.value: r for r in Rating} | {"not rated": Rating.NOT_RATED}


def parse_override(text: str) -> Rating:
    """A rating typed as an override (`Better`, `not rated`); ValueError if it is none."""
    key = " ".join(text.strip().lower().replace("_", " ").split())
    rating = RATINGS_BY_NAME.get(key) or RATINGS_BY_NAME.get(key.replace(" ", "_"))
    if rating is None:
        raise ValueError(f"override {text!r} is not a rating")
    return rating


def band_side(value: float, comparator: BandComparator) -> str:
    """Where a figure stands against its band: `below`, `inside` or `above` it."""
    if value < comparator.low:
        return "below"
    return "above" if value > comparator.high else "inside"


def band_words(rated: Rating, value: float | None, comparator: object) -> str | None:
    """A band rating in words that say which side (`above band`, `below band`, `within band`),
    for wherever the rating is shown; None when the rating is not against a band."""
    if not isinstance(comparator, BandComparator) or value is None:
        return None
    if rated not in (Rating.BETTER, Rating.BELOW):
        return None
    side = band_side(value, comparator)
    return "within band" if side == "inside" else f"{side} band"
