"""The compendium's "Lower comparative performance": bottom-quartile indicators by theme, and
those of them that improved on last year (by the judged direction of travel)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from perfcli.domain.outcomes import Progress
from perfcli.report.compendium_records import CompendiumIndicator


def lower_context(
    themes: Sequence[tuple[str, Sequence[CompendiumIndicator]]],
    group_words: str,
) -> dict[str, Any] | None:
    """Each theme's counted indicators (those its quartile counts include) in the bottom
    quartile; None when there are none. `group_words` name the counts' group (`county`), once."""
    by_theme: list[dict[str, Any]] = []
    for name, indicators in themes:
        bottom = [i for i in indicators if i.quartile == 4]
        if bottom:
            by_theme.append({
                "theme": name,
                "count": len(bottom),
                "rows": [{"description": i.description, "value": i.value_text,
                          "previous": i.previous_text, "quartile": i.quartile_counted,
                          "improved": _improved(i.direction)}
                         for i in bottom],
            })  # fmt: skip
    if not by_theme:
        return None
    improved = [
        {"theme": t["theme"], "description": row["description"], "value": row["value"],
         "previous": row["previous"]}
        for t in by_theme for row in t["rows"] if row["improved"] == IMPROVED
    ]  # fmt: skip
    total = sum(t["count"] for t in by_theme)
    return {
        "themes": by_theme,
        "total": total,
        "summary": _summary(total, len(improved), group_words),
        "improved": improved,
        "improved_count": len(improved),
    }


IMPROVED = "↑ Yes"


def _improved(direction: Progress | None) -> str:
    """Whether an indicator improved on last year, as its direction of travel was judged: `No`
    only where it was judged and did not; where there was nothing to judge it by (no earlier
    figure, or information only), as Part 7 says it."""
    if direction is Progress.IMPROVED:
        return IMPROVED
    if direction in (Progress.SIMILAR, Progress.WORSE):
        return "No"
    return "– Cannot be judged"


def _summary(total: int, improved: int, group_words: str) -> str:
    """`Of the indicators with county quartiles, 2 are in the bottom quartile, listed here by
    theme; none of them improved on last year.`: no count starts the sentence, one is `it`."""
    among = f"Of the indicators with {group_words} quartiles, "
    if total == 1:
        did = "improved" if improved else "did not improve"
        return f"{among}1 is in the bottom quartile, listed here by theme; it {did} on last year."
    which = f"{improved:,} of them" if improved else "none of them"
    return (
        f"{among}{total:,} are in the bottom quartile, listed here by theme; {which} improved on "
        "last year."
    )
