"""The seal on a return's locked cells, and the rule for when commentary is needed (no files)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from perfcli.domain.outcomes import Progress, Rag, Rating
from perfcli.domain.owners import commentary_needed
from perfcli.domain.rating import Judgement
from perfcli.returns import (
    Identity,
    Row,
    canonical,
    cell_seal,
    read_rows,
    whole_seal,
)

KEY = bytes(32)
IDENTITY = Identity("a1b2", "2025-26-Q1", "care", (Row("ascof-2a", "2025-26-Q1"),))


@pytest.mark.parametrize(
    ("saved", "read_back"),
    [
        ("ASCOF 2A", "ASCOF 2A"),
        ("79.4% 23/24 Nat. Ave", "79.4% 23/24 Nat. Ave"),
        (12, "12"),
        (12.0, "12"),  # Calc writes a whole number back as a float
        (None, ""),
        ("", ""),
        ("  two  words ", "two words"),  # whitespace a spreadsheet may tidy
        (date(2025, 7, 10), "2025-07-10"),
        (datetime(2025, 7, 10, 0, 0), "2025-07-10T00:00:00"),
    ],
)
def test_canonical_values_survive_a_resave(saved: object, read_back: str) -> None:
    assert canonical(saved) == read_back


def test_a_cell_seal_is_bound_to_its_return_cell_and_value() -> None:
    seal = cell_seal(KEY, IDENTITY, "D5", "79.4% 23/24 Nat. Ave")
    assert seal == cell_seal(KEY, IDENTITY, "D5", "79.4%  23/24 Nat. Ave")
    assert seal != cell_seal(KEY, IDENTITY, "D5", "50% Local Target")
    assert seal != cell_seal(KEY, IDENTITY, "D6", "79.4% 23/24 Nat. Ave")
    other_period = Identity("a1b2", "2025-26-Q2", "care", IDENTITY.rows)
    assert seal != cell_seal(KEY, other_period, "D5", "79.4% 23/24 Nat. Ave")
    assert seal != cell_seal(bytes([1]) * 32, IDENTITY, "D5", "79.4% 23/24 Nat. Ave")


def test_the_whole_seal_covers_which_cells_are_locked() -> None:
    assert whole_seal(KEY, IDENTITY, ["A5", "B5"]) != whole_seal(KEY, IDENTITY, ["A5"])


def test_measures_list_reads_back() -> None:
    assert read_rows(IDENTITY.measures_text) == IDENTITY.rows
    assert read_rows("ascof-2a") is None


def _judged(rating: Rating, progress: Progress) -> Judgement:
    return Judgement(
        rating, f"rating {rating.value}", progress, f"progress {progress.value}", None, None
    )


@pytest.mark.parametrize(
    ("rating", "progress", "why"),
    [
        (Rating.BELOW, Progress.IMPROVED, "rating below"),
        (Rating.BETTER, Progress.WORSE, "progress worse"),
        (Rating.BELOW, Progress.WORSE, "rating below"),
        (Rating.BETTER, Progress.IMPROVED, None),
        (Rating.SIMILAR, Progress.SIMILAR, None),
        (Rating.NOT_RATED, Progress.NOT_RATED, None),
    ],
)
def test_commentary_is_needed_below_target_or_worse_than_last_year(
    rating: Rating, progress: Progress, why: str | None
) -> None:
    assert commentary_needed(_judged(rating, progress)) == why


@pytest.mark.parametrize(
    ("rag", "reason", "why"),
    [
        (Rag.AMBER, "41,000 misses 41.6k Local Q1 Milestone by 1.4%, within the 10% amber margin:"
         " amber", "41,000 misses 41.6k Local Q1 Milestone by 1.4%, within the 10% amber margin"),
        (Rag.GREEN, "41,500 misses 41.6k Local Q1 Milestone by 0.2%, within the 1% on-track"
         " margin: green", None),  # on track: no word needed
        (None, None, None),
    ],
)  # fmt: skip
def test_a_target_missed_beyond_the_on_track_margin_needs_commentary_though_rated_similar(
    rag: Rag | None, reason: str | None, why: str | None
) -> None:
    judged = Judgement(Rating.SIMILAR, "similar", Progress.SIMILAR, "similar", rag, reason)
    assert commentary_needed(judged) == why
