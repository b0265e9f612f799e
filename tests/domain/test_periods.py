"""Period labels as the seeds print them: parse, print, like-for-like."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfcli.domain.period_parsing import find_periods, most_specific, parse_month, parse_period
from perfcli.domain.periods import Period, PeriodKind
from perfcli.errors import PeriodError


@pytest.mark.parametrize(
    ("text", "kind", "label", "display"),
    [
        ("2023/24", PeriodKind.FINANCIAL_YEAR, "2023-24", "2023/24"),
        ("2023-24", PeriodKind.FINANCIAL_YEAR, "2023-24", "2023/24"),
        ("23/24", PeriodKind.FINANCIAL_YEAR, "2023-24", "2023/24"),
        ("2025/26 Q1", PeriodKind.QUARTER, "2025-26-Q1", "2025/26 Q1"),
        ("Q1 2025/26", PeriodKind.QUARTER, "2025-26-Q1", "2025/26 Q1"),
        ("2025-26-Q1", PeriodKind.QUARTER, "2025-26-Q1", "2025/26 Q1"),
        ("April to June 2025", PeriodKind.QUARTER, "2025-26-Q1", "2025/26 Q1"),
        ("Apr-Nov 2021", PeriodKind.YEAR_TO_DATE, "2021-22-apr-nov", "Apr-Nov 2021"),
        ("April – November 2021", PeriodKind.YEAR_TO_DATE, "2021-22-apr-nov", "Apr-Nov 2021"),
        ("2021-22-apr-nov", PeriodKind.YEAR_TO_DATE, "2021-22-apr-nov", "Apr-Nov 2021"),
        ("April 2023 to March 2024", PeriodKind.FINANCIAL_YEAR, "2023-24", "2023/24"),
        ("AY2023-24", PeriodKind.ACADEMIC_YEAR, "AY2023-24", "2023/24 (academic year)"),
        (
            "2024/25 (Academic year)",
            PeriodKind.ACADEMIC_YEAR,
            "AY2024-25",
            "2024/25 (academic year)",
        ),
        ("2023", PeriodKind.CALENDAR_YEAR, "2023", "2023"),
        ("End of March 2024", PeriodKind.SNAPSHOT, "2024-03-31", "End of March 2024"),
        ("Position at March 2024", PeriodKind.SNAPSHOT, "2024-03-31", "End of March 2024"),
        ("as at 1st Jan 2023", PeriodKind.SNAPSHOT, "2023-01-01", "1 January 2023"),
        (
            "as at 1 st Jan 2023",
            PeriodKind.SNAPSHOT,
            "2023-01-01",
            "1 January 2023",
        ),  # seed 000's PDF text
        ("Mar-24", PeriodKind.SNAPSHOT, "2024-03-31", "End of March 2024"),
        ("2024-03-31", PeriodKind.SNAPSHOT, "2024-03-31", "End of March 2024"),
        ("2020-22", PeriodKind.MULTI_YEAR, "2020-22", "2020-22"),
    ],
)
def test_parses_every_label_the_seeds_print(text, kind, label, display):
    period = parse_period(text)
    assert (period.kind, period.label, period.display) == (kind, label, display)
    assert parse_period(period.label) == period


@pytest.mark.parametrize(
    ("label", "start", "end", "long"),
    [
        ("2023-24", date(2023, 4, 1), date(2024, 3, 31), "April 2023 to March 2024"),
        ("2025-26-Q1", date(2025, 4, 1), date(2025, 6, 30), "April to June 2025"),
        ("2025-26-Q4", date(2026, 1, 1), date(2026, 3, 31), "January to March 2026"),
        ("2021-22-apr-nov", date(2021, 4, 1), date(2021, 11, 30), "April to November 2021"),
        ("AY2023-24", date(2023, 9, 1), date(2024, 8, 31), "September 2023 to August 2024"),
        ("2020-22", date(2020, 1, 1), date(2022, 12, 31), "January 2020 to December 2022"),
    ],
)
def test_periods_know_their_dates_and_words(label, start, end, long):
    period = parse_period(label)
    assert (period.start, period.end, period.long) == (start, end, long)


@pytest.mark.parametrize(
    ("label", "previous"),
    [
        ("2023-24", "2022-23"),
        ("2025-26-Q1", "2024-25-Q1"),
        ("2021-22-apr-nov", "2020-21-apr-nov"),
        ("AY2024-25", "AY2023-24"),
        ("2024-03-31", "2023-03-31"),
        ("2024-02-29", "2023-02-28"),
        ("2023", "2022"),
    ],
)
def test_previous_is_like_for_like(label, previous):
    assert parse_period(label).previous().label == previous


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2023/34", "34 does not follow 2023"),  # seed 000's published typo
        ("2024/23", "23 does not follow 2024"),
        ("2023-34", "34 does not follow 2023"),
        ("Q5", "quarters Q1 to Q4"),
        ("2025/26 Q5", "Q5 does not exist"),
        ("2024-02-30", "no such day"),
        ("nonsense", "not a form perfcli knows"),
        ("", "empty"),
    ],
)
def test_impossible_labels_are_errors_that_name_them(text, words):
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert words in str(caught.value)
    if text:
        assert repr(text) in str(caught.value)


def test_the_2023_34_typo_suggests_the_year_meant():
    with pytest.raises(PeriodError) as caught:
        parse_period("2023/34")
    assert caught.value.hint == "did you mean 2023/24?"


def test_relative_labels_are_placed_in_the_report_year():
    within = parse_period("2021/22")
    assert parse_period("Apr-Nov", within=within).label == "2021-22-apr-nov"
    assert parse_period("Q1", within=parse_period("2025-26-Q1")).label == "2025-26-Q1"


def test_a_title_names_its_most_specific_period():
    title = "Adults and Communities Performance 2025/26 April to June 2025"
    assert most_specific(find_periods(title)).label == "2025-26-Q1"
    assert [m.text for m in find_periods("67.2% 22/23 Nat. Ave.")] == ["22/23"]
    assert find_periods("2,260.7k") == []


def test_periods_sort_by_when_they_end():
    labels = ["2025-26-Q1", "2023-24", "2021-22-apr-nov", "2024-03-31"]
    ordered = sorted(parse_period(label) for label in labels)
    # Same end date: the longer period first.
    assert [p.label for p in ordered] == ["2021-22-apr-nov", "2023-24", "2024-03-31", "2025-26-Q1"]


@given(st.integers(1990, 2090), st.integers(1, 4))
def test_canonical_labels_round_trip(year, quarter):
    for period in (
        Period.financial_year(year),
        Period.quarter(year, quarter),
        Period.academic_year(year),
    ):
        assert parse_period(period.label) == period
        assert parse_period(period.display) == period


@given(st.text(max_size=30))
def test_any_text_parses_or_gives_a_period_error(text):
    try:
        parse_period(text)
    except PeriodError as error:
        assert str(error)


@pytest.mark.parametrize("text", ["Apr-24", "April 2024", "Apr 2024", "2024-04", "april-2024"])
def test_a_monthly_series_period_column_reads_months(text):
    month = parse_month(text)
    assert month is not None
    assert (month.kind, month.label, month.display, month.long) == (
        PeriodKind.MONTH, "2024-04", "Apr 2024", "April 2024"
    )  # fmt: skip
    assert month.previous().label == "2023-04"
    assert parse_period(month.label) == month


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Mar-24", "2024-03-31"),
        ("2011-12", "2011-12"),
        ("2010-12", "2010-12"),
        ("2023-24", "2023-24"),
    ],
)
def test_months_leave_the_other_readings_alone(text, label):
    # Outside a monthly Period column `Mar-24` is still a position at the end of March; a
    # year pair that is a financial or multi-year span keeps that reading.
    assert parse_period(text).label == label


@pytest.mark.parametrize("text", ["End of March 2024", "2023-24", "31 March 2024", "Q1"])
def test_what_is_not_a_month(text):
    assert parse_month(text) is None


@given(st.integers(2000, 2099), st.integers(1, 12), st.sampled_from(["abbr", "name", "iso"]))
def test_any_month_printed_any_way_reads_back_as_that_month(year, month, form):
    import calendar

    text = {
        "abbr": f"{calendar.month_abbr[month]}-{year % 100:02d}",
        "name": f"{calendar.month_name[month]} {year}",
        "iso": f"{year}-{month:02d}",
    }[form]
    # `2011-12` and the like are financial years or spans first (see the README's Periods):
    # only months before 2012 can read so, and those are not months (never misfiled).
    span = 0 < year // 100 * 100 + month - year <= 5
    assert not span or year < 2012
    found = parse_month(text)
    if span:
        assert found is None
        return
    assert found == Period.month(year, month)
    assert parse_period(found.label) == found
