"""Whom a return tells its owner to ask: the officer who collects the figures, not the director
the committee lists first."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfcli.config import CommitteeSettings, Config, Officer
from perfcli.returns.workbook import _contact
from perfcli.workspace import Folder

DIRECTOR = Officer(name="Jon Wilson", role="Director of Adults and Communities",
                   department="Adults and Communities Department")  # fmt: skip


@pytest.mark.parametrize(
    ("second", "asked"),
    [
        # The example workspace: the business partner's role says it.
        (Officer(name="Matt Williams", role="Business Partner – Business Intelligence Service"), "Matt Williams"),
        # Said by the department alone.
        (Officer(name="Ann Lee", role="Business Partner", department="Business Intelligence Service"), "Ann Lee"),
        (Officer(name="Sam Roe", role="Performance and Insight Manager"), "Sam Roe"),
        # No one who collects figures: the first officer listed.
        (Officer(name="Pat Doe", role="Head of Service"), "Jon Wilson"),
    ],
)  # fmt: skip
def test_the_officer_who_collects_the_figures_is_asked(tmp_path: Path, second: Officer, asked: str):
    config = Config(
        committees={"adults": CommitteeSettings(name="Adults", officers=[DIRECTOR, second])}
    )
    folder = Folder(tmp_path, config)
    assert _contact(folder).startswith(asked)
