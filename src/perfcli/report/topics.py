"""Measures drafted together: a committee's own topics, else surveys, shares of one whole, pairs."""

from __future__ import annotations

import re
from bisect import bisect_left

from msgspec import Struct
from msgspec.structs import replace

from perfcli.config import Topic
from perfcli.domain.comparator_parsing import ComparatorKind
from perfcli.domain.figures import Unit
from perfcli.domain.measure_ids import is_local
from perfcli.domain.outcomes import Rating
from perfcli.report.comparator_words import baseline
from perfcli.report.glossary import Glossary, in_words
from perfcli.report.item import Item, Paragraph
from perfcli.report.narrative import (
    information_only,
    missing,
    missing_together,
    notes_said,
    owners_words,
    paragraph,
    sentence,
    subject,
)


class Group(Struct):
    """Measures for one paragraph, how they were grouped, and the key term that leads it."""

    kind: str  # "topic", "survey", "parts", "shares", "pair", "info", "missing" or "single"
    term: str
    items: list[Item]
    lead: str | None = None


def _key(description: str) -> str:
    """A description without its quoted or bracketed part: what paired measures share."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\([^)]*\)", " ", description.lower())
    return " ".join(text.replace(".", " ").split())


def _variant(description: str) -> bool:
    return bool(re.search(r"'[^']*'|\"[^\"]*\"|\([^)]*\)", description))


def group(items: list[Item], topics: list[Topic], glossary: Glossary) -> list[Group]:
    """Items in paragraphs, in the order their first measure appears: the committee's topics,
    then surveys, parts of one measure, shares of one whole and pairs; one paragraph for the rest."""
    position = {i.measure.id: n for n, i in enumerate(items)}
    by_id = {i.measure.id: i for i in items}
    groups: list[Group] = []
    for topic in topics:  # a measure named in two topics goes to the first
        taken = {i.measure.id for g in groups for i in g.items}
        members = [by_id[m] for m in topic.measures if m in by_id and m not in taken]
        groups += [Group("topic", topic.term, members, topic.lead)] if members else []
    for finder in (_information, _surveys, _parts, _variants, _prefixes, _missing):
        taken = {i.measure.id for g in groups for i in g.items}
        groups += finder([i for i in items if i.measure.id not in taken], glossary)
    taken = {i.measure.id for g in groups for i in g.items}
    groups += [Group("single", "", [i]) for i in items if i.measure.id not in taken]
    return sorted(groups, key=lambda g: min(position[i.measure.id] for i in g.items))


def _information(rest: list[Item], glossary: Glossary) -> list[Group]:
    """Measures reported for information only: one sentence says so for all of them."""
    shown = [i for i in rest if information_only(i)]
    return [Group("info", "for information only", shown)] if shown else []


def _missing(rest: list[Item], glossary: Glossary) -> list[Group]:
    """Measures left with no figure yet: one sentence for them all, not one paragraph each."""
    waiting = [i for i in rest if missing(i) and not owners_words(i)]
    return [Group("missing", "", waiting)] if len(waiting) > 1 else []


def _surveys(rest: list[Item], glossary: Glossary) -> list[Group]:
    surveys = [i for i in rest if i.measure.survey]
    return [Group("survey", "surveys", surveys)] if len(surveys) > 1 else []


def _parts(rest: list[Item], glossary: Glossary) -> list[Group]:
    """Parts of one measure share its code (ASCOF 3C for service users and for carers)."""
    by_code: dict[str, list[Item]] = {}
    for item in rest:
        code = item.code or item.measure.code
        if not is_local(code):
            by_code.setdefault(code, []).append(item)
    return [Group("parts", code, members) for code, members in by_code.items() if len(members) > 1]


def _variants(rest: list[Item], glossary: Glossary) -> list[Group]:
    """Descriptions alike but for a quoted or bracketed part: shares of one whole, or a pair."""
    by_key: dict[str, list[Item]] = {}
    for item in rest:
        by_key.setdefault(_key(item.description), []).append(item)
    found = []
    for members in by_key.values():
        if len(members) > 1 and all(_variant(i.description) for i in members):
            shares = (
                all(i.measure.unit is Unit.PERCENT for i in members)
                and "'" in members[0].description
            )
            term = (
                _shared_term(members[0], glossary) if shares else _pair_term(members[0], glossary)
            )
            found.append(Group("shares" if shares else "pair", term, members))
    return found


def _prefixes(rest: list[Item], glossary: Glossary) -> list[Group]:
    """A measure and its narrower parts: a waiting list and those waiting over six months."""
    # Sorted, the descriptions that start with a stem and a space sit together, found by
    # bisection: comparing every pair took seconds at 2,000 measures.
    ordered = sorted((o.description.lower(), n) for n, o in enumerate(rest))
    found: list[Group] = []
    taken: set[str] = set()
    for item in rest:
        if item.measure.id in taken:
            continue
        stem = item.description.rstrip(". ").lower()
        start, end = bisect_left(ordered, (stem + " ",)), bisect_left(ordered, (stem + "!",))
        longer = [rest[n] for n in sorted(n for _, n in ordered[start:end])]
        longer = [o for o in longer if o is not item and o.measure.id not in taken]
        if longer:
            found.append(Group("pair", subject(item, glossary.copy()), [item, *longer]))
            taken.update(i.measure.id for i in (item, *longer))
    return found


def _shared_term(item: Item, glossary: Glossary) -> str:
    """`% of sequels that 'Prevent Need'` -> `sequels`."""
    text = glossary.copy().spell(item.description)
    found = re.match(r"%\s+of\s+(.+?)\s+(?:that|who|which|where)\b", text)
    return found.group(1) if found else _pair_term(item, glossary)


def _pair_term(item: Item, glossary: Glossary) -> str:
    text = re.sub(r"\s*\([^)]*\)", "", glossary.copy().spell(item.description.strip())).rstrip(". ")
    return subject(replace(item, description=text), Glossary())


def _count(n: int) -> str:
    word = in_words(n)
    return word[0].upper() + word[1:]


def _standing(items: list[Item]) -> str:
    """How the topic's measures compare, as the end of its lead sentence."""
    rated = [
        i for i in items if i.judgement.rating in (Rating.BETTER, Rating.SIMILAR, Rating.BELOW)
    ]
    if not rated:
        return ""
    if len(rated) < len(items):
        # Some have no figure to compare, or nothing to compare it with (a target in another
        # unit): say which ones the words are about. A trial's "all three with a figure" sat
        # above a fourth measure's figure, whose target could not be used.
        which = (
            "with a figure"
            if all(missing(i) for i in items if i not in rated)
            else "that could be judged"
        )
        return _standing(rated).replace(
            ", and neither", f", and neither of the two {which}").replace(
            ", and none of them", f", and none of the {in_words(len(rated))} {which}").replace(
            ", and both", f", and both {which}").replace(
            ", and all of them", f", and all {in_words(len(rated))} {which}").replace(
            ", and it ", f", and the one {which} ")  # fmt: skip
    kinds = {i.comparator.kind for i in rated if i.comparator}
    if all(baseline(i) is not None for i in rated):
        # Seed 002's waiters, held against a count at a date: the sentences say "baseline".
        one, every = "its baseline", "their baselines"
    elif kinds == {ComparatorKind.NATIONAL_AVERAGE}:
        one = every = "the national average"
    elif kinds <= {
        ComparatorKind.TARGET,
        ComparatorKind.MILESTONE,
        ComparatorKind.BAND,
        ComparatorKind.THRESHOLD,
    }:
        one, every = "its local target", "their local targets"
    else:
        one, every = "what it is compared with", "what they are compared with"
    better = sum(1 for i in rated if i.judgement.rating is Rating.BETTER)
    close = sum(1 for i in rated if i.judgement.rating is Rating.SIMILAR)
    n = len(rated)
    if n == 1:
        if close:
            return f", and it was close to {one}"
        return f", and it compared {'well' if better else 'less well'} with {one}"
    if better == n:
        return f", and {'both' if n == 2 else 'all of them'} compared well with {every}"
    if close == n:
        return f", and {'both were' if n == 2 else 'all of them were'} close to {every}"
    if better == 0:
        if not close:
            return f", and {'neither' if n == 2 else 'none of them'} compared well with {one}"
        # Some are close: "none compared well" would read against a "higher than" below them.
        short = n - close
        return (
            f", and {in_words(close)} {'was' if close == 1 else 'were'} close to {one if close == 1 else every}"
            f" while {in_words(short)} fell short"
        )
    return f"; {in_words(better)} of the {in_words(n)} compared well with {one if better == 1 else every}"


def lead(group: Group) -> str:
    """The plain sentence a topic's paragraph opens with; `{term}` marks the key term."""
    if group.lead:
        return group.lead if "{term}" in group.lead else "{term}: " + group.lead
    n, standing = len(group.items), _standing(group.items)
    if group.kind == "info":
        # Their figures are set beside last year's, so not "with nothing to compare them with".
        if n == 1:
            return "One measure is reported {term}, with no target or average to judge it by."
        return (
            f"{_count(n)} measures are reported {{term}}, with no target or average to judge"
            " them by."
        )
    # A topic of one is a topic whose other measures have no figure for a period held only
    # from returns: "One measure covers", never "One measures cover".
    measures, one = _count(n) + (" measure" if n == 1 else " measures"), n == 1
    if group.kind == "survey":
        if all(i.value is None for i in group.items):  # between surveys: nothing new to compare
            none = "it has no new figure" if one else "none has a new figure"
            none = "neither has a new figure" if n == 2 else none
            return f"{measures} {'comes' if one else 'come'} from {{term}}, and {none} this period."
        each = "" if one else "each "
        return (f"{measures} {'comes' if one else 'come'} from {{term}}, {each}compared with the"
                f" previous time its survey ran{standing}.")  # fmt: skip
    if group.kind == "parts":
        return f"{measures} {'makes' if one else 'make'} up {{term}}{standing}."
    if group.kind == "shares":
        return f"{measures} {'shows' if one else 'show'} how {{term}} were shared out{standing}."
    return f"{measures} {'covers' if one else 'cover'} {{term}}{standing}."


def draft(group: Group, glossary: Glossary) -> Paragraph:
    """The group's paragraph, with any dashboard word in it explained the first time."""
    drafted = _draft(group, glossary)
    meaning = glossary.explain(drafted.text)
    if meaning:
        # After a topic's lead, before its measures; after a single measure's sentence.
        at = len(drafted.runs) - 1 if group.kind not in ("single", "missing") else len(drafted.runs)
        drafted.runs.insert(at, (" " + meaning, False))
    return drafted


def _draft(group: Group, glossary: Glossary) -> Paragraph:
    if group.kind == "missing":
        return Paragraph([(missing_together(group.items, glossary), False)],
                         [i.measure.id for i in group.items])  # fmt: skip
    if group.kind == "single":
        item = group.items[0]
        term = subject(item, glossary.copy())
        whole = " ".join([sentence(item, glossary), *owners_words(item), *notes_said([item])])
        found = whole.lower().find(term.lower())
        if found < 0 or not term:
            return Paragraph([(whole, False)], [item.measure.id])
        cut = found + len(term)
        runs = [(whole[:found], False), (whole[found:cut], True), (whole[cut:], False)]
        return Paragraph([r for r in runs if r[0]], [item.measure.id])
    # A survey topic between surveys: its lead says none has a new figure; the list says which.
    none_new = group.kind == "survey" and all(i.value is None for i in group.items)
    return paragraph(group.items, group.term, lead(group), glossary, none_new=none_new)
