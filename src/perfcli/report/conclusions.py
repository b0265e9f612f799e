"""Drafted Conclusions: an overall judgement, then strengths and concerns (pure, no I/O)."""

from __future__ import annotations

from perfcli.periods import Period
from perfcli.rating import Progress, Rating
from perfcli.report.glossary import Glossary, in_words
from perfcli.report.narrative import Item, baseline, per_cent, points, subject


def _counted(n: int, noun: str) -> str:
    return f"{in_words(n)} {noun}{'' if n == 1 else 's'}"


def overall(items: list[Item], period: Period) -> str:
    ratings = [i.judgement.rating for i in items if i.judgement.rating is not Rating.NOT_RATED]
    moves = [i.judgement.progress for i in items if i.judgement.progress is not Progress.NOT_RATED]
    better, below = ratings.count(Rating.BETTER), ratings.count(Rating.BELOW)
    improved, worse = moves.count(Progress.IMPROVED), moves.count(Progress.WORSE)
    score = (better - below) + (improved - worse)
    scale = max(len(ratings) + len(moves), 1)
    verdict = (
        "positive on most measures" if score > scale / 4
        else "weaker on a number of measures" if score < -scale / 4
        else "mixed"
    )  # fmt: skip
    similar, steady = ratings.count(Rating.SIMILAR), moves.count(Progress.SIMILAR)
    sentences = [f"Overall, performance in {period.display} was {verdict}."]
    if ratings:
        sentences.append(
            f"Of the {_counted(len(ratings), 'measure')} compared with a national average or a"
            f" local target, {_none(better)} did better, {_none(similar)} {_were(similar)} similar"
            f" and {_none(below)} fell short."
        )
    else:
        sentences.append("No measure could be compared with a national average or a local target.")
    if moves:
        sentences.append(
            f"Of the {_counted(len(moves), 'measure')} that can be compared with an earlier figure,"
            f" {_none(improved)} improved, {_none(steady)} stayed similar and {_none(worse)}"
            f" {_were(worse)} not as good."
        )
    else:
        sentences.append("No measure could be compared with an earlier figure.")
    return " ".join(sentences)


def _none(n: int) -> str:
    """A count as the subject of a clause: `none`, `one`, `six`, `12`."""
    return "none" if n == 0 else in_words(n)


def _were(n: int) -> str:
    return "was" if n == 1 else "were"


def _moved(item: Item) -> tuple[float, bool] | None:
    """The change a reader follows (from a baseline where there is one); in points or not."""
    held = baseline(item)
    if held is not None:
        return held[0], False
    if item.judgement.change is None:
        return None
    return item.judgement.change, item.judgement.change_unit == "pp"


def _change(item: Item) -> str:
    change, in_points = _moved(item) or (0.0, False)
    way = "up" if change > 0 else "down"
    size = points(change) if in_points else per_cent(change)
    since = " since the baseline" if baseline(item) is not None else ""
    return f"{way} {size}{since}"


def _ranked(items: list[Item], glossary: Glossary, what: str, limit: int = 3) -> list[str]:
    """Sentences naming the largest changes first: percentage points and per cent are never
    ranked together, so each gets its own sentence."""
    sentences = []
    for unit_name, in_points in (
        ("measures given as percentages", True),
        ("counts and rates", False),
    ):
        chosen = [i for i in items if (m := _moved(i)) is not None and m[1] == in_points]
        chosen.sort(key=lambda i: -abs((_moved(i) or (0.0, False))[0]))
        if chosen:
            listed = [f"{subject(i, glossary)} ({_change(i)})" for i in chosen[:limit]]
            joined = (
                listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
            )
            said = what if len(listed) > 1 else what.replace(" were", " was").replace(
                "improvements", "improvement").replace("concerns", "concern")  # fmt: skip
            sentences.append(f"Among {unit_name}, {said} {joined}.")
    return sentences


def conclusions(items: list[Item], period: Period, glossary: Glossary | None = None) -> list[str]:
    """The drafted Conclusions, for the author to edit: judgement, strengths, concerns."""
    glossary = glossary or Glossary()
    paragraphs = [overall(items, period)]
    strong = [i for i in items if i.judgement.progress is Progress.IMPROVED
              and i.judgement.rating is not Rating.BELOW]  # fmt: skip
    if strong:
        paragraphs.append(" ".join(_ranked(strong, glossary, "the clearest improvements were in")))
    weak = [i for i in items if i.judgement.progress is Progress.WORSE
            or (i.judgement.rating is Rating.BELOW and i.judgement.progress is not Progress.IMPROVED)]  # fmt: skip
    if weak:
        below = [i for i in weak if i.judgement.rating is Rating.BELOW]
        text = " ".join(_ranked(weak, glossary, "the main concerns were"))
        if below:
            names = [subject(i, glossary) for i in below[:4]]
            more = len(below) - len(names)
            listed = names + ([_counted(more, "other measure")] if more else [])
            joined = (
                listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
            )
            verb = "remains" if len(below) == 1 else "remain"
            text += (
                f" {joined[:1].upper()}{joined[1:]} {verb} short of what they are compared with."
            )
            if len(below) == 1:
                text = text.replace(
                    "short of what they are compared with", "short of what it is compared with"
                )
        paragraphs.append(text)
    return paragraphs
