"""What `rate` returns: each measure of a period judged, and the period's summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

if TYPE_CHECKING:  # each command loads only the modules its own result needs
    from perfcli.domain.assessment import Rated
    from perfcli.domain.periods import Period


RATE_FIELDS = [
    "id", "code", "description", "section", "outcome", "aim", "unit", "period", "value", "value_text",
    "previous_period", "previous_value", "previous_value_text", "comparator", "rating", "rating_reason",
    "progress", "progress_reason", "change", "change_unit", "rag", "rag_reason", "overridden",
    "computed_rating", "reason", "quartile", "published_rating", "published_progress", "published_rag",
    "commentary", "returned_by", "approved_by", "approved_on", "forecast",
    "ci", "trend", "spc",
]  # fmt: skip


class MeasureRating(Struct, frozen=True):
    """One measure of a period, judged: what `perfcli rate` prints on one row."""

    rated: Rated

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


class RateResult(Struct, frozen=True, dict=True):
    """A report period judged, measure by measure, in the dashboard's order."""

    period: Period
    measures: list[MeasureRating]
    # What could not be read, when a file was rated with force: one located line each.
    problems: list[str] = field(default_factory=list)
    # What reading a file noticed and passed over (a hidden row, codes told apart), one located
    # line each with what to do, as import prints them.
    notes: list[str] = field(default_factory=list)

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
            self.__dict__["_rows"] = built  # a cache on a frozen result (dict=True)
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
