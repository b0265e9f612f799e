"""Terminal output: rich tables for people, plain when piped or NO_COLOR, JSON/CSV for programs."""

from __future__ import annotations

import codecs
import csv
import errno
import functools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from itertools import islice
from typing import IO, TYPE_CHECKING, Any

from perfcli.present.characters import CONTROL, JSON_ESCAPES, STAND_INS, fit, holdable, printable
from perfcli.present.wrapping import wrapped

if TYPE_CHECKING:
    from rich.console import Console
    from rich.segment import Segment


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def _piped_width() -> int:
    """The width of output that is not a terminal: COLUMNS when set (a terminal's width, kept
    through a pipe), else wide enough that a table is never folded for a file."""
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else 200


@functools.cache
def _console_class() -> type[Console]:
    from rich.console import Console
    from rich.segment import Segment
    from rich.text import Text

    class CleanConsole(Console):
        """A console that prints text from files without its control characters (the only
        escape sequences it writes are its own styles), and no line ending in spaces."""

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                _unpadded(
                    segment if segment.control else Segment(printable(segment.text), segment.style)
                    for segment in buffer
                )
            )

        def render_str(self, text: str, **options: Any) -> Text:
            return super().render_str(holdable(text, self.encoding), **options)

        def on_broken_pipe(self) -> None:
            # A reader that stopped reading (`| head`): what every perfcli output does then
            # (command_line.output_failed), where rich ended the process with 1, "bad data".
            raise BrokenPipeError(errno.EPIPE, "the reader stopped reading")

    return CleanConsole


def _unpadded(segments: Iterable[Segment]) -> Iterator[Segment]:
    """`segments` without the spaces that end a line (a table's or a padding's fill), but those
    a background colour shows."""
    from rich.segment import Segment

    held: list[Segment] = []  # spaces that are only shown if more follows on their line
    for segment in segments:
        text, style = segment.text, segment.style
        if segment.control or (style is not None and (style.bgcolor or style.reverse)):
            yield from held
            held.clear()
            yield segment
            continue
        lines = text.split("\n")
        for n, line in enumerate(lines):
            if n:
                held.clear()
                yield Segment("\n", style)
            body = line.rstrip(" ")
            if body:
                yield from held
                held.clear()
                yield Segment(body, style)
            if len(body) < len(line):
                held.append(Segment(line[len(body) :], style))
    yield from held


def stdout_console() -> Console:
    console_class = _console_class()
    console = console_class(highlight=False, emoji=False, soft_wrap=False)
    if not console.is_terminal:
        console = console_class(highlight=False, emoji=False, width=_piped_width(), soft_wrap=False)
    return console


def stderr_console() -> Console:
    console_class = _console_class()
    console = console_class(stderr=True, highlight=False, emoji=False, soft_wrap=False)
    if not console.is_terminal:
        console = console_class(
            stderr=True, highlight=False, emoji=False, soft_wrap=False, width=_piped_width()
        )
    return console


# Whatever could make rich take a pipe for a terminal; with none of them set, it goes by isatty.
_TERMINAL_SETTINGS = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


def _plainly_piped(stream: IO[str]) -> bool:
    """Whether rich is sure to find `stream` no terminal, known without loading rich (14 ms):
    nothing set that makes a pipe a terminal to rich, no notebook or IDLE, and not a terminal."""
    if any(name in os.environ for name in _TERMINAL_SETTINGS):
        return False
    if "IPython" in sys.modules or "idlelib" in sys.modules:
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return isatty is not None and not isatty()
    except ValueError:
        return False


class Env:
    """Where one command's output goes: made once per command, passed to whatever prints.

    Its consoles are made when first printed to, so JSON and CSV never load rich, nor does a
    plain line to a pipe.
    """

    def __init__(self, out: Console | None = None, err: Console | None = None) -> None:
        self._out, self._err = out, err

    @classmethod
    def terminal(cls) -> Env:
        """The standard streams, each writing a stand-in for what its encoding cannot hold."""
        fit(sys.stdout)
        fit(sys.stderr)
        return cls()

    @property
    def out(self) -> Console:
        if self._out is None:
            self._out = stdout_console()
        return self._out

    @property
    def err(self) -> Console:
        if self._err is None:
            self._err = stderr_console()
        return self._err

    @property
    def stdout(self) -> IO[str]:
        """Where JSON and CSV are written: the console's file once there is a console."""
        return self._out.file if self._out is not None else sys.stdout

    @property
    def colour(self) -> bool:
        return self.out.is_terminal and not self.out.no_color

    @property
    def on_terminal(self) -> bool:
        """Whether standard output and standard error are both a terminal, as rich finds them."""
        if (self._out is None and _plainly_piped(sys.stdout)) or (
            self._err is None and _plainly_piped(sys.stderr)
        ):
            return False
        return self.out.is_terminal and self.err.is_terminal

    def say(self, text: str) -> None:
        """A plain line on standard output, never read as markup, wrapped at the width."""
        if self._out is None and _plainly_piped(sys.stdout):
            _write_plainly(sys.stdout, _line(text, sys.stdout, _piped_width()))
        else:
            _print_plainly(self.out, text)

    def warn(self, text: str) -> None:
        """A plain line on standard error, as `say` prints one, but wrapped only for a person
        watching: to a pipe or a file each warning or error stays one line, for a program or
        `grep` to read."""
        if self._err is None and _plainly_piped(sys.stderr):
            _write_plainly(sys.stderr, _line(text, sys.stderr, None))
        else:
            _print_plainly(self.err, text, wrap=self.err.is_terminal)


def _line(text: str, stream: IO[str], width: int | None) -> str:
    """`text` as a line for people on `stream`: what its encoding holds (the rest as stand-ins),
    no control characters, wrapped at `width` (None: not wrapped), no line ending in spaces."""
    shown = printable(holdable(text, getattr(stream, "encoding", None)))
    if width is None:
        return "\n".join(line.rstrip() for line in shown.expandtabs().split("\n"))
    return wrapped(shown, width)


def _print_plainly(console: Console, text: str, *, wrap: bool = True) -> None:
    """`text` as `_line` makes it for the console's stream, printed as it is: the bytes
    `_write_plainly` writes to a pipe (rich wraps nothing again)."""
    shown = _line(text, console.file, console.width if wrap else None)
    console.print(shown, markup=False, no_wrap=True, overflow="ignore", crop=False)


def _write_plainly(stream: IO[str], text: str) -> None:
    """As rich writes a line it has printed: at once, flushed."""
    stream.write(text + "\n")
    stream.flush()


def escape(text: str) -> str:
    """The text shown as it is, never read as rich's markup (rich loaded only when it is).

    A whole cell or a text that ends a line: rich's own escape doubles a backslash at the end
    (which would escape a tag put after it), and that doubling is then printed. Nothing here puts
    a tag straight after a text from a file."""
    from rich import markup

    escaped = markup.escape(text)
    return escaped[:-1] if escaped.endswith("\\\\") and not text.endswith("\\\\") else escaped


def emit(
    env: Env,
    output: OutputFormat,
    data: Any,
    rows: Iterable[dict[str, Any]],
    fields: Sequence[str],
    show: Callable[[], None],
) -> None:
    """A result as asked for: `data` as JSON, `rows` as CSV, or a table for people from `show`."""
    if output is OutputFormat.JSON:
        write_json(env, data)
    elif output is OutputFormat.CSV:
        write_csv(env, rows, fields)
    else:
        show()


def _escape_formula(value: object) -> object:
    # Spreadsheet programs run cells starting with these as formulas: keep them text.
    if not isinstance(value, str):
        return value
    value = printable(value)
    if value[:1] in ("=", "+", "-", "@") and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


# What orjson cannot write (a lone surrogate, an integer beyond 64 bits, a key that is not a
# text) is written by the standard library's encoder, in the same compact form. Made once:
# json.dumps makes a new encoder on every call that passes options.
_ENCODER = json.JSONEncoder(
    ensure_ascii=False, default=str, check_circular=False, separators=(",", ":")
)
# Rows per call into the encoder: a chunk's text (~40 kB) stays in the CPU's cache while it is
# encoded, searched and written; 256 rows a chunk took 5% longer at 20,000 measures.
_CHUNK = 32


# Every printable ASCII byte: deleted from a text's UTF-8, what is left is its other characters.
_ASCII_PRINTABLE = bytes(range(0x20, 0x7F))


def _json(data: Any) -> bytes:
    """`data` as compact JSON in UTF-8 (lone surrogates kept as `_writer` gives them back).

    orjson writes UTF-8 bytes at once, 6-10 times as fast as the standard library's encoder
    (24.7 MB of `rate FILE` at 20,000 measures: 120-195 ms against 13-30 ms). Dates, times and
    dataclasses are passed to `str`, as the standard library's `default=str` wrote them."""
    import orjson

    # orjson's own forms of these (`2025-07-10T09:00:00`, a dataclass as an object) are not
    # perfcli's: they go to `str`.
    passed = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
    try:
        raw = orjson.dumps(data, default=str, option=passed)
    except orjson.JSONEncodeError:
        raw = _ENCODER.encode(data).encode("utf-8", "surrogatepass")
    # Control characters looked for among the characters that are not printable ASCII (a few
    # in a thousand), as bytes: a regex over the whole text took 4 ns a character, 100 ms at
    # 20,000 measures. JSON escapes C0 controls itself; the rest are written as \\uXXXX
    # escapes, so the text is kept.
    if CONTROL.search(raw.translate(None, _ASCII_PRINTABLE).decode("utf-8", "surrogatepass")):
        text = raw.decode("utf-8", "surrogatepass")
        text = CONTROL.sub(lambda found: f"\\u{ord(found[0]):04x}", text)
        raw = text.encode("utf-8", "surrogatepass")
    return raw


# A UTF-8 stream's errors under which it writes the JSON's own bytes: strict, or perfcli's
# stand-ins (which a UTF-8 stream only ever gives a lone surrogate, as strict would refuse it).
_WHOLE = ("strict", STAND_INS)


def _writer(stream: IO[str]) -> Callable[[bytes | memoryview], object]:
    """How to write JSON's UTF-8 to a text stream: to the bytes beneath it when it writes UTF-8
    (standard output: JSON is then encoded once, not again by the stream), else as text; to a
    stream whose encoding is not UTF-8 (Windows' cp1252, PYTHONIOENCODING=latin-1), as ASCII,
    every other character a `\u00e9` escape: JSON between programs is UTF-8 (RFC 8259), of
    which ASCII is a part, where `café` in cp1252 is not."""
    buffer = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    utf8 = encoding is None or codecs.lookup(encoding).name == "utf-8"
    errors = getattr(stream, "errors", None)
    if buffer is not None and encoding and utf8 and errors in _WHOLE:
        stream.flush()
        return buffer.write
    if buffer is not None and encoding and utf8 and errors == "surrogateescape":
        # Python's standard output under a C or C.UTF-8 locale. It writes JSON's bytes as
        # they are, except a lone surrogate (which UTF-8 cannot carry), which it gives back as
        # a byte: such a chunk goes through the stream. 25 MB at 20,000 measures took 20-40 ms
        # to decode and encode again.
        stream.flush()
        return functools.partial(_bytes_or_escaped, stream, buffer)
    if utf8:  # it holds every character: asking cost `rate FILE -f json` 20 ms at 20,000
        return lambda raw: stream.write(str(raw, "utf-8", "surrogatepass"))
    return lambda raw: stream.write(
        holdable(str(raw, "utf-8", "surrogatepass"), "ascii", JSON_ESCAPES)
    )


# A lone surrogate as "surrogatepass" writes it in UTF-8: ED A0-BF, then a continuation byte.
_LONE_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")


def _bytes_or_escaped(stream: IO[str], buffer: IO[bytes], raw: bytes | memoryview) -> object:
    if _LONE_SURROGATE.search(raw):  # 7 ms over 25 MB
        stream.write(str(raw, "utf-8", "surrogatepass"))
        return stream.flush()
    return buffer.write(raw)


def _chunks(items: Iterator[Any]) -> Iterator[list[Any]]:
    while chunk := list(islice(items, _CHUNK)):
        yield chunk


def write_json(env: Env, data: Any) -> None:
    """`data` as one line of JSON. A value of a top-level object that is an iterator (rows made
    one at a time) is written as an array item by item, so a long result is never held whole,
    as objects or as text; the bytes are those of the same object with a list in its place."""
    stream = env.stdout
    _write_json(_writer(stream), data)
    stream.flush()  # what went to the bytes beneath is out now, as a terminal's line would be


def _write_json(write: Callable[[bytes | memoryview], object], data: Any) -> None:
    if not isinstance(data, dict) or not any(isinstance(v, Iterator) for v in data.values()):
        write(_json(data) + b"\n")
        return
    write(b"{")
    for n, (key, value) in enumerate(data.items()):
        write(b"%s%s:" % (b"," if n else b"", _json(str(key))))
        if not isinstance(value, Iterator):
            write(_json(value))
            continue
        write(b"[")
        # A few dozen items at a time: one call into the C encoder per chunk rather than per
        # item, and a chunk's text is that of the items joined as a whole list would join them.
        for i, chunk in enumerate(_chunks(value)):
            if i:
                write(b",")
            write(memoryview(_json(chunk))[1:-1])  # the items, not the list's brackets (no copy)
        write(b"]")
    write(b"}\n")


def write_csv(env: Env, rows: Iterable[dict[str, Any]], fields: Sequence[str]) -> None:
    """`rows` as CSV, written row by row as they are made (a long result is never held whole)."""
    writer = csv.DictWriter(
        env.stdout, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        flat = {key: _escape_formula(_csv_value(value)) for key, value in row.items()}
        writer.writerow(flat)


def _csv_value(value: Any) -> Any:
    """A cell as the JSON output writes the same value: `true`, not Python's `True`; a nested
    value (a comparator) as its compact JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value
