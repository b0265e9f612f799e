"""Which file a validate finding names when several files are checked together: the file that
brings its measure and period, never one that does not hold the measure."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfcli.api.files import _in_file
from perfcli.domain.model import ReportLine
from perfcli.domain.records import ImportBatch
from perfcli.location import Location


def _batch(name: str, *lines: tuple[str, str, str, str | None]) -> tuple[Path, list[ImportBatch]]:
    batch = ImportBatch(Path(name), "0" * 64)
    for report, measure, current, previous in lines:
        batch.lines.append(ReportLine(report_period=report, measure_id=measure, code="Local",
                                      description=measure, current_period=current,
                                      previous_period=previous))  # fmt: skip
    return Path(name), [batch]


READ = [
    _batch("2023-24.xlsx", ("2023-24", "visits", "2023-24", "2022-23"), ("2023-24", "loans", "2023-24", None)),
    _batch("2024-25.xlsx", ("2024-25", "visits", "2024-25", "2023-24")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("location", "named"),
    [
        (Location.of("visits", "2022-23"), "2023-24.xlsx"),  # only the earlier file holds it
        (Location.of("visits", "2024-25"), "2024-25.xlsx"),
        (Location.of("visits", "2023-24"), "2024-25.xlsx"),  # both: the later, which import keeps
        (Location.of("loans", "2023-24"), "2023-24.xlsx"),  # the first file's only
        (Location.of("loans", "2019-20"), "2023-24.xlsx"),  # no line names it: the measure's file
        (Location.of("loans"), "2023-24.xlsx"),
        (Location.of("gone", "2023-24"), None),  # a measure no file brings (the store's): no file
        (Location("perfcli.toml"), "perfcli.toml"),
        (Location(), None),
    ],
)
def test_a_finding_names_the_file_that_brings_it(location, named):
    assert _in_file(location, READ).file == named
