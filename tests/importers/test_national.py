"""A long table of comparator figures read: levels noted, repeated rows judged, and every
problem of a file collected rather than the first raised."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfcli.importers.national import NationalImport, read

TREES = "Trees planted (SYNTHETIC)"
NAMES = {"trees planted (synthetic)": "trees-planted"}
HEADER = "Area code,Area name,Level,Measure,Period,Value\n"


def long_table(path: Path, *rows: str, header: str = HEADER) -> NationalImport:
    path.write_text(header + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return read(path, period=None, codes={}, names=NAMES)


@pytest.mark.parametrize(
    ("level", "stored", "noted"),
    [
        ("County", "County", {}),
        ("Upper tier", "Upper tier", {}),
        ("", "local authority", {}),
        ("England", "England", {}),
        ("Parish", "Parish", {"Parish": [2]}),
    ],
)
def test_each_row_keeps_its_level_and_an_unknown_one_is_noted_with_its_row(
    tmp_path, level, stored, noted
):
    result = long_table(
        tmp_path / "eng.csv", f"E10000003,Cambridgeshire,{level},{TREES},2023/24,70000"
    )
    assert [(r.level, r.value) for r in result.rows] == [(stored, 70000.0)]
    assert result.levels == noted


@pytest.mark.parametrize(
    ("again", "problems"),
    [
        ("70000", []),  # the same row twice: ignored, as the ASCOF reader ignores it
        ('"70,000"', []),  # the same figure written another way
        (
            "71000",
            ["mine.csv, cell F3: E10000007 Trees planted (SYNTHETIC) 2023/24 appears twice with"
             " different values (70000 on row 2, 71000 on row 3)"],
        ),
        (
            "[c]",
            ["mine.csv, cell F3: E10000007 Trees planted (SYNTHETIC) 2023/24 appears twice with"
             " different values (70000 on row 2, [c] on row 3)"],
        ),
    ],
)  # fmt: skip
def test_a_repeated_row_is_ignored_unless_its_figures_differ(tmp_path, again, problems):
    result = long_table(
        tmp_path / "mine.csv",
        f"E10000007,Derbyshire,Local authority,{TREES},2023/24,70000",
        f"E10000007,Derbyshire,Local authority,{TREES},2023/24,{again}",
    )
    assert [str(p) for p in result.problems] == problems
    assert [(r.area_code, r.value) for r in result.rows] == [("E10000007", 70000.0)]


def test_every_problem_of_a_file_is_collected_each_at_its_cell(tmp_path):
    result = long_table(
        tmp_path / "three.csv",
        f"E1,One,Local authority,{TREES},2023/24,lots",
        f"E2,Two,Local authority,{TREES},2023/34,5",
        f"E3,Three,Local authority,{TREES},2023/24,12%",
        f"E4,Four,Local authority,{TREES},2023/24,40",
        f"E5,Five,Local authority,{TREES},,41",
        f'E6,Six,Local authority,{TREES},2023/24,"12,9"',
        f'E7,Seven,Local authority,{TREES},2023/24,"12,900"',
    )
    assert [(p.cell, p.message) for p in result.problems] == [
        ("F2", "'lots' is not a number"),
        ("E3", "'2023/34' is not a period: a financial year runs from one year to the next, and"
               " 34 does not follow 2023"),
        ("F4", "'12%' is not a number"),
        ("E6", "no period"),
        ("F7", "'12,9' is not a number"),  # a decimal comma: no 129
    ]  # fmt: skip
    assert [(r.area_code, r.value) for r in result.rows] == [("E4", 40.0), ("E7", 12900.0)]


def test_an_interval_and_a_numerator_are_checked_with_the_value(tmp_path):
    result = long_table(
        tmp_path / "ci.csv",
        f"E1,One,Local authority,{TREES},2023/24,50,many,60",
        f"E2,Two,Local authority,{TREES},2023/24,50,70,",
        header="Area code,Area name,Level,Measure,Period,Value,Lower CI,Upper CI\n",
    )
    assert [str(p) for p in result.problems] == [
        "ci.csv, cell G2: 'many' is not a number (suppression markers such as [c] or .. are skipped)",
        "ci.csv, cell G3: a confidence interval needs both limits, either side of the value",
    ]


def test_the_ascof_layout_notes_an_unknown_level_and_names_both_values_of_a_repeat(tmp_path):
    path = tmp_path / "ascof-2023-24.csv"
    path.write_text(
        "Geographical code,Geographical description,Geographical level,ONS code,"
        "ASCOF measure code,Disaggregation level,Measure type,Measure value\n"
        "E10000003,Cambridgeshire,Shire county,,2A,Total,Outcome,80.0\n"
        "P1,Little Snoring,Parish,,2A,Total,Outcome,90.0\n"
        "E10000007,Derbyshire,County,,2A,Total,Outcome,81.0\n"
        "E10000007,Derbyshire,County,,2A,Total,Outcome,81\n"
        "E10000008,Devon,County,,2A,Total,Outcome,82.0\n"
        "E10000008,Devon,County,,2A,Total,Outcome,83.0\n",
        encoding="utf-8",
    )
    result = read(path, period=None, codes={"2a": "ascof-2a"}, names={})
    assert result.levels == {"Parish": [3]}
    assert [str(p) for p in result.problems] == [
        "ascof-2023-24.csv, cell H7: E10000008 2A outcome appears twice with different values"
        " (82.0 on row 6, 83.0 on row 7)"
    ]
    assert {r.area_code: r.value for r in result.rows} == {
        "E10000003": 80.0, "P1": 90.0, "E10000007": 81.0, "E10000008": 82.0,
    }  # fmt: skip
