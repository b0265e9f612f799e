"""Files read into import batches, with what the workspace already knows about its measures."""

from __future__ import annotations

from pathlib import Path

from perfcli.checks import Finding, Severity
from perfcli.errors import PerfcliError
from perfcli.importers import (
    Context,
    ImportBatch,
    NoMeasures,
    ReturnRefused,
    file_sha256,
    read_file,
)
from perfcli.importers.problems import Problem
from perfcli.model import Measure, NationalRow, Observation, ReportLine
from perfcli.periods import Period, parse_period
from perfcli.store import Store
from perfcli.words import count
from perfcli.workspace import Folder, normalise_alias


class ChecksFailed(PerfcliError):
    """Import refused: the files hold errors that validate found."""

    def __init__(self, findings: list[Finding]) -> None:
        errors = [f for f in findings if f.severity is Severity.ERROR]
        first = errors[0]
        super().__init__(
            f"{count(len(errors), 'error')} found, nothing imported; first: {first.location}: {first.message}",
            hint="fix them, or pass --force to import anyway",
        )
        self.findings = findings


def context_for(folder: Folder, period: Period | None, *, include_hidden: bool = False) -> Context:
    """What an import needs to know: perfcli.toml's definitions, and the store if it exists."""
    limits = folder.config.import_
    ctx = Context(
        settings=dict(folder.config.measures),
        period=period,
        include_hidden=include_hidden,
        folder=folder,
        max_bytes=int(limits.max_file_mb * 1_000_000),
        max_unzipped_bytes=int(limits.max_unzipped_mb * 1_000_000),
        max_cells=limits.max_cells,
    )
    # An empty file is a store another import has only just created: nothing in it to know yet.
    if folder.db_path.exists() and folder.db_path.stat().st_size:
        with Store(folder.db_path, read_only=True) as store:
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
            # A Local measure is found by its words, whatever id an older release made of them.
            for m in ctx.stored.values():
                if m.code.lower() == "local":
                    ctx.aliases.setdefault(normalise_alias(m.description), m.id)
    ctx.aliases.update(folder.aliases())
    return ctx


def _fold(ctx: Context, batch: ImportBatch) -> None:
    """Let later files in one command see the measures the earlier ones defined."""
    for measure in batch.measures.values():
        ctx.stored[measure.id] = measure
        for alias in (measure.code, *measure.aliases):
            if alias and alias.lower() != "local":
                ctx.aliases.setdefault(normalise_alias(alias), measure.id)
        if measure.code.lower() == "local":
            ctx.aliases.setdefault(normalise_alias(measure.description), measure.id)
    for line in batch.lines:
        latest = ctx.latest_report.get(line.measure_id)
        if latest is None or parse_period(line.report_period) > parse_period(latest):
            ctx.latest_report[line.measure_id] = line.report_period


def read_batches(files: list[Path], ctx: Context) -> list[ImportBatch]:
    """Each file read in turn, each seeing the measures the files before it defined.

    Among several files, a service owner's return refused whole is one problem among the
    others, and one with no measures yet (a blank entry workbook caught by
    `data/*.xlsx`) is passed over with a warning; alone, or with no measures anywhere, it is
    refused.
    """
    batches, empty = [], []
    for file in files:
        try:
            batch = read_file(file, ctx)
        except NoMeasures as error:
            empty.append(error)
            batch = ImportBatch(file, file_sha256(file))
            batch.warnings.append(f"{error.location()}: {error.message}; nothing read from it")
        except ReturnRefused as error:
            if len(files) == 1:
                raise
            # One owner's refused return does not hide the next one's problems.
            batch = ImportBatch(file, file_sha256(file))
            batch.problems.append(Problem(error, "return not imported"))
        _fold(ctx, batch)
        batches.append(batch)
    if empty and len(empty) == len(files):
        raise empty[0]
    return batches


def problem_findings(batches: list[ImportBatch], *, forced: bool = False) -> list[Finding]:
    """Every cell and row a file's reading could not take, as errors at their cells; under
    --force each says what was done with it."""
    return [
        Finding(Severity.ERROR, "file.unreadable", p.error.location(),
                f"{p.error.message} [{p.action}]" if forced else p.error.message, p.error.hint)
        for batch in batches for p in batch.problems
    ]  # fmt: skip


def batch_notes(batches: list[ImportBatch]) -> list[Finding]:
    """What reading noticed without refusing (hidden rows, codes told apart), for validate."""
    found = []
    for batch in batches:
        for text in batch.warnings:
            where, _, message = text.partition(": ")
            found.append(Finding(Severity.WARNING, "file.note", where, message))
    return found


def report_periods(batches: list[ImportBatch]) -> list[str]:
    return sorted({line.report_period for batch in batches for line in batch.lines})


class FileRecords:
    """Files' records held in memory as the store would hold them, for rating a file directly.

    Later files win, as they would on import; a placeholder ("Due March 2022") never replaces
    a figure. There is no national data.
    """

    def __init__(self, batches: list[ImportBatch]) -> None:
        self._measures: dict[str, Measure] = {}
        self._observations: dict[tuple[str, str], Observation] = {}
        self._lines: dict[str, dict[str, ReportLine]] = {}
        for batch in batches:
            self._measures.update(batch.measures)
            for observation, _ in batch.observations:
                key = (observation.measure_id, observation.period)
                held = self._observations.get(key)
                if held is not None and observation.value is None and held.value is not None:
                    continue
                self._observations[key] = observation
            for line in batch.lines:
                self._lines.setdefault(line.report_period, {})[line.measure_id] = line

    def measure(self, measure_id: str) -> Measure | None:
        return self._measures.get(measure_id)

    def measures(self) -> list[Measure]:
        return list(self._measures.values())

    def observation(self, measure_id: str, period: str) -> Observation | None:
        return self._observations.get((measure_id, period))

    def observations_for(self, period: str) -> list[Observation]:
        return [o for (_, p), o in self._observations.items() if p == period]

    def observation_periods(self) -> list[str]:
        return _in_order({p for _, p in self._observations})

    def report_lines(self, report_period: str) -> list[ReportLine]:
        lines = self._lines.get(report_period, {}).values()
        return sorted(lines, key=lambda line: line.position)

    def report_periods(self) -> list[str]:
        return _in_order(set(self._lines))

    def national(self, measure_id: str, period: str) -> list[NationalRow]:
        return []

    def national_periods(self) -> list[str]:
        return []


def _in_order(labels: set[str]) -> list[str]:
    return sorted(labels, key=lambda label: parse_period(label).sort_key())
