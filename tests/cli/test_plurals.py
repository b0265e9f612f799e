"""Counted words agree with their counts in everything perfcli prints: never "1 measures" or "1 are"."""

from __future__ import annotations

import re

from openpyxl import load_workbook

from tests.conftest import appendix_workbook, error_line, perfcli

# A singular count followed by a plural noun or verb. Words that end in s and are singular
# ("1 was", "1 has", "1 progress") are allowed.
DISAGREES = re.compile(
    r"(?<![\w.,/£-])1 (?:are|were|have|(?![A-Za-z]*(?:ss|us|was|has|is)\b)(?:[A-Z]\w* ){0,2}[a-z]+s\b)"
)


def test_the_pattern_finds_what_it_should():
    for wrong in (
        "1 measures",
        "1 are",
        "1 errors found",
        "Out of 1 indicators",
        "1 Appendix A tables",
    ):
        assert DISAGREES.search(wrong), wrong
    for right in (
        "1 measure",
        "1 is",
        "1 error",
        "2025/26 Q1 has",
        "1 was",
        "1 progress",
        "£1 bills",
    ):
        assert not DISAGREES.search(right), right


def test_no_output_about_one_thing_uses_a_plural(workspace, tmp_path):
    """Seed 000's ASCOF 2A row alone, first with a typed-wrong comparator year, then right."""
    row = ["ASCOF 2A", "% of people who had no need for ongoing services following reablement",
           "High", "77.5% 22/23 Nat. Ave", "89.6%", "87.8%"]  # fmt: skip
    one = appendix_workbook(
        tmp_path / "one.xlsx", [[*row[:3], "77.5% Local target 2023/34", *row[4:]]]
    )
    said = []
    said.append(perfcli("validate", one, exit=1))
    said.append(perfcli("import", one, "-w", workspace, exit=1))
    book = load_workbook(one)
    book.active["D5"] = row[3]
    book.save(one)
    for args in (["import", one], ["rate"], ["measures"], ["history", "ascof-2a"],
                 ["diff", "2022-23", "2023-24"], ["validate"],
                 ["draft-report", "--committee", "adults"]):  # fmt: skip
        said.append(perfcli(*args, "-w", workspace))
    text = "\n".join(run.stdout + run.stderr for run in said)
    assert "1 measure" in text
    assert not DISAGREES.findall(text), DISAGREES.findall(text)


def test_a_final_draft_refused_for_one_measure_says_so_in_the_singular(workspace, tmp_path):
    """Seed 000's ASCOF 2A row, owned (SYNTHETIC owner), its return made and not back."""
    row = ["ASCOF 2A", "% of people who had no need for ongoing services following reablement",
           "High", "77.5% 22/23 Nat. Ave", "89.6%", "87.8%"]  # fmt: skip
    perfcli("import", appendix_workbook(tmp_path / "one.xlsx", [row]), "-w", workspace)
    config = workspace / "perfcli.toml"
    config.write_text(
        config.read_text() + '\n[owners.care]\nname = "Jo Evans (SYNTHETIC)"\n'
        'email = "care@example.org"\n\n[measures.ascof-2a]\nowner = "care"\n'
    )
    perfcli("returns", "make", "--period", "2023-24", "-w", workspace)
    cover = load_workbook(workspace / "returns" / "2023-24" / "care.xlsx")["Cover"]
    assert "the sheet 'Return', one row for your measure." in "\n".join(
        str(cell.value) for cell in cover["A"]
    )
    refused = perfcli("draft-report", "-c", "adults", "--final", "-w", workspace, exit=1)
    assert error_line(refused).startswith(
        "Error: not final: 1 measure is not ready; first: ascof-2a: no return imported yet"
        " (owner care)"
    )
