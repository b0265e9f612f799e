"""Printed figures and comparators from the seeds -> numbers, units, periods, reasons (the
readers in figures, values and comparators)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfcli.domain.comparator_parsing import ComparatorKind, parse_comparator
from perfcli.domain.comparator_types import TextComparator, comparator_from
from perfcli.domain.figures import Figure, Unit, figure_text, infer_unit, percent_matches
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.values import parse_value
from perfcli.errors import ValueParseError

FY = parse_period("2023-24")


@pytest.mark.parametrize(
    ("text", "value", "unit", "printed"),
    [
        ("49.2%", 49.2, Unit.PERCENT, "49.2%"),  # seed 000
        ("17.3k", 17300, None, "17.3k"),
        ("2,260.7k", 2260700, None, "2,260.7k"),
        ("£915", 915, Unit.CURRENCY, "£915"),
        ("£21.57bn", 21.57e9, Unit.CURRENCY, "£21.57bn"),
        ("-£2.2m", -2.2e6, Unit.CURRENCY, "-£2.2m"),
        ("1,006.6k", 1006600, None, "1,006.6k"),
        ("96%", 96, Unit.PERCENT, "96%"),
    ],
)
def test_plain_figures(text, value, unit, printed):
    parsed = parse_value(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.unit == unit
    assert parsed.figure.text() == printed


@given(
    st.from_regex(r"-?(\d{1,3}(,\d{3})+|\d{1,7})(\.\d{1,4})?%?", fullmatch=True)
    | st.sampled_from(["-0", "0.0%", "007", "1,23", "1,2345", "12.", ".5", "- 5", "5 %", " 5", "-"])
)
def test_a_plain_figure_reads_as_the_general_reading_does(text):
    # parse_value reads a bare number by a shortcut; it must agree with the general reading.
    from perfcli.domain.values import _parse_printed

    try:
        general = _parse_printed(text, None)
    except ValueParseError:
        with pytest.raises(ValueParseError):
            parse_value(text)
        return
    assert parse_value(text) == general


@given(
    st.from_regex(r"-?(\d{1,3}(,\d{3})+|\d{1,7})(\.\d{1,4})?(k|m|bn|K|M|BN)", fullmatch=True)
    | st.sampled_from(["17.3k", "2,260.7k", "1.5M", "0.1bn", "-3k", "1" * 400 + "bn", "12k%"])
)
def test_a_scaled_figure_reads_as_the_general_reading_does(text):
    # `17.3k` (seed 000) takes the shortcut too; it must agree with the general reading.
    from perfcli.domain.values import _read_printed

    try:
        general = _read_printed(text, None)
    except ValueParseError:
        with pytest.raises(ValueParseError):
            parse_value(text)
        return
    assert parse_value(text) == general


def test_a_repeated_text_is_read_once_and_an_error_every_time():
    # Seed 001's rate cells repeat their wording on every row: read once, the same value back.
    from perfcli.domain.values import _parse_printed

    _parse_printed.cache_clear()
    text = "13.3 per 100k Pop. Actual 56 Admissions in 23/24"
    first, again = parse_value(text, within=FY), parse_value(text, within=FY)
    assert first is again
    assert (first.value, first.unit, first.count, first.period.label) == (
        13.3, Unit.RATE_PER_100K, 56, "2023-24",
    )  # fmt: skip
    assert _parse_printed.cache_info().hits == 1
    # Another column's period is another reading of the same words.
    assert (
        parse_value("50 (Q1)", within=FY).period
        != parse_value("50 (Q1)", within=parse_period("2024-25")).period
    )
    for _ in range(2):
        with pytest.raises(ValueParseError):
            parse_value("12 34")
    assert parse_comparator("57.8% 22/23 Nat. Ave.") is parse_comparator("57.8% 22/23 Nat. Ave.")


def test_a_value_keeps_its_own_snapshot_date():  # seed 000
    parsed = parse_value("773 End of March 2024", within=FY)
    assert (parsed.value, parsed.period.label) == (773, "2024-03-31")
    parsed = parse_value("85.3% (Position at March 2024)", within=FY)
    assert (parsed.value, parsed.period.label) == (85.3, "2024-03-31")


def test_numerator_and_denominator_are_kept():  # seed 001
    parsed = parse_value("87.1% (1,227 out of 1,408)")
    assert (parsed.value, parsed.numerator, parsed.denominator) == (87.1, 1227, 1408)


def test_a_rate_keeps_its_actual_count_and_year():  # seed 000
    parsed = parse_value("13.7 per 100k Pop. Actual 58 Admissions in 23/24")
    assert parsed.value == 13.7 and parsed.unit is Unit.RATE_PER_100K
    assert (parsed.count, parsed.count_label, parsed.status) == (58, "admissions", "actual")
    assert parsed.period.label == "2023-24"


def test_a_forecast_is_marked():  # seed 001
    parsed = parse_value("14.3 per 100k Pop. Forecast 62 Admissions in 25/26")
    assert (parsed.value, parsed.count, parsed.status) == (14.3, 62, "forecast")


def test_a_note_in_brackets_is_kept_and_dates_the_value():  # seed 000
    parsed = parse_value("36 (5% of total waiting at end of Mar-24)")
    assert parsed.value == 36
    assert parsed.note == "5% of total waiting at end of Mar-24"
    assert parsed.period.label == "2024-03-31"


def test_a_year_in_brackets_is_the_values_period():
    parsed = parse_value("3854 (2022/23)")
    assert (parsed.value, parsed.period.label, parsed.numerator) == (3854, "2022-23", None)


def test_year_to_date_in_brackets_is_placed_in_the_column_year():  # seed 003
    parsed = parse_value("182.0k (Apr-Nov)", within=parse_period("2021/22"))
    assert (parsed.value, parsed.period.label) == (182000, "2021-22-apr-nov")
    parsed = parse_value("5.4 (23 admissions)")
    assert (parsed.value, parsed.count) == (5.4, 23)


@pytest.mark.parametrize(
    "text",
    [
        "Survey is annual and will next run in February 2026",  # seed 001
        "Due June 2022",  # seed 003
        "No Survey in 2020/21 due to Covid-19 pandemic",
    ],
)
def test_text_instead_of_a_value_is_a_missing_value_with_its_reason(text):
    parsed = parse_value(text)
    assert parsed.value is None
    assert parsed.reason == text


@pytest.mark.parametrize(
    ("text", "value", "unit", "scale"),
    [
        # A negative figure as accounts print it, and as Excel shows a negative number in the
        # formats `#,##0;(#,##0)` and `0.0%;(0.0%)`: a trial's were "text instead of a figure".
        ("(123)", -123, None, ""),
        ("(1,234.5)", -1234.5, None, ""),
        ("(£1,500,000)", -1_500_000, Unit.CURRENCY, ""),
        ("(£0.5m)", -500_000, Unit.CURRENCY, "m"),
        ("(5.0%)", -5.0, Unit.PERCENT, ""),
        ("( 123 )", -123, None, ""),
        ("(£ 0.5m)", -500_000, Unit.CURRENCY, "m"),  # a space after the sign, as typed
    ],
)
def test_a_figure_in_brackets_alone_is_negative(text, value, unit, scale):
    parsed = parse_value(text)
    assert (parsed.value, parsed.unit, parsed.figure.scale if parsed.figure else None) == (
        value, unit, scale,
    )  # fmt: skip


@pytest.mark.parametrize("text", ["(12 out of 20)", "(Apr-Nov)", "(123) Due June"])
def test_words_in_brackets_are_not_a_negative_figure(text):
    parsed = parse_value(text)
    assert parsed.value is None
    assert parsed.reason == text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("12.3.4", "'.4'"), ("49.2%%", "'%'"), ("1,00", "',00'"),
        # A trial's: each had been read as the number before it, unwarned.
        ("1,234-", "'-' after the number: a minus after a figure"),
        ("12.3%-", "'-' after the number: a minus after a figure"),
        ("5 -", "'-' after the number"), ("5–", "'–' after the number"),
        ("5/", "'/' after the number"), ("5:", "':' after the number"),
    ],
)  # fmt: skip
def test_garbled_numbers_are_errors(text, words):
    with pytest.raises(ValueParseError) as caught:
        parse_value(text)
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("30 June 2025", "30 June 2025"),  # a date cell, as the reader renders it
        ("31 March 2024: 1,234", "31 March 2024"),
        ("1st April 2024", "1st April 2024"),
        ("12 Sept", "12 Sept"),
        ("30/06/2025", "30/06/2025"),
        ("1-2-24", "1-2-24"),  # a typed `1-2`, turned into a date by Excel and back
        ("2025-06-30 10:00:00", "2025-06-30 10:00:00"),
        ("12:30:00", "12:30:00"),  # a time cell, as the reader renders it: its hour was read
        ("09:30", "09:30"),
        ("0:45:00", "0:45:00"),  # a duration
    ],
)
def test_a_date_or_a_time_is_no_figure(text, date):
    """Its day was read as the figure: 30, with the date as its period; a time's hour."""
    with pytest.raises(ValueParseError) as caught:
        parse_value(text)
    what = "a time" if ":" in date and "-" not in date else "a date"
    assert caught.value.reason == f"it starts with {what} ({date}), not a figure"


@pytest.mark.parametrize(
    ("text", "value"),
    [("82.8% at 30 June 2025", 82.8), ("1 Marks", 1.0), ("12 months", 12.0)],
)
def test_a_figure_beside_a_date_or_a_month_like_word_is_still_a_figure(text, value):
    assert parse_value(text).value == value


@pytest.mark.parametrize(
    ("text", "kind", "value", "period"),
    [
        ("67.2% 22/23 Nat. Ave.", ComparatorKind.NATIONAL_AVERAGE, 67.2, "2022-23"),
        ("14.6 per 100k pop. 22/23 Nat. Ave", ComparatorKind.NATIONAL_AVERAGE, 14.6, "2022-23"),
        ("17.3k Local target 2023/24", ComparatorKind.TARGET, 17300, "2023-24"),
        ("90% Local Target 2023/24", ComparatorKind.TARGET, 90, "2023-24"),
        ("84.0% Local Target 2024/25 (Academic year)", ComparatorKind.TARGET, 84.0, "AY2024-25"),
        ("<1,575 Position as at 1 st Jan 2023", ComparatorKind.THRESHOLD, 1575, "2023-01-01"),
        ("68%", ComparatorKind.TARGET, 68, None),
    ],
)
def test_comparators(text, kind, value, period):
    parsed = parse_comparator(text, within=FY)
    assert (parsed.kind, parsed.value) == (kind, pytest.approx(value))
    assert (parsed.period.label if parsed.period else None) == period


def test_a_milestone_is_placed_in_the_report_quarter():  # seed 001
    parsed = parse_comparator("5.1k Local Q1 Milestone", within=parse_period("2025-26-Q1"))
    assert (parsed.kind, parsed.value, parsed.period.label) == (
        ComparatorKind.MILESTONE,
        5100,
        "2025-26-Q1",
    )


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("55% - 60% Local target 2023/24", 55, 60), ("55-60%", 55, 60), ("9-14%", 9, 14),
        # Bare numbers are a band unless they read as a year and the next (`22-23`): a fresh
        # reader's `40 - 50 Local target` was a target of 40.
        ("40 - 50 Local target 2023/24", 40, 50), ("12-20", 12, 20),
    ],
)  # fmt: skip
def test_bands(text, low, high):
    parsed = parse_comparator(text, within=FY)
    assert (parsed.kind, parsed.low.value, parsed.high.value) == (ComparatorKind.BAND, low, high)


@pytest.mark.parametrize("text", ["22-23 Nat. Ave.", "2023-24 Local target 15"])
def test_a_year_and_the_next_is_not_a_band(text):
    assert parse_comparator(text, within=FY).kind is not ComparatorKind.BAND


def test_threshold_with_admissions():  # seed 003
    parsed = parse_comparator("<4.1 (17 Adm's)")
    assert (parsed.kind, parsed.op, parsed.value, parsed.count) == (
        ComparatorKind.THRESHOLD,
        "<",
        4.1,
        17,
    )


@pytest.mark.parametrize(
    ("text", "kind", "rateable"),
    [
        ("For Information Only", ComparatorKind.INFO, False),
        (
            "New ASCOF metric for 2023/24 No national figures yet available",
            ComparatorKind.UNAVAILABLE,
            False,
        ),
        ("National data not yet published", ComparatorKind.UNAVAILABLE, False),
        ("MTFS", ComparatorKind.TEXT, False),
    ],
)
def test_comparators_that_cannot_be_rated_keep_their_text(text, kind, rateable):
    parsed = parse_comparator(text)
    stored = comparator_from(parsed)
    assert (parsed.kind, not isinstance(stored, TextComparator)) == (kind, rateable)
    assert parsed.raw == text


def test_the_2023_34_target_is_an_error_naming_it():  # seed 000
    with pytest.raises(ValueParseError) as caught:
        parse_comparator("17.3k Local target 2023/34")
    assert "2023/34" in str(caught.value) and "34 does not follow 2023" in str(caught.value)


def test_numerator_and_denominator_checked_to_printed_precision():
    assert percent_matches(87.1, 1227, 1408, 1)
    assert not percent_matches(87.1, 1227, 1508, 1)


def test_units_from_description_when_the_figure_does_not_say():
    assert infer_unit("Hours of Volunteering (Heritage & libraries)") is Unit.HOURS
    assert (
        infer_unit("Permanent admissions to care (aged 18-64) per 100,000 pop.")
        is Unit.RATE_PER_100K
    )
    assert infer_unit("Library visits") is Unit.COUNT
    assert infer_unit("LALS Success Rate") is Unit.PERCENT
    # A rate on another base is no percentage: 120 per 1,000 is not "outside 0-100%".
    assert infer_unit("Rate per 1,000 adults") is Unit.NUMBER
    assert infer_unit("Delayed transfers per 10,000 population") is Unit.NUMBER
    # A score, an index, an average: a number on a scale, never a count of events.
    assert infer_unit("Social care-related quality of life score (survey)") is Unit.NUMBER
    assert infer_unit("Index of multiple deprivation") is Unit.NUMBER
    assert infer_unit("Average length of stay (days)") is Unit.NUMBER
    assert infer_unit("Average weekly spend per client") is Unit.CURRENCY
    # A trial's compendium: per head, per capita and weights are numbers with decimals, not
    # counts; money per head is still money.
    assert infer_unit("Bus passenger journeys per head") is Unit.NUMBER
    assert infer_unit("Per capita CO2 emissions in the LA area (tonnes)") is Unit.NUMBER
    assert infer_unit("Household waste collected (kg per household)") is Unit.NUMBER
    assert infer_unit("Spend per head on adult social care") is Unit.CURRENCY
    assert infer_unit("Number of working days lost per FTE") is Unit.NUMBER
    assert infer_unit("Number of people waiting") is Unit.COUNT
    assert infer_unit("Total tonnage of waste collected") is Unit.NUMBER
    assert infer_unit("Number of people waiting for an assessment") is Unit.COUNT
    # Issue 27: a rate per 100,000 is not a percentage, whatever else its words say.
    assert infer_unit("Rate of hospital admissions for self-harm per 100,000 population") is (
        Unit.RATE_PER_100K
    )


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "scale", "printed"),
    [
        # A half is rounded up, as Excel shows it: Python's format gave 82.8 and 2.
        (82.85, Unit.PERCENT, 1, "", "82.9%"),
        (2.5, Unit.COUNT, 0, "", "3"),
        (1.45, Unit.RATE_PER_100K, 1, "", "1.5 per 100k"),
        (-12.25, Unit.COUNT, 1, "", "-12.3"),  # away from zero, as Excel
        (1234567.5, Unit.COUNT, 0, "", "1,234,568"),
        (17350.0, Unit.COUNT, 1, "k", "17.4k"),
        (99.95, Unit.PERCENT, 1, "", "100.0%"),
        # Not a half: as before.
        (82.84, Unit.PERCENT, 1, "", "82.8%"),
        (82.851, Unit.PERCENT, 1, "", "82.9%"),
        (1575.0, Unit.COUNT, 0, "", "1,575"),
        (-0.04, Unit.COUNT, 1, "", "0.0"),
        (2.45e-07, Unit.COUNT, 2, "", "0.00"),
    ],
)
def test_a_figure_is_printed_as_excel_shows_it(value, unit, decimals, scale, printed):
    assert figure_text(value, unit, decimals, scale) == printed


@given(
    st.floats(-1e7, 1e7, allow_nan=False),
    st.sampled_from(list(Unit)),
    st.integers(0, 2),
    st.sampled_from(["", "k", "m"]),
)
def test_printing_then_parsing_gives_the_same_value(value, unit, decimals, scale):
    figure = Figure(round(value, decimals), unit, decimals, scale)
    printed = figure.text(unit)
    again = parse_value(printed).figure
    step = 10**-decimals * {"": 1, "k": 1e3, "m": 1e6}[scale]
    assert again.value == pytest.approx(figure.value, abs=step / 2 + 1e-6)
    assert again.text(unit) == printed


@given(st.text(max_size=40))
def test_any_text_is_a_value_a_reason_or_a_clear_error(text):
    try:
        parse_value(text)
        parse_comparator(text)
    except ValueParseError as error:
        assert str(error).startswith("cannot read")


@given(
    st.floats(0, 1e6, allow_nan=False),
    st.sampled_from(list(Unit)),
    st.integers(0, 2),
    st.sampled_from([("Local target 2023/24", "target"), ("22/23 Nat. Ave.", "national_average"),
                     ("Q1 Milestone", "milestone")]),
)  # fmt: skip
def test_a_printed_comparator_parses_back_to_its_value_and_kind(value, unit, decimals, tail):
    figure = Figure(round(value, decimals), unit, decimals)
    label, kind = tail
    parsed = parse_comparator(f"{figure.text(unit)} {label}", within=parse_period("2023-24"))
    assert parsed.kind.value == kind
    assert parsed.value == pytest.approx(figure.value, abs=10**-decimals / 2 + 1e-9)


@pytest.mark.parametrize("text", ["50.1k¹", "50.1k ¹", "81.2%²"])
def test_a_footnote_mark_on_a_figure_is_refused_with_where_it_goes(text):
    """A trial: the one error with no hint."""
    with pytest.raises(ValueParseError) as refused:
        parse_value(text)
    assert refused.value.hint == (
        "put the footnote mark on the measure's code or description, not its figure"
    )


@pytest.mark.parametrize(("text", "hint"), [("89,6%", "89.6"), ("86,3% 22/23 Nat. Ave", "86.3")])
def test_a_decimal_comma_is_named_in_the_hint(text, hint):
    with pytest.raises(ValueParseError) as refused:
        parse_value(text)
    assert f"write decimals with a point: {hint}" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("615.1kk", "kk"),  # a fresh trial: read as 615.1, a thousandth of the figure meant
        ("8l3.3k", "l3.3k"),  # an l for a 1: read as 8
        ("615.1kx", "kx"),
        ("£615.1kk", "kk"),
        ("12months", "months"),
        ("60%Local target 2023/24", "Local"),
    ],
)
def test_a_letter_joined_to_the_number_is_refused_not_read_as_words(text, joined):
    with pytest.raises(ValueParseError) as refused:
        parse_value(text)
    assert f"unexpected {joined!r} joined to the number" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "joined", "hint"),
    [  # each had been read as its first number, the rest kept as a note
        ("1,227/1,408", "/1,408", "counts go in brackets"),
        ("5/10", "/10", "counts go in brackets"),
        ("55-60%", "-60%", "a band is a comparator's"),
        ("55 - 60%", "- 60%", "a band is a comparator's"),
        ("1.2k – 1.5k", "– 1.5k", "a band is a comparator's"),
        ("10 to 12", "to 12", "a band is a comparator's"),  # a second trial: read as 10
        ("1,200 and 1,300", "and 1,300", "a band is a comparator's"),
        ("1,200 up to 1,300", "up to 1,300", "a band is a comparator's"),  # a third trial
    ],
)
def test_a_second_number_joined_to_a_figure_is_refused(text, joined, hint):
    with pytest.raises(ValueParseError) as refused:
        parse_value(text)
    assert f"unexpected {joined!r} after the number: a second number joined to it" in str(
        refused.value
    )
    assert hint in (refused.value.hint or "")


@pytest.mark.parametrize(
    ("text", "value", "unit", "period", "reason"),
    [
        # A period typed before the figure had been read as the figure (`2023/24 81.2%` as 2023).
        ("2023/24 81.2%", 81.2, Unit.PERCENT, "2023-24", None),
        ("23/24: 1,234", 1234.0, None, "2023-24", None),
        ("2023 – 24 87.1% (1,227 out of 1,408)", 87.1, Unit.PERCENT, "2023-24", None),
        ("2023/24", None, None, None, "2023/24"),  # a period and no figure: words
        ("87/88 (98.9%)", None, None, None, "87/88 (98.9%)"),
        # A rate written with a slash is a rate (it had been a count, `/100k` its note).
        ("14.3/100k", 14.3, Unit.RATE_PER_100K, None, None),
        ("14.3 /100,000", 14.3, Unit.RATE_PER_100K, None, None),
        # Words after a dash are still words, and a date after `to` (a third trial's were
        # refused as a second number).
        ("1,234 - provisional", 1234.0, None, None, None),
        ("1,234 to 31 March 2024", 1234.0, None, "2024-03-31", None),
        ("98 to 31 Mar-24", 98.0, None, "2024-03-31", None),
    ],
)
def test_a_figure_typed_after_its_period_or_with_a_slash_rate(text, value, unit, period, reason):
    parsed = parse_value(text, within=parse_period("2023-24"))
    assert (parsed.value, parsed.unit, parsed.reason, parsed.raw) == (value, unit, reason, text)
    assert (parsed.period.label if parsed.period else None) == period


@pytest.mark.parametrize(
    ("text", "joined"),
    [  # a second trial: the comparator's figure after its words, and a band's upper end
        ("Local target 545.3kk", "kk"),
        ("Target: 1,200kk", "kk"),
        ("Nat. Ave. 23/24 55.1%x", "x"),
        ("545.3k - 600kk Local target 2023/24", "k"),
        ("55% - 60%% Local target 2023/24", "%"),
    ],
)
def test_a_letter_joined_to_any_of_a_comparator_s_figures_is_refused(text, joined):
    with pytest.raises(ValueParseError) as refused:
        parse_comparator(text, within=parse_period("2023-24"))
    assert f"unexpected {joined!r} joined to the number" in str(refused.value)


@pytest.mark.parametrize("text", ["615.1 kk", "615.1 (k)", "1.2 mil", "3 thousand million", "5 mn"])
def test_a_scale_perfcli_does_not_read_is_refused_not_dropped(text):
    with pytest.raises(ValueParseError) as refused:
        parse_value(text)
    assert "a scale perfcli does not read" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "value", "scale", "note"),
    [
        ("1,006.6 thousand", 1_006_600.0, "k", None),  # read as 1,006.6 before
        ("1.2 million", 1_200_000.0, "m", None),
        ("1.2 Million visits", 1_200_000.0, "m", "visits"),
        ("3 billion", 3e9, "bn", None),
        ("615.1 thousands", 615_100.0, "k", None),  # read as 615.1 before
        ("12 months", 12.0, "", "months"),
        ("6.5k hours", 6_500.0, "k", "hours"),  # words after a space are the figure's words
        ("100k+", 100_000.0, "k", "+"),
        ("14.3 per 100k Pop.", 14.3, "", None),
    ],
)
def test_a_scale_in_words_is_the_scale_and_words_after_a_space_are_words(text, value, scale, note):
    parsed = parse_value(text)
    assert (parsed.value, parsed.figure.scale, parsed.note) == (value, scale, note)


def test_thousands_commas_are_still_read():
    assert parse_value("1,575").value == 1575


@pytest.mark.parametrize(
    ("text", "value", "decimals", "scale"),
    [
        # As R and Excel's CSV export write a large count, and Excel's 0.0E+00 shows one: its
        # figures and no more (a trial: 1,234,567 shown 1.2E+06 was drafted as 1,200,000).
        ("1.5E+06", 1_500_000.0, 1, "m"),
        ("1e-3", 0.001, 3, ""),
        ("2.5e3", 2500.0, 1, "k"),
        ("1E+05", 100_000.0, 0, "k"),
        ("-4.2E-02", -0.042, 3, ""),
        ("1e308", 1e308, 0, "bn"),
        ("1e-320", 1e-320, 15, ""),
        ("3.4e1%", 34.0, 0, ""),
    ],
)
def test_scientific_notation_is_read_as_its_value(text, value, decimals, scale):
    figure = parse_value(text).figure
    assert figure is not None
    assert (figure.value, figure.decimals, figure.scale) == (pytest.approx(value), decimals, scale)
    assert parse_value(text).note is None


@pytest.mark.parametrize("text", ["1e309", "-2E+400", "9.9e99999"])
def test_a_figure_too_large_for_a_number_is_refused(text):
    with pytest.raises(ValueParseError, match="too large"):
        parse_value(text)


def test_a_word_after_a_number_is_not_an_exponent():
    parsed = parse_value("5 employees")
    assert parsed.figure is not None and parsed.figure.value == 5


def test_words_repeated_after_different_figures_are_read_for_each_figure():
    # SYNTHETIC texts in seed 001's wording: the words after the rate repeat, the rates differ.
    year = parse_period("2023/24")
    first = parse_value("12.1 per 100k Pop. Actual 51 Admissions in 23/24", within=year)
    second = parse_value("8.3 per 100k Pop. Actual 51 Admissions in 23/24", within=year)
    assert (first.value, first.unit, first.count, first.status) == (
        12.1, Unit.RATE_PER_100K, 51, "actual",
    )  # fmt: skip
    assert (second.value, second.unit, second.count) == (8.3, Unit.RATE_PER_100K, 51)
    assert first.period == second.period == year


@pytest.mark.parametrize("text", ["45% (2023/34)", "46% (2023/34)"])
def test_a_slip_in_words_shared_by_figures_names_each_whole_text(text):
    with pytest.raises(ValueParseError) as error:
        parse_value(text, within=parse_period("2023/24"))
    assert text in error.value.message and "34 does not follow 2023" in error.value.message


@pytest.mark.parametrize(
    "text", ["55% - 60% Local target", "55%–60% Local target", "55% — 60%", "55% TO 60%",
             "55% to 60% Local target 2023/24"],
)  # fmt: skip
def test_a_band_is_read_whichever_separator_its_ends_have(text):
    parsed = parse_comparator(text, within=parse_period("2023/24"))
    assert parsed is not None and parsed.kind is ComparatorKind.BAND
    assert (parsed.low, parsed.high) == (Figure(55.0, Unit.PERCENT), Figure(60.0, Unit.PERCENT))


def test_a_comparator_with_no_separator_is_no_band():
    parsed = parse_comparator("91.8% 22/23 Nat. Ave.", within=parse_period("2023/24"))
    assert parsed is not None and parsed.kind is ComparatorKind.NATIONAL_AVERAGE
    assert parsed.figure == Figure(91.8, Unit.PERCENT, 1)


@pytest.mark.parametrize(
    ("value", "usual", "places"),
    [
        (78.0, 1, 1),  # an owner's 78.0, which Excel keeps as 78, beside the dashboard's 88.7%
        (78.0, 0, 0),
        (91.25, 1, 2),  # typed finer than the measure's figures: kept
        (159_100.0, 0, 0),  # seed 003's junior loans, written out in full
        (555.5, 0, 1),
        (0.1 + 0.2, 1, 1),  # a float's tail is not an owner's precision
    ],
)
def test_a_bare_number_is_printed_to_its_own_places_or_the_measures(value, usual, places):
    from perfcli.domain.figures import places_for

    assert places_for(value, usual) == places


@pytest.mark.parametrize("text", ["9" * 400, "9" * 400 + "%", "-" + "9" * 400, "9" * 32_767])
def test_a_number_too_large_for_a_float_is_refused_not_read_as_infinity(text):
    """A trial: 400 nines were read as inf, rated `better` and drafted as `inf%`."""
    with pytest.raises(ValueParseError) as raised:
        parse_value(text)
    assert "too large to be a figure" in raised.value.message
    assert f"… ({len(text):,} characters)" in raised.value.message  # named by its start
    assert len(raised.value.message) < 120


@pytest.mark.parametrize(
    ("text", "kind", "value", "period"),
    [
        # A trial: typed with the words first, these were text, never rated and never warned.
        ("Local target 60%", ComparatorKind.TARGET, 60.0, None),
        ("Local target 1,200", ComparatorKind.TARGET, 1200.0, None),
        ("Target: 60%", ComparatorKind.TARGET, 60.0, None),
        ("Local target 2024/25 40", ComparatorKind.TARGET, 40.0, "2024-25"),
        ("Local target 2024/25: 545.3k", ComparatorKind.TARGET, 545_300.0, "2024-25"),
        ("Milestone Q1 2024/25 45%", ComparatorKind.MILESTONE, 45.0, "2024-25-Q1"),
        ("Nat. Ave. 23/24 55.1%", ComparatorKind.NATIONAL_AVERAGE, 55.1, "2023-24"),
        ("England 55.1%", ComparatorKind.NATIONAL_AVERAGE, 55.1, None),
        ("Target <1,575", ComparatorKind.THRESHOLD, 1575.0, None),
        ("Target band 55% - 60%", ComparatorKind.BAND, None, None),
        # A second trial: a hyphen after the words is a dash, not a minus; `60-65` is a band,
        # not the years 2060 to 2065; `2024/25 - 60%` holds no band from 25.
        ("Target - 60%", ComparatorKind.TARGET, 60.0, None),
        ("Target -60%", ComparatorKind.TARGET, 60.0, None),
        ("Local target 2024/25 - 60%", ComparatorKind.TARGET, 60.0, "2024-25"),
        ("Target: -5%", ComparatorKind.TARGET, -5.0, None),  # after a colon: a minus
        ("Local target 60-65%", ComparatorKind.BAND, None, None),
        ("Local target 2024/25 40-45", ComparatorKind.BAND, None, "2024-25"),
        # Words with no figure outside a period stay what they were.
        ("Target to be set in Q3", ComparatorKind.TEXT, None, None),
        ("National average not published for 2023/24", ComparatorKind.UNAVAILABLE, None,
         "2023-24"),
    ],
)  # fmt: skip
def test_a_comparator_typed_words_first_reads_as_printed_figure_first(text, kind, value, period):
    parsed = parse_comparator(text, within=parse_period("2024-25"))
    assert (parsed.kind, parsed.value) == (kind, value)
    assert (parsed.period.label if parsed.period else None) == period
    assert parsed.raw == text  # shown as typed


@pytest.mark.parametrize(
    ("text", "kind", "value", "period", "label"),
    [
        # A period typed first had been read as the figure: `2023/24 Local target 60%` was a
        # target of 2023, rated silently.
        ("2023/24 Local target 60%", ComparatorKind.TARGET, 60.0, "2023-24", "Local target 2023/24"),
        ("2023-24 Local target 60%", ComparatorKind.TARGET, 60.0, "2023-24", "Local target 2023-24"),
        ("2023 – 24 Local target 60%", ComparatorKind.TARGET, 60.0, "2023-24", "Local target 2023-24"),
        ("2023/24 target: 60%", ComparatorKind.TARGET, 60.0, "2023-24", "target 2023/24"),
        ("2023-24: 60%", ComparatorKind.TARGET, 60.0, "2023-24", "2023-24"),
        # A re-check: a dash between the period and the words was "two numbers joined".
        ("2023/24 - Local target 60%", ComparatorKind.TARGET, 60.0, "2023-24", "Local target 2023/24"),
        ("23/24 Nat. Ave. 66.4%", ComparatorKind.NATIONAL_AVERAGE, 66.4, "2023-24", "Nat. Ave. 23/24"),
        ("Q1 2024/25 Milestone 45%", ComparatorKind.MILESTONE, 45.0, "2024-25-Q1", "Milestone Q1 2024/25"),
        ("Q1 Milestone 45%", ComparatorKind.MILESTONE, 45.0, "2024-25-Q1", "Milestone Q1"),  # within
        ("End of March 2024 target 1,575", ComparatorKind.TARGET, 1575.0, "2024-03-31",
         "target End of March 2024"),
        ("2023/24 55% - 60% Local target", ComparatorKind.BAND, None, "2023-24", "Local target 2023/24"),
        ("2024 target 60%", ComparatorKind.TARGET, 60.0, None, "target 2024"),  # a bare year
        ("31 March 2024: 1,575", ComparatorKind.TARGET, 1575.0, "2024-03-31", "31 March 2024"),
        ("1st Jan 2023 <1,575", ComparatorKind.THRESHOLD, 1575.0, "2023-01-01", "1 Jan 2023"),
        # A period with no figure after it is no figure to rate against (`23/24` was 23).
        ("23/24 Nat. Ave.", ComparatorKind.TEXT, None, None, None),
        ("2023/24", ComparatorKind.TEXT, None, None, None),
        # What is not a period first is read as before: a band, a figure, a year with words.
        ("55-60%", ComparatorKind.BAND, None, None, None),
        ("55-60 Local target", ComparatorKind.BAND, None, None, "Local target"),
        # A year and words, no figure: no target of 2,025 (a second trial's was rated, silently).
        ("2025 target", ComparatorKind.TEXT, None, None, None),
        ("Local target 2024", ComparatorKind.TEXT, None, None, None),
        ("Target to be set in 2025", ComparatorKind.TEXT, None, None, None),
        ("England 2023", ComparatorKind.TEXT, None, None, None),
        ("National data for 2024 not yet published", ComparatorKind.UNAVAILABLE, None, None, None),
        ("2025", ComparatorKind.TARGET, 2025.0, None, None),  # a number alone is its figure
        ("Target 2,024", ComparatorKind.TARGET, 2024.0, None, "Target"),
        # A band or threshold with its period first, in symbols or words.
        ("2023/24 Local target 55-60%", ComparatorKind.BAND, None, "2023-24", "Local target 2023/24"),
        ("2023/24 Local target between 55% and 60%", ComparatorKind.BAND, None, "2023-24",
         "Local target 2023/24"),
        ("2023/24 Local target below 1,575", ComparatorKind.THRESHOLD, 1575.0, "2023-24",
         "Local target 2023/24"),
        ("66.4% 23/24 Nat. Ave.", ComparatorKind.NATIONAL_AVERAGE, 66.4, "2023-24", "23/24 Nat. Ave"),
    ],
)  # fmt: skip
def test_a_comparator_typed_period_first_is_rated_against_its_figure(
    text, kind, value, period, label
):
    parsed = parse_comparator(text, within=parse_period("Q1 2024/25"))
    assert (parsed.kind, parsed.value) == (kind, value)
    assert (parsed.period.label if parsed.period else None) == period
    assert (parsed.label, parsed.raw) == (label, text)


@pytest.mark.parametrize(
    ("text", "kind", "value", "op", "band", "period"),
    [
        # A trial: each was text, its measure never rated and never warned.
        ("at least 60%", ComparatorKind.THRESHOLD, 60.0, ">=", None, None),
        ("No more than 1,575", ComparatorKind.THRESHOLD, 1575.0, "<=", None, None),
        ("Below 1,575", ComparatorKind.THRESHOLD, 1575.0, "<", None, None),
        ("fewer than 10", ComparatorKind.THRESHOLD, 10.0, "<", None, None),
        ("Over 95%", ComparatorKind.THRESHOLD, 95.0, ">", None, None),
        ("between 55% and 60%", ComparatorKind.BAND, None, None, (55.0, 60.0), None),
        ("Local Q1 Milestone 5.1k", ComparatorKind.MILESTONE, 5100.0, None, None, "2024-25-Q1"),
        ("Q1 target 5.1k", ComparatorKind.TARGET, 5100.0, None, None, "2024-25-Q1"),
        # A quarter beside a year is that year's quarter, not the report's.
        ("5.1k Local Q1 Milestone 2023/24", ComparatorKind.MILESTONE, 5100.0, None, None,
         "2023-24-Q1"),
        # Words that are no threshold stay text.
        ("Over the moon", ComparatorKind.TEXT, None, None, None, None),
        # A third trial: a whole year's target with its words first was text.
        ("Annual target 800k", ComparatorKind.TARGET, 800000.0, None, None, None),
        ("Year-end target 800k", ComparatorKind.TARGET, 800000.0, None, None, None),
    ],
)  # fmt: skip
def test_a_threshold_or_band_in_words_and_a_quarter_s_year(text, kind, value, op, band, period):
    parsed = parse_comparator(text, within=parse_period("Q1 2024/25"))
    assert (parsed.kind, parsed.value, parsed.op) == (kind, value, op)
    assert ((parsed.low.value, parsed.high.value) if parsed.low and parsed.high else None) == band
    assert (parsed.period.label if parsed.period else None) == period
    assert parsed.raw == text


def test_a_period_first_with_no_figure_says_so():
    parsed = parse_comparator("2023/24 Nat. Ave.")
    assert parsed.reason == "'2023/24 Nat. Ave.' names a period but no figure to rate against"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("-", "not available"),
        ("..", "not available"),
        ("[x]", "not available"),
        ("N/A", "not available"),
        ("*", "not published"),
        ("[c]", "withheld to protect confidentiality"),
        ("[z]", "not applicable"),
        ("TBC", "to be confirmed"),
        ("Due June 2022", "Due June 2022"),  # words: as typed
        ("Not applicable", "Not applicable"),
    ],
)
def test_a_mark_typed_for_a_missing_figure_gives_its_reason_in_words(typed, reason):
    """A trial's report said "(*)" and "(-)" where a committee reads a reason."""
    parsed = parse_value(typed)
    assert (parsed.figure, parsed.reason, parsed.raw) == (None, reason, typed)
