"""The fast reader (python-calamine and styles.xml) gives every cell openpyxl gives, or steps aside.

Workbooks here are synthetic, built in tmp_path, except the bundled example's, whose figures
come from Leicestershire's published Appendix A dashboards (seeds 000 and 001).
"""

from __future__ import annotations

import random
import re
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from benchmarks.run import as_excel_saves, council_workbook, large_workbook
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from perfcli.errors import InputError
from perfcli.importers import fast_xlsx, xlsx_cells, xlsx_styles
from perfcli.importers.grid import Sheet
from perfcli.importers.sheets import READER_VARIABLE, read_sheets
from tests.cli.test_import import seed_000_workbook
from tests.conftest import EXAMPLE, appendix_workbook
from tests.hardening.test_fuzz import random_grid, write_xlsx

FORMATS = ["General", "0", "0.0", "#,##0", "#,##0.0", "0%", "0.0%", "0.00%", '#,##0.0,"k"',
           '#,##0,,"m"', '"£"#,##0.00', "£#,##0;[Red]-£#,##0", "0.0;(0.0)", "@", "d mmm yyyy",
           "dd/mm/yyyy hh:mm", "h:mm", "[h]:mm:ss", "mm:ss", "0.00E+00", "[$-809]dd mmmm yyyy",
           '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', "0.0 \"per 100k\""]  # fmt: skip
NUMBERS = [0, 1, -1, 0.4829, -0.4829, 0.5, 17300, 615100, 1234567.891, -2.5, 45382, 45382.75,
           0.000123, 59, 60, 61, 1e20]  # fmt: skip
# No calendar reaches 1e20 days: calamine gives up on such a sheet (the fast reader steps aside,
# tested below) and openpyxl warns; the other formats show it.
DATES = {"d mmm yyyy", "dd/mm/yyyy hh:mm", "h:mm", "[h]:mm:ss", "mm:ss", "[$-809]dd mmmm yyyy"}


def openpyxl_read(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Sheet]:
    monkeypatch.setenv(READER_VARIABLE, "openpyxl")
    try:
        return read_sheets(path)
    finally:
        monkeypatch.delenv(READER_VARIABLE)


def fast_read(path: Path) -> list[Sheet]:
    sheets = fast_xlsx.read_workbook(path)
    assert sheets is not None, f"{path.name}: the fast reader stepped aside"
    return sheets


def assert_same(fast: list[Sheet], slow: list[Sheet]) -> None:
    """Every sheet and every cell alike: value (and its type), format, the text perfcli shows."""
    assert [s.name for s in fast] == [s.name for s in slow]
    for mine, theirs in zip(fast, slow, strict=True):
        assert (mine.hidden, mine.hidden_rows, mine.missing_values) == (
            theirs.hidden,
            theirs.hidden_rows,
            theirs.missing_values,
        ), mine.name
        assert list(mine.rows) == list(theirs.rows), mine.name
        for r, row in theirs.rows.items():
            assert list(mine.rows[r]) == list(row), f"{mine.name} row {r}"
            for c, cell in row.items():
                other = mine.rows[r][c]
                assert (other, type(other.value)) == (cell, type(cell.value)), cell.ref


def kitchen_sink(path: Path) -> Path:
    """Numbers in every format perfcli meets, dates, text, truth values, errors, formulas,
    merged cells, hidden rows and sheets."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Formats"
    ws.append(["Synthetic: every format"])
    ws.merge_cells("A1:F1")
    for r, fmt in enumerate(FORMATS, start=2):
        ws.cell(r, 1, fmt)
        for c, number in enumerate(NUMBERS if fmt not in DATES else NUMBERS[:-1], start=2):
            ws.cell(r, c, number).number_format = fmt
    r = len(FORMATS) + 3
    moments = [datetime(2024, 3, 31), datetime(2024, 3, 31, 12, 30), date(2023, 4, 1),
               time(9, 15), timedelta(hours=30), timedelta(minutes=5)]  # fmt: skip
    for c, moment in enumerate(moments, start=1):
        ws.cell(r, c, moment)
    ws.cell(r + 1, 1, "Date in a date column").number_format = "d mmm yyyy"
    ws.cell(r + 1, 2, True)
    ws.cell(r + 1, 3, False).number_format = "0.0%"
    ws.cell(r + 1, 4, "  padded  ")
    ws.cell(r + 1, 5, "   ")
    ws.cell(r + 1, 6, 'Ünïcødé ☃ 🙂 <w:t> & "quoted"')
    ws.cell(r + 1, 7, "x" * 5000)
    ws.cell(r + 1, 8, "line one\nline two")
    ws.cell(r + 2, 1, "#DIV/0!").data_type = "e"
    ws.cell(r + 2, 2, "#N/A").data_type = "e"
    ws.cell(r + 2, 3, "=1+1")  # a formula without its saved value
    ws.cell(r + 2, 4, "=SUM(B2:B5)")
    ws.cell(r + 2, 5, "49.2%")
    ws.cell(r + 2, 6, "2,260.7k").number_format = "@"
    ws.merge_cells(start_row=r + 3, start_column=1, end_row=r + 4, end_column=3)
    ws.cell(r + 3, 1, "merged block")
    ws.row_dimensions[r + 1].hidden = True
    ws.row_dimensions[3].hidden = True
    hidden = workbook.create_sheet("Hidden")
    hidden.sheet_state = "hidden"
    hidden.append(["ID", "Value"])
    hidden.append(["m1", 0.5])
    very = workbook.create_sheet("Very hidden")
    very.sheet_state = "veryHidden"
    very["B2"] = 12.5
    workbook.create_sheet("Empty")
    chart = BarChart()
    chart.add_data(Reference(hidden, min_col=2, min_row=1, max_row=2), titles_from_data=True)
    workbook.create_chartsheet("Chart").add_chart(chart)
    workbook.create_sheet("After the chart")["C3"] = "last"
    workbook.save(path)
    return path


def with_saved_formula_values(path: Path) -> Path:
    """The workbook as Excel leaves it after a recalculation: each formula keeps its result."""
    results = iter(["2", "4"])

    def saved(match: re.Match[bytes]) -> bytes:
        return match.group(1) + b"<v>" + next(results).encode() + b"</v></c>"

    rewrite(path, lambda name, xml: re.sub(rb"(<f>[^<]*</f>)<v\s*/?>(?:</v>)?</c>", saved, xml))
    assert next(results, None) is None, "every formula has its result"
    return path


def rewrite(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, change(name, data) if name.endswith(".xml") else data)


def with_too_small_a_dimension(path: Path) -> Path:
    """Some programs record a sheet's dimension as A1 whatever it holds."""
    rewrite(
        path, lambda name, xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', xml)
    )
    return path


def example_workbooks() -> list[Path]:
    return sorted((EXAMPLE / "data").glob("*.xlsx"))


def test_the_example_workbooks_have_workbooks_to_compare():
    assert len(example_workbooks()) >= 3


@pytest.mark.parametrize("book", example_workbooks(), ids=lambda p: p.name)
def test_example_workbooks_read_the_same_both_ways(book, monkeypatch):
    """The bundled example: figures from Leicestershire's Appendix A (seeds 000 and 001)."""
    assert_same(fast_read(book), openpyxl_read(book, monkeypatch))


BUILT = {
    "seed 000 dashboard": seed_000_workbook,
    "appendix with a merged title": lambda p: appendix_workbook(
        p, [["Local", "Synthetic measure", "High", "", 0.4829, 0.51]], formats={"E5": "0.0%"}
    ),
    "kitchen sink": kitchen_sink,
    "formulas with saved values": lambda p: with_saved_formula_values(kitchen_sink(p)),
    "too small a dimension": lambda p: with_too_small_a_dimension(kitchen_sink(p)),
    "benchmark council": lambda p: council_workbook(p, measures=30, years=3),
    "benchmark appendix": lambda p: large_workbook(p, measures=200),
}


@pytest.mark.parametrize("build", BUILT.values(), ids=list(BUILT))
@pytest.mark.parametrize("saved_by", ["openpyxl", "excel"])
def test_built_workbooks_read_the_same_both_ways(build, saved_by, tmp_path, monkeypatch):
    book = build(tmp_path / "book.xlsx") or tmp_path / "book.xlsx"
    if saved_by == "excel":
        as_excel_saves(book)  # shared strings and a dimension, as Excel writes them
    assert_same(fast_read(book), openpyxl_read(book, monkeypatch))


@pytest.mark.parametrize("seed", range(40))
def test_fuzzed_workbooks_read_the_same_both_ways(seed, tmp_path, monkeypatch):
    rng = random.Random(seed)
    book = tmp_path / "fuzz.xlsx"
    write_xlsx(book, random_grid(rng), rng)
    assert_same(fast_read(book), openpyxl_read(book, monkeypatch))


def test_what_the_reader_shows(tmp_path):
    """The figures a reader sees, read the fast way (synthetic values in seed 000's formats)."""
    sheet = fast_read(kitchen_sink(tmp_path / "book.xlsx"))[0]
    shown = {cell.ref: cell.text for row in sheet.rows.values() for cell in row.values()}
    percent, thousands = FORMATS.index("0.0%") + 2, FORMATS.index('#,##0.0,"k"') + 2
    assert shown[f"C{percent}"] == "100.0%" and shown[f"E{percent}"] == "48.3%"
    assert shown[f"I{thousands}"] == "615.1k"
    date_row = FORMATS.index("d mmm yyyy") + 2
    assert shown[f"L{date_row}"] == "31 March 2024"
    assert sheet.rows[date_row][12].value == datetime(2024, 3, 31)
    assert sheet.missing_values == [f"C{len(FORMATS) + 5}", f"D{len(FORMATS) + 5}"]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1_500_000, "0.0E+00", "1.5E+06"),  # a trial: shown as 1500000, not as Excel shows it
        (1_500_000, "0.00E+00", "1.50E+06"),
        (0.000123, "0.0E+00", "1.2E-04"),
        (-25_000_000_000, "0E+0", "-3E+10"),  # half away from zero, as Excel rounds
        (2_500_000, "0E+0", "3E+6"),
        (0, "0.0E+00", "0.0E+00"),
        (1_500_000, "0.0E-00", "1.5E06"),  # E- gives a positive exponent no sign
        (1_500_000, "##0.0E+0", "1500000"),  # engineering notation: General, as before
    ],
)
def test_a_scientific_format_shows_as_excel_shows_it(tmp_path, value, number_format, shown):
    book = tmp_path / "sci.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = value
    sheet["A1"].number_format = number_format
    workbook.save(book)
    [read] = fast_read(book)
    assert read.rows[1][1].text == shown


def test_every_cell_is_read_past_a_wrong_dimension(tmp_path, monkeypatch):
    book = with_too_small_a_dimension(kitchen_sink(tmp_path / "book.xlsx"))
    for sheets in (fast_read(book), openpyxl_read(book, monkeypatch)):
        assert sheets[0].rows[len(FORMATS) + 3][1].text == "31 March 2024"


def test_hidden_sheets_and_rows_are_recorded_and_still_read(tmp_path, monkeypatch):
    book = kitchen_sink(tmp_path / "book.xlsx")
    for sheets in (fast_read(book), openpyxl_read(book, monkeypatch)):
        by_name = {sheet.name: sheet for sheet in sheets}
        assert [n for n, s in by_name.items() if s.hidden] == ["Hidden", "Very hidden"]
        assert by_name["Formats"].hidden_rows == frozenset({3, len(FORMATS) + 4})
        assert by_name["Hidden"].rows[2][2].text == "0.5"
        assert "Chart" not in by_name


def _with_entity(name: str, xml: bytes) -> bytes:
    if name != "xl/worksheets/sheet1.xml":
        return xml
    doctype = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
    return doctype + xml.replace(b"Synthetic: every format", b"&a;")


def _prefixed(name: str, xml: bytes) -> bytes:
    if name != "xl/worksheets/sheet1.xml":
        return xml
    xml = re.sub(rb"<(/?)(\w+)", rb"<\1x:\2", xml)
    return xml.replace(b"xmlns=", b"xmlns:x=", 1)


def _cells_without_references(name: str, xml: bytes) -> bytes:
    return re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", xml) if "worksheets/sheet" in name else xml


def _escaped_return(name: str, xml: bytes) -> bytes:
    return xml.replace(b"line one\nline two", b"line one_x000D_line two")


def _date1904(name: str, xml: bytes) -> bytes:
    return xml.replace(b"<workbookPr/>", b'<workbookPr date1904="1"/>')


def _broken_styles(name: str, xml: bytes) -> bytes:
    return xml[:-20] if name == "xl/styles.xml" else xml


def _corrupt_sheet(path: Path) -> None:
    """A sheet's compressed bytes overwritten in the middle: the zip's index still reads."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 40
    data[start : start + 200] = bytes(200)
    path.write_bytes(bytes(data))


def _damaged(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:2000])


STEPS_ASIDE = {
    "a DTD declaring entities": lambda p: rewrite(p, _with_entity),
    "namespace-prefixed sheet XML": lambda p: rewrite(p, _prefixed),
    "cells without references": lambda p: rewrite(p, _cells_without_references),
    "an _x000D_ escape": lambda p: rewrite(p, _escaped_return),
    "the 1904 date system": lambda p: rewrite(p, _date1904),
    "a damaged zip": _damaged,
    "a styles part cut short": lambda p: rewrite(p, _broken_styles),
    "a sheet's compressed bytes overwritten": _corrupt_sheet,
}


@pytest.mark.parametrize("spoil", STEPS_ASIDE.values(), ids=list(STEPS_ASIDE))
def test_the_fast_reader_steps_aside_for_odd_files(spoil, tmp_path, monkeypatch):
    book = kitchen_sink(tmp_path / "book.xlsx")
    spoil(book)
    assert fast_xlsx.read_workbook(book) is None
    try:
        expected: list[Sheet] | str = openpyxl_read(book, monkeypatch)
    except InputError as error:
        expected = str(error)
    try:
        found: list[Sheet] | str = read_sheets(book)  # the default: openpyxl takes over
    except InputError as error:
        found = str(error)
    if isinstance(expected, str):
        assert found == expected
    else:
        assert not isinstance(found, str)
        assert_same(found, expected)


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")
def test_a_date_beyond_every_calendar_is_left_to_openpyxl(tmp_path, monkeypatch):
    """calamine gives up on the sheet; openpyxl shows the cell as #VALUE! (and warns)."""
    book = kitchen_sink(tmp_path / "book.xlsx")
    rewrite(book, lambda name, xml: xml.replace(b"<v>45382.75</v>", b"<v>1e20</v>"))
    assert fast_xlsx.read_workbook(book) is None
    sheets = read_sheets(book)
    date_row = FORMATS.index("d mmm yyyy") + 2
    assert sheets[0].rows[date_row][13].text == "#VALUE!"
    assert_same(sheets, openpyxl_read(book, monkeypatch))


def test_macro_workbooks_are_left_to_openpyxl(tmp_path, monkeypatch):
    def refuse(path: Path) -> None:
        raise AssertionError("the fast reader opened a macro workbook")

    book = seed_000_workbook(tmp_path / "macros.xlsm")
    monkeypatch.setattr(fast_xlsx, "read_workbook", refuse)
    assert read_sheets(book)[0].rows[4][1].text == "Measure"


def test_a_cells_style_is_found_wherever_its_s_attribute_stands():
    """Only a cell's own `s` counts: not a row's, not one in a string, nor one after its tag."""
    styles = [xlsx_styles.Style(code, False, False) for code in ("General", "0.0%", "General")]
    xml = (
        b'<worksheet><sheetData><row r="2" s="1" customFormat="1">'
        b'<c r="A2" s="1"><v>1</v></c><c r="B2" t="n" s="1"><v>1</v></c>'
        b'<c r="C2" s="2"><v>1</v></c><c r="D2" t="inlineStr"><is><t> s="1"</t></is></c>'
        b'<c r="AB2"> s="1"</c><c r="E2" s="1"/></row></sheetData></worksheet>'
    )
    found = xlsx_cells._styled_cells(xml, styles)
    assert {r: sorted(row) for r, row in found.items()} == {2: [1, 2, 5]}
