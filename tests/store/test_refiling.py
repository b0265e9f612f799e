"""A dashboard imported again that files a cell's figure under another period: the copy under the
old period is retired (kept as a revision), never a figure another cell or report gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Measure, Observation, ReportLine
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.records import ImportBatch, Place
from perfcli.domain.values import parse_value

# Seed 001's ASCOF 2D: the quarter's 88.3% and, in the previous column, 2024/25's 90.7%.
AT_HOME = Measure(id="ascof-2d", code="ASCOF 2D", description="Living at home 91 days after"
                  " discharge", aim=Aim.HIGH, unit=Unit.PERCENT)  # fmt: skip
NOW, BEFORE = "88.3% (596 out of 675)", "90.7% (582 out of 642)"


def batch(report: str, figures: list[tuple[str, str, str]], name: str = "q1.xlsx") -> ImportBatch:
    """A dashboard of `report` giving (period, text, cell) figures of ASCOF 2D."""
    observations = []
    for period, text, cell in figures:
        p = parse_period(period)
        observation = Observation.from_parsed(AT_HOME.id, p, parse_value(text, within=p))
        observations.append((observation, Place("Appendix A", cell)))
    line = ReportLine(report_period=report, measure_id=AT_HOME.id, code=AT_HOME.code,
                      description=AT_HOME.description, current_period=report)  # fmt: skip
    return ImportBatch(Path(name), "0" * 64, {AT_HOME.id: AT_HOME}, observations, [line])


def current(store) -> list[tuple[str, str]]:
    return [(e.period, e.observation.raw) for e in store.history(AT_HOME.id) if e.current]


@pytest.mark.parametrize(
    ("again", "held", "retired"),
    [
        # previous = "year-end" set: G41 is 2024/25's now, and its quarter's copy goes.
        (batch("2025-26-Q1", [("2025-26-Q1", NOW, "F41"), ("2024-25", BEFORE, "G41")]),
         [("2024-25", BEFORE), ("2025-26-Q1", NOW)], [("2024-25-Q1", BEFORE)]),
        # A column inserted: G41 moved to H41 and its period with it; nothing is retired.
        (batch("2025-26-Q1", [("2025-26-Q1", NOW, "G41"), ("2024-25-Q1", BEFORE, "H41")]),
         [("2024-25-Q1", BEFORE), ("2025-26-Q1", NOW)], []),
        # Another report's dashboard with the same cell: its figures are its own.
        (batch("2025-26-Q2", [("2025-26-Q2", "87.0%", "F41"), ("2024-25", BEFORE, "G41")],
               "q2.xlsx"),
         [("2024-25", BEFORE), ("2024-25-Q1", BEFORE), ("2025-26-Q1", NOW), ("2025-26-Q2", "87.0%")],
         []),
    ],
)  # fmt: skip
def test_a_cell_filed_under_another_period_leaves_no_copy_behind(
    tmp_path: Path, on, again, held, retired
):
    with on.open(tmp_path / "perfcli.db") as store:
        store.apply(
            [batch("2025-26-Q1", [("2025-26-Q1", NOW, "F41"), ("2024-25-Q1", BEFORE, "G41")])]
        )
        store.apply([again])
        assert sorted(current(store)) == held
        gone = [(e.period, e.observation.raw) for e in store.history(AT_HOME.id) if not e.current]
        assert gone == retired


def test_the_figure_a_retired_copy_had_replaced_is_current_again(tmp_path: Path, on):
    """A re-check: 2024/25 Q1's own report gave 85.0%; the next year's previous column, filed as
    the quarter, revised it to 88.7%; filed as 2024/25 once previous = "year-end" was set, its
    copy was retired and 2024/25 Q1 was left with no figure at all."""
    with on.open(tmp_path / "perfcli.db") as store:
        store.apply([batch("2024-25-Q1", [("2024-25-Q1", "85.0%", "F41")], "q1-2024.xlsx")])
        store.apply(
            [batch("2025-26-Q1", [("2025-26-Q1", NOW, "F41"), ("2024-25-Q1", BEFORE, "G41")])]
        )
        assert ("2024-25-Q1", BEFORE) in current(store)
        again = batch("2025-26-Q1", [("2025-26-Q1", NOW, "F41"), ("2024-25", BEFORE, "G41")])
        store.apply([again])
        assert sorted(current(store)) == [
            ("2024-25", BEFORE), ("2024-25-Q1", "85.0%"), ("2025-26-Q1", NOW),
        ]  # fmt: skip
        assert store.observation(AT_HOME.id, "2024-25-Q1").value == 85.0
        assert again.warnings[-1].message.endswith(
            "that copy is retired (history keeps it), and '85.0%', which it had replaced, is"
            " current again"
        )
