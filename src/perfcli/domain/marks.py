"""Marks as a report prints them (▲, `•`, `4 >`, G, Not as good): read, and checked against perfcli's."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum

from msgspec import Struct

from perfcli.domain.comparator_types import Comparator
from perfcli.domain.figures import Unit, figure_text
from perfcli.domain.model import Measure, Observation, ReportLine
from perfcli.domain.outcomes import PROGRESS_SHOWN, RAG_SHOWN, RATING_SHOWN, Progress, Rag, Rating
from perfcli.domain.rating import Judgement


class MarkColumn(StrEnum):
    """Which column a mark was printed in: the same symbol means different things in each."""

    RATING = "rating"
    PROGRESS = "progress"
    RAG = "rag"


# The headings of the columns a dashboard prints its marks in (the readers' one table of them).
HEADINGS = {
    "rating": MarkColumn.RATING,
    "progress": MarkColumn.PROGRESS,
    "direction of travel": MarkColumn.PROGRESS,
    "dot": MarkColumn.PROGRESS,
    "d.o.t.": MarkColumn.PROGRESS,
    "trend": MarkColumn.PROGRESS,
    "rag": MarkColumn.RAG,
    "rag rating": MarkColumn.RAG,
    "rag status": MarkColumn.RAG,
}

Mark = Rating | Progress | Rag

# A Direction of Travel arrow says whether things got better, not which way the number went:
# ↑ is improved for a rate that fell when lower is better. So every arrow up reads as improved.
_PROGRESS: dict[Mark, list[str]] = {
    Progress.IMPROVED: ["▲", "△", "▴", "↑", "⬆", "⇧", "🡅", "improved", "improving", "improvement",
                        "better", "above", "up", "increased"],
    Progress.SIMILAR: ["◀▶", "◄►", "◀ ▶", "◄ ►", "↔", "⇔", "⬌", "→", "►", "◆", "♦", "*", "4 >", "4",
                       "<>", "< >", "=", "≈", "similar", "same", "no change", "unchanged", "stable",
                       "static", "maintained"],
    Progress.WORSE: ["▼", "▽", "▾", "↓", "⬇", "⇩", "🡇", "•", "worse", "worsened", "worsening",
                     "not as good", "declined", "deteriorated", "down", "decreased", "below"],
}  # fmt: skip
# Seed 001's PDF text turned ▲ into `A`; in a Rating or RAG column `A` is something else.
_GARBLED_UP = "a"
_RATING: dict[Mark, list[str]] = {
    Rating.BETTER: ["✔", "✓", "✅", "☑", "▲", "↑", "better", "above", "good"],
    Rating.SIMILAR: ["≈", "◀▶", "◄►", "↔", "→", "=", "similar", "same", "in line"],
    Rating.BELOW: ["✘", "✗", "✖", "❌", "☒", "▼", "↓", "below", "worse", "not as good"],
}
_RAG: dict[Mark, list[str]] = {
    Rag.GREEN: ["g", "green", "on track", "met", "achieved"],
    Rag.AMBER: ["a", "amber"],
    Rag.RED: ["r", "red", "off track", "not met"],
}
_NOT_RATED = ["n/a", "na", "n.a.", "-", "–", "—", "not rated", "not_rated", "no data",
              "not applicable", "tbc", "– n/a", "– not rated"]  # fmt: skip
# perfcli's own terminal table gives each RAG letter a shape: `● G green`.
_SHAPES = "●◆■"


def _table(marks: Mapping[Mark, list[str]]) -> dict[str, Mark]:
    return {text: mark for mark, texts in marks.items() for text in texts}


_READ = {
    MarkColumn.PROGRESS: {**_table(_PROGRESS), _GARBLED_UP: Progress.IMPROVED},
    MarkColumn.RATING: _table(_RATING),
    MarkColumn.RAG: _table(_RAG),
}
_NOT_RATED_AS = {
    MarkColumn.PROGRESS: Progress.NOT_RATED,
    MarkColumn.RATING: Rating.NOT_RATED,
    MarkColumn.RAG: None,
}


class Reading(Struct, frozen=True):
    """What a printed mark says: a mark, not rated (None, no problem), or why it cannot be read."""

    text: str
    value: Mark | None
    problem: str | None = None


def read_mark(text: str, column: MarkColumn) -> Reading:
    """A printed mark in one column, in any form the seeds and dashboards print it."""
    cleaned = " ".join(text.replace("\u00a0", " ").split()).strip(" .:;")
    if column is MarkColumn.RAG:
        cleaned = cleaned.lstrip(_SHAPES + " ")
    key = cleaned.lower()
    table = _READ[column]
    if not key or key in _NOT_RATED:
        return Reading(text, _NOT_RATED_AS[column])
    if key in table:
        return Reading(text, table[key])
    found = _symbol_and_words(key, table)
    if found is None:
        return Reading(text, None, f"cannot read {cleaned!r} as a {_NAMES[column]} mark")
    if isinstance(found, Conflict):
        return Reading(text, None, f"the {_NAMES[column]} mark {cleaned!r} says both {found.said}")
    return Reading(text, found)


_NAMES = {MarkColumn.RATING: "rating", MarkColumn.PROGRESS: "progress", MarkColumn.RAG: "RAG"}


class Conflict(Struct, frozen=True):
    said: str


def _symbol_and_words(key: str, table: dict[str, Mark]) -> Mark | Conflict | None:
    """`▲ improved`, `Improved ▲`, `G green`: each part read, and they must agree."""
    parts = [
        part for part in re.split(r"\s+|(?<=[^\w\s/<>])(?=\w)|(?<=\w)(?=[^\w\s/<>])", key) if part
    ]
    read: list[Mark] = []
    words: list[str] = []
    for part in parts:
        if part in table:
            read.append(table[part])
        else:
            words.append(part)
    phrase = " ".join(words)
    if phrase in table:
        read.append(table[phrase])
    elif words:
        return None
    if len(set(read)) > 1:
        return Conflict(" and ".join(dict.fromkeys(mark.value for mark in read)))
    return read[0]


def shown(mark: Mark | None) -> str:
    """A mark as perfcli prints it, symbol and word: `▼ not as good`, `A amber`, `– not rated`."""
    if mark is None or mark in (Progress.NOT_RATED, Rating.NOT_RATED):
        return "– not rated"
    if isinstance(mark, Progress):
        symbol, word = PROGRESS_SHOWN[mark]
    elif isinstance(mark, Rating):
        symbol, word = RATING_SHOWN[mark]
    else:
        symbol, word = RAG_SHOWN[mark]
    return f"{symbol} {word}"


# Printed against perfcli's own ------------------------------------------------------------


def no_new_survey(measure: Measure, current: Observation | None, *, carry: bool = False) -> bool:
    """A survey measure in a period the survey did not run: no figure, only its reason.

    `carry` (the measure's `carry_survey_mark`) says it is a survey even when `survey` is unset.
    """
    return (measure.survey or carry) and (current is None or current.value is None)


def carried_progress(
    line: ReportLine, measure: Measure, current: Observation | None, *, carry: bool
) -> Progress | None:
    """The progress mark a dashboard printed for a survey with no new figure, when the measure
    carries the last survey's mark (`carry_survey_mark`); None when nothing is carried."""
    if not carry or not no_new_survey(measure, current, carry=True):
        return None
    mark = line.published_progress
    return mark if mark is not Progress.NOT_RATED else None


class Disagreement(Struct, frozen=True):
    """A printed mark perfcli does not give; `survey_gap` when no new survey ran this period."""

    column: MarkColumn
    printed: Mark
    text: str
    survey_gap: bool = False


def disagreements(
    line: ReportLine,
    judgement: Judgement,
    measure: Measure,
    current: Observation | None,
    previous: Observation | None,
    *,
    carry_survey_mark: bool = False,
) -> list[Disagreement]:
    """Each printed mark that differs from perfcli's judgement, naming both, the figures and why.

    With `carry_survey_mark`, a survey measure's mark in a period with no new survey is the
    last survey's, carried: it is not compared (perfcli has nothing new to judge).
    """
    found = []
    progress = line.published_progress
    gap = no_new_survey(measure, current, carry=carry_survey_mark)
    if (
        progress is not None
        and progress is not judgement.progress
        and not (gap and carry_survey_mark)
    ):
        said = _lead(figures(MarkColumn.PROGRESS, measure, current, previous, None))
        why = f"no new survey ({judgement.progress_reason})" if gap else judgement.progress_reason
        text = f"{line.code}: printed {shown(progress)}; perfcli: {said}{why}"
        found.append(Disagreement(MarkColumn.PROGRESS, progress, text, gap))
    rating = line.published_rating
    if rating is not None and rating is not judgement.rating:
        said = _lead(figures(MarkColumn.RATING, measure, current, previous, line.comparator))
        text = f"{line.code}: printed {shown(rating)}; perfcli: {said}{judgement.rating_reason}"
        found.append(Disagreement(MarkColumn.RATING, rating, text))
    rag = line.published_rag
    if rag is not None and rag is not judgement.rag:
        why = judgement.rag_reason or "no RAG: no target to measure against"
        found.append(
            Disagreement(MarkColumn.RAG, rag, f"{line.code}: printed {shown(rag)}; perfcli: {why}")
        )
    return found


def _lead(said: str) -> str:
    return f"{said}, " if said else ""


def figures(
    column: MarkColumn,
    measure: Measure,
    current: Observation | None,
    previous: Observation | None,
    comparator: Comparator | None,
) -> str:
    """The figures a mark judges: `599 → 572 per 100k`, `41.0k against 41.6k Local Q1 Milestone`."""
    now = _figure(current, measure)
    if column is MarkColumn.PROGRESS:
        before = _figure(previous, measure)
        if now is None or before is None:
            return ""
        if measure.unit is Unit.RATE_PER_100K:
            before = before.removesuffix(" per 100k")
        return f"{before} → {now}"
    if now is None or comparator is None:
        return ""
    return f"{now} against {comparator.raw.strip()}"


def _figure(obs: Observation | None, measure: Measure) -> str | None:
    if obs is None or obs.value is None:
        return None
    return figure_text(obs.value, measure.unit, obs.decimals, obs.scale)
