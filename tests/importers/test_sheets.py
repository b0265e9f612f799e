"""The used-range check and cell addresses of importers/sheets.py, on worksheet XML as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfcli.errors import InputError
from perfcli.importers.sheets import CellRef, Sheet, check_extent


def _xml(*cells: str, rows: tuple[int, ...] = (), dimension: str | None = None) -> bytes:
    parts = [f'<dimension ref="{dimension}"/>'] if dimension else []
    parts += [f'<row r="{r}"/>' for r in rows]
    parts += [f'<c r="{ref}"><v>1</v></c>' for ref in cells]
    return ("<worksheet><sheetData>" + "".join(parts) + "</sheetData></worksheet>").encode()


@pytest.mark.parametrize(
    ("xml", "limit", "far"),
    [
        (_xml("A1", "G20000"), 140_000, None),  # 20,000 rows x 7 columns: just within
        (_xml("A1", "G20000"), 139_999, "G20000"),
        (_xml("B2", "aa3"), 80, "AA3"),  # a lower-case reference reads as its column
        (_xml("A1", rows=(50,)), 49, "A50"),  # an empty row far down counts
        (_xml("A1", dimension="A1:XFD1048576"), 2_000_000, "XFD1048576"),
        (_xml("$C$4"), 12, None),
        (_xml("$C$4"), 11, "C4"),
        (_xml(), 0, None),
    ],
)
def test_a_used_range_past_the_limit_is_refused_at_its_farthest_cell(xml, limit, far):
    sheet = Sheet(Path("far.xlsx"), "Appendix A")
    if far is None:
        check_extent(sheet, xml, limit)
        return
    with pytest.raises(InputError) as caught:
        check_extent(sheet, xml, limit)
    assert caught.value.cell == far
    assert f"its used range reaches {far}" in caught.value.message


@pytest.mark.parametrize(("row", "column", "words"), [(7, 5, "E7"), (1, 27, "AA1"), (3, 1, "A3")])
def test_a_cell_address_is_made_into_words_only_to_name_it(row, column, words):
    ref = CellRef(row, column)
    assert str(ref) == words
    error = Sheet(Path("x.xlsx"), "S").error("unknown aim 'Up'", ref)
    assert error.cell == words
