"""A spinner with the time taken, on stderr, while slow work runs: on a terminal only.

Never in piped output or for `--format json|csv`, which programs read: there the work is silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from perfcli.present.console import Env, OutputFormat


def shows_progress(env: Env, output: OutputFormat = OutputFormat.TABLE) -> bool:
    """Whether a person is watching: a table on a terminal, with stderr a terminal too."""
    return output is OutputFormat.TABLE and env.on_terminal


@contextmanager
def working(env: Env, what: str, output: OutputFormat = OutputFormat.TABLE) -> Iterator[None]:
    """`with working(env, "Importing 2 files"):` shows `⠋ Importing 2 files 0:00:03` until done."""
    if not shows_progress(env, output):
        yield
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=env.err,
        transient=True,  # gone when done: what stays on screen is the result
        redirect_stdout=False,
        redirect_stderr=False,
    ) as progress:
        progress.add_task(what, total=None)
        yield
