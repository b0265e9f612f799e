"""The perfcli command line: options, help and exit codes; the work lives in perfcli.commands."""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from perfcli import __version__
from perfcli.console import OutputFormat
from perfcli.errors import PerfcliError

app = typer.Typer(
    name="perfcli",
    help="Import, validate, rate and report local-government performance measures.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])
_state = {"debug": False}

WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        help="Workspace folder (default: $PERFCLI_WORKSPACE, else the nearest perfcli.toml above here).",
        file_okay=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format", "-f", help="table for people; json or csv for programs.", case_sensitive=False
    ),
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period", "-p", help="Reporting period, e.g. 2023-24, 2025-26-Q1, 2021-22-apr-nov."
    ),
]


def reports_errors(command: F) -> F:
    """Turn a PerfcliError into one line on stderr and its exit code: the only place that does."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except PerfcliError as error:
            if _state["debug"]:
                raise
            _report(error)
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except Exception as error:
            # A store damaged on disk fails wherever it is first read: say so, in one line.
            sqlite3 = sys.modules.get("sqlite3")
            if _state["debug"] or sqlite3 is None or not isinstance(error, sqlite3.DatabaseError):
                raise
            _report(
                PerfcliError(
                    f"the workspace's store (perfcli.db) is damaged: {error}",
                    hint="restore perfcli.db from a backup, or import the files into a new workspace",
                )
            )

    return wrapper  # type: ignore[return-value]


def _report(error: PerfcliError) -> NoReturn:
    from perfcli.console import stderr_console

    stderr_console().print(f"Error: {error}", markup=False)
    raise typer.Exit(int(error.exit_status)) from None


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
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.")] = False,
) -> None:
    """perfcli: performance reports for council committees, from the terminal."""
    _state["debug"] = debug


@app.command()
@reports_errors
def init(
    directory: Annotated[Path, typer.Argument(help="Folder for the new workspace.")] = Path("."),
    council: Annotated[str, typer.Option(help="The council's name.")] = "",
    department: Annotated[str, typer.Option(help="The department reported on.")] = "",
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing perfcli.toml.")
    ] = False,
) -> None:
    """Create a workspace: perfcli.toml, a data-entry workbook and the Word templates."""
    from perfcli.commands.init import run

    run(directory, council=council, department=department, force=force)


@app.command("import")
@reports_errors
def import_(
    files: Annotated[
        list[Path], typer.Argument(help="Appendix A workbooks or CSVs, tidy tables, measure lists.")
    ],
    workspace: WorkspaceOption = None,
    period: PeriodOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Import even when validate finds errors.")
    ] = False,
) -> None:
    """Import workbooks into the workspace store, as one transaction, after validating them."""
    from perfcli.commands.importing import run

    run(files, workspace=workspace, period=period, force=force)


@app.command()
@reports_errors
def measures(workspace: WorkspaceOption = None, format: FormatOption = OutputFormat.TABLE) -> None:
    """List the measure catalogue with the periods held for each."""
    from perfcli.commands.catalogue import run

    run(workspace=workspace, output=format)


@app.command()
@reports_errors
def history(
    measure: Annotated[str, typer.Argument(help="Measure id, code or alias, e.g. ascof-2a.")],
    workspace: WorkspaceOption = None,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show every value stored for a measure, revisions included, with when and from where."""
    from perfcli.commands.catalogue import run_history

    run_history(measure, workspace=workspace, output=format)


@app.command()
@reports_errors
def rate(
    file: Annotated[
        Path | None, typer.Argument(help="Rate this workbook or CSV directly, without a workspace.")
    ] = None,
    workspace: WorkspaceOption = None,
    period: PeriodOption = None,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Rate each measure against its comparator and last year, with RAG and reasons."""
    from perfcli.commands.rate import run

    run(file, workspace=workspace, period=period, output=format)


@app.command()
@reports_errors
def diff(
    old: Annotated[str, typer.Argument(metavar="FROM", help="The earlier period, e.g. 2023-24.")],
    new: Annotated[str, typer.Argument(metavar="TO", help="The later period, e.g. 2024-25.")],
    workspace: WorkspaceOption = None,
    only_changes: Annotated[
        bool, typer.Option("--only-changes", help="Hide measures with no real change.")
    ] = False,
    section: Annotated[
        str | None, typer.Option("--section", "-s", help="Only this section, e.g. 'Delay Need'.")
    ] = None,
    allow_unlike: Annotated[
        bool,
        typer.Option("--allow-unlike", help="Compare unlike periods, e.g. a quarter with a year."),
    ] = False,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Compare two periods: what improved, worsened, changed rating, is new, dropped or revised."""
    from perfcli.commands.diff import run

    run(
        old, new, workspace=workspace, only_changes=only_changes, section=section,
        allow_unlike=allow_unlike, output=format,
    )  # fmt: skip


@app.command()
@reports_errors
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Check these files before import (default: the workspace)."),
    ] = None,
    workspace: WorkspaceOption = None,
    period: PeriodOption = None,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Check periods and figures: impossible periods, unlike comparisons, stale comparators, bad sums."""
    from perfcli.commands.validate import run

    code = run(files or [], workspace=workspace, period=period, output=format)
    if code:
        raise typer.Exit(code)


@app.command("draft-report")
@reports_errors
def draft_report(
    committee: Annotated[
        str, typer.Option("--committee", "-c", help="Committee defined in perfcli.toml.")
    ],
    workspace: WorkspaceOption = None,
    period: PeriodOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write the .docx (default: reports/)."),
    ] = None,
    meeting_date: Annotated[
        str | None,
        typer.Option(
            "--meeting-date",
            help="The meeting the report goes to, e.g. 2024-06-03 (default: the committee's next).",
        ),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also write a tagged PDF, through LibreOffice.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing report.")] = False,
) -> None:
    """Draft the Word committee report and its Appendix A from the template."""
    from perfcli.commands.draft import run

    run(
        committee, workspace=workspace, period=period, output=output, force=force,
        meeting_date=meeting_date, pdf=pdf,
    )  # fmt: skip


@app.command("import-national")
@reports_errors
def import_national(
    files: Annotated[
        list[Path], typer.Argument(help="NHS England ASCOF CSVs, or long tables by area.")
    ],
    workspace: WorkspaceOption = None,
    period: PeriodOption = None,
) -> None:
    """Import comparator councils' figures for benchmarking (one ASCOF file per year)."""
    from perfcli.commands.national import run_import

    run_import(files, workspace=workspace, period=period)


@app.command()
@reports_errors
def benchmark(
    workspace: WorkspaceOption = None,
    period: PeriodOption = None,
    group: Annotated[
        str | None, typer.Option("--group", "-g", help="Comparator group from [national.groups].")
    ] = None,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Rank the council among comparator councils: mean, median, rank, quartile, England."""
    from perfcli.commands.national import run_benchmark

    run_benchmark(workspace=workspace, period=period, group=group, output=format)


template_app = typer.Typer(
    help="Check the Word templates a committee report is drafted from.", no_args_is_help=True
)
app.add_typer(template_app, name="template")


@template_app.command("check")
@reports_errors
def template_check(
    file: Annotated[
        Path | None,
        typer.Argument(help="A .docx template (default: the workspace's templates/adults.docx)."),
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """List the placeholders a template uses; name any perfcli does not know, or that it lacks."""
    from perfcli.commands.draft import check

    code = check(file, workspace=workspace)
    if code:
        raise typer.Exit(code)


def main() -> None:
    # One command per process, whose records (cells, figures, lines) live until it exits and
    # hold no reference cycles: the cyclic collector would only re-scan them, again and again,
    # as they grow. Without it, rating 5,000 measures takes a fifth less time, in the same memory
    # (benchmarks/run.py measures both).
    gc.disable()
    app(prog_name="perfcli")
