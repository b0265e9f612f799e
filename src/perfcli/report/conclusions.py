"""Drafted Conclusions: an overall judgement, then strengths and concerns (pure, no I/O)."""

from __future__ import annotations

from perfcli.domain.comparator_parsing import ComparatorKind
from perfcli.domain.figures import Unit
from perfcli.domain.outcomes import Progress, Rating
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.periods import Period
from perfcli.report.comparator_words import baseline
from perfcli.report.figure_words import decimals_of, per_cent, points, shares_say, spoken
from perfcli.report.glossary import Glossary, in_words
from perfcli.report.item import Item
from perfcli.report.narrative import subject
from perfcli.words import and_list


def _counted(n: int, noun: str) -> str:
    return f"{in_words(n)} {noun}{'' if n == 1 else 's'}"


def _like_for_like(item: Item) -> bool:
    """Whether a measure's progress says how the period went: it has a figure for the period
    (not a survey's mark carried from the last survey) measured from a baseline, or from a
    previous figure for a like period (not a quarter against a whole year)."""
    if item.value is None:
        return False
    if baseline(item) is not None or not item.previous_period:
        return True
    return parse_period(item.current_period).like_for_like(parse_period(item.previous_period))


def overall(items: list[Item], period: Period) -> str:
    ratings = [i.judgement.rating for i in items if i.judgement.rating is not Rating.NOT_RATED]
    moves = [i.judgement.progress for i in items
             if i.judgement.progress is not Progress.NOT_RATED and _like_for_like(i)]  # fmt: skip
    better, below = ratings.count(Rating.BETTER), ratings.count(Rating.BELOW)
    improved, worse = moves.count(Progress.IMPROVED), moves.count(Progress.WORSE)
    score = (better - below) + (improved - worse)
    scale = max(len(ratings) + len(moves), 1)
    verdict = (
        "positive on most measures" if score > scale / 4
        else "weaker on a number of measures" if score < -scale / 4
        else "mixed"
    )  # fmt: skip
    if max(len(ratings), len(moves)) == 1:
        verdict = verdict.split(" on ")[0]  # one measure is not "most measures"
    similar, steady = ratings.count(Rating.SIMILAR), moves.count(Progress.SIMILAR)
    sentences = [f"Overall, performance in {spoken(period.label)} was {verdict}."]
    if ratings:
        sentences.append(_tally("compared with a national average or a local target", [
            (better, "did better", "did better"), (similar, "was similar", "were similar"),
            (below, "fell short", "fell short")]))  # fmt: skip
    else:
        sentences.append("No measure could be compared with a national average or a local target.")
    # Appendix A shows these measures' progress too: the count says why it leaves them out.
    unlike = sum(1 for i in items if i.judgement.progress is not Progress.NOT_RATED
                 and i.value is not None and not _like_for_like(i))  # fmt: skip
    if moves:
        sentences.append(_tally("that can be compared with an earlier figure", [
            (improved, "improved", "improved"), (steady, "stayed similar", "stayed similar"),
            (worse, "was not as good", "were not as good")]))  # fmt: skip
        if unlike:
            more = "One more measure" if unlike == 1 else f"{in_words(unlike)} more measures"
            sentences.append(
                f"{more[:1].upper()}{more[1:]}, compared with a whole year rather than the same"
                f" period a year before, {'is' if unlike == 1 else 'are'} left out of that count."
            )
    elif unlike:
        sentences.append(
            "No measure could be compared with the same period a year before (the"
            f" {_counted(unlike, 'measure')} compared with a whole year {'is' if unlike == 1 else 'are'}"
            " left out)."
        )
    else:
        sentences.append("No measure could be compared with an earlier figure.")
    # A survey with no new figure shows its last survey's arrow in Appendix A (carry_survey_mark):
    # not this period's progress, so not counted, and said so, as the arrows are there to count.
    carried = sum(1 for i in items if i.value is None
                  and i.judgement.progress is not Progress.NOT_RATED)  # fmt: skip
    if carried:
        which = "The survey" if carried == 1 else f"The {in_words(carried)} surveys"
        its = "its last survey's arrow" if carried == 1 else "their last survey's arrows"
        sentences.append(f"{which} with no new figure this period, which keep {its} in Appendix A,"
                         f" {'is' if carried == 1 else 'are'} not counted either.")  # fmt: skip
    return " ".join(sentences)


def _tally(measures: str, counts: list[tuple[int, str, str]]) -> str:
    """How many measures did what, counts of none left out: `Of the six measures …, four did
    better and two fell short.`; `The one measure … improved.`; `Both measures … fell short.`"""
    total = sum(n for n, _, _ in counts)
    said = [(n, one, many) for n, one, many in counts if n]
    if len(said) == 1:
        n, one, many = said[0]
        every = {1: "The one measure", 2: "Both measures"}.get(n, f"All {in_words(n)} measures")
        return f"{every} {measures} {one if n == 1 else many}."
    parts = [f"{in_words(n)} {one if n == 1 else many}" for n, one, many in said]
    return f"Of the {_counted(total, 'measure')} {measures}, {and_list(parts)}."


def _moved(item: Item) -> tuple[float, bool] | None:
    """The change a reader follows (from a baseline where there is one); in points or not.
    None where there is none to follow: no change worth the name, or a change between
    periods that are not alike (a quarter against a whole year), which says nothing."""
    held = baseline(item)
    if held is not None:
        return (held[0], False) if round(held[0], 1) else None
    if item.judgement.change is None or not item.previous_period:
        return None
    if not parse_period(item.current_period).like_for_like(parse_period(item.previous_period)):
        return None
    in_points = item.judgement.change_unit == "pp"
    if not in_points and not shares_say(item.value or 0.0, item.before or 0.0):
        return None  # `down 175%` across 0 says nothing
    places = decimals_of(item.current, item.previous) if in_points else 1
    if round(item.judgement.change, places) == 0:
        return None
    return item.judgement.change, in_points


def _change(item: Item) -> str:
    change, in_points = _moved(item) or (0.0, False)
    way = "up" if change > 0 else "down"
    places = decimals_of(item.current, item.previous)
    size = points(change, places) if in_points else per_cent(change)
    since = " since the baseline" if baseline(item) is not None else ""
    return f"{way} {size}{since}"


_SHORT_OF = {
    ComparatorKind.NATIONAL_AVERAGE: ("the national average", "the national average"),
    ComparatorKind.MILESTONE: ("its local milestone", "their local milestones"),
}


def _compared_with(items: list[Item], *, several: bool | None = None) -> str:
    """What the measures fall short of, named: the national average, a local target, a
    baseline (`their` where `several`, by default where there is more than one item)."""
    one = len(items) == 1 if several is None else not several
    words = []
    for item in items:
        kind = item.comparator.kind if item.comparator else None
        pair = (
            ("its baseline", "their baselines")
            if baseline(item) is not None
            else _SHORT_OF.get(kind, ("its local target", "their local targets"))  # type: ignore[arg-type]
        )
        if pair[0 if one else 1] not in words:
            words.append(pair[0 if one else 1])
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _ranked(
    items: list[Item],
    glossary: Glossary,
    what: str,
    limit: int = 3,
    named: list[Item] | None = None,
) -> list[str]:
    """Sentences naming the largest changes first: percentage points and per cent are never
    ranked together, so each gets its own sentence. The items named are added to `named`."""
    sentences = []
    for unit_name, in_points in (
        ("measures given as percentages", True),
        ("counts and rates", False),
    ):
        chosen = [i for i in items if (m := _moved(i)) is not None and m[1] == in_points]
        chosen.sort(key=lambda i: -abs((_moved(i) or (0.0, False))[0]))
        if chosen:
            # "X, up 27%" and not "X (up 27%)": a name may hold brackets of its own.
            listed = [f"{subject(i, glossary)}, {_change(i)}" for i in chosen[:limit]]
            if named is not None:
                named.extend(chosen[:limit])
            joined = and_list(listed, ";")
            said = what if len(listed) > 1 else what.replace(" were", " was").replace(
                "improvements", "improvement").replace("concerns", "concern")  # fmt: skip
            if any(i.measure.unit is Unit.CURRENCY for i in chosen[:limit]):
                unit_name = "counts, rates and amounts of money"  # £901 is neither
            sentences.append(f"Among {unit_name}, {said} {joined}.")
    return sentences


def conclusions(items: list[Item], period: Period, glossary: Glossary | None = None) -> list[str]:
    """The drafted Conclusions, for the author to edit: judgement, strengths, concerns."""
    glossary = glossary or Glossary()
    paragraphs = [overall(items, period)]
    strong = [i for i in items if i.judgement.progress is Progress.IMPROVED
              and i.judgement.rating is not Rating.BELOW]  # fmt: skip
    ranked = _ranked(strong, glossary, "the clearest improvements were in")
    if ranked:
        paragraphs.append(" ".join(ranked))
    # Ranked by how far they fell; every measure counted above as falling short is named after
    # them (one that improved but is still short included), so the count and the names agree.
    worse = [i for i in items if i.judgement.progress is Progress.WORSE]
    below = [i for i in items if i.judgement.rating is Rating.BELOW]
    concerns: list[Item] = []
    text = " ".join(_ranked(worse, glossary, "the main concerns were", named=concerns))
    if below:
        # The one measure just named as the concern is not named again ("It also fell short");
        # measures named among the concerns fall short "also".
        alone = len(below) == 1 and concerns == below
        named = all(any(item is concern for concern in concerns) for item in below)
        text += " " + _short(below, glossary, again=alone, also=named)
    if text.strip():
        paragraphs.append(text.strip())
    return paragraphs


def _short(
    below: list[Item], glossary: Glossary, *, again: bool = False, also: bool = False
) -> str:
    """`Junior loans fell short of its local target.` (`It also fell short …` when the sentence
    before named it alone, `… also fell short` when it named it among others), or for several,
    counted then named (in the past tense, as the rest of the Conclusions are):
    `Nine measures fell short of …: a; b and c.`"""
    if again:
        return f"It also fell {_missed(below)}."
    fell = "also fell" if also else "fell"
    names = [subject(i, glossary) for i in below]
    joined = and_list(names, ";" if any("," in n for n in names) else ",")
    if len(below) == 1:
        return f"{joined[:1].upper()}{joined[1:]} {fell} {_missed(below)}."
    counted = _counted(len(below), "measure")
    return f"{counted[:1].upper()}{counted[1:]} {fell} {_missed(below)}: {joined}."


def _missed(below: list[Item]) -> str:
    """How the measures missed: `short of the national average`; a band is missed on either
    side, so a figure above it (sequels that 'Delay Need', 19.1% against 10% - 15%) fell
    `outside its target band`, not short of it."""
    banded = [i for i in below if i.comparator and i.comparator.kind is ComparatorKind.BAND]
    short = [i for i in below if not any(i is b for b in banded)]
    outside = "outside its target band" if len(below) == 1 else "outside their target bands"
    if not short:
        return outside
    said = f"short of {_compared_with(short, several=len(below) > 1)}"
    return f"{said}, or {outside}" if banded else said
