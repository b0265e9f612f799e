"""Funding and performance against spending, from a spending table and comparative ranks (pure).

Funding gap: what the council would receive at another core spending power per head, all else
equal: (other per head - the council's per head) x the council's population. The national
average per head is total spending power over total population when every authority has a
population, else the plain mean of the authorities' figures (the sentence says which).

Performance against spending: each council's performance position (1 = best, from
`perfcli.domain.ranks`) against its spending rank among the same councils (1 = lowest net expenditure
per head; ties share the best rank, as every rank in perfcli). A council is "high performing"
when its position is no lower than the middle one ((n + 1) / 2) and "low spending" when its
spending rank is, and so into four quadrants.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path

from msgspec import Struct, field

from perfcli.domain.benchmarking import rank
from perfcli.domain.model import Aim


class Authority(Struct, frozen=True):
    name: str
    type: str
    power: float | None  # core spending power per head, £
    population: float | None
    net: dict[str, float | None]  # net expenditure per head by service or theme, £


class SpendingTable(Struct):
    """A spending table as read: every authority, in the order it lists them."""

    file: Path
    authorities: list[Authority] = field(default_factory=list)

    @property
    def services(self) -> list[str]:
        return list(dict.fromkeys(s for a in self.authorities for s in a.net))

    def find(self, council: str) -> Authority | None:
        """The council as the table names it: `Leicestershire` for Leicestershire County Council."""
        exact = [a for a in self.authorities if a.name.lower() == council.lower()]
        within = [a for a in self.authorities if a.name.lower() in council.lower()]
        found = exact or sorted(within, key=lambda a: -len(a.name))
        return found[0] if found else None


AUTHORITY_TYPES = ("county", "unitary", "metropolitan district", "London borough")
TOTALS = ("total", "all services", "total net expenditure")


class Gap(Struct, frozen=True):
    """What the council would gain (or lose, when negative) at another per-head figure."""

    label: str  # `the national average`, `Surrey (the best-funded county)`
    per_head: float
    difference: float  # per head, £
    total: float  # difference x population, £


class Funding(Struct, frozen=True):
    council: Authority
    population: float
    average_weighted: bool
    gaps: list[Gap]
    position: int  # the council's rank by core spending power per head, 1 = highest
    of: int
    from_lowest: int  # the same rank counted from the other end, 1 = lowest
    joint: bool  # another authority has the same figure


def national_average(authorities: Sequence[Authority]) -> tuple[float, bool]:
    """Core spending power per head across `authorities`, and whether population-weighted."""
    known = [a for a in authorities if a.power is not None]
    if not known:
        raise ValueError("no authority has a core spending power figure")
    if all(a.population for a in known):
        total = sum((a.power or 0.0) * (a.population or 0.0) for a in known)
        return total / sum(a.population or 0.0 for a in known), True
    return statistics.fmean(a.power or 0.0 for a in known), False


def funding(authorities: Sequence[Authority], council: Authority, population: float) -> Funding:
    """The council's funding gaps: to the national average, the best-funded county and the
    highest-funded authority of any type."""
    if council.power is None:
        raise ValueError(f"{council.name} has no core spending power figure")
    known = [a for a in authorities if a.power is not None]
    average, weighted = national_average(known)
    targets = [("the national average", average)]
    counties = [a for a in known if a.type == "county"]
    top = max(known, key=lambda a: (a.power or 0.0, a.name))
    best = max(counties, key=lambda a: (a.power or 0.0, a.name)) if counties else None
    if best is not None:  # one authority holding both titles is one gap, not the same twice
        both = " and the highest-funded authority" if best is top else ""
        targets.append((f"{best.name}, the best-funded county{both}", best.power or 0.0))
    if best is not top:
        targets.append((f"{top.name} ({top.type}), the highest-funded authority", top.power or 0.0))
    gaps = [
        Gap(label, per_head, per_head - council.power, (per_head - council.power) * population)
        for label, per_head in targets
    ]
    powers = [a.power or 0.0 for a in known]
    return Funding(
        council, population, weighted, gaps, rank(council.power, powers, Aim.HIGH), len(known),
        rank(council.power, powers, Aim.LOW), powers.count(council.power) > 1,
    )  # fmt: skip


def spending_of(authority: Authority, service: str | None) -> float | None:
    """Net expenditure per head on a service, or overall: a Total column, else the services'
    sum (None if any is missing)."""
    if service is not None:
        return authority.net.get(service)
    for name, value in authority.net.items():
        if name.lower() in TOTALS:
            return value
    values = list(authority.net.values())
    if not values or any(v is None for v in values):
        return None
    return sum(v or 0.0 for v in values)


QUADRANTS = {
    (True, True): "high performing, low spending",
    (True, False): "high performing, high spending",
    (False, True): "low performing, low spending",
    (False, False): "low performing, high spending",
}


class Point(Struct, frozen=True):
    name: str
    performance: int  # position, 1 = best
    spending: float  # net expenditure per head, £
    spending_rank: int  # 1 = lowest spending
    quadrant: str


def against_spending(
    performance: Mapping[str, int], spending: Mapping[str, float | None]
) -> list[Point]:
    """The councils holding both a performance position and a spending figure, as points.
    Positions are re-ranked among these councils, so both axes run 1 to n."""
    both = {
        name: value for name, value in spending.items() if value is not None and name in performance
    }
    positions = {name: performance[name] for name in both}
    ordered = [float(p) for p in positions.values()]
    spends = list(both.values())
    middle = (len(both) + 1) / 2
    points = []
    for name, value in both.items():
        place = rank(positions[name], ordered, Aim.LOW)
        spend_rank = rank(value, spends, Aim.LOW)
        quadrant = QUADRANTS[(place <= middle, spend_rank <= middle)]
        points.append(Point(name, place, value, spend_rank, quadrant))
    points.sort(key=lambda p: (p.performance, p.spending_rank, p.name))
    return points
