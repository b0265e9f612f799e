"""`perfcli draft-report`: draft the committee report, then say what was written."""

from __future__ import annotations

from pathlib import Path

from perfcli.console import stdout_console
from perfcli.errors import UsageError
from perfcli.report.builder import Drafted, draft
from perfcli.report.dates import read_date
from perfcli.store import Store
from perfcli.workspace import find_workspace


def run(
    committee: str,
    *,
    workspace: Path | None,
    period: str | None,
    output: Path | None,
    force: bool,
    meeting_date: str | None = None,
    pdf: bool = False,
) -> Drafted:
    ws = find_workspace(workspace)
    meeting = read_date(meeting_date) if meeting_date else None
    if not ws.db_path.exists():
        raise UsageError(f"{ws.root}: nothing imported yet", hint="run 'perfcli import FILE'")
    with Store(ws.db_path) as store:
        drafted = draft(
            store, ws.config, ws.root, committee, period, output,
            force=force, meeting_date=meeting, pdf=pdf,
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


def check(file: Path | None, *, workspace: Path | None) -> int:
    """`perfcli template check`: the placeholders used, unknown ones and missing ones."""
    from perfcli.report.builder import CONTEXT_KEYS, REQUIRED_KEYS
    from perfcli.report.document import placeholders
    from perfcli.report.templates import template_for

    if file is None:
        ws = find_workspace(workspace)
        file = template_for(ws.root, None, "adults.docx")
    found = placeholders(file, CONTEXT_KEYS)
    console = stdout_console()
    console.print(f"{file}: {len(found.used)} placeholders", markup=False)
    console.print("  used: " + (", ".join(sorted(found.used)) or "none"), markup=False)
    lacking = found.missing & REQUIRED_KEYS
    if found.missing:
        console.print("  not used: " + ", ".join(sorted(found.missing)), markup=False)
    if found.unknown:
        console.print(
            "  ✘ unknown (perfcli does not fill these): " + ", ".join(sorted(found.unknown)),
            markup=False,
        )
    if lacking:
        console.print(
            "  ✘ missing (a report needs these): " + ", ".join(sorted(lacking)), markup=False
        )
    if not found.unknown and not lacking:
        console.print("✔ every placeholder is one perfcli fills", markup=False)
        return 0
    return 1
