"""`perfcli draft-report`: draft the committee report, then say what was written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from perfcli.console import stdout_console
from perfcli.errors import UsageError
from perfcli.report.builder import Drafted, draft
from perfcli.store import Store
from perfcli.workspace import find_workspace


def run(
    committee: str,
    *,
    workspace: Path | None,
    period: str | None,
    output: Path | None,
    force: bool,
    meeting_date: date | None = None,
    pdf: bool = False,
) -> Drafted:
    ws = find_workspace(workspace)
    if not ws.db_path.exists():
        raise UsageError(f"{ws.root}: nothing imported yet", hint="run 'perfcli import FILE'")
    with Store(ws.db_path) as store:
        drafted = draft(
            store, ws.config, ws.root, committee, period, output,
            force=force, meeting_date=meeting_date, pdf=pdf,
        )  # fmt: skip
    summary(drafted)
    return drafted


def summary(drafted: Drafted) -> None:
    console = stdout_console()
    report = drafted.period
    console.print(f"✔ Drafted the report for {report.display} ({report.long})", markup=False)
    console.print(
        f"  {drafted.measures} measures, {drafted.paragraphs} drafted paragraphs, "
        f"{drafted.tables} Appendix A tables",
        markup=False,
    )
    for mid in drafted.left_out:
        console.print(
            f"  left out of the Performance Update: {mid} (in no section of the committee)",
            markup=False,
        )
    for warning in drafted.warnings:
        console.print(f"  ! {warning}", markup=False)
    console.print(f"  written to {drafted.path}", markup=False)
    if drafted.pdf:
        console.print(f"  and as PDF to {drafted.pdf}", markup=False)
