"""Joining two stored measures (perfcli.store.links): figures, revisions, dashboard lines, comparator
data and names move to the measure kept, with a record; nothing is lost where both hold a period."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Measure, NationalRow, Observation, ReportLine
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.records import ImportBatch, Place
from perfcli.domain.values import parse_value
from perfcli.errors import UsageError
from perfcli.store.links import link_measures, links_into

NOW = "2026-12-06T20:00:00+00:00"
# Seed 000 prints ASCOF 3C (service users) for 2023/24; seed 001 renumbers it ASCOF 3C1.
OLD = Measure(id="ascof-3c-sus", code="ASCOF 3C", description="% of SUs who find it easy to find information",
              aim=Aim.HIGH, unit=Unit.PERCENT)  # fmt: skip
NEW = Measure(id="ascof-3c1", code="ASCOF 3C1", description=OLD.description, aim=Aim.HIGH,
              unit=Unit.PERCENT)  # fmt: skip


def figure(measure: Measure, period: str, text: str, cell: str = "F9") -> tuple[Observation, str]:
    p = parse_period(period)
    return Observation.from_parsed(measure.id, p, parse_value(text, within=p)), Place(
        "Appendix A", cell
    )


def line(measure: Measure, report: str) -> ReportLine:
    return ReportLine(report_period=report, measure_id=measure.id, code=measure.code,
                      description=measure.description, current_period=report)  # fmt: skip


def batch(measure: Measure, figures: list[tuple[str, str]], report: str) -> ImportBatch:
    # The report's own figure in its column, an earlier one in the next, as a dashboard has them.
    return ImportBatch(Path(f"{report}.xlsx"), "0" * 64, {measure.id: measure},
                       [figure(measure, p, t, "F9" if p == report else "G9") for p, t in figures],
                       [line(measure, report)])  # fmt: skip


@pytest.fixture
def store(tmp_path: Path, on):
    with on.open(tmp_path / "perfcli.db") as opened:
        opened.apply([batch(OLD, [("2022-23", "61.8%"), ("2023-24", "59.3%")], "2023-24")])
        opened.apply([batch(OLD, [("2023-24", "59.4%")], "2023-24")])  # a revision
        opened.apply([batch(NEW, [("2023-24", "59.3%"), ("2024-25", "61.1%")], "2024-25")])
        opened.put_national([NationalRow(measure_id=OLD.id, period="2023-24", area_code="E92000001",
                                         area_name="England", level="england", value=66.4)])  # fmt: skip
        yield opened


def test_the_old_history_joins_the_new_measure(store):
    done = link_measures(store, "ascof-3c-sus", "ascof-3c1", NOW)
    assert (done.figures_moved, done.figures_superseded) == (1, 1)
    history = [(e.period, e.observation.raw, e.current) for e in store.history("ascof-3c1")]
    assert history == [
        ("2022-23", "61.8%", True),
        ("2023-24", "59.3%", False),  # seed 000's first figure, revised by its own import
        ("2023-24", "59.4%", False),  # old's revised figure: new held that period, and keeps it
        ("2023-24", "59.3%", True),
        ("2024-25", "61.1%", True),
    ]
    assert store.measure("ascof-3c-sus") is None
    assert [ln.measure_id for ln in store.report_lines("2023-24")] == ["ascof-3c1"]
    assert store.national("ascof-3c1", "2023-24")[0].value == 66.4
    assert store.resolve("ascof-3c-sus") == "ascof-3c1"
    joined = store.measure("ascof-3c1")
    assert joined is not None and {"ascof-3c-sus", "ASCOF 3C"} <= set(joined.aliases)
    assert links_into(store, "ascof-3c1") == [done]


def test_a_chain_of_joins_is_recorded_on_the_last(store, tmp_path):
    third = Measure(id="ascof-3c1-new", code="ASCOF 3C1", description="Find information",
                    aim=Aim.HIGH, unit=Unit.PERCENT)  # fmt: skip
    store.apply([batch(third, [("2025-26", "62.0%")], "2025-26")])
    link_measures(store, "ascof-3c-sus", "ascof-3c1", NOW)
    link_measures(store, "ascof-3c1", "ascof-3c1-new", NOW)
    assert [j.old_id for j in links_into(store, "ascof-3c1-new")] == ["ascof-3c-sus", "ascof-3c1"]
    assert len([e for e in store.history("ascof-3c1-new") if e.current]) == 4


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("nope", "ascof-3c1", "no measure 'nope' in the workspace"),
        ("ascof-3c1", "ascof-3c1", "ascof-3c1 is the same measure twice"),
        (
            "ascof-3c1",
            "loans",
            "ascof-3c1 is in percent and loans in count: their figures are not one measure's",
        ),
    ],
)
def test_what_cannot_be_joined_is_refused_and_nothing_changes(store, on, old, new, message):
    loans = Measure(id="loans", code="Local", description="Loans", aim=Aim.HIGH, unit=Unit.COUNT)
    store.apply([batch(loans, [("2024-25", "599.0k")], "2024-25")])
    with pytest.raises(UsageError) as refused:
        link_measures(store, old, new, NOW)
    assert refused.value.message == message
    assert on.rows(store.path, "SELECT count(*) FROM measure_links") == [(0,)]
    assert on.rows(store.path, "SELECT count(*) FROM measures") == [(3,)]
