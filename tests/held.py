"""perfcli in a child process that stops at a named point and says so, for the kill tests.

A test names a point by what the child does there, never by a time: the first (or nth) SQL
statement matching a pattern on any of its SQLite connections (a trace callback), or the first (nth) audit event
(`sys.addaudithook`) of a kind whose arguments match a pattern: "open" for a file opened,
"os.rename" for a rename or a replace. On reaching it the child writes one line to a pipe (its
pid, the event and what matched) and, when told to hold, blocks reading a second pipe until
the test releases it or kills it. The test waits on the first pipe (no sleep, no poll): the
child either reaches the point or exits, and an exit closes the pipe, which wakes the wait too.

Nothing in perfcli changes for this: the hook is installed by the small script below, which
then runs perfcli's own `main` as `python -m perfcli` would.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

# argv: report fd, go fd ("-" when the child only tells), event, pattern, nth, perfcli's args.
_CHILD = r"""
import os, re, sqlite3, sys

report, go, event, pattern, nth = sys.argv[1:6]
report, go, nth, seen, done = int(report), (None if go == "-" else int(go)), int(nth), [0], [False]
match = re.compile(pattern).search


def reached(what):
    if done[0] or not match(what):
        return
    seen[0] += 1
    if seen[0] < nth:
        return
    done[0] = True
    os.write(report, f"{os.getpid()} {event} {what}\n".encode("utf-8", "replace"))
    if go is not None:
        os.read(go, 1)  # held here until released (a byte), or killed


def traced(statement):
    reached(" ".join(statement.split()))


def hook(name, args):
    if name == event and not done[0]:
        reached(" ".join(str(a) for a in args))


# The audit event for a new connection comes before it can take a trace callback: wrap connect.
plain_connect = sqlite3.connect


def connect(*args, **kwargs):
    connection = plain_connect(*args, **kwargs)
    if event == "sql":
        connection.set_trace_callback(traced)
    return connection


sqlite3.connect = connect
sys.addaudithook(hook)
from perfcli.cli import main

sys.argv = ["perfcli", *sys.argv[6:]]
main()
"""


@dataclass
class Held:
    """A perfcli process on its way to (or stopped at) a named point."""

    process: subprocess.Popen[bytes]
    report: int
    go: int | None
    output: IO[bytes] = field(repr=False)
    errors: IO[bytes] = field(repr=False)
    line: str = ""
    kept: dict[int, str] = field(default_factory=dict, repr=False)

    def reached(self, timeout: float = 120) -> str:
        """Wait until the child reaches its point; fail, with its stderr, if it ends first."""
        buffer = b""
        while not buffer.endswith(b"\n"):
            ready, _, _ = select.select([self.report], [], [], timeout)
            if not ready:
                self.kill()
                pytest.fail(f"perfcli did not reach its point within {timeout:g} s")
            chunk = os.read(self.report, 4096)
            if not chunk:  # the child exited without reaching it
                self.finish(timeout=60)
                pytest.fail(
                    f"perfcli ended (exit {self.process.returncode}) before its point: "
                    f"{self.stderr()}"
                )
            buffer += chunk
        self.line = buffer.decode()
        pid = int(self.line.split()[0])
        assert pid == self.process.pid  # the point was reached in the process about to be killed
        return self.line

    def release(self) -> None:
        assert self.go is not None, "this child only tells; it does not hold"
        os.write(self.go, b"g")

    def kill(self) -> None:
        """SIGKILL, as a power cut or `kill -9` would end it: the child cannot clean up."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=60)
        self.close()

    def finish(self, timeout: float = 120) -> int:
        self.process.wait(timeout=timeout)
        self.close()
        return self.process.returncode

    def stderr(self) -> str:
        return self._read(self.errors)

    def stdout(self) -> str:
        return self._read(self.output)

    def _read(self, file: IO[bytes]) -> str:
        if file.closed:
            return self.kept[id(file)]
        file.seek(0)
        return file.read().decode("utf-8", "replace")

    def close(self) -> None:
        """Close both pipes and keep what the child printed (it has ended)."""
        for fd in (self.report, self.go):
            if fd is not None and fd >= 0:
                os.close(fd)
        self.report, self.go = -1, None
        for file in (self.output, self.errors):
            if not file.closed:
                self.kept[id(file)] = self._read(file)
                file.close()


def held(
    event: str,
    pattern: str,
    *args: str | Path,
    nth: int = 1,
    hold: bool = True,
    env: dict[str, str] | None = None,
) -> Held:
    """Start `perfcli *args`, to stop at the nth `event` matching `pattern` (a regex).

    `event` is "sql" (a statement on a SQLite connection, whitespace folded) or an audit event
    name ("open", "os.rename", ...), matched against its arguments joined by spaces.
    """
    report_read, report_write = os.pipe()
    go_read, go_write = os.pipe() if hold else (None, None)
    passed = [report_write] + ([go_read] if go_read is not None else [])
    argv = [sys.executable, "-c", _CHILD, str(report_write),
            "-" if go_read is None else str(go_read), event, pattern, str(nth), *map(str, args)]  # fmt: skip
    output, errors = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    try:
        process = subprocess.Popen(
            argv, env={**os.environ, "NO_COLOR": "1", **(env or {})},
            stdout=output, stderr=errors, pass_fds=passed,
        )  # fmt: skip
    finally:
        for fd in passed:  # the child's ends: its exit must close the report pipe
            os.close(fd)
    return Held(process, report_read, go_write, output, errors)
