"""The compendium, written from its template and read back with python-docx (and LibreOffice).

Adult social care rows carry Leicestershire's published 2023/24 figures (seed 000); quartiles,
directions for other themes, spending and outcome scores are SYNTHETIC.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from perfcli.domain.cost_index import cost_index
from perfcli.domain.outcomes import Progress
from perfcli.report.compendium import build_context, write_compendium
from perfcli.report.compendium_records import (
    CompendiumData,
    CompendiumIndicator,
    CompendiumRisk,
    CompendiumTheme,
    themes_of,
)
from perfcli.report.compendium_words import (
    direction_counts,
    join_names,
    left_bottom_quartile,
    quartile_counts,
)
from perfcli.report.document import convert_with_libreoffice
from perfcli.report.glossary import in_plain_words

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "docx" / "compendium.docx"
UP, S, W, N = Progress.IMPROVED, Progress.SIMILAR, Progress.WORSE, Progress.NOT_RATED


def _adults() -> CompendiumTheme:
    rows = [
        ("% of people who had no need for ongoing services following reablement", 1, UP, "89.6%", "87.8%", "High"),
        ("Living at home 91 days after hospital discharge and reablement", 1, S, "88.4%", "89.2%", "High"),
        ("Permanent admissions to care (aged 18-64) per 100,000 pop.", 3, W, "13.7", "12.1", "Low"),
        ("Permanent admissions to care (aged 65+) per 100,000 pop.", 1, UP, "511", "553", "Low"),
        ("% of service users who say that services have made them feel safe", 4, W, "82.5%", "85.3%", "High"),
        ("% of safeguarding enquiries where the identified risk was reduced or removed", None, N, "96%", "", "High"),
    ]  # fmt: skip
    indicators = [
        CompendiumIndicator("Adult social care", d, q, p, v, "", prev, pol, "Seed 000")
        for d, q, p, v, prev, pol in rows
    ]
    return CompendiumTheme("Adult social care", indicators, covers="care and support for adults")


def _synthetic(name: str, marks: list[tuple[int | None, Progress, int | None]]) -> CompendiumTheme:
    indicators = [
        CompendiumIndicator(
            name, f"{name} indicator {n} (SYNTHETIC)", q, p, f"{n}.0", "", "", "High", "",
            quartile_text=f"{q}th* (2023/24)" if q == 4 else "", previous_quartile=previous,
        )
        for n, (q, p, previous) in enumerate(marks, start=1)
    ]  # fmt: skip
    return CompendiumTheme(name, indicators, footnotes=["* Provisional quartile (SYNTHETIC)"])


def _data(*, index: bool = True, risks: bool = True) -> CompendiumData:
    themes = [
        _adults(),
        _synthetic("Transport", [(2, UP, 4), (4, W, 4), (3, S, None), (None, N, None)]),
        _synthetic("Environment and waste", [(1, UP, None), (2, UP, 4), (4, S, None)]),
    ]
    spending = {"Avon": 1000.0, "Brent": 1200.0, "Carlow": 900.0, "Dale": 1500.0, "Eden": 1100.0}
    outcome = {"Avon": 2.5, "Brent": 3.5, "Carlow": 1.5, "Dale": 3.0, "Eden": 2.0}
    return CompendiumData(
        council="Avon",
        period_display="2023/24",
        previous_display="2022/23",
        themes=themes,
        index=cost_index(spending, outcome, council="Avon") if index else None,
        index_note="SYNTHETIC figures",
        note="A SYNTHETIC example for tests.",
        risks=[
            CompendiumRisk(
                "Budget gap (SYNTHETIC)", "Director of Finance", "4 × 5 = 20", "↑ from 16"
            )
        ]
        if risks
        else [],
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("compendium") / "corporate-2023-24.docx"
    write_compendium(_data(), TEMPLATE, output)
    return output


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_counting_rules() -> None:
    data = _data()
    everything = [i for t in data.themes for i in t.indicators]
    assert quartile_counts(everything) == {1: 4, 2: 2, 3: 2, 4: 3}
    assert direction_counts(everything)[UP] == 5
    assert [i.description for i in left_bottom_quartile(everything)] == [
        "Transport indicator 1 (SYNTHETIC)",
        "Environment and waste indicator 2 (SYNTHETIC)",
    ]


@pytest.mark.parametrize(
    ("names", "text"),
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b"], "a and b"),
        (["a, x", "b", "c."], "a, x; b; and c"),
        (["a", "b, y", "c", "d"], "a; b, y; c; and d"),
    ],  # fmt: skip
)
def test_join_names(names: list[str], text: str) -> None:
    assert join_names(names) == text


def test_the_quartile_sentence_counts_the_quartile_column(written: Path) -> None:
    data = _data()
    counts = quartile_counts(i for t in data.themes for i in t.indicators)
    text = next(p for p in _paragraphs(written) if "comparing the council with" in p)
    found = re.search(
        r"(\d+) indicators have a county quartile, comparing .* Of these, (\d+|none) (?:is|are) in "
        r"the top quartile, (\d+|none) in the second, (\d+|none) in the third and (\d+|none) in "
        r"the bottom quartile",
        text,
    )
    assert found is not None
    assert [int(g.replace("none", "0")) for g in found.groups()] == [
        sum(counts.values()),
        *counts.values(),
    ]
    bottom = next(p for p in _paragraphs(written) if "sit in the bottom quartile" in p)
    assert bottom.startswith("In all, 3 of the 11 indicators (27%)")


def test_overall_direction_of_travel_sentence(written: Path) -> None:
    data = _data()
    counts = direction_counts(i for t in data.themes for i in t.indicators)
    text = next(p for p in _paragraphs(written) if p.startswith("Across all"))
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    assert numbers == [13, counts[UP], counts[S], counts[W], counts[N]]


def test_one_summary_paragraph_per_theme_with_its_own_counts(written: Path) -> None:
    paragraphs = _paragraphs(written)
    for theme in _data().themes:
        counts = direction_counts(theme.indicators)
        text = next(p for p in paragraphs if f"{theme.name} dashboard" in p)
        found = re.search(
            r"(?:Of its|dashboard's) (\d+) indicators, (\d+|none) improved .*, (\d+|none) got worse "
            r"and (\d+|none) (?:was|were) much the same",
            text,
        )
        assert found is not None, text
        assert [int(g.replace("none", "0")) for g in found.groups()] == [
            len(theme.indicators), counts[UP], counts[W], counts[S]
        ]  # fmt: skip
        if counts[N]:
            assert f"no comparable earlier figure for {counts[N]}." in text
        worse = [in_plain_words(i.description) for i in theme.indicators if i.direction is W]
        assert all(name.rstrip(".") in text for name in worse)
    adults = next(p for p in paragraphs if p.startswith("The Adult social care dashboard"))
    assert adults.startswith("The Adult social care dashboard covers care and support for adults.")


def test_theme_dashboard_tables(written: Path) -> None:
    document = docx.Document(str(written))
    dashboards = [t for t in document.tables if t.rows[0].cells[0].text == "Description"]
    assert len(dashboards) == 3
    header = [c.text for c in dashboards[0].rows[0].cells]
    assert header == ["Description", "Quartile position", "Direction of Travel", "End of Yr 2023/24",
                      "Target / Standard", "End of Yr 2022/23", "Polarity", "Commentary"]  # fmt: skip
    first = [c.text for c in dashboards[0].rows[1].cells]
    assert first[:4] == [
        "% of people who had no need for ongoing services following reablement", "1st",
        "↑ Improved", "89.6%",
    ]  # fmt: skip
    assert [c.text for c in dashboards[1].rows[2].cells][1:3] == ["4th* (2023/24)", "↓ Worse"]
    assert len(dashboards[0].rows) == 1 + 6
    assert "* Provisional quartile (SYNTHETIC)" in _paragraphs(written)


def test_bottom_quartile_table_by_theme(written: Path) -> None:
    """Part 5: one table per theme, under the theme's heading, with whether each improved (none
    did: worse, worse and similar)."""
    document = docx.Document(str(written))
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Indicator"]
    assert [[(r.cells[3].text, r.cells[4].text) for r in t.rows[1:]] for t in tables] == [
        [("4th", "No")], [("4th", "No")], [("4th", "No")],  # no position: no year, no mark
    ]  # fmt: skip
    paragraphs = _paragraphs(written)
    start = paragraphs.index("Part 5 – Lower comparative performance")
    assert paragraphs[start + 1] == (
        "Of the indicators with county quartiles, 3 are in the bottom quartile, listed here by "
        "theme; none of them improved on last year."
    )
    assert paragraphs[start + 2 : start + 5] == ["Adult social care", "Transport",
                                                  "Environment and waste"]  # fmt: skip


def test_index_sentence_and_table(written: Path) -> None:
    text = next(p for p in _paragraphs(written) if "councils, with an index of" in p)
    # Worked by hand in tests/domain/test_cost_index.py.
    assert text.startswith("Avon ranks 2nd of 5 councils, with an index of 0.67")
    assert "spending of £1,000 per head" in text
    document = docx.Document(str(written))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Rank")
    assert [c.text for c in table.rows[1].cells] == ["1", "Brent", "£1,200", "0.50", "1.00", "0.75"]


def test_every_picture_has_alt_text(written: Path) -> None:
    document = docx.Document(str(written))
    pictures = document.element.body.findall(".//" + qn("wp:docPr"))
    # Quartiles by theme, spending, index, and one quartile mix per theme.
    assert len(pictures) == 3 + 3
    for picture in pictures:
        assert len(picture.get("descr", "")) > 40
    alts = [p.get("descr") for p in pictures]
    assert any("Avon ranks 2nd of 5" in alt for alt in alts)
    assert any("Avon spends £1,000 per head" in alt for alt in alts)


def test_accessible_structure(written: Path) -> None:
    document = docx.Document(str(written))
    levels = [
        int(p.style.name.split()[-1])
        for p in document.paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    for table in document.tables:
        assert table.rows[0]._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        xml = table._tbl.xml
        assert "w:gridSpan" not in xml and "w:vMerge" not in xml
    for level in (1, 2, 3):
        colour = document.styles[f"Heading {level}"].font.color.rgb
        assert _contrast(str(colour)) >= 4.5
    for section in document.sections:
        assert sorted((round(section.page_width.cm, 1), round(section.page_height.cm, 1))) == [
            21.0, 29.7,
        ]  # fmt: skip
    assert any(s.orientation == 1 for s in document.sections)  # the dashboards are landscape
    footer = document.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer
    fonts = {
        value
        for element in document.styles.element.iter(qn("w:rFonts"))
        for key, value in element.attrib.items()
        if not key.lower().endswith("theme")
    }
    assert fonts == {"Arial"}


def _contrast(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_without_index_or_risks(tmp_path: Path) -> None:
    output = tmp_path / "plain.docx"
    write_compendium(_data(index=False, risks=False), TEMPLATE, output)
    paragraphs = _paragraphs(output)
    assert "The workspace holds no spending and outcome figures for the index." in paragraphs
    assert "Part 9 – Corporate risks" not in paragraphs


def test_context_without_pictures_is_plain_data() -> None:
    context = build_context(_data())
    assert context["bench"]["bottom"] == 3 and context["dot"]["unknown"] == 2
    assert context["themes"][1]["rows"][1]["direction"] == "↓ Worse"
    assert context["index"]["rank"] == "2nd"


def test_an_existing_report_is_not_replaced_without_force(written: Path) -> None:
    from perfcli.errors import PerfcliError

    with pytest.raises(PerfcliError):
        write_compendium(_data(), TEMPLATE, written)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it(written: Path, tmp_path: Path) -> None:
    convert_with_libreoffice("soffice", written, tmp_path, timeout=120)
    pdf = (tmp_path / "corporate-2023-24.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 5


def _placed(text: str, quartile: int | None = None) -> CompendiumIndicator:
    from perfcli.domain.period_parsing import parse_period
    from perfcli.domain.quartiles import parse_quartile

    position = parse_quartile(text, parse_period("2023/24"))
    return CompendiumIndicator(
        "T", text, position.quartile if position else quartile, position=position
    )


def test_the_counts_sentence_tells_groups_and_years_apart(tmp_path: Path) -> None:
    """39 of 263 with county quartiles in the bottom quartile, 32 more against England (issue 27's
    sentence, with the numbers of this SYNTHETIC set)."""
    indicators = (
        [_placed("4th (2023/24) (Counties)")] * 3
        + [_placed("1st")] * 5
        + [_placed("1st/2nd (2024)")] * 2
        + [_placed("2nd (Eng)")] * 4
        + [_placed("2nd (2020/21)")] * 6
    )
    data = CompendiumData(
        council="Avon", period_display="2023/24", previous_display="2022/23",
        themes=themes_of(indicators), period="2023-24",
    )  # fmt: skip
    output = tmp_path / "counts-SYNTHETIC.docx"
    write_compendium(data, TEMPLATE, output)
    text = next(p for p in _paragraphs(output) if "indicators with county quartiles" in p)
    assert text == (
        "Of the 10 indicators with county quartiles, 3 are in the bottom quartile; 4 further "
        "indicators are ranked against England (2023/24), none in the bottom quartile. A further 6 "
        "indicators have only a quartile from before 2022/23 (2020/21): their dashboards show it, "
        "and it is not counted here."
    )
    first = next(p for p in _paragraphs(output) if "comparing the council with" in p)
    assert (
        "Of these, 5 are in the top quartile, 2 in the second, none in the third and 3 in" in first
    )


def test_risks_are_grouped_by_theme_and_sorted_by_score() -> None:
    from perfcli.report.compendium_records import risks_by_theme

    risks = [
        CompendiumRisk("a", "", "9", "New", "Transport", "", 9),
        CompendiumRisk("b", "", "20", "New", "Corporate", "", 20),
        CompendiumRisk("c", "", "12", "New", "Transport", "", 12),
        CompendiumRisk("d", "", "25", "New", "", "", 25),
        CompendiumRisk("e", "", "4", "New", "Corporate", "", 4),
    ]
    grouped = risks_by_theme(risks)
    assert [(g["theme"], [r["risk"] for r in g["risks"]]) for g in grouped] == [
        ("Corporate", ["b", "e"]), ("Transport", ["c", "a"]), ("Other risks", ["d"]),
    ]  # fmt: skip


def _theme(
    count: int, improved: int, worse: int, similar: int, no_figure: int = 0, **quartiles: int
) -> dict:
    return {
        "name": "Transport", "covers": "", "count": count, "improved": improved, "worse": worse,
        "similar": similar, "unknown": count - improved - worse - similar - no_figure,
        "no_figure": no_figure,
        "information": 0, "improved_names": "", "worse_names": "", "similar_names": "",
        "quartiles": {"counted": 0, "top": 0, "bottom": 0, "other_groups": 0, "older": 0}
        | quartiles,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("theme", "text"),
    [
        (_theme(9, 3, 2, 3, counted=6, other_groups=2),
         "Of the Transport dashboard's 9 indicators, 3 improved on the previous period, 2 got worse"
         " and 3 were much the same. There was no comparable earlier figure for 1. Of the 9, 6 have"
         " a county quartile, none in the top or bottom quartile. A further 2 are ranked against "
         "another group."),
        (_theme(10, 7, 0, 1, counted=1, top=1),
         "Of the Transport dashboard's 10 indicators, 7 improved on the previous period, none got "
         "worse and 1 was much the same. There was no comparable earlier figure for 2. Of the 10, "
         "1 has a county quartile, 1 in the top and none in the bottom quartile."),
        # One indicator is said of it, not counted (a fourth trial saw "Of ... 1 indicator, 1
        # improved ..., none got worse and none were much the same").
        (_theme(1, 1, 0, 0, older=1),
         "The Transport dashboard's one indicator improved on the previous period. Its only"
         " quartile is from an earlier year."),
        (_theme(1, 0, 0, 1), "The Transport dashboard's one indicator was much the same."),
        # A trial: a figure cell left blank was said to have "no comparable earlier figure".
        (_theme(9, 3, 2, 2, no_figure=1),
         "Of the Transport dashboard's 9 indicators, 3 improved on the previous period, 2 got worse"
         " and 2 were much the same. One indicator has no figure for this year yet. There was no"
         " comparable earlier figure for 1."),
        # Every one with a quartile: not "Of the 3, 3 have" (a trial's own compendium).
        (_theme(3, 1, 1, 1, counted=3, bottom=1),
         "Of the Transport dashboard's 3 indicators, 1 improved on the previous period, 1 got worse"
         " and 1 was much the same. All 3 have a county quartile, none in the top and 1 in the"
         " bottom quartile."),
    ],
)  # fmt: skip
def test_theme_sentence(theme: dict, text: str) -> None:
    from perfcli.report.compendium_words import theme_sentence

    assert theme_sentence(theme, "county") == text


@pytest.mark.parametrize(
    ("positions", "said"),
    [
        ([8, 12, 18], "has moved from 8th in 2021/22 to 18th now"),
        ([4, 6, 4], "is 4th now, as it was in 2021/22"),  # not "from 4th ... to 4th now"
    ],
)
def test_the_councils_movement_over_the_years_held(positions: list[int], said: str) -> None:
    from perfcli.domain.ranks import YearPosition
    from perfcli.report.ranks import _movement

    years = ["2021-22", "2022-23", "2023-24"]
    history = [YearPosition(y, p, 31, 12, 17.1, 16) for y, p in zip(years, positions, strict=True)]
    assert _movement(history, f"{positions[-1]}th") == said
