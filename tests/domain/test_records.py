"""The domain's plain records: one rule for "a placeholder never replaces a figure", one for
"a Local measure", and files held in memory by the rules the store keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfcli.domain.figures import Unit
from perfcli.domain.measure_ids import is_local
from perfcli.domain.model import Aim, Measure, Observation, replaces
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
    ],
)
def test_what_replaces_a_held_figure(held, incoming, expected):
    assert replaces(obs(held), obs(incoming)) is expected


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
    ],
    ids=["revised", "placeholder-kept", "unchanged"],
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
