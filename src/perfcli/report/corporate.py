"""The annual compendium drafted from a workspace: perfcli's judgements, benchmarking and index."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from perfcli.domain.assessment import Rated, benchmark_for, pick_period, rate_period
from perfcli.domain.cost_index import CostIndex, cost_index
from perfcli.domain.model import ReportLine
from perfcli.domain.periods import Period
from perfcli.errors import UsageError
from perfcli.report.builder import to_item
from perfcli.report.comparison import compendium_parts
from perfcli.report.compendium import (
    CompendiumData,
    CompendiumIndicator,
    CompendiumRisk,
    indicator_from_line,
    themes_of,
    write_compendium,
)
from perfcli.report.proof import Finding, Known, proof_for
from perfcli.report.templates import inside, template_root
from perfcli.store.queries import Store
from perfcli.workspace import (
    CONFIG_NAME,
    CommitteeSettings,
    Config,
    Folder,
    load_config,
    schema_for,
)


@dataclass(frozen=True)
class DraftedCompendium:
    output: Path
    period: Period
    indicators: int
    themes: int
    charts: int
    pdf: Path | None = None
    findings: list[Finding] = field(default_factory=list)


def draft_compendium(
    folder: Folder, store: Store, name: str, committee: CommitteeSettings,
    period: Period | None, output: Path | None, *, force: bool, pdf: bool = False,
    final: bool = False,
) -> DraftedCompendium:  # fmt: skip
    """Every indicator of the period judged as `perfcli rate` judges it, written as the compendium."""
    config = folder.config
    with store:
        chosen = pick_period(store, period)
        rated = rate_period(store, config, chosen)
        last_year = {line.measure_id: line for line in store.report_lines(chosen.previous().label)}
        indicators = [_indicator(store, config, item, chosen, last_year) for item in rated]
        index = _index(folder, store, committee)
        themes = themes_of(indicators)
        parts = compendium_parts(folder, store, committee, chosen.label)
    for other in named_workspaces(folder, name, committee):
        got, judged = _from_workspace(folder, other, chosen)
        indicators += got
        rated += judged
        themes += themes_of(got)
    risks = _risks(folder, committee)
    council = config.workspace.council or "The council"
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
    target = output or folder.root / "reports" / f"{name}-{chosen.label}.docx"
    if pdf and target.with_suffix(".pdf").exists() and not force:
        raise UsageError(
            f"{target.with_suffix('.pdf')} already exists", hint="pass --force to replace it"
        )
    findings = proof_for(target, final, Known(names=[council]), rated=[to_item(r) for r in rated])
    write_compendium(
        data, _template(folder, committee), target, force=force, before_writing=findings.read
    )
    from perfcli.report.layout import tidy

    tidy(target)
    made = None
    if pdf:
        from perfcli.report.pdf import to_pdf_refreshed

        made = to_pdf_refreshed(target, force=force)
    return DraftedCompendium(
        target,
        chosen,
        len(indicators),
        len(data.themes),
        _pictures(target),
        made,
        findings.found,
    )


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
        schema = other.config.store.schema_ or schema_for(other.root.name)
        return Store(other.db_path, read_only=True, target=(target[0], schema))
    if not other.db_path.is_file():
        raise UsageError(
            f"{other.root}: nothing imported yet, so the compendium has none of its measures",
            hint=f"run 'perfcli import FILE -w {other.root}'",
        )
    return Store(other.db_path, read_only=True)


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


def _pictures(path: Path) -> int:
    import docx

    return len(docx.Document(str(path)).inline_shapes)


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
            from perfcli.domain.quartiles import quartile_of

            published = quartile_of(line)
            previous_quartile = published.quartile if published else None
    return indicator_from_line(
        item.line,
        item.measure.aim,
        value_text=item.current.raw if item.current else "",
        previous_text=item.previous.raw if item.previous else "",
        direction=item.judgement.progress,
        quartile=now.standing.quartile if now else None,
        previous_quartile=previous_quartile,
    )


def _path(folder: Folder, text: str, what: str) -> Path:
    path = inside(folder.root, text, what=what)
    if not path.is_file():
        raise UsageError(
            f"{path}: no such file", hint=f"check {what} under the committee in perfcli.toml"
        )
    return path


def _index(folder: Folder, store: Store, committee: CommitteeSettings) -> CostIndex | None:
    if not committee.index:
        return None
    path = _path(folder, committee.index, "index")
    return index_from(folder.config, store, path, council=committee.index_council)


def index_from(
    config: Config, store: Store | None, path: Path, *, council: str | None = None
) -> CostIndex:
    """The cost-effectiveness index of an index table's councils. Without an Outcome score
    column, the outcome is the composite of the workspace's comparator data for its latest year
    (each indicator scored by the council's quartile, by its aim), councils named as there."""
    from perfcli.domain.cost_index import indicators_from_national, outcome_composite
    from perfcli.importers.index_table import read_index_table

    table = read_index_table(path)
    outcome = table.outcome
    if not any(value is not None for value in outcome.values()) and store is not None:
        held = store.national_periods()
        if held:
            measures = store.measures()
            rows = [row for m in measures for row in store.national(m.id, held[-1])]
            aims = {m.id: m.aim for m in measures}
            composite = outcome_composite(indicators_from_national(rows, aims, held[-1]))
            outcome = {name: composite.get(name) for name in table.spending}
    own = council or own_name(table.spending, config.workspace.council)
    return cost_index(table.spending, outcome, council=own)


def own_name(names: dict[str, float | None], council: str) -> str | None:
    """The council as the index table names it: `Leicestershire` for Leicestershire County Council."""
    matches = [name for name in names if name and name.lower() in council.lower()]
    return max(matches, key=len) if matches else None


def _risks(folder: Folder, committee: CommitteeSettings) -> list[CompendiumRisk]:
    if not committee.risks:
        return []
    from perfcli.importers.risk_register import read_risk_register

    entries = read_risk_register(_path(folder, committee.risks, "risks"))
    return [CompendiumRisk.from_entry(entry) for entry in entries]


def _template(folder: Folder, committee: CommitteeSettings) -> Path:
    if committee.template:
        return inside(folder.root, committee.template)
    own = folder.root / "templates" / "compendium.docx"
    return own if own.is_file() else template_root() / "docx" / "compendium.docx"
