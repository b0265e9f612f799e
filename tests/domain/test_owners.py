"""Who answers for a measure, and what a final report waits for once returns were made (no files)."""

from __future__ import annotations

import pytest

from perfcli.config import Config
from perfcli.config_check import validated
from perfcli.domain.assessment import Rated
from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Measure, ReportLine
from perfcli.domain.outcomes import Progress, Rating
from perfcli.domain.owners import commentary_unready, owner_of
from perfcli.domain.rating import Judgement
from perfcli.returns import periods_made

CONFIG = validated(Config, {"measures": {"ascof-2a": {"owner": "reablement"}}})


def measure(measure_id, owner=None):
    return Measure(id=measure_id, code=measure_id, description=measure_id, aim=Aim.HIGH,
                   unit=Unit.PERCENT, owner=owner)  # fmt: skip


@pytest.mark.parametrize(
    ("measure_id", "column", "expected"),
    [
        ("ascof-2a", None, "reablement"),  # perfcli.toml's owner
        ("ascof-2a", "adults", "reablement"),  # ... wins over the Owner column
        ("ascof-1c", "adults", "adults"),  # else the Owner column
        ("ascof-1c", None, None),
    ],
)
def test_a_measure_is_owned_by_the_settings_else_its_owner_column(measure_id, column, expected):
    assert owner_of(measure(measure_id, column), CONFIG) == expected


def rated(measure_id, *, owner=None, returned=True, approved=True, commentary="", below=False):
    line = ReportLine(report_period="2023-24", measure_id=measure_id, code=measure_id,
                      description=measure_id, current_period="2023-24",
                      commentary=commentary or None, returned_by="A. Owner" if returned else None,
                      approved_by="A. Head" if approved else None)  # fmt: skip
    rating = Rating.BELOW if below else Rating.BETTER
    judged = Judgement(rating, f"80% against 85% (aim: high): {rating.value}", Progress.SIMILAR,
                       "similar", None, None)  # fmt: skip
    return Rated(line, measure(measure_id, owner), None, None, None, judged)


# ASCOF 2A's figures as the Leicestershire seeds give them; the owners and returns are SYNTHETIC.
@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (rated("ascof-2a"), []),
        (rated("ascof-2a", returned=False), ["ascof-2a: no return imported yet (owner reablement)"]),
        (rated("ascof-2a", below=True), ["ascof-2a: commentary required and missing (owner reablement)"]),
        (rated("ascof-2a", below=True, commentary="Winter pressures."), []),
        (rated("ascof-2a", approved=False), ["ascof-2a: return not approved (owner reablement)"]),
        (rated("local-9", returned=False, below=True), []),  # nobody owns it: nothing to wait for
        (rated("local-9", owner="adults", approved=False), ["local-9: return not approved (owner adults)"]),
    ],
)  # fmt: skip
def test_a_final_report_waits_for_each_owned_measure_once_returns_were_made(item, expected):
    assert list(commentary_unready([item], CONFIG, returns_made=True).values()) == expected
    assert commentary_unready([item], CONFIG, returns_made=False) == {}


def test_the_periods_returns_were_made_for_are_their_folders(tmp_path):
    assert periods_made(tmp_path) == set()
    (tmp_path / "returns" / "2024-25-Q1").mkdir(parents=True)
    (tmp_path / "returns" / "2024-25-Q2").mkdir()
    (tmp_path / "returns" / "notes.txt").write_text("not a period")
    assert periods_made(tmp_path) == {"2024-25-Q1", "2024-25-Q2"}
