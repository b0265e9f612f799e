"""The council beside outside figures: comparator councils' (import-national, benchmark) and a
published series' own marks (calibrate)."""

from pathlib import Path
from typing import Annotated

import typer

from perfcli.cli.root import app
from perfcli.command_line import (
    Command,
    FormatOption,
    WorkspaceOption,
    YearOption,
    option_period,
    reports_errors,
)
from perfcli.present.console import Env, OutputFormat


@app.command("import-national", cls=Command)
@reports_errors
def import_national(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="NHS England ASCOF CSVs, or long tables by area."),
    ],
    workspace: WorkspaceOption = None,
    period: YearOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Import a council held under another code too (ranked twice)."
        ),
    ] = False,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Import comparator councils' figures for benchmarking (one ASCOF file per year)."""
    from perfcli.commands.national import run_import

    run_import(Env.terminal(), files, workspace=workspace, period=option_period(period),
               force=force, output=format)  # fmt: skip


@app.command(cls=Command)
@reports_errors
def benchmark(
    workspace: WorkspaceOption = None,
    period: YearOption = None,
    group: Annotated[
        str | None,
        typer.Option(
            "--group", "-g", metavar="NAME", help="Comparator group from [national.groups]."
        ),
    ] = None,
    bottom_quartile: Annotated[
        bool,
        typer.Option("--bottom-quartile", help="Only measures in the bottom quartile, by theme."),
    ] = False,
    index: Annotated[
        bool,
        typer.Option("--index", help="The cost-effectiveness index: spending against outcomes."),
    ] = False,
    index_file: Annotated[
        Path | None,
        typer.Option(
            "--index-file",
            metavar="FILE",
            help="Council, Spending per head, Outcome score (for --index).",
            dir_okay=False,
        ),
    ] = None,
    themes: Annotated[
        bool,
        typer.Option(
            "--themes",
            help="Comparative ranks: average rank by theme, overall position and its history.",
        ),
    ] = False,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Rank the council among comparator councils: mean, median, rank, quartile, England."""
    from perfcli.commands.national import run_benchmark, run_index, run_ranks

    if themes:
        run_ranks(Env.terminal(), workspace=workspace, period=option_period(period),
                  group=group, output=format)  # fmt: skip
        return
    if index or index_file is not None:
        run_index(Env.terminal(), workspace=workspace, source=index_file, output=format)
        return
    run_benchmark(Env.terminal(), workspace=workspace, period=option_period(period),
                  group=group, bottom_quartile=bottom_quartile, output=format)  # fmt: skip


@app.command(cls=Command)
@reports_errors
def calibrate(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE", help="Published dashboards with Progress, Rating or RAG marks."
        ),
    ],
    workspace: WorkspaceOption = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            metavar="PERIOD",
            help="The period of dashboards that do not name it, e.g. 2023-24.",
        ),
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="Save the learned settings to perfcli.toml.")
    ] = False,
    best: Annotated[
        bool,
        typer.Option("--best", help="Take the best fit, however unround, over round settings."),
    ] = False,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Learn the rating settings that reproduce most of a report's printed marks."""
    from perfcli.commands.calibrate import run

    run(Env.terminal(), files, workspace=workspace, period=option_period(period), write=write,
        best=best, output=format)  # fmt: skip
