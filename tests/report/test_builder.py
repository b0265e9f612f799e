"""The report builder's own rules, on in-memory settings and items: sections, dates, widths."""

from __future__ import annotations

from datetime import date

import pytest
from msgspec.structs import replace

from perfcli.config import CommitteeSection, CommitteeSettings, Config
from perfcli.config_check import validated
from perfcli.domain.figures import Unit
from perfcli.domain.period_parsing import parse_period
from perfcli.errors import UsageError
from perfcli.report.appendix import FONT_SIZE, PAGE_WIDTH_CM, widths
from perfcli.report.builder import committee_for, meeting_for, placed
from perfcli.report.context import national_others, national_year, period_context
from perfcli.report.metrics import longest_word_cm
from tests.report.test_narrative import changed, item


def _items():
    made = [
        item("sequels-prevent", "% of sequels that 'Prevent Need'", "band", Unit.PERCENT, "49.2%", "56.7%",
             "55% - 60% Local target 2023/24"),
        item("heritage-visits", "Heritage visits", "high", Unit.COUNT, "134.1k", "127.1k",
             "133.5k Local target 2023/24"),
        item("ascof-2a", "% of people who had no need for ongoing services following reablement", "high",
             Unit.PERCENT, "89.6%", "87.8%", "77.5% 22/23 Nat. Ave"),
    ]  # fmt: skip
    layers = ["Prevent Need", "Prevent Need", "Delay Need"]
    return [changed(i, measure=replace(i.measure, section=s))
            for i, s in zip(made, layers, strict=True)]  # fmt: skip


def test_named_measures_go_first_layers_take_the_rest_and_an_empty_section_the_remainder():
    sections = [
        CommitteeSection(name="Communities", measures=["heritage-visits"]),
        CommitteeSection(name="Prevent", layers=["prevent need"]),
        CommitteeSection(name="Everything else"),
    ]
    found, left_out = placed(sections, _items())
    assert [(name, [i.measure.id for i in members]) for name, members in found] == [
        ("Communities", ["heritage-visits"]),
        ("Prevent", ["sequels-prevent"]),
        ("Everything else", ["ascof-2a"]),
    ]
    assert left_out == []
    _, left_out = placed(sections[:2], _items())
    assert left_out == ["ascof-2a"]


def test_the_meeting_date_is_given_or_the_next_after_the_period():
    year = parse_period("2023-24")
    settings = CommitteeSettings(
        name="C", meeting_dates=[date(2024, 3, 4), date(2024, 6, 3), date(2024, 9, 9)]
    )
    assert meeting_for(settings, year, None) == (date(2024, 6, 3), [])
    assert meeting_for(settings, year, date(2024, 7, 1)) == (date(2024, 7, 1), [])
    with pytest.raises(UsageError, match="before 2023/24 ends"):
        meeting_for(settings, year, date(2024, 3, 31))
    none, warnings = meeting_for(
        CommitteeSettings(name="C", meeting_date="3 June 2023"), year, None
    )
    assert none is None and "no meeting date" in warnings[0]


def test_a_committee_typo_gets_the_nearest_name():
    config = validated(
        Config, {"committees": {"adults": {"name": "A"}, "corporate": {"name": "C"}}}
    )
    assert committee_for(config, "adults").name == "A"
    with pytest.raises(UsageError) as typo:
        committee_for(config, "adult")
    assert typo.value.hint == "did you mean adults?"
    with pytest.raises(UsageError) as unknown:
        committee_for(config, "cabinet")
    assert unknown.value.hint == "defined: adults, corporate; add one under [committees.cabinet]"


def test_the_national_averages_year_is_the_latest_quoted():
    assert national_year(_items()) == "2022/23"
    assert national_year(_items()[:2]) is None


def test_the_measures_whose_national_average_is_older_are_named():
    """A trial: the report said every national average was 2022/23's while the carers' survey
    measures quoted 2021/22's (a survey every other year), in the paragraphs and Appendix A."""
    carers = [
        item("ascof-1d", "Carer-reported quality of life", "high", Unit.NUMBER, "7.3", "7.5",
             "7.3 21/22 Nat. Ave.", code="ASCOF 1D"),
        item("ascof-3b", "% of carers satisfied with social services", "high", Unit.PERCENT,
             "36.3%", "37.1%", "36.3% 21/22 Nat. Ave.", code="ASCOF 3B"),
        item("ascof-2a-old", "Delayed transfers", "low", Unit.PERCENT, "10%", "11%",
             "11% 20/21 Nat. Ave.", code="ASCOF 2X"),
        item("cipfa", "Cost per head", "low", Unit.CURRENCY, "£915", "£900",
             "£9,036 CIPFA average 2019/20", code="Local"),
    ]  # fmt: skip
    assert national_others(_items()) is None
    assert national_others(_items() + carers) == (
        "ASCOF 1D and ASCOF 3B, where it is 2021/22's, and ASCOF 2X, where it is 2020/21's"
    )
    assert national_year(_items() + carers) == "2022/23"  # CIPFA's 2019/20 is not England's
    # Two measures printed under one code (seed 000's ASCOF 3C): the one meant is described.
    services = item("ascof-3b-sus", "% of service users satisfied", "high", Unit.PERCENT,
                    "60.1%", "61.0%", "61.5% 22/23 Nat. Ave.", code="ASCOF 3B")  # fmt: skip
    assert national_others([*_items(), carers[1], services]) == (
        "ASCOF 3B (% of carers satisfied with social services), where it is 2021/22's"
    )


def test_column_widths_fill_the_page_and_never_break_a_word():
    header = ["Measure", "Description", "Aim", "Comparator", "Rating", "Progress", "RAG",
              "2023/24 Performance", "2022/23 Performance"]  # fmt: skip
    rows = [["ASCOF 2C BCF", "Permanent admissions to care (aged 65+) per 100,000 pop.", "Target Band Width",
             "560.8 per 100k pop. 22/23 Nat. Ave", "✔ Better", "▼ Not as good", "G – Green",
             "511 per 100k Pop. Actual 798 Admissions in 23/24", "553 per 100k Pop."]]  # fmt: skip
    sizes = widths(header, rows)
    assert sum(sizes) == pytest.approx(PAGE_WIDTH_CM)
    for name, size in zip(header, sizes, strict=True):
        assert size >= longest_word_cm(name, FONT_SIZE, bold=True)
    assert sizes[1] == max(sizes)  # the description takes the room


def test_year_end_figures_are_provisional_while_national_averages_are_a_year_behind():
    year = period_context(parse_period("2023-24"), _items())
    assert (year["provisional"], year["national_year"], year["report_year"]) == (
        True,
        "2022/23",
        "2023/24",
    )
    assert (year["financial_year"], year["position"]) == ("2023/24", "March 2024")
    quarter = period_context(parse_period("2025-26-Q1"), _items())
    assert quarter["provisional"] is False
    assert quarter["period_phrase"] == "April to June 2025 (the first quarter of 2025/26)"
    assert period_context(parse_period("2023-24"), _items()[:2])["national_year"] is None


def test_the_readme_documents_every_placeholder_and_the_shipped_templates_use_only_those():
    from perfcli.report.context import CONTEXT_KEYS, REQUIRED_KEYS
    from perfcli.report.document import placeholders
    from perfcli.report.templates import template_root
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Placeholders") : readme.index("### Committees")]
    assert {key for key in CONTEXT_KEYS if f"`{key}`" not in section} == set()
    for name in ("adults.docx", "committee.docx"):
        found = placeholders(template_root() / "docx" / name, CONTEXT_KEYS)
        assert found.unknown == set() and REQUIRED_KEYS <= found.used, name


def test_the_measures_a_final_report_waits_for_are_keyed_by_their_id():
    """Seed 000's rows with SYNTHETIC owners: the unready list is found by measure id, as the
    drafted paragraphs look it up, never by cutting its sentence apart."""
    from perfcli.domain.assessment import Rated
    from perfcli.domain.model import ReportLine
    from perfcli.domain.owners import commentary_unready

    def rated(mid, owner, **returned):
        one = next(i for i in _items() if i.measure.id == mid)
        line = ReportLine(report_period="2023-24", measure_id=mid, code="Local",
                          description=one.description, current_period="2023-24",
                          previous_period="2022-23", **returned)  # fmt: skip
        measure = replace(one.measure, owner=owner)
        return Rated(line, measure, one.current, one.previous, "2022-23", one.judgement)

    items = [
        rated("heritage-visits", "heritage"),
        rated("ascof-2a", "care", returned_by="care", commentary="Up on last year."),
        rated("sequels-prevent", None),
    ]
    assert commentary_unready(items, Config(), returns_made=True) == {
        "heritage-visits": "heritage-visits: no return imported yet (owner heritage)",
        "ascof-2a": "ascof-2a: return not approved (owner care)",
    }
    assert commentary_unready(items, Config(), returns_made=False) == {}
    # A row the care return left blank, where care's return gave another: not awaited (a
    # second trial saw "no return imported yet" for an owner whose return was imported).
    items[0] = rated("heritage-visits", "care")
    assert commentary_unready(items, Config(), returns_made=True)["heritage-visits"] == (
        "heritage-visits: left blank in the return (owner care)"
    )
