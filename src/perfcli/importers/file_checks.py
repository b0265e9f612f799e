"""A file checked before any reader opens it: a regular file, readable, no zip or XML bomb."""

from __future__ import annotations

import os
import stat
import zlib
from pathlib import Path

from perfcli.errors import InputError


def regular_file(path: Path) -> os.stat_result:
    """The file's status, refused unless it is a regular file: a pipe or a device (a link to
    /dev/urandom) would never end, so it is not opened at all."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise InputError(
            "is not a regular file (a pipe or a device); perfcli reads saved files only", file=path
        )
    return status


def unreadable(path: Path, error: OSError) -> InputError:
    """A file the system will not give us: no permission, or a failing disk."""
    reason = "permission denied" if isinstance(error, PermissionError) else error.strerror
    return InputError(f"cannot be read ({reason or error})", file=path)


def check_archive(path: Path, limit: int | None) -> None:
    """Refuse a zip bomb before anything is decompressed (the sizes are in the zip's index),
    an XML bomb before either reader parses a part, and a shared text repeated past `limit`
    before either reader copies it into its cells."""
    import zipfile

    from perfcli.importers.shared_strings import check_shared_texts

    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
            if limit is not None and total > limit:
                raise InputError(
                    f"unpacks to {total:,} bytes, over the limit of {limit:,}",
                    file=path,
                    hint="raise max_unzipped_mb under [import] in perfcli.toml if this workbook"
                    " is genuine",
                )
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    with archive.open(info) as stream:
                        if prolog_declares_dtd(stream.read(PROLOG)):
                            raise xml_bomb(path)
            check_shared_texts(archive, path, limit)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError):
        return  # openpyxl_reader.read_workbook reports a damaged (or encrypted) file


# How far into a part its root element must start: real prologs are a line long.
PROLOG = 65_536


class _Root(Exception):
    """The root element: the prolog, where a DTD could be, is over."""


class _Doctype(Exception):
    """A DTD (or an entity) declared."""


def prolog_declares_dtd(head: bytes) -> bool | None:
    """Whether an XML part's prolog declares a DTD or an entity: parsed (by expat, which expands
    nothing it is not asked to) up to the root element, since a string search would be fooled
    by a comment, a processing instruction or an encoding. None if no root element is found."""
    from xml.parsers import expat

    parser = expat.ParserCreate()

    def doctype(*_: object) -> None:
        raise _Doctype

    def root(*_: object) -> None:
        raise _Root

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = root
    try:
        parser.Parse(head, False)
    except _Doctype:
        return True
    except _Root:
        return False
    except expat.ExpatError:
        return None
    return None


def xml_bomb(path: Path) -> InputError:
    return InputError(
        "holds XML entity or DTD declarations (a possible XML bomb); perfcli refuses to read it",
        file=path,
        hint="open it in Excel, save it as a new .xlsx, and import that",
    )
