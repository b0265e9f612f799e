"""Printed quartiles told apart by group and year (issue 27's forms), as a table of cases."""

from __future__ import annotations

import pytest

from perfcli.domain.model import QuartilePosition
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.quartiles import parse_quartile, sort_quartiles, vintages

REPORT = parse_period("2023/24")


def _read(text: str) -> QuartilePosition:
    read = parse_quartile(text, REPORT)
    assert read is not None
    return read


@pytest.mark.parametrize(
    ("printed", "where"),
    [
        # In a 2023/24 compendium whose main group is the counties.
        ("3rd (2024) (Counties)", "counted"),
        ("4th*", "counted"),
        ("1st/2nd (2024)", "counted"),
        ("3rd (Oct 2021-Sept 2022)", "counted"),  # ends after 2022/23 began: last year's
        ("1st (Aug 2024)", "counted"),
        ("2nd (Eng)", "England"),
        ("3rd (2022/23) (Eng)", "England"),
        ("2nd (CIPFA)", "CIPFA"),
        ("1st (East Midlands)", "East Midlands"),
        ("2nd (2020/21)", "older"),  # seed 003's ASCOF quartiles
        ("4th (2021/22) (Counties)", "older"),
        ("2nd (2021) (Region)", "older"),
    ],
)
def test_quartiles_are_sorted_by_group_and_year(printed: str, where: str) -> None:
    sort = sort_quartiles([_read(printed)], lambda q: q, REPORT, "Counties")
    found = "counted" if sort.counted else "older" if sort.older else next(iter(sort.by_group))
    assert found == where


def test_without_a_report_period_everything_is_counted() -> None:
    sort = sort_quartiles([_read("2nd (2020/21) (Eng)")], lambda q: q, None, "Counties")
    assert len(sort.counted) == 1


@pytest.mark.parametrize(
    ("printed", "words"),
    [
        (["2nd (2022/23)", "3rd (2024)", "1st"], "2022/23 to 2024"),
        (["2nd (2022/23)", "3rd (2022/23)"], "2022/23"),
        (
            ["3rd (Oct 2021-Sept 2022)", "1st (Aug 2024)"],
            "Oct 2021-Sep 2022 and End of August 2024",
        ),
        (["2nd (2022)", "3rd (Nov 2022-Oct 2023)"], "2022 and Nov 2022-Oct 2023"),  # not a span
        ([], ""),
    ],
)
def test_vintages_name_the_first_and_last_year(printed: list[str], words: str) -> None:
    assert vintages(_read(text) for text in printed) == words
