"""Comparator councils' data in a workspace: imported, and the council benchmarked against it."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec.structs import replace

from perfcli.api.opened import Files, OpenedWorkspace, PeriodLike, as_paths, as_period
from perfcli.domain.period_parsing import parse_period
from perfcli.errors import NothingImported, UsageError

if TYPE_CHECKING:
    from perfcli.domain.model import NationalRow
    from perfcli.domain.national_areas import Place
    from perfcli.results.national import BenchmarkResult, IndexResult, NationalFile, RanksResult
    from perfcli.store.database import Store


class NationalData(OpenedWorkspace):
    """`Workspace`'s methods over comparator councils' data (`perfcli import-national`)."""

    def import_national(
        self, files: Files, *, period: PeriodLike | None = None, force: bool = False
    ) -> list[NationalFile]:
        """Comparator councils' figures (NHS England's ASCOF CSV, or a long table by area).

        Every file is read whole first: any problem in any cell refuses them all (NationalRefused
        lists every one). A council whose name is held under another code already is left out
        (and named in the file's `twins`), as it would be counted twice, unless `force` or its
        code is held already too (forced in before)."""
        from perfcli.domain.national_areas import twins
        from perfcli.domain.national_codes import national_codes
        from perfcli.importers.national import read, refuse_any
        from perfcli.results.national import NationalFile
        from perfcli.store.database import open_store, store_exists

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
                for file in as_paths(files)
            ]
            refuse_any(results)
            held = store.national_places()
            imported: list[NationalFile] = []
            kept: list[list[NationalRow]] = []  # the earlier files' rows, as they were imported
            for result in results:
                twice = twins(chain(held, _places(*kept)), _places(result.rows))
                out = {
                    (*place, code)
                    for code, twin in twice.items()
                    if not (force or twin.both_held)
                    for place in twin.places
                }
                rows = [r for r in result.rows if (r.measure_id, r.period, r.area_code) not in out]
                kept.append(rows)
                new, changed = store.put_national(rows)
                imported.append(
                    NationalFile(
                        file=result.file,
                        periods=result.periods,
                        measures=len({r.measure_id for r in rows}),
                        areas=len({r.area_code for r in rows}),
                        new=new,
                        changed=changed,
                        suppressed=result.suppressed,
                        unmapped=sorted(result.unmapped),
                        layout=result.layout,
                        levels=result.levels,
                        twins=list(twice.values()),
                        forced=force,
                    )  # fmt: skip
                )
        return imported

    def benchmark(
        self,
        period: PeriodLike | None = None,
        *,
        group: str | None = None,
        bottom_quartile: bool = False,
    ) -> BenchmarkResult:
        """The council's rank and quartile among comparator councils, measure by measure, with
        last year's quartile where held; `bottom_quartile` keeps those in the bottom quartile."""
        from perfcli.domain.council_standing import benchmark_for, printed_figure
        from perfcli.results.national import BenchmarkResult

        with self.store() as store:
            label = _national_period(store, period)
            chosen = self._group(group)
            measures = store.measures()
            results = [
                replace(b, printed=printed_figure(store, m.id, label))
                for m in measures
                if (b := benchmark_for(store, self.config, m, label, chosen))
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
        from perfcli.results.national import IndexResult
        from perfcli.store.database import open_store, store_exists

        path = Path(source) if source is not None else self._index_source()
        try:
            store = open_store(self.folder, read_only=True) if store_exists(self.folder) else None
        except NothingImported:  # a PostgreSQL schema not made yet
            store = None
        if store is None:
            return IndexResult(index_from(self.config, None, path), path)
        with store:
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


def _places(*files: list[NationalRow]) -> Iterator[Place]:
    """Each row's measure, period, area code and name, one at a time: 450,000 at once are 35 MB."""
    return ((r.measure_id, r.period, r.area_code, r.area_name) for rows in files for r in rows)


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
