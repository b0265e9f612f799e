"""Issue 24: every draft proof-read through the CLI; `--final` writes only a clean draft."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from tests.cli.test_example import import_all
from tests.conftest import ROOT, error_line, perfcli
from tests.typed_seeds import seed_000, seed_001


def numbered(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "List Number"]


@pytest.mark.parametrize("period", ["2023-24", "2025-26-Q1", "2021-22-apr-nov"])
def test_the_example_drafts_go_to_committee_as_drafted(example, period):
    import_all(example)
    run = perfcli("draft-report", "-c", "adults", "--period", period, "--final", "-f", "json",
                  "-w", example)  # fmt: skip
    result = json.loads(run.stdout)
    assert result["findings"] == []
    text = " ".join(numbered(Path(result["written"])))
    # The example's next steps replace the template's note; no dashboard shorthand in prose.
    assert "Officers will report progress on the measures that fall short" in text
    assert "[Next steps" not in text and "k in " not in text


def test_the_compendium_example_is_proof_read_and_its_verdicts_are_the_ratings(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(
        ROOT / "examples" / "compendium",
        workspace,
        ignore=shutil.ignore_patterns("perfcli.db*", "reports"),
    )
    perfcli("import", *sorted((workspace / "data").glob("*.xlsx")), "-w", workspace)
    run = perfcli("draft-report", "-c", "corporate", "-f", "json", "-w", workspace)
    result = json.loads(run.stdout)
    assert Path(result["written"]).is_file()
    # No placeholder, no shorthand ("£307 million", not "£307m"), no brackets in brackets, and one
    # verdict per figure (Direction of Travel as `rate` gives it).
    assert result["findings"] == []


def test_a_measures_caveat_is_said_once_where_it_is_drafted(example):
    # Seed 002: ASCOF 2E is experimental and still covers learning disability only.
    import_all(example)
    perfcli("draft-report", "-c", "adults", "--period", "2025-26-Q1", "-w", example)
    text = " ".join(numbered(example / "reports" / "adults-2025-26-Q1.docx"))
    assert text.count("cover only people with a learning disability") == 1
    at = text.index("ASCOF 2E")
    assert at < text.index("cover only people with a learning disability") < at + 400


@pytest.fixture
def as_published(tmp_path) -> Path:
    """Seeds 000 and 001 typed as printed, in a fresh workspace with the department in full."""
    perfcli("init", tmp_path / "ws", "--council", "Leicestershire County Council",
            "--department", "Adults and Communities Department")  # fmt: skip
    files = [seed_000(tmp_path / "seed-000.xlsx"), seed_001(tmp_path / "seed-001.xlsx")]
    perfcli("import", *files, "--force", "-w", tmp_path / "ws")
    return tmp_path / "ws"


def test_final_refuses_a_draft_with_a_placeholder_and_writes_nothing(as_published):
    run = perfcli("draft-report", "-c", "adults", "--period", "2025-26-Q1", "--final",
                  "-w", as_published, exit=1)  # fmt: skip
    assert not (as_published / "reports" / "adults-2025-26-Q1.docx").exists()
    assert "not written: the proof-reading pass found 4 problems" in error_line(run)
    assert "✘ proof-read: 4 findings" in run.stdout
    assert ": placeholder left in: [Next steps" in run.stdout
    assert "placeholder: placeholder" not in run.stdout
    assert "joint_report_of is still init's placeholder" in run.stdout
    found = json.loads(perfcli("draft-report", "-c", "adults", "--period", "2025-26-Q1", "--final",
                               "-f", "json", "-w", as_published, exit=1).stdout)  # fmt: skip
    assert found["written"] is None
    # Three placeholders, and seed 001's June waiters typed with March's date (cell F51).
    assert [f["kind"] for f in found["findings"]].count("placeholder") == 3
    (misdated,) = [f for f in found["findings"] if f["kind"] == "header"]
    assert "states End of March 2025, but is the figure for End of June 2025" in misdated["message"]
    assert any(f["where"].startswith("paragraph ") for f in found["findings"])


def test_the_seeds_as_published_read_as_a_clerk_would_pass_them(as_published):
    run = perfcli("draft-report", "-c", "adults", "--period", "2025-26-Q1", "-w", as_published)
    assert "! joint_report_of is still the placeholder 'perfcli init' wrote" in run.stdout
    document = docx.Document(str(as_published / "reports" / "adults-2025-26-Q1.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Department Department" not in text
    assert "the Adults and Communities Department's performance" in text
    assert "rise of 0" not in text and "(0.0%)" not in text
    # Seed 001's surveys with no new figure share a sentence, named by the quarter as said.
    assert "There is no figure yet in the first quarter of 2025/26 for two measures:" in text
    assert "2025/26 Q1 (" not in text
    # Dashboard shorthand written out.
    assert "Library visits stood at 196,400 in April to June 2025" in text
    assert "196.4k" not in text.split("Appendix A –")[0]


def test_the_year_end_seed_reads_in_plain_english(as_published):
    perfcli("draft-report", "-c", "adults", "--period", "2023-24", "-w", as_published)
    text = " ".join(numbered(as_published / "reports" / "adults-2023-24.docx"))
    # Seed 000: 2,384.5k loans and 19.6k hours, 96% against 90% (whole per cents).
    assert "Total library loans stood at 2.38 million in 2023/24" in text
    assert "19,600 hours" in text
    assert "up 6 percentage points from 90%" in text
    # Seed 003 says what a sequel is; the report says it once, where the word first appears.
    assert text.count("A sequel is the response that followed a new contact") == 1
    assert text.index("sequels that 'Prevent Need'") < text.index("A sequel is the response")
    assert "It is reported for information only" not in text
    # Seed 000's ASCOF 5A: 44.9% against 44.4% is rated similar, and the lead and the sentence
    # say so (never "neither compared well" then "higher than").
    assert (
        "Two measures make up ASCOF 5A, and one was close to the national average while one fell short."
        in text
    )
    assert "close to the latest national average of 44.4%" in text
    assert "neither compared well" not in text.split("ASCOF 5A")[0][-200:]
    assert "remain short of what they are compared with" not in text


def test_draft_report_has_no_csv_findings(example):
    run = perfcli("draft-report", "-c", "adults", "-f", "csv", "-w", example, exit=2)
    assert "draft-report prints its findings as table or json" in error_line(run)


def test_final_refuses_a_compendium_with_a_placeholder(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(
        ROOT / "examples" / "compendium",
        workspace,
        ignore=shutil.ignore_patterns("perfcli.db*", "reports"),
    )
    config = workspace / "perfcli.toml"
    lines = [
        'note = "[The lead adds a foreword.]"' if line.startswith("note = ") else line
        for line in config.read_text().splitlines()
    ]
    config.write_text("\n".join(lines) + "\n")
    perfcli("import", *sorted((workspace / "data").glob("*.xlsx")), "-w", workspace)
    run = perfcli("draft-report", "-c", "corporate", "--final", "-w", workspace, exit=1)
    assert "placeholder left in: [The lead adds a foreword.]" in run.stdout
    assert "not written" in error_line(run)
    assert not (workspace / "reports" / "corporate-2023-24.docx").exists()


def test_the_background_says_a_quarter_as_prose_does(example):
    # The fresh-eyes reading struck "key performance measures for 2025/26 Q1" in the Background:
    # headings keep the dashboard's label, sentences say the quarter.
    import_all(example)
    perfcli("draft-report", "-c", "adults", "--period", "2025-26-Q1", "-w", example)
    report = docx.Document(str(example / "reports" / "adults-2025-26-Q1.docx"))
    text = " ".join(numbered(example / "reports" / "adults-2025-26-Q1.docx"))
    assert "key performance measures for the first quarter of 2025/26, " in text
    assert "2025/26 Q1" not in text
    headings = [p.text for p in report.paragraphs if p.style.name.startswith("Heading")]
    assert any(h.endswith("Performance Dashboard for 2025/26 Q1") for h in headings)


def test_an_acronym_a_later_dashboard_spells_out_is_defined_in_the_earlier_report(as_published):
    # Seed 000 prints "LALS Success Rate"; seed 001 "Leicestershire Adult Learning Service (LALS)
    # Success Rate". The fresh-eyes reading struck the 2023/24 report's bare LALS.
    perfcli("draft-report", "-c", "adults", "--period", "2023-24", "-w", as_published)
    text = " ".join(numbered(as_published / "reports" / "adults-2023-24.docx"))
    assert "Leicestershire Adult Learning Service (LALS)" in text
    # Defined at its first use.
    assert text.index("LALS") == text.index("Leicestershire Adult Learning Service (LALS)") + 39


def test_an_acronym_the_template_spells_out_is_not_spelled_out_again(example):
    # The adults template's Background defines ASCOF; the update used to define it a second time.
    import_all(example)
    perfcli("draft-report", "-c", "adults", "--period", "2023-24", "-w", example)
    text = " ".join(numbered(example / "reports" / "adults-2023-24.docx"))
    assert text.count("Adult Social Care Outcomes Framework (ASCOF)") == 1
    assert text.index("Adult Social Care Outcomes Framework (ASCOF)") < text.index("ASCOF 2A")


def test_a_word_twice_in_the_officers_own_words_is_found_and_final_refuses(example):
    # The council3 trial: a description and next_steps typed with a word twice ("of of", "at at"),
    # found where they print (paragraphs and Appendix A), and --final writes nothing.
    config = example / "perfcli.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("short at the next", "short at at the next"), encoding="utf-8")
    workbook = example / "data" / "appendix-a-2023-24.xlsx"
    book = openpyxl.load_workbook(workbook)
    (cell,) = [c for row in book.active.iter_rows() for c in row
               if c.value == "% of people who had no need for ongoing services following reablement"]  # fmt: skip
    cell.value = "% of of people who had no need for ongoing services following reablement"
    book.save(workbook)
    import_all(example)
    report = example / "reports" / "adults-2023-24.docx"
    args = ("draft-report", "-c", "adults", "--period", "2023-24", "-f", "json", "-w", example)
    refused = json.loads(perfcli(*args, "--final", exit=1).stdout)
    assert refused["written"] is None and not report.exists()
    drafted = json.loads(perfcli(*args).stdout)
    repeated = [(f["where"], f["message"]) for f in drafted["findings"] if f["kind"] == "repeated"]
    assert sorted(repeated) == sorted(refused_repeated := [
        (f["where"], f["message"]) for f in refused["findings"] if f["kind"] == "repeated"
    ])  # fmt: skip
    messages = {message for _, message in refused_repeated}
    assert messages == {"word repeated: 'of of'", "word repeated: 'at at'"}
    wheres = [where for where, _ in refused_repeated]
    assert any(w.startswith("table ") for w in wheres)  # the description in Appendix A
    paragraphs = numbered(report)
    at = next(n for n, p in enumerate(paragraphs, start=1) if "at at the next meeting" in p)
    assert (f"paragraph {at}", "word repeated: 'at at'") in refused_repeated
    assert any("The percentage of of people who had no need" in p for p in paragraphs)
    assert {f["kind"] for f in drafted["findings"]} == {"repeated"}
