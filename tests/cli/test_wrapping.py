"""Fresh-eyes trial, items 4, 6 and 8: every line perfcli prints for people, piped, is whole.
A finding, a warning or an error wraps at the width between words (a word wider than the line
after a hyphen), its continuations indented; import and validate lay out the same findings
alike; a table keeps each id whole; no line ends in spaces. SYNTHETIC rows."""

from __future__ import annotations

import re

import pytest

from tests.conftest import HEADER, appendix_workbook, perfcli

LONG = "Number of people awaiting a care assessment for more than six months after referral"
LONG_ID = "number-of-people-awaiting-a-care-assessment-for-more-than-six-months-after-referral"


@pytest.fixture
def reworded(tmp_path):
    """A workspace holding 2023/24, and the 2024/25 workbook that rewords one of its measures."""
    first = appendix_workbook(
        tmp_path / "a.xlsx",
        [["Local", "Hours of Volunteering (Heritage & libraries)", "High", "", "19.6k", "17.3k"],
         ["Local", LONG, "Low", "", "12", "18"]],
    )  # fmt: skip
    later = [*HEADER[:4], "2024/25 Performance", "2023/24 Performance"]
    second = appendix_workbook(
        tmp_path / "b.xlsx",
        [["Local", "Volunteering hours (heritage and libraries)", "High", "", "21.0k", "19.6k"],
         ["Local", LONG, "Low", "", "12", "18"]],
        header=later,
    )  # fmt: skip
    perfcli("init", tmp_path / "ws")
    perfcli("import", first, "-w", tmp_path / "ws")
    return tmp_path / "ws", second


def lines(text: str, width: int) -> list[str]:
    """The lines printed, each checked whole: within the width, not ending in a space."""
    printed = text.split("\n")
    assert printed[-1] == ""
    for line in printed:
        assert len(line) <= width and line == line.rstrip(), line
    return printed[:-1]


WARNING_AT_70 = [
    "⚠ warning  volunteering-hours-heritage-and-libraries, 2024-25",
    "  Message: 'Volunteering hours (heritage and libraries)' is new in",
    "  2024/25 and 'Hours of Volunteering (Heritage & libraries)'",
    "  (hours-of-volunteering-heritage-and-libraries) is not in it: they",
    "  may be one measure",
    "  Hint: to keep one history, run 'perfcli link",
    "  hours-of-volunteering-heritage-and-libraries",
    "  volunteering-hours-heritage-and-libraries'",
]
WARNING_AT_200 = [
    "⚠ warning  volunteering-hours-heritage-and-libraries, 2024-25",
    "  Message: 'Volunteering hours (heritage and libraries)' is new in 2024/25 and 'Hours of"
    " Volunteering (Heritage & libraries)' (hours-of-volunteering-heritage-and-libraries) is not"
    " in it: they may be",
    "  one measure",
    "  Hint: to keep one history, run 'perfcli link hours-of-volunteering-heritage-and-libraries"
    " volunteering-hours-heritage-and-libraries'",
]


@pytest.mark.parametrize(("columns", "warning"), [("70", WARNING_AT_70), (None, WARNING_AT_200)])
def test_import_and_validate_wrap_the_same_finding_alike(reworded, columns, warning):
    ws, workbook = reworded
    width = int(columns or 200)
    env = {"COLUMNS": columns} if columns else {}
    run = perfcli("import", workbook, "-w", ws, env=env)
    listed = "1 of the 2 is listed (errors first); 'perfcli validate' with the same files lists them all."
    imported = "✔ b.xlsx: imported — 2 measures for 2024/25; figures: 3 new, 1 revised, 0 unchanged"
    if width == 70:
        imported = imported.replace("1 revised", "1\n  revised").split("\n")
    else:
        imported = [imported]
    # The findings are a block for people, wrapped; a message to standard error, one line.
    # import names the file that brings the measure; validate of the store has no file to name.
    named = [warning[0].replace("warning  ", "warning  b.xlsx: "), *warning[1:]]
    said = run.stderr.splitlines()
    assert said[:-1] == ["", *named, "", "0 errors, 1 warning, 1 note.", listed]
    # The revised figure is one the 2023/24 report printed as its own: said, on one line.
    assert said[-1].startswith('Warning: b.xlsx, sheet "Appendix A", cell F6: number-of-people-')
    assert "the figure the 2023/24 report printed as its own" in said[-1]
    assert lines(run.stdout, width) == imported
    validated = lines(perfcli("validate", "-w", ws, env=env).stdout, width)
    assert validated[: len(warning) + 2] == ["", *warning, ""]


def test_an_id_wider_than_the_line_breaks_after_a_hyphen(reworded):
    ws, workbook = reworded
    perfcli("import", workbook, "-w", ws)
    out = lines(perfcli("validate", "-w", ws, env={"COLUMNS": "70"}).stdout, 70)
    assert out[len(WARNING_AT_70) + 2 :] == [
        "ℹ info",
        "number-of-people-awaiting-a-care-assessment-for-more-than-six-months-",
        "after-referral, 2023-24",
        "  Message: this figure was revised by a later import",
        "  Hint: 'perfcli history",
        "  number-of-people-awaiting-a-care-assessment-for-more-than-six-",
        "  months-after-referral' shows every value",
        "",
        "0 errors, 1 warning, 1 note.",
    ]


def test_the_measures_table_keeps_every_id_whole(reworded):
    # rich narrowed the widest column first, whatever its words: `...-six-months-after-refer`.
    ws, workbook = reworded
    perfcli("import", workbook, "-w", ws)
    out = lines(perfcli("measures", "-w", ws).stdout, 200)
    rows = [line for line in out if line.startswith("  ") and line[2] != " "]  # not folds
    ids = [row.split()[0] for row in rows[1:]]
    assert ids == [
        "hours-of-volunteering-heritage-and-libraries",
        LONG_ID,
        "volunteering-hours-heritage-and-libraries",
    ]
    assert rows[2].split()[1:5] == ["Local", "Number", "of", "people"]


def test_a_narrow_measures_list_is_stacked_each_id_whole_where_it_fits(reworded):
    ws, workbook = reworded
    perfcli("import", workbook, "-w", ws)
    out = lines(perfcli("measures", "-w", ws, env={"COLUMNS": "70"}).stdout, 70)
    assert out[:10] == [
        "3 measures",
        "",
        "hours-of-volunteering-heritage-and-libraries  Local",
        "  Description: Hours of Volunteering (Heritage & libraries)",
        "  Aim: High",
        "  Unit: hours",
        "  Owner: none",
        "  Periods held: 2022/23, 2023/24",
        "",
        "number-of-people-awaiting-a-care-assessment-for-more-than-six-months-",
    ]
    assert out[10:13] == [
        "after-referral  Local",
        "  Description: Number of people awaiting a care assessment for more",
        "  than six months after referral",
    ]


@pytest.fixture
def mistyped(tmp_path, monkeypatch):
    """A workbook with two comparators naming a year that is not one (`2023/34`)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PERFCLI_WORKSPACE", "")
    return appendix_workbook(
        tmp_path / "bad.xlsx",
        [["Local", "Library visits", "High", "545.3k Local target 2023/34", "615.1k", "539.9k"],
         ["Local", "Junior loans", "High", "12.0k Local target 2023/34", "13.1k", "12.9k"]],
    )  # fmt: skip


def on_screen(text: str) -> str:
    """What a terminal shows of `text`: the spinner's cursor moves and erasures left out."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\r", "", text)


ERROR = (
    "Error: bad.xlsx, sheet \"Appendix A\", cell D5: cannot read '545.3k Local target 2023/34': a"
    " financial year runs from one year to the next, and 34 does not follow 2023 (did you mean"
    " 2023/24?; and 1 more; 'perfcli validate bad.xlsx' lists them all, or pass --force to rate"
    " what can be read)"
)


def test_an_error_is_one_line_to_a_pipe_and_wraps_between_words_on_a_terminal(mistyped):
    # To a pipe or a file, one line for a program or grep; to a person, never cut mid-word
    # (the terminal itself broke it at `or pas` / `s`).
    for columns in ("70", "200"):
        run = perfcli("rate", mistyped.name, exit=1, env={"COLUMNS": columns})
        assert run.stderr.splitlines() == [ERROR]
    run = perfcli("rate", mistyped.name, exit=1, env={"COLUMNS": "70", "FORCE_COLOR": "1"})
    assert lines(on_screen(run.stderr), 70)[1:] == [  # after the spinner's line
        'Error: bad.xlsx, sheet "Appendix A", cell D5: cannot read \'545.3k',
        "  Local target 2023/34': a financial year runs from one year to the",
        "  next, and 34 does not follow 2023 (did you mean 2023/24?; and 1",
        "  more; 'perfcli validate bad.xlsx' lists them all, or pass --force to",
        "  rate what can be read)",
    ]


def test_warnings_are_one_line_each_to_a_pipe_and_wrap_as_errors_do_on_a_terminal(mistyped):
    piped = perfcli("rate", mistyped.name, "--force", env={"COLUMNS": "70"})
    assert piped.stderr.splitlines() == [
        'Warning: bad.xlsx, sheet "Appendix A", cell D5: cannot read \'545.3k Local target'
        " 2023/34': a financial year runs from one year to the next, and 34 does not follow 2023"
        " (did you mean 2023/24?) [read as '545.3k Local target 2023/24']",
        'Warning: bad.xlsx, sheet "Appendix A", cell D6: cannot read \'12.0k Local target'
        " 2023/34': a financial year runs from one year to the next, and 34 does not follow 2023"
        " (did you mean 2023/24?) [read as '12.0k Local target 2023/24']",
    ]
    lines(piped.stdout, 70)  # the table, stacked to fit, whole too
    run = perfcli("rate", mistyped.name, "--force", env={"COLUMNS": "70", "FORCE_COLOR": "1"})
    assert lines(on_screen(run.stderr), 70)[1:] == [  # after the spinner's line
        'Warning: bad.xlsx, sheet "Appendix A", cell D5: cannot read \'545.3k',
        "  Local target 2023/34': a financial year runs from one year to the",
        "  next, and 34 does not follow 2023 (did you mean 2023/24?) [read as",
        "  '545.3k Local target 2023/24']",
        'Warning: bad.xlsx, sheet "Appendix A", cell D6: cannot read \'12.0k',
        "  Local target 2023/34': a financial year runs from one year to the",
        "  next, and 34 does not follow 2023 (did you mean 2023/24?) [read as",
        "  '12.0k Local target 2023/24']",
    ]


def test_a_table_that_cannot_fit_is_stacked_never_folding_a_word(reworded):
    # diff's nine columns at 70: rich folded `Numbe` / `r of`, `impro` / `ved`.
    ws, workbook = reworded
    perfcli("import", workbook, "-w", ws)
    out = lines(perfcli("diff", "2023-24", "2024-25", "-w", ws, env={"COLUMNS": "70"}).stdout, 70)
    assert out[:12] == [
        "What changed: 2023/24 → 2024/25",
        "",
        "▲ improved",
        "  Measure: Number of people awaiting a care assessment for more than",
        "  six months after referral",
        "  From: 18",
        "  To: 12",
        "  Change: -33.3%",
        "  Rating: – not rated → – not rated",
        "  Reason: -33.3% is beyond ±3% (aim: low): improved",
        "  Flags: revised",
        "",
    ]
