"""The perfcli command line: options, help and exit codes; the work lives in perfcli.api.

Each command parses its options (periods once, into a Period), makes one output environment
and hands both to its module in perfcli.commands, which calls the API and presents the result.
"""

# No `from __future__ import annotations` here: typer reads each command's parameters from its
# annotations, and evaluating them from text (twice for each of 20 commands, on every run) cost
# 7 ms of every command's start-up; made as the module is read, they cost nothing measurable.

import gc
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from perfcli import __version__
from perfcli.command_line import (
    Command,
    FormatOption,
    Group,
    IncludeHiddenOption,
    PeriodOption,
    WorkspaceOption,
    YearOption,
    debugging,
    option_period,
    reports_errors,
)
from perfcli.errors import UsageError
from perfcli.present.console import Env, OutputFormat

if TYPE_CHECKING:
    from perfcli.domain.periods import Period

app = typer.Typer(
    name="perfcli",
    cls=Group,
    help="Import, validate, rate and report local-government performance measures.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _period(text: str | None, name: str = "--period") -> "Period | None":
    """A period typed on the command line: one that is not a period is bad usage (exit 2)."""
    return option_period(text, name)


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
) -> None:
    """Import workbooks into the workspace store, as one transaction, after validating them."""
    from perfcli.commands.importing import run

    run(Env.terminal(), files, workspace=workspace, period=_period(period), force=force,
        include_hidden=include_hidden)  # fmt: skip


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
) -> None:
    """Rate each measure against its comparator and last year, with RAG and reasons."""
    from perfcli.commands.rate import run

    run(Env.terminal(), file, workspace=workspace, period=_period(period), output=format,
        force=force)  # fmt: skip


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

    first, second = _period(old, "FROM"), _period(new, "TO")
    assert first is not None and second is not None
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

    status = run(Env.terminal(), files or [], workspace=workspace, period=_period(period),
                 output=format, include_hidden=include_hidden)  # fmt: skip
    if status:
        raise typer.Exit(int(status))


@app.command("draft-report", cls=Command)
@reports_errors
def draft_report(
    committee: Annotated[
        str,
        typer.Option(
            "--committee", "-c", metavar="NAME", help="Committee defined in perfcli.toml."
        ),
    ],
    workspace: WorkspaceOption = None,
    period: PeriodOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Where to write the .docx (default: reports/)."
        ),
    ] = None,
    meeting_date: Annotated[
        str | None,
        typer.Option(
            "--meeting-date",
            metavar="DATE",
            help="The meeting the report goes to, e.g. 2024-06-03 (default: the committee's next).",
        ),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also write a tagged PDF, through LibreOffice.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing report.")] = False,
    final: Annotated[
        bool,
        typer.Option(
            "--final",
            help="Refuse while any finding blocks a final report: unready commentary, or anything"
            " the proof-reading pass finds.",
        ),
    ] = False,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Draft the Word committee report and its Appendix A from the template, then proof-read it."""
    from perfcli.commands.draft import run

    if format is OutputFormat.CSV:
        from perfcli.errors import UsageError

        raise UsageError("--format csv: draft-report prints its findings as table or json")
    run(
        Env.terminal(), committee, workspace=workspace, period=_period(period), output=output,
        force=force, meeting_date=meeting_date, pdf=pdf, final=final, output_format=format,
    )  # fmt: skip


@app.command("import-national", cls=Command)
@reports_errors
def import_national(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="NHS England ASCOF CSVs, or long tables by area."),
    ],
    workspace: WorkspaceOption = None,
    period: YearOption = None,
) -> None:
    """Import comparator councils' figures for benchmarking (one ASCOF file per year)."""
    from perfcli.commands.national import run_import

    run_import(Env.terminal(), files, workspace=workspace, period=_period(period))


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
        run_ranks(Env.terminal(), workspace=workspace, period=_period(period), group=group,
                  output=format)  # fmt: skip
        return
    if index or index_file is not None:
        run_index(Env.terminal(), workspace=workspace, source=index_file, output=format)
        return
    run_benchmark(Env.terminal(), workspace=workspace, period=_period(period), group=group,
                  bottom_quartile=bottom_quartile, output=format)  # fmt: skip


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

    run(Env.terminal(), files, workspace=workspace, period=_period(period), write=write,
        best=best, output=format)  # fmt: skip


template_app = typer.Typer(
    cls=Group,
    help="Check the Word templates a committee report is drafted from.",
    no_args_is_help=True,
)
app.add_typer(template_app, name="template")


@template_app.command("check", cls=Command)
@reports_errors
def template_check(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="A .docx template (default: the workspace's templates/adults.docx).",
        ),
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """List the placeholders a template uses; name any perfcli does not know, or that it lacks."""
    from perfcli.commands.draft import check

    status = check(Env.terminal(), file, workspace=workspace)
    if status:
        raise typer.Exit(int(status))


store_app = typer.Typer(
    cls=Group,
    help="The store itself: its schema, and copying it to another engine.",
    no_args_is_help=True,
)
app.add_typer(store_app, name="store")


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
        from perfcli.errors import UsageError

        raise UsageError("store copy prints a table or --format json, not csv")
    copy(Env.terminal(), to, workspace=workspace, schema=schema, force=force, output=format)


returns_app = typer.Typer(
    cls=Group,
    help="Collect each period's figures and commentary from the service owners.",
    no_args_is_help=True,
)
app.add_typer(returns_app, name="returns")


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

    chosen = _period(period)
    assert chosen is not None
    make(Env.terminal(), workspace=workspace, period=chosen, due=due, force=force)


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

    status(Env.terminal(), workspace=workspace, period=_period(period), output=format,
           remind=remind)  # fmt: skip


def main() -> None:
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
    finally:
        # Nor as it exits: the collection Python runs then would scan every object left (the
        # modules' and the command's) once more, 18 ms after importing 2,000 measures. Frozen,
        # they are dropped as the process ends; what must be closed (stores, files) is closed.
        gc.freeze()
