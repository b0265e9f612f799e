"""One rule per judgement: rating, RAG and the drafted report agree on whether a target is met."""

from __future__ import annotations

import re

import pytest

from perfcli.domain.assessment import Rated
from perfcli.domain.comparator_parsing import ComparatorKind, parse_comparator
from perfcli.domain.comparator_types import Comparator, comparator_from
from perfcli.domain.figures import Unit
from perfcli.domain.model import Aim, Measure, Observation, ReportLine
from perfcli.domain.outcomes import Rag, Rating, parse_override
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.rating import judge, meets
from perfcli.domain.rating_settings import RagMargins, Settings
from perfcli.domain.values import parse_value
from perfcli.report.comparator_words import against
from perfcli.report.item import Item

YEAR = parse_period("2023-24")
# RAG margins of zero: green exactly when the target is met, so the three can be compared.
STRICT = Settings(rag=RagMargins(green=0.0, amber=0.10))


def measure(aim: Aim, preferred: Aim | None = None) -> Measure:
    return Measure(id="m", code="Local", description="A measure", aim=aim, unit=Unit.COUNT,
                   preferred_direction=preferred)  # fmt: skip


def comp(text: str) -> Comparator:
    parsed = parse_comparator(text, within=YEAR)
    assert parsed is not None
    return comparator_from(parsed)


def obs(value: float) -> Observation:
    return Observation.from_parsed("m", YEAR, parse_value(f"{value:g}", within=YEAR))


def said_met(text: str) -> bool | None:
    """What a drafted clause says about the comparator: met, not met, or nothing."""
    if text.startswith(
        ("short of", "over the local", "below its target band", "above its target band")
    ):
        return False
    # "100 above the local target" (aim high), "100 below" (aim low): beaten, so met.
    if text.startswith(("met ", "level with the local", "within its target band")) or re.search(
        r"^\S+ (above|below) the local", text
    ):
        return True
    return None


AIMS = [
    ("high", measure(Aim.HIGH)),
    ("low", measure(Aim.LOW)),
    ("band prefers high", measure(Aim.BAND, Aim.HIGH)),
    ("band prefers low", measure(Aim.BAND, Aim.LOW)),
    ("band, no preference", measure(Aim.BAND)),
    ("info", measure(Aim.INFO)),
]
COMPARATORS = [
    ("target", "500 Local target 2023/24"),
    ("milestone", "500 Local Q1 Milestone"),
    ("band", "450 - 550 Local target 2023/24"),
    ("threshold <", "<500 Position as at 1st Jan 2023"),
    ("threshold >", ">500 Position as at 1st Jan 2023"),
    ("national average", "500 22/23 Nat. Ave."),
    ("none", None),
    ("text", "Not yet published"),
]
VALUES = [400.0, 500.0, 600.0]


def _item(m: Measure, current: Observation, c: Comparator | None, j, description: str) -> Item:
    """The report's view of one rated measure in 2023/24, with no previous figure."""
    line = ReportLine(report_period="2023-24", measure_id=m.id, code=m.code,
                      description=description, current_period="2023-24", comparator=c)  # fmt: skip
    rated = Rated(line=line, measure=m, current=current, previous=None, previous_period=None,
                  judgement=j)  # fmt: skip
    return Item(rated, description=description)


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize(("comparator_name", "text"), COMPARATORS)
@pytest.mark.parametrize(("aim_name", "m"), AIMS)
def test_rating_rag_and_report_agree(aim_name, m, comparator_name, text, value):
    c = comp(text) if text else None
    current = obs(value)
    verdict = meets(value, c, m)
    j = judge(m, current, None, c, STRICT)
    item = _item(m, current, c, j, "A measure")
    drafted = said_met(against(item))
    if verdict is None:
        # Nothing to meet: no RAG, no "met" in the report, and no better/below against a target.
        assert j.rag is None
        assert drafted is None
        if c is not None and c.kind is not ComparatorKind.NATIONAL_AVERAGE:
            assert j.rating is Rating.NOT_RATED
        return
    if c is not None and c.kind is ComparatorKind.NATIONAL_AVERAGE:
        # An average is not a target: no RAG; the rating is on its good side or not.
        assert j.rag is None
        assert (
            j.rating in (Rating.BETTER, Rating.SIMILAR)
            if verdict
            else j.rating in (Rating.BELOW, Rating.SIMILAR)
        )
        return
    assert (j.rating is Rating.BETTER) == verdict, j.rating_reason
    assert (j.rag is Rag.GREEN) == verdict, j.rag_reason
    if c is not None and c.kind is ComparatorKind.THRESHOLD:
        # A threshold at a date is drafted as a baseline: the change against it, not "met".
        assert drafted is None and "baseline" in against(item)
    else:
        assert drafted == verdict, against(item)


# The contradictions found in review, each failing on the code before the one rule.


def test_band_measure_preferring_low_misses_a_target_it_exceeds():
    m, c = measure(Aim.BAND, Aim.LOW), comp("500 Local target 2023/24")
    j = judge(m, obs(600), None, c, Settings())
    assert j.rating is Rating.BELOW
    assert j.rag is Rag.RED  # was green: the RAG assumed "higher is better" for a band
    item = _item(m, obs(600), c, j, "d")
    assert against(item).startswith("over the local target of 500")  # was "met": aim != low


def test_information_only_measure_never_meets_a_target():
    m, c = measure(Aim.INFO), comp("500 Local target 2023/24")
    j = judge(m, obs(600), None, c, Settings())
    assert (j.rating, j.rag) == (Rating.NOT_RATED, None)
    item = _item(m, obs(600), c, j, "d")
    assert against(item).startswith("set against")


def test_band_measure_without_a_direction_has_no_rag_against_one_figure():
    j = judge(measure(Aim.BAND), obs(400), None, comp("500 Local target 2023/24"), Settings())
    assert (j.rating, j.rag) == (Rating.NOT_RATED, None)


@pytest.mark.parametrize(
    ("typed", "rating"),
    [("Better", Rating.BETTER), ("similar", Rating.SIMILAR), (" BELOW ", Rating.BELOW),
     ("not rated", Rating.NOT_RATED), ("Not_Rated", Rating.NOT_RATED)],
)  # fmt: skip
def test_override_is_read_one_way(typed, rating):
    assert parse_override(typed) is rating


def test_an_override_that_is_no_rating_is_refused():
    with pytest.raises(ValueError, match="is not a rating"):
        parse_override("great")
