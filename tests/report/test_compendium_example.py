"""examples/compendium end to end: import, `perfcli rate`, then the compendium from its judgements.

This is the path `draft-report --committee corporate` is to take: every count in the document's
sentences comes from the directions `perfcli rate` prints, and the quartile summary from the file's
quartile column. The example's non-seed figures are SYNTHETIC.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from perfcli.compendium import risk_of
from perfcli.domain.cost_index import cost_index
from perfcli.domain.outcomes import Progress
from perfcli.importers import read_file
from perfcli.importers.index_table import read_index_table
from perfcli.importers.measures import Context
from perfcli.importers.risk_register import read_risk_register
from perfcli.report.compendium import write_compendium
from perfcli.report.compendium_records import CompendiumData, indicator_from_line, themes_of
from perfcli.report.compendium_words import direction_counts
from perfcli.workspace import load_config
from tests.conftest import perfcli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "compendium"
TEMPLATE = EXAMPLE.parents[1] / "templates" / "docx" / "compendium.docx"
WORKBOOK = "data/theme-dashboards-2023-24-SYNTHETIC.xlsx"
COUNTIES = "national/county-spending-outcomes-2023-24-SYNTHETIC.csv"
RISKS = "risks/risk-register-2023-24-SYNTHETIC.csv"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CompendiumData, dict]:
    workspace = tmp_path_factory.mktemp("compendium") / "ws"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    perfcli("import", str(workspace / WORKBOOK), "-w", str(workspace))
    run = perfcli("rate", "--period", "2023-24", "--format", "json", "-w", str(workspace))
    rated = {m["id"]: m for m in json.loads(run.stdout)["measures"]}
    batch = read_file(workspace / WORKBOOK, Context())
    indicators = [
        indicator_from_line(
            line,
            batch.measures[line.measure_id].aim,
            value_text=rated[line.measure_id]["value_text"] or "",
            previous_text=rated[line.measure_id]["previous_value_text"] or "",
            direction=Progress(rated[line.measure_id]["progress"]),
        )
        for line in batch.lines
    ]
    table = read_index_table(workspace / COUNTIES)
    data = CompendiumData(
        council="Leicestershire",
        period_display="2023/24",
        previous_display="2022/23",
        themes=themes_of(indicators),
        index=cost_index(table.spending, table.outcome, council="Leicestershire"),
        index_note="SYNTHETIC figures",
        note="Adult social care and Communities and wellbeing: published figures; "
        "other themes, the index and the risks: SYNTHETIC.",
        risks=[risk_of(e) for e in read_risk_register(workspace / RISKS)],
        period="2023-24",
    )
    output = workspace / "reports" / "corporate-2023-24.docx"
    write_compendium(data, TEMPLATE, output)
    return output, data, rated


def test_the_example_is_a_compendium_workspace() -> None:
    config = load_config(EXAMPLE / "perfcli.toml")
    assert config.committees["corporate"].kind == "compendium"
    batch = read_file(EXAMPLE / WORKBOOK, Context())
    assert len(batch.lines) >= 40
    themes = list(dict.fromkeys(line.theme for line in batch.lines))
    assert themes == ["Adult social care", "Communities and wellbeing",
                      "Transport (SYNTHETIC)", "Environment and waste (SYNTHETIC)"]  # fmt: skip
    table = read_index_table(EXAMPLE / COUNTIES)
    assert len(table.spending) == 31 and "SYNTHETIC" in (EXAMPLE / COUNTIES).read_text()


def test_theme_counts_equal_perfcli_rate(drafted: tuple[Path, CompendiumData, dict]) -> None:
    output, data, rated = drafted
    paragraphs = [p.text for p in docx.Document(str(output)).paragraphs]
    for theme in data.themes:
        from_rate = {progress: 0 for progress in Progress}
        for indicator in theme.indicators:
            match = next(m for m in rated.values() if m["description"] == indicator.description)
            from_rate[Progress(match["progress"])] += 1
        text = next(p for p in paragraphs if f"{theme.name} dashboard" in p)
        found = re.search(
            r"(?:Of its|dashboard's) (\d+) indicators, (\d+|none) improved .*, (\d+|none) got "
            r"worse and (\d+|none)",
            text,
        )
        assert found is not None
        assert [int(g.replace("none", "0")) for g in found.groups()] == [
            len(theme.indicators),
            from_rate[Progress.IMPROVED],
            from_rate[Progress.WORSE],
            from_rate[Progress.SIMILAR],
        ]
    overall = next(p for p in paragraphs if p.startswith("Across all"))
    counts = direction_counts(i for t in data.themes for i in t.indicators)
    assert overall.startswith(
        f"Across all 46 indicators, {counts[Progress.IMPROVED]} improved on the previous period, "
        f"{counts[Progress.SIMILAR]} were broadly unchanged and {counts[Progress.WORSE]} got worse."
    )


def test_quartiles_are_counted_by_group_and_year(
    drafted: tuple[Path, CompendiumData, dict],
) -> None:
    """Issue 27: this year's county quartiles are counted; England's and CIPFA's are said apart;
    the 2020/21 ASCOF quartiles (seed 003) are older, and never counted as 2023/24's."""
    output, _, _ = drafted
    batch = read_file(EXAMPLE / WORKBOOK, Context())
    printed = {line.description: line.quartile for line in batch.lines if line.quartile}
    county = [q for q in printed.values()
              if q.group in (None, "Counties") and q.period not in ("2020-21", "2021")]  # fmt: skip
    expected = {n: sum(q.quartile == n for q in county) for n in (1, 2, 3, 4)}
    assert expected == {1: 0, 2: 4, 3: 0, 4: 4}  # 1st/2nd (2024) counts as 2nd
    paragraphs = [p.text for p in docx.Document(str(output)).paragraphs]
    first = next(p for p in paragraphs if "comparing the council with" in p)
    assert first.startswith(
        "Across the dashboards, 8 indicators have a county quartile (2022/23 to 2024), comparing "
        "the council with the county councils and county unitary authorities. Of these, none are "
        "in the top quartile, 4 in the second, none in the third and 4 in the bottom quartile."
    )
    assert "counted in the lower of the two: 1 here." in first
    second = next(p for p in paragraphs if "indicators with county quartiles" in p)
    assert second.startswith(
        "Of the 8 indicators with county quartiles, 4 are in the bottom quartile; 3 further "
        "indicators are ranked against England"
    )
    assert "1 further indicator is ranked against the CIPFA nearest neighbours (2022/23)" in second
    assert "A further 7 indicators have only a quartile from before 2022/23 (2020/21 and 2021)" in (
        second
    )
    assert not any("2023/24" in p and "2020/21" in p for p in paragraphs)
    body = docx.Document(str(output)).element.body
    alts = [p.get("descr", "") for p in body.iter(qn("wp:docPr"))]
    by_theme = next(alt for alt in alts if "by theme" in alt)
    assert by_theme.startswith(
        "Leicestershire: quartile position of indicators by theme, county quartiles of 2022/23 to "
        "2024: 8 indicators across 2 themes; 0 top, 4 second, 0 third, 4 bottom."
    )
    assert "Adult social care" not in by_theme  # its quartiles are all 2020/21


def test_commentary_outcomes_and_information_only_reach_the_dashboards(
    drafted: tuple[Path, CompendiumData, dict],
) -> None:
    output, _, _ = drafted
    document = docx.Document(str(output))
    dashboards = [t for t in document.tables if t.rows[0].cells[0].text == "Description"]
    rows = [[c.text for c in row.cells] for t in dashboards for row in t.rows[1:]]
    indicators = [r for r in rows if not r[0].startswith("Outcome: ")]
    assert len(indicators) == 46 and all(r[7] for r in indicators)  # every row's commentary
    e_loans = next(r for r in indicators if r[0] == "E-loans")
    assert e_loans[7] == "Over a million in a year for the first time, 11% up on last year."
    outcomes = [r[0] for r in rows if r[0].startswith("Outcome: ")]
    assert outcomes[:2] == [
        "Outcome: Safe and Well – carers and people with care needs are supported to live active, "
        "independent, and fulfilling lives",
        "Outcome: Improved Opportunities – young people and adults are able to aim high and reach "
        "their full potential",
    ]
    at = [r[0] for r in rows].index(
        "Outcome: Safe and Well – people at most risk are protected from harm"
    )
    assert rows[at + 1][0] == "% of service users who say that services have made them feel safe"
    issues = next(r for r in indicators if r[0] == "Total community library issues")
    assert issues[2:6] == ["For information", "305.2k", "For Information Only", "295.2k"]


def test_every_chart_has_alt_text_naming_the_council(
    drafted: tuple[Path, CompendiumData, dict],
) -> None:
    output, _, _ = drafted
    body = docx.Document(str(output)).element.body
    alts = [p.get("descr", "") for p in body.iter(qn("wp:docPr"))]
    # Communities and wellbeing has no quartiles, Adult social care only 2020/21 ones (seed 003)
    assert len(alts) == 3 + 2 and all(alts)
    index_alt = next(alt for alt in alts if alt.startswith("Cost-effectiveness index"))
    assert re.search(
        r"Leicestershire ranks \d+(st|nd|rd|th) of 31 with an index of 0\.\d\d", index_alt
    )


def test_the_risks_section(drafted: tuple[Path, CompendiumData, dict]) -> None:
    """Grouped by theme (the theme with the highest score first), highest score first in each."""
    output, _, _ = drafted
    document = docx.Document(str(output))
    paragraphs = [p.text for p in document.paragraphs]
    start = len(paragraphs) - 1 - paragraphs[::-1].index("Part 9 – Corporate risks")
    assert paragraphs[start + 2 :][:4] == [
        "Corporate", "Adult social care", "Children and families", "Transport",
    ]  # fmt: skip
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Risk"]
    assert [c.text for c in tables[0].rows[0].cells] == [
        "Risk", "Current score", "Direction", "Mitigations", "Owner",
    ]  # fmt: skip
    first = [c.text for c in tables[0].rows[1].cells]
    assert first[0].startswith("If the medium-term funding gap is not closed, then")
    assert first[1:4] == [
        "5 × 5 = 25", "↑ Higher",
        "Savings programme reviewed monthly; reserves policy; lobbying on fair funding (SYNTHETIC)",
    ]  # fmt: skip
    scores = [[int(r.cells[1].text.split("= ")[-1]) for r in t.rows[1:]] for t in tables]
    assert scores == [[25, 15], [16, 9], [16], [8]]
    assert sum(len(t.rows) - 1 for t in tables) == 6
