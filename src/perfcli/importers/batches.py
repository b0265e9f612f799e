"""Files read into import batches, with what the workspace already knows about its measures."""

from __future__ import annotations

from pathlib import Path

from perfcli.domain.findings import Finding, Severity
from perfcli.domain.measure_ids import is_local
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.domain.records import ImportBatch, Known, Problem
from perfcli.errors import InputError, PerfcliError
from perfcli.identity import normalise_alias
from perfcli.importers import NoMeasures, ReturnRefused, file_sha256, read_file
from perfcli.importers.measures import Context, ReturnReader
from perfcli.location import Location
from perfcli.words import count
from perfcli.workspace import Folder


class ChecksFailed(PerfcliError):
    """Import refused: the files hold errors that validate found, every one in `findings`.

    Where the only error is one cell that could not be read, it is said as that cell's own
    line (`one`), as it always was."""

    def __init__(self, findings: list[Finding], one: InputError | None = None) -> None:
        errors = [f for f in findings if f.severity is Severity.ERROR]
        first = errors[0]
        if one is not None:
            super().__init__(one.message, hint=one.hint)
        else:
            super().__init__(
                f"{count(len(errors), 'error')} found, nothing imported; first: {first.where}: {first.text}",
                hint="fix them, or pass --force to import anyway",
            )
        self.findings = findings
        self.one = one

    def location(self) -> Location | None:
        return self.one.location() if self.one is not None else None


def context_for(
    folder: Folder,
    period: Period | None,
    *,
    include_hidden: bool = False,
    known: Known | None = None,
    returns: ReturnReader | None = None,
) -> Context:
    """What an import needs to know: perfcli.toml's definitions, and what the store `known`s
    (`store.known_to(folder)`; None when there is no store), and how to read a service owner's
    return (`perfcli.returns.read.read_if_return`; None reads a return as any other workbook)."""
    limits = folder.config.import_
    ctx = Context(
        settings=dict(folder.config.measures),
        period=period,
        include_hidden=include_hidden,
        folder=folder,
        returns=returns,
        max_bytes=int(limits.max_file_mb * 1_000_000),
        max_unzipped_bytes=int(limits.max_unzipped_mb * 1_000_000),
        max_cells=limits.max_cells,
    )
    if known is not None:
        ctx.aliases.update(known.aliases)
        ctx.stored = {m.id: m for m in known.measures}
        # A measure's current code wins over an old code another measure once had.
        ctx.aliases.update(
            {normalise_alias(m.code): m.id for m in ctx.stored.values() if not is_local(m.code)}
        )
        ctx.latest_report = dict(known.latest_reports)
        # A Local measure is found by its words, whatever id an older release made of them.
        for m in ctx.stored.values():
            if is_local(m.code):
                ctx.aliases.setdefault(normalise_alias(m.description), m.id)
    ctx.aliases.update(folder.aliases())
    return ctx


def _fold(ctx: Context, batch: ImportBatch) -> None:
    """Let later files in one command see the measures the earlier ones defined."""
    for measure in batch.measures.values():
        ctx.stored[measure.id] = measure
        for alias in (measure.code, *measure.aliases):
            if alias and not is_local(alias):
                ctx.aliases.setdefault(normalise_alias(alias), measure.id)
        if is_local(measure.code):
            ctx.aliases.setdefault(normalise_alias(measure.description), measure.id)
    for line in batch.lines:
        latest = ctx.latest_report.get(line.measure_id)
        if latest is None or parse_period(line.report_period) > parse_period(latest):
            ctx.latest_report[line.measure_id] = line.report_period


def passed_over(error: NoMeasures) -> Finding:
    """A file with no measures yet among others (init's blank entry workbook, caught by
    `data/*.xlsx`): a warning, as import and validate both say it."""
    return Finding(Severity.WARNING, "file.note", error.location(),
                   f"{error.message}; nothing read from it", error.hint)  # fmt: skip


def read_batches(files: list[Path], ctx: Context, *, asked_after: bool = True) -> list[ImportBatch]:
    """Each file read in turn, each seeing the measures the files before it defined; `ctx`
    learns the last file's too unless it is not `asked_after` (2 µs a measure).

    Among several files, a service owner's return refused whole (or a workbook that cannot be
    read) is one problem among the others, and one with no measures yet (a blank entry workbook
    caught by `data/*.xlsx`) is passed over with a warning; alone, or with no measures anywhere,
    it is refused.
    """
    batches, empty = [], []
    for file in files:
        try:
            batch = read_file(file, ctx)
        except NoMeasures as error:
            empty.append(error)
            batch = ImportBatch(file, file_sha256(file))
            batch.warnings.append(passed_over(error))
        except InputError as error:
            if len(files) == 1:
                raise
            # One owner's refused return, or one damaged workbook, does not hide the next
            # file's problems: each is one of those listed, and its file is not imported.
            returned = isinstance(error, ReturnRefused)
            batch = ImportBatch(file, file_sha256(file))
            batch.problems.append(Problem(error, "return not imported" if returned
                                          else "file not imported"))  # fmt: skip
        if asked_after or file is not files[-1]:
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
    return [note for batch in batches for note in batch.warnings]


def report_periods(batches: list[ImportBatch]) -> list[str]:
    return sorted({line.report_period for batch in batches for line in batch.lines})
