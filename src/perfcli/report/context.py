"""The placeholders a committee report's template is filled with, from the period and the settings."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import date
from typing import Any

from perfcli.config import CommitteeSettings, Config, Officer, Paper
from perfcli.domain.comparator_parsing import ComparatorKind, group_average
from perfcli.domain.dates import long_date
from perfcli.domain.measure_ids import is_local
from perfcli.domain.outcomes import PROGRESS_SHOWN, RATING_SHOWN, Progress, Rating
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period, PeriodKind
from perfcli.report.figure_words import spoken
from perfcli.report.item import Item
from perfcli.words import and_list
from perfcli.workspace import department_name, init_placeholders

# Every placeholder a template may use; README lists them with what each holds.
CONTEXT_KEYS = {
    "committee_name", "meeting_date", "financial_year", "position", "title", "joint_report_of",
    "department", "council", "period_display", "period_spoken", "period_long", "period_phrase", "report_year",
    "provisional", "national_year", "national_others", "background", "update", "conclusions", "background_papers",
    "officers", "marks", "rag", "quartiles", "appendix_a", "appendix_b", "appendix_c",
    "rag_green", "rag_amber", "next_steps",
}  # fmt: skip
# Without these a template drafts no report at all.
REQUIRED_KEYS = {"update", "conclusions", "appendix_a"}
NO_DATE = "[meeting date]"


def title_for(period: Period) -> str:
    year = Period.financial_year(period.fy_start_year).display
    return f"PERFORMANCE REPORT {year} – POSITION AT {period.position.upper()}"


def phrase_for(period: Period) -> str:
    if period.kind is PeriodKind.FINANCIAL_YEAR:
        return f"the year {period.display}"
    if period.kind is PeriodKind.QUARTER:
        return f"{period.long} ({spoken(period.label)})"  # the first quarter of 2025/26
    return period.long


def national_year(items: list[Item]) -> str | None:
    """The year the national averages quoted relate to: the latest among the comparators."""
    latest = _latest_national(items)
    return latest.display if latest else None


def _latest_national(items: list[Item]) -> Period | None:
    years = [year for _, year in _national_years(items)]
    return max(years, key=lambda p: p.end) if years else None


def _national_years(items: list[Item]) -> list[tuple[str, Period]]:
    """Each quoted England average's year, with the name the report gives its measure (a
    comparator group's average, CIPFA's or a region's, is no national average)."""
    codes = Counter(i.code for i in items)
    return [
        (_named(i, codes[i.code] > 1), parse_period(i.comparator.period))
        for i in items
        if i.comparator is not None and i.comparator.period
        and i.comparator.kind is ComparatorKind.NATIONAL_AVERAGE
        and group_average(i.comparator.label) is None
    ]  # fmt: skip


def _named(item: Item, shared: bool) -> str:
    """A measure as a sentence names it: its code, with its description where another measure
    of the report has the same code (seed 000's two ASCOF 3C), or its description alone."""
    if is_local(item.code):
        return item.description
    return f"{item.code} ({item.description})" if shared else item.code


def national_others(items: list[Item]) -> str | None:
    """The measures whose national average is for an earlier year than the latest quoted, so
    that the report's "it is the average for 2022/23" is true of every one: `ASCOF 1D and
    ASCOF 3D(2), where it is 2021/22's` (a survey run every other year). None where all agree."""
    latest = _latest_national(items)
    others: dict[Period, list[str]] = {}
    for name, year in _national_years(items):
        if year != latest and name not in others.get(year, []):
            others.setdefault(year, []).append(name)
    parts = [
        f"{and_list(names)}, where it is {year.display}'s"
        for year, names in sorted(others.items(), key=lambda pair: pair[0].end, reverse=True)
    ]
    if not parts:
        return None
    # `…, where it is 2021/22's, and ASCOF 2X, where …`: each part holds its own commas.
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", and " + parts[-1]


def _next_national(items: list[Item], year: Period) -> Period:
    latest = _latest_national(items)
    if latest is None or latest.kind is not PeriodKind.FINANCIAL_YEAR:
        return year
    following = Period.financial_year(latest.fy_start_year + 1)
    return following if following.end < year.end else year


def _officer(officer: Officer | str, template: Any) -> dict[str, Any]:
    from docxtpl import RichText

    found = officer if isinstance(officer, Officer) else Officer(role=officer)
    link = RichText()
    if found.email:
        link.add(found.email, url_id=template.build_url_id(f"mailto:{found.email}"),
                 color="0563C1", underline=True)  # fmt: skip
    return {**asdict(found), "email_link": link}


def _paper(paper: Paper | str, template: Any) -> Any:
    from docxtpl import RichText

    found = paper if isinstance(paper, Paper) else Paper(title=paper)
    text = RichText()
    if found.link:
        text.add(
            found.title, url_id=template.build_url_id(found.link), color="0563C1", underline=True
        )
    else:
        text.add(found.title)
    return text


def marks() -> dict[str, str]:
    def shown(symbol: str, word: str) -> str:
        return f"{symbol} {word.capitalize()}"

    return {
        "better": shown(*RATING_SHOWN[Rating.BETTER]), "similar": shown(*RATING_SHOWN[Rating.SIMILAR]),
        "below": shown(*RATING_SHOWN[Rating.BELOW]), "improved": shown(*PROGRESS_SHOWN[Progress.IMPROVED]),
        "steady": shown(*PROGRESS_SHOWN[Progress.SIMILAR]), "worse": shown(*PROGRESS_SHOWN[Progress.WORSE]),
    }  # fmt: skip


def period_context(report: Period, items: list[Item]) -> dict[str, Any]:
    """The placeholders that describe the period, and which year's national averages are quoted."""
    year = Period.financial_year(report.fy_start_year)
    national = national_year(items)
    return {
        "financial_year": year.display,
        "position": report.position,
        "title": title_for(report),
        "period_display": report.display,
        "period_spoken": spoken(report.label),
        "period_long": report.long,
        "period_phrase": phrase_for(report),
        # The year whose national averages come next: the one after those quoted (2024/25's,
        # in a report for April to June 2025 quoting 2023/24's), never later than the report's.
        "report_year": _next_national(items, year).display,
        # Year-end figures are provisional while the year's national figures are not out.
        "provisional": report.kind is PeriodKind.FINANCIAL_YEAR
        and national is not None
        and national != year.display,
        "national_year": national,
        "national_others": national_others(items),
    }


def committee_context(
    settings: CommitteeSettings, config: Config, template: Any, meeting: date | None
) -> dict[str, Any]:
    """The placeholders the committee's settings fill."""
    margins = config.rating.rag
    return {
        "committee_name": settings.name,
        "meeting_date": long_date(meeting) if meeting else NO_DATE,
        "joint_report_of": settings.joint_report_of,
        "department": department_for(settings, config),
        "council": config.workspace.council,
        "background": settings.background,
        "background_papers": [_paper(p, template) for p in settings.background_papers],
        "officers": [_officer(o, template) for o in settings.officers],
        "appendix_b": "B" in settings.appendices,
        "appendix_c": "C" in settings.appendices,
        "rag_green": f"{margins.green * 100:g}%",
        "rag_amber": f"{margins.amber * 100:g}%",
        "next_steps": [step.strip() for step in settings.next_steps if step.strip()],
    }


def department_for(settings: CommitteeSettings, config: Config) -> str:
    """The department's name as the templates use it, before their own word "Department":
    officers write it in full ("Adults and Communities Department") as often as not."""
    return department_name(settings.department or config.workspace.department)


def unset_settings(settings: CommitteeSettings, config: Config) -> list[tuple[str, str]]:
    """Settings still at the value `perfcli init` wrote for the officer to replace."""
    at_init = init_placeholders(config.workspace.department)
    return [(key, value) for key, value in at_init.items() if getattr(settings, key) == value]
