"""`perfcli validate`: find wrong periods and figures before they reach a committee."""

from __future__ import annotations

from pathlib import Path

from perfcli.checks import Finding, Severity, check_store
from perfcli.console import (
    OutputFormat,
    emit,
    stderr_console,
    stdout_console,
    table,
)
from perfcli.errors import ExitStatus, InputError, UsageError
from perfcli.periods import parse_period
from perfcli.store import Store

FIELDS = ["severity", "code", "location", "message", "hint"]
MARKS = {Severity.ERROR: "✘ error", Severity.WARNING: "⚠ warning", Severity.INFO: "ℹ info"}
STYLES = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def show(findings: list[Finding], output: OutputFormat, *, to_stderr: bool = False) -> None:
    counts = {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}
    rows = [f.as_dict() for f in findings]
    data = {"findings": rows, "summary": counts}
    emit(output, data, rows, FIELDS, lambda: _print(findings, counts, to_stderr=to_stderr))


def _print(findings: list[Finding], counts: dict[str, int], *, to_stderr: bool) -> None:
    from rich.markup import escape

    console = stderr_console() if to_stderr else stdout_console()
    colour = console.is_terminal and not console.no_color
    if findings:
        grid = table(None, ["Severity", "Location", "Message", "Hint"], console)
        order = list(Severity)
        for f in sorted(findings, key=lambda f: (order.index(f.severity), f.location)):
            mark = MARKS[f.severity]
            grid.add_row(
                f"[{STYLES[f.severity]}]{mark}[/]" if colour else mark,
                escape(f.location), escape(f.message), escape(f.hint or ""),
            )  # fmt: skip
        console.print(grid)
    console.print(
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes.",
        markup=False,
    )


def _files(files: list[Path], period: str | None) -> list[Finding]:
    from perfcli.commands.importing import context_for, read_batches, workspace_or_defaults

    ws = workspace_or_defaults()
    ctx = context_for(ws, period)
    findings: list[Finding] = []
    with Store(Path(":memory:")) as store:
        for file in files:
            try:
                batches = read_batches([file], ctx)
            except InputError as error:
                findings.append(
                    Finding(
                        Severity.ERROR,
                        "file.unreadable",
                        error.location(),
                        error.message,
                        error.hint,
                    )
                )
                continue
            store.apply(batches)
            periods = sorted({line.report_period for b in batches for line in b.lines})
            findings += [_in_file(f, file) for f in check_store(store, periods, ws.config)]
    return findings


def _in_file(finding: Finding, file: Path) -> Finding:
    return Finding(
        finding.severity,
        finding.code,
        f"{file.name}: {finding.location}",
        finding.message,
        finding.hint,
    )


def run(
    files: list[Path], *, workspace: Path | None, period: str | None, output: OutputFormat
) -> int:
    if files:
        findings = _files(files, period)
    else:
        from perfcli.commands.importing import open_store

        ws, store = open_store(workspace)
        with store:
            held = store.report_periods()
            periods = held
            if period is not None:
                label = parse_period(period).label
                if label not in held:
                    raise UsageError(
                        f"no report for {label} in the workspace",
                        hint=f"its reports are {', '.join(held)}",
                    )
                periods = [label]
            findings = check_store(store, periods, ws.config)
    show(findings, output)
    errors = any(f.severity is Severity.ERROR for f in findings)
    return int(ExitStatus.INVALID_DATA if errors else ExitStatus.OK)
