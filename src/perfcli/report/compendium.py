"""The annual performance compendium: benchmarking, the cost-effectiveness index, theme dashboards.

The caller supplies plain, already-judged data (`CompendiumData`); this module counts, orders and
draws, and the Word template (templates/docx/compendium.docx) holds every sentence's wording.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfcli.domain.cost_index import CostIndex
from perfcli.domain.model import Aim, QuartilePosition, ReportLine
from perfcli.domain.periods import Period, parse_period
from perfcli.domain.quartiles import GROUP_WORDS, QuartileSort, sort_quartiles
from perfcli.domain.quartiles import vintages as years_of
from perfcli.domain.rating import Progress
from perfcli.report.charts import (
    Chart,
    index_chart,
    money,
    ordinal,
    quartile_mix_by_theme,
    quartile_mix_chart,
    spending_chart,
)
from perfcli.report.lower import lower_context

QUARTILE_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}
DIRECTION_SHOWN = {
    Progress.IMPROVED: "↑ Improved",
    Progress.SIMILAR: "→ Similar",
    Progress.WORSE: "↓ Worse",
    Progress.NOT_RATED: "– Not known",
}
INFORMATION_ONLY = "For information"


@dataclass(frozen=True)
class CompendiumIndicator:
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

    @property
    def quartile_shown(self) -> str:
        if self.quartile_text:
            return self.quartile_text
        return QUARTILE_ORDINALS.get(self.quartile or 0, "N/A")


@dataclass(frozen=True)
class CompendiumTheme:
    name: str
    indicators: Sequence[CompendiumIndicator]
    covers: str = ""  # what the dashboard covers, in a phrase: `roads, buses and cycling`
    footnotes: Sequence[str] = ()


@dataclass(frozen=True)
class CompendiumRisk:
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
        {"theme": theme or "Other risks", "risks": [vars(risk) for risk in grouped[theme]]}
        for theme in order
    ]


@dataclass(frozen=True)
class CompendiumData:
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
) -> CompendiumIndicator:
    """One dashboard row from a stored report line: the judged direction (from `perfcli rate`)
    and the quartile (from benchmarking) when given, else the marks the file published."""
    from perfcli.domain.directions import parse_direction
    from perfcli.domain.quartiles import quartile_of

    published = line.published_quartile or ""
    position = quartile_of(line) if published else None
    shown = published
    if quartile is not None:  # worked out from the workspace's comparator data: this year's
        worked_out = QuartilePosition(best=quartile, worst=quartile, period=line.current_period,
                                      period_printed=False)  # fmt: skip
        shown = worked_out_shown(worked_out, position, published)
        position = worked_out
    elif position is not None:
        quartile = position.quartile
    if direction is None:
        direction = parse_direction(line.published_progress or "")
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
    said = f"{QUARTILE_ORDINALS[worked_out.quartile]} ({parse_period(worked_out.period).display})"
    return f"{said}; printed {published}" if printed is not None else said


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


# Counting (pure) ------------------------------------------------------------------------------


def quartile_counts(indicators: Iterable[CompendiumIndicator]) -> dict[int, int]:
    counts = dict.fromkeys(QUARTILE_ORDINALS, 0)
    for indicator in indicators:
        if indicator.quartile in counts:
            counts[indicator.quartile] += 1
    return counts


def direction_counts(indicators: Iterable[CompendiumIndicator]) -> dict[Progress, int]:
    counts = dict.fromkeys(Progress, 0)
    for indicator in indicators:
        counts[indicator.direction] += 1
    return counts


def left_bottom_quartile(indicators: Iterable[CompendiumIndicator]) -> list[CompendiumIndicator]:
    """Indicators in the bottom quartile last year that stand higher this year."""
    return [
        i
        for i in indicators
        if i.previous_quartile == 4 and i.quartile is not None and i.quartile < 4
    ]


def join_names(names: Sequence[str]) -> str:
    """`a`, `a and b`, `a; b; and c`: descriptions hold commas, so a list of three or more uses
    semicolons, the last one too (`a, x; b and c` would read as `b and c` being one item)."""
    names = [name.rstrip(". ") for name in names]
    if len(names) <= 2:
        return " and ".join(names)
    return "; ".join(names[:-1]) + "; and " + names[-1]


# Sentences ------------------------------------------------------------------------------------
# A count never starts a sentence, a nought is "none", and the verb agrees with its count.


def none_or(count: int) -> str:
    """`none` for 0 (`none got worse`), else the figure."""
    return "none" if count == 0 else f"{count:,}"


def plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def quartile_summary(bench: dict[str, Any], group_name: str) -> str:
    """Part 4's first paragraph: how many have a quartile of the main group, and in which."""
    total = bench["total"]
    text = (
        f"Across the dashboards, {total:,} {plural(total, 'indicator has', 'indicators have')} "
        f"a {bench['group_words']} quartile"
        + (f" ({bench['years']})" if bench["years"] else "")
        + f", comparing the council with the {group_name}."
    )
    if total:
        text += (
            f" Of these, {none_or(bench['top'])} {plural(bench['top'], 'is', 'are')} in the top"
            f" quartile, {none_or(bench['second'])} in the second, {none_or(bench['third'])} in"
            f" the third and {none_or(bench['bottom'])} in the bottom quartile."
        )
    if bench["ranges"]:
        text += (
            " A result published between two quartiles (such as 1st/2nd, for a survey) is"
            f" counted in the lower of the two: {bench['ranges']} here."
        )
    return text


def quartile_groups(bench: dict[str, Any]) -> str:
    """Part 4's second paragraph: the bottom quartile of the main group, then the indicators
    ranked against other groups and those with only an older quartile, told apart."""
    total, bottom = bench["total"], bench["bottom"]
    text = (
        f"Of the {total:,} {plural(total, 'indicator', 'indicators')} with "
        f"{bench['group_words']} quartiles, {none_or(bottom)} {plural(bottom, 'is', 'are')} in "
        "the bottom quartile"
    )
    for other in bench["others"]:
        count = other["count"]
        text += (
            f"; {count:,} further {plural(count, 'indicator is', 'indicators are')} ranked against"
            f" {other['words']}"
            + (f" ({other['years']})" if other["years"] else "")
            + f", {none_or(other['bottom'])} in the bottom quartile"
        )
    text += "."
    older = bench["older"]
    if older:
        text += (
            f" A further {older:,} {plural(older, 'indicator has', 'indicators have')} only a "
            f"quartile from before {bench['since']} ({bench['older_years']}): their dashboards "
            "show it, and it is not counted here."
        )
    return text


def bottom_share(bench: dict[str, Any]) -> str:
    """Part 4's closing sentence: the bottom quartile's share of the counted indicators."""
    bottom = bench["bottom"]
    text = (
        f"In all, {none_or(bottom)} of the {bench['total']:,} indicators "
        f"({bench['bottom_share']}) {plural(bottom, 'sits', 'sit')} in the bottom quartile."
    )
    return text + (" Part 5 lists them theme by theme." if bottom else "")


def directions_sentence(dot: dict[str, Any]) -> str:
    """Part 7's sentence: the direction of travel of every indicator."""
    similar = dot["similar"]
    text = (
        f"Across all {dot['total']:,} indicators, {none_or(dot['improved'])} improved on the "
        f"previous period, {none_or(similar)} {plural(similar, 'was', 'were')} broadly "
        f"unchanged and {none_or(dot['worse'])} got worse."
    )
    if dot["unknown"]:
        text += (
            f" For {dot['unknown']:,} the direction of travel cannot be judged, because there is "
            "no earlier figure to compare with or the way the indicator is measured has changed."
        )
    if dot["information"]:
        information = dot["information"]
        text += (
            f" The remaining {information:,} {plural(information, 'is', 'are')} published for "
            "information only, with no polarity, so not judged."
        )
    return text


def theme_sentence(theme: dict[str, Any], group_words: str) -> str:
    """A theme's overview: its directions, then its quartiles by group and year, then the
    indicators named by direction."""
    count, similar, quartiles = theme["count"], theme["similar"], theme["quartiles"]
    parts = [f"The {theme['name']} dashboard covers {theme['covers']}."] if theme["covers"] else []
    parts.append(
        (
            f"Of its {count:,} "
            if theme["covers"]
            else f"Of the {theme['name']} dashboard's {count:,} "
        )
        + f"{plural(count, 'indicator', 'indicators')}, "
        f"{none_or(theme['improved'])} improved on the previous period, "
        f"{none_or(theme['worse'])} got worse and {none_or(similar)} "
        f"{plural(similar, 'was', 'were')} much the same."
    )
    if theme["unknown"]:
        parts.append(f"There was no comparable earlier figure for {theme['unknown']:,}.")
    if theme["information"]:
        information = theme["information"]
        parts.append(
            f"Besides these, {information:,} {plural(information, 'is', 'are')} shown for "
            "information only."
        )
    counted = quartiles["counted"]
    if counted:
        top, bottom = quartiles["top"], quartiles["bottom"]
        where = (
            "none in the top or bottom quartile"
            if top == bottom == 0
            else f"{none_or(top)} in the top and {none_or(bottom)} in the bottom quartile"
        )
        parts.append(
            f"Of the {count:,}, {counted:,} {plural(counted, 'has', 'have')} a {group_words} "
            f"quartile, {where}."
        )
    if quartiles["other_groups"]:
        others = quartiles["other_groups"]
        parts.append(
            f"{'A further' if counted else 'Of them,'} {others:,} {plural(others, 'is', 'are')} "
            "ranked against another group."
        )
    if quartiles["older"]:
        parts.append(
            f"For {quartiles['older']:,} of them, the only quartile is from an earlier year."
        )
    for key, words in (("improved_names", "Improvements"), ("worse_names", "Worse than before"),
                       ("similar_names", "Much the same")):  # fmt: skip
        if theme[key]:
            parts.append(f"{words}: {theme[key]}.")
    return " ".join(parts)


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


# The template's context ---------------------------------------------------------------------


def _all(data: CompendiumData) -> list[CompendiumIndicator]:
    return [indicator for theme in data.themes for indicator in theme.indicators]


def _report(data: CompendiumData) -> Period | None:
    return parse_period(data.period) if data.period else None


def _sorted(
    data: CompendiumData, indicators: Iterable[CompendiumIndicator]
) -> QuartileSort[CompendiumIndicator]:
    with_quartile = [i for i in indicators if i.quartile is not None]
    return sort_quartiles(with_quartile, lambda i: i.position, _report(data), data.main_group)


def vintages(indicators: Iterable[CompendiumIndicator]) -> str:
    return years_of(i.position for i in indicators)


def counted_period(data: CompendiumData, indicators: Iterable[CompendiumIndicator]) -> str:
    """What a count or chart of quartiles is of: `county quartiles of 2022/23 to 2024`."""
    years = vintages(indicators)
    if not data.period:
        return years or data.period_display
    return f"{data.main_group_words} quartiles" + (f" of {years}" if years else "")


def benchmarking_context(data: CompendiumData) -> dict[str, Any]:
    everything, report = _all(data), _report(data)
    sort = _sorted(data, everything)
    counted = sort.counted
    counts = quartile_counts(counted)
    total = sum(counts.values())
    by_theme = []
    for theme in data.themes:
        theme_counts = quartile_counts(_sorted(data, theme.indicators).counted)
        by_theme.append(
            {
                "theme": theme.name,
                "top": theme_counts[1],
                "second": theme_counts[2],
                "third": theme_counts[3],
                "bottom": theme_counts[4],
                "total": sum(theme_counts.values()),
            }
        )
    bottom_rows = [
        {
            "theme": i.theme,
            "description": i.description,
            "value": i.value_text,
            "quartile": i.quartile_shown,
            "direction": DIRECTION_SHOWN[i.direction],
        }
        for i in counted
        if i.quartile == 4
    ]
    out_of_bottom = [
        {"theme": i.theme, "description": i.description, "quartile": i.quartile_shown}
        for i in left_bottom_quartile(counted)
    ]
    others = [
        {"group": group, "words": GROUP_WORDS.get(group, group), "count": len(rows),
         "bottom": quartile_counts(rows)[4], "years": vintages(rows)}
        for group, rows in sorted(sort.by_group.items(), key=lambda item: -len(item[1]))
    ]  # fmt: skip
    return {
        "total": total,
        "top": counts[1],
        "second": counts[2],
        "third": counts[3],
        "bottom": counts[4],
        "bottom_share": share(counts[4], total),
        "ranges": sum(1 for i in counted if i.position is not None and i.position.is_range),
        "group_words": data.main_group_words,
        "years": vintages(counted),
        "others": others,
        "older": len(sort.older),
        "older_years": vintages(sort.older),
        "since": report.previous().display if report else "",
        "by_theme": by_theme,
        "bottom_rows": bottom_rows,
        "out_of_bottom": out_of_bottom,
    }


def direction_context(indicators: Sequence[CompendiumIndicator]) -> dict[str, Any]:
    judged = [i for i in indicators if not i.information_only]
    counts = direction_counts(judged)

    def named(progress: Progress) -> str:
        return join_names([i.description for i in judged if i.direction is progress])

    return {
        "total": len(indicators),
        "improved": counts[Progress.IMPROVED],
        "similar": counts[Progress.SIMILAR],
        "worse": counts[Progress.WORSE],
        "unknown": counts[Progress.NOT_RATED],
        "information": len(indicators) - len(judged),
        "improved_names": named(Progress.IMPROVED),
        "similar_names": named(Progress.SIMILAR),
        "worse_names": named(Progress.WORSE),
    }


def theme_rows(theme: CompendiumTheme) -> list[dict[str, str]]:
    """The dashboard's rows: each Strategic Plan outcome on its own row above its indicators."""
    rows: list[dict[str, str]] = []
    outcome = ""
    for i in theme.indicators:
        if i.outcome and i.outcome != outcome:
            # Both keys: a workspace's own older template shows it in the Description column.
            said = f"Outcome: {i.outcome}"
            rows.append(dict.fromkeys(ROW_CELLS, "") | {"outcome": said, "description": said})
        outcome = i.outcome
        rows.append(
            {
                "description": i.description,
                "quartile": i.quartile_shown,
                "direction": INFORMATION_ONLY
                if i.information_only
                else DIRECTION_SHOWN[i.direction],
                "value": i.value_text,
                "target": i.target_text,
                "previous": i.previous_text,
                "polarity": i.polarity,
                "commentary": i.commentary,
                "outcome": "",
            }
        )
    return rows


ROW_CELLS = ("description", "quartile", "direction", "value", "target", "previous", "polarity",
             "commentary")  # fmt: skip


def theme_overview(data: CompendiumData, theme: CompendiumTheme) -> dict[str, Any]:
    """A theme's quartiles for its overview sentence, told apart as the whole report's are."""
    sort = _sorted(data, theme.indicators)
    counts = quartile_counts(sort.counted)
    return {
        "counted": len(sort.counted),
        "top": counts[1],
        "bottom": counts[4],
        "other_groups": sum(len(rows) for rows in sort.by_group.values()),
        "older": len(sort.older),
    }


def index_context(data: CompendiumData) -> dict[str, Any] | None:
    index = data.index
    if index is None or not any(row.index is not None for row in index.rows):
        return None
    own = index.own
    rows = [
        {
            "rank": str(row.rank) if row.rank is not None else "–",
            "council": row.council,
            "spending": money(row.spending) if row.spending is not None else "–",
            "input_score": _score(row.input_score),
            "outcome_score": _score(row.outcome_score),
            "index": _score(row.index),
        }
        for row in index.rows
    ]
    context: dict[str, Any] = {"rows": rows, "note": data.index_note, "of": index.rows[0].of}
    if own is not None and own.rank is not None:
        context.update(
            council=own.council,
            rank=ordinal(own.rank),
            value=_score(own.index),
            input_score=_score(own.input_score),
            outcome_score=_score(own.outcome_score),
            spending=money(own.spending or 0.0),
        )
    return context


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def draw_charts(data: CompendiumData) -> dict[str, Any]:
    """Every chart the compendium holds, by where it goes."""
    charts: dict[str, Any] = {}
    counted = {theme.name: _sorted(data, theme.indicators).counted for theme in data.themes}
    counts = {name: quartile_counts(rows) for name, rows in counted.items() if rows}
    if counts:
        charts["quartiles"] = quartile_mix_by_theme(
            counts, period=counted_period(data, _sorted(data, _all(data)).counted),
            council=data.council,
        )  # fmt: skip
    index = data.index
    if index is not None and any(row.index is not None for row in index.rows):
        spending = {row.council: row.spending for row in index.rows}
        charts["spending"] = spending_chart(
            spending, index.council or data.council, period=data.period_display,
            note=data.index_note,
        )  # fmt: skip
        charts["index"] = index_chart(index, period=data.period_display, note=data.index_note)
    charts["themes"] = {
        name: quartile_mix_chart(name, quartile_counts(rows), period=counted_period(data, rows))
        for name, rows in counted.items()
        if rows
    }
    return charts


def build_context(data: CompendiumData, picture: Any = None) -> dict[str, Any]:
    """Everything the template's placeholders name; `picture(chart)` places a chart."""
    charts = draw_charts(data)

    def place(chart: Chart | None) -> Any:
        if chart is None:
            return None
        return {"image": picture(chart) if picture else "", "title": chart.title}

    themes = []
    for number, theme in enumerate(data.themes, start=1):
        themes.append(
            {
                "number": number,
                "name": theme.name,
                "covers": theme.covers,
                "count": len(theme.indicators),
                "rows": theme_rows(theme),
                "footnotes": list(theme.footnotes),
                "chart": place(charts["themes"].get(theme.name)),
                "quartiles": theme_overview(data, theme),
                **direction_context(theme.indicators),
            }
        )
        themes[-1]["overview"] = theme_sentence(themes[-1], data.main_group_words)
    index = index_context(data)
    if index is not None:
        index["spending_chart"] = place(charts.get("spending"))
        index["chart"] = place(charts.get("index"))
    bench = benchmarking_context(data)
    bench["chart"] = place(charts.get("quartiles"))
    bench["summary"] = quartile_summary(bench, data.group_name)
    bench["groups"] = quartile_groups(bench)
    bench["share_sentence"] = bottom_share(bench)
    dot = direction_context(_all(data))
    dot["sentence"] = directions_sentence(dot)
    return {
        "title": data.title or f"{data.council} Performance Compendium {data.period_display}",
        "council": data.council,
        "period_display": data.period_display,
        "previous_display": data.previous_display,
        "group_name": data.group_name,
        "note": data.note,
        "bench": bench,
        "index": index,
        "dot": dot,
        "themes": themes,
        "risks": [vars(risk) for risk in sorted(data.risks, key=lambda r: -r.value)],
        "risk_themes": risks_by_theme(data.risks),
        **dict.fromkeys(PARTS),
        # The bottom quartile as Part 4 counts it: this year's quartiles against the main group.
        "lower": lower_context(
            [(theme.name, _sorted(data, theme.indicators).counted) for theme in data.themes]
        ),
        **{name: placed(part, place) for name, part in data.extra.items()},
    }


def placed(value: Any, place: Any) -> Any:
    """`value` with every chart in it (in dicts and lists, at any depth) placed by `place`."""
    if isinstance(value, Chart):
        return place(value)
    if isinstance(value, dict):
        return {key: placed(item, place) for key, item in value.items()}
    if isinstance(value, list):
        return [placed(item, place) for item in value]
    return value


# The comparative parts (perfcli.report.comparison), None unless the caller supplies them.
PARTS = ("ranks", "funding", "spending", "lower")
KNOWN = {
    "title", "council", "period_display", "previous_display", "group_name", "note", "bench",
    "index", "dot", "themes", "risks", "risk_themes", *PARTS,
}  # fmt: skip


# Writing ------------------------------------------------------------------------------------


def write_compendium(
    data: CompendiumData, template_path: Path, output: Path, *, force: bool = False,
    before_writing: Callable[[Any], None] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Render the compendium to `output` (atomically); returns the context it was filled with."""
    from docx.shared import Cm

    from perfcli.report.document import check_template, render

    template = check_template(template_path, KNOWN | set(data.extra))

    def picture(chart: Chart) -> Any:
        return DescribedImage(template, chart, Cm(chart.width_cm))

    context = build_context(data, picture)
    render(template, context, output, author=data.council, force=force,
           before_writing=before_writing)  # fmt: skip
    return context


class DescribedImage:
    """A docxtpl inline picture that carries its alt text (`docPr descr`) and title."""

    def __init__(self, template: Any, chart: Chart, width: Any) -> None:
        self.template, self.chart, self.width = template, chart, width

    def _insert_image(self) -> str:
        part = self.template.current_rendering_part
        inline = part.new_pic_inline(io.BytesIO(self.chart.png), self.width, None)
        inline.docPr.set("descr", self.chart.alt_text)
        inline.docPr.set("title", self.chart.title)
        return f'</w:t></w:r><w:r><w:drawing>{inline.xml}</w:drawing></w:r><w:r><w:t xml:space="preserve">'

    __str__ = __html__ = _insert_image
