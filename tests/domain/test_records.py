"""The domain's plain records: one rule for "a placeholder never replaces a figure" (nor a
figure rounded), one for what a return gave a report line, one for "a Local measure", and files
held in memory by the rules the store keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfcli.domain.figures import Unit
from perfcli.domain.measure_ids import is_local
from perfcli.domain.model import (
    Aim,
    Measure,
    Observation,
    ReportLine,
    kept_for_return,
    line_read_again,
    replaces,
    says_another_figure,
)
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.records import FileRecords, ImportBatch, Place
from perfcli.domain.values import parse_value
from perfcli.store.database import Store

P = parse_period("2023-24")


def obs(text: str, measure: str = "ascof-2a") -> Observation:
    return Observation.from_parsed(measure, P, parse_value(text, within=P))


# Seed 001 (Leicestershire 2023/24) prints ASCOF 2A as 89.6%; "Due March 2022" is seed 000's
# placeholder for a figure not yet published.
@pytest.mark.parametrize(
    ("held", "incoming", "expected"),
    [
        ("87.0%", "89.6%", True),  # a revised figure replaces the one held
        ("89.6%", "89.6%", False),  # the same figure changes nothing
        ("89.6%", "Due March 2022", False),  # a placeholder never replaces a figure
        ("Due March 2022", "89.6%", True),  # a figure replaces a placeholder
        ("Due March 2022", "Not yet published", True),  # other words replace words
        ("1,234", "1234", False),  # typed again without its separator: the same figure
        ("1234", "1,234", False),
        ("1,234", "1,243", True),
        ("1,234", "1,234 (provisional)", True),  # words beside it say more
    ],
)
def test_what_replaces_a_held_figure(held, incoming, expected):
    assert replaces(obs(held), obs(incoming)) is expected


# Seed 003 (Leicestershire 2025/26 Q1) prints junior loans as 159.1k and ASCOF 2A as
# 82.8% (911 out of 1,100); a service owner's return gives them in full (159,100).
@pytest.mark.parametrize(
    ("held", "incoming", "expected"),
    [
        ("159,100", "159.1k", False),  # the held figure printed less precisely
        ("159,149", "159.1k", False),  # ... which it rounds to
        ("159,150", "159.1k", False),  # at exactly half, rounded either way
        ("159,150", "159.2k", False),
        ("159,151", "159.1k", True),  # a number the held one does not round to
        ("159.1k", "159,100", True),  # a more precise figure that agrees replaces a rounded one
        ("159.1k", "159,149", True),
        ("159.1k", "159.2k", True),  # as precise, and another number
        ("159,100", "159.1k (provisional)", True),  # rounded, but saying more beside it
        ("82.8% (911 out of 1,100)", "83% (911 out of 1,100)", False),
        ("82.8% (911 out of 1,100)", "83% (912 out of 1,100)", True),  # other counts
        ("82.8%", "83", True),  # another unit
        ("£1,234,567", "£1.2m", False),
        ("£1,234,567", "£1.3m", True),
        ("159,100", "Due March 2022", False),  # a placeholder never replaces a figure
        # A trial: a return confirming the dashboard's figure dropped its counts, and with them
        # its confidence interval and its verdict under method = "confidence".
        ("88.3% (596 out of 675)", "88.3%", False),
        ("88.3% (596 out of 675)", "88.3", False),
        ("88.3% (596 out of 675)", "88%", False),
        ("14.3 per 100k Pop. Actual 62 Admissions in 23/24", "14.3 per 100k", False),
        # ... but a forecast given again as a figure is the actual: it replaces the forecast.
        ("14.3 per 100k Pop. Forecast 62 Admissions in 25/26", "14.3 per 100k", True),
        ("88.3% (596 out of 675)", "88.4%", True),  # another number
        ("88.3% (596 out of 675)", "88.30%", True),  # more precise
        ("88.3% (596 out of 675)", "88.3% (provisional)", True),  # other words beside it
        # A trial: a monthly table's `773` over the dashboard's `773 End of March 2024` was a
        # revision, and the report's printed words lost.
        ("773 End of March 2024", "773", False),
        ("773 End of March 2024", "774", True),
        ("773", "773 End of March 2024", True),  # more words: what the dashboard prints
    ],
)
def test_a_figure_read_again_rounded_replaces_nothing(held, incoming, expected):
    assert replaces(obs(held, "junior-loans"), obs(incoming, "junior-loans")) is expected


@pytest.mark.parametrize(
    ("held", "incoming", "expected"),
    [
        ("159,100", "159.1k", False),  # the number the held one rounds to
        ("159,149", "159.1k", False),
        ("572", "572 per 100k Pop. Forecast 881 Admissions in 25/26", False),  # more words
        ("82.8", "82.8% (911 out of 1,100)", False),  # counts beside the same number
        ("600,000", "597.9k", True),  # another number
        ("Not yet available", "597.9k", True),  # a number where the held says none
        ("600,000", "Due March 2026", False),  # no number: a placeholder says nothing else
    ],
)
def test_what_says_another_figure(held, incoming, expected):
    assert says_another_figure(obs(held, "library-loans"), obs(incoming, "library-loans")) is (
        expected
    )


@pytest.mark.parametrize(
    ("held_from_return", "incoming_from_return", "kept"),
    [
        (True, False, True),  # a dashboard read again never replaces an owner's figure
        (True, True, False),  # another return does
        (False, False, False),  # between dashboards, the later file's differing figure
        (False, True, False),  # a return's figure replaces a dashboard's
    ],
)
def test_an_owners_figure_is_replaced_only_by_a_return(
    held_from_return, incoming_from_return, kept
):
    assert kept_for_return(held_from_return, incoming_from_return) is kept


def line(**given) -> ReportLine:
    return ReportLine(report_period="2025-26-Q1", measure_id="junior-loans", code="Local",
                      description="Junior loans", current_period="2025-26-Q1",
                      **given)  # fmt: skip


WHY = "Fewer school class visits this quarter (SYNTHETIC)."
APPROVED = {"returned_by": "libraries", "approved_by": "Chris Lee (SYNTHETIC)",
            "approved_on": "2025-07-10"}  # fmt: skip
DASHBOARD = line(commentary="Below milestone", position=17)
RETURNED = line(commentary=WHY, forecast=640000.0, **APPROVED)
NEWER = line(commentary="Revised after a recount (SYNTHETIC).", **APPROVED)


@pytest.mark.parametrize(
    ("held", "incoming", "expected"),
    [
        (
            DASHBOARD,
            line(commentary="Revised", position=17),
            line(commentary="Revised", position=17),
        ),
        (DASHBOARD, RETURNED, RETURNED),  # a return over a dashboard's line
        (RETURNED, NEWER, NEWER),  # the owner's newer return
        # a dashboard read again keeps what the return gave, and takes the rest
        (RETURNED, DASHBOARD, line(commentary=WHY, forecast=640000.0, position=17, **APPROVED)),
    ],
    ids=["dashboard-again", "return", "newer-return", "dashboard-over-return"],
)
def test_what_a_line_read_again_holds(held, incoming, expected):
    assert line_read_again(held, incoming) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("Local", True), ("local", True), (" LOCAL ", True), ("", True), (None, True),
     ("ASCOF 2A", False), ("Locality 1", False)],
)  # fmt: skip
def test_what_is_a_local_measure(code, expected):
    assert is_local(code) is expected


def batch(file: str, *figures: tuple[str, str]) -> ImportBatch:
    measure = Measure(id="ascof-2a", code="ASCOF 2A", description="Reablement", aim=Aim.HIGH,
                      unit=Unit.PERCENT)  # fmt: skip
    return ImportBatch(Path(file), "0" * 64, {"ascof-2a": measure},
                       [(obs(text), Place(*place)) for text, place in figures])  # fmt: skip


@pytest.mark.parametrize(
    "files",
    [
        [
            batch("a.xlsx", ("87.0%", ("Appendix A", "E9"))),
            batch("b.xlsx", ("89.6%", ("Appendix A", "F9"))),
        ],
        [
            batch("a.xlsx", ("89.6%", ("Appendix A", "E9"))),
            batch("b.xlsx", ("Due March 2022", ("S", "E4"))),
        ],
        [
            batch("a.xlsx", ("89.6%", ("Appendix A", "E9"))),
            batch("b.xlsx", ("89.6%", (None, "E4"))),
        ],
        [
            batch("a.xlsx", ("89.62%", ("Return", "K5"))),
            batch("b.xlsx", ("89.6%", ("Appendix A", "E9"))),
        ],
    ],
    ids=["revised", "placeholder-kept", "unchanged", "rounded-kept"],
)
def test_files_in_memory_hold_what_the_store_would(tmp_path, files):
    records = FileRecords(files)
    with Store(tmp_path / "perfcli.db") as store:
        store.apply(files)
        assert records.observation("ascof-2a", "2023-24") == store.observation(
            "ascof-2a", "2023-24"
        )
        assert records.revised() == store.revised()
        assert records.figure_cells() == store.figure_cells()
        assert records.periods_held() == store.periods_held()


def test_a_mark_stored_by_an_earlier_release_is_not_revised_by_its_words():
    """An earlier release stored `-` as the reason of `-`; read again it is 'not available'."""
    held = Observation(measure_id="ascof-2a", period="2023-24", raw="-", reason="-")
    assert not replaces(held, obs("-"))
    assert replaces(held, obs("Due March 2025"))
