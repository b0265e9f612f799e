"""Text widths for table layout: the same figures as summing each character's width in turn."""

from __future__ import annotations

import pytest

from perfcli.report.metrics import BOLD, CM_PER_POINT, REGULAR, longest_word_cm, width_cm

TEXTS = ["", "ASCOF 2C BCF", "Permanent admissions to care (aged 65+) per 100,000 pop.",
         "✔ Better", "◀▶ Similar", "▼ Not as good", "G – Green", "‘quoted’ “twice”",
         "Ünïcode and tab\tand line\nbreaks", "511 per 100k Pop. Actual 798 Admissions in 23/24"]  # fmt: skip


def _char(char: str, table: dict[str, int]) -> int:
    if char in table:
        return table[char]
    return 1000 if ord(char) > 0x2000 and char not in "–—‘’“”" else 556


def _width(text: str, size: float, bold: bool) -> float:
    """The reference: each character's width looked up in turn."""
    table = BOLD if bold else REGULAR
    return sum(_char(c, table) for c in text) / 1000 * size * CM_PER_POINT


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("text", TEXTS)
def test_widths_are_each_characters_width_summed(text, bold):
    assert width_cm(text, 9.0, bold=bold) == _width(text, 9.0, bold)
    longest = max((_width(word, 9.0, bold) for word in text.split()), default=0.0)
    assert longest_word_cm(text, 9.0, bold=bold) == longest
