"""What `import`, `import-national` and `draft-report` print for programs (`--format json|csv`),
and the same `to_dict()` a script gets from the API: a trial found `ImportResult` had none,
though the README says every result has one."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from perfcli import Workspace
from tests.cli.test_example import import_all
from tests.conftest import appendix_workbook, perfcli, unwrapped

# Typed as an officer types it: no ID column, codes as printed; one figure a text.
ROWS = [
    ["Local", "Library visits", "High", "545.3k Local target 2023/24", 615100, 539900],
    ["ASCOF 2A", "People who had no need for ongoing services after reablement", "High",
     "77.5% 22/23 Nat. Ave", "see note", "80.0%"],
]  # fmt: skip


def test_import_prints_each_file_and_finding_as_json_and_csv(workspace, tmp_path):
    path = appendix_workbook(tmp_path / "dashboard.xlsx", ROWS)
    run = perfcli("import", path, "-w", workspace, "--force", "-f", "json")
    data = json.loads(run.stdout)
    (brought,) = data["files"]
    assert {k: brought[k] for k in ("file", "changed", "report_periods", "measures")} == {
        "file": "dashboard.xlsx", "changed": True, "report_periods": ["2023-24"], "measures": 2,
    }  # fmt: skip
    assert (brought["figures_new"], brought["figures_revised"], brought["lines_new"]) == (4, 0, 2)
    assert [f["code"] for f in data["findings"]] == ["value.text"]
    assert data["findings"][0]["location"].startswith("dashboard.xlsx")
    assert data["summary"] == {"error": 0, "warning": 1, "info": 0}
    assert "✔" not in run.stdout  # the line for people is left out
    again = perfcli("import", path, "-w", workspace, "--force", "-f", "csv")
    (row,) = list(csv.DictReader(io.StringIO(again.stdout)))
    assert (row["changed"], row["figures_unchanged"], row["report_periods"]) == (
        "false",  # as JSON writes it, not Python's False
        "4",
        '["2023-24"]',
    )


def test_import_national_prints_each_file_as_json(example):
    import_all(example)
    files = sorted((example / "national").glob("*.csv"))
    data = json.loads(perfcli("import-national", *files, "-w", example, "-f", "json").stdout)
    (brought,) = data["files"]
    assert brought == {
        "file": "ascof-2023-24-SYNTHETIC.csv", "layout": "ascof", "periods": ["2023-24"],
        "measures": 7, "areas": 15, "new": 105, "changed": 0, "suppressed": 1,
        "unmapped": ["1Z"], "levels": {}, "twins": [], "forced": False,
    }  # fmt: skip


def test_draft_report_prints_its_summary_as_json(example, tmp_path):
    import_all(example)
    output = tmp_path / "report.docx"
    data = json.loads(
        perfcli("draft-report", "-c", "adults", "-w", example, "-o", output, "-f", "json").stdout
    )
    assert Path(data["written"]) == output and output.is_file()
    assert (data["period"], data["measures"], data["tables"], data["pdf"]) == (
        "2025-26-Q1", 25, 8, None,
    )  # fmt: skip
    assert data["paragraphs"] > 10 and data["findings"] == []


def test_every_result_a_script_gets_has_to_dict_as_the_command_prints(example, tmp_path):
    ws = Workspace.open(example)
    imported = ws.import_files(sorted((example / "data").glob("*.xlsx")))
    assert [f["measures"] for f in imported.to_dict()["files"]] == [30, 29, 25]
    (national,) = ws.import_national(sorted((example / "national").glob("*.csv")))
    assert national.to_dict()["new"] == 105
    drafted = ws.draft_report("adults", period="2023-24", output=tmp_path / "r.docx")
    assert drafted.to_dict()["measures"] == 29
    for result in (ws.rate(), ws.measures(), ws.history("ascof-2a"), ws.benchmark()):
        assert json.loads(json.dumps(result.to_dict()))


def test_a_refused_import_prints_every_finding_for_a_program(workspace, tmp_path):
    """A third trial's `import bad.xlsx -f json` printed nothing on stdout when refused."""
    rows = [["Local", "Library visits", "High", "", "12,3,4", "1,100"],
            ["Local", "Museum visits", "High", "", "-5", "1,100"]]  # fmt: skip
    path = appendix_workbook(tmp_path / "bad.xlsx", rows)
    run = perfcli("import", path, "-w", workspace, "-f", "json", exit=1)
    data = json.loads(run.stdout)
    assert data["files"] == [] and data["summary"]["error"] == 2
    assert [f["location"] for f in data["findings"] if f["severity"] == "error"] == [
        'bad.xlsx, sheet "Appendix A", cell E5', 'bad.xlsx, sheet "Appendix A", cell E6',
    ]  # fmt: skip
    assert run.stderr.startswith("Error: 2 errors found, nothing imported")


def test_one_bad_cell_is_checks_failed_too_with_its_own_line(workspace, tmp_path):
    """The README says import_files raises ChecksFailed with every finding; one bad cell raised
    a bare InputError, and ChecksFailed could not be imported from perfcli."""
    import pytest

    from perfcli import ChecksFailed

    path = appendix_workbook(tmp_path / "bad.xlsx", [["Local", "Visits", "High", "", "1..2", "3"]])
    with pytest.raises(ChecksFailed) as caught:
        Workspace.open(workspace).import_files(path)
    assert str(caught.value).startswith('bad.xlsx, sheet "Appendix A", cell E5: ')
    assert [f.code for f in caught.value.findings] == ["file.unreadable"]  # not "no figure" too
    run = perfcli("import", path, "-w", workspace, exit=1)  # the CLI's one line, as it was
    assert run.stderr.splitlines() == [f"Error: {caught.value}"]


def test_make_returns_and_store_upgrade_have_to_dict(example):
    ws = Workspace.open(example)
    ws.import_files(sorted((example / "data").glob("*.xlsx")))
    made = ws.make_returns("2025-26-Q1", due="2025-07-15").to_dict()
    assert (made["period"], made["due"], len(made["made"])) == ("2025-26-Q1", "2025-07-15", 3)
    assert made["made"][0]["file"].endswith(".xlsx") and made["made"][0]["measures"]
    upgraded = ws.upgrade_store()
    store, before, after = upgraded  # still a tuple to a script that unpacked one
    assert upgraded.to_dict() == {"store": store, "before": before, "after": after}
    assert before == after


def test_import_names_the_file_of_a_finding_about_a_measure_as_validate_does(workspace, tmp_path):
    """A trial: import's stale-comparator warning named the measure but not the file of two."""
    stale = appendix_workbook(tmp_path / "stale.xlsx", [
        ["ASCOF 1A", "Control over daily life", "High", "77.6% 20/21 Nat. Ave.", "81.2%", "79.5%"],
    ])  # fmt: skip
    other = appendix_workbook(tmp_path / "other.xlsx", [ROWS[0]])
    checked = json.loads(perfcli("validate", stale, other, "-w", workspace, "-f", "json").stdout)
    run = perfcli("import", stale, other, "-w", workspace, "-f", "json")
    imported = json.loads(run.stdout)["findings"]
    for findings in (checked["findings"], imported):
        [found] = [f for f in findings if f["code"] == "comparator.stale"]
        assert found["location"] == "stale.xlsx: ascof-1a, 2023-24"


def test_a_refused_import_names_the_file_being_imported_not_the_one_read_before(
    workspace, tmp_path
):
    """A trial: a copy of a file imported before (with --force) was refused naming the first
    file's cells, though the copy was the one being imported."""
    import shutil

    first = appendix_workbook(tmp_path / "dash.xlsx", [
        ["Local", "% of people satisfied", "High", "", "135.4%", "79.0%"],
    ])  # fmt: skip
    perfcli("import", first, "-w", workspace, "--force")
    again = tmp_path / "copy.xlsx"
    shutil.copy(first, again)
    said = " ".join(perfcli("import", again, "-w", workspace, exit=1).stderr.split())
    assert 'first: copy.xlsx, sheet "Appendix A", cell E5' in said and "dash.xlsx" not in said


def test_a_printed_mark_is_named_in_the_file_being_imported(example, tmp_path):
    """A trial: a dashboard imported again under another name warned of its printed mark at the
    first file's cell. Seed 001's ASCOF 2C: printed ▼, where perfcli gives an improvement."""
    import shutil

    dashboard = example / "data" / "appendix-a-2025-26-q1.xlsx"
    first = perfcli("import", dashboard, "-w", example, "--format", "json").stdout
    [mark] = [f for f in json.loads(first)["findings"] if f["code"] == "mark.disagrees"]
    assert mark["location"] == 'appendix-a-2025-26-q1.xlsx, sheet "Appendix A", cell F46'
    again = tmp_path / "q1 copy.xlsx"
    shutil.copy(dashboard, again)
    second = perfcli("import", again, "-w", example, "--format", "json").stdout
    [mark] = [f for f in json.loads(second)["findings"] if f["code"] == "mark.disagrees"]
    assert mark["location"] == 'q1 copy.xlsx, sheet "Appendix A", cell F46'


def test_counts_of_a_thousand_or_more_are_written_with_separators(tmp_path, workspace):
    """`20,000 measures … figures: 40000 new` and `20 of the 13363 are listed` in one summary,
    as a fresh trial read it. SYNTHETIC rows."""
    rows = [["Local", f"Synthetic measure {n} (SYNTHETIC)", "High", "-5 Local target 2023/24",
             str(n % 7 - 9), str(n % 5 - 9)] for n in range(600)]  # fmt: skip
    run = perfcli("import", appendix_workbook(tmp_path / "many.xlsx", rows), "-w", workspace,
                  "--force")  # fmt: skip
    assert "imported — 600 measures for 2023/24; figures: 1,200 new, 0 revised" in run.stdout
    assert "20 of the 1,200 are listed" in unwrapped(run.stderr)  # a negative count in each cell
