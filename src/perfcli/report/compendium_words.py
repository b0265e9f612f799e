"""The compendium's counts and sentences (pure): what its paragraphs say of the indicators."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from perfcli.domain.outcomes import Progress
from perfcli.report.compendium_records import QUARTILE_ORDINALS, CompendiumIndicator

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


def _sentence_start(count: int) -> str:
    """`One indicator`, `3 indicators`: a count opening a sentence."""
    return "One indicator" if count == 1 else f"{count:,} indicators"


def directions_sentence(dot: dict[str, Any]) -> str:
    """Part 7's sentence: the direction of travel of every indicator."""
    similar = dot["similar"]
    text = (
        f"Across all {dot['total']:,} indicators, {none_or(dot['improved'])} improved on the "
        f"previous period, {none_or(similar)} {plural(similar, 'was', 'were')} broadly "
        f"unchanged and {none_or(dot['worse'])} got worse."
    )
    if dot["no_figure"]:
        text += (
            f" {_sentence_start(dot['no_figure'])} {plural(dot['no_figure'], 'has', 'have')} no"
            " figure for this year yet, so no direction of travel."
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
    if count == 1 and theme["improved"] + theme["worse"] + similar == 1:
        # One indicator: said of it, not counted ("Of its 1 indicator, 1 improved, none ...").
        lead = "Its one" if theme["covers"] else f"The {theme['name']} dashboard's one"
        went = ("improved on the previous period" if theme["improved"]
                else "got worse" if theme["worse"] else "was much the same")  # fmt: skip
        parts.append(f"{lead} indicator {went}.")
    else:
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
    if theme["no_figure"]:
        missing = theme["no_figure"]
        parts.append(
            f"{_sentence_start(missing)} {plural(missing, 'has', 'have')} no figure for this"
            " year yet."
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
        have = (
            ("It has" if count == 1 else f"All {count:,} have")
            if counted == count
            else f"Of the {count:,}, {counted:,} {plural(counted, 'has', 'have')}"
        )  # not "Of the 3, 3 have"
        parts.append(f"{have} a {group_words} quartile, {where}.")
    if quartiles["other_groups"]:
        others = quartiles["other_groups"]
        parts.append(
            f"{'A further' if counted else 'Of them,'} {others:,} {plural(others, 'is', 'are')} "
            "ranked against another group."
        )
    if quartiles["older"]:
        parts.append(
            "Its only quartile is from an earlier year."
            if count == 1
            else f"For {quartiles['older']:,} of them, the only quartile is from an earlier year."
        )
    for key, words in (("improved_names", "Improvements"), ("worse_names", "Worse than before"),
                       ("similar_names", "Much the same")):  # fmt: skip
        if theme[key]:
            parts.append(f"{words}: {theme[key]}.")
    return " ".join(parts)


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"
