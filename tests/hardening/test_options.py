"""Any text typed as a period or a measure gives a result or one line, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE, Run, last_error, perfcli

TYPED = st.one_of(
    st.text(max_size=24),
    st.sampled_from(["2023/34", "2023-24", "2025-26-Q5", "Q1", "AY2023-24", "2024-02-30", "1899",
                     "2021-22-apr-nov", "ASCOF 2A", "ascof-2a", "--force", "-", "../../etc", "%s%n"]),
)  # fmt: skip
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("options") / "leicestershire"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    perfcli("import", *sorted((target / "data").glob("*.xlsx")), "-w", target)
    return target


def ends_cleanly(argv: list[object]) -> Run:
    for code in (0, 1, 2):
        try:
            return perfcli(*argv, exit=code)
        except AssertionError as error:
            if "wanted" not in str(error):
                raise  # a traceback, or output the helper refuses
    raise AssertionError(f"exit code outside 0, 1 and 2 for {argv}")


def one_line_if_failed(run: Run) -> None:
    if run.exit_code:
        last = run.stderr.strip().splitlines()[-1]
        assert last_error(run.stderr) or last.startswith(("Usage: ", "Try ")), run.stderr


@SETTINGS
@given(period=TYPED)
def test_any_period_option(imported, period):
    for command in ("rate", "validate", "benchmark"):
        one_line_if_failed(
            ends_cleanly([command, "-w", imported, "--period", period, "-f", "json"])
        )


@SETTINGS
@given(first=TYPED, second=TYPED)
def test_any_pair_of_periods_to_diff(imported, first, second):
    one_line_if_failed(ends_cleanly(["diff", "-w", imported, "-f", "json", "--", first, second]))


@SETTINGS
@given(measure=TYPED)
def test_any_measure_to_history(imported, measure):
    one_line_if_failed(ends_cleanly(["history", "-w", imported, "-f", "json", "--", measure]))
