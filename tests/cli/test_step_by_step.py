"""The README's "Your own dashboard, step by step", followed literally by a new user.

The commands are read from the README's section itself, so the test breaks when the README and
perfcli part. The dashboards are typed as the reports printed them: seed 000 (Leicestershire,
Adults and Communities, Appendix A 2023/24, with its `Local target 2023/34` typo) and seed 001
(the same, April to June 2025, where `LALS Success Rate` became a longer name). No `ID` column.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import ROOT, perfcli

HEADER = ["Measure", "Description", "Aim", "Rating", "Progress"]
REABLEMENT = "% of people who had no need for ongoing services following reablement"
SEED_000 = [
    ["Local", "Hours of Volunteering (Heritage & libraries)", "High", "17.3k Local target 2023/34", "", "19.6k", "17.3k"],
    ["Local", "Library visits", "High", "545.3k Local target 2023/34", "▲", "615.1k", "539.9k"],
    ["Local", "LALS Success Rate", "High", "90% Local Target 2023/24", "◀▶", "85.3% (Position at March 2024)", "84.6% (Position at March 2023)"],
    ["ASCOF 2A", REABLEMENT, "High", "77.5% 22/23 Nat. Ave", "▲", "89.6%", "87.8%"],
]  # fmt: skip
SEED_001 = [
    ["Local", "Hours of Volunteering (Heritage & libraries)", "High", "5.1k Local Q1 Milestone", "A", "6.5k", "5.6k"],
    ["Local", "Library visits", "High", "195.0k Local Q1 Milestone", "A", "196.4k", "155.1k"],
    ["Local", "Leicestershire Adult Learning Service (LALS) Success Rate", "High", "84.0% Local Target 2024/25 (Academic year)", "", "84.8%", "85.8%"],
    ["ASCOF 2A", REABLEMENT, "High", "79.4% 23/24 Nat. Ave", "", "82.8% (911 out of 1,100)", "88.7% (3,912 out of 4,408)"],
]  # fmt: skip


def dashboard(path: Path, title: str, years: tuple[str, str], rows: list[list[str]]) -> None:
    """A dashboard as an officer types it: a title, a blank row, a section row, the header, rows."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Appendix A"
    sheet.append([title])
    sheet.append([])
    sheet.append([])
    sheet.append(["PREVENT NEED"])
    sheet.append([*HEADER, *(f"{year} Performance" for year in years)])
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def section() -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index("## Your own dashboard, step by step")
    return text[start : text.index("\n## ", start + 1)]


def step(number: int) -> str:
    text = section()
    start = text.index(f"**{number}. ")
    end = text.find(f"**{number + 1}. ", start)
    return text[start : end if end > 0 else None]


def commands(text: str) -> list[list[str]]:
    """The perfcli commands of a step's `sh` blocks, as a shell would split them."""
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    return [shlex.split(line) for block in blocks for line in block.splitlines() if line.strip()]


def run_step(number: int, *, exit: int = 0) -> list[str]:
    outputs = []
    for words in commands(step(number)):
        assert words[0] == "perfcli", words
        outputs.append(perfcli(*words[1:], exit=exit).stdout)
    return outputs


def test_a_new_user_gets_from_their_own_dashboard_to_a_drafted_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PERFCLI_WORKSPACE", raising=False)

    # 1. init, then cd into the workspace.
    (init, cd) = commands(step(1))
    out = perfcli(*init[1:]).stdout
    assert "Next steps:" in out and "perfcli validate YOUR-DASHBOARD.xlsx -w council" in out
    # The settings step 7 asks for, joint_report_of among them (draft-report warns until it is set).
    assert "add your meeting dates, officers and joint_report_of to council/perfcli.toml" in out
    assert cd == ["cd", "council"]
    monkeypatch.chdir(tmp_path / "council")
    config = Path("perfcli.toml")
    assert 'department = "Adults and Communities"' in config.read_text()

    # 2. The dashboards, saved in data/ under the names the README uses.
    last_year, this_quarter = re.findall(r"`(data/dashboard-[\w-]+\.xlsx)`", step(2))
    dashboard(Path(last_year), "Adults and Communities Performance 2023/24",
              ("2023/24", "2022/23"), SEED_000)  # fmt: skip
    dashboard(Path(this_quarter), "Adults and Communities Performance 2025/26 April to June 2025",
              ("2025/26", "2024/25"), SEED_001)  # fmt: skip

    # 3. validate (both files at once) finds the typo at its cells; corrected in "Excel", it finds
    # no errors.
    (found,) = run_step(3, exit=1)
    assert "dashboard-2025-26-q1.xlsx" in found  # both were read: its warnings name it
    for cell, target in (("D6", "17.3k"), ("D7", "545.3k")):
        assert re.search(
            rf"cell {cell}\s+(Message: )?cannot read '{re.escape(target)} Local target 2023/34'",
            found,
        )
    assert found.count("did you mean 2023/24?") == 2
    workbook = load_workbook(last_year)
    for cell in ("D6", "D7"):
        workbook.active[cell] = workbook.active[cell].value.replace("2023/34", "2023/24")
    workbook.save(last_year)
    run_step(3)

    # 4. The renamed measure is linked, with the README's own lines.
    (toml,) = re.findall(r"```toml\n(.*?)```", step(4), re.S)
    config.write_text(config.read_text() + "\n" + toml)

    # 5. Import, oldest first: one measure each, no "may be one measure".
    first, second = run_step(5)
    assert "4 measures for 2023/24" in first and "4 measures for 2025/26 Q1" in second
    assert "may be one measure" not in first + second
    catalogue = json.loads(perfcli("measures", "-f", "json").stdout)
    held = {m["id"]: m for m in catalogue["measures"]}
    assert len(held) == 4 and "lals-success-rate" in held

    # 6. Rate: every measure has its reasons.
    (rated,) = run_step(6)
    assert "4 measures" in rated

    # 7. The committee's meeting dates, who the report is from, and an officer, as the README says.
    meeting = re.search(r"`(meeting_dates = \[[\d, -]+\])`", step(7)).group(1)
    joint = re.search(r'`(joint_report_of = "[^"]+")`', step(7)).group(1)
    text = config.read_text().replace("meeting_dates = []", meeting)
    text = re.sub(r"^joint_report_of = .*$", joint, text, flags=re.M)
    officer = text[text.index("# [[committees.adults.officers]]") :].split("\n\n")[0]
    mine = officer.replace("# ", "").replace("A. Person", "Jon Wilson")
    config.write_text(text.replace(officer, officer + "\n" + mine))

    # 8. Draft: the report for the latest period, then the year before, with nothing left to fill.
    drafted, year_drafted = run_step(8)
    report = Path("reports/adults-2025-26-Q1.docx")
    assert f"  written to {report}\n" in drafted  # from the workspace, as typed there
    for out in (drafted, year_drafted):
        assert "! no officers" not in out and "! no meeting date" not in out
        assert "! joint_report_of" not in out
    texts = [p.text for p in docx.Document(str(report)).paragraphs]
    joint_report = "JOINT REPORT OF THE CHIEF EXECUTIVE AND DIRECTOR OF ADULTS AND COMMUNITIES"
    assert joint_report in texts
    assert any("the Adults and Communities Department's performance" in t for t in texts)
    assert "8 SEPTEMBER 2025" in texts  # the meeting date set in step 7
    assert "Jon Wilson, Director of Adults and Communities" in texts
    assert "Adults and Communities Department" in texts
    assert any("84.8%" in t for t in texts)  # LALS, under its new name, compared with its history
    year = Path("reports/adults-2023-24.docx")
    assert f"  written to {year}\n" in year_drafted
    year_texts = [p.text for p in docx.Document(str(year)).paragraphs]
    assert "3 JUNE 2024" in year_texts  # the meeting after 2023/24, not September 2025's
    assert joint_report in year_texts
    assert "PERFORMANCE REPORT 2023/24 – POSITION AT MARCH 2024" in year_texts


@pytest.mark.parametrize("number", range(1, 9))
def test_each_step_is_in_the_readme(number):
    assert step(number).strip()
