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

from perfcli.domain.directions import parse_direction
from perfcli.domain.model import Aim, QuartilePosition
from perfcli.domain.outcomes import Progress
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.quartiles import parse_quartile
from perfcli.errors import InputError, PerfcliError
from perfcli.importers import read_file
from perfcli.importers.measures import Context
from perfcli.importers.theme_rows import parse_polarity
from perfcli.location import Location

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
    assert (first.published_quartile, first.published_progress) == (
        "1st (2023/24)",
        Progress.IMPROVED,
    )
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
    (note,) = batch.warnings
    assert (note.code, note.location) == (
        "file.note",
        Location("twice-SYNTHETIC.xlsx", "Dashboards", row=3),
    )
    assert note.message.startswith("'Transport' repeats an indicator of 'Education'; its id is ")


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
def test_bad_cells_are_one_located_problem_each(
    tmp_path: Path, row: list[object], cell: str, message: str
) -> None:
    path = _save(tmp_path / "bad-SYNTHETIC.xlsx", [["Transport"], HEADER, row])
    batch = read_file(path, Context())
    [problem] = batch.problems
    error = problem.error
    assert (error.file.name, error.sheet, error.cell) == (path.name, "Dashboards", cell)
    assert message in error.message
    assert list(batch.measures) == ["bus-journeys"]  # the rest of the row is read


def test_a_bad_period_in_a_column_heading_names_the_heading(tmp_path: Path) -> None:
    header = [*HEADER[:3], "End of Yr 2023/34", *HEADER[4:]]
    path = _save(tmp_path / "heading-SYNTHETIC.xlsx", [header, ADULTS[0]])
    with pytest.raises(InputError) as caught:
        read_file(path, Context())
    assert caught.value.cell == "D1" and "End of Yr 2023/34" in caught.value.message


REPORT = parse_period("2023/24")


def _q(best: int, period: str, group: str | None = None, *, worst: int | None = None,
       marks: str = "", printed: bool = True) -> QuartilePosition:  # fmt: skip
    return QuartilePosition(best=best, worst=worst or best, period=period, group=group,
                            marks=marks, period_printed=printed)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Every form the council's 2023/24 compendium prints (issue 27), and the older ones.
        ("2nd (Eng)", _q(2, "2023-24", "England", printed=False)),
        ("3rd (2024) (Counties)", _q(3, "2024", "Counties")),
        ("3rd (2022/23) (Eng)", _q(3, "2022-23", "England")),
        ("1st/2nd (2024)", _q(1, "2024", worst=2)),
        ("3rd (Oct 2021-Sept 2022)", _q(3, "2021-10-to-2022-09")),
        ("1st (Aug 2024)", _q(1, "2024-08-31")),
        ("3rd", _q(3, "2023-24", printed=False)),
        ("4th*", _q(4, "2023-24", marks="*", printed=False)),
        ("2nd (CIPFA)", _q(2, "2023-24", "CIPFA", printed=False)),
        ("4th (Region) (2022)", _q(4, "2022", "Region")),
        ("2nd (East Midlands)", _q(2, "2023-24", "East Midlands", printed=False)),
        ("1st (2023/24)", _q(1, "2023-24")),
        ("4th* (2023/24)", _q(4, "2023-24", marks="*")),
        ("2nd ** (2022)", _q(2, "2022", marks="**")),
        ("Top", _q(1, "2023-24", printed=False)),
        ("bottom quartile", _q(4, "2023-24", printed=False)),
        ("3", _q(3, "2023-24", printed=False)),
    ],
)
def test_parse_quartile(text: str, expected: QuartilePosition) -> None:
    read = parse_quartile(text, REPORT)
    assert read is not None
    assert read == QuartilePosition(**{**vars_of(expected), "printed": " ".join(text.split())})


def vars_of(quartile: QuartilePosition) -> dict[str, object]:
    return {name: getattr(quartile, name) for name in QuartilePosition.__slots__}


@pytest.mark.parametrize("text", ["N/A", "", "-"])
def test_no_quartile(text: str) -> None:
    assert parse_quartile(text, REPORT) is None


def test_a_range_counts_in_its_lower_quartile_and_covers_both() -> None:
    read = parse_quartile("1st/2nd (2024)", REPORT)
    assert read is not None and read.is_range and read.quartile == 2
    assert read.covers(1) and read.covers(2) and not read.covers(3)


@pytest.mark.parametrize("text", ["5th", "first place", "1st (2023) (2024)", "1st (Eng) (CIPFA)",
                                  "1st (2023/34)"])  # fmt: skip
def test_parse_quartile_refuses(text: str) -> None:
    with pytest.raises((ValueError, PerfcliError), match="quartile|period"):
        parse_quartile(text, REPORT)


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
        result = parse_quartile(text, REPORT)
    except (ValueError, PerfcliError):
        return
    assert result is None or result.quartile in (1, 2, 3, 4)


ORDINALS = ["1st", "2nd", "3rd", "4th"]


@given(
    st.integers(1, 4),
    st.integers(0, 1),
    st.sampled_from(["", "*", "**", "¹"]),
    st.sampled_from(["2023/24", "2022", "2021/22", "Oct 2021-Sept 2022", "Aug 2024", ""]),
    st.sampled_from(["", "Eng", "Counties", "CIPFA", "Region", "East Midlands"]),
    st.booleans(),
)
def test_printing_a_quartile_then_reading_it_gives_it_back(
    q: int, wide: int, marks: str, period: str, group: str, group_first: bool
) -> None:
    worst = min(q + wide, 4)
    brackets = [
        f"({part})" for part in ((group, period) if group_first else (period, group)) if part
    ]
    text = " ".join([ORDINALS[q - 1] + ("/" + ORDINALS[worst - 1] if worst > q else "") + marks,
                     *brackets])  # fmt: skip
    read = parse_quartile(text, REPORT)
    assert read is not None
    assert (read.best, read.worst, read.period, read.marks, read.printed) == (
        q, worst, parse_period(period or "2023/24").label, marks, text,
    )  # fmt: skip
    assert read.group == {"Eng": "England"}.get(group, group or None)
    assert read.period_printed is bool(period)


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
    (note,) = batch.warnings
    assert note.location == Location("blank-SYNTHETIC.xlsx", "Dashboards", "G3")
    assert note.where == 'blank-SYNTHETIC.xlsx, sheet "Dashboards", cell G3'
    assert note.text.endswith(
        "has no polarity; read as N/A, so its direction of travel is not judged"
    )


def test_a_theme_column_filled_down_every_row_leaves_outcomes_and_footnotes_what_they_are(
    tmp_path: Path,
) -> None:
    """An officer fills the Theme column on every row, the outcome and footnote rows too: they
    had been read as indicators ('8 measures'), and a Transport outcome was printed over the
    Environment indicators after it (a trial's own compendium)."""
    header = ["Theme", *HEADER]
    rows: list[list[object]] = [header]
    rows.append(["Transport", "Outcome: Strong Economy – good roads (SYNTHETIC)"])
    rows += [["Transport", *row] for row in TRANSPORT]
    rows.append(["Transport", FOOTNOTE])
    rows.append(["Environment", "Household waste recycled (SYNTHETIC)", "2nd (2023/24)", "↑",
                 "45.0%", "", "43.0%", "High", ""])  # fmt: skip
    batch = read_file(_save(tmp_path / "filled-SYNTHETIC.xlsx", rows), Context())
    assert [(line.theme, line.outcome, line.description[:16]) for line in batch.lines] == [
        ("Transport", "Strong Economy – good roads (SYNTHETIC)", "Road casualties "),
        ("Transport", "Strong Economy – good roads (SYNTHETIC)", "Bus journeys per"),
        ("Environment", None, "Household waste "),
    ]
    assert batch.problems == []
