"""Printed marks read in every form the seeds print them, and compared with perfcli's judgement."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfcli.domain.comparator_parsing import parse_comparator
from perfcli.domain.comparator_types import comparator_from
from perfcli.domain.figures import Unit
from perfcli.domain.marks import (
    MarkColumn,
    carried_progress,
    disagreements,
    read_mark,
    shown,
)
from perfcli.domain.model import Aim, Measure, Observation, ReportLine
from perfcli.domain.outcomes import Progress, Rag, Rating
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.rating import judge
from perfcli.domain.rating_settings import Settings
from perfcli.domain.values import parse_value
from perfcli.importers.appendix_header import ROLES

P, R, G = MarkColumn.PROGRESS, MarkColumn.RATING, MarkColumn.RAG


@pytest.mark.parametrize(
    ("text", "column", "expected"),
    [
        ("▲", P, Progress.IMPROVED),  # seed 000, heritage visits
        ("◀▶", P, Progress.SIMILAR),  # seed 000, LALS success rate
        ("▼", P, Progress.WORSE),  # seed 000, ASCOF 2B
        ("N/A", P, Progress.NOT_RATED),  # seed 000, community library issues
        ("A", P, Progress.IMPROVED),  # seed 001, heritage visits: ▲ garbled by the PDF text
        ("•", P, Progress.WORSE),  # seed 001, junior loans: ▼ garbled
        ("*", P, Progress.SIMILAR),  # seed 001, total library loans: ◀▶ garbled
        ("♦", P, Progress.SIMILAR),  # seed 001, ASCOF 3C1
        ("4 >", P, Progress.SIMILAR),  # seed 001, Creative Learning attendances
        ("4", P, Progress.SIMILAR),
        ("↑", P, Progress.IMPROVED),  # a Direction of Travel arrow: improved, whichever way
        ("↓", P, Progress.WORSE),
        ("→", P, Progress.SIMILAR),
        ("Improved", P, Progress.IMPROVED),
        ("Not as good", P, Progress.WORSE),
        ("not  as good.", P, Progress.WORSE),
        ("Same", P, Progress.SIMILAR),
        ("Better", P, Progress.IMPROVED),
        ("Below", P, Progress.WORSE),
        ("▲ improved", P, Progress.IMPROVED),  # perfcli's own table, pasted back
        ("✔", R, Rating.BETTER),
        ("✘", R, Rating.BELOW),
        ("≈", R, Rating.SIMILAR),
        ("✔ better", R, Rating.BETTER),
        ("Below", R, Rating.BELOW),
        ("Similar", R, Rating.SIMILAR),
        ("N/A", R, Rating.NOT_RATED),
        ("G", G, Rag.GREEN),  # seed 003, heritage visits
        ("A", G, Rag.AMBER),  # seed 003, ASCOF 2E: in a RAG column `A` is amber
        ("R", G, Rag.RED),  # seed 003, ASCOF 1E
        ("Amber", G, Rag.AMBER),
        ("GREEN", G, Rag.GREEN),
        ("● G green", G, Rag.GREEN),
        ("N/A", G, None),  # seed 003, a survey row: no RAG, and nothing wrong
    ],
)
def test_printed_marks_are_read_by_their_column(text, column, expected):
    reading = read_mark(text, column)
    assert (reading.value, reading.problem) == (expected, None)


@pytest.mark.parametrize(
    ("text", "column", "problem"),
    [
        ("A", R, "cannot read 'A' as a rating mark"),
        ("▲", G, "cannot read '▲' as a RAG mark"),
        ("see note", P, "cannot read 'see note' as a progress mark"),
        ("▲ worse", P, "the progress mark '▲ worse' says both improved and worse"),
        ("Red/Amber", G, "cannot read 'Red/Amber' as a RAG mark"),
    ],
)
def test_an_unreadable_mark_is_none_with_the_reason(text, column, problem):
    reading = read_mark(text, column)
    assert (reading.value, reading.problem) == (None, problem)


@pytest.mark.parametrize(
    ("heading", "column"),
    [
        ("Progress", P),
        ("Direction of Travel", P),
        ("DoT", P),
        ("Trend", P),
        ("Rating", R),
        ("RAG", G),
        ("RAG status", G),
        ("2023/24 Performance", None),
    ],
)
def test_mark_columns_by_heading(heading, column):
    # The Appendix A reader finds a mark column by the domain's one table of headings.
    role = ROLES.get(" ".join(heading.lower().split()))
    assert role == (column.value if column else None)


@pytest.mark.parametrize("mark", [*Progress, *Rating, *Rag])
def test_a_mark_shown_by_perfcli_reads_back_as_itself(mark):
    column = P if isinstance(mark, Progress) else R if isinstance(mark, Rating) else G
    assert read_mark(shown(mark), column).value is mark
    assert read_mark(mark.value, column).value is mark


@given(st.text(max_size=12), st.sampled_from(list(MarkColumn)))
def test_any_text_gives_a_mark_or_a_reason(text, column):
    reading = read_mark(text, column)
    assert reading.value is None or reading.problem is None
    if reading.problem:
        assert reading.problem.startswith(("cannot read", "the "))


# Seed 001 (Apr-Jun 2025), rows typed as printed ------------------------------------------


def _obs(text: str, period: str) -> Observation:
    p = parse_period(period)
    return Observation.from_parsed("m", p, parse_value(text, within=p))


def _check(measure, now, before, printed, comparator=None, **kwargs):
    current = _obs(now, "2025-26")
    previous = _obs(before, "2024-25")
    parsed = parse_comparator(comparator, within=parse_period("2025-26")) if comparator else None
    comp = comparator_from(parsed) if parsed else None
    line = ReportLine(report_period="2025-26-Q1", measure_id=measure.id, code=measure.code,
                      description=measure.description, current_period="2025-26",
                      comparator=comp, **printed)  # fmt: skip
    judgement = judge(measure, current, previous, comp, Settings())
    return [d.text for d in disagreements(line, judgement, measure, current, previous, **kwargs)]


ASCOF_2C = Measure(id="ascof-2c", code="ASCOF 2C", description="Permanent admissions (65+)",
                   aim=Aim.LOW, unit=Unit.RATE_PER_100K)  # fmt: skip
JUNIOR_LOANS = Measure(id="junior-loans", code="Local", description="Junior loans",
                       aim=Aim.HIGH, unit=Unit.COUNT)  # fmt: skip
ASCOF_3C1 = Measure(id="ascof-3c1", code="ASCOF 3C1", description="Find information",
                    aim=Aim.HIGH, unit=Unit.PERCENT, survey=True)  # fmt: skip


def test_seed_001_ascof_2c_printed_worse_although_admissions_fell():
    found = _check(
        ASCOF_2C,
        "572 per 100k Pop. Forecast 881 Admissions in 25/26",
        "599 per 100k Pop. Actual 923 Admissions in 24/25",
        {"published_progress": read_mark("•", P).value},
    )
    assert found == [
        "ASCOF 2C: printed ▼ not as good; perfcli: 599 → 572 per 100k, "
        "-4.5% is beyond ±3% (aim: low): improved"
    ]


def test_seed_001_junior_loans_agree_so_nothing_is_said():
    printed = {"published_progress": read_mark("•", P).value}
    assert _check(JUNIOR_LOANS, "159.1k", "186.2k", printed) == []


def test_seed_001_survey_mark_carried_into_a_quarter_with_no_survey():
    printed = {"published_progress": read_mark("♦", P).value}
    no_survey = "Survey is annual and will next run in February 2026"
    assert _check(ASCOF_3C1, no_survey, "61.1%", printed) == [
        "ASCOF 3C1: printed ◀▶ similar; perfcli: no new survey (Survey is annual and will next "
        "run in February 2026)"
    ]
    assert _check(ASCOF_3C1, no_survey, "61.1%", printed, carry_survey_mark=True) == []


NOT_A_SURVEY = Measure(id="ascof-3c1", code="ASCOF 3C1", description="Find information",
                       aim=Aim.HIGH, unit=Unit.PERCENT)  # fmt: skip
NO_SURVEY = "Survey is annual and will next run in February 2026"


# Seed 001's five survey rows: the mark printed in a quarter with no new survey is carried only
# when the measure says so; `carry_survey_mark` alone says it is a survey (issue 24, item 1).
@pytest.mark.parametrize(
    ("measure", "now", "printed", "carry", "expected"),
    [
        (ASCOF_3C1, NO_SURVEY, "◀▶", True, Progress.SIMILAR),
        (ASCOF_3C1, NO_SURVEY, "▲", True, Progress.IMPROVED),
        (NOT_A_SURVEY, NO_SURVEY, "▼", True, Progress.WORSE),
        (ASCOF_3C1, NO_SURVEY, "◀▶", False, None),
        (ASCOF_3C1, "61.1%", "▲", True, None),  # a new survey figure is judged, not carried
        (ASCOF_3C1, NO_SURVEY, "N/A", True, None),
        (NOT_A_SURVEY, NO_SURVEY, "▼", False, None),
    ],
)
def test_a_survey_mark_is_carried_only_when_the_measure_says_so(measure, now, printed, carry, expected):  # fmt: skip
    line = ReportLine(report_period="2025-26-Q1", measure_id=measure.id, code=measure.code,
                      description=measure.description, current_period="2025-26-Q1",
                      published_progress=read_mark(printed, P).value)  # fmt: skip
    current = _obs(now, "2025-26-Q1")
    assert carried_progress(line, measure, current, carry=carry) is expected


def test_a_printed_rating_and_rag_are_compared_too():
    measure = Measure(id="m", code="Local", description="Heritage visits", aim=Aim.HIGH,
                      unit=Unit.COUNT)  # fmt: skip
    printed = {"published_rating": Rating.BELOW, "published_rag": Rag.RED}
    found = _check(measure, "41.0k", "39.1k", printed, comparator="41.6k Local Q1 Milestone")
    assert found == [
        "Local: printed ✘ below; perfcli: 41.0k against 41.6k Local Q1 Milestone, "
        "41.0k is within ±3% of the milestone 41.6k: similar",
        "Local: printed R red; perfcli: 41.0k misses 41.6k Local Q1 Milestone by 1.4%, "
        "within the 10% amber margin: amber",
    ]
