"""A workspace: a folder with perfcli.toml (settings) and perfcli.db (the store)."""

from __future__ import annotations

import functools
import math
import os
import re
import types
from dataclasses import MISSING, dataclass, field, fields, is_dataclass, replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Literal,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)
from urllib.parse import unquote, urlsplit

from perfcli.domain.model import Aim, Basis, Frequency, Measure, PreviousBasis
from perfcli.domain.rating import RagMargins, Settings, Tolerances
from perfcli.domain.values import Unit
from perfcli.errors import UsageError, WorkspaceError

if TYPE_CHECKING:
    from pydantic import AfterValidator, BaseModel, Field

    # A margin, tolerance or size: never negative.
    Margin = Annotated[float, Field(ge=0)]

CONFIG_NAME = "perfcli.toml"
DB_NAME = "perfcli.db"
ENV_VAR = "PERFCLI_WORKSPACE"


# perfcli.toml's tables are plain dataclasses, so that a folder without one has its settings at
# once. A perfcli.toml is checked (`validated`) against their annotations, read twice: plainly,
# where each value must already be of its field's type and within its limits; and, only when that
# finds anything else, by pydantic, through a model of each table, which says what is wrong in
# the words it always has (or takes the value as pydantic takes it, "12" as 12). Importing
# pydantic and building its validators cost each command that reads a perfcli.toml 70 ms of its
# start-up, more than `import` spends writing 2,000 measures. The annotations stay text until
# then: `Field`, `AfterValidator` and `Margin` in them are pydantic's, or `_Limits` and `_After`.

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
    f.name
    for f in fields(Measure)
    if f.name in {s.name for s in fields(MeasureSettings)} and f.name != "id"
)
_SORTED = {"tags", "aliases"}


@dataclass(kw_only=True)
class RagSettings:
    """Margins short of a target, relative to it: within `green` is on track, within `amber` amber.
    The defaults are the domain's (`rating.RagMargins`), written there once."""

    green: Margin = RagMargins.green
    amber: Margin = RagMargins.amber

    def margins(self) -> RagMargins:
        return RagMargins(self.green, self.amber)


@dataclass(kw_only=True)
class RatingSettings:
    """How "similar" is decided: percentage points for percentages, relative change otherwise.
    The defaults are the domain's (`rating.Tolerances`), written there once."""

    method: Literal["tolerance", "significance", "confidence"] = "tolerance"
    percent_points: Margin = Tolerances.percent
    relative: Margin = Tolerances.relative
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


def _a_date(value: str | None) -> str | None:
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
    report_date: Annotated[str | None, AfterValidator(_a_date)] = None


STORE_VARIABLE = "PERFCLI_STORE"
SCHEMES = ("postgresql", "postgres")


def check_url(url: str, *, in_file: bool) -> None:
    """A ValueError when `url` is not a PostgreSQL URL, or (in perfcli.toml) holds a password."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise ValueError(f"{masked(url)!r} is not a postgresql:// URL")
    if in_file and parts.password is not None:
        raise ValueError(
            "holds a password in clear, which anyone who can read the folder can read;"
            " put it in PGPASSWORD, ~/.pgpass or a service file instead"
        )


def masked(url: str) -> str:
    """The URL as messages may print it: never its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()


def schema_for(folder_name: str) -> str:
    """The PostgreSQL schema a workspace folder's store lives in, by default."""
    name = re.sub(r"[^a-z0-9]+", "_", folder_name.lower()).strip("_")[:60] or "perfcli"
    return name if not name[0].isdigit() else f"w_{name}"


def where(url: str) -> str:
    """Host and database, as a message names them."""
    parts = urlsplit(url)
    host = parts.hostname or "the local socket"
    if parts.port:
        host += f":{parts.port}"
    database = unquote(parts.path.lstrip("/")) or parts.username or "(default)"
    return f"PostgreSQL database {database!r} on {host}"


def _no_password(value: str | None) -> str | None:
    if value is not None:
        check_url(value, in_file=True)
    return value


def _plain_schema(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", value):
        raise ValueError(f"{value!r} is not a plain schema name (lower-case letters, digits and _)")
    return value


@dataclass(kw_only=True)
class StoreSettings:
    """Where the store lives: the workspace's SQLite file unless a PostgreSQL URL is named."""

    url: Annotated[str | None, AfterValidator(_no_password)] = None
    schema_: Annotated[str | None, Field(alias="schema"), AfterValidator(_plain_schema)] = None


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


def _by_name(table: type) -> bool:
    """Whether a table takes a field by its name as well as its alias: Config alone takes
    `import_` for `import`, as it always has."""
    return table is Config


# Each table after the tables it holds: the order `models` makes their models in.
_TABLES = (
    MeasureSettings, RagSettings, ConfidenceSettings, SpcSettings, RatingSettings, ImportSettings,
    CommitteeSection, Topic, Officer, Paper, CommitteeSettings, NationalSettings, OwnerSettings,
    WorkspaceSettings, StoreSettings, Config,
)  # fmt: skip
T = TypeVar("T")


def validated(table: type[T], data: Any) -> T:
    """`data` (a table of perfcli.toml as read) checked, as the table: a pydantic
    ValidationError says what is wrong, and where."""
    try:
        return _checked(table, data)
    except _Unsure:
        pass
    made = models()
    return _plain(made[table].model_validate(data), {m: t for t, m in made.items()})


class _Unsure(Exception):
    """A value the plain check does not vouch for: pydantic says what it is."""


@dataclass(frozen=True)
class _Limits:
    """`Field(...)` in an annotation, read without pydantic: a key's alias, a number's limits."""

    alias: str | None = None
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None

    def allow(self, value: Any) -> bool:
        return value is None or (
            (self.ge is None or value >= self.ge)
            and (self.gt is None or value > self.gt)
            and (self.le is None or value <= self.le)
            and (self.lt is None or value < self.lt)
        )


@dataclass(frozen=True)
class _After:
    """`AfterValidator(check)` in an annotation, read without pydantic."""

    check: Any


_PLAIN_NAMES = {
    "Field": _Limits,
    "AfterValidator": _After,
    "Margin": Annotated[float, _Limits(ge=0)],
}


@functools.cache
def _keys(table: type) -> dict[str, tuple[str, Any]]:
    """A table's keys in perfcli.toml (a field's alias, else its name), each with its field's
    name and type."""
    hints = get_type_hints(table, globalns={**globals(), **_PLAIN_NAMES}, include_extras=True)
    keys: dict[str, tuple[str, Any]] = {}
    for each in fields(table):
        hint = hints[each.name]
        extras = get_args(hint)[1:] if get_origin(hint) is Annotated else ()
        alias = next((e.alias for e in extras if isinstance(e, _Limits) and e.alias), None)
        keys[alias or each.name] = (each.name, hint)
        if alias and _by_name(table):
            keys[each.name] = (each.name, hint)
    return keys


def _checked(hint: Any, value: Any) -> Any:
    """`value` as its field's type gives it, when it is of that type already (an integer for a
    float; a text that is one of an enumeration's values) and within its limits; else _Unsure."""
    origin = get_origin(hint)
    if origin is Annotated:
        inner, *extras = get_args(hint)
        value = _checked(inner, value)
        for extra in extras:
            if isinstance(extra, _Limits) and not extra.allow(value):
                raise _Unsure
            if isinstance(extra, _After):
                try:
                    value = extra.check(value)
                except ValueError:
                    raise _Unsure from None
        return value
    if origin is Union or origin is types.UnionType:
        for option in get_args(hint):
            try:
                return _checked(option, value)
            except _Unsure:
                continue
        raise _Unsure
    kind = type(value)
    if origin is Literal:
        if kind is str and value in get_args(hint):
            return value
    elif origin is list:
        if kind is list:
            return [_checked(get_args(hint)[0], each) for each in value]
    elif origin is dict:
        if kind is dict:
            return {key: _checked(get_args(hint)[1], each) for key, each in value.items()}
    elif hint in (str, bool, int, date):
        if kind is hint:
            return value
    elif hint is float:
        if kind is float and math.isfinite(value):
            return value
        if kind is int and abs(value) < 2**53:  # an integer a float holds exactly
            return float(value)
    elif isinstance(hint, type) and issubclass(hint, Enum):
        if kind is str and value in hint._value2member_map_:
            return hint(value)
    elif isinstance(hint, type) and is_dataclass(hint) and kind is dict:
        return _table(hint, value)
    raise _Unsure


def _table(table: Any, data: dict[str, Any]) -> Any:
    keys = _keys(table)
    given: dict[str, Any] = {}
    for key, value in data.items():
        name, hint = keys.get(key, (None, None))
        if name is None or name in given:
            raise _Unsure  # a key beyond the table's, or one given twice (by alias and name)
        given[name] = _checked(hint, value)
    for each in fields(table):
        if each.name not in given and each.default is MISSING and each.default_factory is MISSING:
            raise _Unsure  # required
    return table(**given)


@functools.cache
def models() -> dict[type, type[BaseModel]]:
    """A pydantic model of each table: its fields, their types and defaults; no key beyond them.
    Made once, when the first perfcli.toml is read."""
    from pydantic import AfterValidator, ConfigDict, Field, create_model

    # The names the tables' annotations use, as mypy reads them (`if TYPE_CHECKING` above).
    names = {**globals(), "Field": Field, "AfterValidator": AfterValidator,
             "Margin": Annotated[float, Field(ge=0)]}  # fmt: skip
    made: dict[type, type[BaseModel]] = {}
    for table in _TABLES:
        types = get_type_hints(table, globalns=names, include_extras=True)
        declared: dict[str, Any] = {
            each.name: (
                types[each.name],
                each.default if each.default is not MISSING
                else ... if each.default_factory is MISSING
                else Field(default_factory=each.default_factory),
            )
            for each in fields(table)
        }  # fmt: skip
        # Every number in perfcli.toml is finite: `nan` or `inf` would make every comparison
        # false. Deferred, the tables are checked by the one validator built for Config, not one
        # built for each.
        config = ConfigDict(
            extra="forbid", allow_inf_nan=False, populate_by_name=_by_name(table), defer_build=True
        )
        model = create_model(table.__name__, __config__=config, **declared)
        made[table] = names[table.__name__] = model  # the tables after it hold this model
    return made


def _plain(value: Any, tables: dict[type, type]) -> Any:
    """A checked value with each table's model made its table again."""
    table = tables.get(type(value))
    if table is not None:
        return table(**{name: _plain(getattr(value, name), tables) for name in vars(value)})
    if isinstance(value, list):
        return [_plain(v, tables) for v in value]
    if isinstance(value, dict):
        return {key: _plain(v, tables) for key, v in value.items()}
    return value


@dataclass(frozen=True)
class Folder:
    """A workspace folder as found on disk: where it is, and its settings."""

    root: Path
    config: Config

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def store_target(self) -> tuple[str, str] | None:
        """The PostgreSQL store's URL and schema ($PERFCLI_STORE, else [store] url in
        perfcli.toml); None for the workspace's own SQLite file."""
        url = os.environ.get(STORE_VARIABLE, "").strip()
        if url:
            try:
                check_url(url, in_file=False)
            except ValueError as error:
                raise UsageError(f"{STORE_VARIABLE}: {error}") from None
        url = url or self.config.store.url or ""
        if not url:
            return None
        return url, self.config.store.schema_ or schema_for(self.root.name)

    def aliases(self) -> dict[str, str]:
        """Every alias text named in perfcli.toml, mapped to its measure id."""
        found: dict[str, str] = {}
        for measure_id, settings in self.config.measures.items():
            for alias in settings.aliases:
                found[normalise_alias(alias)] = measure_id
        return found


def department_name(text: str) -> str:
    """A department's name without the word "Department", which the wording adds itself:
    officers write it in full ("Adults and Communities Department") as often as not."""
    name = text.strip()
    if name.lower().endswith(" department"):
        name = name[: -len(" department")].rstrip()
    return name


def init_placeholders(department: str) -> dict[str, str]:
    """The committee settings `perfcli init` writes for the officer to replace, by key."""
    return {"joint_report_of": f"the Director of {department_name(department) or 'Adults'}"}


def normalise_alias(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def load_config(path: Path) -> Config:
    import tomllib

    try:
        data = tomllib.loads(_config_text(path))
    except tomllib.TOMLDecodeError as error:
        raise WorkspaceError(f"{path}: not valid TOML: {error}") from None
    except RecursionError:
        raise WorkspaceError(
            f"{path}: not valid TOML: arrays or tables nested too deeply"
        ) from None
    try:
        return validated(Config, data)
    except ValueError as error:  # pydantic's ValidationError, imported only when it is raised
        from pydantic import ValidationError

        if not isinstance(error, ValidationError):
            raise
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        raise WorkspaceError(f"{path.name}: {where}: {message}") from None


_BOMS = {b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16", b"\x00\x00\xfe\xff": "UTF-32"}


def _config_text(path: Path) -> str:
    """perfcli.toml's text: UTF-8, with or without the byte-order mark Notepad may add."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise WorkspaceError(f"{path}: cannot read: {error.strerror}") from None
    save_as = "save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)"
    for bom, name in _BOMS.items():
        if raw.startswith(bom):
            raise WorkspaceError(f"{path}: saved as {name}, not UTF-8", hint=save_as)
    if b"\x00" in raw:
        raise WorkspaceError(f"{path}: not a text file (it holds NUL bytes)", hint=save_as)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise WorkspaceError(
            f"{path}: line {line}: byte 0x{raw[error.start]:02x} is not UTF-8", hint=save_as
        ) from None
    return text.removeprefix("\ufeff")


def defaults_here() -> Folder:
    """For commands that read files directly: the workspace's settings if there is one."""
    try:
        return find_workspace(None)
    except WorkspaceError:
        return Folder(Path.cwd(), Config())


def find_workspace(explicit: Path | None = None, *, cwd: Path | None = None) -> Folder:
    """--workspace, else $PERFCLI_WORKSPACE, else the nearest perfcli.toml above cwd."""
    if explicit is None and os.environ.get(ENV_VAR):
        explicit = Path(os.environ[ENV_VAR])
    if explicit is not None:
        root = explicit.expanduser()
        if not (root / CONFIG_NAME).is_file():
            raise WorkspaceError(
                f"{root}: no {CONFIG_NAME} here", hint="create one with 'perfcli init DIR'"
            )
        return Folder(root.resolve(), load_config(root / CONFIG_NAME))
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return Folder(folder, load_config(folder / CONFIG_NAME))
    raise WorkspaceError(
        f"no workspace: no {CONFIG_NAME} in {here} or any folder above it",
        hint="pass --workspace DIR, set PERFCLI_WORKSPACE, or run 'perfcli init'",
    )
