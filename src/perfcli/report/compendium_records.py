"""The compendium's records: an indicator's dashboard row, a theme, a risk, and the whole
document's data, built from already-judged report lines (no counting, no wording)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from msgspec import Struct, field
from msgspec.structs import asdict

from perfcli.domain.cost_index import CostIndex
from perfcli.domain.model import Aim, QuartilePosition, ReportLine
from perfcli.domain.outcomes import Progress
from perfcli.domain.period_parsing import parse_period

QUARTILE_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}
DIRECTION_SHOWN = {
    Progress.IMPROVED: "↑ Improved",
    Progress.SIMILAR: "→ Similar",
    Progress.WORSE: "↓ Worse",
    Progress.NOT_RATED: "– Not known",
}
INFORMATION_ONLY = "For information"


class CompendiumIndicator(Struct, frozen=True):
    """One indicator's row in its theme's dashboard, as judged by the caller."""

    theme: str
    description: str
    quartile: int | None = None
    direction: Progress = Progress.NOT_RATED
    value_text: str = ""
    target_text: str = ""
    previous_text: str = ""
    polarity: str = ""
    commentary: str = ""
    quartile_text: str = ""  # as published, `4th* (2023/24)`; else drawn from `quartile`
    previous_quartile: int | None = None  # last year's benchmarking, when known
    footnotes: tuple[str, ...] = ()
    position: QuartilePosition | None = None  # the quartile's group and year, when known
    outcome: str = ""  # the Strategic Plan outcome it serves, shown above it
    information_only: bool = False  # no polarity: its figures shown, never judged
    figure_missing: bool = False  # no figure this year: no direction, for want of it

    @property
    def quartile_shown(self) -> str:
        if self.quartile_text:
            return self.quartile_text
        return QUARTILE_ORDINALS.get(self.quartile or 0, "N/A")

    @property
    def quartile_counted(self) -> str:
        """The quartile as the counts take it, in one form for every indicator of a list of
        counted ones (Part 5): `4th (2023/24)`, `1st/2nd (2024)`. The group is never named (it is
        the one the counts are of, said once above the list), nor a footnote mark (the notes are
        the dashboard's)."""
        if self.position is None:  # its year unknown: the quartile alone
            return QUARTILE_ORDINALS.get(self.quartile or 0, "N/A")
        return quartile_words(self.position)


class CompendiumTheme(Struct, frozen=True):
    name: str
    indicators: Sequence[CompendiumIndicator]
    covers: str = ""  # what the dashboard covers, in a phrase: `roads, buses and cycling`
    footnotes: Sequence[str] = ()


class CompendiumRisk(Struct, frozen=True):
    risk: str  # as the register words it: `If ... then ...`
    owner: str
    score: str  # current likelihood × impact, `4 × 5 = 20`, or the published current score
    change: str  # since the last review
    theme: str = ""
    mitigations: str = ""
    value: int = 0  # the current score, for sorting


def risks_by_theme(risks: Sequence[CompendiumRisk]) -> list[dict[str, Any]]:
    """Risks grouped by theme, highest score first within each; the theme with the highest
    score first (then by name), risks with no theme last."""
    grouped: dict[str, list[CompendiumRisk]] = {}
    for risk in sorted(risks, key=lambda r: -r.value):
        grouped.setdefault(risk.theme, []).append(risk)
    order = sorted(grouped, key=lambda theme: (not theme, -grouped[theme][0].value, theme))
    return [
        {"theme": theme or "Other risks", "risks": [asdict(risk) for risk in grouped[theme]]}
        for theme in order
    ]


class CompendiumData(Struct, frozen=True):
    council: str
    period_display: str  # `2023/24`
    previous_display: str  # `2022/23`
    themes: Sequence[CompendiumTheme]
    title: str = ""
    group_name: str = "county councils and county unitary authorities"
    index: CostIndex | None = None
    index_note: str = ""  # e.g. `SYNTHETIC figures`, printed with the index and its charts
    note: str = ""  # printed under the title, e.g. that figures are synthetic
    risks: Sequence[CompendiumRisk] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    period: str = ""  # the report's period label, `2023-24`: what counts as this year's quartile
    main_group: str = "Counties"  # the printed group the counts are of (unsaid means this one)
    main_group_words: str = "county"  # `39 of 263 indicators with county quartiles`


POLARITY_SHOWN = {Aim.HIGH: "High", Aim.LOW: "Low", Aim.BAND: "Band", Aim.INFO: "N/A"}


def indicator_from_line(
    line: ReportLine,
    aim: Aim,
    *,
    value_text: str = "",
    previous_text: str = "",
    direction: Progress | None = None,
    quartile: int | None = None,
    previous_quartile: int | None = None,
    figure_missing: bool = False,
) -> CompendiumIndicator:
    """One dashboard row from a stored report line: the judged direction (from `perfcli rate`)
    and the quartile (from benchmarking) when given, else the marks the file published."""
    published = line.published_quartile or ""
    position = line.quartile if published else None
    shown = published
    if quartile is not None:  # worked out from the workspace's comparator data: this year's
        worked_out = QuartilePosition(best=quartile, worst=quartile, period=line.current_period,
                                      period_printed=False)  # fmt: skip
        shown = worked_out_shown(worked_out, position, published)
        position = worked_out
    elif position is not None:
        quartile = position.quartile
    if direction is None:
        direction = line.published_progress or Progress.NOT_RATED
    return CompendiumIndicator(
        theme=line.theme or line.section or "Other indicators",
        description=line.description,
        quartile=quartile,
        direction=direction,
        value_text=value_text,
        target_text=line.comparator.raw if line.comparator else "",
        previous_text=previous_text,
        polarity=POLARITY_SHOWN[aim],
        commentary=line.commentary or "",
        quartile_text=shown,
        previous_quartile=previous_quartile,
        footnotes=tuple(line.footnotes),
        position=position,
        outcome=line.outcome or "",
        information_only=aim is Aim.INFO,
        figure_missing=figure_missing,
    )


def worked_out_shown(
    worked_out: QuartilePosition, printed: QuartilePosition | None, published: str
) -> str:
    """The Quartile position cell for a quartile worked out from comparator data: the one the
    counts use, so the dashboard and Part 5 never contradict them (`3rd (2023/24)`); the cell as
    printed when it says the same, and after the worked-out one when it says otherwise
    (`3rd (2023/24); printed 4th*`), so a reader can see why they differ."""
    same = (
        printed is not None
        and (printed.best, printed.worst) == (worked_out.best, worked_out.worst)
        and printed.period == worked_out.period
        and printed.group in (None, "Counties")
    )
    if same:
        return published
    said = quartile_words(worked_out)
    return f"{said}; printed {published}" if printed is not None else said


def quartile_words(position: QuartilePosition) -> str:
    """A quartile and its year, without its group or marks: `3rd (2023/24)`, `1st/2nd (2024)`."""
    names = "/".join(QUARTILE_ORDINALS[q] for q in range(position.best, position.worst + 1))
    return f"{names} ({parse_period(position.period).display})"


def themes_of(indicators: Iterable[CompendiumIndicator]) -> list[CompendiumTheme]:
    """Indicators grouped by theme, themes in the order they first appear, with their notes."""
    grouped: dict[str, list[CompendiumIndicator]] = {}
    for indicator in indicators:
        grouped.setdefault(indicator.theme, []).append(indicator)
    return [
        CompendiumTheme(
            name, rows, footnotes=list(dict.fromkeys(note for i in rows for note in i.footnotes))
        )
        for name, rows in grouped.items()
    ]
