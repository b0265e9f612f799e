"""What the comparator-data commands return: national files, benchmarks, ranks, the index."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from perfcli.references import path_text

if TYPE_CHECKING:  # each command loads only the modules its own result needs
    from pathlib import Path

    from perfcli.domain.cost_index import CostIndex
    from perfcli.domain.council_standing import Benchmark
    from perfcli.domain.national_areas import Twin
    from perfcli.domain.periods import Period
    from perfcli.domain.ranks import ComparativeRanks, Standings, YearPosition


BENCHMARK_FIELDS = [
    "id", "code", "description", "theme", "aim", "value", "group_size", "mean", "median", "rank",
    "quartile", "previous_quartile", "england",
]  # fmt: skip


class BenchmarkResult(Struct, frozen=True):
    """The council's standing among comparator councils, measure by measure."""

    period: Period
    group: str | None
    benchmarks: list[Benchmark]
    # Each measure's quartile in last year's benchmarking, where it is held.
    previous: dict[str, int] = field(default_factory=dict)
    bottom_quartile: bool = False

    @property
    def sentence(self) -> str:
        from perfcli.domain.benchmarking import summary_sentence

        return summary_sentence([b.standing for b in self.benchmarks])

    def out_of_bottom(self) -> list[Benchmark]:
        """Measures in the bottom quartile last year that stand higher now."""
        return [b for b in self.benchmarks
                if self.previous.get(b.measure.id) == 4 and b.standing.quartile < 4]  # fmt: skip

    def rows(self) -> list[dict[str, Any]]:
        rows = []
        for b in self.benchmarks:
            s, m = b.standing, b.measure
            rows.append({
                "id": m.id, "code": m.code, "description": m.description,
                "theme": m.theme or m.section, "aim": m.aim.value, "value": s.value,
                "group_size": s.of, "mean": round(s.mean, 2), "median": round(s.median, 2),
                "rank": s.rank, "quartile": s.quartile, "quartile_name": s.quartile_name,
                "previous_quartile": self.previous.get(m.id), "england": b.england,
            })  # fmt: skip
        return rows

    def to_dict(self) -> dict[str, Any]:
        from perfcli.domain.benchmarking import quartile_counts

        standings = [b.standing for b in self.benchmarks]
        return {
            "period": self.period.label,
            "group": self.group or "all councils",
            "measures": self.rows(),
            "summary": {**quartile_counts(standings), "sentence": self.sentence,
                        "out_of_bottom": [b.measure.id for b in self.out_of_bottom()]},
        }  # fmt: skip


INDEX_FIELDS = ["rank", "council", "spending", "outcome", "input_score", "outcome_score", "index"]


class IndexResult(Struct, frozen=True):
    """The cost-effectiveness index: every council's inputs, normalised scores, index and rank."""

    index: CostIndex
    source: Path

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"rank": r.rank, "council": r.council, "spending": r.spending, "outcome": r.outcome,
             "input_score": r.input_score, "outcome_score": r.outcome_score, "index": r.index,
             "own": r.council == self.index.council}
            for r in self.index.rows
        ]  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        own = self.index.own
        return {
            "source": path_text(self.source.name),
            "council": self.index.council,
            "rank": own.rank if own else None,
            "of": self.index.rows[0].of if self.index.rows else 0,
            "councils": self.rows(),
        }


NATIONAL_FILE_FIELDS = [
    "file", "layout", "periods", "measures", "areas", "new", "changed", "suppressed", "unmapped",
    "levels", "twins", "forced",
]  # fmt: skip


class NationalFile(Struct, frozen=True):
    """One comparator-data file imported."""

    file: Path
    periods: list[Period]
    measures: int
    areas: int
    new: int
    changed: int
    suppressed: int
    unmapped: list[str]
    layout: str = "ascof"  # or "generic": a long table, its measures named
    # Levels perfcli does not know, with their rows: those areas are left out of ranking.
    levels: dict[str, list[int]] = field(default_factory=dict)
    # Councils named as one held under another code: left out, unless `forced` in.
    twins: list[Twin] = field(default_factory=list)
    forced: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": path_text(self.file.name), "layout": self.layout,
            "periods": [p.label for p in self.periods], "measures": self.measures,
            "areas": self.areas, "new": self.new, "changed": self.changed,
            "suppressed": self.suppressed, "unmapped": self.unmapped, "levels": self.levels,
            "twins": [{"name": t.name, "code": t.code, "held": t.held, "both_held": t.both_held,
                       "figures": len(t.places)} for t in self.twins],
            "forced": self.forced,
        }  # fmt: skip


RANKS_FIELDS = ["theme", "indicators", "indicators_held", "council", "average_rank", "position",
                "of"]  # fmt: skip


class RanksResult(Struct, frozen=True):
    """Comparative ranks for one period (every council on every indicator, by theme and
    overall) and the council's overall position in each year held."""

    ranks: ComparativeRanks
    group: str | None
    council: str | None  # the council's area code, when the comparator data holds it
    history: list[YearPosition]

    @property
    def council_name(self) -> str | None:
        return self.ranks.names.get(self.council) if self.council else None

    def _own(self, standing: Standings) -> dict[str, Any]:
        own = self.council or ""
        average = standing.average.get(own)
        return {
            "average_rank": None if average is None else round(average, 2),
            "position": standing.position.get(own),
            "of": standing.of,
        }

    def rows(self) -> list[dict[str, Any]]:
        """One row per theme, then `Overall`: the council's average rank and position, over the
        `indicators` of the theme's `indicators_held` it is ranked on."""
        parts = [*self.ranks.themes.items(), ("Overall", self.ranks.overall)]
        return [
            {"theme": theme, "indicators": standing.indicators, "indicators_held": standing.held,
             "council": self.council_name, **self._own(standing)}
            for theme, standing in parts
        ]  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        ranks = self.ranks
        return {
            "period": ranks.period,
            "group": self.group or "all councils",
            "council": self.council,
            "council_name": self.council_name,
            "themes": self.rows(),
            "indicators": [
                {"id": i.measure_id, "theme": i.theme, "aim": i.aim.value, "of": i.of,
                 "rank": i.ranks.get(self.council or ""), "ranks": i.ranks}
                for i in ranks.indicators
            ],
            "overall": {
                code: {"name": ranks.names.get(code), "average_rank": round(average, 4),
                       "position": ranks.overall.position[code]}
                for code, average in sorted(
                    ranks.overall.average.items(), key=lambda item: ranks.overall.position[item[0]]
                )
            },
            "history": [
                {"period": y.period, "position": y.position, "of": y.of,
                 "indicators": y.indicators, "indicators_held": y.held,
                 "average_rank": None if y.average is None else round(y.average, 2)}
                for y in self.history
            ],
        }  # fmt: skip
