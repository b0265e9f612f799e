"""Output for programs and for pipes: JSON row by row as the whole object would be dumped, and a
plain line to a pipe as rich would print it."""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from rich.cells import cell_len
from rich.console import Console

from perfcli.present.characters import holdable
from perfcli.present.console import Env, write_json

ROWS = [
    {"id": "ascof-2a", "value": 0.896, "value_text": "89.6%", "comparator": {"value": 77.5}},
    {"id": "local", "value": None, "value_text": "Due June 2025\x1b[31m", "tags": ["a", "b"]},
    {"id": "delay", "value": 773.0, "value_text": "773 End of March 2024 \u202e", "rag": None},
]


def written(data: object) -> str:
    out = io.StringIO()
    write_json(Env(out=Console(file=out)), data)
    return out.getvalue()


@pytest.mark.parametrize("rows", [ROWS, ROWS[:1], []])
def test_rows_streamed_from_an_iterator_are_the_bytes_of_the_list(rows):
    whole = {"period": "2023-24", "measures": rows, "summary": {"rating": {"better": 1}}}
    streamed = {**whole, "measures": iter(rows)}
    assert written(streamed) == written(whole)
    expected = json.dumps(whole, ensure_ascii=False, separators=(",", ":"))
    expected = expected.replace("\x1b", "\\u001b")
    assert written(whole) == expected.replace("\u202e", "\\u202e") + "\n"


def test_a_result_with_no_iterator_is_dumped_whole():
    assert written([1, "two", None]) == '[1,"two",null]\n'
    assert written({"when": date(2024, 6, 3)}) == '{"when":"2024-06-03"}\n'


@dataclass
class _Made:
    name: str


@pytest.mark.parametrize(
    "data",
    [
        {"when": datetime(2025, 7, 10, 9, 30), "made": _Made("x")},  # to str, as before orjson
        {"name": "caf\udce9.xlsx"},  # a lone surrogate (a file name's byte): the library's encoder
        {"big": 2**70, 3: "a key that is not a text"},
        {"figures": [0.1 + 0.2, 528700.0, -27.5, 1e16, 1e-05, 12]},
    ],
)
def test_what_orjson_writes_is_what_the_standard_library_wrote_compactly(data):
    """orjson writes the JSON (6-10 times as fast); what it cannot write, the standard library's
    encoder does: either way the bytes are json.dumps's, compact, but for a float's exponent."""
    expected = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    out = written(data)
    assert json.loads(out) == json.loads(expected)
    if "figures" not in data:
        assert out == expected + "\n"


@pytest.mark.parametrize(
    "data",
    [
        {"rows": iter([{"x": "café ✔"}, {"y": 1.5}] * 40)},
        {"name": "caf\udce9.xlsx", "rows": iter([{"file": "caf\udce9.xlsx"}, {"x": "é"}] * 40)},
        {"hangul": "한국어", "rows": iter([{"x": "한"}] * 40)},  # ED lead bytes, no surrogate
    ],
)
def test_json_to_a_surrogateescape_stream_is_the_bytes_the_stream_would_write(data):
    """Standard output under a C or C.UTF-8 locale: JSON goes to the bytes beneath it, where it
    is what the stream itself would write; a file name's byte (a lone surrogate) is that byte."""
    rows = list(data["rows"])
    expected = json.dumps({**data, "rows": rows}, ensure_ascii=False, separators=(",", ":"))
    buffer = io.BytesIO()
    out = io.TextIOWrapper(buffer, encoding="utf-8", errors="surrogateescape")
    write_json(Env(out=Console(file=out)), {**data, "rows": iter(rows)})
    assert buffer.getvalue() == (expected + "\n").encode("utf-8", "surrogateescape")


# A plain line to a pipe is written without loading rich: what rich would have printed.
LINES = [
    "",
    "✔ a2k.xlsx: imported — 2000 measures for 2023/24; figures: 4000 new, 0 revised",
    "Warning: Sheet1!E7: '1.5E+06' read as 1,500,000",
    "  leading and trailing  ",
    "a\nb\n",
    "\n\n",
    "bell\x07 escape\x1b[31m red\x1b[0m cr\r del\x7f csi\x9b bidi\u202e end",
    "tab\there",
    ":warning: an emoji's name",
    "time 10:30:45 and ratio 3:1",
    "x:y:z",
    "wide 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
    "漢字" * 8,
    "combining e\u0301\u0301\u0301",
    "a " * 150,
    "word" * 60,
    "zero\u200bwidth",
    "Hint: set survey_period under [measures.pct-of-carers-who-had-as-much-social-contact]",
]


def _through_rich(text: str, *, stderr: bool, width: int) -> str:
    """`text` said (or warned) through a console as perfcli makes one for a pipe."""
    from perfcli.present.console import _console_class

    out = io.StringIO()
    console = _console_class()(
        file=out, highlight=False, emoji=False, width=width, soft_wrap=False, force_terminal=False
    )
    env = Env(out=console, err=console)
    (env.warn if stderr else env.say)(text)
    return out.getvalue()


@pytest.mark.parametrize("columns", ["200", "24"])
@pytest.mark.parametrize("text", LINES)
def test_a_plain_line_to_a_pipe_is_what_rich_prints(text, columns, monkeypatch):
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", columns)
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    env = Env.terminal()
    env.say(text)
    env.warn(text)
    assert env._out is None and env._err is None  # written plainly, no console made
    assert out.getvalue() == _through_rich(text, stderr=False, width=int(columns))
    assert err.getvalue() == _through_rich(text, stderr=True, width=int(columns))
    for line in out.getvalue().splitlines():
        assert line == line.rstrip() and cell_len(line) <= int(columns), line


def test_a_plain_line_to_a_pipe_loads_no_rich(tmp_path):
    """`perfcli import` to a pipe: its one line of summary, with rich never imported."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from perfcli.present.console import Env\n"
        "env = Env.terminal()\n"
        "assert not env.on_terminal\n"
        "env.say('✔ done: 3 measures')\n"
        "env.warn('Warning: a.xlsx, Sheet1, E7: unreadable')\n"
        "print(sorted(m for m in sys.modules if m.startswith('rich')), file=sys.stderr)\n"
    )
    settings = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")
    environ = {k: v for k, v in os.environ.items() if k not in settings}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environ, check=True
    )
    assert done.stdout == "✔ done: 3 measures\n"
    assert done.stderr == "Warning: a.xlsx, Sheet1, E7: unreadable\n[]\n"


def test_a_forced_terminal_is_left_to_rich(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    env = Env.terminal()
    env.say("through rich")
    assert env._out is not None  # rich's console was made: FORCE_COLOR is rich's to honour
    assert out.getvalue() == "through rich\n"


SYMBOLS = [
    "✔ a.xlsx: imported — 2 measures; ▲ improved, ▼ not as good, ◀▶ similar, ≈ similar",
    "ASCOF 2C: printed ▼ not as good; perfcli: 599 → 572 per 100k, -4.5% is beyond ±3%",
    "⚠ warning ℹ info ✘ error … awaited ● G green ◆ A amber ■ R red ↗ increasing – n/a",
    "café £5.2m €3 ‘quoted’ “twice” 漢字 🙂 caf\udce9.xlsx",
]


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1", "utf-8"])
@pytest.mark.parametrize("text", [*SYMBOLS, *LINES])
def test_a_line_a_stream_cannot_hold_is_written_with_stand_ins_by_either_path(
    text, encoding, monkeypatch
):
    """A plain line to a pipe and rich's line are the same where the stream's encoding cannot
    hold a character: perfcli's stand-in for its own symbols, else `?`."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "60")
    streams = [io.TextIOWrapper(io.BytesIO(), encoding=encoding) for _ in range(4)]
    monkeypatch.setattr("sys.stdout", streams[0])
    monkeypatch.setattr("sys.stderr", streams[1])
    env = Env.terminal()
    env.say(text)
    env.warn(text)
    monkeypatch.setattr("sys.stdout", streams[2])
    monkeypatch.setattr("sys.stderr", streams[3])
    rich = Env.terminal()
    assert rich.out and rich.err  # made: what follows goes through rich, though plainly piped
    rich.say(text)
    rich.warn(text)
    written = [stream.buffer.getvalue().decode(encoding) for stream in streams]  # type: ignore[attr-defined]
    assert (written[0], written[1]) == (written[2], written[3])


def test_perfcli_s_symbols_stand_in_as_ascii_and_json_stays_json():
    assert holdable(SYMBOLS[0], "ascii") == (
        "+ a.xlsx: imported - 2 measures; ^ improved, v not as good, <> similar, ~ similar"
    )
    assert holdable(SYMBOLS[1], "cp1252") == (
        "ASCOF 2C: printed v not as good; perfcli: 599 -> 572 per 100k, -4.5% is beyond ±3%"
    )
    assert holdable(SYMBOLS[2], "ascii") == (
        "! warning i info x error ... awaited * G green * A amber * R red ^ increasing - n/a"
    )
    assert holdable(SYMBOLS[3], "ascii") == (
        "cafe GBP5.2m EUR3 'quoted' \"twice\" ?? ? caf\\xe9.xlsx"
    )
    # Nothing rich would read as markup: `［` is `[` without its width.
    assert holdable("［bold］x ↘[/]", "ascii") == "?bold?x v[/]"
    out = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    data = {"outcome": SYMBOLS[3], "marks": [SYMBOLS[0]]}
    write_json(Env(out=Console(file=out)), data)
    # To a stream that is not UTF-8, JSON is ASCII (which UTF-8 and cp1252 share), every
    # other character escaped: `café` in cp1252 was not the UTF-8 JSON programs read.
    raw = out.buffer.getvalue()  # type: ignore[attr-defined]
    assert raw.isascii()
    text = raw.decode("ascii")
    assert "\\u2714 a.xlsx" in text and "\\ud83d\\ude42" in text and "caf\\u00e9" in text
    assert json.loads(text) == data
