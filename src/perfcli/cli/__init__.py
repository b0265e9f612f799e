"""The perfcli command line: options, help and exit codes; the work lives in perfcli.api.

Each command parses its options (periods once, into a Period), makes one output environment
and hands both to its module in perfcli.commands, which calls the API and presents the result.
The commands are declared by theme, each module registering its own on the one app (root.py);
main() runs it.
"""

import gc
import os
import signal
import sys
import typing
from typing import NoReturn


def _interrupted_loading(signum: int, frame: object) -> None:
    """Ctrl-C while the command is still loading: nothing is done yet, so nothing to undo and
    nothing to say (Python's own handler printed a traceback of whichever import it stopped)."""
    os._exit(130)


# Only as the command (its script, or `python -m perfcli`): a script importing perfcli keeps
# its own Ctrl-C. The command, once it starts, hands Ctrl-C back to Python (command_line).
_RUN_AS = os.path.normcase(sys.argv[0]) if sys.argv else ""
if os.path.basename(_RUN_AS) in ("perfcli", "perfcli.exe") or _RUN_AS.endswith(
    os.path.join("perfcli", "__main__.py")
):
    signal.signal(signal.SIGINT, _interrupted_loading)

# isort: off
# Imported for the commands they register, in the order `perfcli --help` lists them.
from perfcli.cli import workspace, drafting, benchmarking, store, returns  # noqa: E402, F401

# isort: on
from perfcli.cli.root import app  # noqa: E402


def main() -> None:
    _output_as_written()
    # One command per process, whose records (cells, figures, lines) live until it exits and
    # hold no reference cycles: the cyclic collector would only re-scan them, again and again,
    # as they grow. Without it, rating 5,000 measures takes a fifth less time, in the same memory
    # (benchmarks/run.py measures both).
    gc.disable()
    # perfcli's own process uses no pydantic plugins; looking for them scans every installed
    # package's entry points (a few milliseconds) when perfcli's models are built.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app(prog_name="perfcli")
    except SystemExit as done:
        if done.code in (None, 0):
            _end()
        raise  # a command that failed or was stopped ends as Python ends, closing what is open
    except OSError as error:  # writing what no command wraps (`--version`, `--help`)
        if error.filename is not None:
            raise
        from perfcli.command_line import output_failed

        raise SystemExit(output_failed(error)) from None
    finally:
        # Nor as it exits: the collection Python runs then would scan every object left (the
        # modules' and the command's) once more, 18 ms after importing 2,000 measures.
        gc.freeze()


def _output_as_written() -> None:
    """Standard output and error as perfcli writes to them. Blocking: through a non-blocking
    pipe (as Node.js and some CI runners give one) a write could be cut short, and a reader
    had 64 KB of 24 MB of JSON with exit 0. A closed standard output (`>&-`) is refused at
    once, as it could hold nothing the command says."""
    for fd in (1, 2):
        try:
            if not os.get_blocking(fd):
                os.set_blocking(fd, True)
                _MADE_BLOCKING.append(fd)
        except (OSError, AttributeError):  # closed; or Windows, whose pipes block (Python 3.11)
            pass
    if _MADE_BLOCKING:
        import atexit

        atexit.register(_as_it_was)
    if os.name == "posix" and sys.stdout is not None:
        sys.stdout = _written_whole(sys.stdout)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115  # the process's, closed as it ends
    if sys.stdout is None:
        sys.stderr.write("Error: the output could not be written (standard output is closed)\n")
        sys.stderr.flush()
        os._exit(4)  # ExitStatus.UNWRITABLE, without importing the errors module first


def _written_whole(stream: typing.TextIO) -> typing.TextIO:
    """Standard output whose every write is written whole or fails: the operating system may
    take part of a write (a pipe whose reader stopped part-way), which Python's stream passed
    over without a word (`perfcli measures | head` of 2,000 measures exited 0, 73 KB of 240 KB
    written). The same encoding, errors and buffering; POSIX only (Windows' console is not a
    file)."""
    import io

    class Whole(io.RawIOBase):
        def __init__(self, fd: int) -> None:
            super().__init__()
            self.fd = fd

        def writable(self) -> bool:
            return True

        def fileno(self) -> int:
            return self.fd

        def isatty(self) -> bool:
            return os.isatty(self.fd)

        def write(self, data: typing.Any) -> int:
            view = memoryview(data).cast("B")
            size = view.nbytes
            while view:  # a short write's rest again: a pipe whose reader left now raises
                view = view[os.write(self.fd, view) :]
            return size

    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return stream  # not a file (a test's stand-in): left as it is
    stream.flush()
    return io.TextIOWrapper(
        io.BufferedWriter(Whole(fd)),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=bool(stream.line_buffering),
        write_through=getattr(stream, "write_through", False),
    )


# The streams made blocking: non-blocking again as perfcli ends, once its output is out, since
# the mode belongs to the pipe, which the program that started perfcli may share.
_MADE_BLOCKING: list[int] = []


def _as_it_was() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # said, or not to be said, where it failed
    for fd in _MADE_BLOCKING:
        try:
            os.set_blocking(fd, False)
        except OSError:
            pass


def _end() -> NoReturn:
    """End a command that succeeded as Python would, less freeing one by one the objects it
    made: its result is still held by the frames its exit passed through (the 20,000 measures
    `rate FILE` rated took 40 ms to free). What must be closed (a store, a file written) the
    command has closed; what Python runs at exit is run here. Output that cannot be flushed
    now is said as any other (command_line.output_failed)."""
    import atexit

    try:
        sys.stdout.flush()  # before the exit handlers, one of which may make it non-blocking
    except OSError as error:
        from perfcli.command_line import output_failed

        status = output_failed(error)
    else:
        status = 0
    atexit._run_exitfuncs()
    try:
        sys.stderr.flush()
    except OSError:
        pass  # nothing more can be said
    os._exit(status)
