"""A new user's trial of `perfcli import-national` on the compendium example (examples/compendium,
its SYNTHETIC comparators), with the small long tables a user writes by hand."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, error_line, perfcli

EXAMPLE = ROOT / "examples" / "compendium"
COMPARATORS = "national/county-comparators-2019-20-to-2023-24-SYNTHETIC.csv"
TREES = "Trees planted (SYNTHETIC)"
HEADER = "Area code,Area name,Level,Measure,Period,Value\n"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The compendium with its dashboards imported, once for the module."""
    workspace = tmp_path_factory.mktemp("compendium") / "ws"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    perfcli("import", *sorted((workspace / "data").glob("*.xlsx")), "-w", workspace)
    return workspace


@pytest.fixture
def compendium(imported: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(imported, tmp_path / "ws"))


def long_table(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def trees(workspace: Path) -> dict:
    run = perfcli("benchmark", "-w", workspace, "-f", "json")
    return next(
        m for m in json.loads(run.stdout)["measures"] if m["id"] == "trees-planted-synthetic"
    )


def test_a_council_s_level_ranks_it_and_an_unknown_level_is_named(compendium, tmp_path):
    """Was: County, County council, … imported, then left out: '1 of 1 Top'."""
    path = long_table(
        tmp_path / "eng.csv",
        f"E10000018,Leicestershire,County,{TREES},2023/24,92000",
        f"E10000003,Cambridgeshire,county council,{TREES},2023/24,70000",
        f"E10000007,Derbyshire,Shire county,{TREES},2023/24,95000",
        f"E10000008,Devon,Upper tier,{TREES},2023/24,60000",
        f"E06000060,Buckinghamshire,Unitary,{TREES},2023/24,50000",
        f"E12000004,East Midlands,Region,{TREES},2023/24,85000",
        f"E92000001,England,England,{TREES},2023/24,80000",
        f"P1,Little Snoring,Parish,{TREES},2023/24,99999",
    )
    run = perfcli("import-national", path, "-w", compendium)
    assert "✔ eng.csv: 1 measure × 8 areas for 2023/24; 8 new, 0 changed" in run.stdout
    assert run.stderr.strip() == (
        "Warning: eng.csv: level 'Parish' (row 9) is not one perfcli knows: left out of ranking"
        " (a council's level is Local authority, County, Unitary, Metropolitan district, London"
        " borough, …; England's National; a region's Region)"
    )
    # 95,000, 92,000 (us), 70,000, 60,000, 50,000: the region, England and the parish not ranked.
    found = trees(compendium)
    assert (found["rank"], found["group_size"], found["quartile_name"]) == (2, 5, "Top")
    assert (found["mean"], found["median"], found["england"]) == (73400.0, 70000.0, 80000.0)


def test_a_repeated_row_with_the_same_value_is_ignored_and_another_value_is_named(
    compendium, tmp_path
):
    same = long_table(
        tmp_path / "mine.csv",
        f"E10000003,Cambridgeshire,Local authority,{TREES},2023/24,70000",
        f"E10000007,Derbyshire,Local authority,{TREES},2023/24,70000",
        f"E10000007,Derbyshire,Local authority,{TREES},2023/24,70000",
    )
    run = perfcli("import-national", same, "-w", compendium)
    assert "✔ mine.csv: 1 measure × 2 areas for 2023/24; 2 new, 0 changed" in run.stdout
    clash = long_table(
        tmp_path / "clash.csv",
        f"E10000007,Derbyshire,Local authority,{TREES},2023/24,70000",
        f"E10000007,Derbyshire,Local authority,{TREES},2023/24,71000",
    )
    assert error_line(perfcli("import-national", clash, "-w", compendium, exit=1)) == (
        "Error: clash.csv, cell F3: E10000007 Trees planted (SYNTHETIC) 2023/24 appears twice"
        " with different values (70000 on row 2, 71000 on row 3)"
    )


def test_every_problem_of_a_file_is_listed_at_once_and_nothing_is_written(compendium, tmp_path):
    """Was: three runs for three mistakes."""
    path = long_table(
        tmp_path / "three.csv",
        f"E10000003,Cambridgeshire,Local authority,{TREES},2023/24,lots",
        f"E10000007,Derbyshire,Local authority,{TREES},2023/34,70000",
        f"E10000008,Devon,Local authority,{TREES},2023/24,12%",
        f"E10000009,Dorset,Local authority,{TREES},2023/24,50000",
    )
    run = perfcli("import-national", path, "-w", compendium, exit=1)
    assert run.stderr.splitlines() == [
        "  three.csv, cell F2: 'lots' is not a number (suppression markers such as [c] or .. are"
        " skipped)",
        "  three.csv, cell E3: '2023/34' is not a period: a financial year runs from one year to"
        " the next, and 34 does not follow 2023 (did you mean 2023/24?)",
        "  three.csv, cell F4: '12%' is not a number (suppression markers such as [c] or .. are"
        " skipped)",
        "Error: 3 errors found, nothing imported; first: three.csv, cell F2: 'lots' is not a"
        " number (suppression markers such as [c] or .. are skipped)",
    ]
    assert "no national data imported" in error_line(perfcli("benchmark", "-w", compendium, exit=2))


def test_a_council_held_under_another_code_is_left_out_unless_forced(compendium, tmp_path):
    """Was: Cambridgeshire, Derbyshire and Devon ranked twice ('14 of 34')."""
    perfcli("import-national", compendium / COMPARATORS, "-w", compendium)
    held = trees(compendium)
    assert (held["rank"], held["group_size"]) == (13, 31)
    path = long_table(
        tmp_path / "mine.csv",
        f"E10000003,Cambridgeshire,Local authority,{TREES},2023/24,70000",
        f"E10000007,Derbyshire,Local authority,{TREES},2023/24,70000",
        f"E10000008,Devon,Local authority,{TREES},2023/24,99000",
    )
    run = perfcli("import-national", path, "-w", compendium)
    assert "✔ mine.csv: 0 measures × 0 areas for 2023/24; 0 new, 0 changed" in run.stdout
    assert run.stderr.splitlines() == [
        f"Warning: mine.csv: {name} is held under {code} already: its 1 figure under {new} left"
        " out, so it is not ranked twice (pass --force to import them under both codes)"
        for name, code, new in [("Cambridgeshire", "SYN002", "E10000003"),
                                ("Derbyshire", "SYN004", "E10000007"),
                                ("Devon", "SYN005", "E10000008")]
    ]  # fmt: skip
    assert trees(compendium) == held
    forced = perfcli("import-national", path, "-w", compendium, "--force")
    assert "1 measure × 3 areas for 2023/24; 3 new" in forced.stdout
    assert (
        "Warning: mine.csv: Devon is held under SYN005 already: imported under E10000008 too"
        " (--force), so it is ranked twice" in forced.stderr.splitlines()
    )
    assert (trees(compendium)["rank"], trees(compendium)["group_size"]) == (14, 34)
    # Forced in once, a council's figures under its second code are kept up to date, still said.
    path.write_text(path.read_text().replace("99000", "91000"), encoding="utf-8")
    again = perfcli("import-national", path, "-w", compendium)
    assert "1 measure × 3 areas for 2023/24; 0 new, 1 changed" in again.stdout
    assert (
        "Warning: mine.csv: Devon is held under both SYN005 and E10000008, so it is ranked"
        " twice" in again.stderr.splitlines()
    )
    assert (trees(compendium)["rank"], trees(compendium)["group_size"]) == (13, 34)


def test_counts_read_as_words_and_an_unknown_name_says_where_to_map_it(compendium, tmp_path):
    perfcli("import-national", compendium / COMPARATORS, "-w", compendium)
    path = long_table(
        tmp_path / "extra.csv", "E10000003,Cambridgeshire,Local authority,Unknown thing,2023/24,1"
    )
    run = perfcli("import-national", path, "-w", compendium)
    assert run.stdout.splitlines()[-1] == (
        "  1 measure name not in the workspace, left out: Unknown thing (to import one, map it"
        ' under [national.measures] in perfcli.toml: "Unknown thing" = "measure-id"; \'perfcli'
        " measures' lists the ids)"
    )
    copied = perfcli("store", "copy", "--to", tmp_path / "copy.db", "-w", compendium)
    assert copied.stdout.splitlines()[0].endswith(
        ": 46 measures, 91 observations, 0 revisions, 1 import, 46 report lines,"
        " 2,475 national figures"
    )
