"""`perfcli import`: read files, check them whole, then write them in one transaction."""

from __future__ import annotations

from pathlib import Path

from perfcli.api import Workspace
from perfcli.domain.findings import Finding, Severity
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.domain.records import ImportBatch
from perfcli.errors import with_hint
from perfcli.importers.batches import ChecksFailed
from perfcli.present.console import Env, OutputFormat, emit
from perfcli.present.progress import working
from perfcli.references import path_text
from perfcli.results.files import IMPORT_FIELDS, ImportResult, ValidationResult
from perfcli.store.summary import ImportSummary
from perfcli.words import count

SHOWN_AT_IMPORT = 20


def describe(batch: ImportBatch, summary: ImportSummary) -> str:
    periods = ", ".join(parse_period(p).display for p in summary.report_periods)
    tally = (summary.observations_new, summary.observations_revised, summary.observations_unchanged)
    figures = "figures: {:,} new, {:,} revised, {:,} unchanged".format(*tally)
    measures = count(len(batch.measures), "measure") if batch.measures else "no measures"
    # A file of definitions alone (measures.csv) is for no period: "1 measure, no figures".
    what = measures + (f" for {periods}" if periods else "")
    what += f"; {figures}" if periods or any(tally) else ", no figures"
    verdict = "imported" if summary.changed else "no changes"
    kept = (
        f"; {count(len(summary.problems), 'cell or row', 'cells or rows')} skipped or corrected, as listed"
        if summary.problems
        else ""
    )
    return f"{path_text(batch.file.name)}: {verdict} — {what}{kept}"


def _show_some(env: Env, findings: list[Finding]) -> None:
    """Errors and warnings, the first few of them: 'perfcli validate' lists them all."""
    # The count is of every finding, as validate's is; the list shows errors and warnings.
    if any(f.severity is not Severity.INFO for f in findings):
        from perfcli.present import tables  # only where there is something to list

        tables.findings(env, ValidationResult(findings), to_stderr=True, shown=SHOWN_AT_IMPORT)


def run(
    env: Env, files: list[Path], *, workspace: Path | None, period: Period | None, force: bool,
    include_hidden: bool = False, output: OutputFormat = OutputFormat.TABLE,
) -> ImportResult:  # fmt: skip
    try:
        with working(env, f"Reading and checking {count(len(files), 'file')}", output):
            result = Workspace.open(workspace).import_files(
                files, period=period, force=force, include_hidden=include_hidden
            )
    except ChecksFailed as failed:
        if output is not OutputFormat.TABLE:  # a program gets every finding, as validate's
            found = ValidationResult(failed.findings)
            emit(env, output, {"files": [], **found.to_dict()}, [], IMPORT_FIELDS, lambda: None)
        elif failed.one is None:  # one bad cell is its one line
            _show_some(env, failed.findings)
        raise
    _show_some(env, result.findings)
    for batch, summary in zip(result.batches, result.summaries, strict=True):
        for warning in batch.warnings:
            env.warn(with_hint(f"Warning: {warning.where}: {warning.text}", warning.hint))
        if output is OutputFormat.TABLE:
            env.say(f"{'✔' if summary.changed else '='} {describe(batch, summary)}")
    if output is not OutputFormat.TABLE:
        data = result.to_dict()
        emit(env, output, data, data["files"], IMPORT_FIELDS, lambda: None)
    return result
