"""Each printed mark as a step in one setting, on the seeds' own figures (no files)."""

import pytest

from perfcli.domain.comparator_parsing import parse_comparator
from perfcli.domain.comparator_types import comparator_from
from perfcli.domain.figures import Unit
from perfcli.domain.mark_steps import Case, Step, rag_share, settings_ranges, tolerance_step
from perfcli.domain.marks import MarkColumn
from perfcli.domain.model import Aim, Measure, Observation
from perfcli.domain.outcomes import Progress, Rag
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.values import parse_value

P = MarkColumn.PROGRESS


def case(aim, unit, now, before, printed, comparator=None, column=P):
    measure = Measure(id="m", code="Local", description="test", aim=aim, unit=unit)
    p = parse_period("2023-24")
    obs = [Observation.from_parsed("m", p, parse_value(text, within=p)) if text else None
           for text in (now, before)]  # fmt: skip
    comp = comparator_from(parse_comparator(comparator, within=p)) if comparator else None
    return Case("m", measure, obs[0], obs[1], comp, {column: printed})


@pytest.mark.parametrize(
    ("aim", "unit", "now", "before", "printed", "margin", "inside", "outside"),
    [
        # Seed 000, ASCOF 2A: +1.8 pp printed ▲: any tolerance below 1.8 pp gives it.
        (Aim.HIGH, Unit.PERCENT, "89.6%", "87.8%", Progress.IMPROVED, 1.8, Progress.SIMILAR, Progress.IMPROVED),
        # Seed 000, ASCOF 2D: -0.8 pp printed ◀▶: a tolerance of at least 0.8 pp.
        (Aim.HIGH, Unit.PERCENT, "88.4%", "89.2%", Progress.SIMILAR, 0.8, Progress.SIMILAR, Progress.WORSE),
        # Seed 001, junior loans: 186.2k -> 159.1k, -14.55%.
        (Aim.HIGH, Unit.COUNT, "159.1k", "186.2k", Progress.WORSE, 0.145542, Progress.SIMILAR, Progress.WORSE),
        # Seed 001, ASCOF 2C: 599 -> 572 per 100k, -4.51%, aim low.
        (Aim.LOW, Unit.RATE_PER_100K, "572 per 100k", "599 per 100k", Progress.WORSE, 0.045075, Progress.SIMILAR, Progress.IMPROVED),
    ],
)  # fmt: skip
def test_a_progress_mark_is_a_step_at_its_change(aim, unit, now, before, printed, margin, inside, outside):  # fmt: skip
    step = tolerance_step(case(aim, unit, now, before, printed), P, printed)
    assert step.margin == pytest.approx(margin, abs=1e-6)
    assert (step.inside, step.outside) == (inside, outside)


def test_a_band_measure_without_a_direction_is_found_by_bisection():
    """Seed 000, the Delay Need sequel: 12.8% -> 19.1% against 10-15%, 4.1 pp further out."""
    printed = Progress.IMPROVED
    step = tolerance_step(case(Aim.BAND, Unit.PERCENT, "19.1%", "12.8%", printed,
                               "10% - 15% Local target 2023/24"), P, printed)  # fmt: skip
    assert step.margin == pytest.approx(4.1, abs=1e-6)
    assert (step.outside, step.wants) == (Progress.WORSE, None)


def test_an_information_only_measure_is_no_step():
    assert tolerance_step(case(Aim.INFO, Unit.COUNT, "50.1k", "69.5k", Progress.NOT_RATED), P,
                          Progress.NOT_RATED) is None  # fmt: skip


@pytest.mark.parametrize(
    ("aim", "now", "target", "share"),
    [
        (Aim.LOW, "5.4 per 100k", "<4.1", 1.3 / 4.1),  # seed 003, ASCOF 2B, printed A
        (Aim.BAND, "12.4%", "7-12%", 0.4 / 12),  # seed 003, the Meet Need sequel, printed G
        (Aim.HIGH, "93.4%", "93.0%", 0.0),  # seed 003, safeguarding outcomes: met
    ],
)
def test_how_far_short_of_its_target_a_rag_mark_is(aim, now, target, share):
    unit = Unit.RATE_PER_100K if "per" in now else Unit.PERCENT
    found = rag_share(case(aim, unit, now, None, Rag.GREEN, target, MarkColumn.RAG))
    assert found == pytest.approx(share, abs=1e-6)


def test_ranges_of_a_setting_count_the_marks_each_reproduces():
    steps = [Step("percent", 0.8, Progress.SIMILAR, Progress.WORSE, Progress.SIMILAR),
             Step("percent", 1.8, Progress.SIMILAR, Progress.IMPROVED, Progress.IMPROVED),
             Step("percent", 1.8, Progress.SIMILAR, Progress.IMPROVED, Progress.SIMILAR)]  # fmt: skip
    assert settings_ranges(steps) == [(0.0, 0.8, 1), (0.8, 1.8, 2), (1.8, float("inf"), 2)]
