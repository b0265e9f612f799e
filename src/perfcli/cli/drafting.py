"""Drafting the committee report and checking its Word templates: draft-report, template check."""

from pathlib import Path
from typing import Annotated

import typer

from perfcli.cli.root import app, sub_app
from perfcli.command_line import (
    Command,
    FormatOption,
    PeriodOption,
    WorkspaceOption,
    option_period,
    reports_errors,
)
from perfcli.errors import UsageError
from perfcli.present.console import Env, OutputFormat

# The committee whose report is drafted or read: draft-report's and proof-read's.
CommitteeOption = Annotated[
    str,
    typer.Option("--committee", "-c", metavar="NAME", help="Committee defined in perfcli.toml."),
]


@app.command("draft-report", cls=Command)
@reports_errors
def draft_report(
    committee: CommitteeOption,
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
        raise UsageError("--format csv: draft-report prints its findings as table or json")
    run(
        Env.terminal(), committee, workspace=workspace, period=option_period(period),
        output=output, force=force, meeting_date=meeting_date, pdf=pdf, final=final,
        output_format=format,
    )  # fmt: skip


@app.command("proof-read", cls=Command)
@reports_errors
def proof_read(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The report (.docx), as edited in Word.")
    ],
    committee: CommitteeOption,
    workspace: WorkspaceOption = None,
    period: PeriodOption = None,
    format: FormatOption = OutputFormat.TABLE,
) -> None:
    """Proof-read a drafted report again after edits in Word: exit 1 if anything is found."""
    from perfcli.commands.draft import proof_read as run

    if format is OutputFormat.CSV:
        raise UsageError("--format csv: proof-read prints its findings as table or json")
    status = run(Env.terminal(), file, committee, workspace=workspace,
                 period=option_period(period), output_format=format)  # fmt: skip
    if status:
        raise typer.Exit(int(status))


template_app = sub_app("template", "Check the Word templates a committee report is drafted from.")


@template_app.command("check", cls=Command)
@reports_errors
def template_check(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="A .docx template, or the name of one in the workspace's templates/ (default: templates/adults.docx, else the shipped one).",
        ),
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """List the placeholders a template uses; name any perfcli does not know, or that it lacks."""
    from perfcli.commands.draft import check

    status = check(Env.terminal(), file, workspace=workspace)
    if status:
        raise typer.Exit(int(status))
