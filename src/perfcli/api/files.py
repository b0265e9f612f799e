"""Files read by a workspace: imported into its store, checked before import, rated in memory."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from msgspec.structs import replace

from perfcli.api.opened import Files, OpenedWorkspace, PeriodLike, as_paths, as_period
from perfcli.domain.checks import check_store
from perfcli.domain.findings import Finding, Severity
from perfcli.domain.line_checks import one_period_twice
from perfcli.domain.measure_checks import check_aliases, check_settings
from perfcli.domain.periods import Period
from perfcli.domain.records import FileRecords, Records, unexplained
from perfcli.errors import InputError, UsageError, with_hint
from perfcli.importers import NoMeasures
from perfcli.importers.batches import (
    ChecksFailed,
    batch_notes,
    context_for,
    passed_over,
    problem_findings,
    read_batches,
    report_periods,
)
from perfcli.importers.locks import open_in_excel
from perfcli.location import Location
from perfcli.returns.newest import oldest_first
from perfcli.returns.read import read_if_return
from perfcli.store import known_to

if TYPE_CHECKING:
    from perfcli.api import Workspace
    from perfcli.domain.model import ReportLine
    from perfcli.domain.records import ImportBatch
    from perfcli.results.files import ImportResult, ValidationResult
    from perfcli.results.rating import RateResult


class ReadingFiles(OpenedWorkspace):
    """`Workspace`'s methods that read files: import_files and validate."""

    # Importing ------------------------------------------------------------------------------

    def import_files(
        self, files: Files, *, period: PeriodLike | None = None, force: bool = False,
        include_hidden: bool = False,
    ) -> ImportResult:  # fmt: skip
        """Read, check and store files in one transaction: all of them, or none.

        Every problem in the files and every check's finding is gathered first. Raises
        ChecksFailed (with every finding) when there are errors, unless `force`: then what
        can be read is stored, and what was skipped or corrected is kept in the import's record.
        """
        from perfcli.results.files import ImportResult
        from perfcli.store.database import open_store, store_exists

        ctx = context_for(self.folder, as_period(period), include_hidden=include_hidden,
                          known=known_to(self.folder), returns=read_if_return)  # fmt: skip
        paths, locked = open_in_excel(as_paths(files))
        batches = oldest_first(
            read_batches(paths, ctx, asked_after=False), lambda batch: batch.returned
        )
        problems = problem_findings(batches, forced=force)
        only = [p.error for batch in batches for p in batch.problems]
        periods = report_periods(batches)
        # An import is judged on what it brings, not on what was imported (or forced) before.
        brought = {line.measure_id for batch in batches for line in batch.lines}
        findings: list[Finding] = [*locked, *problems]

        def check(store: Records) -> None:
            def cells() -> dict[str, dict[str, Location]]:
                # A figure the files give again unchanged is held with the cell it was first
                # read from: a finding names the file being imported, as validate would.
                held = store.figure_cells()
                for measure, places in FileRecords(batches).figure_cells().items():
                    held.setdefault(measure, {}).update(places)
                return held

            # A mark a copy gives again unchanged is held at the cell it was first read from; a
            # finding about it names the file being imported, as one about a figure does.
            marks = {(line.report_period, line.measure_id): line.marks_at
                     for batch in batches for line in batch.lines if line.marks_at}  # fmt: skip
            found = check_store(store, periods, self.config, brought, cells, marks)
            checked = unexplained(found, batches)
            # Named in the file that brings each, as validate names them.
            by_file = [(batch.file, [batch]) for batch in batches]
            findings.extend(replace(f, location=_in_file(f.location, by_file)) for f in checked)
            measures = store.measures()  # read once: 3 ms a reading at 2,000 measures
            findings.extend(check_settings(self.config, [m.id for m in measures]))
            findings.extend(check_aliases(self.config, measures))
            if force or not any(f.severity is Severity.ERROR for f in findings):
                return
            errors = [f for f in findings if f.severity is Severity.ERROR]
            # Listed with what reading noticed, so that the count is validate's; one bad cell
            # said as its own line.
            one = only[0] if len(only) == 1 and len(errors) == 1 else None
            raise ChecksFailed([*findings, *batch_notes(batches)], one)

        if not store_exists(self.folder):
            # A first import holds nothing but the files: they are checked as validate checks
            # them, and one refused (or stopped with Ctrl-C) leaves no empty perfcli.db behind.
            check(FileRecords(batches))
            with open_store(self.folder, make=True) as store:
                summaries = store.apply(batches, lambda _: None)
        else:
            with open_store(self.folder, make=True) as store:
                summaries = store.apply(batches, check)
        return ImportResult(batches, summaries, findings)

    # Checking -------------------------------------------------------------------------------

    def validate(
        self, files: Files | None = None, *, period: PeriodLike | None = None,
        include_hidden: bool = False,
    ) -> ValidationResult:  # fmt: skip
        """Check files before import, or (without files) every report the workspace holds."""
        from perfcli.results.files import ValidationResult

        paths = as_paths(files or [])
        if paths:
            return ValidationResult(self._check_files(paths, as_period(period), include_hidden))
        with self.store() as store:
            held = store.report_periods()
            periods = held
            wanted = as_period(period)
            if wanted is not None:
                if wanted.label not in held:
                    raise UsageError(
                        f"no report for {wanted.label} in the workspace",
                        hint=f"its reports are {', '.join(held)}",
                    )
                periods = [wanted.label]
            measures = store.measures()
            return ValidationResult(
                check_store(store, periods, self.config)
                + check_settings(self.config, [m.id for m in measures], every=True)
                + check_aliases(self.config, measures)
            )

    def _check_files(
        self, files: list[Path], period: Period | None, include_hidden: bool = False
    ) -> list[Finding]:
        """The findings import would make on these files, the same count, with no store written
        (not even a temporary one).

        Each file is read on its own (one that cannot be read is one finding), then all are
        checked together in memory, as import checks them.
        """
        ctx = context_for(self.folder, period, include_hidden=include_hidden,
                          known=known_to(self.folder), returns=read_if_return)  # fmt: skip
        paths, findings = open_in_excel(files)
        read: list[tuple[Path, list[ImportBatch]]] = []
        empty: list[NoMeasures] = []
        for file in paths:
            try:
                read.append((file, read_batches([file], ctx)))
            except NoMeasures as error:
                empty.append(error)
            except InputError as error:
                findings.append(Finding(Severity.ERROR, "file.unreadable", error.location(),
                                        error.message, error.hint))  # fmt: skip
        # A file with no measures yet (init's blank entry workbook, caught by `data/*.xlsx`) is
        # passed over with a warning beside other files, and an error when all are so: as import.
        for nothing in empty:
            if len(empty) < len(paths):
                findings.append(passed_over(nothing))
            else:
                findings.append(Finding(Severity.ERROR, "file.unreadable", nothing.location(),
                                        nothing.message, nothing.hint))  # fmt: skip
        # As import applies them: one owner's returns oldest first, so 'the later file' is the newer.
        read = oldest_first(
            read, lambda pair: next((b.returned for b in pair[1] if b.returned), None)
        )
        batches = [batch for _, each in read for batch in each]
        findings += problem_findings(batches) + batch_notes(batches)
        brought = {line.measure_id for batch in batches for line in batch.lines}
        records = FileRecords(batches)
        checked = unexplained(
            check_store(records, report_periods(batches), self.config, brought), batches
        )
        # As import would find them: the files' measures beside those the store already holds.
        held = dict.fromkeys([*(m.id for m in records.measures()), *ctx.stored])
        checked += check_settings(self.config, list(held))
        returns = {file.name for file, each in read if any(b.returned for b in each)}
        for f in checked:
            message, hint = f.message, f.hint
            location = _in_file(f.location, read)
            if f.code == "value.revised":  # nothing is imported yet: the files disagree
                message = "the files give this figure different values"
                hint = ("import keeps the newer return's, and the older in its history"
                        if location.file in returns else
                        "import keeps the later file's, and the earlier in its history")  # fmt: skip
            findings.append(Finding(f.severity, f.code, location, message, hint))
        return findings


def _first_of(problems: list[InputError], file: Path, also: str = "") -> InputError:
    """One line for a file's problems: the first, and how many more 'validate' lists."""
    first = problems[0]
    if len(problems) == 1 and not also:
        return first
    if len(problems) == 1:
        more = also
    else:
        more = f"and {len(problems) - 1} more; 'perfcli validate {file.name}' lists them all"
        more += f", {also}" if also else ""
    hint = f"{first.hint}; {more}" if first.hint else more
    return InputError(first.message, file=first.file, sheet=first.sheet, cell=first.cell, hint=hint)


def _refuse_one_period_twice(records: FileRecords, report: Period, file: Path) -> None:
    """A row whose current and previous figures are for one period (two columns headed alike)
    would be compared with itself: refused here as `validate` refuses it, by the same check."""
    for line in records.report_lines(report.label):
        if line.previous_period is None:
            continue
        current = records.observation(line.measure_id, line.current_period)
        previous = records.observation(line.measure_id, line.previous_period)
        found = one_period_twice(line, current, previous)
        if found is not None and records.measure(line.measure_id) is not None:
            raise InputError(
                found.message,
                file=file,
                about=found.location,
                hint="give each period one column (validate lists every problem), or pass"
                " --force to rate what can be read",
            )


def rate_file(
    path: str | Path,
    *,
    period: PeriodLike | None = None,
    workspace: Workspace | str | Path | None = None,
    force: bool = False,
    include_hidden: bool = False,
) -> RateResult:
    """Rate one workbook or CSV directly, in memory: nothing is written anywhere.

    The workspace's settings apply (the one given, as a Workspace or its folder, else one found
    above here). A file with unreadable cells is refused, naming them, unless `force`: then what
    can be read is rated and each problem is in the result's `problems`. A `period` the file does
    not hold is refused with the periods it does hold.
    """
    from perfcli.domain.assessment import pick_period, rate_period, reports_listed

    if isinstance(workspace, str | Path):
        ws = OpenedWorkspace.open(workspace)
    else:
        ws = workspace or OpenedWorkspace.here_or_defaults()
    paths, locked = open_in_excel([Path(path)])
    if not paths:
        raise InputError(locked[0].message, file=path, hint=locked[0].hint)
    file = paths[0]
    ctx = context_for(ws.folder, None, include_hidden=include_hidden, known=known_to(ws.folder),
                      returns=read_if_return)  # fmt: skip
    batches = read_batches([file], ctx, asked_after=False)
    problems = [p.error for batch in batches for p in batch.problems]
    if problems and not force:
        raise _first_of(problems, file, also="or pass --force to rate what can be read")
    records = FileRecords(batches)
    wanted = as_period(period)
    held = records.report_periods()
    if wanted is not None and wanted.label not in held:
        figures = records.observation_periods()
        if wanted.label not in figures:  # a --period the data lacks: usage, as for a workspace
            raise UsageError(
                f"{file.name}: holds no figures for {wanted.label}",
                hint=f"it holds figures for {', '.join(figures) or 'no period'}"
                f" (its report periods: {reports_listed(held) or 'none'})",
            )
        if held:  # as a workspace refuses it: every row would be "not rated"
            raise UsageError(
                f"{file.name}: {wanted.display} is not one of its report periods, only the period"
                " of some of its figures, without comparators or targets of its own, so it is not"
                " rated on its own",
                hint=f"its report periods are {reports_listed(held)}",
            )
    if not records.report_periods():  # a file of definitions: a workspace's advice would mislead
        raise InputError(
            "holds no report to rate (no performance columns)",
            file=file,
            hint="rate a dashboard with a column such as '2023/24 Performance'",
        )
    chosen = pick_period(records, wanted)
    if not force:
        _refuse_one_period_twice(records, chosen, file)
    rated = rate_period(records, ws.config, chosen)
    # Each with what --force did with it (`[row not imported]`, `[read as '…']`).
    done = [str(p) for batch in batches for p in batch.problems]
    notes = [with_hint(f"{note.where}: {note.text}", note.hint)
             for batch in batches for note in batch.warnings]  # fmt: skip
    from perfcli.results.rating import MeasureRating, RateResult

    return RateResult(chosen, [MeasureRating(item) for item in rated], done, notes)


def _in_file(location: Location, read: list[tuple[Path, list[ImportBatch]]]) -> Location:
    """A finding's measure and period in the file that brings them (the last, if several, as
    import keeps the later file's figure); a finding about a measure as a whole, in the last file
    holding the measure. A finding no file brings is left where it is."""
    if not read or location.file is not None or location.measure is None:
        return location

    def lines(batches: list[ImportBatch]) -> list[ReportLine]:
        return [
            line for batch in batches for line in batch.lines if line.measure_id == location.measure
        ]

    def names(line: ReportLine) -> bool:
        return location.period in (line.report_period, line.current_period, line.previous_period)

    holding = [file.name for file, batches in read if any(map(names, lines(batches)))]
    if not holding:  # the measure as a whole, or a period its lines do not name
        holding = [file.name for file, batches in read if lines(batches)]
    return location.in_file(holding[-1]) if holding else location
