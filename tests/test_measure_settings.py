"""[measures.<id>] in perfcli.toml: the fields that are a Measure's own are declared as Measure
declares them, and applied to the measure read from the workbooks in one place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_type_hints

import pytest

from perfcli.config import MEASURE_FIELDS, MeasureSettings
from perfcli.config_check import models, validated
from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Measure, PreviousBasis
from tests.conftest import appendix_workbook, perfcli

# SYNTHETIC: one Local measure as a workbook prints it.
READ = Measure(id="calls", code="Local", description="Calls answered", aim=Aim.HIGH,
               unit=Unit.PERCENT, section="Reduce Need", tags=["NEW"], footnotes=["Row note."],
               aliases=["CALLS 1"])  # fmt: skip


def test_every_field_a_measure_shares_with_its_settings_has_the_measures_type() -> None:
    declared = get_type_hints(Measure)
    assert len(MEASURE_FIELDS) == 16
    for name in MEASURE_FIELDS:
        setting = models()[MeasureSettings].model_fields[name].annotation
        own = declared[name]
        assert setting in (own, own | None), (name, setting, own)


@pytest.mark.parametrize(
    ("given", "changed"),
    [
        ({}, {}),
        ({"section": "Prevent Need", "survey": False}, {"section": "Prevent Need"}),
        ({"survey": True, "previous": "year-end"},
         {"survey": True, "previous": PreviousBasis.YEAR_END}),
        ({"code": "", "description": ""}, {}),  # a blank says nothing
        ({"tags": ["BCF", "NEW"]}, {"tags": ["BCF", "NEW"]}),  # joined, sorted, once each
        ({"footnotes": ["Toml note.", "Row note."]}, {"footnotes": ["Toml note.", "Row note."]}),
        ({"aliases": ["A1"], "unit": "count"}, {"aliases": ["A1", "CALLS 1"], "unit": Unit.COUNT}),
    ],
)  # fmt: skip
def test_what_perfcli_toml_gives_replaces_or_joins_what_was_read(
    given: dict[str, Any], changed: dict[str, Any]
) -> None:
    measure = validated(MeasureSettings, given).applied_to(READ)
    fields = {name: getattr(measure, name) for name in MEASURE_FIELDS}
    expected = {name: getattr(READ, name) for name in MEASURE_FIELDS} | changed
    assert fields == expected


def test_perfcli_toml_settings_reach_the_measure_through_import(workspace: Path) -> None:
    config = workspace / "perfcli.toml"
    config.write_text(
        config.read_text()
        + '\n[measures.calls-answered]\nsection = "Prevent Need"\ntags = ["BCF"]\n'
        'footnotes = ["Counted by the contact centre."]\ndescription = "Calls answered in a minute"\n'
    )
    rows = [["Local", "Calls answered", "High", "80% Target", "81.0%", "79.0%"]]
    appendix_workbook(workspace / "dashboard.xlsx", rows)
    perfcli("import", "-w", workspace, workspace / "dashboard.xlsx")
    (measure,) = json.loads(perfcli("measures", "-w", workspace, "-f", "json").stdout)["measures"]
    assert measure["id"] == "calls-answered"
    assert (measure["description"], measure["section"]) == (
        "Calls answered in a minute",
        "Prevent Need",
    )
