"""Collecting each period's figures from the service owners: returns make, returns status."""

from typing import Annotated

import typer

from perfcli.cli.root import sub_app
from perfcli.command_line import (
    Command,
    FormatOption,
    PeriodOption,
    WorkspaceOption,
    option_period,
    reports_errors,
)
from perfcli.present.console import Env, OutputFormat

returns_app = sub_app(
    "returns", "Collect each period's figures and commentary from the service owners."
)


@returns_app.command("make", cls=Command)
@reports_errors
def returns_make(
    period: Annotated[
        str,
        typer.Option(
            "--period", "-p", metavar="PERIOD", help="The period to collect, e.g. 2025-26-Q1."
        ),
    ],
    workspace: WorkspaceOption = None,
    due: Annotated[
        str | None,
        typer.Option("--due", metavar="DATE", help="The date returns are due, e.g. 2025-07-15."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Make the returns again, replacing those made.")
    ] = False,
) -> None:
    """Write one return workbook per service owner into returns/PERIOD/."""
    from perfcli.commands.returns import make

    make(Env.terminal(), workspace=workspace, period=option_period(period), due=due, force=force)


@returns_app.command("status", cls=Command)
@reports_errors
def returns_status(
    workspace: WorkspaceOption = None,
    period: PeriodOption = None,
    format: FormatOption = OutputFormat.TABLE,
    remind: Annotated[
        bool,
        typer.Option("--remind", help="Draft a reminder email (.eml) to each overdue owner."),
    ] = False,
) -> None:
    """Who has returned, who is overdue, and what is filled, missing or wrong."""
    from perfcli.commands.returns import status

    status(Env.terminal(), workspace=workspace, period=option_period(period), output=format,
           remind=remind)  # fmt: skip
