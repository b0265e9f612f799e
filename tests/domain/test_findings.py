"""A finding keeps where it is as a value: shown, and given to JSON, in today's words."""

from __future__ import annotations

from datetime import date

import pytest

from perfcli.domain.figures import Unit
from perfcli.domain.findings import Finding, Severity
from perfcli.domain.line_checks import check_line
from perfcli.domain.model import Aim, Measure, Observation, ReportLine
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.values import parse_value
from perfcli.location import Location

E5 = Location("/in/q1.xlsx", "Appendix A", "E5")

SHOWN = [
    # (finding, location as shown, message as shown)
    (Finding(Severity.WARNING, "value.missing", Location.of("library-visits", "2023-24"),
             "no figure and no reason given"),
     "library-visits, 2023-24", "no figure and no reason given"),
    (Finding(Severity.ERROR, "value.negative", Location.of("library-visits", "2023-24").at_cell(E5),
             "'-4' is negative for a count"),
     'q1.xlsx, sheet "Appendix A", cell E5', "library-visits, 2023-24: '-4' is negative for a count"),
    (Finding(Severity.WARNING, "file.note", Location("q1.xlsx", "Appendix A", row=7),
             "ignored row starting 'Source: NHS Digital'"),
     'q1.xlsx, sheet "Appendix A", row 7', "ignored row starting 'Source: NHS Digital'"),
    (Finding(Severity.WARNING, "file.note", Location("q1.xlsx", "Appendix A", "F9"),
             "'▲▲' is not a mark"),
     'q1.xlsx, sheet "Appendix A", cell F9', "'▲▲' is not a mark"),
]  # fmt: skip


@pytest.mark.parametrize(("finding", "where", "text"), SHOWN)
def test_a_finding_is_shown_in_todays_words(finding, where, text):
    assert (finding.where, finding.text) == (where, text)
    assert finding.as_dict() == {"severity": finding.severity.value, "code": finding.code,
                                 "location": where, "message": text, "hint": None}  # fmt: skip


def test_a_figure_checked_at_its_cell_is_found_there_with_its_measure_and_period():
    """Seed 000's kind of slip: a count of -4 typed in a cell; the finding names the cell, and
    still knows the measure and period (SYNTHETIC figures)."""
    measure = Measure(id="m", code="Local", description="Visits", aim=Aim.HIGH, unit=Unit.COUNT)
    period = parse_period("2023-24")
    current = Observation.from_parsed("m", period, parse_value("-4", within=period))
    line = ReportLine(report_period="2023-24", measure_id="m", code="Local", description="Visits",
                      current_period="2023-24", previous_period=None)  # fmt: skip
    (found,) = check_line(line, measure, current, None, date(2024, 6, 3), {"2023-24": E5}.get)
    assert found.code == "value.negative"
    assert (found.location.measure, found.location.period, found.location.cell) == (
        "m",
        "2023-24",
        "E5",
    )
    assert found.where == 'q1.xlsx, sheet "Appendix A", cell E5'
    assert found.text == "m, 2023-24: '-4' is negative for a count"
