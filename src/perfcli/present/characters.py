"""Characters as perfcli writes them: control characters removed, and a stand-in for whatever
an output's encoding cannot hold (perfcli's symbols, a file's name that is not UTF-8)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import IO

from perfcli.references import path_text

# Characters a terminal or spreadsheet acts on rather than shows: C0 and C1 controls (ESC
# starts a terminal's escape sequences; 0x9b is a one-byte CSI), DEL, and the bidirectional
# overrides that make text read differently from how it is stored. Newline and tab are kept.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every control character removed: safe to print, whoever wrote it."""
    return CONTROL.sub("", text)


# What perfcli's own symbols become on a stream whose encoding cannot hold them (cp1252, as a
# redirect to a file on Windows is, latin-1 or ascii): each mark has its words beside it, so an
# ASCII shape that reads the same is enough; an arrow between two figures stays an arrow. None
# holds a bracket or ends with a backslash: rich reads stand-ins as markup (`render_str`).
_SHAPES = {
    "✔": "+", "✘": "x", "≈": "~", "⚠": "!", "ℹ": "i", "–": "-", "—": "-", "−": "-", "…": "...",
    "▲": "^", "▼": "v", "◀": "<", "▶": ">", "⇧": "^", "⇩": "v", "⬆": "^", "⬇": "v", "↗": "^",
    "↘": "v", "→": "->", "←": "<-", "●": "*", "◆": "*", "■": "*", "○": "o", "±": "+/-",
    "≤": "<=", "≥": ">=", "×": "x", "£": "GBP", "€": "EUR", "‘": "'", "’": "'", "“": '"',
    "”": '"', "•": "*", "·": ".",
}  # fmt: skip
_MARKUP = re.compile(r"[\[\]\\]")
STAND_INS = "perfcli.stand_ins"  # the name of the error handler that writes them
JSON_ESCAPES = "perfcli.json_escapes"


def _stand_in(char: str) -> str:
    """What `char`, which a stream's encoding cannot hold, is written as, in ASCII (which every
    such encoding holds): perfcli's stand-in for its own symbol; a byte of a file's name that is
    not UTF-8 as `path_text` shows it; a letter without its accent (`é` in ascii: `e`); nothing
    for a control character, which is never shown; else `?`."""
    if char in _SHAPES:
        return _SHAPES[char]
    if "\ud800" <= char <= "\udfff":
        return path_text(char)
    if CONTROL.match(char):
        return ""
    plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    readable = plain.isascii() and plain.isprintable() and not _MARKUP.search(plain)
    return plain if readable else "?"  # `［` is `[` in NFKD: a bracket of rich's markup


def _write_stand_ins(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    gone = error.object[error.start : error.end]
    return "".join(_stand_in(char) for char in gone), error.end


def _write_json_escapes(error: UnicodeError) -> tuple[str, int]:
    """What an encoding cannot hold as JSON's escapes (`\\u2714`; beyond U+FFFF as a pair)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    units = error.object[error.start : error.end].encode("utf-16-be", "surrogatepass")
    escaped = (int.from_bytes(units[i : i + 2], "big") for i in range(0, len(units), 2))
    return "".join(f"\\u{unit:04x}" for unit in escaped), error.end


codecs.register_error(STAND_INS, _write_stand_ins)
codecs.register_error(JSON_ESCAPES, _write_json_escapes)


def holdable(text: str, encoding: str | None, errors: str = STAND_INS) -> str:
    """`text` as it can be written in `encoding` (None: any), each character it cannot hold
    given its stand-in (or what `errors` writes): made before rich measures a table, so its
    columns stay aligned."""
    if encoding is None or text.isascii():
        return text
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, errors).decode(encoding)
    return text


# The errors a standard stream is made with that a stand-in is better than.
_REPLACED = ("strict", "backslashreplace")


def fit(stream: IO[str]) -> None:
    """Have `stream` write a stand-in for whatever its encoding cannot hold, where it would
    otherwise stop with an error (strict, the default) or write a Python escape (stderr's)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", None) in _REPLACED:
        reconfigure(errors=STAND_INS)
