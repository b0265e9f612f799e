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
from contextlib import closing
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


# Where the output goes wrong: a fresh trial's hostile colleague. Each runs perfcli as a process.
BIG = 3_000  # measures: JSON of about 3.5 MB, many times a pipe's 64 KB


def big_workbook(tmp_path: Path) -> Path:
    rows = [["Local", f"Synthetic measure {n} (SYNTHETIC)", "High", "100 Local target 2023/24",
             str(100 + n % 7), str(99 + n % 5)] for n in range(BIG)]  # fmt: skip
    return appendix_workbook(tmp_path / "big.xlsx", rows)


def process(*args: str | Path, **kwargs: object) -> subprocess.Popen[bytes]:
    environ = {k: v for k, v in os.environ.items() if k not in _TERMINAL}
    return subprocess.Popen([sys.executable, "-m", "perfcli", *map(str, args)],
                            env=environ | {"NO_COLOR": "1"}, **kwargs)  # type: ignore[call-overload]  # fmt: skip


def test_a_non_blocking_pipe_read_slowly_gets_the_whole_json(tmp_path):
    """As Node.js and some CI runners read a child: its end of the pipe non-blocking. The first
    64 KB had come through, then nothing, with exit 0."""
    import time

    book = big_workbook(tmp_path)
    read, write = os.pipe()
    os.set_blocking(write, False)
    with process("rate", book, "-f", "json", stdout=write, stderr=subprocess.PIPE) as child:
        os.close(write)
        time.sleep(0.5)  # the pipe fills while nothing reads it
        chunks = []
        while chunk := os.read(read, 1 << 16):
            chunks.append(chunk)
        os.close(read)
        assert child.wait() == 0, child.stderr.read()
    measures = json.loads(b"".join(chunks))["measures"]
    assert (
        len(measures) == BIG
        and measures[-1]["description"] == f"Synthetic measure {BIG - 1} (SYNTHETIC)"
    )


def test_a_non_blocking_pipe_is_left_non_blocking_for_the_program_that_shares_it():
    """The mode belongs to the pipe, which the program that started perfcli may write to too."""
    read, write = os.pipe()
    os.set_blocking(write, False)
    with process("--version", stdout=write, stderr=subprocess.PIPE) as child:
        assert child.wait() == 0, child.stderr.read()
    assert os.get_blocking(write) is False
    os.close(write)
    assert os.read(read, 100).startswith(b"perfcli ")
    os.close(read)


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_a_reader_that_stops_reading_ends_perfcli_quietly_with_141(tmp_path, fmt):
    """`perfcli rate FILE | head`: rich's table had exited 1 ("bad data"), JSON of one write 0,
    as if all of it had been read."""
    book = big_workbook(tmp_path)
    with process("rate", book, "-f", fmt, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout.read(100)
        child.stdout.close()  # as `head -c 100` does
        assert child.wait() == 141
        assert child.stderr.read() == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to fill")
@pytest.mark.parametrize(
    "args", [["rate", "{book}", "-f", "json"], ["rate", "{book}"], ["--version"]]
)
def test_output_to_a_full_disk_is_one_line_and_exit_4(tmp_path, args):
    book = big_workbook(tmp_path)
    with open("/dev/full", "wb") as full:
        with process(
            *(a.format(book=book) for a in args), stdout=full, stderr=subprocess.PIPE
        ) as child:
            err = child.stderr.read().decode()
    assert child.returncode == 4
    assert err == (
        "Error: the output could not be written (No space left on device) (anything the command"
        " stored is kept; send its output where it can be written)\n"
    )


def test_a_closed_standard_output_is_refused_at_once_with_exit_4(tmp_path):
    done = subprocess.run([sys.executable, "-m", "perfcli", "--version"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False,
                          preexec_fn=lambda: os.close(1))  # noqa: PLW1509  # fmt: skip
    assert done.returncode == 4
    assert (
        done.stderr.decode()
        == "Error: the output could not be written (standard output is closed)\n"
    )


@pytest.mark.skipif(sys.platform != "linux", reason="a file size limit is Linux's setrlimit")
def test_a_store_the_disk_will_not_serve_is_not_called_damaged(example):
    """Under a file size limit SQLite cannot make its 32 KB `-shm` file: the store had been
    called damaged, with the advice to restore it from a backup."""
    import resource

    run("import", *sorted((example / "data").glob("*.xlsx")), "-w", example, encoding="utf-8")

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))

    done = subprocess.run([sys.executable, "-m", "perfcli", "measures", "-w", str(example)],
                          capture_output=True, text=True, preexec_fn=limited, check=False)  # noqa: PLW1509  # fmt: skip
    assert done.returncode == 4
    assert "perfcli.db: the store could not be used (disk I/O error)" in done.stderr
    assert "the store is not damaged" in done.stderr and "backup" not in done.stderr
    with closing(sqlite3.connect(example / "perfcli.db")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_json_to_a_stream_that_is_not_utf8_is_ascii_and_the_same_data(example):
    """PYTHONIOENCODING=latin-1 (or a redirect on Windows, cp1252): JSON had been written in
    that encoding, `é` as the byte 0xE9, which a program reading UTF-8 JSON cannot decode."""
    run("import", *sorted((example / "data").glob("*.xlsx")), "-w", example, encoding="utf-8")
    (latin,) = run("rate", "-w", example, "-f", "json", encoding="latin-1")[0]
    (utf8,) = run("rate", "-w", example, "-f", "json", encoding="utf-8")[0]
    assert latin.isascii() and "\\u2014" in latin and "—" in utf8
    assert json.loads(latin) == json.loads(utf8)


@pytest.mark.skipif(sys.platform != "linux", reason="a file size limit is Linux's setrlimit")
def test_plain_output_is_written_whole_or_the_command_says_why(tmp_path, workspace):
    """Written through Python's stream, a write the system took only part of was passed over:
    `measures | head` of 3,000 measures exited 0, and `--help` cut short at a file size limit
    exited 0 (a second trial). SYNTHETIC measures."""
    import resource

    perfcli_import = subprocess.run([sys.executable, "-m", "perfcli", "import", str(big_workbook(tmp_path)),
                                     "-w", str(workspace)], capture_output=True, check=False)  # fmt: skip
    assert perfcli_import.returncode == 0, perfcli_import.stderr
    with process(
        "measures", "-w", workspace, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as child:
        assert child.stdout.read(100)
        child.stdout.close()
        assert child.wait() == 141
        assert child.stderr.read() == b""

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    with (tmp_path / "help.txt").open("wb") as out:
        done = subprocess.run([sys.executable, "-m", "perfcli", "--help"], stdout=out,
                              stderr=subprocess.PIPE, preexec_fn=limited, check=False)  # noqa: PLW1509  # fmt: skip
    assert done.returncode == 4
    assert done.stderr.decode().startswith(
        "Error: the output could not be written (File too large)"
    )
