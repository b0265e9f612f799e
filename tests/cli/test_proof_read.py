"""`perfcli proof-read FILE`: a drafted report read again after an officer's edits in Word.

The example workspace's figures are seed 000's (2023/24); the edits are a trial's.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx

from tests.cli.test_example import import_all
from tests.conftest import error_line, perfcli, unwrapped


def _drafted(ws: Path) -> Path:
    import_all(ws)
    report = ws / "reports" / "adults-2023-24.docx"
    perfcli("draft-report", "-c", "adults", "-p", "2023-24", "-w", ws, "--meeting-date",
            "2024-06-03")  # fmt: skip
    return report


def _edited(report: Path, before: str, after: str, *, in_table: bool) -> Path:
    """The report with `before` typed over as `after`, once, in a table cell or a paragraph."""
    document = docx.Document(str(report))
    if in_table:
        runs = [run for table in document.tables for row in table.rows for cell in row.cells
                for p in cell.paragraphs for run in p.runs]  # fmt: skip
    else:
        runs = [run for p in document.paragraphs for run in p.runs]
    run = next(run for run in runs if before in run.text)
    run.text = run.text.replace(before, after, 1)
    edited = report.with_name(f"edited-{'table' if in_table else 'text'}.docx")
    document.save(str(edited))
    return edited


def _findings(report: Path, example: Path, period: str = "2023-24") -> list[dict[str, str]]:
    """What proof-read finds in an edited report, as its JSON lists it (exit 1)."""
    run = perfcli("proof-read", report, "-c", "adults", "-p", period, "-w", example, "-f",
                  "json", exit=1)  # fmt: skip
    return list(json.loads(run.stdout)["findings"])


def test_a_report_as_drafted_proof_reads_clean(example: Path) -> None:
    report = _drafted(example)
    run = perfcli("proof-read", report, "-c", "adults", "-p", "2023-24", "-w", example)
    first, second = run.stdout.splitlines()
    assert first.endswith("reports/adults-2023-24.docx: read against 2023/24's figures")
    assert second == "✔ proof-read: nothing a clerk would send back"


def test_the_period_is_the_reports_own_and_another_document_is_refused(
    example: Path, tmp_path: Path
) -> None:
    """A re-check: without --period, 2023/24's report was read against 2025/26 Q1's figures
    (212 findings); and a document of another committee passed clean."""
    report = _drafted(example)
    renamed = tmp_path / "committee report, June.docx"  # its period now only in its title
    renamed.write_bytes(report.read_bytes())
    for path in (report, renamed):
        run = perfcli("proof-read", path, "-c", "adults", "-w", example)
        assert "read against 2023/24's figures" in run.stdout
    other = docx.Document()
    other.add_paragraph("Minutes of the meeting of 3 June 2024: 999,999 visitors.")
    other.save(str(tmp_path / "minutes.docx"))
    refused = perfcli("proof-read", tmp_path / "minutes.docx", "-c", "adults", "-w", example,
                      exit=1)  # fmt: skip
    assert error_line(refused).startswith(
        "Error: minutes.docx: holds no Appendix A row of the 2025/26 Q1 report's measures: it is"
        " not the adults committee's report for 2025/26 Q1"
    )


def test_a_figure_typed_over_in_word_is_found_in_a_table_and_in_the_text(example: Path) -> None:
    """A trial typed Library visits' 615.1k over as 651.1k in Appendix A, and 615,100 as
    651,100 in the Update, then had no way to proof-read the edited copy but to make it a
    template: the table's edit passed."""
    report = _drafted(example)
    table = _edited(report, "615.1k", "651.1k", in_table=True)
    found = _findings(table, example)
    [finding] = found
    assert finding["kind"] == "untraced" and finding["where"].startswith("Appendix A table")
    assert finding["message"] == (
        "'651.1k' under '2023/24 Performance' is not the figure held ('615.1k')"
    )
    text = _edited(report, "615,100", "651,100", in_table=False)
    said = perfcli("proof-read", text, "-c", "adults", "-p", "2023-24", "-w", example, exit=1)
    assert "✘ proof-read: 1 finding" in said.stdout
    assert "✘ paragraph 18: untraced: '651,100' matches no stored figure, change or commentary" in (
        unwrapped(said.stdout)
    )


def test_this_years_figure_swapped_with_last_years_in_the_text_is_found(example: Path) -> None:
    """Both figures are held, so tracing each to some stored value let the swap pass: the
    sequels' 49.2% in 2023/24 and 56.7% in 2022/23 (seed 000), said the other way round."""
    report = _drafted(example)
    swapped = _edited(report, "49.2% in 2023/24, down 7.5 percentage points from 56.7% in 2022/23",
                      "56.7% in 2023/24, down 7.5 percentage points from 49.2% in 2022/23",
                      in_table=False)  # fmt: skip
    found = _findings(swapped, example)
    assert [(f["kind"], f["message"]) for f in found] == [
        ("untraced", "'56.7%' in 2023/24 is not a figure held for that period: it is one held"
                     " in 2022/23"),
        ("untraced", "'49.2%' in 2022/23 is not a figure held for that period: it is one held"
                     " in 2023/24"),
    ]  # fmt: skip


def test_a_change_typed_over_and_a_dashboards_shorthand_in_the_text_are_found(
    example: Path,
) -> None:
    """A trial typed library visits' "14% higher" over as 17% (a figure the store holds for
    another measure, so tracing let it pass) and "the 23/24 Nat. Ave." into a paragraph."""
    report = _drafted(example)
    edited = _edited(report, "615,100 in 2023/24, 14% higher", "615,100 in 2023/24, 17% higher",
                     in_table=False)  # fmt: skip
    found = _findings(edited, example)
    assert [(f["kind"], f["message"]) for f in found] == [
        ("untraced", "'17% higher' does not follow from 615,100 and 539,900"),
    ]
    said = _edited(report, "the latest national average of 80.5% (2022/23)",
                   "the 22/23 Nat. Ave. of 80.5%", in_table=False)  # fmt: skip
    found = _findings(said, example)
    assert [f["message"] for f in found] == [
        "dashboard shorthand in prose: '22/23' (write it out: 'the national average', '2023/24')",
        "dashboard shorthand in prose: 'Nat. Ave.' (write it out: 'the national average',"
        " '2023/24')",
    ]


def test_a_quarters_figure_swapped_with_the_same_quarter_last_years_is_found(
    example: Path,
) -> None:
    """A re-check swapped seed 001's volunteering hours, 6,500 in April to June 2025 and 5,600
    in the same quarter last year: one side of each swap was found, the other passed."""
    import_all(example)
    report = example / "reports" / "q1.docx"
    perfcli("draft-report", "-c", "adults", "-p", "2025-26-Q1", "-w", example, "-o", report)
    swapped = _edited(
        report, "6,500 hours in April to June 2025, 16% higher than 5,600 hours in the same quarter",
        "5,600 hours in April to June 2025, 16% higher than 6,500 hours in the same quarter",
        in_table=False,
    )  # fmt: skip
    found = _findings(swapped, example, "2025-26-Q1")
    assert [f["message"] for f in found] == [
        "'5,600' in April to June 2025 is not a figure held for that period: it is one held in"
        " the same quarter last year",
        "'6,500' in the same quarter last year is not a figure held for that period: it is one"
        " held in April to June 2025",
    ]


def test_counts_and_changes_typed_over_in_the_conclusions_are_found(example: Path) -> None:
    """A re-check typed seed 000's "16 did better, one was similar and nine fell short" over as
    18 and seven, and a change "up 1.8 percentage points" as 6.2: each matched some stored
    value or count, and all passed."""
    report = _drafted(example)
    counts = _edited(report, "16 did better, one was similar and nine fell short",
                     "18 did better, one was similar and seven fell short", in_table=False)  # fmt: skip
    found = _findings(counts, example)
    assert [f["message"] for f in found] == [
        "'18' in the Conclusions is not what the ratings give (the ratings give 16, nine)",
        "'seven' in the Conclusions is not what the ratings give (the ratings give 16, nine)",
    ]
    change = _edited(report, "reablement, up 1.8 percentage points",
                     "reablement, up 6.2 percentage points", in_table=False)  # fmt: skip
    found = _findings(change, example)
    [finding] = found
    assert finding["message"].startswith("'6.2' in the Conclusions is not what the ratings give")
    swapped = _edited(report, "one was similar and nine fell short",
                      "nine were similar and one fell short", in_table=False)  # fmt: skip
    assert [f["message"] for f in _findings(swapped, example)] == [
        "'nine were similar' is not what the ratings give ('one was similar')",
        "'one fell short' is not what the ratings give ('nine fell short')",
    ]


def test_a_period_other_than_the_reports_own_is_refused(example: Path) -> None:
    """A re-check proof-read 2023/24's report with --period 2025-26-Q1: 214 findings."""
    report = _drafted(example)
    refused = perfcli("proof-read", report, "-c", "adults", "-p", "2025-26-Q1", "-w", example,
                      exit=2)  # fmt: skip
    assert error_line(refused) == (
        "Error: adults-2023-24.docx is the report for 2023/24 by its name or title, not 2025/26"
        " Q1 (leave out --period, or give --period 2023-24)"
    )


def test_what_cannot_be_proof_read_is_one_line(example: Path, tmp_path: Path) -> None:
    import_all(example)
    missing = perfcli("proof-read", tmp_path / "gone.docx", "-c", "adults", "-w", example, exit=1)
    assert error_line(missing) == "Error: gone.docx: no such file"
    (tmp_path / "notes.docx").write_text("not a Word document")
    broken = perfcli("proof-read", tmp_path / "notes.docx", "-c", "adults", "-w", example, exit=1)
    assert error_line(broken) == (
        "Error: notes.docx: cannot be read as a Word document: it is damaged, or another kind of"
        " file; open it in Word and save it as a Word Document (.docx)"
    )
    unknown = perfcli("proof-read", tmp_path / "notes.docx", "-c", "nobody", "-w", example, exit=2)
    assert "nobody" in error_line(unknown)
    csv = perfcli("proof-read", tmp_path / "notes.docx", "-c", "adults", "-w", example,
                  "-f", "csv", exit=2)  # fmt: skip
    assert error_line(csv) == (
        "Error: --format csv: proof-read prints its findings as table or json"
    )
