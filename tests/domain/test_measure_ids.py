"""Default measure ids (issue 24, item 12): a Local measure's id is shortened by the code its
description gives for itself; a stored Local measure is found by its words, whatever its id."""

from __future__ import annotations

import json

import pytest

from perfcli.domain.measure_ids import abbreviated, measure_id
from tests.conftest import HEADER, appendix_workbook, perfcli

LALS = "Leicestershire Adult Learning Service (LALS) Success Rate"


@pytest.mark.parametrize(
    ("code", "description", "expected"),
    [
        ("Local", LALS, "lals-success-rate"),  # seed 001
        ("Local", "LALS Success Rate", "lals-success-rate"),  # seed 000
        ("Local", "Junior loans", "junior-loans"),
        ("Local", "Total community library issues ¹", "total-community-library-issues"),
        ("Local", "Adult Social Care (ASC) users", "asc-users"),
        ("Local", "Visits to the museum (NHM)", "visits-to-the-museum-nhm"),  # not spelled
        ("Local", "% of sequels that 'Delay Need'", "pct-of-sequels-that-delay-need"),
        ("ASCOF 2A", "Reablement (ASCOF)", "ascof-2a"),
        # A letter with an accent is the letter: `visits-to-caf` had been a measure apart.
        ("Local", "Visits to Café", "visits-to-cafe"),
        ("Local", "Visits to Cafe", "visits-to-cafe"),
        ("Local", "Résumé élan", "resume-elan"),
        ("Local", "Ymweliadau â’r llyfrgell", "ymweliadau-a-r-llyfrgell"),  # Welsh
        # Letters that do not come apart into a letter and its accent (a second trial).
        ("Local", "Straße usage", "strasse-usage"),
        ("Local", "Łódź twinning visits", "lodz-twinning-visits"),
        ("Local", "Ørsted hours", "orsted-hours"),
        ("Local", "Æsop readings", "aesop-readings"),
        ("Local", "ﬁre safety visits", "fire-safety-visits"),
        ("Local", "Visits to ＣＡＦＥ", "visits-to-cafe"),
    ],
)
def test_default_ids(code, description, expected):
    assert measure_id(code, description) == expected


def test_an_acronym_replaces_only_the_words_it_spells():
    assert abbreviated(LALS) == "LALS Success Rate"
    assert abbreviated("Service (LALS) Success") == "Service (LALS) Success"


def test_a_measure_stored_under_a_longer_id_is_found_by_its_description(workspace, tmp_path):
    long_id = "leicestershire-adult-learning-service-lals-success-rate"
    first = appendix_workbook(tmp_path / "a.xlsx", [[long_id, "Local", LALS, "High", "", "84.8%", "85.8%"]],
                              header=["ID", *HEADER])  # fmt: skip
    later = [*HEADER[:4], "2024/25 Performance", "2023/24 Performance"]
    second = appendix_workbook(tmp_path / "b.xlsx", [["Local", LALS, "High", "", "85.0%", "84.8%"]],
                               header=later)  # fmt: skip
    perfcli("import", first, second, "-w", workspace)
    held = json.loads(perfcli("measures", "-w", workspace, "-f", "json").stdout)["measures"]
    assert [(m["id"], m["periods"]) for m in held] == [(long_id, ["2022-23", "2023-24", "2024-25"])]


def test_a_measure_an_older_release_named_without_its_accents_keeps_its_id(
    workspace, tmp_path, monkeypatch
):
    """A store made before accents were read as their letters holds `caf-visits`: a later
    import finds the measure by its words, and its history is not split. SYNTHETIC figures."""
    import re

    from perfcli.domain import measure_ids

    book = appendix_workbook(tmp_path / "cafe.xlsx", [["Local", "Café visits", "High",
                             "100 Local target 2023/24", "110", "90"]])  # fmt: skip
    with monkeypatch.context() as older:
        older.setattr(
            measure_ids, "slugify", lambda text: re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        )
        perfcli("import", book, "-w", workspace)
    perfcli("import", book, "-w", workspace)
    measures = json.loads(perfcli("measures", "-w", workspace, "-f", "json").stdout)["measures"]
    assert [m["id"] for m in measures] == ["caf-visits"]
