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
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from perfcli.api.files import ReadingFiles, rate_file
from perfcli.api.national import NationalData
from perfcli.api.opened import Files, PeriodLike, as_paths, as_period
from perfcli.domain.periods import Period
from perfcli.errors import PerfcliError, UsageError

__all__ = ["Workspace", "init_workspace", "rate_file"]

# The store's modules, the changes between periods, the ratings and each command's results load
# in the methods that use them: `rate FILE` starts without the store, `import` without the ratings.
if TYPE_CHECKING:
    from perfcli.new_workspace import NewWorkspace
    from perfcli.report.builder import Drafted
    from perfcli.report.corporate import DraftedCompendium
    from perfcli.report.reread import Reread
    from perfcli.results.calibration import CalibrationResult
    from perfcli.results.catalogue import HistoryResult, LinkResult, MeasuresResult
    from perfcli.results.diff import DiffResult
    from perfcli.results.rating import RateResult
    from perfcli.returns.make import MadeReturns
    from perfcli.returns.status import ReturnsStatus
    from perfcli.store.database import Store


class Workspace(ReadingFiles, NationalData):
    """A workspace folder: its settings (perfcli.toml) and its store (perfcli.db)."""

    # Judging --------------------------------------------------------------------------------

    def rate(self, period: PeriodLike | None = None, *, committee: str | None = None) -> RateResult:
        """Every measure of a report period (the latest if none): rating, progress, RAG;
        judged as `committee`'s report judges them (its own `method`), when one is named."""
        from perfcli.domain.assessment import pick_period, rate_period

        config = self.config
        if committee is not None:
            config = config.judged_for(config.committee(committee))
        with self.store() as store:
            chosen = pick_period(store, as_period(period), reports_only=True)
            rated = rate_period(store, config, chosen)
        from perfcli.results.rating import MeasureRating, RateResult

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
        from perfcli.domain.changes import in_order, sentence
        from perfcli.domain.changes import summary as counts
        from perfcli.domain.period_changes import changes_between
        from perfcli.results.diff import DiffResult

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
        from perfcli.domain.assessment import no_reports

        period = as_period(text)
        assert period is not None
        if (
            period.label not in store.report_periods()
            and period.label not in store.observation_periods()
        ):
            if not store.report_periods():
                raise no_reports(store)
            held = ", ".join(store.report_periods())
            raise UsageError(
                f"no figures for {period.label} in the workspace", hint=f"its reports are {held}"
            )
        return period

    # Looking up -----------------------------------------------------------------------------

    def measures(self) -> MeasuresResult:
        """The measure catalogue, with the periods held for each."""
        from perfcli.domain.owners import owner_of
        from perfcli.results.catalogue import MeasuresResult

        with self.store() as store:
            measures = store.measures()
            owners = {m.id: owner for m in measures if (owner := owner_of(m, self.config))}
            return MeasuresResult(measures, store.periods_held(), owners)

    def history(self, measure: str) -> HistoryResult:
        """Every value stored for a measure (id, code, description or alias), revisions included."""
        from perfcli.results.catalogue import HistoryResult

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
                asking = "name it by an id, code or description that 'perfcli measures' lists"
                raise UsageError(
                    f"no measure {measure!r} in the workspace",
                    hint=f"did you mean {', '.join(close)}? Or {asking}" if close else asking,
                )
            from perfcli.store.links import links_into

            return HistoryResult(mid, store.history(mid), links_into(store, mid))

    def link(self, old: str, new: str) -> LinkResult:
        """Join measure `old`'s stored history into `new`'s: one measure, with a record of it.

        `old`'s figures, dashboard lines and comparator data move to `new` (a period both hold
        keeps `new`'s figure, `old`'s kept as superseded); `old`'s id, code and description
        become `new`'s aliases.
        """
        from perfcli.results.catalogue import LinkResult
        from perfcli.store.connection import now_text
        from perfcli.store.links import link_measures

        with self.store(write=True) as store:
            joined = link_measures(store, old, new, now_text())
            history = store.history(joined.new_id)
        stale = joined.old_id in self.config.measures
        return LinkResult(joined, len(history), stale)

    def calibrate(
        self,
        files: Files,
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
        from perfcli.results.calibration import CalibrationResult
        from perfcli.tuning import read_cases, write_rule

        paths = as_paths(files)
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
        from perfcli.returns import made_elsewhere
        from perfcli.returns.make import make_returns

        wanted = as_period(period)
        assert wanted is not None
        deadline = read_date(due) if isinstance(due, str) else due
        with self.store(write=True) as store:
            elsewhere = made_elsewhere(self.root, store, wanted.label)
            if elsewhere is not None and not force:
                raise elsewhere
            return make_returns(self.folder, store, wanted, due=deadline, force=force)

    def returns_status(
        self, period: PeriodLike | None = None, *, remind: bool = False, today: date | None = None
    ) -> ReturnsStatus:
        """Each owner's return for `period` (default: the latest made): made, due, returned,
        filled; `remind` writes a draft email for each overdue owner."""
        from perfcli.returns import made_elsewhere
        from perfcli.returns.reminders import write_reminders
        from perfcli.returns.status import latest_period, returns_status

        wanted = as_period(period)
        if wanted is None:
            try:
                wanted = latest_period(self.folder)
            except UsageError as none_here:
                wanted = self._returns_imported_latest(none_here)
        with self.store() as store:
            elsewhere = made_elsewhere(self.root, store, wanted.label)
            if elsewhere is not None:
                raise elsewhere
            status = returns_status(self.folder, store, wanted, today=today)
        if remind:
            status.reminders = write_reminders(self.folder, status)
        return status

    def _returns_imported_latest(self, none_here: UsageError) -> Period:
        """The latest period the store holds returns for, made in another folder on a shared
        store (returns_status then says where); else `none_here`, this folder's own answer."""
        from perfcli.domain.period_parsing import parse_period

        try:
            with self.store() as store:
                held = store.returns_periods()
        except PerfcliError:
            raise none_here from None
        if not held:
            raise none_here
        return max((parse_period(label) for label in held), key=lambda p: p.sort_key())

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
        from perfcli.returns.status import expected_measures

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
                returns_made=periods_made(self.root, store),
                expected=lambda label: expected_measures(self.folder, store, label),
            )  # fmt: skip

    def proof_read(
        self, file: str | Path, committee: str, *, period: PeriodLike | None = None
    ) -> Reread:
        """Proof-read a committee's report again, as an officer has edited it in Word: the pass
        `draft-report` runs before writing, against the store's figures and ratings now."""
        from perfcli.report.reread import reread

        with self.store() as store:
            return reread(store, self.config, committee, as_period(period), Path(file))


def init_workspace(
    directory: str | Path, *, council: str = "", department: str = "", force: bool = False
) -> NewWorkspace:
    """Start a workspace in `directory`: perfcli.toml (the council's and department's names where
    given, else examples to replace), a data-entry workbook in the Appendix A layout for this
    financial year, and the Word templates to edit. An existing perfcli.toml is replaced only with
    `force`; a workbook or template already there is kept. Nothing is written if any part fails."""
    from perfcli.new_workspace import create_workspace

    return create_workspace(Path(directory), council=council, department=department, force=force)
