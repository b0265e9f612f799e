"""What changed for a measure between two periods' judgements: its status, change and flags;
a list of such changes ordered, counted and said in a sentence (pure: no I/O)."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct, field

from perfcli.domain.comparator_types import Comparator
from perfcli.domain.model import Measure, Observation
from perfcli.domain.outcomes import Progress, Rating
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.rating import Judgement, progress
from perfcli.domain.rating_settings import Settings
from perfcli.words import count


class Status(StrEnum):
    RATING_UP = "rating up"
    RATING_DOWN = "rating down"
    WORSE = "worse"
    IMPROVED = "improved"
    SIMILAR = "similar"
    NEW = "new"
    DROPPED = "dropped"
    NOT_COMPARABLE = "not comparable"


# Most important first: rating changes, then worsened, then improved, then the rest.
ORDER = list(Status)
_RANK = {Rating.BELOW: 0, Rating.SIMILAR: 1, Rating.BETTER: 2}


class Side(Struct, frozen=True):
    """One measure in one period: its figure, and how perfcli rated it there."""

    observation: Observation | None
    judgement: Judgement | None
    comparator: Comparator | None
    # The figure the judgement's progress was measured against (rate's previous figure).
    previous: Observation | None = None


class Change(Struct, frozen=True):
    measure: Measure
    before: Side | None
    after: Side | None
    status: Status
    reason: str
    change: float | None = None
    change_unit: str | None = None
    flags: list[str] = field(default_factory=list)
    direction: Progress | None = None


def _has_value(side: Side | None) -> bool:
    return side is not None and side.observation is not None and side.observation.value is not None


def earlier_side(
    earlier: Side | None,
    later: Side | None,
    predecessor_period: str | None,
    *,
    own_previous: bool,
) -> Side | None:
    """The side a measure's later figure is compared with: never that figure itself.

    It is the figure `rate` compares the later one with (`later.previous`, held for
    `predecessor_period`: the period before the later figure's own) when that is like for like
    and FROM is TO's own predecessor, or when FROM's figure is not before the later one (a
    lagging report files its figure under the year before, as the compendium's `22.4% (2022/23)`
    in its 2023/24 column); not held, it stands without a value: no earlier figure. Otherwise
    it is FROM's own figure. FROM's rating goes with its figure only when that is the one used.
    """
    if not _has_value(later) or predecessor_period is None:
        return earlier
    assert later is not None and later.observation is not None
    now = parse_period(later.observation.period)
    own = earlier.observation if earlier else None
    figure = later.previous
    like = figure is not None and parse_period(figure.period).like_for_like(now)
    if own is not None and parse_period(own.period) < now and not (own_previous and like):
        return earlier
    if figure is None:
        if earlier is None:
            return None  # in no earlier period at all: new, or not comparable if held later
        figure = Observation(
            measure_id=later.observation.measure_id, period=predecessor_period, raw=""
        )
    if earlier is not None and own is not None and own.period == figure.period:
        return Side(figure, earlier.judgement, earlier.comparator, earlier.previous)
    return Side(figure, None, None)


def compare(
    measure: Measure,
    before: Side | None,
    after: Side | None,
    settings: Settings,
    *,
    revised: bool = False,
    later_data: bool = False,
    earlier_data: bool = False,
    periods: tuple[str, str] = ("the earlier period", "the later period"),
) -> Change:
    """The status of one measure between two periods, with the reason in words."""
    flags = ["revised"] if revised else []
    if (
        before
        and after
        and before.comparator
        and after.comparator
        and before.comparator.raw != after.comparator.raw
    ):
        flags.append("comparator changed")
    statuses = {side.observation.status for side in (before, after) if side and side.observation}
    if "forecast" in statuses and len(statuses) > 1:
        # Seed 001's ASCOF 2B: a forecast for 2025/26 set against 2024/25's outturn.
        flags.append("a forecast against an outturn")
    if before is None and after is not None and not earlier_data:
        return Change(measure, before, after, Status.NEW, "only in the later period", flags=flags)
    if after is None and before is not None and not later_data:
        return Change(
            measure, before, after, Status.DROPPED, "only in the earlier period", flags=flags
        )
    if not _has_value(before) or not _has_value(after):
        # The later figure first, when neither has one: the summary counts it as the later
        # period's missing figure, and the row says the same.
        side, period = (after, periods[1]) if not _has_value(after) else (before, periods[0])
        shown = side.observation if side else None
        if shown is not None:  # the period of the figure looked for, which may lag its column's
            period = parse_period(shown.period).display
        if shown and shown.reason:
            reason = f"{period}: {shown.reason}"
        elif side is before and shown is not None and not shown.raw:  # not held at all
            reason = f"no earlier figure: none held for {period}"
        else:
            reason = f"no figure for {period}"
        return Change(measure, before, after, Status.NOT_COMPARABLE, reason, flags=flags)
    assert before is not None and after is not None  # both have values, by the test above
    old, new = before.observation, after.observation
    assert old is not None and new is not None
    old_period, new_period = parse_period(old.period), parse_period(new.period)
    if not old_period.like_for_like(new_period):
        reason = f"different period basis: {old_period.display} against {new_period.display}"
        return Change(measure, before, after, Status.NOT_COMPARABLE, reason, flags=flags)
    judged = after.judgement
    if judged is not None and after.previous is not None and after.previous.period == old.period:
        # The figure rate compared this one with: its progress, one rule for rate and diff.
        moved, why = judged.progress, judged.progress_reason
        change, unit = judged.change, judged.change_unit
    else:
        moved, why, change, unit = progress(measure, new, old, after.comparator, settings)
    rating_before = before.judgement.rating if before.judgement else Rating.NOT_RATED
    rating_after = after.judgement.rating if after.judgement else Rating.NOT_RATED
    if rating_before in _RANK and rating_after in _RANK and rating_before != rating_after:
        up = _RANK[rating_after] > _RANK[rating_before]
        status = Status.RATING_UP if up else Status.RATING_DOWN
        reason = f"rating {rating_before.value} → {rating_after.value}; {why}"
        return Change(measure, before, after, status, reason, change, unit, flags, moved)
    status = {
        Progress.IMPROVED: Status.IMPROVED,
        Progress.WORSE: Status.WORSE,
        Progress.SIMILAR: Status.SIMILAR,
    }.get(moved, Status.NOT_COMPARABLE)
    return Change(measure, before, after, status, why, change, unit, flags, moved)


def in_order(
    changes: list[Change], *, section: str | None = None, only_changes: bool = False
) -> list[Change]:
    """The changes to list, most important first (in the order of `Status`), then by section and
    measure id. `section` keeps those whose section starts with it (any case); `only_changes`
    leaves out the measures that showed no real change and raised no flag."""
    wanted = (section or "").strip().lower()
    kept = [
        c
        for c in changes
        if (c.measure.section or "").lower().startswith(wanted)
        and (not only_changes or c.status is not Status.SIMILAR or c.flags)
    ]
    return sorted(
        kept, key=lambda c: (ORDER.index(c.status), c.measure.section or "", c.measure.id)
    )


_DIRECTIONS = (Progress.IMPROVED, Progress.WORSE, Progress.SIMILAR)


def summary(changes: list[Change]) -> dict[str, int]:
    counts = {status.value: 0 for status in Status}
    for change in changes:
        counts[change.status.value] += 1
    return counts


def sentence(changes: list[Change], later: str = "the later period") -> str:
    """The compendium's summary: `of 29 measures 15 improved, 7 showed no real change …`.

    Measures with no figure for the later period (`later`, e.g. `2024/25`) are said to be so,
    not counted among those whose direction cannot be determined.
    """
    counts = summary(changes)
    compared = [c for c in changes if c.status not in (Status.NEW, Status.DROPPED)]
    directions = [c.direction for c in compared]
    improved, worse = directions.count(Progress.IMPROVED), directions.count(Progress.WORSE)
    similar = directions.count(Progress.SIMILAR)
    undetermined = [c for c in compared if c.direction not in _DIRECTIONS]
    missing = sum(1 for c in undetermined if not _has_value(c.after))
    rest = len(undetermined) - missing
    # Counts of none are left out: never "0 improved" nor "cannot be determined for 0".
    moves = [f"{n} {what}" for n, what in ((improved, "improved"),
             (similar, "showed no real change"), (worse, "worsened")) if n]  # fmt: skip
    clauses = [", ".join(moves[:-1]) + " and " + moves[-1] if len(moves) > 1 else "".join(moves)]
    if missing:
        clauses.append(f"{missing} {'has' if missing == 1 else 'have'} no figure for {later}")
    if rest:
        clauses.append(f"direction of travel cannot be determined for {rest}")
    said = "; ".join(filter(None, clauses))
    text = f"Of {count(len(compared), 'measure')} in both periods, {said}." if compared else (
        "No measure is in both periods.")  # fmt: skip
    extra = []
    up, down = counts["rating up"], counts["rating down"]
    if up and down:
        extra.append(f"{up} moved up a rating and {down} down")
    elif up or down:
        extra.append(f"{up or down} moved {'up' if up else 'down'} a rating")
    if counts["new"]:
        extra.append(f"{counts['new']} new")
    if counts["dropped"]:
        extra.append(f"{counts['dropped']} dropped")
    return text + (" " + "; ".join(extra).capitalize() + "." if extra else "")
