"""perfcli.toml checked plainly where its values are already of their fields' types, and by
pydantic otherwise: either way the same settings, or the same error."""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from perfcli.config import Config
from perfcli.config_check import _TABLES, _keys, _plain, models, validated
from perfcli.workspace import load_config

EXAMPLES = Path(__file__).parent.parent / "examples"

# A table's required keys, so that one key more can be tried on its own.
REQUIRED: dict[str, dict[str, Any]] = {
    "CommitteeSection": {"name": "Prevent need"},
    "Topic": {"term": "Carers", "measures": ["ascof-1d"]},
    "Paper": {"title": "ASCOF 2023/24"},
}

# Values of every kind TOML reads, in and out of every field's type and limits.
VALUES: list[Any] = [
    "x", "12", "1.5", "high", "percent", "yes", "B", "2024-06-03", "3 June 2024", "",
    "postgresql://perf@db/perf", "postgresql://perf:secret@db/perf", "my_schema", "My Schema",
    0, 1, 3, 7, 12, 95, -5, 2_000_000, 10**12, 2**53, 10**400, 1.5, 95.0, 99.95, -0.0, math.nan, math.inf,
    True, False, date(2024, 6, 3), datetime(2024, 6, 3, 9, 30),
    [], ["a"], ["B", "C"], ["D"], [date(2024, 6, 3)], [1], [{"name": "n"}], [{"title": "t"}],
    [{"term": "t", "measures": []}], ["paper", {"title": "t", "link": "l"}],
    {}, {"a": "b"}, {"a": 1.5}, {"a": -1}, {"a": ["b"]}, {"adults": {"name": "A"}},
    {"../x": {}}, {"name": "x"}, {"name": 1},
]  # fmt: skip


def outcome(check: Any, table: type, data: dict[str, Any]) -> Any:
    try:
        return repr(check(table, data))
    except ValidationError as error:
        return [(e["type"], e["loc"], e["msg"]) for e in error.errors()]


def by_pydantic(table: type, data: dict[str, Any]) -> Any:
    made = models()
    return _plain(made[table].model_validate(data), {m: t for t, m in made.items()})


@pytest.mark.parametrize("table", _TABLES, ids=lambda table: table.__name__)
def test_every_key_given_any_value_is_taken_or_refused_as_pydantic_takes_or_refuses_it(table):
    base = REQUIRED.get(table.__name__, {})
    for data in [{}, {"no_such_key": 1}, *({**base, key: value}
                                           for key in _keys(table) for value in VALUES)]:  # fmt: skip
        if table.__name__ in REQUIRED and not data:
            data = {"link": "l"}  # its required key missing
        assert outcome(validated, table, data) == outcome(by_pydantic, table, data), data


# Whole perfcli.toml files, as read, with a mistake deep inside (or none).
DOCUMENTS: list[dict[str, Any]] = [
    {"measures": {"ascof-1a": {"aim": "high", "tolerance": 2, "tags": ["BCF"]}}},
    {"measures": {"ascof-1a": {"aim": "up"}}},
    {"measures": {"ascof-1a": {"aim": "high"}, "ascof-1b": {"rag_green": -1}}},
    {"rating": {"method": "confidence", "confidence": {"level": 89}, "rag": {"green": 0.05}}},
    {"rating": {"spc": {"shift": 9}}, "import": {"max_cells": 10}, "import_": {"max_cells": 10}},
    {"committees": {"adults": {"name": "A", "sections": [{"name": "S", "layers": ["Prevent"]},
                                                         {"layers": []}]}}},
    {"committees": {"adults": {"officers": ["A. Person", {"name": "B", "phone": "1"}]}}},
    {"committees": {"adults": {"background_papers": ["p", {"title": "t"}, {"link": "l"}],
                               "meeting_dates": [date(2024, 6, 3), "2024-09-02"]}}},
    {"committees": {"a/b": {"name": "A"}}, "workspace": {"report_date": "3 June"}},
    {"store": {"url": "postgresql://perf:pw@db/perf", "schema": "perf"}},
    {"store": {"schema_": "perf"}},
    {"owners": {"asc": {"name": "N", "email": 1}}, "national": {"groups": {"g": ["E1", 2]}}},
]  # fmt: skip


@pytest.mark.parametrize("data", DOCUMENTS)
def test_a_whole_file_is_taken_or_refused_as_pydantic_takes_or_refuses_it(data):
    assert outcome(validated, Config, data) == outcome(by_pydantic, Config, data)


def test_every_field_is_a_key():
    for table in _TABLES:
        assert {name for name, _ in _keys(table).values()} == {f.name for f in fields(table)}
    assert {"import", "import_"} <= set(_keys(Config))


@pytest.mark.parametrize("example", ["leicestershire", "compendium"])
def test_the_examples_settings_are_pydantics(example):
    path = EXAMPLES / example / "perfcli.toml"
    import tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert repr(load_config(path)) == repr(by_pydantic(Config, data))


def test_a_valid_perfcli_toml_is_read_without_pydantic():
    path = EXAMPLES / "leicestershire" / "perfcli.toml"
    code = (
        "import sys; from pathlib import Path; from perfcli.workspace import load_config; "
        f"config = load_config(Path({str(path)!r})); "
        "print(config.committees['adults'].name, 'pydantic' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split()[-1] == "False"
    assert "Committee" in run.stdout
