"""`perfcli import`: read files, check them whole, then write them in one transaction."""

from __future__ import annotations

from pathlib import Path

from perfcli.checks import Finding, Severity, check_store
from perfcli.console import OutputFormat, stderr_console, stdout_console
from perfcli.errors import PerfcliError, UsageError, WorkspaceError
from perfcli.importers import Context, ImportBatch, read_file
from perfcli.periods import parse_period
from perfcli.store import ImportSummary, Store
from perfcli.workspace import Config, Workspace, find_workspace, normalise_alias


class ChecksFailed(PerfcliError):
    """Import refused: the files hold errors that validate found."""

    def __init__(self, findings: list[Finding]) -> None:
        errors = [f for f in findings if f.severity is Severity.ERROR]
        first = errors[0]
        super().__init__(
            f"{len(errors)} error(s) found, nothing imported; first: {first.location}: {first.message}",
            hint="fix them, or pass --force to import anyway",
        )
        self.findings = findings


def context_for(ws: Workspace, period: str | None) -> Context:
    """What an import needs to know: perfcli.toml's definitions, and the store if it exists."""
    limits = ws.config.import_
    ctx = Context(
        settings=dict(ws.config.measures),
        period=parse_period(period) if period else None,
        max_bytes=int(limits.max_file_mb * 1_000_000),
        max_unzipped_bytes=int(limits.max_unzipped_mb * 1_000_000),
    )
    if ws.db_path.exists():
        with Store(ws.db_path) as store:
            ctx.aliases.update(store.aliases())
            ctx.stored = {m.id: m for m in store.measures()}
            # A measure's current code wins over an old code another measure once had.
            ctx.aliases.update(
                {
                    normalise_alias(m.code): m.id
                    for m in ctx.stored.values()
                    if m.code.lower() != "local"
                }
            )
            ctx.latest_report = store.latest_reports()
    ctx.aliases.update(ws.aliases())
    return ctx


def open_store(workspace: Path | None) -> tuple[Workspace, Store]:
    """The workspace and its store, or a usage error when nothing has been imported."""
    ws = find_workspace(workspace)
    store = Store(ws.db_path) if ws.db_path.exists() else None
    if store is None or not store.measures():
        if store is not None:
            store.close()
        raise UsageError(f"{ws.root}: nothing imported yet", hint="run 'perfcli import FILE'")
    return ws, store


def workspace_or_defaults() -> Workspace:
    """For commands that read files directly: the workspace's settings if there is one."""
    try:
        return find_workspace(None)
    except WorkspaceError:
        return Workspace(Path.cwd(), Config())


def scratch_store(files: list[Path], period: str | None) -> tuple[Store, Config]:
    """Files read into a throwaway in-memory store: nothing is written to the workspace."""
    ws = workspace_or_defaults()
    batches = read_batches(files, context_for(ws, period))
    store = Store(Path(":memory:"))
    store.apply(batches)
    return store, ws.config


def _fold(ctx: Context, batch: ImportBatch) -> None:
    """Let later files in one command see the measures the earlier ones defined."""
    for measure in batch.measures.values():
        ctx.stored[measure.id] = measure
        for alias in (measure.code, *measure.aliases):
            if alias and alias.lower() != "local":
                ctx.aliases.setdefault(normalise_alias(alias), measure.id)
    for line in batch.lines:
        latest = ctx.latest_report.get(line.measure_id)
        if latest is None or parse_period(line.report_period) > parse_period(latest):
            ctx.latest_report[line.measure_id] = line.report_period


def read_batches(files: list[Path], ctx: Context) -> list[ImportBatch]:
    batches = []
    for file in files:
        batch = read_file(file, ctx)
        _fold(ctx, batch)
        batches.append(batch)
    return batches


def describe(batch: ImportBatch, summary: ImportSummary) -> str:
    periods = ", ".join(parse_period(p).display for p in summary.report_periods) or "no period"
    figures = (
        f"{summary.observations_new} new, {summary.observations_revised} revised, "
        f"{summary.observations_unchanged} unchanged"
    )
    verdict = "imported" if summary.changed else "no changes"
    return (
        f"{batch.file.name}: {verdict} — {len(batch.measures)} measures for {periods}; "
        f"figures: {figures}"
    )


SHOWN_AT_IMPORT = 20


def _show_some(findings: list) -> None:  # type: ignore[type-arg]
    """Errors and warnings, the first few of them: 'perfcli validate' lists them all."""
    from perfcli.commands.validate import show

    shown = sorted(
        (f for f in findings if f.severity is not Severity.INFO),
        key=lambda f: f.severity is not Severity.ERROR,
    )
    if not shown:
        return
    show(shown[:SHOWN_AT_IMPORT], OutputFormat.TABLE, to_stderr=True)
    if len(shown) > SHOWN_AT_IMPORT:
        stderr_console().print(
            f"… and {len(shown) - SHOWN_AT_IMPORT} more; 'perfcli validate' lists them all.",
            markup=False,
        )


def run(
    files: list[Path], *, workspace: Path | None, period: str | None, force: bool = False
) -> list[ImportSummary]:

    ws = find_workspace(workspace)
    ctx = context_for(ws, period)
    batches = read_batches(files, ctx)
    periods = sorted({line.report_period for batch in batches for line in batch.lines})
    # An import is judged on what it brings, not on what was imported (or forced) before.
    brought = {line.measure_id for batch in batches for line in batch.lines}
    findings = []

    def check(store: Store) -> None:
        findings.extend(check_store(store, periods, ws.config, brought))
        if not force and any(f.severity is Severity.ERROR for f in findings):
            raise ChecksFailed(findings)

    try:
        with Store(ws.db_path) as store:
            summaries = store.apply(batches, check)
    except ChecksFailed:
        _show_some(findings)
        raise
    _show_some(findings)
    out, err = stdout_console(), stderr_console()
    for batch, summary in zip(batches, summaries, strict=True):
        for warning in batch.warnings:
            err.print(f"Warning: {warning}", markup=False)
        mark = "✔" if summary.changed else "="
        out.print(f"{mark} {describe(batch, summary)}", markup=False)
    return summaries
