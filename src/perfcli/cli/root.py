"""perfcli's one typer app, its help, `--version` and `--debug`: every command registers on it."""

# No `from __future__ import annotations` in perfcli.cli: typer reads each command's parameters
# from its annotations, and evaluating them from text (twice for each of 20 commands, on every
# run) cost 7 ms of every command's start-up; made as the module is read, they cost nothing
# measurable.

from typing import Annotated

import typer

from perfcli import __version__
from perfcli.command_line import Group, debugging

app = typer.Typer(
    name="perfcli",
    cls=Group,
    help="Import, validate, rate and report local-government performance measures.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def sub_app(name: str, help: str) -> typer.Typer:
    """A group of commands under `perfcli NAME` (`perfcli returns make`), registered on the app."""
    group = typer.Typer(cls=Group, help=help, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


def _version(value: bool) -> None:
    if value:
        typer.echo(f"perfcli {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Show the traceback of an error (the exit code stays the same)."
        ),
    ] = False,
) -> None:
    """perfcli: performance reports for council committees, from the terminal."""
    debugging["on"] = debug
