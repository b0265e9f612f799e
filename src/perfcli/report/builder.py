"""The committee report assembled: rated measures, drafted text and Appendix A, into the template."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from perfcli.assessment import Rated, pick_period, rate_period
from perfcli.errors import UsageError
from perfcli.periods import Period, PeriodKind, parse_period
from perfcli.report import appendix, narrative
from perfcli.report.document import check_template, render
from perfcli.report.templates import template_for
from perfcli.store import Store
from perfcli.workspace import CommitteeSettings, Config

CONTEXT_KEYS = {
    "committee_name", "meeting_date", "title", "joint_report_of", "department", "council",
    "period_display", "period_long", "period_phrase", "background", "update", "conclusions",
    "background_papers", "appendices", "officers", "rating_key", "appendix_a", "footnotes",
    "appendix_b", "appendix_c", "rag_margins",
}  # fmt: skip


@dataclass
class Drafted:
    """What `draft` wrote, and what a reader of its summary should know."""

    path: Path
    period: Period
    measures: int = 0
    paragraphs: int = 0
    tables: int = 0
    left_out: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pdf: Path | None = None


def title_for(period: Period) -> str:
    year = Period.financial_year(period.fy_start_year).display
    return f"PERFORMANCE REPORT {year} – POSITION AT {period.position.upper()}"


def phrase_for(period: Period) -> str:
    if period.kind is PeriodKind.FINANCIAL_YEAR:
        return f"the year {period.display}"
    if period.kind is PeriodKind.QUARTER:
        return f"{period.long} (quarter {period.quarter_number} of {Period.financial_year(period.fy_start_year).display})"
    return period.long


def committee_for(config: Config, name: str) -> CommitteeSettings:
    committees = config.committees
    if name not in committees:
        defined = ", ".join(sorted(committees)) or "none"
        raise UsageError(
            f"no committee {name!r} in perfcli.toml",
            hint=f"defined: {defined}; add one under [committees.{name}]",
        )
    return committees[name]


def to_item(rated: Rated) -> narrative.Item:
    return narrative.Item(
        measure=rated.measure,
        description=rated.line.description,
        code=rated.line.code,
        quartile=rated.quartile,
        footnotes=rated.line.footnotes,
        current=rated.current,
        previous=rated.previous,
        current_period=rated.line.current_period,
        previous_period=rated.previous_period,
        comparator=rated.line.comparator,
        judgement=rated.judgement,
        commentary=rated.line.commentary,
    )


def _rich(lead: str, rest: str) -> Any:
    from docxtpl import RichText

    text = RichText()
    text.add(lead, bold=True)
    text.add(rest)
    return text


def _paragraph(items: list[narrative.Item], term: str | None) -> Any:
    sentences = [narrative.sentence(i) for i in items]
    commentary = [i.commentary for i in items if i.commentary]
    if term is None:
        lead = items[0].description.rstrip(".")
        first = sentences[0]
        rest = first[len(lead) :] if first.startswith(lead) else " – " + first
        body = " ".join([rest.lstrip(), *sentences[1:], *commentary]).strip()
        return _rich(lead, body if body.startswith(":") else " " + body)
    return _rich(term[:1].upper() + term[1:], ". " + " ".join([*sentences, *commentary]))


def update_sections(
    committee: CommitteeSettings, items: list[narrative.Item]
) -> tuple[list[dict[str, Any]], list[str], int]:
    """The Performance Update's headings and paragraphs; measures left out; paragraph count."""
    by_id = {i.measure.id: i for i in items}
    sections = committee.sections or []
    placed: set[str] = set()
    result = []
    count = 0
    # Measures named in a section go there first; whole layers take what is left.
    named = {mid for section in sections for mid in section.measures}
    for section in sections:
        wanted = [
            mid for mid in by_id
            if mid not in placed and (mid in section.measures
                                      or (mid not in named and (by_id[mid].measure.section or "") in section.layers))
        ]  # fmt: skip
        placed.update(wanted)
        paragraphs = []
        used: set[str] = set()
        for mid in wanted:
            if mid in used:
                continue
            topic = next((t for t in committee.topics if mid in t.measures), None)
            group = [
                m for m in (topic.measures if topic else [mid]) if m in wanted and m not in used
            ]
            used.update(group)
            paragraphs.append(_paragraph([by_id[m] for m in group], topic.term if topic else None))
        count += len(paragraphs)
        result.append({"name": section.name, "paragraphs": paragraphs})
    if not sections:
        paragraphs = [_paragraph([i], None) for i in items]
        count = len(paragraphs)
        result.append({"name": "Performance", "paragraphs": paragraphs})
        placed = set(by_id)
    left_out = [mid for mid in by_id if mid not in placed]
    return result, left_out, count


def draft(
    store: Store,
    config: Config,
    root: Path,
    committee: str,
    period: str | None,
    output: Path | None,
    *,
    force: bool,
    meeting_date: date | None = None,
    pdf: bool = False,
) -> Drafted:
    """Draft `committee`'s report for `period` (default: the latest) into `output` (a .docx)."""
    settings = committee_for(config, committee)
    template = check_template(template_for(root, settings.template), CONTEXT_KEYS)
    label = pick_period(store, period)
    rated = rate_period(store, config, label)
    report = parse_period(label)
    items = [to_item(r) for r in rated]
    target = output or root / "reports" / f"{committee}-{label}.docx"
    update, left_out, count = update_sections(settings, items)
    rag = any(i.judgement.rag for i in items)
    subdoc = template.new_subdoc()
    sections = {r.measure.id: (r.line.section, r.line.outcome) for r in rated}
    tables = appendix.build(subdoc, items, sections, rag=rag)
    conclusions = narrative.conclusions(items)
    footnotes = list(dict.fromkeys(note for i in items for note in i.footnotes))
    department = settings.department or config.workspace.department
    margins = config.rating.rag
    appendices = [f"Appendix A – {department} Performance Dashboard for {report.display}"]
    appendices += (
        ["Appendix B – Adult Social Care Strategic Approach"] if "B" in settings.appendices else []
    )
    appendices += (
        ["Appendix C – Red/Amber/Green (RAG) Ratings"] if "C" in settings.appendices else []
    )
    context = {
        "committee_name": settings.name,
        "meeting_date": settings.meeting_date,
        "title": title_for(report),
        "joint_report_of": settings.joint_report_of,
        "department": department,
        "council": config.workspace.council,
        "period_display": report.display,
        "period_long": report.long,
        "period_phrase": phrase_for(report),
        "background": settings.background,
        "update": update,
        "conclusions": conclusions,
        "background_papers": settings.background_papers,
        "appendices": appendices,
        "officers": settings.officers,
        "rating_key": appendix.rating_key(),
        "appendix_a": subdoc,
        "footnotes": footnotes,
        "appendix_b": "B" in settings.appendices,
        "appendix_c": "C" in settings.appendices,
        "rag_margins": (
            f"perfcli rates green where performance meets its target or misses it by no more than "
            f"{margins.green * 100:g}% of the target, amber up to {margins.amber * 100:g}%, and red beyond; "
            "some measures have their own margins, set in the workspace's settings."
        ),
    }
    render(
        template,
        context,
        target,
        title=f"{settings.name}: performance report {report.display}",
        force=force,
    )
    return Drafted(
        target,
        report,
        measures=len(items),
        paragraphs=count + len(conclusions),
        tables=tables,
        left_out=left_out,
    )
