"""Who answers for a measure, when their commentary is needed, and what a final report waits for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from perfcli.config import Config
from perfcli.domain.model import Measure
from perfcli.domain.outcomes import Progress, Rag, Rating
from perfcli.domain.rating import Judgement

if TYPE_CHECKING:  # the ratings load where they are made: `import` reads returns without them
    from perfcli.domain.assessment import Rated


def commentary_needed(judgement: Judgement) -> str | None:
    """Why a figure needs its owner's commentary: it misses its target, or is not as good as
    last year (None when it needs none). A target missed by more than the on-track margin is
    missed, though close enough to rate "similar" (amber): the return tells the owner so (a
    trial's 41,000 against a milestone of 41.6k was taken with no word)."""
    if judgement.rating is Rating.BELOW:
        return _without_verdict(judgement.rating_reason, Rating.BELOW.value)
    if judgement.rag in (Rag.AMBER, Rag.RED) and judgement.rag_reason:
        return _without_verdict(judgement.rag_reason, judgement.rag.value)
    if judgement.progress is Progress.WORSE:
        return _without_verdict(judgement.progress_reason, Progress.WORSE.value)
    return None


def _without_verdict(reason: str, verdict: str) -> str:
    """A rating's reason without the verdict it ends with (`…(aim: high): below`), which the
    message that quotes it already gives in words."""
    return reason.removesuffix(f": {verdict}")


def owner_of(measure: Measure, config: Config) -> str | None:
    """A measure's owner: perfcli.toml's `owner`, else the Owner column it was imported with."""
    settings = config.measures.get(measure.id)
    return (settings.owner if settings else None) or measure.owner


def commentary_unready(
    rated: list[Rated],
    config: Config,
    returns_made: bool,
    expected: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Once returns were made for the period, the owned measures a final report cannot go out
    with, by id, each said as `id: why (owner o)`: no return imported, commentary required and
    missing, or not approved. `expected` are the measures the period's returns were made for
    (id -> owner): one the period has no line for (a period held only from returns, whose
    owner sent nothing or left its figure blank) is not final either."""
    if not returns_made:
        return {}
    found = {}
    # An owner whose return gave any line of the period has made one: a row of theirs with
    # nothing from it was left blank in it, not awaited.
    answered = {item.line.returned_by for item in rated if item.line.returned_by}
    for item in rated:
        held_by = owner_of(item.measure, config)
        if held_by is None:
            continue
        line, mid = item.line, item.measure.id
        if line.returned_by is None:
            why = "left blank in the return" if held_by in answered else "no return imported yet"
        elif not line.commentary and commentary_needed(item.judgement):
            why = "commentary required and missing"
        elif line.approved_by is None:
            why = "return not approved"
        else:
            continue
        found[mid] = f"{mid}: {why} (owner {held_by})"
    given = {item.measure.id for item in rated}
    for mid, held_by in (expected or {}).items():
        if mid not in given:
            why = "left blank in the return" if held_by in answered else "no return imported yet"
            found[mid] = f"{mid}: {why} (owner {held_by})"
    return found
