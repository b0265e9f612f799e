"""The compendium's workbook typed as the council publishes it (issue 27): every quartile form,
200+ indicators, commentary, outcome rows; and `--force` listing every bad cell in one run.

Every figure here is SYNTHETIC, generated below; the layout and the quartile forms are the
published compendium's as issue 27 describes them.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
from openpyxl import Workbook

from perfcli import Workspace
from tests.conftest import perfcli

HEADER = ["Description", "Quartile position", "Direction of Travel", "End of Yr 2023/24",
          "Target / Standard", "End of Yr 2022/23", "Polarity", "Commentary"]  # fmt: skip
QUARTILES = ["2nd (Eng)", "3rd (2024) (Counties)", "3rd (2022/23) (Eng)", "1st/2nd (2024)",
             "3rd (Oct 2021-Sept 2022)", "1st (Aug 2024)", "3rd", "4th*", "2nd (2023/24)",
             "4th (2022/23) (Counties)", "N/A"]  # fmt: skip
THEMES = ["Health and wellbeing", "Adult social care", "Children and families", "Transport",
          "Environment and waste", "Economy and skills", "Communities", "Corporate"]  # fmt: skip


def _rows(theme: str, t: int) -> list[list[object]]:
    """27 SYNTHETIC indicators of one theme, under two outcome rows, in every quartile form."""
    rows: list[list[object]] = [[theme], HEADER]
    for i in range(27):
        if i % 14 == 0:
            rows.append([f"Outcome: {theme} outcome {i // 14 + 1} (SYNTHETIC)"])
        kind = (t * 27 + i) % 5
        quartile = QUARTILES[(t * 27 + i) % len(QUARTILES)]
        description, now, before, target, polarity = {
            0: (f"% of residents served by {theme} scheme {i}", "61.5%", "59.0%", "60%", "High"),
            1: (f"{theme} admissions {i} per 100,000 population", "467", "480.2", "", "Low"),
            2: (f"Excess under 75 mortality {i} in adults with serious mental illness ({theme})",
                "423%", "401%", "", "Low"),
            3: (f"Number of {theme} visits {i}", "1,575", "1,334", "1,500", "High"),
            4: (f"{theme} households helped {i} (information only)", "131.8", "125.0",
                "For Information Only", "N/A"),
        }[kind]  # fmt: skip
        direction = ["↑", "↓", "→", "↑ Improved", "N/A"][i % 5]
        commentary = f"SYNTHETIC commentary on {theme} indicator {i}: the trend is explained here."
        rows.append([description, quartile, direction, now, target, before, polarity, commentary])
    rows.append(["* Quartile from provisional data (SYNTHETIC note)"])
    rows.append([])
    return rows


def _book(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Theme dashboards"
    sheet.append(["Performance Compendium 2023/24 (SYNTHETIC test file)"])
    sheet.append([])
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def as_published(tmp_path: Path) -> Path:
    rows = [row for t, theme in enumerate(THEMES) for row in _rows(theme, t)]
    return _book(tmp_path / "compendium-2023-24-SYNTHETIC.xlsx", rows)


def test_the_compendium_as_published_imports_in_one_run(workspace: Path, tmp_path: Path) -> None:
    path = as_published(tmp_path)
    run = perfcli("import", path, "-w", workspace)
    assert "0 errors" in run.stderr and "repeats an indicator" not in run.stderr
    with Workspace.open(workspace).store() as store:
        lines = store.report_lines("2023-24")
        measures = {m.id: m for m in store.measures()}
    assert len(lines) == 216
    assert all(line.commentary and line.commentary.startswith("SYNTHETIC") for line in lines)
    by_printed = {line.published_quartile: line.quartile for line in lines}
    assert set(by_printed) == set(QUARTILES)
    eng = by_printed["3rd (2022/23) (Eng)"]
    assert eng is not None and (eng.quartile, eng.group, eng.period) == (3, "England", "2022-23")
    span = by_printed["1st/2nd (2024)"]
    assert span is not None and (span.best, span.worst, span.period) == (1, 2, "2024")
    bare = by_printed["3rd"]
    assert bare is not None and (bare.period, bare.period_printed) == ("2023-24", False)
    assert by_printed["N/A"] is None
    # Outcome rows are kept above the indicators they serve.
    first = next(line for line in lines if line.theme == "Transport")
    assert first.outcome == "Transport outcome 1 (SYNTHETIC)"
    # 467 per 100,000 is a rate, and 423% excess mortality a ratio: neither is refused.
    rate = next(m for m in measures.values() if "per 100,000" in m.description)
    assert rate.unit.value == "rate_per_100k"
    checked = json.loads(perfcli("validate", path, "-f", "json", "-w", workspace).stdout)
    ratio = [f for f in checked["findings"] if f["code"] == "value.percent_range"]
    assert ratio and all(f["severity"] == "warning" for f in ratio)
    assert "'423%' is outside 0–100%, as a ratio may be" in ratio[0]["message"]


def test_force_lists_every_bad_cell_in_one_run(workspace: Path, tmp_path: Path) -> None:
    rows = _rows("Transport", 0)
    bad = {  # row index in `rows` -> (column, bad text, what the line says)
        3: (1, "5th (2023/24)", "cannot read quartile '5th (2023/24)'"),
        4: (2, "sideways", "cannot read direction of travel 'sideways'"),
        5: (6, "Upwards", "unknown polarity 'Upwards'"),
        6: (3, "12 bananas (2023/34)", "'12 bananas (2023/34)'"),
        7: (1, "1st (Eng) (CIPFA)", "it gives two groups"),
        8: (1, "2nd (2023/34)", "'2023/34' is not a period"),
        9: (4, "60% Local target 2023/34", "34 does not follow 2023"),
        10: (1, "1st (2024) (2022)", "it gives two periods"),
        11: (1, "first place", "cannot read quartile 'first place'"),
        12: (0, "", "an indicator row with no description"),
    }
    for index, (column, text, _) in bad.items():
        rows[index][column] = text
    path = _book(tmp_path / "ten-bad-cells-SYNTHETIC.xlsx", rows)
    refused = perfcli("import", path, "-w", workspace, exit=1)
    assert "nothing imported" in refused.stderr
    run = perfcli("import", path, "--force", "-w", workspace, env={"COLUMNS": "400"})
    assert run.stderr.count("✘ error") == 10
    checked = json.loads(perfcli("validate", path, "-f", "json", "-w", workspace, exit=1).stdout)
    unreadable = [f for f in checked["findings"] if f["code"] == "file.unreadable"]
    assert len(unreadable) == 10
    for index, (_, _, message) in bad.items():
        row = index + 3  # the title and a blank row above
        assert any(
            message in f["message"] and f["location"].endswith(str(row)) for f in unreadable
        ), message
    with Workspace.open(workspace).store() as store:
        assert len(store.report_lines("2023-24")) == 26  # all but the row with no description


def test_the_drafted_compendium_tells_quartiles_apart_by_group(
    workspace: Path, tmp_path: Path
) -> None:
    """The 216 rows above, drafted: 11 printed forms cycle over them, so each of the first 7
    forms is on 20 rows and each of the last 4 on 19. Counted (counties or unsaid, this year or
    last): 3rd (2024) (Counties), 1st/2nd (2024) as 2nd, 3rd (Oct 2021-Sept 2022), 1st (Aug 2024),
    bare 3rd, 4th*, 2nd (2023/24) and 4th (2022/23) (Counties): 20 + 20 + 20 + 20 + 20 + 19 + 19
    + 19 = 157, of them 1st 20, 2nd 39, 3rd 60, 4th 38. Against England: 2nd (Eng) and
    3rd (2022/23) (Eng), 40."""
    with (workspace / "perfcli.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[committees.corporate]\nkind = "compendium"\n')
    perfcli("import", as_published(tmp_path), "-w", workspace)
    run = perfcli(
        "draft-report", "--committee", "corporate", "--period", "2023-24", "-w", workspace
    )
    assert "216 indicators in 8 themes" in run.stdout
    document = docx.Document(str(workspace / "reports" / "corporate-2023-24.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    first = next(p for p in paragraphs if "comparing the council with" in p)
    assert first.startswith(
        "Across the dashboards, 157 indicators have a county quartile (Oct 2021-Sep 2022 to "
        "2024), comparing the council with the county councils and county unitary authorities. "
        "Of these, 20 are in the top quartile, 39 in the second, 60 in the third and 38 in the "
        "bottom quartile."
    )
    second = next(p for p in paragraphs if "indicators with county quartiles" in p)
    assert second == (
        "Of the 157 indicators with county quartiles, 38 are in the bottom quartile; 40 further "
        "indicators are ranked against England (2022/23 and 2023/24), none in the bottom quartile."
    )
    dashboards = [t for t in document.tables if t.rows[0].cells[0].text == "Description"]
    rows = [[c.text for c in row.cells] for t in dashboards for row in t.rows[1:]]
    indicators = [r for r in rows if not r[0].startswith("Outcome: ")]
    assert len(indicators) == 216
    assert all(r[7].startswith("SYNTHETIC commentary on ") for r in indicators)
    helped = [r for r in indicators if "households helped" in r[0]]
    assert helped and all(r[2:4] == ["For information", "131.8"] for r in helped)
