"""The example compendium read as a committee member reads it, with every part drafted
(comparator data imported): the quartile cells agree with the counts, and the sentences read
as a report's do. The example's non-seed figures are SYNTHETIC."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from tests.conftest import ROOT, perfcli, unwrapped

EXAMPLE = ROOT / "examples" / "compendium"
COMPARATORS = "national/county-comparators-2019-20-to-2023-24-SYNTHETIC.csv"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example drafted with every part, and as PDF when LibreOffice is installed."""
    workspace = tmp_path_factory.mktemp("read-through") / "ws"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    perfcli("import", *sorted((workspace / "data").glob("*.xlsx")), "-w", workspace)
    perfcli("import-national", workspace / COMPARATORS, "-w", workspace)
    pdf = ["--pdf"] if shutil.which("soffice") and shutil.which("pdftotext") else []
    perfcli("draft-report", "--committee", "corporate", "--period", "2023-24", *pdf, "-w",
            workspace)  # fmt: skip
    return workspace / "reports" / "corporate-2023-24.docx"


@pytest.fixture(scope="module")
def document(drafted: Path) -> docx.document.Document:
    return docx.Document(str(drafted))


def _paragraphs(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def _dashboards(document: docx.document.Document) -> list[dict[str, str]]:
    """Each theme's dashboard, in theme order: its indicators' Quartile position cells."""
    dashboards = []
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[:2] == ["Description", "Quartile position"]:
            cells = ([cell.text for cell in row.cells] for row in table.rows[1:])
            dashboards.append({c[0]: c[1] for c in cells if not c[0].startswith("Outcome:")})
    return dashboards


def _sentence(paragraphs: list[str], start: str) -> str:
    return next(p for p in paragraphs if p.startswith(start))


def test_each_dashboard_shows_the_quartile_its_theme_s_counts_use(
    document: docx.document.Document,
) -> None:
    """Comparator data once put 'Non-principal roads' in the second quartile while the workbook
    printed 4th*: the dashboard said 4th* while the theme's sentence and chart counted it
    second (two '4th' cells under 'none in the bottom quartile'). The example's SYNTHETIC
    comparators now put the council in each printed quartile (ranked by hand from the CSV:
    Non-principal roads 9.0%, aim low, 27 of the 30 other counties lower: 28th of 31, bottom
    quartile as (28 - 1) * 4 // 31 + 1 = 4), so a cell shows a second quartile only for another
    year or group, and then the same one."""
    dashboards = _dashboards(document)
    assert len(dashboards) == 4  # Adult social care, Communities, Transport, Environment
    cells = {name: cell for dashboard in dashboards for name, cell in dashboard.items()}
    roads = "Non-principal roads where maintenance should be considered (SYNTHETIC)"
    assert cells[roads] == "4th* (2023/24)"
    # Printed and worked out agree: shown as printed.
    principal = "Principal roads where maintenance should be considered (SYNTHETIC)"
    assert cells[principal] == "2nd (2023/24) (Counties)"
    # Printed against CIPFA neighbours; worked out among the counties: both shown, and the same.
    fly_tipping = "Fly-tipping incidents per 1,000 pop. (SYNTHETIC)"
    assert cells[fly_tipping] == "1st (2022/23); printed 1st (2022/23) (CIPFA)"
    twice = [cell for cell in cells.values() if "; printed " in cell]
    assert len(twice) == 4
    for cell in twice:
        worked_out, printed = cell.split("; printed ")
        assert worked_out[:3] in printed.split(" ")[0], cell  # `1st` in `1st/2nd`
    # Ranked against England, with no comparator data: as printed, not counted.
    assert cells["People killed or seriously injured on roads per 100,000 pop. (SYNTHETIC)"] == (
        "3rd (2022) (Eng)"
    )
    paragraphs = _paragraphs(document)
    overview = next(p for p in paragraphs if "Transport (SYNTHETIC) dashboard's" in p)
    assert "6 have a county quartile, 1 in the top and 2 in the bottom quartile." in overview
    bottom = [name for name, cell in dashboards[2].items() if cell.startswith("4th")]
    assert bottom == [roads, "Bus passenger journeys per head (SYNTHETIC)"]


def test_part_5_lists_only_bottom_quartile_cells(document: docx.document.Document) -> None:
    """Fly-tipping was listed in the bottom quartile beside its printed '1st (2022/23) (CIPFA)',
    and 'Trees planted' as out of the bottom quartile, 'now N/A'. Its comparators now rank it
    4th of 31 in 2022/23 (6.1 per 1,000, aim low: 3 counties lower; top quartile), so it
    is not listed."""
    lower = next(t for t in document.tables if [c.text for c in t.rows[0].cells][0] == "Indicator")
    quartiles = [row.cells[3].text for row in lower.rows[1:]]
    assert quartiles == ["4th (2023/24)", "4th (2023/24)"]  # Transport: non-principal roads, bus
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Indicator"]
    listed = {row.cells[0].text: row.cells[3].text for t in tables for row in t.rows[1:]}
    assert "Fly-tipping incidents per 1,000 pop. (SYNTHETIC)" not in listed
    assert all(q.startswith("4th") for q in listed.values()) and len(listed) == 4, listed
    paragraphs = _paragraphs(document)
    trees = _sentence(paragraphs, "Environment and waste (SYNTHETIC): Trees planted")
    assert trees.endswith("now 2nd (2023/24)")
    assert not any(p.endswith("now N/A") for p in paragraphs)


def test_the_sentences_read_as_a_report_s(document: docx.document.Document) -> None:
    """No count starts a sentence ('13 indicators have...', '6 have a county quartile'), a nought
    is 'none' ('0 in the top and 0 in the bottom quartile'), the verb agrees ('1 are in the top
    quartile', '1 were much the same'), and a list set out with semicolons ends '; and'."""
    paragraphs = _paragraphs(document)
    prose = [p for p in paragraphs if not p.startswith("Figure:")]
    sentences = [s for p in prose for s in re.split(r"(?<=\.) +", p)]
    assert not [s for s in sentences if re.match(r"\d", s) and not re.match(r"\d\.\d ", s)]
    assert not [p for p in prose if re.search(r"(?<![\d.,£])0 (?:in|of|got|are|were|is)\b", p)]
    assert not [p for p in prose if re.search(r"(?<![\d.,£])1 (?:are|were|have)\b", p)]
    assert not [p for p in prose if "brings together" in p and "Of its" in p]
    assert _sentence(paragraphs, "Across the dashboards, 13 indicators have a county quartile")
    # Worked by hand from the dashboards' 13 county quartiles: top, satisfaction and fly-tipping;
    # bottom, non-principal roads, bus journeys, landfill and homes rated C.
    assert "Of these, 2 are in the top quartile, 6 in the second, 1 in the third and 4 in" in (
        _sentence(paragraphs, "Across the dashboards")
    )
    communities = _sentence(paragraphs, "Of the Communities and wellbeing dashboard's 10")
    assert communities.startswith(
        "Of the Communities and wellbeing dashboard's 10 indicators, 7 improved on the previous "
        "period, none got worse and 1 was much the same. Besides these, 2 are shown for "
        "information only."
    )
    assert "Junior loans; E-loans; and Attendances at Creative Learning Service workshops." in (
        communities
    )


def test_the_pdf_s_table_headers_break_between_words(drafted: Path) -> None:
    """Part 3's 'Performance position' header was broken mid-word ('Performanc' / 'e position')
    in a 2.6 cm column."""
    pdf = drafted.with_suffix(".pdf")
    if not pdf.exists():
        pytest.skip("LibreOffice and pdftotext are needed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "Performance against spending: all services" in text
    assert not re.search(r"Performanc(?!e)", text)
    pages = text.count("\f")
    assert pages >= 20 and f"Page {pages} of {pages}" in text


def test_part_3_and_part_6_quote_one_spending_figure(document: docx.document.Document) -> None:
    """Part 6's index table came from a separate made-up table (£1,077 per head for the council)
    while Part 3 showed £815 net expenditure and Part 1 £1,098 core spending power. The index now
    takes each county's net expenditure on the four themes from the spending table (the council:
    492 + 54 + 100 + 100 = £746), so Parts 3 and 6 agree council by council; Part 1's core
    spending power is a different measure, named as such."""
    part_3 = next(t for t in document.tables if t.rows[0].cells[0].text == "Council")
    part_6 = next(t for t in document.tables if t.rows[0].cells[0].text == "Rank")
    assert [c.text for c in part_6.rows[0].cells][1:3] == ["Council", "Spending per head"]
    net = {row.cells[0].text: row.cells[2].text for row in part_3.rows[1:]}
    spending = {row.cells[1].text: row.cells[2].text for row in part_6.rows[1:]}
    assert net == spending and len(net) == 31
    assert spending["Leicestershire"] == "£746"
    paragraphs = _paragraphs(document)
    assert any("core spending power of £1,098 per head" in p for p in paragraphs)
    assert any("(spending of £746 per head)" in p for p in paragraphs)


def test_the_index_outcome_score_is_the_comparators() -> None:
    """The index table's outcome scores were made up apart from the comparators Part 2 ranks on.
    Now each is the county's mean quartile points (top 4 ... bottom 1) on the 2023/24 comparator
    figures. The council has 2023/24 figures on 12 indicators (the four printed for 2022/23 have
    none); its quartiles there, as the dashboard prints them: 3rd, 2nd, 4th, 4th, 3rd, 1st, 2nd, 2nd (the
    Transport eight) and 2nd, 2nd, 2nd, 4th (greenhouse gas, trees, CO2 per head, homes rated C):
    2+3+1+1+2+4+3+3 + 3+3+3+1 = 29 points, 29 / 12 = 2.4167."""
    table = EXAMPLE / "national" / "county-spending-outcomes-2023-24-SYNTHETIC.csv"
    rows = {line.split(",")[0]: line.split(",") for line in table.read_text().splitlines()[2:]}
    assert rows["Leicestershire"][1:3] == ["746", f"{29 / 12:.4f}"]
    assert len(rows) == 31 and all(row[3] == "SYNTHETIC" for row in rows.values())


def test_part_5_gives_every_quartile_one_way(document: docx.document.Document) -> None:
    """A new user read 'now 2nd (2023/24) (Counties)' for one indicator and 'now 2nd (2023/24)'
    for the next (the first as its dashboard printed it), and '4th* (2023/24)' beside '4th' in
    one table. Part 5 lists county quartiles only, so it names the group once, in its opening,
    and each quartile as its ordinal and year."""
    paragraphs = _paragraphs(document)
    part = paragraphs[paragraphs.index("Part 5 – Lower comparative performance") :]
    part = part[: next(n for n, p in enumerate(part) if p.startswith("Part 6"))]
    assert part[1] == (
        "Of the indicators with county quartiles, 4 are in the bottom quartile, listed here by "
        "theme; 1 of them improved on last year."
    )
    now = [p.rsplit(", now ", 1)[1] for p in part if ", now " in p]
    assert now == ["2nd (2023/24)"] * 3  # principal roads, greenhouse gas, trees
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Indicator"]
    cells = [row.cells[3].text for t in tables for row in t.rows[1:]]
    assert cells == ["4th (2023/24)", "4th (2023/24)", "4th (2022/23)",
                     "4th (Oct 2022-Sep 2023)"]  # fmt: skip


def test_part_1_counts_the_place_from_the_nearer_end(document: docx.document.Document) -> None:
    """'134th highest of the 136' read oddly: £1,098 per head is the third lowest of the
    SYNTHETIC spending table's 136 authorities (two below it, checked from the file)."""
    from perfcli.importers.spending import read_spending_table

    table = read_spending_table(next((EXAMPLE / "national").glob("spending-per-head-*.csv")))
    powers = [a.power for a in table.authorities if a.power is not None]
    assert (len(powers), sum(p < 1098 for p in powers), powers.count(1098)) == (136, 2, 1)
    assert _sentence(_paragraphs(document), "Leicestershire, a county authority").startswith(
        "Leicestershire, a county authority, has core spending power of £1,098 per head: the 3rd "
        "lowest of the 136 authorities in the spending table."
    )


# The example's comparators (SYNTHETIC) hold 16 indicators with a direction; Leicestershire has
# no 2023/24 figure for 4 of Environment and waste's 8. Its ranks sum to 138 on Transport's 8
# (17.25) and 67 on the other 4 (16.75): 205 / 12 = 17.08. Averaged over the same 12, 17
# councils stand ahead of it (Dorset first, 3.17); over each council's own 16 it would be 16th.
RANKED_ON = "12 of the 16 indicators (no 2023/24 figure for 4)"


def test_part_2_states_what_the_average_is_over(document: docx.document.Document) -> None:
    paragraphs = _paragraphs(document)
    assert (
        f"Leicestershire is ranked on {RANKED_ON}. Its average rank over them, 17.1, places it "
        "18th of 31 councils, each averaged over the same indicators (the first being Dorset). "
        "By theme it stands highest in Environment and waste (SYNTHETIC) (18th) and lowest in "
        "Transport (SYNTHETIC) (20th)."
    ) in paragraphs
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells][:3] == [
        "Theme", "Indicators", "Average rank"])  # fmt: skip
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        ["Transport (SYNTHETIC)", "8", "17.2", "20th of 31"],
        ["Environment and waste (SYNTHETIC)", "4 of 8", "16.8", "18th of 31"],
    ]


def test_benchmark_themes_says_the_same_numbers(drafted: Path) -> None:
    workspace = drafted.parent.parent
    shown = perfcli("benchmark", "--themes", "-w", workspace).stdout
    assert re.search(r"Environment and waste \(SYNTHETIC\)\s+4 of 8\s+16\.8\s+18 of 31", shown)
    assert re.search(r"Overall\s+12 of 16\s+17\.1\s+18 of 31", shown)
    assert f"Leicestershire is 18 of 31 overall: average rank 17.1 over {RANKED_ON}." in (
        unwrapped(shown)
    )
    result = json.loads(perfcli("benchmark", "--themes", "-f", "json", "-w", workspace).stdout)
    overall = result["themes"][-1]
    assert (overall["indicators"], overall["indicators_held"], overall["average_rank"],
            overall["position"]) == (12, 16, 17.08, 18)  # fmt: skip
    assert result["overall"]["E10000018"]["average_rank"] == round(205 / 12, 4)
    assert next(iter(result["overall"].values()))["name"] == "Dorset"


def test_benchmark_prints_each_figure_as_its_dashboard_does(drafted: Path) -> None:
    """Value, group mean and median in the measure's unit and printed decimals (the dashboard's
    2.0%, 92.0k, 2.31), where the table printed '2' beside a mean of '2.1' and '92000' beside
    '89243.0'."""
    shown = perfcli("benchmark", "-w", drafted.parent.parent, env={"COLUMNS": "240"}).stdout
    rows = {
        "Principal roads where maintenance should be considered": r"2\.0%\s+2\.1%\s+2\.1%",
        "Trees planted": r"92\.0k\s+89\.2k\s+89\.0k",
        "Council greenhouse gas emissions, tonnes CO2e": r"14\.2k\s+14\.4k\s+14\.9k",
        "Average journey time on key routes, minutes per mile": r"2\.30\s+2\.36\s+2\.40",
        "People killed or seriously injured on roads per 100,000 pop.":
            r"40\.2 per 100k\s+40\.0 per 100k\s+38\.7 per 100k",
    }  # fmt: skip
    for description, figures in rows.items():
        assert re.search(re.escape(description) + r".*?\s(?:Low|High)\s+" + figures, shown), (
            description
        )


def test_the_theme_sentences_name_indicators_in_plain_words(
    document: docx.document.Document,
) -> None:
    """A trial: the lists after 'Improvements:' kept the dashboards' shorthand (`% of SUs`,
    `pop`, `&`), which the committee report spells out."""
    paragraphs = _paragraphs(document)
    adults = _sentence(paragraphs, "Of the Adult social care dashboard's")
    assert "Percentage of service users who had as much social contact as they would like" in (
        adults
    )
    lists = [p[p.find("Improvements:") :] for p in paragraphs if "Improvements:" in p]
    assert lists and not [p for p in lists if re.search(r"% of|\bSUs?\b|\bpop\b| & ", p)]
    # The dashboards themselves print each description as published.
    assert any("% of SUs" in description for each in _dashboards(document) for description in each)
