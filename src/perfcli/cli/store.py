"""The store itself: store upgrade (its schema) and store copy (to another engine)."""

from typing import Annotated

import typer

from perfcli.cli.root import sub_app
from perfcli.command_line import Command, FormatOption, WorkspaceOption, reports_errors
from perfcli.errors import UsageError
from perfcli.present.console import Env, OutputFormat

store_app = sub_app("store", "The store itself: its schema, and copying it to another engine.")


@store_app.command("upgrade", cls=Command)
@reports_errors
def store_upgrade(workspace: WorkspaceOption = None) -> None:
    """Bring the store (SQLite file or PostgreSQL schema) to this perfcli's schema."""
    from perfcli.commands.store import upgrade

    upgrade(Env.terminal(), workspace=workspace)


@store_app.command("copy", cls=Command)
@reports_errors
def store_copy(
    to: Annotated[
        str,
        typer.Option(
            "--to", metavar="TARGET", help="A postgresql:// URL, or the path of a new SQLite file."
        ),
    ],
    workspace: WorkspaceOption = None,
    schema: Annotated[
        str | None,
        typer.Option(
            "--schema",
            metavar="NAME",
            help="The PostgreSQL schema to copy into (default: the workspace's).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a store already at the target.")
    ] = False,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Copy the whole store, history included, to PostgreSQL or a SQLite file, and check it."""
    from perfcli.commands.store import copy

    if format is OutputFormat.CSV:
        raise UsageError("store copy prints a table or --format json, not csv")
    copy(Env.terminal(), to, workspace=workspace, schema=schema, force=force, output=format)
