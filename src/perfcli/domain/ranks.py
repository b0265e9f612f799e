"""Comparative ranks: every comparator council ranked on each indicator, by theme and overall (pure).

- An indicator ranks the councils with a figure for it: 1 is best by its aim (highest value for
  `high`, lowest for `low`); ties share the best rank they cover (1, 2, 2, 4), as in
  `perfcli.domain.benchmarking`. An indicator without a direction (band, information only) ranks no one.
- A theme's average rank for a council is the mean of its ranks on the theme's indicators it has
  a figure for; the overall average is the mean over every indicator it is ranked on, so each
  indicator counts once whatever its theme's size.
- Like with like: when the report's own council is named and ranked on some indicator, every
  council is averaged over the indicators the council is ranked on (each over those of them it
  has), so an indicator the council has no figure for never moves anyone's position against it.
- A position orders the averages, lowest (best) first, ties sharing the best position they cover.
  Averages are rounded to 9 places first, so councils equal on paper are not split by rounding.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping

from msgspec import Struct

from perfcli.domain.benchmarking import rank
from perfcli.domain.model import Aim, NationalRow
from perfcli.words import count


class IndicatorRanks(Struct, frozen=True):
    """Each council's rank on one indicator (area code -> rank) among the `of` with a figure."""

    measure_id: str
    theme: str
    aim: Aim
    values: dict[str, float]
    ranks: dict[str, int]

    @property
    def of(self) -> int:
        return len(self.ranks)


class Standings(Struct, frozen=True):
    """Average ranks and the positions they give, one entry per council: the averages are over
    `indicators` of the `held` indicators with comparator figures (fewer where the council has
    no figure on some)."""

    indicators: int
    held: int
    average: dict[str, float]
    position: dict[str, int]

    @property
    def of(self) -> int:
        return len(self.position)


class ComparativeRanks(Struct, frozen=True):
    period: str
    names: dict[str, str]  # area code -> area name
    indicators: list[IndicatorRanks]
    themes: dict[str, Standings]  # in the order the themes first appear
    overall: Standings


def rank_councils(values: Mapping[str, float], aim: Aim) -> dict[str, int]:
    """Each council's rank (1 = best by `aim`); empty for an aim without a direction."""
    if aim not in (Aim.HIGH, Aim.LOW):
        return {}
    group = list(values.values())
    return {area: rank(value, group, aim) for area, value in values.items()}


def standings(indicators: Iterable[IndicatorRanks], own: str | None = None) -> Standings:
    """Each council's mean rank and its position by it: over the indicators `own` is ranked on
    when it is given, else over every one; each council over those of them it is ranked on."""
    held = list(indicators)
    used = held if own is None else [i for i in held if own in i.ranks]
    collected: dict[str, list[int]] = {}
    for indicator in used:
        for area, position in indicator.ranks.items():
            collected.setdefault(area, []).append(position)
    average = {area: round(statistics.fmean(found), 9) for area, found in collected.items()}
    return Standings(len(used), len(held), average, rank_councils(average, Aim.LOW))


def comparative_ranks(
    rows: Iterable[NationalRow],
    aims: Mapping[str, Aim],
    themes: Mapping[str, str],
    period: str,
    members: set[str] | None = None,
    own: str | None = None,
) -> ComparativeRanks:
    """Rank the councils of `period`'s comparator rows. `aims` and `themes` are by measure id
    (a measure missing from `aims` is left out); `members`, when given, are the only area codes
    that count, else every council row (not England's, a region's or a type's). With `own` (the
    report's council) ranked on any indicator, the averages are over its indicators alone."""
    figures: dict[str, dict[str, float]] = {}
    names: dict[str, str] = {}
    for row in rows:
        if row.period != period or row.measure_id not in aims or row.value is None:
            continue
        if (row.area_code not in members) if members is not None else not row.is_council:
            continue
        figures.setdefault(row.measure_id, {})[row.area_code] = row.value
        names.setdefault(row.area_code, row.area_name or row.area_code)
    indicators = [
        IndicatorRanks(mid, themes.get(mid) or "Other indicators", aims[mid], values, ranked)
        for mid in aims
        if (values := figures.get(mid)) and (ranked := rank_councils(values, aims[mid]))
    ]
    by_theme: dict[str, list[IndicatorRanks]] = {}
    for indicator in indicators:
        by_theme.setdefault(indicator.theme, []).append(indicator)
    like = own if any(own in i.ranks for i in indicators) else None
    return ComparativeRanks(
        period,
        names,
        indicators,
        {theme: standings(found, like) for theme, found in by_theme.items()},
        standings(indicators, like),
    )


class YearPosition(Struct, frozen=True):
    period: str
    position: int | None  # None when the council has no ranked indicator that year
    of: int
    indicators: int  # the averages are over these, of the `held` with comparator figures
    average: float | None
    held: int


def position_history(
    rows: Iterable[NationalRow],
    aims: Mapping[str, Aim],
    themes: Mapping[str, str],
    periods: Iterable[str],
    own: str,
    members: set[str] | None = None,
) -> list[YearPosition]:
    """The council's overall position in each of `periods` (in the order given)."""
    held = list(rows)
    history = []
    for period in periods:
        overall = comparative_ranks(held, aims, themes, period, members, own).overall
        history.append(
            YearPosition(
                period, overall.position.get(own), overall.of, overall.indicators,
                overall.average.get(own), overall.held,
            )
        )  # fmt: skip
    return history


def indicators_shown(indicators: int, held: int) -> str:
    """A theme row's count of indicators: `4 of 8` where the council is ranked on fewer than the
    `held` with comparator figures, else `8`."""
    return str(held) if indicators == held else f"{indicators} of {held}"


def ranked_on(indicators: int, held: int, period: str) -> str:
    """What an average rank is over, in words (`period` as displayed): `all 16 indicators`, or
    `12 of the 16 indicators (no 2023/24 figure for 4)`."""
    if indicators == held:
        return "1 indicator" if held == 1 else f"all {held} indicators"
    return f"{indicators} of the {count(held, 'indicator')} (no {period} figure for {held - indicators})"
