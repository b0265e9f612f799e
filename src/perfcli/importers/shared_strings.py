"""A workbook's shared texts bounded before any reader copies one into every cell that uses it.

A 110 KB file can hold one text of 100 MB used by 1,000 cells: it unpacks to 100 MB, within
max_unzipped_mb, but python-calamine copies the text for each cell (100 GB). So no text may be
longer than the 32,767 characters Excel allows in a cell, and the texts a workbook's cells show
may together come to no more than max_unzipped_mb.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from perfcli.errors import InputError
from perfcli.importers.file_checks import xml_bomb

# The most characters Excel lets a cell hold.
EXCEL_CELL_CHARACTERS = 32_767
# Where max_unzipped_mb is not given (a national table, an index): its default.
DEFAULT_MAX_TEXT = 500_000_000
# No shared-text reference is shorter than `<c t="s"><v>0</v></c>`.
_SHORTEST_REFERENCE = 21
_CLOSE = b"</si>"
_CHUNK = 1 << 20


def check_shared_texts(archive: zipfile.ZipFile, path: Path, budget: int | None) -> None:
    """Refuse a text longer than a cell can hold, and cells whose texts together exceed
    `budget` characters, before either reader reads a cell.

    Most workbooks pass on a bound read from bytes alone (3 ms at 20,000 measures, 2 of them
    unpacking the part): no text is longer than the budget spread over as many references as
    the other parts could hold. Only where that fails are the texts and references counted.
    """
    budget = DEFAULT_MAX_TEXT if budget is None else budget
    package = _Package(archive)
    names = package.shared_texts()
    # Every entry of those names: a zip may hold two of one name, and readers differ on which.
    texts = [info for info in archive.infolist() if info.filename in names]
    if not texts:
        return
    others = sum(info.file_size for info in archive.infolist() if info.filename not in names)
    references = max(others // _SHORTEST_REFERENCE, 1)
    under = min(EXCEL_CELL_CHARACTERS + 1, budget // references + 1)
    if all(_all_shorter(archive, info, under) for info in texts):
        return
    lengths = [_text_lengths(archive, info, path) for info in texts]
    used = 0
    for sheet, part in package.worksheets():
        for cell, index in _shared_references(archive, part, path):
            length = max((found[index] for found in lengths if index < len(found)), default=0)
            if length > EXCEL_CELL_CHARACTERS:
                raise InputError(
                    f"shows a text of more than {EXCEL_CELL_CHARACTERS:,} characters (shared"
                    f" text {index + 1}), longer than Excel allows in a cell",
                    file=path,
                    sheet=sheet,
                    cell=cell,
                    hint="it was not saved by Excel; shorten the text, or ask for the workbook"
                    " as Excel saves it",
                )
            used += length
            if used > budget:
                raise InputError(
                    f"its cells' texts come to more than {budget:,} characters by this cell"
                    " (long texts repeated cell after cell), over the max_unzipped_mb limit",
                    file=path,
                    sheet=sheet,
                    cell=cell,
                    hint="raise max_unzipped_mb under [import] in perfcli.toml if this workbook"
                    " is genuine",
                )


def _all_shorter(archive: zipfile.ZipFile, part: zipfile.ZipInfo, under: int) -> bool:
    """Whether every text of a shared-strings part is surely shorter than `under` characters:
    a text's bytes are at least its characters, and each lies before its `</si>`, so a
    `</si>` within every `under` bytes proves it, jumping from one to the farthest next one.
    A comment, CDATA or processing instruction could hide a `</si>` in a text: then not proven.
    """
    tail = b""
    first = True
    with archive.open(part) as stream:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            data = tail + chunk
            if _hides_markup(data, _past_declaration(data) if first else 0):
                return False
            first = False
            end = 0
            while len(data) - end >= under:
                found = data.rfind(_CLOSE, end, end + under + len(_CLOSE) - 1)
                if found == -1:
                    return False
                end = found + len(_CLOSE)
            tail = data[end:]
    return True


def _past_declaration(data: bytes) -> int:
    """Where a part's XML declaration (`<?xml ... ?>`, perhaps after a byte-order mark) ends."""
    if data.removeprefix(b"\xef\xbb\xbf").startswith(b"<?xml"):
        return data.find(b"?>") + 2
    return 0


def _hides_markup(data: bytes, start: int) -> bool:
    """Whether a comment, CDATA, DTD or processing instruction (`<!`, `<?`) begins in `data`
    from `start`. Found by `!` and `?`, rare letters: a search for `<!` took 2 ms at 20,000
    measures, since every tag begins `<`."""
    for mark in b"!?":
        at = data.find(mark, start)
        while at != -1:
            if at > 0 and data[at - 1] == ord("<"):
                return True
            at = data.find(mark, at + 1)
    return False


def _text_lengths(archive: zipfile.ZipFile, part: zipfile.ZipInfo, path: Path) -> list[int]:
    """The characters of each text of a shared-strings part, by its index (counted no further
    than one past Excel's limit)."""
    lengths: list[int] = []
    inside = [False]

    def start(tag: str, _: object) -> None:
        local = tag.rpartition("}")[2]
        if local == "si":
            lengths.append(0)
        elif local == "t":
            inside[0] = True

    def end(tag: str) -> None:
        if tag.rpartition("}")[2] == "t":
            inside[0] = False

    def text(data: str) -> None:
        if inside[0] and lengths:
            lengths[-1] = min(lengths[-1] + len(data), EXCEL_CELL_CHARACTERS + 1)

    with archive.open(part) as stream:
        for _ in _parse(stream, path, part.filename, start, end, text):
            pass
    return lengths


def _shared_references(
    archive: zipfile.ZipFile, part: zipfile.ZipInfo, path: Path
) -> Iterator[tuple[str | None, int]]:
    """Each cell of a worksheet part that shows a shared text: its reference and the text's
    index. Streamed, a megabyte of XML at a time."""
    found: list[tuple[str | None, int]] = []
    cell: list[str | None] = [None]
    shared = [False]
    value: list[str] | None = None

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal value
        local = tag.rpartition("}")[2]
        if local == "c":
            cell[0], shared[0] = attributes.get("r"), attributes.get("t") == "s"
        elif local == "v" and shared[0]:
            value = []

    def end(tag: str) -> None:
        nonlocal value
        if value is not None and tag.rpartition("}")[2] == "v":
            digits = "".join(value).strip()
            if digits.isdigit():
                found.append((cell[0], int(digits)))
            value = None

    def text(data: str) -> None:
        if value is not None:
            value.append(data)

    with archive.open(part) as stream:
        for _ in _parse(stream, path, part.filename, start, end, text):
            yield from found
            found.clear()
    yield from found


def _parse(
    stream: IO[bytes],
    path: Path,
    name: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    text: Callable[[str], None],
) -> Iterator[None]:
    """Feed a part to expat a megabyte at a time, yielding after each, refusing a DTD or entity
    as an XML bomb and XML that is not well-formed: past an error nothing is counted, and
    python-calamine reads on where expat stops."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True

    def refuse(*_: object) -> None:
        raise xml_bomb(path)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            parser.Parse(chunk, False)
            yield
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise InputError(
            f"is damaged: its part {name} is not well-formed XML ({expat.errors.messages[error.code]}"
            f" at line {error.lineno})",
            file=path,
            hint="open it in Excel, save it as a new .xlsx, and import that",
        ) from None


class _Package:
    """The parts of a workbook's package that readers find by its content types and
    relationships, as calamine and openpyxl each do."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = archive.NameToInfo

    def shared_texts(self) -> list[str]:
        """Every part a reader could take for the shared strings."""
        found = {"xl/sharedStrings.xml"}
        for attributes in self._elements("[Content_Types].xml", "Override"):
            if attributes.get("ContentType", "").endswith(".sharedStrings+xml"):
                found.add(attributes.get("PartName", "").lstrip("/"))
        for rels in self.names:
            if rels.endswith(".rels"):
                for kind, target in self._relationships(rels).values():
                    if kind.endswith("/sharedStrings"):
                        found.add(target)
        return sorted(name for name in found if name in self.names)

    def worksheets(self) -> list[tuple[str | None, zipfile.ZipInfo]]:
        """Every entry a reader could take for a worksheet, with its sheet's name where the
        workbook names it (None elsewhere): those under xl/worksheets/, and any the workbook's
        relationships point to, as openpyxl resolves a target and as calamine does."""
        named: dict[str, str | None] = {}
        for workbook in self._targets("_rels/.rels", "/officeDocument") or ["xl/workbook.xml"]:
            rels = self._relationships(_rels_of(workbook), raw=True)
            folder = posixpath.dirname(workbook)
            for attributes in self._elements(workbook, "sheet"):
                ids = [value for key, value in attributes.items() if key.endswith("}id")]
                target = rels.get(ids[0] if ids else "", ("", ""))[1]
                for name in _resolved(folder, target):
                    named.setdefault(name, attributes.get("name"))
        wanted = {name for name in named if name in self.names}
        wanted.update(
            name for name in self.names if name.startswith("xl/worksheets/") and ".xml" in name
        )
        return [(named.get(info.filename), info) for info in self.archive.infolist()
                if info.filename in wanted]  # fmt: skip

    def _targets(self, rels: str, kind: str) -> list[str]:
        found = self._relationships(rels).values()
        return [target for each, target in found if each.endswith(kind) and target in self.names]

    def _relationships(self, rels: str, *, raw: bool = False) -> dict[str, tuple[str, str]]:
        """A relationships part's targets by their id: as parts' names in the archive, or as
        written where `raw`."""
        folder = posixpath.dirname(posixpath.dirname(rels))
        found = {}
        for attributes in self._elements(rels, "Relationship"):
            target = attributes.get("Target", "")
            name = target if raw else next(iter(_resolved(folder, target)), "")
            found[attributes.get("Id", "")] = (attributes.get("Type", ""), name)
        return found

    def _elements(self, name: str, wanted: str) -> list[dict[str, str]]:
        """The attributes of every `wanted` element of a small part (none if it is absent,
        declares a DTD or is damaged: the readers refuse those)."""
        from xml.parsers import expat

        if name not in self.names or self.archive.getinfo(name).file_size > 10_000_000:
            return []
        found: list[dict[str, str]] = []

        def start(tag: str, attributes: dict[str, str]) -> None:
            if tag.rpartition("}")[2] == wanted:
                found.append(attributes)

        def refuse(*_: object) -> None:
            raise _Refused

        parser = expat.ParserCreate(namespace_separator="}")
        parser.StartDoctypeDeclHandler = refuse
        parser.EntityDeclHandler = refuse
        parser.StartElementHandler = start
        try:
            parser.Parse(self.archive.read(name), True)
        except (expat.ExpatError, _Refused):
            return []
        return found


class _Refused(Exception):
    """A DTD in a small part, which is never parsed further."""


def _resolved(folder: str, target: str) -> list[str]:
    """A relationship's target as a part's name: relative to the folder of the part it is
    from, as openpyxl resolves it; and as calamine does (under xl/ unless it starts there)."""
    if not target:
        return []
    relative = target[1:] if target.startswith("/") else posixpath.join(folder, target)
    openpyxl = posixpath.normpath(relative)
    calamine = target[1:] if target.startswith("/xl/") else target
    calamine = calamine if calamine.startswith("xl/") else f"xl/{calamine}"
    return [openpyxl, calamine]


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")
