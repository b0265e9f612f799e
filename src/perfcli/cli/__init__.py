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
from typing import NoReturn


def _interrupted_loading(signum: int, frame: object) -> None:
    """Ctrl-C while the command is still loading: nothing is done yet, so nothing to undo and
    nothing to say (Python's own handler printed a traceback of whichever import it stopped)."""
    os._exit(130)


# Only as the command (its script, or `python -m perfcli`): a script importing perfcli keeps
# its own Ctrl-C. main() hands Ctrl-C back to Python once the command is loaded.
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
    signal.signal(signal.SIGINT, signal.default_int_handler)
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
        _end(done.code)
    finally:
        # Nor as it exits: the collection Python runs then would scan every object left (the
        # modules' and the command's) once more, 18 ms after importing 2,000 measures.
        gc.freeze()


def _end(code: object) -> NoReturn:
    """End the process with `code` as Python would, less freeing, one by one, the objects the
    command made: a command's result is still held by the frames its exit passed through (the
    20,000 measures `rate FILE` rated took 40 ms to free). What must be closed (a store, a file
    written) is closed by the command; what Python runs at exit is run here."""
    import atexit

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"), as Python prints it
        sys.stderr.write(f"{code}\n")
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            status = status or 120  # Python's own status when it cannot flush at exit
    os._exit(status)
