"""The index's input table: council, spending per head and outcome score (SYNTHETIC figures)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from perfcli.errors import InputError, PerfcliError
from perfcli.importers.index_table import read_index_table


def test_csv_with_a_title_line_and_extra_columns(tmp_path: Path) -> None:
    path = tmp_path / "counties-SYNTHETIC.csv"
    path.write_text(
        "SYNTHETIC figures: not any council's\n"
        "Council,Spending per head (£),Outcome score,Note\n"
        'Avon,"£1,000",2.5,SYNTHETIC\n'
        "Brent,1200,3.5,SYNTHETIC\n"
        "Carlow,N/A,1.5,SYNTHETIC\n",
        encoding="utf-8",
    )
    table = read_index_table(path)
    assert table.spending == {"Avon": 1000.0, "Brent": 1200.0, "Carlow": None}
    assert table.outcome == {"Avon": 2.5, "Brent": 3.5, "Carlow": 1.5}


def test_workbook_with_numbers(tmp_path: Path) -> None:
    path = tmp_path / "counties-SYNTHETIC.xlsx"
    workbook = Workbook()
    workbook.active.append(["Area", "Spending per head", "Outcome score"])
    workbook.active.append(["Avon", 1000.5, 2])
    workbook.save(path)
    table = read_index_table(path)
    assert (table.spending, table.outcome) == ({"Avon": 1000.5}, {"Avon": 2.0})


def test_a_bad_figure_names_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "bad-SYNTHETIC.csv"
    path.write_text("Council,Spending per head,Outcome score\nAvon,lots,2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_index_table(path)
    assert caught.value.cell == "B2" and "'lots' is not a number" in caught.value.message


def test_a_council_twice(tmp_path: Path) -> None:
    path = tmp_path / "twice-SYNTHETIC.csv"
    path.write_text(
        "Council,Spending per head,Outcome score\nAvon,1,2\nAvon,3,4\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="appears twice"):
        read_index_table(path)


def test_no_table(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Council,Population\nAvon,1\n", encoding="utf-8")
    with pytest.raises(PerfcliError, match="no table of Council"):
        read_index_table(path)
