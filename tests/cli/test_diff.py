"""`perfcli diff FROM TO` through the CLI, on the example workspace and small workbooks."""

from __future__ import annotations

import json
import shutil
from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict

from tests.cli.test_example import import_all
from tests.conftest import HEADER, HEADER_2022_23, ROOT, appendix_workbook, error_line, perfcli


def diff_json(ws, *args) -> dict:
    return json.loads(perfcli("diff", *args, "-w", ws, "-f", "json").stdout)


def by_id(data) -> dict:
    return {m["id"]: m for m in data["measures"]}


def test_years_from_the_seeds(example):
    import_all(example)
    rows = by_id(diff_json(example, "2023-24", "2024-25"))
    reablement = rows["ascof-2a"]  # 89.6% (seed 000) -> 88.7% (seed 001's 2024/25 column)
    assert (reablement["from"]["value"], reablement["to"]["value"]) == (89.6, 88.7)
    assert (reablement["status"], reablement["change"], reablement["change_unit"]) == (
        "similar",
        -0.9,
        "pp",
    )
    assert rows["ascof-4a"]["status"] == "worse"  # 82.5% -> 66.8%
    assert rows["annual-reviews"]["status"] == "improved"  # 73.5% -> 77.5%
    assert rows["sequels-delay"]["status"] == "dropped"  # not in the 2025/26 dashboards
    assert rows["library-visits"]["status"] == "not comparable"
    assert rows["library-visits"]["reason"] == "no figure for 2024/25"


def test_a_period_held_only_as_figures_has_no_rating_to_compare(example):
    # 2024/25 is only seed 001's previous column: its figures were never rated.
    import_all(example)
    reablement = by_id(diff_json(example, "2023-24", "2024-25"))["ascof-2a"]
    assert reablement["from"]["rating"] == "better"
    assert (reablement["to"]["rating"], reablement["to"]["progress"]) == (None, None)
    earlier = by_id(diff_json(example, "2022-23", "2023-24"))["ascof-2b"]  # seed 000's column
    assert (earlier["from"]["rating"], earlier["to"]["rating"]) == (None, "better")
    table = perfcli("diff", "2022-23", "2023-24", "-w", example).stdout
    assert "not rated →" not in table


def test_quarters_from_the_seeds(example):
    import_all(example)
    rows = by_id(diff_json(example, "2024-25-Q1", "2025-26-Q1"))
    assert rows["junior-loans"]["status"] == "worse"  # 186.2k -> 159.1k
    assert rows["junior-loans"]["change"] == pytest.approx(-14.55, abs=0.01)
    assert rows["library-visits"]["status"] == "improved"
    assert rows["library-loans"]["status"] == "similar"  # 599.0k -> 597.9k
    reablement = rows["ascof-2a"]  # the dashboard set Q1 against last year-end
    assert (reablement["status"], reablement["from"]["period"]) == ("not comparable", "2024-25")
    # A survey with a figure in neither quarter says why the later has none, as the summary
    # counts it among those with no figure for 2025/26 Q1 (it had said "no figure for 2024/25 Q1").
    # ASCOF 2B's 2025/26 is a forecast, set against 2024/25's outturn: flagged so.
    assert rows["ascof-2b"]["flags"] == ["a forecast against an outturn"]
    feel_safe = rows["ascof-4a"]
    assert feel_safe["reason"] == "2025/26: Survey is annual and will next run in February 2026"


def test_year_to_date_periods(example):
    import_all(example)
    data = diff_json(example, "2020-21-apr-nov", "2021-22-apr-nov")
    rows = by_id(data)
    assert rows["heritage-visits"]["status"] == "improved"  # 84.6k -> 182.0k
    assert rows["library-visits"]["status"] == "improved"  # 160.9k -> 354.4k
    assert rows["sequels-reduce"]["status"] == "similar"  # 20.3% -> 19.4%
    # Measured against the 2020/21 year-end in the published table: not like for like.
    assert rows["annual-reviews"]["status"] == "not comparable"
    assert (
        rows["annual-reviews"]["reason"] == "different period basis: 2020/21 against Apr-Nov 2021"
    )
    assert data["summary"]["sentence"].startswith("Of ")


def test_table_orders_most_important_first_and_ends_with_the_sentence(example):
    import_all(example)
    text = perfcli("diff", "2023-24", "2024-25", "-w", example).stdout
    assert (
        text.index("▼ worse")
        < text.index("▲ improved")
        < text.index("◀▶ similar")
        < text.index("− dropped")
    )
    assert "Of 25 measures in both periods" in text.splitlines()[-1]
    only = perfcli("diff", "2023-24", "2024-25", "-w", example, "--only-changes").stdout
    assert "◀▶ similar" not in only
    delay = diff_json(example, "2023-24", "2024-25", "--section", "delay need")
    assert {m["section"] for m in delay["measures"]} == {"Delay Need"}


def test_unlike_periods_are_refused_unless_allowed(example):
    import_all(example)
    run = perfcli("diff", "2024-25", "2025-26-Q1", "-w", example, exit=2)
    assert "unlike periods" in error_line(run) and "--allow-unlike" in error_line(run)
    perfcli("diff", "2024-25", "2025-26-Q1", "-w", example, "--allow-unlike")


def test_bad_period_lists_the_held_ones(example):
    import_all(example)
    run = perfcli("diff", "1999-00", "2023-24", "-w", example, exit=2)
    assert "no figures for 1999-00" in error_line(run) and "2023-24" in error_line(run)
    assert "FROM 'nonsense' is not a period" in error_line(
        perfcli("diff", "nonsense", "2023-24", "-w", example, exit=2)
    )


def test_new_dropped_aliased_revised_and_rating_changes(workspace, tmp_path):
    (workspace / "perfcli.toml").write_text(
        (workspace / "perfcli.toml").read_text()
        + '\n[measures.ascof-3d]\naliases = ["ASCOF 1C pt 2a"]\n'
    )
    old = appendix_workbook(tmp_path / "2022-23.xlsx", [
        ["ASCOF 1C pt 2a", "Adult aged 18+ receiving direct payments", "High", "26.0% 21/22 Nat. Ave", "36.2%", "40.0%"],
        ["Local", "Old measure", "High", "", "10", "9"],
        ["Local", "Library visits", "High", "600k Local target 2022/23", "539.9k", "500.0k"],
    ], header=HEADER_2022_23)  # fmt: skip
    new = appendix_workbook(tmp_path / "2023-24.xlsx", [
        ["ASCOF 3D", "Adult aged 18+ receiving direct payments", "High", "26.2% 22/23 Nat. Ave", "35.4%", "36.2%"],
        ["Local", "New measure", "High", "", "5", ""],
        ["Local", "Library visits", "High", "545.3k Local target 2023/24", "615.1k", "539.9k"],
    ])  # fmt: skip
    perfcli("import", old, new, "-w", workspace)
    revised = appendix_workbook(tmp_path / "2023-24-final.xlsx", [
        ["Local", "Library visits", "High", "545.3k Local target 2023/24", "615.2k", "539.9k"],
    ])  # fmt: skip
    perfcli("import", revised, "-w", workspace)
    rows = by_id(diff_json(workspace, "2022-23", "2023-24"))
    assert (
        rows["ascof-3d"]["status"] == "similar"
    )  # matched through its old code, not dropped + new
    assert rows["old-measure"]["status"] == "dropped"
    assert rows["new-measure"]["status"] == "new"
    visits = rows["library-visits"]
    assert visits["status"] == "rating up"  # below the 600k target -> above the 545.3k one
    assert set(visits["flags"]) == {"revised", "comparator changed"}
    assert (visits["from"]["rating"], visits["to"]["rating"]) == ("below", "better")


# The statuses the README documents.
STATUSES = (
    "rating up",
    "rating down",
    "worse",
    "improved",
    "similar",
    "new",
    "dropped",
    "not comparable",
)


class SideShape(BaseModel):
    model_config = ConfigDict(extra="forbid")
    period: str | None
    value: float | None
    value_text: str | None
    rating: str | None
    progress: str | None


class RowShape(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    description: str
    section: str | None
    status: Literal[STATUSES]  # type: ignore[valid-type]
    flags: list[Literal["revised", "comparator changed"]]
    change: float | None
    change_unit: Literal["pp", "%"] | None
    reason: str
    from_: SideShape | None = None
    to: SideShape | None


def test_json_output_has_the_documented_shape(example):
    import_all(example)
    data = diff_json(example, "2023-24", "2024-25")
    assert set(data) == {"from", "to", "measures", "summary"}
    assert (data["from"], data["to"]) == ("2023-24", "2024-25")
    for row in data["measures"]:
        RowShape.model_validate(
            {**{k: v for k, v in row.items() if k != "from"}, "from_": row["from"]}
        )
    summary = data["summary"]
    assert set(summary) == {*STATUSES, "sentence"}
    assert sum(v for k, v in summary.items() if k != "sentence") == len(data["measures"])


# A figure is compared with its own period's predecessor, never with itself ------------------------

COMPENDIUM = ROOT / "examples" / "compendium"


LANDFILL = ["Local", "Household waste sent to landfill", "Low", "15% Local target 2023/24",
            "22.4% (2022/23)", "19.7% (2021/22)"]  # fmt: skip


def test_a_lagging_figure_is_compared_with_the_year_before_it(workspace, tmp_path):
    """A 2023/24 dashboard whose landfill figure is 2022/23's, as the compendium files it, and a
    band measure above its band (seed 000's Delay Need, 12.8% -> 19.1% against 10%-15%)."""
    book = appendix_workbook(tmp_path / "2023-24.xlsx", [
        LANDFILL,
        ["Local", "% of sequels that 'Delay Need'", "Target Band Width",
         "10% - 15% Local target 2023/24", "19.1%", "12.8%"],
    ])  # fmt: skip
    ws = workspace
    perfcli("import", book, "-w", ws)
    rows = by_id(diff_json(ws, "2022-23", "2023-24"))
    rated = by_id(json.loads(perfcli("rate", "-p", "2023-24", "-f", "json", "-w", ws).stdout))
    landfill = rows["household-waste-sent-to-landfill"]
    assert (landfill["from"]["period"], landfill["from"]["value_text"]) == (
        "2021-22",
        "19.7% (2021/22)",
    )
    assert (landfill["to"]["period"], landfill["to"]["value_text"]) == (
        "2022-23",
        "22.4% (2022/23)",
    )
    assert (landfill["status"], landfill["change"], landfill["change_unit"]) == ("worse", 2.7, "pp")
    assert (
        landfill["to"]["progress"]
        == rated["household-waste-sent-to-landfill"]["progress"]
        == "worse"
    )
    delay = rows["pct-of-sequels-that-delay-need"]
    assert (delay["from"]["value"], delay["to"]["value"], delay["change"]) == (12.8, 19.1, 6.3)
    assert delay["to"]["rating"] == rated["pct-of-sequels-that-delay-need"]["rating"] == "below"
    table = perfcli("diff", "2022-23", "2023-24", "-w", ws, env={"COLUMNS": "240"}).stdout
    landfill_line = next(line for line in table.splitlines() if "landfill" in line)
    assert "19.7% (2021/22)" in landfill_line and "22.4% (2022/23)" in landfill_line
    assert "+2.7 pp" in landfill_line and "▼ worse" in landfill_line
    delay_line = next(line for line in table.splitlines() if "Delay Need" in line)
    assert "✘ above band" in delay_line
    shown = perfcli("rate", "-p", "2023-24", "-w", ws, env={"COLUMNS": "240"}).stdout
    assert "✘ above band" in next(line for line in shown.splitlines() if "Delay Need" in line)


def test_with_no_earlier_figure_held_a_lagging_figure_is_not_similar(workspace, tmp_path):
    # Residual waste's 2023/24 column holds 2022/23's figure; nothing is held for 2021/22.
    header = [*HEADER[:4], "2023/24 Performance", "2021/22 Performance"]
    book = appendix_workbook(tmp_path / "2023-24.xlsx", [
        LANDFILL,
        ["Local", "Residual household waste, kg per household", "Low", "", "512 (2022/23)", ""],
    ], header=header)  # fmt: skip
    perfcli("import", book, "-w", workspace)
    residual = by_id(diff_json(workspace, "2022-23", "2023-24"))[
        "residual-household-waste-kg-per-household"
    ]
    assert (residual["status"], residual["reason"]) == (
        "not comparable",
        "no earlier figure: none held for 2021/22",
    )
    assert residual["from"] == {"period": "2021-22", "value": None, "value_text": None,
                                "rating": None, "progress": None}  # fmt: skip
    assert (residual["to"]["value"], residual["change"]) == (512.0, None)


def test_the_compendium_s_diff_counts_as_its_part_7(tmp_path):
    ws = tmp_path / "compendium"
    shutil.copytree(COMPENDIUM, ws, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    import_all(ws)
    data = diff_json(ws, "2022-23", "2023-24")
    counts = {k: data["summary"][k] for k in ("improved", "similar", "worse")}
    assert counts == {"improved": 22, "similar": 12, "worse": 8}
    rows = by_id(data)
    landfill = rows["household-waste-sent-to-landfill-synthetic"]
    assert (landfill["from"]["value_text"], landfill["to"]["value_text"]) == (
        "19.7% (2021/22)",
        "22.4% (2022/23)",
    )
    assert (landfill["status"], landfill["change"]) == ("worse", 2.7)
    fly = rows["fly-tipping-incidents-per-1-000-pop-synthetic"]
    assert (fly["from"]["value"], fly["to"]["value"], fly["status"]) == (7.4, 6.1, "improved")
    table = perfcli("diff", "2022-23", "2023-24", "-w", ws, env={"COLUMNS": "240"}).stdout
    line = next(line for line in table.splitlines() if "sent to landfill" in line)
    assert all(f in line for f in ("▼ worse", "19.7% (2021/22)", "22.4% (2022/23)", "+2.7 pp"))
    assert "✘ above band" in next(line for line in table.splitlines() if "'Delay Need'" in line)
    rated = json.loads(perfcli("rate", "-p", "2023-24", "-f", "json", "-w", ws).stdout)
    for measure in rated["measures"]:
        row = rows[measure["id"]]
        assert row["to"]["progress"] == measure["progress"], measure["id"]
        if row["status"] in ("improved", "similar", "worse"):
            assert row["status"] == measure["progress"], measure["id"]
            assert row["from"]["period"] == measure["previous_period"], measure["id"]


def test_the_rating_column_is_rate_s_with_its_band_words(example):
    import_all(example)
    table = perfcli("diff", "2022-23", "2023-24", "-w", example, env={"COLUMNS": "240"}).stdout
    lines = table.splitlines()
    delay = next(line for line in lines if "'Delay Need'" in line)  # 12.8% -> 19.1%, band 10-15%
    assert "12.8%" in delay and "19.1%" in delay and "+6.3 pp" in delay
    assert "✘ above band" in delay
    prevent = next(line for line in lines if "'Prevent" in line)  # 49.2%, band 55-60%
    assert "✘ below band" in prevent
