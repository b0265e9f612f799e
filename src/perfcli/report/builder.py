"""The committee report assembled: rated measures, drafted text and Appendix A, into the template."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from perfcli.config import CommitteeSection, CommitteeSettings, Config, Officer
from perfcli.domain.assessment import Rated, pick_period, rate_period
from perfcli.domain.dates import long_date
from perfcli.domain.model import ReportLine
from perfcli.domain.owners import commentary_unready
from perfcli.domain.periods import Period
from perfcli.domain.records import Records
from perfcli.errors import PerfcliError, UsageError
from perfcli.references import path_text
from perfcli.report import appendix, topics
from perfcli.report.conclusions import conclusions
from perfcli.report.context import (
    CONTEXT_KEYS,
    NO_DATE,
    REQUIRED_KEYS,
    committee_context,
    marks,
    period_context,
    unset_settings,
)
from perfcli.report.document import TemplateError, check_template, render, to_pdf
from perfcli.report.glossary import Glossary, learned
from perfcli.report.item import Item, Paragraph
from perfcli.report.layout import keep_lead_ins, keep_short_blocks_together
from perfcli.report.methods import add_spc_charts, method_statement
from perfcli.report.proof import Finding, Known, known_from, proof_for
from perfcli.report.templates import template_for
from perfcli.words import are, count
from perfcli.workspace import report_path


class Drafted(Struct):
    """What `draft` wrote, and what a reader of its summary should know."""

    path: Path
    period: Period
    measures: int = 0
    paragraphs: int = 0
    tables: int = 0
    left_out: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pdf: Path | None = None
    # What a final report may not go out with: `draft-report --final` refuses while any remain.
    blocking: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """`draft-report --format json`: where it was written, what it holds, what was found."""
        return {
            "written": path_text(self.path), "pdf": path_text(self.pdf) if self.pdf else None,
            "period": self.period.label, "measures": self.measures, "paragraphs": self.paragraphs,
            "tables": self.tables, "left_out": self.left_out, "warnings": self.warnings,
            "not_final": self.blocking, "findings": [f.as_dict() for f in self.findings],
        }  # fmt: skip


def committee_for(config: Config, name: str) -> CommitteeSettings:
    """The committee named, or an error that names the ones defined (and the likely one)."""
    return config.committee(name)


def meeting_for(
    settings: CommitteeSettings, report: Period, given: date | None
) -> tuple[date | None, list[str]]:
    """The meeting date to print: the one given, else the committee's next after the period."""
    if given is not None:
        if given <= report.end:
            raise UsageError(
                f"meeting date {long_date(given)} is before {report.display} ends ({long_date(report.end)})",
                hint="a report is presented after its period; check --meeting-date",
            )
        return given, []
    later = [d for d in settings.dates() if d > report.end]
    if later:
        return later[0], []
    return None, [
        f"no meeting date: the report says {NO_DATE}; pass --meeting-date or add "
        "meeting_dates to the committee in perfcli.toml"
    ]


def to_item(rated: Rated, config: Config | None = None) -> Item:
    own = config.measures.get(rated.measure.id) if config else None
    return Item(
        rated,
        description=rated.line.description,
        commentary=commentary_for(rated.line),
        forecast=forecast_for(rated.line),
        caveat=own.caveat.strip() if own else "",
    )


def commentary_for(line: ReportLine) -> str | None:
    """A line's commentary for the report: a service owner's only once their return is approved."""
    if line.returned_by is not None and line.approved_by is None:
        return None
    return line.commentary


def forecast_for(line: ReportLine) -> float | None:
    """A line's year-end forecast for the report: from an owner's return once it is approved."""
    if line.returned_by is None or line.approved_by is None:
        return None
    return line.forecast


def _rich(paragraph: Paragraph, unready: dict[str, str] | None = None) -> Any:
    from docxtpl import RichText

    text = RichText()
    for run, bold in paragraph.runs:
        text.add(run, bold=bold)
    for measure_id in paragraph.measures:  # for the editor, highlighted: a clerk removes it
        if unready and measure_id in unready:
            text.xml += _highlighted(f" [Not final: {unready[measure_id]}]")
    return text


def _highlighted(words: str) -> str:
    """A run Word shows highlighted (`w:highlight`, which RichText cannot write: its
    `highlight` is a shading)."""
    from xml.sax.saxutils import escape

    return ('<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(words)}</w:t></w:r>')  # fmt: skip


def placed(
    sections: list[CommitteeSection], items: list[Item]
) -> tuple[list[tuple[str, list[Item]]], list[str]]:
    """Items under the committee's headings; the ids no heading took."""
    by_id = {i.measure.id: i for i in items}
    named = {m for s in sections for m in s.measures}
    taken: set[str] = set()
    result = []
    for section in sections:
        if not section.measures and not section.layers:
            continue
        wanted = [i for mid, i in by_id.items() if mid not in taken and (mid in section.measures or (
            mid not in named and (i.measure.section or "").lower() in {x.lower() for x in section.layers}))]  # fmt: skip
        taken.update(i.measure.id for i in wanted)
        result.append((section.name, wanted))
    for section in sections:  # a heading naming nothing takes what is left
        if not section.measures and not section.layers:
            rest = [i for mid, i in by_id.items() if mid not in taken]
            taken.update(i.measure.id for i in rest)
            result.append((section.name, rest))
    if not sections:
        result, taken = [("Performance", items)], set(by_id)
    order = {s.name: n for n, s in enumerate(sections)}
    result.sort(key=lambda pair: order.get(pair[0], 0))
    return [(n, i) for n, i in result if i], [mid for mid in by_id if mid not in taken]


def update_sections(
    settings: CommitteeSettings, items: list[Item], glossary: Glossary,
    unready: dict[str, str] | None = None,
) -> tuple[list[dict[str, Any]], list[str], list[Paragraph]]:  # fmt: skip
    """The Performance Update's headings and paragraphs; measures left out; the paragraphs.
    `unready` (measure id -> `id: why`) puts a highlighted note in each such measure's paragraph."""
    sections, left_out = placed(settings.sections, items)
    result: list[dict[str, Any]] = []
    drafted: list[Paragraph] = []
    rich: list[list[Any]] = []  # each section's paragraphs, as the template is given them
    for name, members in sections:
        paragraphs = [
            topics.draft(g, glossary) for g in topics.group(members, settings.topics, glossary)
        ]
        drafted += paragraphs
        rich.append([_rich(p, unready) for p in paragraphs])
        result.append({"name": name, "paragraphs": rich[-1]})
    # A measure a return was made for and that has no paragraph (its figure left blank in a
    # period held only from returns): its note goes at the end of the update, not nowhere.
    written = {m for p in drafted for m in p.measures}
    orphans = [why for mid, why in (unready or {}).items() if mid not in written]
    if orphans and result:
        from docxtpl import RichText

        notes = RichText()
        notes.xml += "".join(_highlighted(f"{' ' if n else ''}[Not final: {why}]")
                             for n, why in enumerate(orphans))  # fmt: skip
        rich[-1].append(notes)
    return result, left_out, drafted


def draft(
    records: Records,
    config: Config,
    root: Path,
    committee: str,
    period: Period | None,
    output: Path | None,
    *,
    force: bool,
    meeting_date: date | None = None,
    pdf: bool = False,
    final: bool = False,
    returns_made: Collection[str] = (),
    expected: Callable[[str], Mapping[str, str]] | None = None,
) -> Drafted:
    """Draft `committee`'s report for `period` (default: the latest) into `output` (a .docx),
    from the workspace's `records`; `returns_made` are the periods service owners' returns were
    made for (a final report waits for theirs), and `expected` gives, for such a period, the
    measures its returns were made for (id -> owner)."""
    settings = committee_for(config, committee)
    template_path = template_for(root, settings.template, f"{committee}.docx")
    template, found = check_template(template_path, CONTEXT_KEYS)
    lacking = found.lacking(REQUIRED_KEYS)
    if lacking:  # as 'perfcli template check' says: one rule, in Placeholders.lacking
        missing = (f"template {template_path.name} has no {', '.join(lacking)} (a report needs"
                   " these; 'perfcli template check' lists them)")  # fmt: skip
        if final:
            raise TemplateError(f"not final: {missing}", hint="add them to the template in Word")
    report = pick_period(records, period, reports_only=True)
    label = report.label
    target = output or report_path(root, f"{committee}-{label}.docx")
    if pdf and target.with_suffix(".pdf").exists() and not force:
        raise UsageError(
            f"{target.with_suffix('.pdf')} already exists", hint="pass --force to replace it"
        )
    meeting, warnings = meeting_for(settings, report, meeting_date)
    unset = unset_settings(settings, config)
    warnings += _settings_warnings(settings, config, committee, unset)
    config = config.judged_for(settings)
    rated = rate_period(records, config, report)
    warnings += _dropped(records, report, rated)
    made = label in returns_made
    awaited = expected(label) if made and expected is not None else None
    unready = commentary_unready(rated, config, made, awaited)
    blocking = list(unready.values()) + ([missing] if lacking else [])
    if final and unready:
        raise PerfcliError(
            f"not final: {count(len(unready), 'measure')} {are(len(unready))} not ready;"
            f" first: {blocking[0]}",
            hint="import the approved returns ('perfcli returns status'), or draft without --final",
        )
    items = [to_item(r, config) for r in rated]
    # The template's own wording (the Background) may spell an acronym out before the update.
    glossary = glossary_for(settings, rated, _template_text(template))
    update, left_out, paragraphs = update_sections(settings, items, glossary, unready)
    drafted_conclusions = conclusions(items, report, glossary)
    rag, quartiles = any(i.judgement.rag for i in items), any(i.quartile for i in items)
    subdoc = template.new_subdoc()
    sections = {r.measure.id: (r.line.section, r.line.outcome) for r in rated}
    tables = appendix.build(subdoc, items, sections, rag=rag, quartiles=quartiles, report=label)
    warnings += add_spc_charts(subdoc, rated, settings.spc_charts,
                               points=config.rating.spc.points, report=label)  # fmt: skip
    statement = method_statement(rated, config)
    context = {
        **period_context(report, items),
        **committee_context(settings, config, template, meeting),
        **({"background": [*settings.background, statement]} if statement else {}),
        "update": update,
        "conclusions": drafted_conclusions,
        "marks": marks(),
        "rag": rag,
        "quartiles": quartiles,
        "appendix_a": subdoc,
    }
    known = known_for(settings, config, items, glossary, statement, unset)
    known.concluded = drafted_conclusions
    reader = proof_for(target, final, known, items, report.label)
    render(
        template,
        context,
        target,
        author=context["department"] or config.workspace.council,
        force=force,
        subdocs=("appendix_a",),
        before_writing=_laid_out(reader.read),
    )
    written_pdf = to_pdf(target, force=force) if pdf else None
    return Drafted(
        target, report, measures=len(items), paragraphs=len(paragraphs) + len(drafted_conclusions),
        tables=tables, left_out=left_out, warnings=warnings, pdf=written_pdf, blocking=blocking,
        findings=reader.found,
    )  # fmt: skip


def glossary_for(settings: CommitteeSettings, rated: list[Rated], wording: str) -> Glossary:
    """The report's glossary: what the measures' descriptions and old names spell out, the
    committee's own entries, and what `wording` (the document's own text) spells out already."""
    spelled = [text for r in rated for text in (r.measure.description, *r.measure.aliases)]
    glossary = Glossary({**learned(spelled), **settings.glossary})
    glossary.spelled_out(wording)
    return glossary


def known_for(
    settings: CommitteeSettings, config: Config, items: list[Item], glossary: Glossary,
    statement: str | None, unset: list[tuple[str, str]],
) -> Known:  # fmt: skip
    """What the proof-reading may trace a report's figures and names to: the measures' values
    and texts, and the committee's own words from perfcli.toml."""
    officers = [o.name for o in settings.officers if isinstance(o, Officer)]
    known = known_from(items, [settings.name, config.workspace.council, *settings.background,
                               *([statement] if statement else []), *settings.next_steps,
                               *officers])  # fmt: skip
    known.names = [*glossary.names(), config.workspace.council]
    known.unset = unset
    return known


def _laid_out(read: Callable[[Any], None]) -> Callable[[Any], None]:
    """The document's page-break rules applied, then `read` (the proof-reading)."""

    def before_writing(document: Any) -> None:
        keep_short_blocks_together(document)
        keep_lead_ins(document)
        read(document)

    return before_writing


def _dropped(records: Records, report: Period, rated: list[Rated]) -> list[str]:
    """Measures the same period a year before reported on that this report leaves out: no
    dashboard or return gave them a line (a trial's report from returns lost three unseen)."""
    before = report.previous()
    if before.label not in records.report_periods():
        return []
    here = {r.measure.id for r in rated}
    gone = [line.measure_id for line in records.report_lines(before.label)
            if line.measure_id not in here]  # fmt: skip
    if not gone:
        return []
    shown = ", ".join(gone[:5]) + (f" and {len(gone) - 5} more" if len(gone) > 5 else "")
    return [
        f"{count(len(gone), 'measure')} in {before.display}'s report {are(len(gone))} not in this"
        f" one: {shown} (no dashboard or return gives {report.display} a line for"
        f" {'it' if len(gone) == 1 else 'them'})"
    ]


def _settings_warnings(
    settings: CommitteeSettings, config: Config, committee: str, unset: list[tuple[str, str]]
) -> list[str]:
    """What the committee's settings leave for the officer to fill in before the report goes."""
    warnings = []
    if not (settings.department or config.workspace.department):
        warnings.append(
            "no department named: the report's wording names it; set department under [workspace]"
            " (or the committee) in perfcli.toml"
        )
    warnings += [f"{key} is still the placeholder 'perfcli init' wrote ({value!r}): set it under "
                 f"[committees.{committee}] in perfcli.toml" for key, value in unset]  # fmt: skip
    if not settings.officers:
        warnings.append(
            f"no officers to contact: add them under [[committees.{committee}.officers]]"
        )
    return warnings


def _template_text(template: Any) -> str:
    """The template's own wording, read from its file (the template object itself is left
    untouched for rendering)."""
    from docx import Document

    return " ".join(p.text for p in Document(template.template_file).paragraphs)
