"""Which sheets and rows of a workbook are hidden, read from the package's XML (openpyxl's
read-only mode does not say)."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_NUMBER = re.compile(rb'\br="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class Hidden:
    """Sheets hidden in Excel (by name), and each visible sheet's hidden rows."""

    sheets: set[str] = field(default_factory=set)
    rows: dict[str, set[int]] = field(default_factory=dict)


def hidden_parts(path: Path) -> Hidden:
    """What Excel hides in this workbook; nothing for a CSV or a package that will not open."""
    from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

    found = Hidden()
    try:
        with zipfile.ZipFile(path) as archive:
            book = fromstring(archive.read("xl/workbook.xml"))
            rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
            for sheet in book.iter(f"{_MAIN}sheet"):
                name = sheet.get("name") or ""
                if sheet.get("state") in ("hidden", "veryHidden"):
                    found.sheets.add(name)
                    continue
                target = targets.get(sheet.get(f"{_REL}id"), "")
                part = (
                    target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
                )
                rows = _hidden_rows(archive.read(posixpath.normpath(part)))
                if rows:
                    found.rows[name] = rows
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError):
        return Hidden()  # the reader reports a damaged file in its own words
    return found


def _hidden_rows(xml: bytes) -> set[int]:
    rows = set()
    for match in _ROW.finditer(xml):
        attributes = match.group(1)
        if _HIDDEN.search(attributes):
            number = _NUMBER.search(attributes)
            if number:
                rows.add(int(number.group(1)))
    return rows
