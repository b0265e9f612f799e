"""One measure as the report sees it (`Item`), and a paragraph drafted about some (`Paragraph`)."""

from __future__ import annotations

from msgspec import Struct, field

from perfcli.domain.assessment import Rated
from perfcli.domain.comparator_types import Comparator
from perfcli.domain.model import Measure, Observation
from perfcli.domain.rating import Judgement


class Item(Struct, frozen=True):
    """One measure as the report sees it: the rated record as `rate` gave it, never copied, and
    what the report adds to it."""

    rated: Rated
    description: str  # the line's, or reworded for a paragraph that leads with a key term
    commentary: str | None = None  # a service owner's only once their return is approved
    forecast: float | None = None  # the owner's year-end forecast, from an approved return
    caveat: str = ""  # what a reader must know each time the measure is quoted

    @property
    def measure(self) -> Measure:
        return self.rated.measure

    @property
    def current(self) -> Observation | None:
        return self.rated.current

    @property
    def previous(self) -> Observation | None:
        return self.rated.previous

    @property
    def current_period(self) -> str:
        return self.rated.line.current_period

    @property
    def previous_period(self) -> str | None:
        return self.rated.previous_period

    @property
    def comparator(self) -> Comparator | None:
        return self.rated.line.comparator

    @property
    def judgement(self) -> Judgement:
        return self.rated.judgement

    @property
    def code(self) -> str:
        return self.rated.line.code

    @property
    def quartile(self) -> str | None:
        return self.rated.quartile

    @property
    def footnotes(self) -> list[str]:
        return self.rated.line.footnotes

    @property
    def value(self) -> float | None:
        return self.current.value if self.current else None

    @property
    def before(self) -> float | None:
        return self.previous.value if self.previous else None


class Paragraph(Struct):
    """A drafted paragraph: runs of text, the key term in bold, and the measures it covers."""

    runs: list[tuple[str, bool]]
    measures: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)
