"""A workspace and its figures: init, import, validate, rate, diff, measures, history, link."""

from pathlib import Path
from typing import Annotated

import typer

from perfcli.cli.root import app
from perfcli.command_line import (
    Command,
    FormatOption,
    IncludeHiddenOption,
    PeriodOption,
    WorkspaceOption,
    option_period,
    reports_errors,
)
from perfcli.errors import UsageError
from perfcli.present.console import Env, OutputFormat


@app.command(cls=Command)
@reports_errors
def init(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="Folder for the new workspace (default: here).", show_default=False
        ),
    ] = Path("."),
    council: Annotated[
        str,
        typer.Option(
            metavar="NAME", help="The council's name, e.g. 'Leicestershire County Council'."
        ),
    ] = "",
    department: Annotated[
        str,
        typer.Option(
            metavar="NAME", help="The department reported on, e.g. 'Adults and Communities'."
        ),
    ] = "",
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing perfcli.toml.")
    ] = False,
    workspace: Annotated[
        Path | None,
        typer.Option("--workspace", "-w", metavar="DIR", help="The same as DIR.", file_okay=False),
    ] = None,
) -> None:
    """Create a workspace: perfcli.toml, a data-entry workbook and the Word templates."""
    from perfcli.commands.init import run

    if workspace is not None and directory != Path(".") and workspace != directory:
        raise UsageError(f"two folders given: {directory} and -w {workspace}", hint="give one")
    run(Env.terminal(), workspace or directory, council=council, department=department,
        force=force)  # fmt: skip


@app.command("import", cls=Command)
@reports_errors
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE", help="Appendix A workbooks or CSVs, tidy tables, measure lists."
        ),
    ],
    workspace: WorkspaceOption = None,
    period: PeriodOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Import what can be read even when validate finds errors; list the rest.",
        ),
    ] = False,
    include_hidden: IncludeHiddenOption = False,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Import workbooks into the workspace store, as one transaction, after validating them."""
    from perfcli.commands.importing import run

    run(Env.terminal(), files, workspace=workspace, period=option_period(period), force=force,
        include_hidden=include_hidden, output=format)  # fmt: skip


@app.command(cls=Command)
@reports_errors
def measures(workspace: WorkspaceOption = None, format: FormatOption = OutputFormat.TABLE) -> None:
    """List the measure catalogue with the periods held for each."""
    from perfcli.commands.catalogue import run

    run(Env.terminal(), workspace=workspace, output=format)


@app.command(cls=Command)
@reports_errors
def history(
    measure: Annotated[
        str,
        typer.Argument(
            metavar="MEASURE", help="Measure id, code or alias, e.g. ascof-2a or 'ASCOF 2A'."
        ),
    ],
    workspace: WorkspaceOption = None,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show every value stored for a measure, revisions included, with when and from where."""
    from perfcli.commands.catalogue import run_history

    run_history(Env.terminal(), measure, workspace=workspace, output=format)


@app.command(cls=Command)
@reports_errors
def link(
    old: Annotated[
        str, typer.Argument(help="The measure whose history joins NEW's, e.g. ascof-3c-sus.")
    ],
    new: Annotated[str, typer.Argument(help="The measure that keeps its id, e.g. ascof-3c1.")],
    workspace: WorkspaceOption = None,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Join two stored measures into one: OLD's figures and names become NEW's, with a record."""
    from perfcli.commands.catalogue import run_link

    run_link(Env.terminal(), old, new, workspace=workspace, output=format)


@app.command(cls=Command)
@reports_errors
def rate(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE", help="Rate this workbook or CSV directly, without a workspace."
        ),
    ] = None,
    workspace: WorkspaceOption = None,
    period: PeriodOption = None,
    format: FormatOption = OutputFormat.TABLE,
    force: Annotated[
        bool,
        typer.Option("--force", help="With FILE: rate what can be read; list what cannot."),
    ] = False,
    include_hidden: IncludeHiddenOption = False,
    committee: Annotated[
        str | None,
        typer.Option(
            "--committee",
            "-c",
            metavar="NAME",
            help="Judge as this committee's report does (its own method in perfcli.toml).",
        ),
    ] = None,
) -> object:
    """Rate each measure against its comparator and last year, with RAG and reasons."""
    from perfcli.commands.rate import run

    # Returned, not dropped: the process ends (perfcli.cli.main) without freeing it.
    return run(Env.terminal(), file, workspace=workspace, period=option_period(period),
               output=format, force=force, include_hidden=include_hidden,
               committee=committee)  # fmt: skip


@app.command(cls=Command)
@reports_errors
def diff(
    old: Annotated[str, typer.Argument(metavar="FROM", help="The earlier period, e.g. 2023-24.")],
    new: Annotated[str, typer.Argument(metavar="TO", help="The later period, e.g. 2024-25.")],
    workspace: WorkspaceOption = None,
    only_changes: Annotated[
        bool, typer.Option("--only-changes", help="Hide measures with no real change.")
    ] = False,
    section: Annotated[
        str | None,
        typer.Option(
            "--section", "-s", metavar="NAME", help="Only this section, e.g. 'Delay Need'."
        ),
    ] = None,
    allow_unlike: Annotated[
        bool,
        typer.Option("--allow-unlike", help="Compare unlike periods, e.g. a quarter with a year."),
    ] = False,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Compare two periods: what improved, worsened, changed rating, is new, dropped or revised."""
    from perfcli.commands.diff import run

    first, second = option_period(old, "FROM"), option_period(new, "TO")
    run(
        Env.terminal(), first, second, workspace=workspace, only_changes=only_changes,
        section=section, allow_unlike=allow_unlike, output=format,
    )  # fmt: skip


@app.command(cls=Command)
@reports_errors
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE", help="Check these files before import (default: the workspace)."
        ),
    ] = None,
    workspace: WorkspaceOption = None,
    period: PeriodOption = None,
    format: FormatOption = OutputFormat.TABLE,
    include_hidden: IncludeHiddenOption = False,
) -> None:
    """Check periods and figures: impossible periods, unlike comparisons, stale comparators, bad sums."""
    from perfcli.commands.validate import run

    status = run(Env.terminal(), files or [], workspace=workspace,
                 period=option_period(period), output=format,
                 include_hidden=include_hidden)  # fmt: skip
    if status:
        raise typer.Exit(int(status))
