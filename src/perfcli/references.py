"""A file's path and a cell's reference as text: light enough for `perfcli --help`, which prints
paths and loads no record type."""

from __future__ import annotations

import re
from pathlib import PurePath

# A lone surrogate: how Python holds a byte of a file's name or an argument that is not UTF-8
# (`caf\xe9` as `caf\udce9`, PEP 383), which neither the store nor an output stream can take.
NOT_UTF8 = re.compile("[\ud800-\udfff]")
# What a name may hold that would break its line or move the cursor: a byte not UTF-8, a control.
_UNSHOWABLE = re.compile("[\ud800-\udfff\x00-\x1f\x7f]")
_CONTROLS = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")


def column_index(letters: str) -> int:
    """A -> 1, AA -> 27."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def cell_order(ref: str | None) -> tuple[int, int]:
    """A cell's reference (`F11`) as a reader comes to it: (row, column); (0, 0) for none, so
    F6 comes before F11, which their text's order puts after it."""
    found = _CELL_REF.fullmatch(ref or "")
    return (int(found.group(2)), column_index(found.group(1))) if found else (0, 0)


def path_text(path: str | PurePath) -> str:
    """A file's path as text, the same wherever it is stored or shown (the store, a finding's
    location, JSON): each byte of its name that is not UTF-8 as `\\xe9`, and a control character
    as `\\n` or `\\x1b`, what it was on disk in characters any output can hold on one line.
    (`files.shown_path` is which folder a printed path is from.)"""
    return _UNSHOWABLE.sub(_byte_shown, str(path))


def _byte_shown(found: re.Match[str]) -> str:
    char = found[0]
    code = ord(char)
    if code < 0xD800:
        return _CONTROLS.get(char) or f"\\x{code:02x}"
    # 0xdc80-0xdcff are the bytes 0x80-0xff (PEP 383); any other is a Windows name's own half.
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
