"""The comparators a measure is rated against, one type per kind (a target or milestone, an
average, a band, a threshold, words), and the one made from a parsed comparator."""

from __future__ import annotations

from typing import Literal, TypedDict

from msgspec import Struct

from perfcli.domain.comparator_parsing import ComparatorKind, ParsedComparator
from perfcli.domain.figures import Unit, figure_text
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import PeriodKind


class _Comparing(Struct, frozen=True, kw_only=True):
    """What every comparator keeps: the text as printed, and the figure's printed form."""

    raw: str
    unit: Unit | None = None
    decimals: int = 0
    scale: str = ""
    period: str | None = None
    label: str | None = None
    count: float | None = None

    def shown(self, value: float, unit: Unit) -> str:
        """One of this comparator's figures, printed as the comparator prints it."""
        return figure_text(value, self.unit or unit, self.decimals, self.scale)

    def figures(self) -> tuple[float | None, float | None, float | None, str | None]:
        """(value, low, high, operator): each comparator type fills in its own."""
        return None, None, None, None


class TargetComparator(_Comparing, frozen=True, kw_only=True):
    """A local target or milestone: one figure to reach, by the measure's aim."""

    kind: Literal[ComparatorKind.TARGET, ComparatorKind.MILESTONE]
    value: float

    def figures(self) -> tuple[float | None, float | None, float | None, str | None]:
        return self.value, None, None, None


class AverageComparator(_Comparing, frozen=True, kw_only=True):
    """A comparator group's average: England's (`Nat. Ave.`), CIPFA's, the region's."""

    kind: Literal[ComparatorKind.NATIONAL_AVERAGE]
    value: float

    def figures(self) -> tuple[float | None, float | None, float | None, str | None]:
        return self.value, None, None, None


class BandComparator(_Comparing, frozen=True, kw_only=True):
    """A target band: inside it is on target, whichever side it is missed."""

    kind: Literal[ComparatorKind.BAND]
    low: float
    high: float

    def figures(self) -> tuple[float | None, float | None, float | None, str | None]:
        return None, self.low, self.high, None


class ThresholdComparator(_Comparing, frozen=True, kw_only=True):
    """A limit with its operator, `<1,575 Position as at 1st Jan 2023`."""

    kind: Literal[ComparatorKind.THRESHOLD]
    value: float
    op: Literal["<", "<=", ">", ">="]

    def figures(self) -> tuple[float | None, float | None, float | None, str | None]:
        return self.value, None, None, self.op

    @property
    def at_a_date(self) -> bool:
        """A position at a date (`<1,575 Position as at 1st Jan 2023`), the baseline a measure
        is held against in any period after it; otherwise a limit for its period (`<650 Local
        target 2024/25`), checked and worded as a target is."""
        return self.period is not None and parse_period(self.period).kind is PeriodKind.SNAPSHOT


class TextComparator(_Comparing, frozen=True, kw_only=True):
    """Words, not a figure: for information only, not yet published, or unreadable as a figure."""

    kind: Literal[ComparatorKind.INFO, ComparatorKind.UNAVAILABLE, ComparatorKind.TEXT]
    reason: str | None = None


# Told apart by `kind`: the store makes the one its row's kind names (store/rows.py).
Comparator = (
    TargetComparator | AverageComparator | BandComparator | ThresholdComparator | TextComparator
)


class _Shared(TypedDict):
    raw: str
    unit: Unit | None
    decimals: int
    scale: str
    period: str | None
    label: str | None
    count: float | None


def comparator_from(parsed: ParsedComparator) -> Comparator:
    """The stored comparator for a parsed one, of the type its kind calls for."""
    figure = parsed.figure or parsed.low
    raw = parsed.raw.strip()
    shared: _Shared = {
        "raw": raw,
        "unit": figure.unit if figure else None,
        "decimals": figure.decimals if figure else 0,
        "scale": figure.scale if figure else "",
        "period": parsed.period.label if parsed.period else None,
        "label": parsed.label,
        "count": parsed.count,
    }
    kind, value = parsed.kind, parsed.value
    K = ComparatorKind
    if kind is K.INFO or kind is K.UNAVAILABLE or kind is K.TEXT:
        reason = parsed.reason or f"{raw!r} is not a figure to rate against"
        return TextComparator(kind=kind, reason=reason, **shared)
    if kind is ComparatorKind.BAND and parsed.low is not None and parsed.high is not None:
        low, high = parsed.low.value, parsed.high.value
        return BandComparator(kind=kind, low=low, high=high, **shared)
    if value is None:
        raise ValueError(f"comparator {raw!r} of kind {kind.value} has no figure")
    op = _OPERATORS.get(parsed.op or "")
    if kind is ComparatorKind.THRESHOLD and op is not None:
        return ThresholdComparator(kind=kind, value=value, op=op, **shared)
    if kind is ComparatorKind.NATIONAL_AVERAGE:
        return AverageComparator(kind=kind, value=value, **shared)
    if kind is K.TARGET or kind is K.MILESTONE:
        return TargetComparator(kind=kind, value=value, **shared)
    raise ValueError(f"comparator {raw!r}: {kind.value} needs its operator")


_OPERATORS: dict[str, Literal["<", "<=", ">", ">="]] = {"<": "<", "<=": "<=", ">": ">", ">=": ">="}
