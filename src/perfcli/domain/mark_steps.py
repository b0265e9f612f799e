"""How each printed mark depends on one rating setting: a step at a margin, found with judge."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from msgspec import Struct, field
from msgspec.structs import replace

from perfcli.domain.comparator_types import (
    AverageComparator,
    BandComparator,
    Comparator,
    TargetComparator,
    TextComparator,
    ThresholdComparator,
)
from perfcli.domain.figures import Unit
from perfcli.domain.marks import Mark, MarkColumn, no_new_survey
from perfcli.domain.model import Measure, Observation
from perfcli.domain.outcomes import Rag
from perfcli.domain.rating import Judgement, judge
from perfcli.domain.rating_settings import RagMargins, Settings, Tolerances

_HUGE = 1e9


class Case(Struct, frozen=True):
    """One measure's row in a report that printed marks: its figures and what was printed.

    `settings` are the workspace's for this measure: per-measure tolerances and margins stay
    as they are; calibration varies only the general ones.
    """

    label: str
    measure: Measure
    current: Observation | None
    previous: Observation | None
    comparator: Comparator | None
    printed: dict[MarkColumn, Mark]
    settings: Settings = field(default_factory=Settings)
    carry_survey_mark: bool = False


def outcome(case: Case, column: MarkColumn, settings: Settings) -> tuple[Mark | None, str]:
    """perfcli's judgement of one column of a case under `settings`, with its reason."""
    judged = judge(case.measure, case.current, case.previous, case.comparator, settings)
    return _pick(judged, column)


def _pick(judged: Judgement, column: MarkColumn) -> tuple[Mark | None, str]:
    if column is MarkColumn.PROGRESS:
        return judged.progress, judged.progress_reason
    if column is MarkColumn.RATING:
        return judged.rating, judged.rating_reason
    return judged.rag, judged.rag_reason or "no target to measure against"


def marked(cases: Sequence[Case]) -> list[tuple[Case, MarkColumn, Mark]]:
    """Every printed mark to compare; a survey mark carried into a period with no survey is not."""
    found = []
    for case in cases:
        for column, mark in case.printed.items():
            carried = case.carry_survey_mark and no_new_survey(
                case.measure, case.current, carry=True
            )
            if column is MarkColumn.PROGRESS and carried:
                continue
            found.append((case, column, mark))
    return found


class Step(Struct, frozen=True):
    """How one mark depends on one setting: `inside` when the setting is at least `margin`."""

    knob: str
    margin: float
    inside: Mark | None
    outside: Mark | None
    printed: Mark

    def agrees(self, value: float) -> bool:
        return (self.inside if self.margin <= value + 1e-12 else self.outside) is self.printed

    @property
    def wants(self) -> bool | None:
        """True: needs the setting at or above the margin; False: below; None: neither helps."""
        if self.inside is self.printed:
            return True
        if self.outside is self.printed:
            return False
        return None


def tolerance_step(case: Case, column: MarkColumn, printed: Mark) -> Step | None:
    """A rating or progress mark against the similar-tolerance, or None if it does not move it."""

    def at(value: float) -> Mark | None:
        tolerances = Tolerances(value, value, {})
        return outcome(case, column, replace(case.settings, tolerances=tolerances))[0]

    inside, outside = at(_HUGE), at(0.0)
    if inside is outside:
        return None
    margin = _guess_margin(case, column)
    if margin is None or at(margin) is not inside or at(max(margin - 1e-6, 0.0)) is not outside:
        margin = _bisect(lambda value: at(value) is inside)
    return Step(knob(case.measure.unit), margin, inside, outside, printed)


def _guess_margin(case: Case, column: MarkColumn) -> float | None:
    """The difference the tolerance is compared with (pp for percentages, else a fraction);
    a guess that `tolerance_step` checks with `judge`, bisecting where it is wrong (bands)."""
    now = case.current.value if case.current else None
    if column is MarkColumn.PROGRESS:
        before = case.previous.value if case.previous else None
    else:
        c = case.comparator
        if isinstance(c, TargetComparator | AverageComparator | ThresholdComparator):
            before = c.value
        else:
            before = None
    if now is None or before is None:
        return None
    # Rounded as rating.py rounds a change (to 6 places, in pp or per cent).
    if case.measure.unit is Unit.PERCENT:
        return abs(round(now - before, 6))
    return abs(round((now - before) / abs(before) * 100, 6)) / 100 if before else None


def _bisect(inside: Callable[[float], bool], high: float = 1e6) -> float:
    """The least value at which `inside` turns true (it is false at 0 and true at `high`)."""
    low = 0.0
    for _ in range(80):
        middle = (low + high) / 2
        if inside(middle):
            high = middle
        else:
            low = middle
    return high


def knob(unit: Unit) -> str:
    return "percent" if unit is Unit.PERCENT else unit.value


def rag_share(case: Case) -> float | None:
    """How far short of its target (relative to it) a case is; None without a RAG."""

    def green_at(value: float) -> bool:
        rag = RagMargins(value, _HUGE)
        settings = replace(case.settings, rag=rag, rag_green=None, rag_amber=None)
        return outcome(case, MarkColumn.RAG, settings)[0] is Rag.GREEN

    if not green_at(_HUGE):
        return None
    if green_at(0.0):
        return 0.0
    guess = _guess_share(case)
    if guess is not None and green_at(guess) and not green_at(max(guess - 1e-7, 0.0)):
        return guess
    return _bisect(green_at)


def _guess_share(case: Case) -> float | None:
    """The shortfall relative to the target (or the band's near end), checked by the caller."""
    comparator, now = case.comparator, case.current.value if case.current else None
    if comparator is None or now is None:
        return None
    if isinstance(comparator, BandComparator):
        target = comparator.high if now > comparator.high else comparator.low
    elif isinstance(comparator, TextComparator):
        return None
    else:
        target = comparator.value
    return abs(now - target) / abs(target) if target else None


def agreeing(steps: Sequence[Step], value: float) -> int:
    """How many of the marks the setting `value` reproduces."""
    return sum(1 for step in steps if step.agrees(value))


def settings_ranges(steps: Sequence[Step]) -> list[tuple[float, float, int]]:
    """Each range [low, high) of the setting over which the marks reproduced do not change.

    One sweep over the margins, sorted: a setting at or above a margin gives that mark's
    `inside` outcome, below it the `outside` one.
    """
    edges = sorted({0.0, *(step.margin for step in steps)})
    inside = Counter(step.margin for step in steps if step.wants is True)
    outside = Counter(step.margin for step in steps if step.wants is False)
    count = sum(outside.values()) - outside[0.0] + inside[0.0]
    found = []
    for index, low in enumerate(edges):
        if index:
            count += inside[low] - outside[low]
        high = edges[index + 1] if index + 1 < len(edges) else math.inf
        found.append((low, high, count))
    return found
