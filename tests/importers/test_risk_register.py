"""The corporate risk register (SYNTHETIC risks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from perfcli.errors import InputError
from perfcli.importers.risk_register import RiskEntry, read_risk_register


def _save(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_reads_scores_and_changes(tmp_path: Path) -> None:
    path = _save(
        tmp_path / "risks-SYNTHETIC.xlsx",
        [
            ["Corporate risk register (SYNTHETIC)"],
            ["Risk", "Risk owner", "Likelihood", "Impact", "Previous score"],
            ["Medium-term budget gap (SYNTHETIC)", "Director of Finance", 4, 5, 16],
            ["Cyber attack (SYNTHETIC)", "Chief Digital Officer", 3, 5, 15],
            ["Care market capacity (SYNTHETIC)", "Director of Adults", 3, 4, 16],
            ["New duty (SYNTHETIC)", "Chief Executive", 2, 3, None],
        ],
    )
    entries = read_risk_register(path)
    assert [(e.score_text, e.change_text) for e in entries] == [
        ("4 × 5 = 20", "↑ Higher (was 16)"),
        ("3 × 5 = 15", "→ No change"),
        ("3 × 4 = 12", "↓ Lower (was 16)"),
        ("2 × 3 = 6", "New"),
    ]
    assert entries[0] == RiskEntry(
        "Medium-term budget gap (SYNTHETIC)", "Director of Finance", 4, 5, 16
    )


@pytest.mark.parametrize(
    ("row", "cell", "message"),
    [
        (
            ["Budget (SYNTHETIC)", "CFO", 6, 5],
            "C2",
            "likelihood '6' is not a whole number from 1 to 5",
        ),
        (["Budget (SYNTHETIC)", "CFO", "high", 5], "C2", "likelihood 'high'"),
        (["Budget (SYNTHETIC)", "CFO", 3, None], "D2", "has no impact"),
    ],
)
def test_bad_scores_are_located(tmp_path: Path, row: list[object], cell: str, message: str) -> None:
    path = _save(tmp_path / "bad-SYNTHETIC.xlsx", [["Risk", "Owner", "Likelihood", "Impact"], row])
    with pytest.raises(InputError) as caught:
        read_risk_register(path)
    assert caught.value.cell == cell and message in caught.value.message


def test_no_register(tmp_path: Path) -> None:
    path = _save(tmp_path / "other.xlsx", [["Something", "Else"]])
    with pytest.raises(InputError, match="no risk register table"):
        read_risk_register(path)


def test_reads_the_register_as_published(tmp_path: Path) -> None:
    """Issue 27: Risk, Theme, Current score, Direction and Mitigations, with no likelihood."""
    path = _save(
        tmp_path / "published-SYNTHETIC.xlsx",
        [
            ["Corporate risk register (SYNTHETIC)"],
            ["Risk", "Theme", "Current score", "Direction", "Mitigations"],
            ["If funding falls short, then services are cut (SYNTHETIC)", "Corporate", 20,
             "Increasing", "Savings plan (SYNTHETIC)"],
            ["If roads flood, then routes close (SYNTHETIC)", "Transport", 9, "↔", ""],
            ["If staff leave, then work is delayed (SYNTHETIC)", "Corporate", "12", "↓", "Pay review"],
        ],
    )  # fmt: skip
    entries = read_risk_register(path)
    assert [(e.theme, e.score, e.score_text, e.change_text, e.mitigations) for e in entries] == [
        ("Corporate", 20, "20", "↑ Higher", "Savings plan (SYNTHETIC)"),
        ("Transport", 9, "9", "→ No change", ""),
        ("Corporate", 12, "12", "↓ Lower", "Pay review"),
    ]


@pytest.mark.parametrize(
    ("direction", "shown"),
    [("↑", "↑ Higher"), ("Increasing", "↑ Higher"), ("→", "→ No change"), ("Stable", "→ No change"),
     ("▼", "↓ Lower"), ("Reducing", "↓ Lower"), ("New risk", "New risk")],
)  # fmt: skip
def test_a_published_direction_is_shown_in_words_and_arrow(direction: str, shown: str) -> None:
    assert RiskEntry("r", "", None, None, current=5, direction=direction).change_text == shown


def test_a_current_score_above_25_is_located(tmp_path: Path) -> None:
    path = _save(tmp_path / "bad-SYNTHETIC.xlsx", [["Risk", "Current score"], ["Budget", 30]])
    with pytest.raises(InputError) as caught:
        read_risk_register(path)
    assert caught.value.cell == "B2"
    assert "current score '30' is not a whole number from 1 to 25" in caught.value.message
