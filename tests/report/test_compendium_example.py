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

from perfcli.cost_index import cost_index
from perfcli.importers import Context, read_file
from perfcli.importers.index_table import read_index_table
from perfcli.importers.risk_register import read_risk_register
from perfcli.importers.theme_dashboard import parse_quartile
from perfcli.rating import Progress
from perfcli.report.compendium import (
    CompendiumData,
    CompendiumRisk,
    direction_counts,
    indicator_from_line,
    quartile_counts,
    themes_of,
    write_compendium,
)
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
    shutil.copytree(EXAMPLE, workspace)
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
        risks=[CompendiumRisk.from_entry(e) for e in read_risk_register(workspace / RISKS)],
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
        text = next(p for p in paragraphs if p.startswith(f"The {theme.name} dashboard"))
        found = re.search(
            r"Of its (\d+) indicators, (\d+) improved .*, (\d+) got worse and (\d+)", text
        )
        assert found is not None
        assert [int(g) for g in found.groups()] == [
            len(theme.indicators),
            from_rate[Progress.IMPROVED],
            from_rate[Progress.WORSE],
            from_rate[Progress.SIMILAR],
        ]
    overall = next(p for p in paragraphs if p.startswith("Across all"))
    counts = direction_counts(i for t in data.themes for i in t.indicators)
    assert overall.startswith(
        f"Across all 45 indicators, {counts[Progress.IMPROVED]} improved on the previous period, "
        f"{counts[Progress.SIMILAR]} were broadly unchanged and {counts[Progress.WORSE]} got worse."
    )


def test_quartile_summary_matches_the_file_s_quartile_column(
    drafted: tuple[Path, CompendiumData, dict],
) -> None:
    output, _, _ = drafted
    batch = read_file(EXAMPLE / WORKBOOK, Context())
    column = [parse_quartile(line.published_quartile or "").quartile for line in batch.lines]
    expected = {q: column.count(q) for q in (1, 2, 3, 4)}
    assert expected == quartile_counts(
        indicator_from_line(line, batch.measures[line.measure_id].aim) for line in batch.lines
    )
    text = next(
        p.text for p in docx.Document(str(output)).paragraphs if "can be compared with" in p.text
    )
    assert [int(n) for n in re.findall(r"\d+", text)] == [
        sum(expected.values()),
        *expected.values(),
    ]


def test_every_chart_has_alt_text_naming_the_council(
    drafted: tuple[Path, CompendiumData, dict],
) -> None:
    output, _, _ = drafted
    body = docx.Document(str(output)).element.body
    alts = [p.get("descr", "") for p in body.iter(qn("wp:docPr"))]
    assert len(alts) == 3 + 3 and all(alts)  # Communities and wellbeing has no quartiles
    index_alt = next(alt for alt in alts if alt.startswith("Cost-effectiveness index"))
    assert re.search(
        r"Leicestershire ranks \d+(st|nd|rd|th) of 31 with an index of 0\.\d\d", index_alt
    )


def test_the_risks_section(drafted: tuple[Path, CompendiumData, dict]) -> None:
    output, _, _ = drafted
    document = docx.Document(str(output))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Risk")
    assert [c.text for c in table.rows[1].cells] == [
        "Medium-term financial gap (SYNTHETIC)", "Director of Corporate Resources",
        "5 × 5 = 25", "↑ Higher (was 20)",
    ]  # fmt: skip
    assert len(table.rows) == 1 + 5
