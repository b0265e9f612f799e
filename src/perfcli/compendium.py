"""The annual compendium's records, read from the store and the workspace's files (the index
table, the risk register, the spending table, the workspaces it names) and handed to
perfcli.report.corporate to write: the report layer reads neither the store nor a file."""

from __future__ import annotations

from pathlib import Path

from msgspec.structs import replace

from perfcli.comparisons import index_from, ranks_from
from perfcli.config import CommitteeSettings, Config
from perfcli.domain.assessment import Rated, pick_period, rate_period
from perfcli.domain.cost_index import CostIndex
from perfcli.domain.council_standing import benchmark_for
from perfcli.domain.funding import SpendingTable
from perfcli.domain.model import ReportLine
from perfcli.domain.periods import Period
from perfcli.errors import NothingImported, UsageError
from perfcli.importers.risk_register import RiskEntry, read_risk_register
from perfcli.report.comparison import compendium_parts
from perfcli.report.compendium_records import (
    CompendiumData,
    CompendiumIndicator,
    CompendiumRisk,
    indicator_from_line,
    themes_of,
)
from perfcli.report.corporate import DraftedCompendium, write_drafted
from perfcli.results.national import RanksResult
from perfcli.store.database import Store
from perfcli.workspace import (
    CONFIG_NAME,
    Folder,
    configured_file,
    load_config,
    report_path,
    schema_for,
)


def draft_compendium(
    folder: Folder, store: Store, name: str, committee: CommitteeSettings,
    period: Period | None, output: Path | None, *, force: bool, pdf: bool = False,
    final: bool = False,
) -> DraftedCompendium:  # fmt: skip
    """Every indicator of the period judged as `perfcli rate` judges it, written as the compendium."""
    config = folder.config
    council = config.workspace.council or "The council"
    with store:
        chosen = pick_period(store, period)
        rated = rate_period(store, config, chosen)
        last_year = {line.measure_id: line for line in store.report_lines(chosen.previous().label)}
        indicators = [_indicator(store, config, item, chosen, last_year) for item in rated]
        index = _index(folder, store, committee)
        themes = themes_of(indicators)
        ranks = _ranks(store, config, chosen.label)
        spending = _spending(folder, committee)
    parts = compendium_parts(council, committee, ranks, spending)
    for other in named_workspaces(folder, name, committee):
        got, judged = _from_workspace(folder, other, chosen)
        indicators += got
        rated += judged
        themes += themes_of(got)
    risks = _risks(folder, committee)
    data = CompendiumData(
        council=council,
        period_display=chosen.display,
        previous_display=chosen.previous().display,
        themes=themes,
        title=committee.name or f"{council}: performance compendium",
        index=index,
        index_note="SYNTHETIC figures"
        if committee.index and "SYNTHETIC" in committee.index
        else "",
        note=committee.note,
        risks=risks,
        period=chosen.label,
        extra=parts,
    )
    target = output or report_path(folder.root, f"{name}-{chosen.label}.docx")
    return write_drafted(folder, committee, data, rated, chosen, target,
                         force=force, pdf=pdf, final=final, indicators=len(indicators))  # fmt: skip


def named_workspaces(folder: Folder, name: str, committee: CommitteeSettings) -> list[Folder]:
    """The other workspaces a compendium names: folders beside it, under the same parent folder
    (never the compendium itself, nothing outside that parent), each with its perfcli.toml."""
    shared = folder.root.resolve().parent
    found = []
    for text in committee.workspaces:
        key = f"perfcli.toml [committees.{name}] workspaces: {text!r}"
        root = (folder.root / text).resolve()
        if root == folder.root.resolve() or not root.is_relative_to(shared) or root == shared:
            raise UsageError(
                f"{key} is not a workspace beside this one",
                hint=f'name folders under {shared}, e.g. "../adults"',
            )
        if not (root / CONFIG_NAME).is_file():
            raise UsageError(f"{key}: no {CONFIG_NAME} in {root}")
        found.append(Folder(root, load_config(root / CONFIG_NAME)))
    return found


def _named_store(folder: Folder, other: Folder) -> Store:
    """A named workspace's store, read only: on PostgreSQL its schema in the compendium's
    database; on SQLite its perfcli.db."""
    target = folder.store_target()
    if target is not None:
        target = target[0], other.config.store.schema_ or schema_for(other.root.name)
    try:
        return Store(other.db_path, read_only=True, target=target)
    except NothingImported:
        raise UsageError(
            f"{other.root}: nothing imported yet, so the compendium has none of its measures",
            hint=f"run 'perfcli import FILE -w {other.root}'",
        ) from None


def _from_workspace(
    folder: Folder, other: Folder, period: Period
) -> tuple[list[CompendiumIndicator], list[Rated]]:
    """A named workspace's measures for the period, rated by its own settings, as one theme
    that names the workspace they came from."""
    label = other.config.workspace.department or other.root.name
    theme = f"{label} (from the {other.root.name} workspace)"
    with _named_store(folder, other) as store:
        if period.label not in store.report_periods():
            held = ", ".join(store.report_periods()) or "none"
            raise UsageError(
                f"{other.root}: no {period.display} dashboard to carry into the compendium"
                f" (its report periods: {held})"
            )
        rated = rate_period(store, other.config, period)
        last_year = {line.measure_id: line for line in store.report_lines(period.previous().label)}
        found = [
            replace(_indicator(store, other.config, item, period, last_year), theme=theme)
            for item in rated
        ]
    return found, rated


def _indicator(
    store: Store, config: Config, item: Rated, period: Period, last_year: dict[str, ReportLine]
) -> CompendiumIndicator:
    """A rated measure as a dashboard row: direction from rate; quartile recomputed where the
    workspace holds comparator data, else as published (this year's and, from `last_year`'s
    report, last year's)."""
    group = config.national.group if config.national.group in config.national.groups else None
    now = benchmark_for(store, config, item.measure, item.line.current_period, group)
    before = benchmark_for(store, config, item.measure, period.previous().label, group)
    previous_quartile = before.standing.quartile if before else None
    if previous_quartile is None:
        line = last_year.get(item.measure.id)
        if line is not None:
            published = line.quartile
            previous_quartile = published.quartile if published else None
    return indicator_from_line(
        item.line,
        item.measure.aim,
        value_text=item.current.printed(item.measure.unit) if item.current else "",
        previous_text=item.previous.printed(item.measure.unit) if item.previous else "",
        direction=item.judgement.progress,
        quartile=now.standing.quartile if now else None,
        previous_quartile=previous_quartile,
        figure_missing=item.current is None or item.current.value is None,
    )


def _ranks(store: Store, config: Config, period: str) -> RanksResult | None:
    """The comparative ranks of the report's period, else of the latest year of comparator data
    held; None without any."""
    held = store.national_periods()
    if not held:
        return None
    label = period if period in held else held[-1]
    group = config.national.group if config.national.group in config.national.groups else None
    return ranks_from(store, config, label, group)


def _path(folder: Folder, committee: CommitteeSettings, text: str, what: str) -> Path:
    setting = folder.config.committee_key(committee, what)
    return configured_file(
        folder.root, text, setting, hint="give its path from the workspace folder"
    )


def _index(folder: Folder, store: Store, committee: CommitteeSettings) -> CostIndex | None:
    if not committee.index:
        return None
    path = _path(folder, committee, committee.index, "index")
    return index_from(folder.config, store, path, council=committee.index_council)


def _spending(folder: Folder, committee: CommitteeSettings) -> SpendingTable | None:
    if not committee.spending:
        return None
    from perfcli.importers.spending import read_spending_table

    return read_spending_table(_path(folder, committee, committee.spending, "spending"))


def _risks(folder: Folder, committee: CommitteeSettings) -> list[CompendiumRisk]:
    if not committee.risks:
        return []
    entries = read_risk_register(_path(folder, committee, committee.risks, "risks"))
    return [risk_of(entry) for entry in entries]


def risk_of(entry: RiskEntry) -> CompendiumRisk:
    """A risk register's entry as the compendium prints it."""
    return CompendiumRisk(entry.risk, entry.owner, entry.score_text, entry.change_text,
                          entry.theme, entry.mitigations, entry.score)  # fmt: skip
