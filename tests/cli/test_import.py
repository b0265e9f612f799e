"""`perfcli import` on real workbooks and CSVs made in the test."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.conftest import HEADER, appendix_workbook, error_line, perfcli

pytestmark = pytest.mark.usefixtures("reader")  # each test with both .xlsx readers

ROWS = [
    ["PREVENT NEED"],
    [
        "Leicestershire County Council's Strategic Plan 2022-26",
        "Safe and Well",
        "Carers are supported",
    ],
    [
        "Local",
        "% of sequels that 'Prevent Need'",
        "Target Band Width",
        "55% - 60% Local target 2023/24",
        0.492,
        0.567,
    ],
    ["Local", "Library visits", "High", "545.3k Local target 2023/24", 615100, 539900],
    [
        "ASCOF 2B",
        "Permanent admissions to care (aged 18-64) per 100,000 pop.",
        "Low",
        "14.6 per 100k pop. 22/23 Nat. Ave",
        "13.7 per 100k Pop. Actual 58 Admissions in 23/24",
        "12.1 per 100k Pop. Actual 51 Admissions in 22/23",
    ],
    ["DELAY NEED"],
    [
        "ASCOF 2A",
        "% of people who had no need for ongoing services following reablement",
        "High",
        "77.5% 22/23 Nat. Ave",
        0.896,
        0.878,
    ],
]
FORMATS = {
    "E7": "0.0%",
    "F7": "0.0%",
    "E8": '#,##0.0,"k"',
    "F8": '#,##0.0,"k"',
    "E11": "0.0%",
    "F11": "0.0%",
}


def seed_000_workbook(path: Path) -> Path:
    """Rows from seed 000, header on row 4 below a merged title, numbers held with Excel formats."""
    return appendix_workbook(path, ROWS, formats=FORMATS)


def measures(ws: Path) -> dict[str, dict]:
    out = perfcli("measures", "--workspace", ws, "--format", "json").stdout
    return {m["id"]: m for m in json.loads(out)["measures"]}


def history(ws: Path, measure: str) -> list[dict]:
    return json.loads(perfcli("history", measure, "-w", ws, "-f", "json").stdout)["history"]


def test_import_reads_formatted_numbers_as_the_reader_sees_them(workspace, tmp_path):
    book = seed_000_workbook(tmp_path / "dashboard.xlsx")
    run = perfcli("import", book, "--workspace", workspace)
    assert "dashboard.xlsx: imported — 4 measures for 2023/24" in run.stdout
    assert "8 new, 0 revised, 0 unchanged" in run.stdout
    found = measures(workspace)
    sequels = found["pct-of-sequels-that-prevent-need"]
    assert (sequels["aim"], sequels["unit"], sequels["section"]) == (
        "band",
        "percent",
        "Prevent Need",
    )
    assert sequels["outcome"] == "Safe and Well — Carers are supported"
    assert sequels["periods"] == ["2022-23", "2023-24"]
    assert found["ascof-2a"]["section"] == "Delay Need"
    assert found["ascof-2b"]["unit"] == "rate_per_100k"
    assert found["library-visits"]["unit"] == "count"
    values = {
        h["period"]: (h["value_text"], h["value"])
        for h in history(workspace, "pct-of-sequels-that-prevent-need")
    }
    assert values == {"2023-24": ("49.2%", 49.2), "2022-23": ("56.7%", 56.7)}
    visits = {
        h["period"]: (h["value_text"], h["value"]) for h in history(workspace, "library-visits")
    }
    assert visits["2023-24"] == ("615.1k", 615100)


def test_importing_the_same_file_twice_changes_nothing(workspace, tmp_path):
    book = seed_000_workbook(tmp_path / "dashboard.xlsx")
    perfcli("import", book, "-w", workspace)
    db = workspace / "perfcli.db"
    before = sqlite3.connect(db).execute("SELECT count(*) FROM imports").fetchone()
    run = perfcli("import", book, "-w", workspace)
    assert "no changes" in run.stdout and "0 new, 0 revised, 8 unchanged" in run.stdout
    assert sqlite3.connect(db).execute("SELECT count(*) FROM imports").fetchone() == before


def test_a_changed_figure_is_kept_as_a_revision(workspace, tmp_path):
    book = seed_000_workbook(tmp_path / "provisional.xlsx")
    perfcli("import", book, "-w", workspace)
    rows = [list(r) for r in ROWS]
    rows[-1][4] = 0.891  # final figure differs from the provisional one
    final = appendix_workbook(tmp_path / "final.xlsx", rows, formats=FORMATS)
    run = perfcli("import", final, "-w", workspace)
    assert "1 revised" in run.stdout
    entries = history(workspace, "ASCOF 2A")
    year = [e for e in entries if e["period"] == "2023-24"]
    assert [(e["value_text"], e["status"], e["file"]) for e in year] == [
        ("89.6%", "superseded", "provisional.xlsx"),
        ("89.1%", "current", "final.xlsx"),
    ]
    table = perfcli("history", "ascof-2a", "-w", workspace).stdout
    assert "○ superseded" in table and "● current" in table


def test_header_may_sit_anywhere_and_a_title_names_the_quarter(workspace, tmp_path):
    header = [
        "Measure",
        "Description",
        "Aim",
        "Rating",
        "2025/26 Performance",
        "2024/25 Performance",
    ]
    book = tmp_path / "q1.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Dashboard"
    for _ in range(6):
        ws.append([])
    ws.append(["Adults and Communities Performance 2025/26 April to June 2025"])
    ws.append(header)
    ws.append(["Local", "Junior loans", "High", "187.5k Local Q1 Milestone", "159.1k", "186.2k"])
    wb.save(book)
    perfcli("import", book, "-w", workspace)
    assert measures(workspace)["junior-loans"]["periods"] == ["2024-25-Q1", "2025-26-Q1"]


def test_period_option_overrides_the_title(workspace, tmp_path):
    book = appendix_workbook(
        tmp_path / "ytd.xlsx", [["Local", "Heritage visits", "High", "", "182.0k", "84.6k"]]
    )
    perfcli("import", book, "-w", workspace, "--period", "2023-24-apr-nov")
    assert measures(workspace)["heritage-visits"]["periods"] == [
        "2022-23-apr-nov",
        "2023-24-apr-nov",
    ]


def test_tidy_csv_with_a_measures_file(workspace, tmp_path):
    defs = tmp_path / "measures.csv"
    defs.write_text(
        "ID;Measure;Description;Aim;Unit\nlibrary-visits;Local;Library visits;High;count\n",
        encoding="cp1252",
    )
    data = tmp_path / "values.csv"
    data.write_text(
        "ID,Period,Value,Comparator\nlibrary-visits,2023/24,615.1k,545.3k Local target 2023/24\n"
        "library-visits,2022/23,539.9k,\n",
        encoding="utf-8-sig",
    )
    perfcli("import", defs, data, "-w", workspace)
    found = measures(workspace)["library-visits"]
    assert found["periods"] == ["2022-23", "2023-24"]
    assert [h["value"] for h in history(workspace, "library-visits")] == [539900, 615100]


def test_windows_1252_csv_in_appendix_layout(workspace, tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_text(
        ",".join(HEADER) + "\nLocal,Spend per head,High,£900 Local target 2023/24,£915,£880\n",
        encoding="cp1252",
    )
    perfcli("import", path, "-w", workspace)
    assert [h["value_text"] for h in history(workspace, "spend-per-head")] == ["£880", "£915"]


def test_semicolon_csv_with_a_title_line(workspace, tmp_path):
    """Excel in much of Europe saves with semicolons; a title line above the table has none."""
    path = tmp_path / "export.csv"
    path.write_text(
        "Adults and Communities Performance 2023/24\n"
        + ";".join(HEADER)
        + "\nLocal;Reablement;High;80% Local target 2023/24;87.1% (1,227 out of 1,408);85.0%\n"
        "Local;Library visits;High;545.3k Local target 2023/24;615.1k;539.9k\n",
        encoding="utf-8",
    )
    perfcli("import", path, "-w", workspace)
    assert [h["value_text"] for h in history(workspace, "reablement")] == [
        "85.0%",
        "87.1% (1,227 out of 1,408)",
    ]


# Bad input: one line naming file, sheet and cell; exit 1 (data) or 2 (usage); nothing written.


def store_rows(workspace: Path) -> int:
    db = workspace / "perfcli.db"
    if not db.exists():
        return 0
    return sqlite3.connect(db).execute("SELECT count(*) FROM observations").fetchone()[0]


def test_missing_file(workspace, tmp_path):
    run = perfcli("import", tmp_path / "nope.xlsx", "-w", workspace, exit=1)
    # Where it was looked for, when that is not here (a trial's data/x.xlsx said only x.xlsx).
    assert (
        error_line(run) == f"Error: nope.xlsx: no such file (looked for {tmp_path / 'nope.xlsx'})"
    )


def test_a_folder_is_not_a_file(workspace, tmp_path):
    folder = tmp_path / "Q1 returns.xlsx"
    folder.mkdir()
    run = perfcli("import", folder, "-w", workspace, exit=1)
    assert error_line(run) == "Error: Q1 returns.xlsx: is a folder, not a file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file, whatever its mode")
def test_a_file_without_read_permission(workspace, tmp_path):
    book = seed_000_workbook(tmp_path / "locked.xlsx")
    book.chmod(0)
    run = perfcli("validate", book, "-w", workspace, exit=1)
    assert "locked.xlsx: cannot be read (permission denied)" in run.stdout
    run = perfcli("import", book, "-w", workspace, exit=1)
    assert error_line(run) == "Error: locked.xlsx: cannot be read (permission denied)"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("name", ["device.xlsx", "device.csv"])
def test_a_path_the_system_cannot_read(workspace, tmp_path, name):
    """Reading /proc/self/mem from its start fails with an I/O error, as a failing disk would."""
    path = tmp_path / name
    path.symlink_to("/proc/self/mem")
    run = perfcli("import", path, "-w", workspace, exit=1)
    assert error_line(run) == f"Error: {name}: cannot be read (Input/output error)"
    assert store_rows(workspace) == 0


def test_not_a_workbook(workspace, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK not a workbook \x00\x01")
    run = perfcli("import", path, "-w", workspace, exit=1)
    assert error_line(run).startswith("Error: broken.xlsx: is not an Excel workbook")


def test_empty_sheet(workspace, tmp_path):
    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    run = perfcli("import", path, "-w", workspace, exit=1)
    assert error_line(run) == (
        'Error: empty.xlsx, sheet "Sheet": is empty (save the dashboard\'s figures in it first,'
        " or leave it out of the import)"
    )


def test_no_recognisable_header(workspace, tmp_path):
    path = tmp_path / "notes.xlsx"
    wb = Workbook()
    wb.active.append(["Some notes", "about nothing"])
    wb.save(path)
    run = perfcli("import", path, "-w", workspace, exit=1)
    assert error_line(run).startswith(
        'Error: notes.xlsx, sheet "Sheet": no recognisable header row'
    )


def test_a_row_typed_twice_names_both_rows(workspace, tmp_path):
    rows = [
        ["ASCOF 3C", "% of SUs who find it easy to find information", "High", "", 0.593, 0.618],
        ["ASCOF 3C", "% of SUs who find it easy to find information", "High", "", 0.561, 0.494],
    ]
    path = appendix_workbook(tmp_path / "dup.xlsx", rows)
    run = perfcli("import", path, "-w", workspace, exit=1)
    assert error_line(run) == (
        'Error: dup.xlsx, sheet "Appendix A", cell A6: measure ascof-3c appears twice (first on row 5)'
        " (give each row its own ID)"
    )
    assert store_rows(workspace) == 0


def test_formula_without_saved_value(workspace, tmp_path):
    rows = [["Local", "Library visits", "High", "", "=F5*1.1", 539900]]
    path = appendix_workbook(tmp_path / "script.xlsx", rows)
    run = perfcli("import", path, "-w", workspace, exit=1)
    line = error_line(run)
    assert line.startswith(
        'Error: script.xlsx, sheet "Appendix A", cell E5: formula with no saved value'
    )


def test_unparseable_value(workspace, tmp_path):
    path = appendix_workbook(
        tmp_path / "typo.xlsx", [["Local", "Library visits", "High", "", "615..1k", "539.9k"]]
    )
    run = perfcli("import", path, "-w", workspace, exit=1)
    assert error_line(run) == (
        "Error: typo.xlsx, sheet \"Appendix A\", cell E5: cannot read '615..1k': unexpected '..1k' after the number"
    )


def test_the_seed_000_target_typo_is_refused_with_its_cell(workspace, tmp_path):
    rows = [["Local", "Heritage visits", "High", "133.5k Local target 2023/34", "134.1k", "127.1k"]]
    path = appendix_workbook(tmp_path / "seed000.xlsx", rows)
    run = perfcli("import", path, "-w", workspace, exit=1)
    line = error_line(run)
    assert 'seed000.xlsx, sheet "Appendix A", cell D5' in line
    assert "34 does not follow 2023" in line and "did you mean 2023/24?" in line


def test_bad_period_in_a_column_heading(workspace, tmp_path):
    header = [
        "Measure",
        "Description",
        "Aim",
        "Comparator",
        "2023/34 Performance",
        "2022/23 Performance",
    ]
    path = appendix_workbook(
        tmp_path / "head.xlsx", [["Local", "Library visits", "High", "", "1", "2"]], header=header
    )
    run = perfcli("import", path, "-w", workspace, exit=1)
    assert 'head.xlsx, sheet "Appendix A", cell E4: column heading' in error_line(run)


def test_unknown_aim(workspace, tmp_path):
    path = appendix_workbook(
        tmp_path / "aim.xlsx", [["Local", "Library visits", "Hihg", "", "1", "2"]]
    )
    run = perfcli("import", path, "-w", workspace, exit=1)
    assert "cell C5: unknown aim 'Hihg'" in error_line(run)


def test_one_bad_file_writes_nothing_from_any_file(workspace, tmp_path):
    good = seed_000_workbook(tmp_path / "good.xlsx")
    bad = appendix_workbook(
        tmp_path / "bad.xlsx", [["Local", "Library visits", "High", "", "1..2", "2"]]
    )
    perfcli("import", good, bad, "-w", workspace, exit=1)
    assert store_rows(workspace) == 0


def test_no_workspace_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = perfcli("import", tmp_path / "x.xlsx", exit=2, env={"PERFCLI_WORKSPACE": ""})
    assert "no workspace" in error_line(run)


def test_workspace_from_environment(workspace, tmp_path):
    book = seed_000_workbook(tmp_path / "dashboard.xlsx")
    perfcli("import", book, env={"PERFCLI_WORKSPACE": str(workspace)})
    assert "ascof-2a" in measures(workspace)


@pytest.mark.parametrize("argv", [["history", "nosuch"], ["measures"]])
def test_reading_an_empty_workspace(workspace, argv):
    run = perfcli(*argv, "-w", workspace, exit=2)
    assert "nothing imported yet" in error_line(run)


def _limits(workspace: Path, text: str) -> None:
    config = workspace / "perfcli.toml"
    config.write_text(config.read_text() + f"\n[import]\n{text}\n")


def test_file_over_the_size_limit_is_refused(workspace, tmp_path):
    _limits(workspace, "max_file_mb = 0.001")
    book = seed_000_workbook(tmp_path / "big.xlsx")
    run = perfcli("import", book, "-w", workspace, exit=1)
    assert "over the limit of 1,000" in error_line(
        run
    ) and "max_file_mb under [import]" in error_line(run)


def test_zip_bomb_is_refused_before_unpacking(workspace, tmp_path):
    import zipfile

    _limits(workspace, "max_unzipped_mb = 1")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
    assert bomb.stat().st_size < 100_000
    run = perfcli("import", bomb, "-w", workspace, exit=1)
    assert error_line(run).startswith(
        "Error: bomb.xlsx: unpacks to 5,000,000 bytes, over the limit of 1,000,000"
    )


def test_macro_workbook_is_read_with_a_warning(workspace, tmp_path):
    book = seed_000_workbook(tmp_path / "macros.xlsm")
    run = perfcli("import", book, "-w", workspace)
    assert "never runs its macros" in run.stderr and "imported" in run.stdout


def test_xml_entity_expansion_is_refused(workspace, tmp_path):
    import zipfile

    source = seed_000_workbook(tmp_path / "plain.xlsx")
    evil = tmp_path / "evil.xlsx"
    doctype = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = doctype + data.replace(b"Adults and Communities Performance 2023/24", b"&c;")
            dst.writestr(item, data)
    run = perfcli("import", evil, "-w", workspace, exit=1)
    assert error_line(run).startswith("Error: evil.xlsx: holds XML entity or DTD declarations")
    assert store_rows(workspace) == 0


def test_the_blank_entry_workbook_among_others_is_passed_over(workspace):
    """`perfcli import data/*.xlsx` after `init`: the untouched entry workbook is warned of, and
    the officer's own workbook beside it imported."""
    blank = workspace / "data" / "appendix-a.xlsx"
    own = seed_000_workbook(workspace / "data" / "dashboard.xlsx")
    run = perfcli("import", blank, own, "-w", workspace)
    assert 'appendix-a.xlsx, sheet "Appendix A": holds no measures' in run.stderr
    assert "nothing read from it" in run.stderr
    assert "library-visits" in measures(workspace)


def test_the_blank_entry_workbook_alone_is_refused(workspace):
    run = perfcli("import", workspace / "data" / "appendix-a.xlsx", "-w", workspace, exit=1)
    assert "appendix-a.xlsx" in error_line(run) and "holds no measures" in error_line(run)
    assert store_rows(workspace) == 0


def test_a_refused_first_import_leaves_no_store_behind(workspace, tmp_path):
    """A trial found an empty perfcli.db after a first import refused for bad data (or stopped
    with Ctrl-C): the files are checked as validate checks them before a store is made."""
    rows = [["Local", "Library visits", "High", "", "12,3,4", "1,100"],
            ["Local", "Museum visits", "High", "", "-5", "1,100"]]  # fmt: skip
    path = appendix_workbook(tmp_path / "bad.xlsx", rows)
    run = perfcli("import", path, "-w", workspace, exit=1)
    assert "2 errors" in run.stderr
    assert not (workspace / "perfcli.db").exists()
    good = appendix_workbook(tmp_path / "good.xlsx", [rows[0][:4] + ["1,234", "1,100"]])
    perfcli("import", good, "-w", workspace)  # made now, and a second import checks against it
    perfcli("import", path, "-w", workspace, exit=1)
    assert [m["id"] for m in measures(workspace).values()] == ["library-visits"]


def test_ctrl_c_while_the_command_loads_is_quiet(tmp_path):
    """Python's own handler printed a traceback of whichever import Ctrl-C stopped."""
    import signal
    import subprocess
    import sys

    code = (
        "import os, signal, sys; sys.argv[0] = 'perfcli'; import perfcli.cli;"
        " os.kill(os.getpid(), signal.SIGINT); print('not stopped')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "")
    library = "import os, signal, perfcli.cli; os.kill(os.getpid(), signal.SIGINT)"
    as_a_library = subprocess.run([sys.executable, "-c", library], capture_output=True, text=True)
    assert as_a_library.returncode == -signal.SIGINT and "KeyboardInterrupt" in as_a_library.stderr
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # pytest's own kept
