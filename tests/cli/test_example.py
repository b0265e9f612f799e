"""The bundled example workspace: seeds 000, 001 and 003 transcribed, importing clean."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLE, perfcli


def import_all(ws):
    return perfcli("import", *sorted((ws / "data").glob("*.xlsx")), "-w", ws)


def stored(ws, measure):
    rows = json.loads(perfcli("history", measure, "-w", ws, "-f", "json").stdout)["history"]
    return {r["period"]: r["value_text"] for r in rows if r["status"] == "current"}


def test_every_file_imports_and_reimporting_changes_nothing(example):
    first = import_all(example)
    assert first.stdout.count("✔") == 3
    again = import_all(example)
    assert again.stdout.count("no changes") == 3
    assert " 0 new, 0 revised" in again.stdout


def test_measures_lists_the_catalogue(example):
    import_all(example)
    data = json.loads(perfcli("measures", "-w", example, "-f", "json").stdout)["measures"]
    ids = {m["id"] for m in data}
    assert len(data) == 34
    assert {"ascof-2a", "ascof-3c1", "ascof-3c2", "library-visits", "awaiting-assessment"} <= ids
    table = perfcli("measures", "-w", example).stdout
    assert "34 measures" in table and "Target Band Width" in table


def test_seed_000_figures_for_2023_24(example):
    import_all(example)
    # Seed 000 prints 89.6%; seed 002, the same period's report, gives its count.
    assert stored(example, "ascof-2a")["2023-24"] == "89.6% (3,856 out of 4,304)"
    assert stored(example, "e-loans")["2023-24"] == "1,006.6k"
    assert stored(example, "awaiting-assessment")["2024-03-31"] == "773 End of March 2024"
    assert (
        stored(example, "ascof-2b")["2023-24"] == "13.7 per 100k Pop. Actual 58 Admissions in 23/24"
    )


def test_seed_001_mixed_previous_column_keeps_each_real_period(example):
    import_all(example)
    loans = stored(example, "junior-loans")  # like-for-like: the same quarter last year
    assert (loans["2025-26-Q1"], loans["2024-25-Q1"]) == ("159.1k", "186.2k")
    assert stored(example, "ascof-2a")["2024-25"] == "88.7% (3,912 out of 4,408)"  # year-end
    assert (
        stored(example, "awaiting-assessment")["2025-03-31"] == "672 End of March 2025"
    )  # snapshot
    carers = stored(example, "ascof-3c2")  # biennial survey: the 2024/25 column shows 2023/24's
    assert carers["2023-24"] == "56.1%" and "2024-25" not in carers
    assert carers["2025-26"] == "Survey is biennial and will next run in October 2025"
    lals = stored(example, "lals-success-rate")  # academic year
    assert lals["AY2024-25"] == "84.8%" and lals["AY2023-24"] == "85.8%"


def test_seed_003_year_to_date_and_old_codes(example):
    import_all(example)
    assert stored(example, "heritage-visits")["2021-22-apr-nov"] == "182.0k (Apr-Nov)"
    assert stored(example, "heritage-visits")["2020-21-apr-nov"] == "84.6k (Apr-Nov)"
    # ASCOF 1C pt 2a (2021/22) is today's ASCOF 3D: one measure, reachable by either code.
    assert stored(example, "ASCOF 1C pt 2a") == stored(example, "ASCOF 3D")
    assert stored(example, "ascof-3d")["2021-22-apr-nov"] == "41.6%"


def test_a_placeholder_never_replaces_a_figure(example):
    import_all(example)
    # seed 003 printed "Due March 2022" for the 2021/22 carers' survey; seed 000 gives 49.4%.
    assert stored(example, "ascof-3c2")["2021-22"] == "49.4% (2021/22)"


def test_workbooks_name_their_source():
    from openpyxl import load_workbook

    for path in (EXAMPLE / "data").glob("*.xlsx"):
        notes = " ".join(
            str(r[0]) for r in load_workbook(path)["Notes"].iter_rows(values_only=True)
        )
        assert notes.startswith("Source: Leicestershire County Council")
