"""A compendium of 225 indicators in 25 theme tables it has never seen (all SYNTHETIC)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import docx
from openpyxl import Workbook

from perfcli.domain.outcomes import Progress
from perfcli.importers import read_file
from perfcli.importers.measures import Context
from perfcli.report.compendium import write_compendium
from perfcli.report.compendium_records import CompendiumData, indicator_from_line, themes_of

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "docx" / "compendium.docx"
HEADER = ["Description", "Quartile position", "Direction of Travel", "End of Yr 2023/24",
          "Target / Standard", "End of Yr 2022/23", "Polarity", "Commentary"]  # fmt: skip


def _workbook(path: Path, themes: int, per_theme: int) -> None:
    rng = random.Random(16)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["SYNTHETIC compendium for a test"])
    for t in range(1, themes + 1):
        sheet.append([])
        sheet.append([f"Theme {t} (SYNTHETIC)"])
        sheet.append(HEADER)
        for n in range(1, per_theme + 1):
            quartile = rng.choice(["1st (2023/24)", "2nd (2023/24)", "3rd (2022)", "4th (2023/24)", "N/A"])  # fmt: skip
            dot = rng.choice(["↑", "↓", "→", "N/A"])
            now, before = rng.randint(10, 90), rng.randint(10, 90)
            polarity = rng.choice(["High", "Low"])
            sheet.append([f"Indicator {t}.{n} (SYNTHETIC)", quartile, dot, f"{now}.0%", "", f"{before}.0%", polarity, ""])  # fmt: skip
    workbook.save(path)


def test_225_indicators_in_25_themes(tmp_path: Path) -> None:
    source = tmp_path / "big-SYNTHETIC.xlsx"
    _workbook(source, 25, 9)
    batch = read_file(source, Context())
    assert len(batch.lines) == 225
    indicators = [
        indicator_from_line(line, batch.measures[line.measure_id].aim) for line in batch.lines
    ]
    data = CompendiumData("Avon", "2023/24", "2022/23", themes_of(indicators))
    output = tmp_path / "big.docx"
    write_compendium(data, TEMPLATE, output)
    document = docx.Document(str(output))
    sections = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert [s for s in sections if s.startswith("8.")] == [
        f"8.{t} Theme {t} (SYNTHETIC)" for t in range(1, 26)
    ]
    paragraphs = [p.text for p in document.paragraphs]
    for t in range(1, 26):
        lines = [line for line in batch.lines if line.theme == f"Theme {t} (SYNTHETIC)"]
        marks = [line.published_progress or Progress.NOT_RATED for line in lines]
        text = next(p for p in paragraphs if f"Theme {t} (SYNTHETIC) dashboard's" in p)
        found = re.search(
            r"(?:Of its|dashboard's) (\d+) indicators, (\d+|none) improved .*, (\d+|none) got "
            r"worse and (\d+|none)",
            text,
        )
        assert found is not None
        assert [int(g.replace("none", "0")) for g in found.groups()] == [
            9, marks.count(Progress.IMPROVED), marks.count(Progress.WORSE),
            marks.count(Progress.SIMILAR),
        ]  # fmt: skip
    column = [line.quartile.quartile if line.quartile else None for line in batch.lines]
    summary = next(p for p in paragraphs if "comparing the council with" in p)
    assert quartile_summary(summary) == [
        sum(1 for q in column if q),
        *(column.count(q) for q in (1, 2, 3, 4)),
    ]
    dashboards = [t for t in document.tables if t.rows[0].cells[0].text == "Description"]
    assert sum(len(t.rows) - 1 for t in dashboards) == 225


def test_draft_report_on_a_file_it_has_never_seen(tmp_path: Path) -> None:
    """Through the CLI: each theme's counts are `perfcli rate`'s; the quartile summary the file's."""
    import json

    from tests.conftest import perfcli

    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "perfcli.toml").write_text('[committees.corporate]\nkind = "compendium"\n')
    source = tmp_path / "big-SYNTHETIC.xlsx"
    _workbook(source, 25, 9)
    perfcli("import", source, "-w", workspace)
    run = perfcli("draft-report", "--committee", "corporate", "-w", workspace)
    assert "225 indicators in 25 themes" in run.stdout
    rated = json.loads(perfcli("rate", "-f", "json", "-w", workspace).stdout)["measures"]
    paragraphs = [
        p.text
        for p in docx.Document(str(workspace / "reports" / "corporate-2023-24.docx")).paragraphs
    ]
    for t in range(1, 26):
        mine = [m for m in rated if m["description"].startswith(f"Indicator {t}.")]
        text = next(p for p in paragraphs if f"Theme {t} (SYNTHETIC) dashboard's" in p)
        found = re.search(
            r"(?:Of its|dashboard's) (\d+) indicators, (\d+|none) improved .*, (\d+|none) got "
            r"worse and (\d+|none)",
            text,
        )
        assert found is not None, text
        progress = [m["progress"] for m in mine]
        assert [int(g.replace("none", "0")) for g in found.groups()] == [
            len(mine), progress.count("improved"), progress.count("worse"), progress.count("similar"),
        ]  # fmt: skip
    batch = read_file(source, Context())
    column = [line.quartile.quartile if line.quartile else None for line in batch.lines]
    counts = [column.count(q) for q in (1, 2, 3, 4)]
    summary = next(p for p in paragraphs if "comparing the council with" in p)
    assert quartile_summary(summary) == [sum(counts), *counts]


def quartile_summary(text: str) -> list[int]:
    """Part 1's first sentence: how many have a county quartile, and how many in each."""
    found = re.search(
        r"(\d+) indicators have a county quartile.* Of these, (\d+|none) (?:is|are) in the top "
        r"quartile, (\d+|none) in the second, (\d+|none) in the third and (\d+|none) in the "
        r"bottom quartile",
        text,
    )
    assert found is not None, text
    return [int(n.replace("none", "0")) for n in found.groups()]
