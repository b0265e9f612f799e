"""Pure rules for dashboards typed by hand: codes told apart, banners, typos, previous columns."""

from __future__ import annotations

import pytest

from perfcli.domain.comparator_parsing import parse_comparator
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.values import parse_value
from perfcli.errors import PerfcliError
from perfcli.importers.layout import looks_like_code, plan_and_outcome, told_apart
from perfcli.importers.previous import Reading, read_previous
from perfcli.importers.problems import period_correction

SUS = "% of SUs who find it easy to find information"
CARERS = "% of carers who find it easy to find information"


@pytest.mark.parametrize(
    ("descriptions", "expected"),
    [
        ([SUS, CARERS], {SUS: "sus", CARERS: "carers"}),
        ([CARERS, SUS], {SUS: "sus", CARERS: "carers"}),  # the same whatever the order
        (
            [
                "% of SUs who had as much social contact as they would like",
                "% of carers who had as much social contact as they would like",
            ],
            {
                "% of SUs who had as much social contact as they would like": "sus",
                "% of carers who had as much social contact as they would like": "carers",
            },
        ),
        (["Adults aged 18-64", "Adults aged 65 and over"], {"Adults aged 18-64": "18-64",
                                                          "Adults aged 65 and over": "65-and-over"}),
        ([SUS, SUS.upper()], None),  # the same words: not told apart
    ],
)  # fmt: skip
def test_codes_printed_twice_are_told_apart_by_their_own_words(descriptions, expected):
    assert told_apart(descriptions) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["Leicestershire County", "Council's Strategic Plan", "2022-26", "Great Communities",
          "Cultural and historical heritage are enjoyed and conserved"],
         ("Leicestershire County Council's Strategic Plan 2022-26",
          "Great Communities — Cultural and historical heritage are enjoyed and conserved")),
        (["Leicestershire County Council's Strategic Plan 2022-26 Safe and Well",
          "Carers and People with care needs are supported"],
         ("Leicestershire County Council's Strategic Plan 2022-26",
          "Safe and Well — Carers and People with care needs are supported")),
        (["Adults and Communities Performance 2023/24", "Leicestershire County Council's Strategic Plan 2022-26"],
         ("Leicestershire County Council's Strategic Plan 2022-26", None)),
        (["Adults and Communities Performance 2023/24", "April 2023 to March 2024"], None),
    ],
)  # fmt: skip
def test_banners_typed_over_several_rows(parts, expected):
    assert plan_and_outcome(parts) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [("ASCOF 2A", True), ("Local", True), ("ASCOF 1C pt 2a", True), ("Leicestershire County", False),
     ("2022-26", False), ("Great Communities", False)],
)  # fmt: skip
def test_what_looks_like_a_code(text, code):
    assert looks_like_code(text) is code


@pytest.mark.parametrize(
    ("text", "parse", "corrected"),
    [
        ("17.3k Local target 2023/34", parse_comparator, "17.3k Local target 2023/24"),  # seed 000
        ("2,260.7k Local target 2023/34", parse_comparator, "2,260.7k Local target 2023/24"),
        ("19.6k (2023/34)", parse_value, "19.6k (2023/24)"),
        ("2023/34", parse_period, "2023/24"),
    ],
)
def test_a_period_typo_with_one_reading_is_read_as_meant(text, parse, corrected):
    with pytest.raises(PerfcliError) as raised:
        parse(text)
    assert period_correction(text, raised.value) == corrected


def test_no_guess_without_a_single_reading():
    # In a 2023/24 report, `2024/23` could be 2023/24 or 2024/25: it is not guessed at.
    with pytest.raises(PerfcliError) as raised:
        parse_comparator("5% Local target 2024/23")
    assert (
        period_correction("5% Local target 2024/23", raised.value, parse_period("2023-24")) is None
    )
    with pytest.raises(PerfcliError) as raised:
        parse_comparator("5% Local target 2023/34")
    assert period_correction("5% Local target 2023/34", raised.value, parse_period("2023-24"))


def _pv(text: str):
    return parse_value(text)


@pytest.mark.parametrize(
    ("current", "previous", "reading"),
    [
        # Seed 001: ASCOF 2A's previous is the year's outturn, four times the quarter's referrals.
        ("82.8% (911 out of 1,100)", "88.7% (3,912 out of 4,408)", Reading.YEAR),
        ("Survey is annual and will next run in February 2026", "61.1%", Reading.SURVEY),
        ("Survey is biennial and will next run in October 2025", "56.1%", Reading.SURVEY),
        ("41.0k", "39.1k", Reading.QUARTER),  # heritage visits: genuine Q1
        ("196.4k", "155.1k", Reading.QUARTER),
        ("88.3% (596 out of 675)", "90.7% (582 out of 642)", Reading.UNCLEAR),  # a position
        ("94.4% (234 out of 248)", "95.3% (645 out of 677)", Reading.UNCLEAR),
        ("6.5k", "26.0k", Reading.UNCLEAR),  # four times the quarter: the year, or growth
        ("6.5k", None, Reading.QUARTER),
        ("tbc", "95.3% (645 out of 677)", Reading.UNCLEAR),  # a share: unclear without a figure too
        ("tbc", "39.1k", Reading.QUARTER),  # a count: nothing to size it against
    ],
)
def test_what_a_quarter_reports_previous_column_holds(current, previous, reading):
    assert read_previous(_pv(current), _pv(previous) if previous else None) is reading
