"""The compendium's "Lower comparative performance": bottom-quartile indicators by theme, and
those of them that improved on last year (by the judged direction of travel)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from perfcli.domain.outcomes import Progress
from perfcli.report.compendium_records import CompendiumIndicator


def lower_context(
    themes: Sequence[tuple[str, Sequence[CompendiumIndicator]]],
) -> dict[str, Any] | None:
    """Each theme's counted indicators (those its quartile counts include) in the bottom
    quartile; None when there are none."""
    by_theme: list[dict[str, Any]] = []
    for name, indicators in themes:
        bottom = [i for i in indicators if i.quartile == 4]
        if bottom:
            by_theme.append({
                "theme": name,
                "count": len(bottom),
                "rows": [{"description": i.description, "value": i.value_text,
                          "previous": i.previous_text, "quartile": i.quartile_shown,
                          "improved": "↑ Yes" if i.direction is Progress.IMPROVED else "No"}
                         for i in bottom],
            })  # fmt: skip
    if not by_theme:
        return None
    improved = [
        {"theme": t["theme"], "description": row["description"], "value": row["value"],
         "previous": row["previous"]}
        for t in by_theme for row in t["rows"] if row["improved"] != "No"
    ]  # fmt: skip
    total = sum(t["count"] for t in by_theme)
    return {
        "themes": by_theme,
        "total": total,
        "summary": _summary(total, len(improved)),
        "improved": improved,
        "improved_count": len(improved),
    }


def _summary(total: int, improved: int) -> str:
    """`The bottom quartile holds 2 indicators, listed here by theme; none of them improved on
    last year.`: no count starts the sentence, and one indicator is `it`."""
    if total == 1:
        return (
            "The bottom quartile holds 1 indicator, listed here by theme; it "
            + ("improved" if improved else "did not improve")
            + " on last year."
        )
    return (
        f"The bottom quartile holds {total:,} indicators, listed here by theme; "
        f"{improved:,} of them improved on last year." if improved else
        f"The bottom quartile holds {total:,} indicators, listed here by theme; none of them "
        "improved on last year."
    )  # fmt: skip
