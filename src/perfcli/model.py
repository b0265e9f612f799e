"""The records perfcli stores and exchanges: measures, figures, comparators, lines, national rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from perfcli.periods import Period
from perfcli.values import (
    ComparatorKind,
    Figure,
    ParsedComparator,
    ParsedValue,
    Unit,
    figure_text,
)


class Aim(StrEnum):
    HIGH = "high"
    LOW = "low"
    BAND = "band"
    INFO = "info"


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"
    BIENNIAL = "biennial"


class Basis(StrEnum):
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"
    CALENDAR_YEAR = "calendar_year"
    SNAPSHOT = "snapshot"


class PreviousBasis(StrEnum):
    """What the previous-performance column holds in a part-year report."""

    LIKE_FOR_LIKE = "like-for-like"
    YEAR_END = "year-end"


_AIMS = {
    "high": Aim.HIGH,
    "h": Aim.HIGH,
    "higher": Aim.HIGH,
    "low": Aim.LOW,
    "l": Aim.LOW,
    "lower": Aim.LOW,
    "target band width": Aim.BAND,
    "band": Aim.BAND,
    "target band": Aim.BAND,
    "n/a": Aim.INFO,
    "na": Aim.INFO,
    "info": Aim.INFO,
    "for information only": Aim.INFO,
}


def parse_aim(text: str) -> Aim | None:
    """`High`, `H`, `Low`, `Target Band Width`, `N/A` -> Aim; None if not an aim."""
    return _AIMS.get(" ".join(text.lower().split()))


def aim_label(aim: Aim) -> str:
    return {Aim.HIGH: "High", Aim.LOW: "Low", Aim.BAND: "Target Band Width", Aim.INFO: "N/A"}[aim]


def slugify(text: str) -> str:
    """A stable id from printed text: `% of sequels that 'Prevent Need'` -> `pct-of-sequels-…`."""
    text = text.lower().replace("%", " pct ").replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-") or "measure"


def measure_id(code: str, description: str) -> str:
    """Local measures are named by their description; framework ones by their code."""
    code = code.strip()
    if not code or code.lower() == "local":
        return slugify(description)
    return slugify(code)


class Measure(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    code: str
    description: str
    aim: Aim
    unit: Unit
    section: str | None = None
    outcome: str | None = None
    plan: str | None = None
    theme: str | None = None
    tags: list[str] = Field(default_factory=list)
    footnotes: list[str] = Field(default_factory=list)
    frequency: Frequency | None = None
    basis: Basis | None = None
    survey: bool = False
    previous: PreviousBasis = PreviousBasis.LIKE_FOR_LIKE
    preferred_direction: Aim | None = None
    survey_period: str | None = None
    aliases: list[str] = Field(default_factory=list)


class Observation(BaseModel):
    """A measure's value for one period, with the text it was printed as."""

    model_config = ConfigDict(frozen=True)

    measure_id: str
    period: str
    raw: str
    value: float | None = None
    unit: Unit | None = None
    decimals: int = 0
    scale: str = ""
    currency: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    count: float | None = None
    count_label: str | None = None
    status: str | None = None
    reason: str | None = None
    note: str | None = None

    @classmethod
    def from_parsed(cls, measure_id: str, period: Period, parsed: ParsedValue) -> Observation:
        figure = parsed.figure
        return cls(
            measure_id=measure_id,
            period=period.label,
            raw=parsed.raw.strip(),
            value=figure.value if figure else None,
            unit=figure.unit if figure else None,
            decimals=figure.decimals if figure else 0,
            scale=figure.scale if figure else "",
            currency=figure.currency if figure else None,
            numerator=parsed.numerator,
            denominator=parsed.denominator,
            count=parsed.count,
            count_label=parsed.count_label,
            status=parsed.status,
            reason=parsed.reason,
            note=parsed.note,
        )

    @property
    def figure(self) -> Figure | None:
        if self.value is None:
            return None
        return Figure(self.value, self.unit, self.decimals, self.scale, self.currency)

    def same_figures(self, other: Observation) -> bool:
        return self.model_dump(exclude={"measure_id", "period"}) == other.model_dump(
            exclude={"measure_id", "period"}
        )


class _Comparing(BaseModel):
    """What every comparator keeps: the text as printed, and the figure's printed form."""

    model_config = ConfigDict(frozen=True)

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


class TargetComparator(_Comparing):
    """A local target or milestone: one figure to reach, by the measure's aim."""

    kind: Literal[ComparatorKind.TARGET, ComparatorKind.MILESTONE]
    value: float

    def figures(self) -> tuple[float | None, float | None, float | None, str | None]:
        return self.value, None, None, None


class AverageComparator(_Comparing):
    """A comparator group's average: England's (`Nat. Ave.`), CIPFA's, the region's."""

    kind: Literal[ComparatorKind.NATIONAL_AVERAGE]
    value: float

    def figures(self) -> tuple[float | None, float | None, float | None, str | None]:
        return self.value, None, None, None


class BandComparator(_Comparing):
    """A target band: inside it is on target, whichever side it is missed."""

    kind: Literal[ComparatorKind.BAND]
    low: float
    high: float

    def figures(self) -> tuple[float | None, float | None, float | None, str | None]:
        return None, self.low, self.high, None


class ThresholdComparator(_Comparing):
    """A limit with its operator, `<1,575 Position as at 1st Jan 2023`."""

    kind: Literal[ComparatorKind.THRESHOLD]
    value: float
    op: Literal["<", "<=", ">", ">="]

    def figures(self) -> tuple[float | None, float | None, float | None, str | None]:
        return self.value, None, None, self.op


class TextComparator(_Comparing):
    """Words, not a figure: for information only, not yet published, or unreadable as a figure."""

    kind: Literal[ComparatorKind.INFO, ComparatorKind.UNAVAILABLE, ComparatorKind.TEXT]
    reason: str | None = None


Comparator = Annotated[
    TargetComparator | AverageComparator | BandComparator | ThresholdComparator | TextComparator,
    Field(discriminator="kind"),
]


def comparator_from(parsed: ParsedComparator) -> Comparator:
    """The stored comparator for a parsed one, of the type its kind calls for."""
    figure = parsed.figure or parsed.low
    fields: dict[str, object] = {
        "raw": parsed.raw.strip(),
        "kind": parsed.kind,
        "unit": figure.unit if figure else None,
        "decimals": figure.decimals if figure else 0,
        "scale": figure.scale if figure else "",
        "period": parsed.period.label if parsed.period else None,
        "label": parsed.label,
        "count": parsed.count,
        "value": parsed.value,
        "low": parsed.low.value if parsed.low else None,
        "high": parsed.high.value if parsed.high else None,
        "op": parsed.op,
        "reason": parsed.reason,
    }
    if parsed.kind in TEXT_KINDS:
        fields["reason"] = (
            parsed.reason or f"{parsed.raw.strip()!r} is not a figure to rate against"
        )
    # Only the fields of the comparator's own type are kept; the rest are None here.
    return _COMPARATOR.validate_python({k: v for k, v in fields.items() if v is not None})


TEXT_KINDS = {ComparatorKind.INFO, ComparatorKind.UNAVAILABLE, ComparatorKind.TEXT}
_COMPARATOR: TypeAdapter[Comparator] = TypeAdapter(Comparator)


class ReportLine(BaseModel):
    """One measure's row in one period's dashboard: which figures, against what, and why."""

    model_config = ConfigDict(frozen=True)

    report_period: str
    measure_id: str
    code: str
    description: str
    current_period: str
    previous_period: str | None = None
    comparator: Comparator | None = None
    commentary: str | None = None
    section: str | None = None
    outcome: str | None = None
    plan: str | None = None
    theme: str | None = None
    published_rating: str | None = None
    published_progress: str | None = None
    published_rag: str | None = None
    published_quartile: str | None = None
    override: str | None = None
    override_reason: str | None = None
    footnotes: list[str] = Field(default_factory=list)
    position: int = 0
    source: str | None = None


@dataclass(frozen=True)
class NationalRow:
    """One area's figure for a measure and period, from published comparator data."""

    measure_id: str
    period: str
    area_code: str
    area_name: str | None
    level: str | None
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    source: str | None = None

    @property
    def is_england(self) -> bool:
        return (self.level or "").lower() in ("national", "england", "country")

    @property
    def is_council(self) -> bool:
        level = (self.level or "").lower()
        return "local" in level or "council" == level or level == "la"
