"""`perfcli calibrate`: learn the rating settings from reports that print their own marks."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from perfcli.assessment import settings_for
from perfcli.calibrate import Calibration, Case, Rule, calibrate
from perfcli.console import OutputFormat, emit, stdout_console, table
from perfcli.errors import PerfcliError, WorkspaceError
from perfcli.files import write_atomically
from perfcli.importers import Context, ImportBatch, read_file
from perfcli.marks import Mark, MarkColumn, shown, stored_mark
from perfcli.model import Measure, Observation
from perfcli.periods import parse_period
from perfcli.workspace import CONFIG_NAME, Config, Workspace, find_workspace, normalise_alias

FIELDS = ["measure", "column", "printed", "perfcli", "figures", "reason", "why"]


def run(
    files: list[Path],
    *,
    workspace: Path | None,
    period: str | None,
    write: bool,
    output: OutputFormat,
) -> dict[str, Any]:
    ws = _workspace(workspace, write)
    cases = read_cases(files, ws, period)
    if not cases:
        raise PerfcliError(
            "no printed marks to learn from in " + ", ".join(file.name for file in files),
            hint="calibrate reads the marks in Progress, Direction of Travel, Rating or RAG columns",
        )
    # No measure is named "": these are the workspace's general settings.
    result = calibrate(cases, settings_for(ws.config, ""))
    data = as_data(result)
    if write:
        changed = result.learned != result.current
        data["written"] = str(write_rule(ws.config_path, result.learned)) if changed else None
    rows = data["unexplained"]
    emit(output, data, rows, FIELDS, lambda: _print(result, write, data.get("written")))
    return data


def _workspace(explicit: Path | None, write: bool) -> Workspace:
    try:
        return find_workspace(explicit)
    except WorkspaceError:
        if write or explicit is not None:
            raise
        return Workspace(Path.cwd(), Config())


def read_cases(files: list[Path], ws: Workspace, period: str | None) -> list[Case]:
    """The files read in memory (nothing stored), one case per row that prints a mark."""
    limits = ws.config.import_
    ctx = Context(
        settings=dict(ws.config.measures),
        aliases=ws.aliases(),
        period=parse_period(period) if period else None,
        max_bytes=int(limits.max_file_mb * 1_000_000),
        max_unzipped_bytes=int(limits.max_unzipped_mb * 1_000_000),
    )
    measures: dict[str, Measure] = {}
    figures: dict[tuple[str, str], Observation] = {}
    batches: list[ImportBatch] = []
    for file in files:
        batch = read_file(file, ctx)
        batches.append(batch)
        measures.update(batch.measures)
        for measure in batch.measures.values():
            # Later files see the measures the earlier ones defined, by code and old codes.
            ctx.stored[measure.id] = measure
            for alias in (measure.code, *measure.aliases):
                if alias and alias.lower() != "local":
                    ctx.aliases.setdefault(normalise_alias(alias), measure.id)
        for observation, _ in batch.observations:
            figures[(observation.measure_id, observation.period)] = observation
    cases = []
    for batch in batches:
        for line in batch.lines:
            printed = _printed(line.published_progress, line.published_rating, line.published_rag)
            if not printed:
                continue
            measure = measures[line.measure_id]
            own = ws.config.measures.get(measure.id)
            cases.append(
                Case(
                    label=f"{line.measure_id}, {line.report_period}",
                    measure=measure,
                    current=figures.get((measure.id, line.current_period)),
                    previous=figures.get((measure.id, line.previous_period or "")),
                    comparator=line.comparator,
                    printed=printed,
                    settings=settings_for(ws.config, measure.id),
                    carry_survey_mark=bool(own and own.carry_survey_mark),
                )
            )
    return cases


def _printed(progress: str | None, rating: str | None, rag: str | None) -> dict[MarkColumn, Mark]:
    found = {}
    for column, text in ((MarkColumn.PROGRESS, progress), (MarkColumn.RATING, rating),
                         (MarkColumn.RAG, rag)):  # fmt: skip
        mark = stored_mark(text, column)
        if mark is not None:
            found[column] = mark
    return found


def as_data(result: Calibration) -> dict[str, Any]:
    rule = result.learned
    return {
        "marks": result.marks,
        "agreement": {"current": result.current_agree, "learned": result.learned_agree},
        "current": _rule(result.current),
        "learned": _rule(rule),
        "toml": "\n".join(rule.toml_lines()),
        "unexplained": [
            {
                "measure": miss.label,
                "column": miss.column.value,
                "printed": miss.printed.value,
                "perfcli": miss.perfcli.value if miss.perfcli is not None else None,
                "figures": miss.figures,
                "reason": miss.reason,
                "why": miss.why,
            }
            for miss in result.misses
        ],
    }


def _rule(rule: Rule) -> dict[str, Any]:
    return {"percent_points": rule.percent, "relative": rule.relative, "units": rule.by_unit,
            "rag": {"green": rule.green, "amber": rule.amber}}  # fmt: skip


def write_rule(path: Path, rule: Rule) -> Path:
    """Save the rule into perfcli.toml, keeping its comments and the rest; a backup first."""
    import tomlkit

    from perfcli.workspace import load_config

    text = path.read_text(encoding="utf-8")
    document = tomlkit.parse(text)
    rating = document.get("rating")
    if rating is None:
        rating = tomlkit.table()
        document["rating"] = rating
    rating["percent_points"] = rule.percent
    rating["relative"] = rule.relative
    if rule.by_unit:
        units = tomlkit.inline_table()
        units.update(dict(sorted(rule.by_unit.items())))
        rating["units"] = units
    elif "units" in rating:
        del rating["units"]
    rag = rating.get("rag")
    created = rag is None
    if rag is None:
        rag = tomlkit.table()
        rating["rag"] = rag
    rag["green"] = rule.green
    rag["amber"] = rule.amber
    if created:
        rag.add(tomlkit.nl())
    new_text = tomlkit.dumps(document)

    def write(temporary: Path) -> None:
        temporary.write_text(new_text, encoding="utf-8")
        load_config(temporary)  # never replace a working file with one perfcli cannot read

    def copy(temporary: Path) -> None:
        shutil.copy2(path, temporary)

    write_atomically(path.with_name(CONFIG_NAME + ".bak"), copy, force=True)
    write_atomically(path, write, force=True)
    return path


def _print(result: Calibration, write: bool, written: str | None) -> None:
    from rich.markup import escape

    console = stdout_console()
    marks = result.marks
    console.print(
        f"{marks} printed marks. Today's settings reproduce {result.current_agree} "
        f"({_share(result.current_agree, marks)}); the learned settings reproduce "
        f"{result.learned_agree} ({_share(result.learned_agree, marks)}).",
        markup=False,
    )
    console.print("\nLearned settings, for perfcli.toml:\n", markup=False)
    for line in result.learned.toml_lines():
        console.print(f"  {line}", markup=False)
    if result.misses:
        count = len(result.misses)
        console.print(f"\n{count} mark{'s' if count > 1 else ''} the learned settings do not reproduce:", markup=False)  # fmt: skip
        grid = table(None, ["Measure", "Column", "Printed", "perfcli", "Figures", "Why"], console)
        for miss in result.misses:
            grid.add_row(
                escape(miss.label), miss.column.value, shown(miss.printed), shown(miss.perfcli),
                escape(miss.figures), escape(f"{miss.why} ({miss.reason})"),
            )  # fmt: skip
        console.print(grid)
    if written:
        console.print(f"\nWritten to {written} (the previous file kept as {CONFIG_NAME}.bak).", markup=False)  # fmt: skip
    elif write:
        console.print(f"\nToday's settings are already the best: {CONFIG_NAME} is left as it is.", markup=False)  # fmt: skip


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"
