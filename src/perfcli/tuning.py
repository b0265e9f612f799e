"""Calibration from files: reports read in memory into marked cases, and the learned rule saved."""

from __future__ import annotations

import shutil
from pathlib import Path

from perfcli.domain.assessment import settings_for
from perfcli.domain.calibrate import Case, Rule
from perfcli.domain.marks import Mark, MarkColumn
from perfcli.domain.model import ReportLine
from perfcli.domain.periods import Period
from perfcli.domain.records import FileRecords
from perfcli.files import write_atomically
from perfcli.importers.batches import context_for, read_batches
from perfcli.returns.read import read_if_return
from perfcli.workspace import CONFIG_NAME, Folder, load_config


def read_cases(files: list[Path], folder: Folder, period: Period | None) -> list[Case]:
    """The files read in memory (nothing stored), one case per row that prints a mark."""
    from perfcli.store import known_to

    ctx = context_for(folder, period, known=known_to(folder), returns=read_if_return)
    batches = read_batches(files, ctx)
    records = FileRecords(batches)
    config = folder.config
    cases = []
    # The same dashboard given twice (the same file, or its figures typed as numbers in one copy
    # and as text in another) is one set of marks: each row counts once.
    seen: set[tuple[object, ...]] = set()
    for batch in batches:
        for line in batch.lines:
            printed = _printed(line)
            measure = records.measure(line.measure_id)
            if not printed or measure is None:
                continue
            current = records.observation(measure.id, line.current_period)
            previous = records.observation(measure.id, line.previous_period or "")
            key = (line.measure_id, line.report_period, line.current_period,
                   line.previous_period, tuple(sorted(printed.items())))  # fmt: skip
            if key in seen:
                continue
            seen.add(key)
            own = config.measures.get(measure.id)
            cases.append(
                Case(
                    label=f"{line.measure_id}, {line.report_period}",
                    measure=measure,
                    current=current,
                    previous=previous,
                    comparator=line.comparator,
                    printed=printed,
                    settings=settings_for(config, measure.id),
                    carry_survey_mark=bool(own and own.carry_survey_mark),
                )
            )
    return cases


def _printed(line: ReportLine) -> dict[MarkColumn, Mark]:
    """The marks a row printed, by column (read at import)."""
    found: dict[MarkColumn, Mark] = {}
    for column, mark in ((MarkColumn.PROGRESS, line.published_progress),
                         (MarkColumn.RATING, line.published_rating),
                         (MarkColumn.RAG, line.published_rag)):  # fmt: skip
        if mark is not None:
            found[column] = mark
    return found


def write_rule(path: Path, rule: Rule) -> Path:
    """Save the rule into perfcli.toml, keeping its comments and the rest; a backup first."""
    import tomlkit

    document = tomlkit.parse(path.read_text(encoding="utf-8"))
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
