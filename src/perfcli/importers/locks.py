"""Excel's and Word's `~$` lock files: signs that a workbook is open, never workbooks themselves."""

from __future__ import annotations

from pathlib import Path

from perfcli.domain.findings import Finding, Severity
from perfcli.location import Location

LOCK_PREFIX = "~$"


def owner(lock: Path) -> Path | None:
    """The workbook a lock file stands for, if it is beside it.

    Excel names the lock `~$` and the workbook's name; for a long name, `~$` replaces the
    first two characters.
    """
    rest = lock.name[len(LOCK_PREFIX) :]
    exact = lock.with_name(rest)
    if exact.is_file():
        return exact
    try:
        siblings = sorted(lock.parent.iterdir())
    except OSError:
        return None
    for sibling in siblings:
        if (
            not sibling.name.startswith(LOCK_PREFIX)
            and len(sibling.name) == len(lock.name)
            and sibling.name.endswith(rest)
            and sibling.is_file()
        ):
            return sibling
    return None


def open_in_excel(files: list[Path]) -> tuple[list[Path], list[Finding]]:
    """The files to read, lock files left out (their workbooks read instead), and a warning
    for each lock file."""
    wanted: list[Path] = []
    notes: list[Finding] = []
    named = {f for f in files if f.name.startswith(LOCK_PREFIX)}
    for file in files:
        if not file.name.startswith(LOCK_PREFIX):
            wanted.append(file)
            lock = _lock_beside(file)
            if lock is not None and lock not in named:  # named too: said once, below
                notes.append(Finding(Severity.WARNING, "file.open", Location(file.name),
                                     "is open in Excel: the workbook as last saved is read",
                                     "save it in Excel first if it has changes"))  # fmt: skip
            continue
        workbook = owner(file)
        if workbook is None:
            notes.append(Finding(Severity.WARNING, "file.open", Location(file.name),
                                 "is open in Excel: a lock file, not a workbook; skipped",
                                 "import the workbook itself"))  # fmt: skip
            continue
        notes.append(Finding(Severity.WARNING, "file.open", Location(file.name),
                             f"{workbook.name} is open in Excel: its lock file is skipped and"
                             " the workbook as last saved is read",
                             "save it in Excel first if it has changes"))  # fmt: skip
        wanted.append(workbook)
    unique = list(dict.fromkeys(wanted))
    return unique, notes


def _lock_beside(workbook: Path) -> Path | None:
    """The lock file Excel keeps beside an open workbook, if there is one."""
    if not workbook.name:  # `.` or `/`: a folder, which the reader refuses as one
        return None
    for name in (LOCK_PREFIX + workbook.name, LOCK_PREFIX + workbook.name[2:]):
        lock = workbook.with_name(name)
        try:
            if lock.is_file() and owner(lock) == workbook:
                return lock
        except OSError:  # `~$` and a legal 255-byte name is a name too long to exist
            continue
    return None
