"""A fresh-eyes trial's wording slips, each through the CLI on a workspace the test makes: no
count of 0 in a sentence, one tense to a paragraph, one measure read as one."""

from __future__ import annotations

import json

import docx

from tests.conftest import appendix_workbook, perfcli


def test_a_one_measure_report_reads_as_english(workspace, tmp_path):
    # The council3 trial's library visits, 17,300 in 2023/24 against a local target of 17,300.
    workbook = appendix_workbook(tmp_path / "visits.xlsx", [
        ["Local", "Number of library visits", "High", "17.3k Local target 2023/24", "17.3k", "16.1k"],
    ])  # fmt: skip
    perfcli("import", workbook, "-w", workspace)
    run = perfcli("draft-report", "-c", "adults", "--period", "2023-24", "-f", "json",
                  "-w", workspace)  # fmt: skip
    paragraphs = [p.text for p in docx.Document(json.loads(run.stdout)["written"]).paragraphs]
    text = " ".join(paragraphs)
    assert (
        "The number of library visits was 17,300 in 2023/24, 7.5% higher than 16,100 in 2022/23"
        " (an increase of 1,200), and met the local target of 17,300." in paragraphs
    )
    assert (
        "Overall, performance in 2023/24 was positive. The one measure compared with a national"
        " average or a local target did better. The one measure that can be compared with an"
        " earlier figure improved." in paragraphs
    )
    assert "meeting the local" not in text and "none" not in text.replace("None.", "")
    assert not any(f["kind"] == "repeated" for f in json.loads(run.stdout)["findings"])


def test_a_measure_short_of_its_target_fell_short_throughout_the_conclusions(workspace, tmp_path):
    workbook = appendix_workbook(tmp_path / "visits.xlsx", [
        ["Local", "Number of library visits", "High", "18k Local target 2023/24", "15.9k", "17.3k"],
        ["Local", "Number of library loans", "High", "20k Local target 2023/24", "19.2k", "18.1k"],
    ])  # fmt: skip
    perfcli("import", workbook, "-w", workspace)
    run = perfcli("draft-report", "-c", "adults", "--period", "2023-24", "-f", "json",
                  "-w", workspace)  # fmt: skip
    document = docx.Document(json.loads(run.stdout)["written"])
    text = " ".join(p.text for p in document.paragraphs)
    assert "Both measures compared with a national average or a local target fell short." in text
    assert (
        "Of the two measures that can be compared with an earlier figure, one improved and one"
        " was not as good." in text
    )
    assert (
        "Two measures fell short of their local targets: the number of library visits and the"
        " number of library loans." in text
    )
    assert " fall short" not in text and "falls short" not in text


def test_diff_and_import_say_no_count_of_0(workspace, tmp_path):
    workbook = appendix_workbook(tmp_path / "visits.xlsx", [
        ["Local", "Number of library visits", "High", "18k Local target 2023/24", "15.9k", "17.3k"],
    ])  # fmt: skip
    perfcli("import", workbook, "-w", workspace)
    diff = perfcli("diff", "2022-23", "2023-24", "-f", "json", "-w", workspace)
    assert json.loads(diff.stdout)["summary"]["sentence"] == (
        "Of 1 measure in both periods, 1 worsened."
    )
    definitions = tmp_path / "measures.csv"
    definitions.write_text("ID,Description,Aim,Unit\npeople-waiting,Number of people waiting for"
                           " an assessment,Low,count\n", encoding="utf-8")  # fmt: skip
    imported = perfcli("import", definitions, "-w", workspace)
    assert "✔ measures.csv: imported — 1 measure, no figures" in imported.stdout
