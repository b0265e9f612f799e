"""The annual performance compendium: benchmarking, the cost-effectiveness index, theme dashboards.

The caller supplies plain, already-judged data (`CompendiumData`, in compendium_records); this
module orders it into the template's context with the counts and sentences of compendium_words,
draws the charts and writes the document. The Word template (templates/docx/compendium.docx)
holds every sentence's wording.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from msgspec.structs import asdict

from perfcli.domain.outcomes import Progress
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.domain.quartiles import GROUP_WORDS, QuartileSort, sort_quartiles
from perfcli.domain.quartiles import vintages as years_of
from perfcli.report.charts import (
    Chart,
    index_chart,
    money,
    ordinal,
    quartile_mix_by_theme,
    quartile_mix_chart,
    spending_chart,
)
from perfcli.report.compendium_records import (
    DIRECTION_SHOWN,
    INFORMATION_ONLY,
    CompendiumData,
    CompendiumIndicator,
    CompendiumTheme,
    risks_by_theme,
)
from perfcli.report.compendium_words import (
    bottom_share,
    direction_counts,
    directions_sentence,
    join_names,
    left_bottom_quartile,
    quartile_counts,
    quartile_groups,
    quartile_summary,
    share,
    theme_sentence,
)
from perfcli.report.glossary import in_plain_words
from perfcli.report.lower import lower_context

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
            "quartile": i.quartile_counted,
            "direction": DIRECTION_SHOWN[i.direction],
        }
        for i in counted
        if i.quartile == 4
    ]
    out_of_bottom = [
        {"theme": i.theme, "description": i.description, "quartile": i.quartile_counted}
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
        # Named as prose names them: shorthand spelled out (the dashboards keep it).
        return join_names(
            [in_plain_words(i.description) for i in judged if i.direction is progress]
        )

    return {
        "total": len(indicators),
        "improved": counts[Progress.IMPROVED],
        "similar": counts[Progress.SIMILAR],
        "worse": counts[Progress.WORSE],
        # Not judged for want of this year's figure, or of an earlier one to set it against.
        "no_figure": sum(i.figure_missing for i in judged if i.direction is Progress.NOT_RATED),
        "unknown": sum(not i.figure_missing for i in judged if i.direction is Progress.NOT_RATED),
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
        "risks": [asdict(risk) for risk in sorted(data.risks, key=lambda r: -r.value)],
        "risk_themes": risks_by_theme(data.risks),
        **dict.fromkeys(PARTS),
        # The bottom quartile as Part 4 counts it: this year's quartiles against the main group.
        "lower": lower_context(
            [(theme.name, _sorted(data, theme.indicators).counted) for theme in data.themes],
            data.main_group_words,
        ),
        "missing": {"ranks": NO_RANKS, "spending": NO_SPENDING},
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


# The comparative parts (perfcli.report.comparison), None unless the caller supplies them;
# `missing` says why Part 2 or Part 3 is empty.
PARTS = ("ranks", "funding", "spending", "lower", "missing")
NO_RANKS = "The workspace holds no comparator data to rank the councils on."
NO_SPENDING = (
    "The workspace holds no spending table or comparator data to set performance against spending."
)
NOT_RANKED = (
    "The council is not among the councils in the comparator data held, so it is not ranked here."
)
NOT_SET_AGAINST = (
    "The council is not among the councils in the comparator data held, so its performance is"
    " not set against its spending."
)
UNALIKE = (
    "Too few councils are named alike in the spending table and the comparator data to set"
    " performance against spending."
)
# What the officer can do about a part left empty that the workspace holds data for.
ADVICE = {
    NOT_RANKED: "Parts 2 and 3 leave the council out: it is not among the comparator data's"
    ' councils (set area = "CODE" under [national] in perfcli.toml to its code there)',
    UNALIKE: "Part 3 is empty: too few councils are named alike in the spending table and the"
    " comparator data (name them in the spending table as the comparator data does)",
}
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

    template, _ = check_template(template_path, KNOWN | set(data.extra))

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
