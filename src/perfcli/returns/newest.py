"""Which of an owner's returns is newest: the order they are applied in, when each was saved."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from perfcli.domain.records import Returned

T = TypeVar("T")
_MODIFIED = re.compile(r"<dcterms:modified[^>]*>([^<]*)</dcterms:modified>")


def oldest_first(items: list[T], returned: Callable[[T], Returned | None]) -> list[T]:
    """Files read together (import's batches, validate's files), with the returns of each owner
    and period put in the order they were approved, made and saved (`Returned.age`), oldest
    first, whatever their files are called, each in a place one of them held: the newest is
    applied last, and stands. Anything else keeps its place."""
    slots: dict[tuple[str, str], list[int]] = {}
    for index, item in enumerate(items):
        if (got := returned(item)) is not None:
            slots.setdefault((got.owner, got.period), []).append(index)
    ordered = list(items)
    for places in slots.values():
        by_age = sorted((items[i] for i in places), key=lambda item: _age(returned(item)))
        for index, item in zip(places, by_age, strict=True):
            ordered[index] = item
    return ordered


def _age(got: Returned | None) -> tuple[str, str, str]:
    assert got is not None
    return got.age


def saved_at(path: Path) -> str | None:
    """When the workbook was last saved, in UTC, as Excel, Calc and openpyxl record it inside the
    file (docProps/core.xml): a file's date in the folder changes when it is copied or emailed.
    None when the file records no time."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    found = _MODIFIED.search(core)
    if found is None:
        return None
    try:
        when = datetime.fromisoformat(found.group(1).strip())
    except ValueError:
        return None
    if when.tzinfo is None:  # the standard's time is UTC
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")
