"""What an import wrote, counted for `perfcli import` to say; and the tests' hold on an import
between its last row written and its commit."""

from __future__ import annotations

import os
import time
from pathlib import Path

from msgspec import Struct, field


class ImportSummary(Struct):
    measures_new: int = 0
    measures_updated: int = 0
    observations_new: int = 0
    observations_revised: int = 0
    observations_unchanged: int = 0
    lines_new: int = 0
    lines_updated: int = 0
    report_periods: list[str] = field(default_factory=list)
    # What `import --force` skipped or corrected, each at its cell: kept in the import's record.
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(
            (
                self.measures_new,
                self.measures_updated,
                self.observations_new,
                self.observations_revised,
                self.lines_new,
                self.lines_updated,
            )
        )


# For the tests only: a path where an import, having written its rows but not yet committed,
# writes a marker and then waits until "<path>.go" exists (at most a minute). Unset, it does
# nothing; it names a file, never code, and is read from the environment alone.
PAUSE_VARIABLE = "PERFCLI_TEST_PAUSE_BEFORE_COMMIT"


def pause_before_commit() -> None:
    """Let a test hold an import between its last row written and its commit."""
    marker = os.environ.get(PAUSE_VARIABLE, "").strip()
    if not marker:
        return
    path = Path(marker)
    release = path.with_name(path.name + ".go")
    try:
        # A new file, or the named pipe a test waits on: never a file of the user's overwritten.
        with path.open("w" if path.is_fifo() else "x") as made:
            made.write(f"{os.getpid()}\n")
    except OSError:
        return
    deadline = time.monotonic() + 60
    while not release.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
