"""`perfcli import-national` and `perfcli benchmark` on fixtures in NHS England's ASCOF layout."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import docx

from tests.cli.test_example import import_all
from tests.conftest import appendix_workbook, error_line, perfcli

HEADER = ["Geographical code", "Geographical description", "Geographical level", "ONS code",
          "ASCOF measure code", "Disaggregation level", "Measure type", "Measure value"]  # fmt: skip
OWN = "E10000018"


def ascof_csv(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    """A synthetic file in the ASCOF layout: councils, a region, a council type and England."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def council(
    code, name, measure, value, kind="Outcome", level="Local authority", disaggregation="Total"
):
    return [code, name, level, "", measure, disaggregation, kind, value]


def fixture_rows():
    rows = []
    for code, name, reablement, admissions in [
        (OWN, "Leicestershire", 89.6, 13.7), ("E1", "Council One", 91.0, 10.0), ("E2", "Council Two", 85.0, 15.0),
        ("E3", "Council Three", 85.0, 13.7), ("E4", "Council Four", 70.0, 20.0),
    ]:  # fmt: skip
        rows.append(council(code, name, "2A", reablement))
        rows.append(council(code, name, "2A", round(reablement / 100 * 1000), "Numerator"))
        rows.append(council(code, name, "2A", 1000, "Denominator"))
        rows.append(council(code, name, "2B", admissions))
        rows.append(council(code, name, "2A", 50.0, disaggregation="18 to 64"))
    rows.append(council("E12000004", "East Midlands", "2A", 80.0, level="Regional"))
    rows.append(council("CT1", "County councils", "2A", 81.0, level="Council type"))
    rows.append(council("E92000001", "England", "2A", 77.5, level="National"))
    rows.append(council("E92000001", "England", "2B", 14.6, level="National"))
    rows.append(council("E5", "Council Five", "2A", "[c]"))
    rows.append(council("E6", "Council Six", "2A", ".."))
    rows.append(council("E1", "Council One", "9Z", 1.0))
    return rows


def measures_workspace(workspace: Path, tmp_path: Path) -> Path:
    rows = [
        ["ASCOF 2A", "% of people who had no need for ongoing services following reablement", "High", "", "89.6%", "87.8%"],
        ["ASCOF 2B", "Permanent admissions to care (aged 18-64) per 100,000 pop.", "Low",
         "14.6 per 100k pop. 22/23 Nat. Ave", "13.7 per 100k Pop.", "12.1 per 100k Pop."],
    ]  # fmt: skip
    perfcli("import", appendix_workbook(tmp_path / "own.xlsx", rows), "-w", workspace)
    config = workspace / "perfcli.toml"
    config.write_text(
        config.read_text()
        + f'\n[national]\narea = "{OWN}"\n[national.groups]\nshires = ["E1", "E2", "E3"]\n'
    )
    return workspace


def bench(workspace, *args) -> dict:
    return json.loads(perfcli("benchmark", "-w", workspace, "-f", "json", *args).stdout)


def test_import_ascof_layout_and_rank_by_aim_with_ties(workspace, tmp_path):
    ws = measures_workspace(workspace, tmp_path)
    path = ascof_csv(tmp_path / "ascof-2023-24.csv", fixture_rows())
    run = perfcli("import-national", path, "-w", ws)
    assert "2 measures × 8 areas for 2023/24" in run.stdout  # suppressed councils store nothing
    assert (
        "2 suppressed values skipped" in run.stdout
        and "not in the workspace, left out: 9Z" in run.stdout
    )
    rows = {m["id"]: m for m in bench(ws)["measures"]}
    reablement = rows["ascof-2a"]  # 91, 89.6, 85, 85, 70: second of five
    assert (reablement["rank"], reablement["group_size"], reablement["quartile_name"]) == (
        2,
        5,
        "Top",
    )
    assert reablement["england"] == 77.5
    admissions = rows["ascof-2b"]  # low is better: 10, 13.7 (us), 13.7 (tie), 15, 20
    assert (admissions["rank"], admissions["quartile_name"]) == (
        2,
        "Top",
    )  # shares rank 2 with its tie
    shires = {m["id"]: m for m in bench(ws, "--group", "shires")["measures"]}
    assert (shires["ascof-2a"]["rank"], shires["ascof-2a"]["group_size"]) == (2, 4)
    assert shires["ascof-2a"]["mean"] == round((91 + 89.6 + 85 + 85) / 4, 2)
    text = perfcli("benchmark", "-w", ws, "--group", "shires").stdout
    assert "2 of 4" in text and "Out of 2 indicators" in text


def test_headers_tolerate_case_and_spacing(workspace, tmp_path):
    ws = measures_workspace(workspace, tmp_path)
    header = ["GEOGRAPHICAL CODE", "Geographical  description", "geographical level", "ONS Code",
              "ASCOF Measure Code", "Disaggregation Level", "Measure Type", "Measure Value"]  # fmt: skip
    perfcli(
        "import-national",
        ascof_csv(tmp_path / "x.csv", fixture_rows(), header),
        "-w",
        ws,
        "--period",
        "2023-24",
    )
    assert bench(ws)["period"] == "2023-24"


def test_wrong_layout_names_what_is_missing(workspace, tmp_path):
    ws = measures_workspace(workspace, tmp_path)
    path = ascof_csv(
        tmp_path / "a-2023-24.csv",
        [],
        ["Geographical code", "Geographical level", "ASCOF measure code", "Value"],
    )
    line = error_line(perfcli("import-national", path, "-w", ws, exit=1))
    assert line.startswith("Error: a-2023-24.csv, cell A1: not the ASCOF layout: missing column(s)")
    assert "'Measure type'" in line and "'Measure value'" in line


def test_text_that_is_not_a_suppression_marker_is_an_error(workspace, tmp_path):
    ws = measures_workspace(workspace, tmp_path)
    rows = [council("E1", "Council One", "2A", "about 80")]
    line = error_line(
        perfcli("import-national", ascof_csv(tmp_path / "b-2023-24.csv", rows), "-w", ws, exit=1)
    )
    assert (
        line
        == "Error: b-2023-24.csv, cell H2: 'about 80' is not a number (suppression markers such as [c] or .. are skipped)"
    )


def test_duplicate_rows(workspace, tmp_path):
    ws = measures_workspace(workspace, tmp_path)
    same = [council("E1", "Council One", "2A", 80.0), council("E1", "Council One", "2A", 80.0)]
    perfcli("import-national", ascof_csv(tmp_path / "c-2023-24.csv", same), "-w", ws)
    clash = [council("E1", "Council One", "2A", 80.0), council("E1", "Council One", "2A", 81.0)]
    line = error_line(
        perfcli("import-national", ascof_csv(tmp_path / "d-2023-24.csv", clash), "-w", ws, exit=1)
    )
    assert line == (
        "Error: d-2023-24.csv, cell H3: E1 2A outcome appears twice with different values"
        " (80.0 on row 2, 81.0 on row 3)"
    )


def test_no_period_in_the_name_asks_for_one(workspace, tmp_path):
    ws = measures_workspace(workspace, tmp_path)
    line = error_line(
        perfcli(
            "import-national", ascof_csv(tmp_path / "ascof.csv", fixture_rows()), "-w", ws, exit=1
        )
    )
    assert (
        line
        == "Error: ascof.csv: no period in the file name (pass --period, e.g. --period 2023-24)"
    )


def test_generic_long_table_with_a_mapping(workspace, tmp_path):
    ws = measures_workspace(workspace, tmp_path)
    config = ws / "perfcli.toml"
    config.write_text(
        config.read_text() + '\n[national.measures]\n"Reablement outcome" = "ascof-2a"\n'
    )
    path = tmp_path / "lginform.csv"
    path.write_text(
        "Area code,Area name,Measure,Period,Value\n"
        f"{OWN},Leicestershire,Reablement outcome,2023/24,89.6\nE1,One,Reablement outcome,2023/24,95\n"
        "E2,Two,Reablement outcome,2023/24,[c]\n",
        encoding="utf-8",
    )
    assert "1 suppressed value skipped" in perfcli("import-national", path, "-w", ws).stdout
    rows = {m["id"]: m for m in bench(ws)["measures"]}
    assert (rows["ascof-2a"]["rank"], rows["ascof-2a"]["group_size"]) == (2, 2)


def test_national_average_fills_an_empty_comparator_and_validate_compares(workspace, tmp_path):
    ws = measures_workspace(workspace, tmp_path)
    perfcli("import-national", ascof_csv(tmp_path / "ascof-2023-24.csv", fixture_rows()), "-w", ws)
    rows = {
        m["id"]: m for m in json.loads(perfcli("rate", "-w", ws, "-f", "json").stdout)["measures"]
    }
    filled = rows["ascof-2a"]["comparator"]
    assert (filled["kind"], filled["value"], filled["period"], filled["text"]) == (
        "national_average",
        77.5,
        "2023-24",
        "77.5% 23/24 Nat. Ave.",
    )
    assert rows["ascof-2a"]["quartile"] == "Top"
    assert "comparator.national_differs" not in perfcli("validate", "-w", ws, "-f", "json").stdout
    with_typo = [council("E92000001", "England", "2B", 15.1, level="National")]
    perfcli("import-national", ascof_csv(tmp_path / "ascof-2022-23.csv", with_typo), "-w", ws)
    found = json.loads(perfcli("validate", "-w", ws, "-f", "json").stdout)["findings"]
    differs = [f for f in found if f["code"] == "comparator.national_differs"]
    assert (
        differs
        and differs[0]["message"]
        == "the national average typed as '14.6 per 100k pop. 22/23 Nat. Ave' differs from the imported 15.1"
    )


def test_example_benchmark_and_quartile_column(example):
    import_all(example)
    perfcli("import-national", *sorted((example / "national").glob("*.csv")), "-w", example)
    text = perfcli("benchmark", "--group", "counties", "-w", example).stdout
    assert "Benchmarking 2023/24 against counties" in text and "of 12" in text
    assert text.strip().splitlines()[-1].startswith("Out of 7 indicators")
    perfcli("draft-report", "--committee", "adults", "--period", "2023-24", "-w", example)
    document = docx.Document(example / "reports" / "adults-2023-24.docx")
    headers = [c.text for c in document.tables[0].rows[0].cells]
    assert "Quartile" in headers
    rated = json.loads(perfcli("rate", "-w", example, "--period", "2023-24", "-f", "json").stdout)[
        "measures"
    ]
    expected = {m["description"]: m["quartile"] or "N/A" for m in rated}
    column = headers.index("Quartile")
    shown = {
        r.cells[1].text: r.cells[column].text for t in document.tables for r in list(t.rows)[1:]
    }
    assert shown == expected
    assert (
        expected["% of people who had no need for ongoing services following reablement"] == "Top"
    )


def test_benchmark_needs_national_data_and_a_known_group(workspace, tmp_path):
    ws = measures_workspace(workspace, tmp_path)
    assert "no national data imported" in error_line(perfcli("benchmark", "-w", ws, exit=2))
    perfcli("import-national", ascof_csv(tmp_path / "ascof-2023-24.csv", fixture_rows()), "-w", ws)
    line = error_line(perfcli("benchmark", "-w", ws, "--group", "nearest", exit=2))
    assert line == "Error: no comparator group 'nearest' (defined under [national.groups]: shires)"


def test_a_long_file_is_read_as_a_stream_whatever_its_encoding(workspace, tmp_path):
    """The encoding is judged on the whole file: a £ in row 2,000 still reads as Windows-1252."""
    ws = measures_workspace(workspace, tmp_path)
    config = ws / "perfcli.toml"
    config.write_text(config.read_text() + '\n[national.measures]\n"Reablement" = "ascof-2a"\n')
    rows = [f"X{i:08d};Council {i};Reablement;2023/24;{50 + i % 40}.0" for i in range(2000)]
    rows.append(f"{OWN};Leicestershire (£ pilot);Reablement;2023/24;89.6")
    path = tmp_path / "long.csv"
    path.write_bytes(
        ("Area code;Area name;Measure;Period;Value\n" + "\n".join(rows)).encode("cp1252")
    )
    out = perfcli("import-national", path, "-w", ws).stdout
    assert "1 measure × 2,001 areas for 2023/24; 2,001 new" in out
    standing = {m["id"]: m for m in bench(ws)["measures"]}["ascof-2a"]
    assert (standing["value"], standing["group_size"]) == (89.6, 2001)


def test_bytes_that_are_no_text_are_one_line_naming_the_file(workspace, tmp_path):
    ws = measures_workspace(workspace, tmp_path)
    path = tmp_path / "broken.csv"
    body = "".join(f"X{i},Council {i},Reablement,2023/24,50\n" for i in range(3000))
    path.write_bytes(
        b"Area code,Area name,Measure,Period,Value\n" + body.encode() + b"E1,\x81,x,2023/24,1\n"
    )
    run = perfcli("import-national", path, "-w", ws, exit=1)
    assert error_line(run) == "Error: broken.csv: is not text in UTF-8 or Windows-1252"


def test_bottom_quartile_with_last_year_and_those_that_left_it(workspace, tmp_path):
    """Two years of (synthetic) comparator data: ASCOF 2A was bottom in 2022/23, top now."""
    ws = measures_workspace(workspace, tmp_path)
    last_year = [council(code, name, "2A", value) for code, name, value in [
        (OWN, "Leicestershire", 60.0), ("E1", "Council One", 91.0), ("E2", "Council Two", 85.0),
        ("E3", "Council Three", 86.0), ("E4", "Council Four", 70.0)]]  # fmt: skip
    last_year += [council(code, name, "2B", value) for code, name, value in [
        (OWN, "Leicestershire", 12.1), ("E1", "Council One", 10.0), ("E2", "Council Two", 15.0),
        ("E3", "Council Three", 13.0), ("E4", "Council Four", 20.0)]]  # fmt: skip
    perfcli("import-national", ascof_csv(tmp_path / "ascof-2022-23.csv", last_year), "-w", ws)
    perfcli("import-national", ascof_csv(tmp_path / "ascof-2023-24.csv", fixture_rows()), "-w", ws)
    result = bench(ws, "--period", "2023-24")
    rows = {r["id"]: r for r in result["measures"]}
    assert (rows["ascof-2a"]["quartile"], rows["ascof-2a"]["previous_quartile"]) == (1, 4)
    assert result["summary"]["out_of_bottom"] == ["ascof-2a"]
    bottom = bench(ws, "--period", "2023-24", "--bottom-quartile")
    assert all(r["quartile"] == 4 for r in bottom["measures"])
    table = perfcli("benchmark", "--period", "2023-24", "-w", ws).stdout
    assert "Out of the bottom quartile since last year (1)" in table
    assert bottom["measures"] == []  # in 2023/24 no indicator is bottom: said in words
    table = perfcli("benchmark", "--period", "2023-24", "--bottom-quartile", "-w", ws).stdout
    assert "No indicator in the bottom quartile." in table and "Measure" not in table


def test_cost_effectiveness_index_from_a_table(workspace, tmp_path):
    """Five (synthetic) councils worked by hand: spending 100..500, outcome 1..5."""
    path = tmp_path / "index-SYNTHETIC.csv"
    path.write_text(
        "Council,Spending per head,Outcome score\nTestshire,100,2\nA,200,5\nB,300,4\nC,400,1\n"
        "D,500,3\n",
        encoding="utf-8",
    )
    result = json.loads(
        perfcli("benchmark", "--index-file", path, "-w", workspace, "-f", "json").stdout
    )
    rows = {r["council"]: r for r in result["councils"]}
    # Testshire: spending score (500-100)/400 = 1.0, outcome (2-1)/4 = 0.25, index 0.625.
    assert (rows["Testshire"]["input_score"], rows["Testshire"]["outcome_score"]) == (1.0, 0.25)
    assert rows["Testshire"]["index"] == 0.625 and rows["Testshire"]["own"]
    # A: 0.75 and 1.0 -> 0.875, the best.
    assert (result["council"], result["rank"], rows["A"]["rank"]) == ("Testshire", 2, 1)
    (workspace / "perfcli.toml").write_text(
        (workspace / "perfcli.toml").read_text() + f'\n[national]\nindex = "{path.as_posix()}"\n'
    )
    assert "Testshire ranks 2 of 5" in perfcli("benchmark", "--index", "-w", workspace).stdout
    missing = perfcli("benchmark", "--index", "-w", tmp_path / "none", exit=2)
    assert "no perfcli.toml" in error_line(missing)


def test_a_printed_quartile_the_comparator_data_contradicts_is_a_finding(workspace, tmp_path):
    path = tmp_path / "themes.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Adult social care"])
    sheet.append(["Description", "Quartile position", "Direction of Travel", "End of Yr 2023/24",
                  "Target / Standard", "End of Yr 2022/23", "Polarity", "Commentary"])  # fmt: skip
    sheet.append(["% of people who had no need for ongoing services following reablement",
                  "4th (2023/24)", "↑", "89.6%", "", "87.8%", "High", ""])  # fmt: skip
    book.save(path)
    config = workspace / "perfcli.toml"
    config.write_text(config.read_text() + f'\n[national]\narea = "{OWN}"\n'
                      '[national.measures]\n"ASCOF 2A" = "pct-of-people-who-had-no-need-for-ongoing-services-following-reablement"\n')  # fmt: skip
    perfcli("import", path, "-w", workspace)
    perfcli("import-national", ascof_csv(tmp_path / "ascof-2023-24.csv", fixture_rows()),
            "-w", workspace)  # fmt: skip
    found = json.loads(perfcli("validate", "-w", workspace, "-f", "json").stdout)["findings"]
    differs = [f for f in found if f["code"] == "quartile.differs"]
    assert len(differs) == 1 and "printed quartile '4th (2023/24)'" in differs[0]["message"]
    assert "top (rank 2 of 5)" in differs[0]["message"]


def test_the_index_outcome_comes_from_comparator_data_when_the_table_has_none(workspace, tmp_path):
    """No Outcome score column: each council's mean quartile score over the (synthetic) data.

    ASCOF 2A (high is good): One 91 and Leicestershire 89.6 top (4 points), Two and Three 85
    second (3), Four 70 bottom (1). ASCOF 2B (low is good): One 10, Leicestershire and Three 13.7
    top (4), Two 15 third (2), Four 20 bottom (1). The region and the council type are left out.
    """
    ws = measures_workspace(workspace, tmp_path)
    perfcli("import-national", ascof_csv(tmp_path / "ascof-2023-24.csv", fixture_rows()), "-w", ws)
    path = tmp_path / "spending-SYNTHETIC.csv"
    path.write_text(
        "Council,Spending per head\nLeicestershire,900\nCouncil One,1000\nCouncil Two,950\n"
        "Council Three,800\nCouncil Four,1100\n",
        encoding="utf-8",
    )
    result = json.loads(perfcli("benchmark", "--index-file", path, "-w", ws, "-f", "json").stdout)
    outcome = {r["council"]: r["outcome"] for r in result["councils"]}
    assert outcome == {"Leicestershire": 4.0, "Council One": 4.0, "Council Two": 2.5,
                       "Council Three": 3.5, "Council Four": 1.0}  # fmt: skip
