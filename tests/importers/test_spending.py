"""The spending table: authorities, their type, core spending power and net expenditure per head."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from perfcli.errors import InputError
from perfcli.importers.spending import read_spending_table


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["Spending per head 2023/24 (SYNTHETIC)"])
    sheet.append([])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEADER = ["Authority", "Type", "Population", "Core spending power per head (£)",
          "Net expenditure per head (£): Adult social care", "Net expenditure per head - Transport"]  # fmt: skip


def test_reads_types_figures_and_services_under_a_title(tmp_path):
    table = read_spending_table(workbook(tmp_path / "s.xlsx", [
        HEADER,
        ["Leicestershire", "County council", 712400, "£1,098", 538, 109],
        ["Leicester", "Unitary authority", 368600, 1502, "N/A", 61],
        ["Camden", "Inner London borough", None, 2050.5, 602, 44],
        ["Wigan", "Met district", 330700, 1440, 410, None],
    ]))  # fmt: skip
    assert [(a.name, a.type) for a in table.authorities] == [
        ("Leicestershire", "county"), ("Leicester", "unitary"), ("Camden", "London borough"),
        ("Wigan", "metropolitan district"),
    ]  # fmt: skip
    first = table.authorities[0]
    assert (first.power, first.population) == (1098.0, 712400.0)
    assert first.net == {"Adult social care": 538.0, "Transport": 109.0}
    assert table.authorities[1].net["Adult social care"] is None
    assert table.authorities[3].net["Transport"] is None
    assert table.services == ["Adult social care", "Transport"]
    assert table.find("Leicestershire County Council").name == "Leicestershire"
    assert table.find("Leicester City Council").name == "Leicester"


@pytest.mark.parametrize(
    ("row", "message", "cell"),
    [
        (["Kent", "Parish", 1, 1000, 1, 1], "authority type 'Parish' is not known", "B4"),
        (["Kent", "County", 1, "lots", 1, 1], "core spending power 'lots' is not a number", "D4"),
        (["Kent", "County", 1, 1000, "some", 1], "Adult social care 'some' is not a number", "E4"),
    ],
)
def test_a_bad_cell_is_named(tmp_path, row, message, cell):
    with pytest.raises(InputError) as caught:
        read_spending_table(workbook(tmp_path / "s.xlsx", [HEADER, row]))
    assert message in caught.value.message
    assert caught.value.cell == cell


def test_a_table_without_the_columns_says_what_it_needs(tmp_path):
    with pytest.raises(InputError, match="no table of Authority, Type and Core spending power"):
        read_spending_table(workbook(tmp_path / "s.xlsx", [["Council", "Spending per head"]]))


def test_an_authority_twice(tmp_path):
    with pytest.raises(InputError, match="Kent appears twice"):
        read_spending_table(workbook(tmp_path / "s.xlsx", [
            HEADER, ["Kent", "County", 1, 1, 1, 1], ["Kent", "County", 1, 1, 1, 1]
        ]))  # fmt: skip
