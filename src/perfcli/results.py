"""What the API returns: plain dataclasses whose `to_dict()` is the CLI's JSON, field for field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfcli.domain.findings import Severity

if TYPE_CHECKING:  # each command loads only the modules its own result needs
    from perfcli.domain.assessment import Benchmark, Rated
    from perfcli.domain.calibrate import Calibration, Rule
    from perfcli.domain.changes import Change, Side
    from perfcli.domain.cost_index import CostIndex
    from perfcli.domain.findings import Finding
    from perfcli.domain.model import Measure
    from perfcli.domain.periods import Period
    from perfcli.domain.ranks import ComparativeRanks, Standings, YearPosition
    from perfcli.importers import ImportBatch
    from perfcli.store.history import HistoryEntry
    from perfcli.store.links import MeasureLink
    from perfcli.store.writing import ImportSummary

RATE_FIELDS = [
    "id", "code", "description", "section", "outcome", "aim", "unit", "period", "value", "value_text",
    "previous_period", "previous_value", "previous_value_text", "comparator", "rating", "rating_reason",
    "progress", "progress_reason", "change", "change_unit", "rag", "rag_reason", "overridden",
    "computed_rating", "reason", "quartile", "published_rating", "published_progress", "published_rag",
    "commentary", "returned_by", "approved_by", "approved_on", "forecast",
    "ci", "trend", "spc",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class MeasureRating:
    """One measure of a period, judged: what `perfcli rate` prints on one row."""

    rated: Rated = field(repr=False)

    @property
    def id(self) -> str:
        return self.rated.measure.id

    @property
    def rating(self) -> str:
        return self.rated.judgement.rating.value

    @property
    def progress(self) -> str:
        return self.rated.judgement.progress.value

    @property
    def rag(self) -> str | None:
        rag = self.rated.judgement.rag
        return rag.value if rag else None

    @property
    def reason(self) -> str:
        return self.rated.judgement.reason

    def to_dict(self) -> dict[str, Any]:
        # One literal, the marks as str(): made for each of 20,000 rows, where `**` merges and
        # an enum's `.value` (~100 ns on Python 3.11) were a third of its time.
        item = self.rated
        j, m, line = item.judgement, item.measure, item.line
        current, previous = item.current, item.previous
        comparator = None
        if line.comparator is not None:
            c = line.comparator
            value, low, high, op = c.figures()
            comparator = {
                "text": c.raw, "kind": str(c.kind), "value": value, "low": low, "high": high,
                "op": op, "period": c.period,
            }  # fmt: skip
        ci, trend, spc = _statistics(item)
        return {
            "id": m.id,
            "code": line.code,
            "description": line.description,
            "section": line.section,
            "outcome": line.outcome,
            "aim": str(m.aim),
            "unit": str(m.unit),
            "period": line.current_period,
            "value": current.value if current else None,
            "value_text": current.raw if current else None,
            "previous_period": item.previous_period,
            "previous_value": previous.value if previous else None,
            "previous_value_text": previous.raw if previous else None,
            "comparator": comparator,
            "rating": str(j.rating),
            "rating_reason": j.rating_reason,
            "progress": str(j.progress),
            "progress_reason": j.progress_reason,
            "change": j.change,
            "change_unit": j.change_unit,
            "rag": str(j.rag) if j.rag else None,
            "rag_reason": j.rag_reason,
            "overridden": j.overridden,
            "computed_rating": str(j.computed_rating) if j.computed_rating else None,
            "reason": j.reason,
            "quartile": item.quartile,
            # The marks the dashboard printed, in perfcli's words (None where it printed none).
            "published_rating": str(line.published_rating) if line.published_rating else None,
            "published_progress": (
                str(line.published_progress) if line.published_progress else None
            ),
            "published_rag": str(line.published_rag) if line.published_rag else None,
            "commentary": line.commentary,
            "returned_by": line.returned_by,
            "approved_by": line.approved_by,
            "approved_on": line.approved_on,
            "forecast": line.forecast,
            "ci": ci,
            "trend": trend,
            "spc": spc,
        }


def _statistics(item: Rated) -> tuple[dict[str, Any] | None, str | None, dict[str, Any] | None]:
    """`ci`, `trend` and `spc` as `rate --format json` gives them (None where not computed)."""
    ci = None
    if item.ci is not None:
        ci = {"lower": round(item.ci.lower, 6), "upper": round(item.ci.upper, 6),
              "level": round(item.ci.level * 100, 6), "method": item.ci.method}  # fmt: skip
    spc = None
    if item.spc is not None:
        chart = item.spc
        spc = {
            "mean": round(chart.mean, 6),
            "lower_limit": round(chart.lower_limit, 6),
            "upper_limit": round(chart.upper_limit, 6),
            "points": [
                {"period": p.period, "value": p.value, "type": p.variation.value, "rule": p.reason}
                for p in chart.points
            ],
            "variation": chart.variation.value,
            "assurance": chart.assurance.value if chart.assurance else None,
            "trial": chart.trial,
            "rebased": chart.rebased,
        }
    trend = item.trend.word.replace(" ", "_") if item.trend is not None else None
    return ci, trend, spc


@dataclass(frozen=True)
class RateResult:
    """A report period judged, measure by measure, in the dashboard's order."""

    period: Period
    measures: list[MeasureRating]
    # What could not be read, when a file was rated with force: one located line each.
    problems: list[str] = field(default_factory=list)

    @property
    def rated(self) -> list[Rated]:
        return [m.rated for m in self.measures]

    def summary(self) -> dict[str, dict[str, int]]:
        def count(values: list[Any], keys: tuple[str, ...]) -> dict[str, int]:
            counted = Counter(values)
            return {k: counted[k] for k in keys}

        # Counted as marks, without `.value`: a StrEnum finds its value's key.
        judged = [m.rated.judgement for m in self.measures]
        return {
            "rating": count(
                [j.rating for j in judged], ("better", "similar", "below", "not_rated")
            ),
            "progress": count(
                [j.progress for j in judged], ("improved", "similar", "worse", "not_rated")
            ),
            "rag": count([j.rag for j in judged], ("green", "amber", "red")),
        }

    def rows(self) -> list[dict[str, Any]]:
        """One dict per measure, built once: JSON, CSV and the table all read them."""
        built: list[dict[str, Any]] | None = self.__dict__.get("_rows")
        if built is None:
            built = [m.to_dict() for m in self.measures]
            object.__setattr__(self, "_rows", built)  # a cache on a frozen result
        return built

    def each_row(self) -> Iterator[dict[str, Any]]:
        """The rows made one at a time, for output that writes each and lets it go."""
        built: list[dict[str, Any]] | None = self.__dict__.get("_rows")
        return iter(built) if built is not None else (m.to_dict() for m in self.measures)

    def to_dict(self) -> dict[str, Any]:
        return self._shaped(self.rows())

    def streamed(self) -> dict[str, Any]:
        """`to_dict()` with its measures as an iterator (present.console.write_json writes it
        row by row, to the same bytes)."""
        return self._shaped(self.each_row())

    def _shaped(self, rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
        return {"period": self.period.label, "measures": rows, "summary": self.summary()}


DIFF_FIELDS = [
    "id", "description", "section", "status", "flags", "change", "change_unit", "reason", "from", "to",
]  # fmt: skip


def _side(side: Side | None) -> dict[str, Any] | None:
    if side is None:
        return None
    obs, judgement = side.observation, side.judgement
    return {
        "period": obs.period if obs else None,
        "value": obs.value if obs else None,
        "value_text": obs.raw if obs else None,
        "rating": judgement.rating.value if judgement else None,
        "progress": judgement.progress.value if judgement else None,
    }


@dataclass(frozen=True)
class DiffResult:
    """What changed between two periods, most important first."""

    old: Period
    new: Period
    changes: list[Change]
    sentence: str
    # Counted over every measure in both periods, before --section or --only-changes narrow
    # the list, as the sentence is.
    totals: dict[str, int] | None = None

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "id": c.measure.id,
                "description": c.measure.description,
                "section": c.measure.section,
                "status": c.status.value,
                "flags": c.flags,
                "change": c.change,
                "change_unit": c.change_unit,
                "reason": c.reason,
                "from": _side(c.before),
                "to": _side(c.after),
            }
            for c in self.changes
        ]

    def to_dict(self) -> dict[str, Any]:
        from perfcli.domain.changes import summary

        return {
            "from": self.old.label,
            "to": self.new.label,
            "measures": self.rows(),
            "summary": {**(self.totals or summary(self.changes)), "sentence": self.sentence},
        }


FINDING_FIELDS = ["severity", "code", "location", "message", "hint"]


@dataclass(frozen=True)
class ValidationResult:
    """Every finding about the files or the workspace, errors first when shown."""

    findings: list[Finding]

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def counts(self) -> dict[str, int]:
        return {s.value: sum(1 for f in self.findings if f.severity is s) for s in Severity}

    def rows(self) -> list[dict[str, str | None]]:
        return [f.as_dict() for f in self.findings]

    def to_dict(self) -> dict[str, Any]:
        return {"findings": self.rows(), "summary": self.counts()}


BENCHMARK_FIELDS = [
    "id", "code", "description", "theme", "aim", "value", "group_size", "mean", "median", "rank",
    "quartile", "previous_quartile", "england",
]  # fmt: skip


@dataclass(frozen=True)
class BenchmarkResult:
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


@dataclass(frozen=True)
class IndexResult:
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
            "source": self.source.name,
            "council": self.index.council,
            "rank": own.rank if own else None,
            "of": self.index.rows[0].of if self.index.rows else 0,
            "councils": self.rows(),
        }


MEASURE_FIELDS = [
    "id", "code", "description", "aim", "unit", "section", "outcome", "tags", "periods", "owner",
]  # fmt: skip


@dataclass(frozen=True)
class MeasuresResult:
    """The measure catalogue, with the periods held for each."""

    measures: list[Measure]
    periods: dict[str, list[str]]
    owners: dict[str, str] = field(default_factory=dict)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "id": m.id,
                "code": m.code,
                "description": m.description,
                "aim": m.aim.value,
                "unit": m.unit.value,
                "section": m.section,
                "outcome": m.outcome,
                "tags": m.tags,
                "owner": self.owners.get(m.id),
                "periods": self.periods.get(m.id, []),
            }
            for m in self.measures
        ]

    def to_dict(self) -> dict[str, Any]:
        return {"measures": self.rows()}


HISTORY_FIELDS = [
    "measure", "period", "value_text", "value", "status", "recorded_at", "file", "cell",
    "returned_by", "approved_by", "approved_on",
]  # fmt: skip


@dataclass(frozen=True)
class HistoryResult:
    """Every value stored for one measure, revisions included."""

    measure_id: str
    entries: list[HistoryEntry]
    links: list[MeasureLink] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "measure": self.measure_id,
                "period": e.period,
                "value_text": e.observation.raw,
                "value": e.observation.value,
                "status": "current" if e.current else "superseded",
                "recorded_at": e.recorded_at,
                "file": Path(e.file).name if e.file else None,
                "cell": str(e.source) if e.source else None,
                "returned_by": e.returned_by,
                "approved_by": e.approved_by,
                "approved_on": e.approved_on,
            }
            for e in self.entries
        ]

    def to_dict(self) -> dict[str, Any]:
        joined = [asdict(link) for link in self.links]
        return {"measure": self.measure_id, "history": self.rows(), "joined": joined}


@dataclass(frozen=True)
class LinkResult:
    """Two measures joined into one: the record, how many figures the joined measure holds,
    and whether perfcli.toml still has settings under the id that is gone."""

    link: MeasureLink
    figures: int
    stale_settings: bool

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self.link), "figures": self.figures, "stale_settings": self.stale_settings}


@dataclass(frozen=True)
class ImportResult:
    """What an import brought, file by file, and what the checks found."""

    batches: list[ImportBatch]
    summaries: list[ImportSummary]
    findings: list[Finding]


@dataclass(frozen=True)
class NationalFile:
    """One comparator-data file imported."""

    file: Path
    periods: list[Period]
    measures: int
    areas: int
    new: int
    changed: int
    suppressed: int
    unmapped: list[str]


CALIBRATION_FIELDS = ["measure", "column", "printed", "perfcli", "figures", "reason", "why"]


@dataclass(frozen=True)
class CalibrationResult:
    """What calibrate learned from printed marks, and where it was written, if anywhere."""

    calibration: Calibration
    written: Path | None = None
    asked_to_write: bool = False

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "measure": miss.label,
                "column": miss.column.value,
                "printed": miss.printed.value,
                "perfcli": miss.perfcli.value if miss.perfcli is not None else None,
                "figures": miss.figures,
                "reason": miss.reason,
                "why": miss.why,
            }
            for miss in self.calibration.misses
        ]

    def to_dict(self) -> dict[str, Any]:
        result = self.calibration
        data: dict[str, Any] = {
            "marks": result.marks,
            "agreement": {
                "current": result.current_agree,
                "learned": result.learned_agree,
                "best": result.best_agree,
                "confidence": result.confidence_agree,
            },
            "roundness_costs": result.roundness_costs,
            "with_intervals": result.with_intervals,
            "current": _rule(result.current),
            "learned": _rule(result.learned),
            "toml": "\n".join(result.learned.toml_lines()),
            "unexplained": self.rows(),
        }
        if self.asked_to_write:
            data["written"] = str(self.written) if self.written else None
        return data


def _rule(rule: Rule) -> dict[str, Any]:
    return {"percent_points": rule.percent, "relative": rule.relative, "units": rule.by_unit,
            "rag": {"green": rule.green, "amber": rule.amber}}  # fmt: skip


RANKS_FIELDS = ["theme", "indicators", "council", "average_rank", "position", "of"]


@dataclass(frozen=True)
class RanksResult:
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
        """One row per theme, then `Overall`: the council's average rank and position."""
        parts = [*self.ranks.themes.items(), ("Overall", self.ranks.overall)]
        return [
            {"theme": theme, "indicators": standing.indicators, "council": self.council_name,
             **self._own(standing)}
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
                 "indicators": y.indicators,
                 "average_rank": None if y.average is None else round(y.average, 2)}
                for y in self.history
            ],
        }  # fmt: skip
