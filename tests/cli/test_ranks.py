"""`perfcli benchmark --themes` and the compendium's comparative part, on 31 counties (SYNTHETIC).

The comparator file is a long table (Area code, Area name, Level, Measure, Period, Value) of 31
counties, E10000001 to E10000031, the council (Leicestershire) being E10000018, k = 18. County k's
figures, worked by hand:
- Reablement (high is good, Adult social care): k, so county k ranks 32 - k; the council 14th.
- Care admissions 65+ (low is good, Adult social care): k, so county k ranks k; the council 18th.
- Library visits (high, Communities and wellbeing): 50 for counties 1-10 (tied 1st), 40 for the
  council (11th), k for the rest: counties 11-17 rank 42 - k, counties 19-31 rank 43 - k.
- Road casualties (low, Transport): k, the council suppressed ([c]): not ranked; 30 ranked.
- Community library issues (information only): never ranked.
Adult social care averages (32 - k + k) / 2 = 16 for every county: all share 1st.
Like with like, every county is averaged over the council's 3 indicators, road casualties left
out (the council has no figure for it), so Transport ranks no one. Overall, the council:
(14 + 18 + 11) / 3 = 14.33; counties 1-10: (32 - k + k + 1) / 3 = 11 (tied 1st); counties 19-31:
(75 - k) / 3, 14.67 (k = 31, 12th) to 18.67 (k = 19, 24th); counties 11-17: (74 - k) / 3,
19 (k = 17, 25th) to 21 (k = 11, 31st). So the council is 11th of 31.
Earlier years hold one indicator each: 2021/22 reablement (14th), 2022/23 admissions (18th).
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from tests.conftest import ROOT, perfcli

EXAMPLE = ROOT / "examples" / "compendium"
OWN = 18
MEASURES = {
    "Reablement": "pct-of-people-who-had-no-need-for-ongoing-services-following-reablement",
    "Admissions 65+": "permanent-admissions-to-care-aged-65-per-100-000-pop",
    "Library visits": "library-visits",
    "Road casualties": "people-killed-or-seriously-injured-on-roads-per-100-000-pop-synthetic",
    "Community library issues": "total-community-library-issues",
}


def county(k: int) -> tuple[str, str]:
    return f"E100000{k:02d}", "Leicestershire" if k == OWN else f"County {k:02d}"


def library(k: int) -> object:
    return 50 if k <= 10 else 40 if k == OWN else k


def comparator_file(path: Path) -> Path:
    rows: list[list[object]] = []
    for k in range(1, 32):
        code, name = county(k)
        place = [code, name, "Local authority"]
        rows += [
            [*place, "Reablement", "2023-24", k],
            [*place, "Admissions 65+", "2023-24", k],
            [*place, "Library visits", "2023-24", library(k)],
            [*place, "Road casualties", "2023-24", "[c]" if k == OWN else k],
            [*place, "Community library issues", "2023-24", 1000 - k],
            [*place, "Reablement", "2021-22", k],
            [*place, "Admissions 65+", "2022-23", k],
        ]
    rows.append(["E92000001", "England", "National", "Reablement", "2023-24", 999])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Area code", "Area name", "Level", "Measure", "Period", "Value"])
        writer.writerows(rows)
    return path


def counties_workspace(tmp_path: Path) -> Path:
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns("*.db", "reports"))
    config = workspace / "perfcli.toml"
    mapping = "\n".join(f'"{name}" = "{mid}"' for name, mid in MEASURES.items())
    text = config.read_text(encoding="utf-8")
    if "[national.measures]" in text:
        text = text.replace("[national.measures]", "[national.measures]\n" + mapping)
    else:
        text += "\n[national.measures]\n" + mapping + "\n"
    config.write_text(text, encoding="utf-8")
    perfcli("import", *sorted((workspace / "data").glob("*.xlsx")), "-w", workspace)
    found = perfcli("import-national", comparator_file(tmp_path / "counties.csv"), "-w", workspace)
    assert "5 measures × 32 areas" in found.stdout  # 31 counties and England
    return workspace


def test_benchmark_themes_ranks_31_counties_as_worked_by_hand(tmp_path):
    workspace = counties_workspace(tmp_path)
    result = json.loads(
        perfcli(
            "benchmark", "--themes", "--period", "2023-24", "-f", "json", "-w", workspace
        ).stdout
    )
    assert result["council"] == "E10000018"
    indicators = {i["id"]: i for i in result["indicators"]}
    ranks = {name: indicators[mid]["rank"] for name, mid in MEASURES.items() if mid in indicators}
    assert ranks == {"Reablement": 14, "Admissions 65+": 18, "Library visits": 11,
                     "Road casualties": None}  # fmt: skip
    assert indicators[MEASURES["Road casualties"]]["of"] == 30
    assert indicators[MEASURES["Library visits"]]["ranks"]["E10000005"] == 1  # tied 1st
    assert indicators[MEASURES["Library visits"]]["ranks"]["E10000011"] == 31
    assert indicators[MEASURES["Library visits"]]["ranks"]["E10000019"] == 24
    themes = {row["theme"]: row for row in result["themes"]}
    assert themes["Adult social care"] == {"theme": "Adult social care", "indicators": 2,
        "indicators_held": 2, "council": "Leicestershire", "average_rank": 16.0, "position": 1,
        "of": 31}  # fmt: skip
    assert (themes["Communities and wellbeing"]["average_rank"],
            themes["Communities and wellbeing"]["position"]) == (11.0, 11)  # fmt: skip
    assert themes["Transport (SYNTHETIC)"] == {"theme": "Transport (SYNTHETIC)", "indicators": 0,
        "indicators_held": 1, "council": "Leicestershire", "average_rank": None,
        "position": None, "of": 0}  # fmt: skip
    assert themes["Overall"] == {"theme": "Overall", "indicators": 3, "indicators_held": 4,
        "council": "Leicestershire", "average_rank": 14.33, "position": 11,
        "of": 31}  # fmt: skip
    overall = result["overall"]
    assert overall["E10000001"] == {"name": "County 01", "average_rank": 11.0, "position": 1}
    assert overall["E10000010"] == {"name": "County 10", "average_rank": 11.0, "position": 1}
    assert overall["E10000031"] == {"name": "County 31", "average_rank": 14.6667, "position": 12}
    assert overall["E10000019"]["position"] == 24
    assert overall["E10000017"]["position"] == 25
    assert overall["E10000011"] == {"name": "County 11", "average_rank": 21.0, "position": 31}
    assert [(y["period"], y["position"]) for y in result["history"]] == [
        ("2021-22", 14),
        ("2022-23", 18),
        ("2023-24", 11),
    ]


def test_benchmark_themes_as_a_table_and_as_csv(tmp_path):
    workspace = counties_workspace(tmp_path)
    shown = perfcli("benchmark", "--themes", "-w", workspace).stdout
    assert (
        "Leicestershire is 11 of 31 overall: average rank 14.3 over 3 of the 4 indicators (no "
        "2023/24 figure for 1)."
    ) in shown
    assert re.search(r"Transport \(SYNTHETIC\)\s+0 of 1\s", shown)
    assert re.search(r"Overall\s+3 of 4\s+14\.3\s+11 of 31", shown)
    assert "2021/22 14 of 31; 2022/23 18 of 31; 2023/24 11 of 31" in shown
    rows = list(csv.DictReader(perfcli("benchmark", "--themes", "-f", "csv", "-w", workspace)
                               .stdout.splitlines()))  # fmt: skip
    assert rows[-1] == {"theme": "Overall", "indicators": "3", "indicators_held": "4",
                        "council": "Leicestershire", "average_rank": "14.33", "position": "11",
                        "of": "31"}  # fmt: skip


def test_benchmark_themes_without_comparator_data_is_bad_usage(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    perfcli("import", *sorted((workspace / "data").glob("*.xlsx")), "-w", workspace)
    run = perfcli("benchmark", "--themes", "-w", workspace, exit=2)
    assert "no national data imported" in run.stderr


def _pictures(document) -> dict[str, str]:
    from docx.oxml.ns import qn

    return {p.get("title"): p.get("descr") for p in document.element.body.iter(qn("wp:docPr"))}


def test_the_drafted_compendium_states_the_ranks_worked_by_hand(tmp_path):
    workspace = counties_workspace(tmp_path)
    perfcli("draft-report", "--committee", "corporate", "--period", "2023-24", "-w", workspace)
    document = docx.Document(str(workspace / "reports" / "corporate-2023-24.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    assert (
        "Leicestershire is ranked on 3 of the 4 indicators (no 2023/24 figure for 1). Its "
        "average rank over them, 14.3, places it 11th of 31 councils, each averaged over the same "
        "indicators (the first being County 01; County 02; County 03; County 04; County 05; "
        "County 06; County 07; County 08; County 09; and County 10). By theme it stands highest in "
        "Adult social care (1st) and lowest in Communities and wellbeing (11th)."
    ) in paragraphs
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Theme"
                 and t.rows[0].cells[2].text == "Average rank")  # fmt: skip
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        ["Adult social care", "2", "16.0", "1st of 31"],
        ["Communities and wellbeing", "1", "11.0", "11th of 31"],
        ["Transport (SYNTHETIC)", "0 of 1", "–", "–"],
    ]
    assert ("Over the 3 years of comparator data held, the council's position has moved from "
            "14th in 2021/22 to 11th now.") in paragraphs  # fmt: skip
    alt = _pictures(document)["Leicestershire: overall comparative position, 2021/22 to 2023/24"]
    assert "It was 14th in 2021/22 and is 11th in 2023/24" in alt
    assert "2022/23: 18th" in alt


def test_the_example_compendium_has_funding_and_performance_against_spending(tmp_path):
    """The example's SYNTHETIC spending table: Leicestershire £1,098 per head, 712,400 people."""
    from perfcli.importers.spending import read_spending_table

    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    perfcli("import", *sorted((workspace / "data").glob("*.xlsx")), "-w", workspace)
    perfcli("import-national", *sorted((workspace / "national").glob("county-comparators-*.csv")),
            "-w", workspace)  # fmt: skip
    perfcli("draft-report", "--committee", "corporate", "--period", "2023-24", "-w", workspace)
    document = docx.Document(str(workspace / "reports" / "corporate-2023-24.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    table = read_spending_table(next((workspace / "national").glob("spending-per-head-*.csv")))
    counties = [a for a in table.authorities if a.type == "county" and a.power is not None]
    best = max(counties, key=lambda a: a.power or 0)
    gain = ((best.power or 0) - 1098) * 712_400 / 1e6
    bullet = next(p for p in paragraphs if "the best-funded county" in p)
    assert bullet.startswith(f"at the per-head level of {best.name}, the best-funded county "
                             f"(£{best.power:,.0f}), £{gain:,.0f} million more a year")  # fmt: skip
    assert any("712,400 residents (from the Population column" in p for p in paragraphs)
    pictures = _pictures(document)
    assert "Core spending power per head by authority type (SYNTHETIC figures)" in pictures
    scatter = pictures["Performance against spending: all services (SYNTHETIC figures)"]
    found = next(
        p for p in paragraphs if p.startswith("Leicestershire is ") and "for performance" in p
    )
    quadrant = found.rsplit(": ", 1)[1].rstrip(".")
    assert "Leicestershire is " in scatter and f"{quadrant}." in scatter
    assert any(t.startswith("Performance against spending: Transport") for t in pictures)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for part in (
        "Part 1 – Funding",
        "Part 2 – Comparative performance",
        "Part 3 – Performance against spending",
        "Part 5 – Lower comparative performance",
    ):
        assert part in headings  # fmt: skip
    assert all(pictures.values())  # every chart has alt text


def test_draft_report_pdf_writes_the_compendium_s_tagged_pdf_with_its_contents(tmp_path):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and pdftotext are needed")
    workspace = counties_workspace(tmp_path)
    run = perfcli("draft-report", "--committee", "corporate", "--period", "2023-24", "--pdf",
                  "-w", workspace)  # fmt: skip
    pdf = workspace / "reports" / "corporate-2023-24.pdf"
    assert f"and as PDF to {pdf}" in run.stdout.replace("\n", "")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"/StructTreeRoot" in data  # tagged
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert re.search(r"Part 2 – Comparative performance\.+ *\d+", text)  # contents, page numbers
    pages = text.count("\f")
    assert f"Page 1 of {pages}" in text
    again = perfcli("draft-report", "--committee", "corporate", "--period", "2023-24", "--pdf",
                    "-w", workspace, exit=2)  # fmt: skip
    assert "already exists" in again.stderr


def test_no_table_leaves_a_row_alone_and_charts_keep_with_their_captions(tmp_path):
    from docx.oxml.ns import qn

    workspace = counties_workspace(tmp_path)
    perfcli("draft-report", "--committee", "corporate", "--period", "2023-24", "-w", workspace)
    document = docx.Document(str(workspace / "reports" / "corporate-2023-24.docx"))

    def kept(element) -> bool:
        return all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
                   for p in element.iter(qn("w:p")))  # fmt: skip

    for table in document.tables:
        rows = table._tbl.findall(qn("w:tr"))
        # The header and first row keep with the next row; the last row is never alone.
        assert all(kept(row) for row in {*rows[:2], rows[-2]} - {rows[-1]})
        assert kept(table._tbl.getprevious())
    for paragraph in document.element.body.iterchildren(qn("w:p")):
        if paragraph.find(f".//{qn('w:drawing')}") is not None:
            before = paragraph.getprevious()
            assert kept(paragraph) and (kept(before) or len(before.xpath("string(.)")) > 400)
            assert paragraph.getnext().xpath("string(.)").startswith("Figure: ")
    footer = document.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    instructions = "".join(t.text for t in document.element.body.iter(qn("w:instrText")))
    assert 'TOC \\o "2-3"' in instructions
