"""Writing user files safely: never over an existing file without --force, never half-written."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from perfcli.errors import PerfcliError, UsageError


def shown_path(path: Path | str) -> str:
    """A file's path as a command prints it: from the current folder where it is inside it
    (`returns/2025-26-Q1/care.xlsx` in the workspace, `council/returns/...` beside it), so that
    it opens from where the command was run; else in full."""
    full = Path(path).resolve()
    try:
        here = Path.cwd().resolve()
    except OSError:  # the current folder was removed
        return str(full)
    return str(full.relative_to(here)) if full.is_relative_to(here) else str(full)


def write_atomically(path: Path, write: Callable[[Path], None], *, force: bool = False) -> None:
    """Call `write` on a temporary file beside `path`, then rename it into place."""
    if path.exists() and not force:
        raise UsageError(f"{shown_path(path)} already exists", hint="pass --force to replace it")
    lock = path.with_name("~$" + path.name[2:] if len(path.name) > 2 else "~$" + path.name)
    if path.exists() and lock.exists():
        raise UsageError(
            f"{shown_path(path)} is open in Word (lock file {lock.name})",
            hint="close it and try again",
        )
    blocking = next((f for f in (path.parent, *path.parent.parents) if f.is_file()), None)
    if blocking is not None:
        raise PerfcliError(f"{path}: cannot be written ({blocking} is a file, not a folder)")
    temp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _clear_leftovers(path)
        import tempfile  # here, not at the top: 1 ms of every command's start-up

        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.stem}-{os.getpid()}-", suffix=path.suffix, dir=path.parent
        )
        os.close(handle)
        temp = Path(temp_name)
        write(temp)
        # mkstemp makes the file private; a user's document gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except OSError as error:  # no permission, a full disk, a folder that changed under us
        raise PerfcliError(f"{path}: cannot be written ({error.strerror or error})") from None
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)


def _clear_leftovers(path: Path) -> None:
    """Remove the temporary files of earlier writes of `path` whose process is gone (killed
    before it could tidy up); a write still running keeps its own."""
    pattern = re.compile(rf"\.{re.escape(path.stem)}-(\d+)-[^.]*{re.escape(path.suffix)}")
    for leftover in path.parent.glob(f".{path.stem}-*{path.suffix}"):
        found = pattern.fullmatch(leftover.name)
        if found is None or _running(int(found.group(1))):
            continue
        leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if os.name == "nt":  # there os.kill would end the process, not ask after it: keep its file
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to someone else
        return True
    return True
