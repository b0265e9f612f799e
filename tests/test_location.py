"""A location is a value made into words only when shown, in the words findings and errors have
always used (validate's table and JSON compare them byte for byte)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from perfcli.errors import InputError, MeasureError
from perfcli.location import Location
from perfcli.references import path_text

WORDS = [
    (Location("/data/q1.xlsx"), "q1.xlsx"),
    (Location("q1.xlsx", "Appendix A"), 'q1.xlsx, sheet "Appendix A"'),
    (Location("q1.xlsx", "Appendix A", "E5"), 'q1.xlsx, sheet "Appendix A", cell E5'),
    (Location("q1.xlsx", "Dashboards", row=12), 'q1.xlsx, sheet "Dashboards", row 12'),
    (Location("q1.xlsx", "Appendix A", near="above row 9"),
     'q1.xlsx, sheet "Appendix A", above row 9'),
    (Location("q1.xlsx", "Appendix A", near="at the end"), 'q1.xlsx, sheet "Appendix A", at the end'),
    (Location("visits.csv", None, "C4"), "visits.csv, cell C4"),  # a CSV's one table
    (Location(None, None, "C4"), "cell C4"),  # a figure whose import left no file name
    (Location.of("ascof-2c"), "ascof-2c"),
    (Location.of("ascof-2c", "2024-25"), "ascof-2c, 2024-25"),
    (Location.of("ascof-2c", "2024-25").in_file("q1.xlsx"), "q1.xlsx: ascof-2c, 2024-25"),
    # A figure at its cell: the cell is named; the measure and period go in the message.
    (Location.of("ascof-2c", "2024-25").at_cell(Location("q1.xlsx", "Appendix A", "E5")),
     'q1.xlsx, sheet "Appendix A", cell E5'),
    (Location("perfcli.toml"), "perfcli.toml"),
    # A name with ': ' in it was once cut there when the words were split back apart.
    (Location("Q1: adults.xlsx", "Appendix A"), 'Q1: adults.xlsx, sheet "Appendix A"'),
    # A byte of the name that is not UTF-8 (Python's lone surrogate): shown as the byte it was.
    (Location("/data/caf\udce9.xlsx", "Appendix A"), 'caf\\xe9.xlsx, sheet "Appendix A"'),
]  # fmt: skip


@pytest.mark.parametrize(("location", "words"), WORDS)
def test_a_location_is_shown_in_todays_words(location, words):
    assert str(location) == words


def test_a_figure_at_its_cell_keeps_its_measure_and_period():
    at = Location.of("ascof-2c", "2024-25").at_cell(Location("q1.xlsx", "Appendix A", "E5"))
    assert (at.file, at.sheet, at.cell, at.measure, at.period) == (
        "q1.xlsx", "Appendix A", "E5", "ascof-2c", "2024-25",
    )  # fmt: skip
    assert at.in_sheet and at.subject == "ascof-2c, 2024-25"
    assert not Location.of("ascof-2c").in_sheet


def test_an_input_error_carries_its_location_and_says_it_as_before():
    error = InputError("'Q5' is not a period", file=Path("/in/q1.xlsx"), sheet="Appendix A",
                       cell="E4", hint="a quarter is Q1 to Q4")  # fmt: skip
    assert error.location() == Location("/in/q1.xlsx", "Appendix A", "E4")
    assert (error.file, error.sheet, error.cell) == (Path("/in/q1.xlsx"), "Appendix A", "E4")
    assert str(error) == (
        "q1.xlsx, sheet \"Appendix A\", cell E4: 'Q5' is not a period (a quarter is Q1 to Q4)"
    )
    assert str(InputError("is empty", file="blank.xlsx")) == "blank.xlsx: is empty"


def test_a_measure_error_is_located_by_measure_and_period():
    error = MeasureError("no figure", measure="ascof-2c", period="2024-25")
    assert error.location() == Location.of("ascof-2c", "2024-25")
    assert (error.measure, error.period) == ("ascof-2c", "2024-25")
    assert str(error) == "ascof-2c, 2024-25: no figure"
    assert str(MeasureError("no figure", measure="ascof-2c")) == "ascof-2c: no figure"


def test_an_input_error_between_two_figures_names_the_measure_and_period_in_the_file():
    error = InputError("the current and previous figures are both for 2023/24",
                       file="/in/twice.xlsx", about=Location.of("ascof-1a", "2023-24"))  # fmt: skip
    assert error.location() == Location("/in/twice.xlsx", measure="ascof-1a", period="2023-24")
    assert str(error) == (
        "twice.xlsx: ascof-1a, 2023-24: the current and previous figures are both for 2023/24"
    )


@pytest.mark.parametrize(("path", "words"), [
    ("/in/café.xlsx", "/in/café.xlsx"),  # UTF-8 is kept as it is
    (os.fsdecode(b"/in/caf\xe9 \xff.xlsx"), "/in/caf\\xe9 \\xff.xlsx"),
    ("q\ud83d.xlsx", "q\\ud83d.xlsx"),  # half of a pair, as a Windows name can hold
])  # fmt: skip
def test_a_path_is_shown_with_each_byte_that_is_not_utf8_as_its_escape(path, words):
    assert path_text(path) == path_text(Path(path)) == words
