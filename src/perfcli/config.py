"""perfcli.toml's tables as plain dataclasses, with their defaults."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from msgspec.structs import replace

from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Basis, Frequency, Measure, PreviousBasis
from perfcli.domain.rating_settings import RagMargins, Settings, Tolerances
from perfcli.postgres_url import check_url

if TYPE_CHECKING:
    from pydantic import AfterValidator, Field

    # A margin, tolerance or size: never negative.
    Margin = Annotated[float, Field(ge=0)]

# perfcli.toml's tables are plain dataclasses, so that a folder without one has its settings at
# once. Their annotations stay text until a perfcli.toml is checked against them
# (config_check.validated): `Field`, `AfterValidator` and `Margin` in them are pydantic's, or
# config_check's `_Limits` and `_After`.

# A committee's key names its report's file (reports/<key>-<period>.docx): no path in it.
_KEY = re.compile(r"\w[\w .-]*")


@dataclass(kw_only=True)
class MeasureSettings:
    """A measure's definition in perfcli.toml: overrides what the workbooks say."""

    code: str | None = None
    description: str | None = None
    aim: Aim | None = None
    unit: Unit | None = None
    section: str | None = None
    outcome: str | None = None
    tags: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    frequency: Frequency | None = None
    basis: Basis | None = None
    survey: bool | None = None
    previous: PreviousBasis | None = None
    preferred_direction: Aim | None = None
    survey_period: str | None = None
    aliases: list[str] = field(default_factory=list)
    tolerance: Margin | None = None
    method: Literal["tolerance", "significance", "confidence"] | None = None
    # Periods from which an SPC chart's limits are recalculated (after a change in process).
    rebase: list[str] = field(default_factory=list)
    rag_green: Margin | None = None
    rag_amber: Margin | None = None
    override: str | None = None
    override_reason: str | None = None
    # A dashboard may repeat the last survey's arrow in a period with no new survey.
    carry_survey_mark: bool = False
    # The service owner who returns its figures and commentary each period: a key of [owners].
    owner: str | None = None
    # The committee is given a year-end forecast for it: each return asks for one.
    forecast: bool = False
    # Said once wherever the measure is drafted: what it covers, or why this year's figure differs.
    caveat: str = ""

    def applied_to(self, measure: Measure) -> Measure:
        """The measure as the workbooks and the store give it, with what perfcli.toml says in
        place: each field of `Measure` given here replaces the one read; a list's entries join
        the read ones (tags and aliases sorted, footnotes in order, these first)."""
        changes: dict[str, Any] = {}
        for name in MEASURE_FIELDS:
            value = getattr(self, name)
            if value is None or value == [] or value == "":
                continue  # nothing said: a blank setting never blanks what a workbook says
            if isinstance(value, list):
                joined = dict.fromkeys([*value, *getattr(measure, name)])
                value = sorted(joined) if name in _SORTED else list(joined)
            changes[name] = value
        return replace(measure, **changes) if changes else measure


# The fields of [measures.<id>] that are a Measure's own, by name (a test holds their types to
# Measure's); the rest say how to rate, draft or ask for the measure.
MEASURE_FIELDS = tuple(
    name
    for name in Measure.__struct_fields__
    if name in {s.name for s in fields(MeasureSettings)} and name != "id"
)
_SORTED = {"tags", "aliases"}


@dataclass(kw_only=True)
class RagSettings:
    """Margins short of a target, relative to it: within `green` is on track, within `amber` amber.
    The defaults are the domain's (`rating_settings.RagMargins`), written there once."""

    green: Margin = RagMargins().green
    amber: Margin = RagMargins().amber

    def margins(self) -> RagMargins:
        return RagMargins(self.green, self.amber)


@dataclass(kw_only=True)
class RatingSettings:
    """How "similar" is decided: percentage points for percentages, relative change otherwise.
    The defaults are the domain's (`rating_settings.Tolerances`), written there once."""

    method: Literal["tolerance", "significance", "confidence"] = "tolerance"
    percent_points: Margin = Tolerances().percent
    relative: Margin = Tolerances().relative
    units: dict[str, Margin] = field(default_factory=dict)
    rag: RagSettings = field(default_factory=RagSettings)
    confidence: ConfidenceSettings = field(default_factory=lambda: ConfidenceSettings())
    spc: SpcSettings = field(default_factory=lambda: SpcSettings())

    def tolerances(self) -> Tolerances:
        return Tolerances(self.percent_points, self.relative, dict(self.units))

    def settings(self, own: MeasureSettings | None = None) -> Settings:
        """The domain's rating settings: these, with a measure's own margins where it has them."""
        return Settings(
            tolerances=self.tolerances(),
            rag=self.rag.margins(),
            significance=self.method == "significance",
            tolerance_override=own.tolerance if own else None,
            rag_green=own.rag_green if own else None,
            rag_amber=own.rag_amber if own else None,
        )


@dataclass(kw_only=True)
class ConfidenceSettings:
    """`method = "confidence"`: the interval's level, and the second that adds "significantly"."""

    level: Annotated[float, Field(ge=90, lt=100)] = 95
    significantly: Annotated[float | None, Field(ge=90, lt=100)] = 99.8
    trend_points: Annotated[int, Field(ge=3)] = 5
    trend_level: Annotated[float, Field(ge=90, lt=100)] = 99.9


@dataclass(kw_only=True)
class SpcSettings:
    """SPC (XmR) charts: Making Data Count's run lengths, and how many points make firm limits."""

    shift: Annotated[int, Field(ge=6, le=8)] = 7
    trend: Annotated[int, Field(ge=6, le=7)] = 7
    points: Annotated[int, Field(ge=2)] = 12
    screen_outliers: bool = True


@dataclass(kw_only=True)
class ImportSettings:
    """Limits on input files, so a hostile or mistaken file cannot exhaust the machine."""

    max_file_mb: Annotated[float, Field(gt=0, le=100_000)] = 50
    max_unzipped_mb: Annotated[float, Field(gt=0, le=1_000_000)] = 500
    # The most cells a sheet's used range may span (rows x columns), checked before any reader
    # builds its grid: a real dashboard spans a few thousand; a stray cell at XFD1048576 spans
    # seventeen billion.
    max_cells: Annotated[int, Field(gt=0, le=100_000_000)] = 2_000_000


@dataclass(kw_only=True)
class CommitteeSection:
    """A heading of the Performance Update, and the measures (or whole layers) under it.

    A section naming neither measures nor layers takes every measure no other section took."""

    name: str
    measures: list[str] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Topic:
    """Measures drafted together in one paragraph, led by a key term in bold."""

    term: str
    measures: list[str]
    lead: str | None = None


@dataclass(kw_only=True)
class Officer:
    """An officer to contact about the report."""

    name: str = ""
    role: str = ""
    department: str = ""
    telephone: str = ""
    email: str = ""


@dataclass(kw_only=True)
class Paper:
    """A background paper, with the address where a reader finds it."""

    title: str
    link: str = ""


@dataclass(kw_only=True)
class CommitteeSettings:
    """A committee's report: a quarterly committee report, or the annual compendium."""

    name: str = ""
    kind: Literal["committee", "compendium"] = "committee"
    # The compendium's inputs beside the workspace's data, as paths inside the workspace.
    index: str | None = None
    index_council: str | None = None
    risks: str | None = None
    # Authority | Type | Core spending power per head | Net expenditure per head: <service>.
    spending: str | None = None
    population: int | None = None  # the council's, when the spending table has no Population
    note: str = ""
    meeting_date: date | str | None = None
    meeting_dates: list[date] = field(default_factory=list)
    joint_report_of: str = ""
    department: str | None = None
    template: str | None = None
    sections: list[CommitteeSection] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    appendices: list[Literal["B", "C"]] = field(default_factory=lambda: ["B"])
    background: list[str] = field(default_factory=list)
    background_papers: list[Paper | str] = field(default_factory=list)
    officers: list[Officer | str] = field(default_factory=list)
    glossary: dict[str, str] = field(default_factory=dict)
    # The report's Next steps, one paragraph each; without them the template's note stays.
    next_steps: list[str] = field(default_factory=list)
    # How this committee's report judges "similar" (else [rating] method), and the measures
    # whose SPC charts it carries after Appendix A.
    method: Literal["tolerance", "significance", "confidence"] | None = None
    spc_charts: list[str] = field(default_factory=list)
    # A compendium's other workspaces whose measures it carries, as paths from this workspace
    # (e.g. "../adults"); each must be a folder beside it, under the same parent folder.
    workspaces: list[str] = field(default_factory=list)

    def dates(self) -> list[date]:
        """Every meeting date given, as dates, earliest first."""
        from perfcli.domain.dates import read_date

        found = list(self.meeting_dates)
        if isinstance(self.meeting_date, date):
            found.append(self.meeting_date)
        elif self.meeting_date:
            found.append(read_date(self.meeting_date))
        return sorted(set(found))


@dataclass(kw_only=True)
class NationalSettings:
    """Comparator data: the council's own area code, comparator groups, and measure names."""

    area: str | None = None
    group: str | None = None
    # Council | Spending per head | Outcome score, for the cost-effectiveness index.
    index: str | None = None
    groups: dict[str, list[str]] = field(default_factory=dict)
    measures: dict[str, str] = field(default_factory=dict)


@dataclass(kw_only=True)
class OwnerSettings:
    """A service owner: who fills in the returns for the measures they hold."""

    name: str = ""
    email: str = ""
    service: str = ""


def _a_date(value: date | str | None) -> str | None:
    """A date as written: TOML's own (`report_date = 2025-07-20`) or quoted, kept as its text."""
    if isinstance(value, date):
        return value.isoformat()
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date; write it as 2024-06-03") from None
    return value


@dataclass(kw_only=True)
class WorkspaceSettings:
    council: str = ""
    department: str = ""
    area_code: str | None = None
    report_date: Annotated[date | str | None, AfterValidator(_a_date)] = None


def _no_password(value: str | None) -> str | None:
    if value is not None:
        check_url(value, in_file=True)
    return value


def plain_schema(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", value):
        raise ValueError(f"{value!r} is not a plain schema name (lower-case letters, digits and _)")
    return value


@dataclass(kw_only=True)
class StoreSettings:
    """Where the store lives: the workspace's SQLite file unless a PostgreSQL URL is named."""

    url: Annotated[str | None, AfterValidator(_no_password)] = None
    schema_: Annotated[str | None, Field(alias="schema"), AfterValidator(plain_schema)] = None


def _plain_keys(value: dict[str, CommitteeSettings]) -> dict[str, CommitteeSettings]:
    for key in value:
        if not _KEY.fullmatch(key) or ".." in key:
            raise ValueError(
                f"committee key {key!r} is not a plain name (letters, digits, - and _):"
                " it names the report's file"
            )
    return value


@dataclass(kw_only=True)
class Config:
    workspace: WorkspaceSettings = field(default_factory=WorkspaceSettings)
    measures: dict[str, MeasureSettings] = field(default_factory=dict)
    rating: RatingSettings = field(default_factory=RatingSettings)
    import_: Annotated[ImportSettings, Field(alias="import")] = field(
        default_factory=ImportSettings
    )
    committees: Annotated[dict[str, CommitteeSettings], AfterValidator(_plain_keys)] = field(
        default_factory=dict
    )
    national: NationalSettings = field(default_factory=NationalSettings)
    owners: dict[str, OwnerSettings] = field(default_factory=dict)
    store: StoreSettings = field(default_factory=StoreSettings)

    def committee(self, name: str) -> CommitteeSettings:
        """The committee named, or an error that names the ones defined (and the likely one)."""
        import difflib

        from perfcli.errors import UsageError

        if name in self.committees:
            return self.committees[name]
        close = difflib.get_close_matches(name, list(self.committees), n=1, cutoff=0.6)
        if close:
            raise UsageError(
                f"no committee {name!r} in perfcli.toml", hint=f"did you mean {close[0]}?"
            )
        defined = ", ".join(sorted(self.committees)) or "none"
        raise UsageError(
            f"no committee {name!r} in perfcli.toml",
            hint=f"defined: {defined}; add one under [committees.{name}]",
        )

    def judged_for(self, committee: CommitteeSettings) -> Config:
        """These settings as the committee's report judges by: its own `method`, where it has one."""
        if not committee.method:
            return self
        # perfcli.toml's tables are dataclasses, records Structs.
        import dataclasses

        rating = dataclasses.replace(self.rating, method=committee.method)
        return dataclasses.replace(self, rating=rating)

    def committee_key(self, committee: CommitteeSettings, key: str) -> str:
        """A committee's setting as perfcli.toml names it: `[committees.corporate] index`."""
        found = next((name for name, each in self.committees.items() if each is committee), None)
        return f"[committees.{found}] {key}" if found else key
