"""The theme dashboard layout, read from real workbooks written with openpyxl.

Adult social care rows carry Leicestershire's published 2023/24 figures (seed 000, Appendix A
2023/24); the other rows are SYNTHETIC, made up for the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from perfcli.errors import InputError, PerfcliError
from perfcli.importers import Context, read_file
from perfcli.importers.theme_dashboard import (
    PublishedQuartile,
    parse_direction,
    parse_polarity,
    parse_quartile,
)
from perfcli.model import Aim
from perfcli.periods import parse_period
from perfcli.rating import Progress

HEADER = ["Description", "Quartile position", "Direction of Travel", "End of Yr 2023/24",
          "Target / Standard", "End of Yr 2022/23", "Polarity", "Commentary"]  # fmt: skip
ADULTS = [
    ["% of people who had no need for ongoing services following reablement", "1st (2023/24)", "↑", "89.6%", "77.5% 22/23 Nat. Ave", "87.8%", "High", "Seed 000"],
    ["Permanent admissions to care (aged 65+) per 100,000 pop.", "2nd (2023/24)", "↑", "511 per 100k", "560.8 per 100k pop. 22/23 Nat. Ave", "553 per 100k", "Low", ""],
    ["% of service users who say that services have made them feel safe", "4th* (2023/24)", "↓", "82.5%", "87.1% 22/23 Nat. Ave.", "85.3%", "High", ""],
]  # fmt: skip
TRANSPORT = [
    ["Road casualties killed or seriously injured per 100k (SYNTHETIC)", "3rd (2022)", "→", "340.2 (2022)", "", "338.0 (2021)", "Low", ""],
    ["Bus journeys per head (SYNTHETIC)", "N/A", "N/A", "41.8% (2023)", "", "", "High is good", ""],
]  # fmt: skip
FOOTNOTE = "* Quartile based on provisional 2023/24 data (SYNTHETIC note)"


def _save(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Dashboards"
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _banner_form(tmp_path: Path) -> Path:
    rows: list[list[object]] = [["Performance Compendium 2023/24 (SYNTHETIC test file)"], []]
    rows += [["Adult social care"], HEADER, *ADULTS, [FOOTNOTE], []]
    rows += [["Theme: Transport"], HEADER, *TRANSPORT]
    return _save(tmp_path / "compendium-SYNTHETIC.xlsx", rows)


def test_banner_rows_name_each_table_s_theme(tmp_path: Path) -> None:
    batch = read_file(_banner_form(tmp_path), Context())
    assert [(line.theme, line.description[:20]) for line in batch.lines] == [
        ("Adult social care", "% of people who had "),
        ("Adult social care", "Permanent admissions"),
        ("Adult social care", "% of service users w"),
        ("Transport", "Road casualties kill"),
        ("Transport", "Bus journeys per hea"),
    ]
    first = batch.lines[0]
    assert first.report_period == "2023-24"
    assert (first.published_quartile, first.published_progress) == ("1st (2023/24)", "↑")
    assert first.comparator is not None and first.comparator.value == 77.5
    assert first.commentary == "Seed 000"
    measure = batch.measures[first.measure_id]
    assert (measure.aim, measure.theme) == (Aim.HIGH, "Adult social care")
    assert batch.measures[batch.lines[1].measure_id].aim is Aim.LOW


def test_the_asterisk_footnote_attaches_to_its_row(tmp_path: Path) -> None:
    batch = read_file(_banner_form(tmp_path), Context())
    assert batch.lines[2].footnotes == [
        "Quartile based on provisional 2023/24 data (SYNTHETIC note)"
    ]
    assert batch.lines[0].footnotes == []


def test_lagging_figures_keep_their_own_periods(tmp_path: Path) -> None:
    batch = read_file(_banner_form(tmp_path), Context())
    road = batch.lines[3]
    assert (road.current_period, road.previous_period) == ("2022", "2021")
    values = {(o.measure_id, o.period): o.value for o, _ in batch.observations}
    assert values[road.measure_id, "2022"] == 340.2
    assert values[batch.lines[4].measure_id, "2023"] == 41.8
    assert values[batch.lines[0].measure_id, "2022-23"] == 87.8


def test_a_theme_column_wins(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Theme", *HEADER]]
    rows += [["Adult social care", *row] for row in ADULTS]
    rows += [["Transport", *row] for row in TRANSPORT]
    batch = read_file(_save(tmp_path / "themes-SYNTHETIC.xlsx", rows), Context())
    assert [line.theme for line in batch.lines] == ["Adult social care"] * 3 + ["Transport"] * 2
    assert len(batch.measures) == 5


def test_without_banner_or_column_the_sheet_names_the_theme(tmp_path: Path) -> None:
    batch = read_file(_save(tmp_path / "one-SYNTHETIC.xlsx", [HEADER, *ADULTS]), Context())
    assert {line.theme for line in batch.lines} == {"Dashboards"}


def test_numbers_held_as_numbers_read_as_excel_shows_them(tmp_path: Path) -> None:
    path = tmp_path / "numbers-SYNTHETIC.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(
        ["Adults receiving direct payments", "1st (2023/24)", "→", 0.354, "", 0.362, "High"]
    )
    sheet["D2"].number_format = sheet["F2"].number_format = "0.0%"
    workbook.save(path)
    batch = read_file(path, Context())
    values = sorted(o.value for o, _ in batch.observations)  # type: ignore[type-var]
    assert values == [35.4, 36.2]


def test_the_same_description_under_two_themes_is_two_indicators(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Theme", *HEADER]]
    rows += [["Education", *TRANSPORT[1]], ["Transport", *TRANSPORT[1]]]
    batch = read_file(_save(tmp_path / "twice-SYNTHETIC.xlsx", rows), Context())
    assert len({line.measure_id for line in batch.lines}) == 2
    assert any("repeats an indicator" in warning for warning in batch.warnings)


@pytest.mark.parametrize(
    ("row", "cell", "message"),
    [
        (["Bus journeys", "5th (2023/24)", "↑", "4", "", "3", "High"], "B3", "cannot read quartile '5th (2023/24)'"),
        (["Bus journeys", "1st (2023/34)", "↑", "4", "", "3", "High"], "B3", "'2023/34' is not a period"),
        (["Bus journeys", "1st", "sideways", "4", "", "3", "High"], "C3", "cannot read direction of travel 'sideways'"),
        (["Bus journeys", "1st", "↑", "4", "", "3", "Upwards"], "G3", "unknown polarity 'Upwards'"),
        (["Bus journeys", "1st", "↑", "4 (2023/34)", "", "3", "High"], "D3", "cannot read '4 (2023/34)'"),
    ],
)  # fmt: skip
def test_bad_cells_are_one_located_error(
    tmp_path: Path, row: list[object], cell: str, message: str
) -> None:
    path = _save(tmp_path / "bad-SYNTHETIC.xlsx", [["Transport"], HEADER, row])
    with pytest.raises(InputError) as caught:
        read_file(path, Context())
    error = caught.value
    assert (error.file.name, error.sheet, error.cell) == (path.name, "Dashboards", cell)
    assert message in error.message


def test_a_bad_period_in_a_column_heading_names_the_heading(tmp_path: Path) -> None:
    header = [*HEADER[:3], "End of Yr 2023/34", *HEADER[4:]]
    path = _save(tmp_path / "heading-SYNTHETIC.xlsx", [header, ADULTS[0]])
    with pytest.raises(InputError) as caught:
        read_file(path, Context())
    assert caught.value.cell == "D1" and "End of Yr 2023/34" in caught.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1st (2023/24)", PublishedQuartile(1, "2023-24", "")),
        ("4th* (2023/24)", PublishedQuartile(4, "2023-24", "*")),
        ("2nd ** (2022)", PublishedQuartile(2, "2022", "**")),
        ("Top", PublishedQuartile(1)),
        ("bottom quartile", PublishedQuartile(4)),
        ("3", PublishedQuartile(3)),
        ("N/A", PublishedQuartile(None)),
        ("", PublishedQuartile(None)),
        ("-", PublishedQuartile(None)),
    ],
)
def test_parse_quartile(text: str, expected: PublishedQuartile) -> None:
    assert parse_quartile(text) == expected


@pytest.mark.parametrize("text", ["5th", "first place", "1st (sometime)"])
def test_parse_quartile_refuses(text: str) -> None:
    with pytest.raises(Exception, match="quartile|period"):
        parse_quartile(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("↑", Progress.IMPROVED),
        ("↓", Progress.WORSE),
        ("→", Progress.SIMILAR),
        ("↑ improved", Progress.IMPROVED),
        ("↓ Worse", Progress.WORSE),
        ("No real change", Progress.SIMILAR),
        ("▲", Progress.IMPROVED),
        ("N/A", Progress.NOT_RATED),
        ("", Progress.NOT_RATED),
    ],
)
def test_parse_direction(text: str, expected: Progress) -> None:
    assert parse_direction(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("High", Aim.HIGH),
        ("Low", Aim.LOW),
        ("High is good", Aim.HIGH),
        ("Lower is better", Aim.LOW),
        ("Neutral", Aim.INFO),
        ("N/A", Aim.INFO),
        ("Sideways", None),
    ],
)
def test_parse_polarity(text: str, expected: Aim | None) -> None:
    assert parse_polarity(text) is expected


@given(st.text(max_size=30))
def test_any_quartile_text_reads_or_fails_clearly(text: str) -> None:
    try:
        result = parse_quartile(text)
    except (ValueError, PerfcliError):
        return
    assert result.quartile in (None, 1, 2, 3, 4)


@given(
    st.integers(1, 4),
    st.sampled_from(["", "*", "**", "¹"]),
    st.sampled_from(["2023/24", "2022", "2021/22", ""]),
)
def test_printing_a_quartile_then_reading_it_gives_it_back(q: int, marks: str, period: str) -> None:
    text = f"{['1st', '2nd', '3rd', '4th'][q - 1]}{marks}" + (f" ({period})" if period else "")
    expected = PublishedQuartile(q, parse_period(period).label if period else None, marks)
    assert parse_quartile(text) == expected


@given(st.text(max_size=12))
def test_any_direction_text_reads_or_fails_clearly(text: str) -> None:
    try:
        assert parse_direction(text) in Progress
    except ValueError as error:
        assert "direction of travel" in str(error)


def test_rows_before_the_first_banner_take_the_sheet_s_name(tmp_path: Path) -> None:
    rows: list[list[object]] = [HEADER, ADULTS[0], [], ["Transport"], HEADER, TRANSPORT[0]]
    batch = read_file(_save(tmp_path / "mixed-SYNTHETIC.xlsx", rows), Context())
    assert [line.theme for line in batch.lines] == ["Dashboards", "Transport"]


def test_marks_on_descriptions_find_their_notes_and_leave_the_words(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Health (SYNTHETIC)"],
        HEADER,
        ["Better Care Fund (BCF) metrics met**", "1st", "↑", "5", "", "4", "High"],
        ["Road casualties¹", "2nd", "→", "5", "", "5", "Low"],
        ["** SYNTHETIC: two of the metrics are provisional"],
        ["¹ SYNTHETIC: calendar year"],
    ]
    batch = read_file(_save(tmp_path / "marks-SYNTHETIC.xlsx", rows), Context())
    assert [(line.description, line.footnotes) for line in batch.lines] == [
        ("Better Care Fund (BCF) metrics met", ["SYNTHETIC: two of the metrics are provisional"]),
        ("Road casualties", ["SYNTHETIC: calendar year"]),
    ]


def test_a_blank_polarity_is_shown_but_not_judged(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Transport"],
        HEADER,
        ["Population (SYNTHETIC)", "N/A", "", "712k", "", "706k", ""],
    ]
    batch = read_file(_save(tmp_path / "blank-SYNTHETIC.xlsx", rows), Context())
    assert batch.measures["population-synthetic"].aim is Aim.INFO
    assert any("cell G3" in w and "has no polarity" in w for w in batch.warnings)
