"""The Appendix A importer on its own: a workbook in, measures, figures and lines out."""

from __future__ import annotations

from perfcli.domain.model import Aim, BandComparator, TargetComparator
from perfcli.domain.records import Place
from perfcli.domain.values import Unit
from perfcli.importers import Context, read_file
from tests.conftest import appendix_workbook

# Seed 000 (2023/24 dashboard), three rows as printed (no ID column, codes as printed).
ROWS = [
    ["PREVENT NEED"],
    ["Local", "% of sequels that 'Prevent Need'", "Target Band Width",
     "55% - 60% Local target 2023/24", "49.2%", "56.7%"],
    ["Local", "Heritage visits", "High", "133.5k Local target 2023/24", "134.1k", "127.1k"],
    ["DELAY NEED"],
    ["ASCOF 2A", "% of people who had no need for ongoing services following reablement", "High",
     "77.5% 22/23 Nat. Ave", "89.6%", "87.8%"],
]  # fmt: skip


def test_rows_become_measures_figures_and_lines(tmp_path):
    batch = read_file(appendix_workbook(tmp_path / "dash.xlsx", ROWS), Context())
    assert list(batch.measures) == ["pct-of-sequels-that-prevent-need", "heritage-visits",
                                    "ascof-2a"]  # fmt: skip
    band = batch.measures["pct-of-sequels-that-prevent-need"]
    assert (band.aim, band.unit, band.section) == (Aim.BAND, Unit.PERCENT, "Prevent Need")
    figures = {(o.measure_id, o.period): (o.value, cell) for o, cell in batch.observations}
    assert figures[("heritage-visits", "2023-24")] == (134100.0, Place("Appendix A", "E7"))
    assert figures[("ascof-2a", "2022-23")] == (87.8, Place("Appendix A", "F9"))
    lines = {line.measure_id: line for line in batch.lines}
    assert isinstance(lines["pct-of-sequels-that-prevent-need"].comparator, BandComparator)
    target = lines["heritage-visits"].comparator
    assert isinstance(target, TargetComparator) and target.value == 133500
    assert lines["ascof-2a"].section == "Delay Need"
    assert {line.report_period for line in batch.lines} == {"2023-24"}


def test_an_alias_in_the_context_names_the_measure(tmp_path):
    ctx = Context(aliases={"heritage visits": "heritage"})
    batch = read_file(appendix_workbook(tmp_path / "dash.xlsx", ROWS), ctx)
    assert "heritage" in batch.measures and "heritage-visits" not in batch.measures


def test_what_reading_passes_over_is_a_note_located_as_a_value(tmp_path):
    """A stray row and a hidden row (SYNTHETIC rows, seed 000's layout) are `file.note`
    findings from the moment they are noticed: the row is a number, not words to split."""
    from openpyxl import load_workbook

    from perfcli.domain.findings import Finding, Severity
    from perfcli.location import Location

    rows = [ROWS[2], [None, None, "see note", "below"], ROWS[4]]
    path = appendix_workbook(tmp_path / "Q1: dash.xlsx", rows)
    workbook = load_workbook(path)
    workbook["Appendix A"].row_dimensions[7].hidden = True
    workbook.save(path)
    batch = read_file(path, Context())
    assert list(batch.measures) == ["heritage-visits"]
    assert batch.warnings == [
        Finding(Severity.WARNING, "file.note", Location("Q1: dash.xlsx", "Appendix A"),
                "hidden rows 7 not read (--include-hidden reads them)"),
        Finding(Severity.WARNING, "file.note", Location("Q1: dash.xlsx", "Appendix A", row=6),
                "ignored row starting 'see note'"),
    ]  # fmt: skip
    assert [note.where for note in batch.warnings] == [
        'Q1: dash.xlsx, sheet "Appendix A"', 'Q1: dash.xlsx, sheet "Appendix A", row 6',
    ]  # fmt: skip
