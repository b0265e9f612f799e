"""The used-range check (sheet_xml.py) and cell addresses (grid.py), on worksheet XML as written."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from perfcli.errors import InputError
from perfcli.importers.grid import CellRef, Sheet, column_letter
from perfcli.importers.sheet_xml import _farthest, check_extent


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
        # Past the dimension the sheet records: each found all the same.
        (_xml("A1", "XFD1048576", dimension="A1:G20"), 2_000_000, "XFD1048576"),
        (_xml("A1", rows=(1048576,), dimension="A1:G20"), 2_000_000, "G1048576"),
        (_xml("A1", dimension="A1:G20") + b'<c s="1" r="H2000000"/>', 2_000_000, "H2000000"),
        (_xml("A1", dimension="A1:G20") + b'<c\nr="ZZ99999"/>', 2_000_000, "ZZ99999"),
        (_xml("A1", dimension="A1:G20") + b'<x:c r="ZZ99999"/>', 2_000_000, "ZZ99999"),
        (_xml("A1", dimension="A1:G20") + b'<row spans="1:2" r="999999"/>', 2_000_000, "G999999"),
        (_xml("A1", "G20", dimension="A1:G20"), 140, None),
        (_xml("A1", "G20", dimension="A1:G20"), 139, "G20"),
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


def _random_xml(rng: random.Random) -> bytes:
    def ref() -> str:
        column = column_letter(rng.choice([1, 2, 7, 26, 27, 100, 16384]))
        row = str(rng.choice([1, 9, 10, 99, 100, 20007, 1048576]))
        return rng.choice([column + row, column + row, column.lower() + row, f"${column}${row}"])

    parts = [f'<dimension ref="A1:{ref()}"/>'] if rng.random() < 0.8 else []
    for _ in range(rng.randint(0, 6)):
        tag = rng.choice(["c", "c", "c", "x:c", "row"])
        space = rng.choice([" ", " ", "\n"])
        value = ref() if tag != "row" else str(rng.choice([1, 20, 20007, 30000]))
        first = rng.choice(["", "", ' s="1"'])
        parts.append(f'<{tag}{first}{space}r="{value}"/>')
    return ("<worksheet><sheetData>" + "".join(parts) + "</sheetData></worksheet>").encode()


@pytest.mark.parametrize("seed", range(4))
def test_the_recorded_dimension_is_taken_only_where_it_holds_every_cell(seed):
    """Where check_extent finds every cell and row written plainly within the recorded dimension,
    its corner is the farthest cell a pass over every cell finds; elsewhere that pass is made."""
    rng = random.Random(seed)
    taken = 0
    for _ in range(500):
        xml = _random_xml(rng)
        rows, columns = _farthest(xml)
        limit = rows * max(columns, 1)
        sheet = Sheet(Path("far.xlsx"), "Appendix A")
        taken += check_extent(sheet, xml, limit)
        with pytest.raises(InputError) as caught:
            check_extent(sheet, xml, limit - 1)
        assert caught.value.cell == f"{column_letter(max(columns, 1))}{rows}"
    assert taken > 20
