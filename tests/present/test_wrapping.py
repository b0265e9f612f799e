"""Where a line for people breaks: between words; a word wider than the line after a hyphen;
continuations indented under their line; no line ending in spaces."""

from __future__ import annotations

import pytest
from rich.text import Text

from perfcli.present.wrapping import breaks, wrapped, wrapped_text

HINT = (
    "Hint: update the comparator to the latest national figures; for a survey run every other"
    ' year, set frequency = "biennial" and survey_period under'
    " [measures.pct-of-carers-who-had-as-much-social-contact-as-they-would-like] in perfcli.toml"
)


def test_a_hint_breaks_between_words_and_its_id_after_a_hyphen():
    assert wrapped(HINT, 70).split("\n") == [
        "Hint: update the comparator to the latest national figures; for a",
        '  survey run every other year, set frequency = "biennial" and',
        "  survey_period under",
        "  [measures.pct-of-carers-who-had-as-much-social-contact-as-they-",
        "  would-like] in perfcli.toml",
    ]


def test_a_line_that_fits_is_left_as_it_is():
    assert wrapped("  leading and trailing  ", 200) == "  leading and trailing"
    assert wrapped("a\nb\n", 3) == "a\nb\n"
    assert breaks("漢字" * 8, 32) == []


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("word" * 6, 10, ["wordwordwo", "  rdwordwo", "  rdword"]),  # no hyphen: where it ends
        ("漢字" * 4, 6, ["漢字漢", "  字漢", "  字漢", "  字"]),  # two cells a character
        ("  - item one two three", 12, ["  - item one", "    two", "    three"]),
        ("a " * 8, 6, ["a a a", "  a a", "  a a", "  a"]),
    ],
)
def test_every_line_fits_and_none_ends_in_spaces(text, width, lines):
    assert wrapped(text, width).split("\n") == lines


def test_styled_text_breaks_where_plain_text_does():
    text = Text.from_markup(
        "[bold]⚠ warning[/]  hours-of-volunteering-heritage-and-libraries, 2024"
    )
    lines = wrapped_text(text, 30)
    assert [line.plain for line in lines] == [
        "⚠ warning",
        "hours-of-volunteering-",
        "heritage-and-libraries, 2024",
    ]
    assert lines[0].spans[0].style == "bold"
