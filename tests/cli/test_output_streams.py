"""What perfcli writes where a stream cannot hold its symbols (cp1252, as a redirect to a file on
Windows is; ascii), for a file whose name is not UTF-8, and for names that look like rich's
markup or an emoji's name: perfcli run as a process, as a user's shell runs it."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from perfcli.store.schema import SCHEMA_VERSION
from tests.conftest import appendix_workbook

# Whatever could make rich take the pipe for a terminal is unset, as in a user's redirect.
_TERMINAL = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR", "COLUMNS")


def run(
    *args: str | Path, encoding: str = "cp1252", exit: int = 0, cwd: str | None = None, **env: str
) -> tuple[list[str], list[str]]:
    """perfcli's standard output and error as lines (trailing spaces gone), written in
    `encoding`; fails on a traceback or an unexpected exit code."""
    environ = {k: v for k, v in os.environ.items() if k not in _TERMINAL}
    environ |= {"PYTHONIOENCODING": encoding, "NO_COLOR": "1", "COLUMNS": "200", **env}
    done = subprocess.run(
        [sys.executable, "-m", "perfcli", *args],
        capture_output=True,
        env=environ,
        check=False,
        cwd=cwd,
    )
    out, err = done.stdout.decode(encoding), done.stderr.decode(encoding)
    assert "Traceback" not in out + err, err
    assert done.returncode == exit, err
    return _lines(out), _lines(err)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def cells(line: str) -> list[str]:
    """A table's line as its cells (two spaces or more apart)."""
    return re.split(r" {2,}", line.strip())


WARNING = (
    '  ! warning   appendix-a-2025-26-q1.xlsx, sheet "Appendix A", cell F46   ascof-2c, 2025-26:'
    " ASCOF 2C: printed v not as good; perfcli:    check the printed mark, or learn the report's"
    " own rule with"
)


def test_every_command_writes_stand_ins_where_cp1252_cannot_hold_a_symbol(example):
    """Seed 001's ASCOF 2C warning and ratings, written as a redirect to a file on Windows."""
    out, err = run("import", *sorted((example / "data").glob("*.xlsx")), "-w", example)
    assert out == [
        "+ appendix-a-2021-22-apr-nov.xlsx: imported — 30 measures for Apr-Nov 2021; figures: 60"
        " new, 0 revised, 0 unchanged",
        "+ appendix-a-2023-24.xlsx: imported — 29 measures for 2023/24; figures: 56 new,"
        " 2 revised, 0 unchanged",
        "+ appendix-a-2025-26-q1.xlsx: imported — 25 measures for 2025/26 Q1; figures: 48 new,"
        " 0 revised, 2 unchanged",
    ]
    assert err[-2:] == [
        "0 errors, 1 warning, 2 notes.",
        "1 of the 3 is listed (errors first); 'perfcli validate' with the same files lists them all.",
    ]
    out, _ = run("validate", "-w", example)
    assert out[3] == WARNING
    assert cells(out[4]) == [  # cp1252 holds ±: it is kept
        "599 -> 572 per 100k, -4.5% is beyond ±3% (aim: low): improved",
        "'perfcli calibrate'",
    ]
    assert cells(out[5])[:3] == [
        "i info",
        "ascof-3c2, 2021-22",
        "this figure was revised by a later import",
    ]
    out, _ = run("rate", "-w", example)
    assert out[0] == "Performance 2025/26 Q1 — April to June 2025"
    assert out[3].split() == ["Measure", "Description", "Aim", "Comparator", "Rating", "Progress",
                              "RAG", "2025/26", "Q1", "Performance", "2024/25", "Q1", "Performance"]  # fmt: skip
    assert out[4] == " " + "-" * 198  # the header's rule in ASCII, as SIMPLE_HEAD's
    volunteering = next(line for line in out if "Hours of Volunteering" in line)
    # Wrapped at the width since the headings name the quarter (`2025/26 Q1 Performance`).
    assert cells(volunteering) == ["Local", "Hours of Volunteering (Heritage &", "High",
                                   "5.1k Local Q1 Milestone", "+ better", "^ improved",
                                   "* G green", "6.5k", "5.6k"]  # fmt: skip
    assert cells(out[5])[4:6] == ["– not rated", "<> similar"]
    out, _ = run("history", "ascof-2c", "-w", example)
    assert cells(out[4])[:3] == ["2020/21", "528.7 (780 admissions)", "* current"]
    out, _ = run("store", "upgrade", "-w", example)
    assert out == [f"+ {example / 'perfcli.db'}: already at schema {SCHEMA_VERSION}"]
    out, _ = run("draft-report", "--committee", "adults", "-w", example)
    assert out[0] == "+ Drafted the report for 2025/26 Q1 (April to June 2025)"
    run("returns", "make", "--period", "2025-26-Q2", "-w", example)
    out, _ = run("returns", "status", "-w", example)
    assert cells(out[4])[:2] == ["Jo Evans (SYNTHETIC) (care)", "… awaited"]  # cp1252 holds …


def test_json_and_csv_where_ascii_cannot_hold_a_character(example):
    run("import", *sorted((example / "data").glob("*.xlsx")), "-w", example)
    out, _ = run("rate", "-w", example, "-f", "json", encoding="ascii")
    (document,) = out
    rows = json.loads(document)["measures"]  # still JSON, its text kept as \u escapes
    assert "\\u2014" in document
    assert rows[0]["outcome"] == (
        "Safe and Well — Carers and People with care needs are supported to live active,"
        " independent, and fulfilling lives"
    )
    out, _ = run("validate", "-w", example, "-f", "csv", encoding="ascii")
    assert out[3] == (
        'warning,mark.disagrees,"appendix-a-2025-26-q1.xlsx, sheet ""Appendix A"", cell F46",'
        '"ascof-2c, 2025-26: ASCOF 2C: printed v not as good; perfcli: 599 -> 572 per 100k, -4.5% is beyond +/-3% (aim: low): improved","check the printed'
        " mark, or learn the report's own rule with 'perfcli calibrate'\""
    )


# Library visits, and a percentage out of range: one finding, at cell E6.
ROWS = [["Local", "Library visits", "High", "545.3k Local target 2023/24", 615100, 539900],
        ["ASCOF 3D", "Adult aged 18+ receiving direct payments", "High", "", 1.354, 0.362]]  # fmt: skip
FORMATS = {"E6": "0.0%", "F6": "0.0%"}
FINDING = "ascof-3d, 2023-24: '135.4%' is outside 0–100%   check the figure"


@pytest.mark.skipif(sys.platform != "linux", reason="a name not in UTF-8 is Linux's to allow")
def test_a_file_name_that_is_not_utf8_is_imported_rated_and_shown_with_its_byte(
    workspace, tmp_path
):
    path = appendix_workbook(tmp_path / os.fsdecode(b"caf\xe9.xlsx"), ROWS, formats=FORMATS)
    out, err = run("import", "--force", path, "-w", workspace, encoding="utf-8")
    assert out == [
        "✔ caf\\xe9.xlsx: imported — 2 measures for 2023/24; figures: 4 new, 0 revised, 0 unchanged"
    ]
    assert err[3] == f'  ✘ error    caf\\xe9.xlsx, sheet "Appendix A", cell E6   {FINDING}'
    with sqlite3.connect(workspace / "perfcli.db") as db:
        assert db.execute("SELECT file FROM imports").fetchall() == [(f"{tmp_path}/caf\\xe9.xlsx",)]
    out, _ = run("validate", path, "-f", "json", encoding="utf-8", exit=1)
    assert json.loads(out[0])["findings"][0]["location"] == (
        'caf\\xe9.xlsx, sheet "Appendix A", cell E6'
    )
    out, _ = run("history", "library-visits", "-w", workspace)
    row = cells(out[4])
    del row[3]  # when it was recorded
    assert row == ["2022/23", "539900", "* current", "caf\\xe9.xlsx", "Appendix A!F5"]
    out, _ = run("rate", path, encoding="utf-8")
    assert cells(out[4])[:6] == ["Local", "Library visits", "High", "545.3k Local target 2023/24",
                                 "✔ better", "▲ improved"]  # fmt: skip
    out, _ = run("validate", tmp_path / os.fsdecode(b"gone\xff.xlsx"), encoding="ascii", exit=1)
    assert cells(out[3])[:3] == ["x error", "gone\\xff.xlsx", "no such file"]


NO_COLON = pytest.mark.skipif(sys.platform == "win32", reason="Windows allows no ':' in a name")


@pytest.mark.parametrize("name", [pytest.param("rep:warning:.xlsx", marks=NO_COLON),
                                  pytest.param("[bold]dash :smile:.xlsx", marks=NO_COLON),
                                  "[bold red]x.xlsx"])  # fmt: skip
def test_a_name_is_never_read_as_markup_or_an_emoji(name, workspace, tmp_path):
    """`:warning:` and `[bold]` in a file's name, shown as typed: by the plain path to a pipe,
    through rich's console (TTY_COMPATIBLE=0: rich's, though no terminal), in a table, and
    stacked where the table would not fit."""
    path = appendix_workbook(tmp_path / name, ROWS, formats=FORMATS)
    out, err = run("import", "--force", path, "-w", workspace, encoding="utf-8")
    assert out == [
        f"✔ {name}: imported — 2 measures for 2023/24; figures: 4 new, 0 revised, 0 unchanged"
    ]
    assert cells(err[3])[:2] == ["✘ error", f'{name}, sheet "Appendix A", cell E6']
    out, _ = run("import", path, "-w", workspace, "--force", encoding="utf-8", TTY_COMPATIBLE="0")
    assert out == [
        f"= {name}: no changes — 2 measures for 2023/24; figures: 0 new, 0 revised, 4 unchanged"
    ]
    out, _ = run("validate", path, encoding="utf-8", exit=1, COLUMNS="70")
    assert out[:2] == ["", f'✘ error  {name}, sheet "Appendix A", cell E6']  # stacked


@pytest.mark.skipif(sys.platform != "linux", reason="a name not in UTF-8 is Linux's to allow")
@pytest.mark.parametrize(
    ("command", "where"),
    [
        (["history", os.fsdecode(b"caf\xe9")], "'MEASURE'"),
        (["link", os.fsdecode(b"caf\xe9"), "library-visits"], "'OLD'"),
        (["init", "council", "--council", os.fsdecode(b"Caf\xe9 Council")], "'--council'"),
        (["init", "council", "--department", os.fsdecode(b"Caf\xe9")], "'--department'"),
    ],
)
def test_a_word_typed_with_a_byte_that_is_not_utf8_is_bad_usage(
    command, where, workspace, tmp_path
):
    # A second trial saw tracebacks: the store and perfcli.toml hold text, never such a byte.
    args = [*command, *(["-w", workspace] if command[0] != "init" else [])]
    _, err = run(*args, encoding="utf-8", exit=2, cwd=str(tmp_path))
    text = os.fsdecode(b"Caf\xe9" if "--" in where else b"caf\xe9")
    shown = text.replace(os.fsdecode(b"\xe9"), "\\xe9")
    rest = " Council" if where == "'--council'" else ""
    assert err[-1] == (
        f"Error: Invalid value for {where}: '{shown}{rest}' holds a byte that is not UTF-8; type it"
        " again in UTF-8"
    )
    assert not (tmp_path / "council").exists()  # nothing half-written


@pytest.mark.skipif(sys.platform == "win32", reason="Windows allows no newline in a name")
def test_a_newline_in_a_file_name_never_breaks_its_line(workspace, tmp_path):
    # A second trial saw `Error: missing` and `file.xlsx: no such file` on two lines.
    _, err = run("import", tmp_path / "missing\nfile.xlsx", "-w", workspace, exit=1)
    assert err == [
        f"Error: missing\\nfile.xlsx: no such file (looked for {tmp_path}/missing\\nfile.xlsx)"
    ]
    path = appendix_workbook(tmp_path / "new\nline.xlsx", ROWS, formats=FORMATS)
    out, _ = run("import", "--force", path, "-w", workspace, encoding="utf-8")
    assert out == [
        "✔ new\\nline.xlsx: imported — 2 measures for 2023/24; figures: 4 new, 0 revised,"
        " 0 unchanged"
    ]


def test_a_text_ending_in_a_backslash_is_shown_with_one(workspace, tmp_path):
    """rich's escape doubles a backslash at a text's end (for a tag that might follow), and the
    doubling was printed: `Library visits \\\\` in `rate` and `measures` tables."""
    rows = [["Local", "Library visits \\", "High", "545.3k Local target 2023/24", 615100, 539900]]
    path = appendix_workbook(tmp_path / "typed.xlsx", rows)
    out, _ = run("rate", path, encoding="utf-8", TTY_COMPATIBLE="0")
    assert cells(out[4])[:2] == ["Local", "Library visits \\"]
    run("import", path, "-w", workspace, encoding="utf-8", TTY_COMPATIBLE="0")
    out, _ = run("measures", "-w", workspace, encoding="utf-8", TTY_COMPATIBLE="0")
    assert [cells(line)[2] for line in out if "Library" in line] == ["Library visits \\"]
