"""The records perfcli stores and exchanges: measures, figures, comparators, lines, national rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from perfcli.periods import Period
from perfcli.values import (
    ComparatorKind,
    Figure,
    ParsedComparator,
    ParsedValue,
    Unit,
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


class Comparator(BaseModel):
    """What a measure's rating compares with in one report."""

    model_config = ConfigDict(frozen=True)

    raw: str
    kind: ComparatorKind
    value: float | None = None
    low: float | None = None
    high: float | None = None
    op: str | None = None
    unit: Unit | None = None
    decimals: int = 0
    scale: str = ""
    period: str | None = None
    label: str | None = None
    count: float | None = None
    reason: str | None = None

    @classmethod
    def from_parsed(cls, parsed: ParsedComparator) -> Comparator:
        figure = parsed.figure or parsed.low
        return cls(
            raw=parsed.raw.strip(),
            kind=parsed.kind,
            value=parsed.value,
            low=parsed.low.value if parsed.low else None,
            high=parsed.high.value if parsed.high else None,
            op=parsed.op,
            unit=figure.unit if figure else None,
            decimals=figure.decimals if figure else 0,
            scale=figure.scale if figure else "",
            period=parsed.period.label if parsed.period else None,
            label=parsed.label,
            count=parsed.count,
            reason=parsed.reason,
        )


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
