"""A table of perfcli.toml checked against its dataclass: plainly, else by pydantic."""

from __future__ import annotations

import functools
import math
import types
from collections.abc import Sequence
from dataclasses import MISSING, fields, is_dataclass
from datetime import date
from enum import Enum
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

from msgspec import Struct

from perfcli.config import (
    CommitteeSection,
    CommitteeSettings,
    ConfidenceSettings,
    Config,
    ImportSettings,
    MeasureSettings,
    NationalSettings,
    Officer,
    OwnerSettings,
    Paper,
    RagSettings,
    RatingSettings,
    SpcSettings,
    StoreSettings,
    Topic,
    WorkspaceSettings,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

# A perfcli.toml is checked (`validated`) against its tables' annotations, read twice: plainly,
# where each value must already be of its field's type and within its limits; and, only when that
# finds anything else, by pydantic, through a model of each table, which says what is wrong in
# the words it always has (or takes the value as pydantic takes it, "12" as 12). Importing
# pydantic and building its validators cost each command that reads a perfcli.toml 70 ms of its
# start-up, more than `import` spends writing 2,000 measures. The annotations stay text until
# then: read here, `Field`, `AfterValidator` and `Margin` in them are pydantic's, or `_Limits`
# and `_After` (given as `localns`, over the names of the tables' module).


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
# What pydantic calls each table where a union chose it (`officers.0.Officer.phone`).
TABLE_NAMES = frozenset(table.__name__ for table in _TABLES)
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


class _Limits(Struct, frozen=True):
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


class _After(Struct, frozen=True):
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
    hints = get_type_hints(table, localns=_PLAIN_NAMES, include_extras=True)
    keys: dict[str, tuple[str, Any]] = {}
    for each in fields(table):
        hint = hints[each.name]
        extras = get_args(hint)[1:] if get_origin(hint) is Annotated else ()
        alias = next((e.alias for e in extras if isinstance(e, _Limits) and e.alias), None)
        keys[alias or each.name] = (each.name, hint)
        if alias and _by_name(table):
            keys[each.name] = (each.name, hint)
    return keys


def keys_beside(table: type, where: Sequence[str | int]) -> list[str]:
    """The keys perfcli.toml may give in the table at `where` (`workspace`, `measures.ID`,
    `committees.adults.officers.0`) under `table`: what an unknown key's neighbours are."""
    hint: Any = table
    for part in where:
        hint = _bare(hint)
        if get_origin(hint) in (dict, list):
            hint = get_args(hint)[-1]  # a table of tables by key, or a list: the one they hold
        elif isinstance(hint, type) and part == hint.__name__:
            continue  # pydantic names the table a union chose (`officers.0.Officer.phone`)
        elif isinstance(hint, type) and is_dataclass(hint) and str(part) in _keys(hint):
            hint = _keys(hint)[str(part)][1]
        else:
            return []
    hint = _bare(hint)
    return list(_keys(hint)) if isinstance(hint, type) and is_dataclass(hint) else []


def _bare(hint: Any) -> Any:
    """A field's type without its annotations and without `| None`."""
    while get_origin(hint) in (Annotated, Union, types.UnionType):
        hint = next(h for h in get_args(hint) if h is not type(None))
    return hint


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

    # The names the tables' annotations use, as mypy reads them (`if TYPE_CHECKING` in config).
    names: dict[str, Any] = {"Field": Field, "AfterValidator": AfterValidator,
                             "Margin": Annotated[float, Field(ge=0)]}  # fmt: skip
    made: dict[type, type[BaseModel]] = {}
    for table in _TABLES:
        types = get_type_hints(table, localns=names, include_extras=True)
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
