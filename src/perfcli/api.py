"""perfcli as a library: a `Workspace` to import, validate, rate, compare, benchmark and draft.

The command line is a thin layer over this module; a notebook or a scheduled script can do
everything it does:

    from perfcli import Workspace
    ws = Workspace.open("examples/leicestershire")
    ws.import_files(["examples/leicestershire/data/appendix-a-2023-24.xlsx"])
    result = ws.rate("2023-24")
    result.measures[0].rating
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from perfcli.config import Config
from perfcli.domain.checks import (
    check_aliases,
    check_settings,
    check_store,
    one_period_twice,
)
from perfcli.domain.findings import Finding, Severity
from perfcli.domain.periods import Period, parse_period
from perfcli.domain.records import FileRecords
from perfcli.errors import InputError, PerfcliError, UsageError
from perfcli.importers.batches import (
    ChecksFailed,
    batch_notes,
    context_for,
    problem_findings,
    read_batches,
    report_periods,
)
from perfcli.importers.locks import open_in_excel
from perfcli.location import Location
from perfcli.results import (
    BenchmarkResult,
    CalibrationResult,
    DiffResult,
    HistoryResult,
    ImportResult,
    IndexResult,
    LinkResult,
    MeasureRating,
    MeasuresResult,
    NationalFile,
    RanksResult,
    RateResult,
    ValidationResult,
)
from perfcli.returns.read import read_if_return
from perfcli.store import known_to
from perfcli.workspace import Folder, defaults_here, find_workspace, schema_for

# The store's modules, the changes between periods and the ratings load in the methods that use
# them: `rate FILE` starts without the store, `import` without the ratings.
if TYPE_CHECKING:
    from perfcli.importers import ImportBatch
    from perfcli.new_workspace import NewWorkspace
    from perfcli.report.builder import Drafted
    from perfcli.report.corporate import DraftedCompendium
    from perfcli.returns.make import MadeReturns
    from perfcli.returns.status import ReturnsStatus
    from perfcli.store.copy import CopyResult
    from perfcli.store.queries import Store

PeriodLike = Period | str


def as_period(period: PeriodLike | None) -> Period | None:
    """A period given as a label is parsed here, once."""
    if period is None or isinstance(period, Period):
        return period
    return parse_period(period)


def _paths(files: Iterable[str | Path]) -> list[Path]:
    return [Path(f) for f in files]


class Workspace:
    """A workspace folder: its settings (perfcli.toml) and its store (perfcli.db)."""

    def __init__(self, folder: Folder) -> None:
        self.folder = folder

    @classmethod
    def open(cls, path: str | Path | None = None) -> Workspace:
        """The workspace at `path`; else $PERFCLI_WORKSPACE, else the nearest one above here."""
        return cls(find_workspace(Path(path) if path is not None else None))

    @classmethod
    def here_or_defaults(cls) -> Workspace:
        """For reading files directly: the workspace above here if any, else default settings."""
        return cls(defaults_here())

    @property
    def root(self) -> Path:
        return self.folder.root

    @property
    def config(self) -> Config:
        return self.folder.config

    def __repr__(self) -> str:
        return f"Workspace({str(self.root)!r})"

    def store(self, *, write: bool = False) -> Store:
        """The store, read-only unless `write` (so a workspace on a share the officer may only
        read still answers); a usage error when nothing has been imported yet."""
        from perfcli.store.queries import open_store, store_exists

        store = open_store(self.folder, read_only=not write) if store_exists(self.folder) else None
        if store is None or not store.measures():
            if store is not None:
                store.close()
            raise UsageError(f"{self.root}: nothing imported yet", hint="run 'perfcli import FILE'")
        return store

    # The store itself -------------------------------------------------------------------------

    def upgrade_store(self) -> tuple[str, int, int]:
        """`perfcli store upgrade`: bring the store to this perfcli's schema (made when missing).
        Returns where it is, and its schema before and after."""
        from perfcli.store.queries import open_store

        with open_store(self.folder) as store:
            return store.name, store.opened_at, store.upgrade()[1]

    def copy_store(self, to: str, *, schema: str | None = None, force: bool = False) -> CopyResult:
        """`perfcli store copy --to URL-or-FILE`: every row, history included, checked."""
        from perfcli.store.copy import copy_store

        chosen = schema or self.config.store.schema_ or schema_for(self.root.name)
        with self.store() as store:
            return copy_store(store, to, schema=chosen, force=force)

    # Importing ------------------------------------------------------------------------------

    def import_files(
        self, files: Iterable[str | Path], *, period: PeriodLike | None = None, force: bool = False,
        include_hidden: bool = False,
    ) -> ImportResult:  # fmt: skip
        """Read, check and store files in one transaction: all of them, or none.

        Every problem in the files and every check's finding is gathered first. Raises
        ChecksFailed (with every finding) when there are errors, unless `force`: then what
        can be read is stored, and what was skipped or corrected is kept in the import's record.
        """
        from perfcli.store.queries import open_store

        ctx = context_for(self.folder, as_period(period), include_hidden=include_hidden,
                          known=known_to(self.folder), returns=read_if_return)  # fmt: skip
        paths, locked = open_in_excel(_paths(files))
        batches = read_batches(paths, ctx)
        problems = problem_findings(batches, forced=force)
        only = [p.error for batch in batches for p in batch.problems]
        periods = report_periods(batches)
        # An import is judged on what it brings, not on what was imported (or forced) before.
        brought = {line.measure_id for batch in batches for line in batch.lines}
        findings: list[Finding] = [*locked, *problems]

        def check(store: Store) -> None:
            findings.extend(check_store(store, periods, self.config, brought))
            measures = store.measures()  # read once: 3 ms a reading at 2,000 measures
            findings.extend(check_settings(self.config, [m.id for m in measures]))
            findings.extend(check_aliases(self.config, measures))
            if force or not any(f.severity is Severity.ERROR for f in findings):
                return
            errors = [f for f in findings if f.severity is Severity.ERROR]
            if len(only) == 1 and len(errors) == 1:
                raise only[0]  # one bad cell: its one line, as it always was
            # Listed with what reading noticed, so that the count is validate's.
            raise ChecksFailed([*findings, *batch_notes(batches)])

        with open_store(self.folder) as store:
            summaries = store.apply(batches, check)
        return ImportResult(batches, summaries, findings)

    def import_national(
        self, files: Iterable[str | Path], *, period: PeriodLike | None = None
    ) -> list[NationalFile]:
        """Comparator councils' figures (NHS England's ASCOF CSV, or a long table by area)."""
        from perfcli.domain.national_codes import national_codes
        from perfcli.importers.national import read
        from perfcli.store.queries import open_store, store_exists

        if not store_exists(self.folder):
            raise UsageError(
                f"{self.root}: import the workspace's own measures first",
                hint="run 'perfcli import FILE'",
            )
        national = self.config.national
        with open_store(self.folder) as store:
            known = national_codes(store.measures(), national.measures)
            given = as_period(period)
            results = [
                read(file, period=given, codes=known.codes, names=known.names)
                for file in _paths(files)
            ]
            imported = []
            for result in results:
                new, changed = store.put_national(result.rows)
                imported.append(
                    NationalFile(
                        file=result.file,
                        periods=result.periods,
                        measures=len({r.measure_id for r in result.rows}),
                        areas=len({r.area_code for r in result.rows}),
                        new=new,
                        changed=changed,
                        suppressed=result.suppressed,
                        unmapped=sorted(result.unmapped),
                    )  # fmt: skip
                )
        return imported

    # Checking -------------------------------------------------------------------------------

    def validate(
        self, files: Iterable[str | Path] | None = None, *, period: PeriodLike | None = None,
        include_hidden: bool = False,
    ) -> ValidationResult:  # fmt: skip
        """Check files before import, or (without files) every report the workspace holds."""
        paths = _paths(files or [])
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
        for file in paths:
            try:
                read.append((file, read_batches([file], ctx)))
            except InputError as error:
                findings.append(Finding(Severity.ERROR, "file.unreadable", error.location(),
                                        error.message, error.hint))  # fmt: skip
        batches = [batch for _, each in read for batch in each]
        findings += problem_findings(batches) + batch_notes(batches)
        brought = {line.measure_id for batch in batches for line in batch.lines}
        records = FileRecords(batches)
        checked = check_store(records, report_periods(batches), self.config, brought)
        # As import would find them: the files' measures beside those the store already holds.
        held = dict.fromkeys([*(m.id for m in records.measures()), *ctx.stored])
        checked += check_settings(self.config, list(held))
        for f in checked:
            message, hint = f.message, f.hint
            if f.code == "value.revised":  # nothing is imported yet: the files disagree
                message = "the files give this figure different values"
                hint = "import keeps the later file's, and the earlier in its history"
            location = _in_file(f.location, read)
            findings.append(Finding(f.severity, f.code, location, message, hint))
        return findings

    # Judging --------------------------------------------------------------------------------

    def rate(self, period: PeriodLike | None = None) -> RateResult:
        """Every measure of a report period (the latest if none): rating, progress, RAG."""
        from perfcli.domain.assessment import pick_period, rate_period

        with self.store() as store:
            chosen = pick_period(store, as_period(period), reports_only=True)
            rated = rate_period(store, self.config, chosen)
        return RateResult(chosen, [MeasureRating(item) for item in rated])

    def diff(
        self,
        old: PeriodLike,
        new: PeriodLike,
        *,
        allow_unlike: bool = False,
        section: str | None = None,
        only_changes: bool = False,
    ) -> DiffResult:
        """What changed from one period to another, most important first.

        `section` and `only_changes` narrow the list; the summary sentence always speaks of
        every measure in both periods.
        """
        from perfcli.domain.assessment import changes_between
        from perfcli.domain.changes import in_order, sentence
        from perfcli.domain.changes import summary as counts

        with self.store() as store:
            first, second = self._held(store, old), self._held(store, new)
            if first.start > second.start or (
                first.start == second.start and first.end > second.end
            ):
                raise UsageError(
                    f"FROM ({first.display}) is later than TO ({second.display})",
                    hint=f"the earlier period comes first: perfcli diff {second.label} {first.label}",
                )
            if first.kind is not second.kind and not allow_unlike:
                kinds = f"{first.kind.value.replace('_', ' ')} against {second.kind.value.replace('_', ' ')}"
                raise UsageError(
                    f"{first.display} and {second.display} are unlike periods ({kinds})",
                    hint="pass --allow-unlike to compare them anyway",
                )
            changes = changes_between(store, self.config, first, second)
        summary = sentence(changes, second.display)
        totals = counts(changes)
        listed = in_order(changes, section=section, only_changes=only_changes)
        return DiffResult(first, second, listed, summary, totals)

    @staticmethod
    def _held(store: Store, text: PeriodLike) -> Period:
        period = as_period(text)
        assert period is not None
        if (
            period.label not in store.report_periods()
            and period.label not in store.observation_periods()
        ):
            held = ", ".join(store.report_periods())
            raise UsageError(
                f"no figures for {period.label} in the workspace", hint=f"its reports are {held}"
            )
        return period

    def benchmark(
        self,
        period: PeriodLike | None = None,
        *,
        group: str | None = None,
        bottom_quartile: bool = False,
    ) -> BenchmarkResult:
        """The council's rank and quartile among comparator councils, measure by measure, with
        last year's quartile where held; `bottom_quartile` keeps those in the bottom quartile."""
        from perfcli.domain.assessment import benchmark_for

        with self.store() as store:
            label = _national_period(store, period)
            chosen = self._group(group)
            measures = store.measures()
            results = [
                b for m in measures if (b := benchmark_for(store, self.config, m, label, chosen))
            ]
            last_year = parse_period(label).previous().label
            previous = {
                m.id: b.standing.quartile
                for m in measures
                if (b := benchmark_for(store, self.config, m, last_year, chosen))
            }
        if bottom_quartile:
            results = [b for b in results if b.standing.quartile == 4]
            results.sort(key=lambda b: (b.measure.theme or b.measure.section or "", b.measure.id))
        return BenchmarkResult(parse_period(label), chosen, results, previous, bottom_quartile)

    def comparative_ranks(
        self, period: PeriodLike | None = None, *, group: str | None = None
    ) -> RanksResult:
        """Every comparator council ranked on each indicator (1 = best by its aim), the average
        rank per theme and overall with the positions they give, and the council's overall
        position in each year of comparator data held."""
        from perfcli.comparisons import ranks_from

        with self.store() as store:
            label = _national_period(store, period)
            chosen = self._group(group)
            return ranks_from(store, self.config, label, chosen)

    def cost_index(self, source: str | Path | None = None) -> IndexResult:
        """The cost-effectiveness index of the councils in an index table (Council, Spending per
        head, Outcome score): `source`, else [national] index, else a compendium's `index`.
        Without an Outcome score column, the outcome comes from the workspace's comparator data."""
        from perfcli.comparisons import index_from
        from perfcli.store.queries import open_store, store_exists

        path = Path(source) if source is not None else self._index_source()
        if not store_exists(self.folder):
            return IndexResult(index_from(self.config, None, path), path)
        with open_store(self.folder, read_only=True) as store:
            return IndexResult(index_from(self.config, store, path), path)

    def _index_source(self) -> Path:
        named = self.config.national.index or next(
            (c.index for c in self.config.committees.values() if c.index), None
        )
        if named is None:
            raise UsageError(
                "no index table named",
                hint='set index = "FILE" under [national] in perfcli.toml, or pass --index-file',
            )
        return self.root / named

    def _group(self, group: str | None) -> str | None:
        national = self.config.national
        group = group or national.group
        if group and group not in national.groups:
            defined = ", ".join(sorted(national.groups)) or "none"
            raise UsageError(
                f"no comparator group {group!r}", hint=f"defined under [national.groups]: {defined}"
            )
        return group

    # Looking up -----------------------------------------------------------------------------

    def measures(self) -> MeasuresResult:
        """The measure catalogue, with the periods held for each."""
        from perfcli.domain.owners import owner_of

        with self.store() as store:
            measures = store.measures()
            owners = {m.id: owner for m in measures if (owner := owner_of(m, self.config))}
            return MeasuresResult(measures, store.periods_held(), owners)

    def history(self, measure: str) -> HistoryResult:
        """Every value stored for a measure (id, code or alias), revisions included."""
        with self.store() as store:
            candidates = store.candidates(measure)
            if len(candidates) > 1:
                raise UsageError(
                    f"{measure!r} is the code of {len(candidates)} measures: {', '.join(candidates)}",
                    hint="name one by its id",
                )
            mid = store.resolve(measure)
            if mid is None:
                ids = [m.id for m in store.measures()]
                # Ids that begin with what was typed first (ascof-3c: ascof-3c-sus, ascof-3c-carers).
                typed = measure.lower().strip()
                close = [i for i in ids if i.startswith(typed)][:4]
                close += [i for i in difflib.get_close_matches(typed, ids, n=3) if i not in close]
                raise UsageError(
                    f"no measure {measure!r} in the workspace",
                    hint=f"did you mean {', '.join(close)}?" if close else "see 'perfcli measures'",
                )
            from perfcli.store.links import links_into

            return HistoryResult(mid, store.history(mid), links_into(store, mid))

    def link(self, old: str, new: str) -> LinkResult:
        """Join measure `old`'s stored history into `new`'s: one measure, with a record of it.

        `old`'s figures, dashboard lines and comparator data move to `new` (a period both hold
        keeps `new`'s figure, `old`'s kept as superseded); `old`'s id, code and description
        become `new`'s aliases.
        """
        from perfcli.store.connection import now_text
        from perfcli.store.links import link_measures

        with self.store(write=True) as store:
            joined = link_measures(store, old, new, now_text())
            history = store.history(joined.new_id)
        stale = joined.old_id in self.config.measures
        return LinkResult(joined, len(history), stale)

    def calibrate(
        self,
        files: Iterable[str | Path],
        *,
        period: PeriodLike | None = None,
        write: bool = False,
        best: bool = False,
    ) -> CalibrationResult:
        """Learn the rating settings that reproduce the most of the files' printed marks.

        `write` saves them to perfcli.toml (comments kept, a backup first) unless today's
        settings are already the best; `best` takes the best fit over round settings.
        """
        from perfcli.domain.assessment import settings_for
        from perfcli.domain.calibrate import calibrate
        from perfcli.tuning import read_cases, write_rule

        paths = _paths(files)
        cases = read_cases(paths, self.folder, as_period(period))
        if not cases:
            raise PerfcliError(
                "no printed marks to learn from in " + ", ".join(p.name for p in paths),
                hint="calibrate reads the marks in Progress, Direction of Travel, Rating or RAG columns",
            )
        # No measure is named "": these are the workspace's general settings.
        learned = calibrate(cases, settings_for(self.config, ""), best=best)
        written = None
        if write and learned.learned != learned.current:
            written = write_rule(self.folder.config_path, learned.learned)
        return CalibrationResult(learned, written, asked_to_write=write)

    # Returns from service owners ------------------------------------------------------------

    def make_returns(
        self, period: PeriodLike, *, due: date | str | None = None, force: bool = False
    ) -> MadeReturns:
        """One workbook per service owner for `period`, in returns/<period>/."""
        from perfcli.domain.dates import read_date
        from perfcli.returns.make import make_returns

        wanted = as_period(period)
        assert wanted is not None
        deadline = read_date(due) if isinstance(due, str) else due
        with self.store(write=True) as store:
            return make_returns(self.folder, store, wanted, due=deadline, force=force)

    def returns_status(
        self, period: PeriodLike | None = None, *, remind: bool = False, today: date | None = None
    ) -> ReturnsStatus:
        """Each owner's return for `period` (default: the latest made): made, due, returned,
        filled; `remind` writes a draft email for each overdue owner."""
        from perfcli.returns.status import latest_period, returns_status, write_reminders

        wanted = as_period(period) or latest_period(self.folder)
        with self.store() as store:
            status = returns_status(self.folder, store, wanted, today=today)
        if remind:
            status.reminders = write_reminders(self.folder, status)
        return status

    # Reporting ------------------------------------------------------------------------------

    def draft_report(
        self,
        committee: str,
        *,
        period: PeriodLike | None = None,
        output: str | Path | None = None,
        force: bool = False,
        meeting_date: date | str | None = None,
        pdf: bool = False,
        final: bool = False,
    ) -> Drafted | DraftedCompendium:
        """Draft the committee's Word report and its Appendix A from the template; for a
        committee of kind "compendium", the annual performance compendium. Either is
        proof-read before it is written; `final` refuses while an owned measure's commentary is
        missing or unapproved, or while the proof-reading pass finds anything (nothing written)."""
        from perfcli.domain.dates import read_date
        from perfcli.report.builder import draft
        from perfcli.returns import periods_made

        target = Path(output) if output is not None else None
        found = self.config.committees.get(committee)
        if found is not None and found.kind == "compendium":
            from perfcli.compendium import draft_compendium

            return draft_compendium(self.folder, self.store(), committee, found,
                                    as_period(period), target, force=force, pdf=pdf,
                                    final=final)  # fmt: skip
        meeting = read_date(meeting_date) if isinstance(meeting_date, str) else meeting_date
        with self.store() as store:
            return draft(
                store, self.config, self.root, committee, as_period(period), target,
                force=force, meeting_date=meeting, pdf=pdf, final=final,
                returns_made=periods_made(self.root),
            )  # fmt: skip


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


def init_workspace(
    directory: str | Path, *, council: str = "", department: str = "", force: bool = False
) -> NewWorkspace:
    """Start a workspace in `directory`: perfcli.toml (the council's and department's names where
    given, else examples to replace), a data-entry workbook in the Appendix A layout for this
    financial year, and the Word templates to edit. An existing perfcli.toml is replaced only with
    `force`; a workbook or template already there is kept. Nothing is written if any part fails."""
    from perfcli.new_workspace import create_workspace

    return create_workspace(Path(directory), council=council, department=department, force=force)


def rate_file(
    path: str | Path,
    *,
    period: PeriodLike | None = None,
    workspace: Workspace | str | Path | None = None,
    force: bool = False,
) -> RateResult:
    """Rate one workbook or CSV directly, in memory: nothing is written anywhere.

    The workspace's settings apply (the one given, as a Workspace or its folder, else one found
    above here). A file with unreadable cells is refused, naming them, unless `force`: then what
    can be read is rated and each problem is in the result's `problems`. A `period` the file does
    not hold is refused with the periods it does hold.
    """
    from perfcli.domain.assessment import pick_period, rate_period

    if isinstance(workspace, str | Path):
        workspace = Workspace.open(workspace)
    ws = workspace or Workspace.here_or_defaults()
    paths, locked = open_in_excel([Path(path)])
    if not paths:
        raise InputError(locked[0].message, file=path, hint=locked[0].hint)
    file = paths[0]
    ctx = context_for(ws.folder, None, known=known_to(ws.folder), returns=read_if_return)
    batches = read_batches([file], ctx)
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
                f" (its report periods: {', '.join(held) or 'none'})",
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
    return RateResult(chosen, [MeasureRating(item) for item in rated], done)


def _in_file(location: Location, read: list[tuple[Path, list[ImportBatch]]]) -> Location:
    """A finding's measure and period in the file that brings them (the last, if several)."""
    if not read or location.file is not None:
        return location
    holding = [
        file.name
        for file, batches in read
        if any(line.measure_id == location.measure
               and location.period in (line.report_period, line.current_period, line.previous_period)
               for batch in batches for line in batch.lines)
    ]  # fmt: skip
    return location.in_file((holding or [file.name for file, _ in read])[-1])


def _national_period(store: Store, period: PeriodLike | None) -> str:
    """The period asked for, or the latest held, among those national data is held for."""
    held = store.national_periods()
    if not held:
        raise UsageError("no national data imported", hint="run 'perfcli import-national FILE'")
    wanted = as_period(period)
    label = wanted.label if wanted else held[-1]
    if label not in held:
        raise UsageError(f"no national data for {label}", hint=f"it holds {', '.join(held)}")
    return label
