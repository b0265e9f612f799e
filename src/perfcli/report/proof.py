"""The proof-reading pass: a drafted document read back as a clerk reads it, before it goes out."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from msgspec import Struct, field

from perfcli.domain.comparator_parsing import ComparatorKind
from perfcli.domain.model import Aim
from perfcli.domain.period_parsing import parse_period
from perfcli.domain.values import EXCEL_ERRORS
from perfcli.report.comparator_words import compared_with
from perfcli.report.figure_words import figure, when_of, written_like
from perfcli.report.findings import Finding, ProofError
from perfcli.report.glossary import WORDS
from perfcli.report.item import Item
from perfcli.report.narrative import commentary_sentences, previous_words
from perfcli.report.proof_figures import numbers_in, traced
from perfcli.report.proof_tables import RATING_WORDS, tables, verdicts


class Known(Struct):
    """What a figure in the document may be traced to: stored values, and the texts they came
    with (descriptions, commentary, caveats, period names)."""

    values: set[float] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # names as defined, capitals and all
    unset: list[tuple[str, str]] = field(default_factory=list)  # setting, init's placeholder
    # The figures held for each period as the prose says it (`in 2023/24`, `at the end of March
    # 2024`), and those of texts written around them (commentary, notes, caveats).
    dated: dict[str, set[float]] = field(default_factory=dict)
    own: set[str] = field(default_factory=set)  # of those, the ways perfcli says them
    written: set[float] = field(default_factory=set)
    concluded: list[str] = field(default_factory=list)  # the Conclusions as the ratings give them
    quoted: list[str] = field(default_factory=list)  # owners' commentary, as the report quotes it
    held: set[float] = field(default_factory=set)  # the figures and comparators themselves

    def add(self, *values: float | None) -> None:
        self.values.update(abs(v) for v in values if v is not None)


def known_from(items: Iterable[Item], texts: Iterable[str] = ()) -> Known:
    """Every stored value of the items, and what follows from two of them: gaps, shares, changes."""
    known = Known(texts=[t for t in texts if t])
    written = list(known.texts)
    # Each period's figures by how perfcli says it (and its label): its other wordings are
    # added once for all of them, not for each figure (2,000 measures: 38,000 additions).
    said_as: dict[tuple[str, str], set[float]] = {}
    for item in items:
        now, before, c = item.current, item.previous, item.comparator
        values = [o for o in (now, before) if o is not None]
        for obs in values:
            held = [abs(v) for v in (obs.value, obs.numerator, obs.denominator, obs.count)
                    if v is not None]  # fmt: skip
            known.values.update(held)
            known.held.update(held)
            said_as.setdefault((when_of(item, obs.period), obs.period), set()).update(held)
            if obs is before and item.previous_period:  # `in the same quarter last year`
                said_as.setdefault((previous_words(item), ""), set()).update(held)
            known.texts += [obs.raw, obs.reason or "", obs.note or ""]
            written += [obs.reason or "", obs.note or ""]
        written += [item.description, item.commentary or "", *item.footnotes, item.caveat]
        if item.commentary:
            known.quoted += commentary_sentences(item)
        bounds = [getattr(c, name, None) for name in ("value", "low", "high")]
        known.add(*bounds, item.forecast)
        known.held.update(abs(b) for b in bounds if b is not None)
        if c is not None and c.period and c.kind is ComparatorKind.NATIONAL_AVERAGE:
            # A national average is its year's too (`77.5% in 2022/23`, as seed 002 says it); a
            # local target is not the year's figure.
            average = {abs(b) for b in bounds if b is not None}
            said_as.setdefault((when_of(item, c.period), c.period), set()).update(average)
        known.texts.append(getattr(c, "raw", "") or "")
        known.texts += [item.description, item.code, item.commentary or "", *item.footnotes,
                        item.caveat, item.current_period, item.previous_period or ""]  # fmt: skip
        for label in (item.current_period, item.previous_period, c.period if c else None):
            if label:
                period = parse_period(label)
                known.texts += [period.display, period.long]
        others = [o.value for o in values] + bounds
        pairs = [(a, b) for a in others for b in others if a is not None and b is not None]
        for a, b in pairs:
            known.add(a - b, (a - b) / b * 100 if b else None)
        if now and before and now.count is not None and before.count is not None:
            known.add(now.count - before.count)
    for (own, label), figures in said_as.items():
        known.own.add(own)
        for phrase in _said_as(own, label):
            known.dated.setdefault(phrase, set()).update(figures)
    for text in set(known.texts):
        known.add(*(printed.value for printed in numbers_in(text)))
    for text in set(written):
        known.written.update(printed.value for printed in numbers_in(text))
    return known


def _said_as(own: str, label: str) -> set[str]:
    """The ways prose gives a figure's period after it: perfcli's own, `own` (`in 2023/24`, `at
    the end of March 2024`), and an officer's (`during 2023/24`, `for 2023/24`, `in 2023-24`,
    `in April 2023 to March 2024`), for the period `label` (none for a phrase of no one period,
    `in the same quarter last year`)."""
    if not own.startswith("in ") or not label:
        return {own}
    period = parse_period(label)
    names = {own[3:], own[3:].replace("/", "-"), period.long}
    return {f"{word} {name}" for word in ("in", "during", "for") for name in names}


# Reading the document ------------------------------------------------------------------------


class Block(Struct, frozen=True):
    """A paragraph as a reader finds it: its number (numbered paragraphs), section and text."""

    where: str
    section: str
    text: str
    highlighted: bool = False


def blocks(document: Any) -> list[Block]:
    """The document's paragraphs outside tables, each named as a reader would cite it. Read
    from the XML: python-docx looks each paragraph's style up afresh, seconds for a long report."""
    from docx.oxml.ns import qn

    names = {style.style_id: style.name for style in document.styles}
    default = next((s.name for s in document.styles if getattr(s, "type", None) == 1
                    and s.element.get(qn("w:default")) in ("1", "true")), "Normal")  # fmt: skip
    style_tag, value = qn("w:pStyle"), qn("w:val")
    text_tag, highlight = qn("w:t"), qn("w:highlight")
    found, number, section = [], 0, ""
    for p in document.element.body.iterchildren(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(text_tag)).strip()
        styled = next(p.iter(style_tag), None)
        style = names.get(styled.get(value), "") if styled is not None else default
        if style.startswith("Heading"):
            if style in ("Heading 1", "Heading 2"):
                section = text
            continue
        if not text:
            continue
        if style == "List Number":
            number += 1
            where = f"paragraph {number}"
        else:
            where = f"'{text[:40]}{'…' if len(text) > 40 else ''}'"
        found.append(Block(where, section, text, next(p.iter(highlight), None) is not None))
    return found


def table_rows(document: Any) -> list[list[list[str]]]:
    """Each table's rows as the texts of their cells, read from the XML: python-docx's
    `row.cells` walks the table's grid for every row, seconds for a long Appendix A."""
    from docx.oxml.ns import qn

    text_tag, row_tag, cell_tag = qn("w:t"), qn("w:tr"), qn("w:tc")
    return [
        [["".join(t.text or "" for t in cell.iter(text_tag)).strip()
          for cell in row.iterchildren(cell_tag)] for row in table.iterchildren(row_tag)]
        for table in document.element.body.iterchildren(qn("w:tbl"))
    ]  # fmt: skip


def _drafted(block: Block) -> bool:
    """Paragraphs perfcli wrote itself: the Performance Update and the Conclusions."""
    return block.section.startswith(("Performance Update", "Conclusions"))


# Rules for any paragraph ---------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\[[^\]]{2,}\]")
# Any word twice, short ones too ("of of", "at at"), but not the real doubles of English.
_REPEATED = re.compile(r"(?<![\w'’])([A-Za-z]+)\s+\1\b", re.IGNORECASE)
_REAL_DOUBLES = frozenset({"had", "that"})


def placeholders(block: Block, known: Known) -> list[Finding]:
    found = [Finding("placeholder", block.where, f"placeholder left in: {m.group(0)}")
             for m in _PLACEHOLDER.finditer(block.text)]  # fmt: skip
    if block.highlighted and not found:
        found.append(
            Finding("placeholder", block.where, f"highlighted text left in: {block.text[:60]}")
        )
    for setting, value in known.unset:
        if value and value.lower() in block.text.lower():
            found.append(Finding("placeholder", block.where,
                                 f"{setting} is still init's placeholder: {value!r}"))  # fmt: skip
    return found


# A formula's error shown where a figure belongs (`#DIV/0!`, `#N/A`): as printed in the workbook.
_SPREADSHEET_ERROR = re.compile(
    "|".join(re.escape(code) for code in sorted(EXCEL_ERRORS, key=len, reverse=True))
)


def spreadsheet_errors(block: Block) -> list[Finding]:
    return [Finding("placeholder", block.where, f"spreadsheet error left in: {m.group(0)}")
            for m in _SPREADSHEET_ERROR.finditer(block.text)]  # fmt: skip


def repeated(block: Block) -> list[Finding]:
    return [Finding("repeated", block.where, f"word repeated: {m.group(0)!r}")
            for m in _REPEATED.finditer(block.text)
            if m.group(1).lower() not in _REAL_DOUBLES]  # fmt: skip


def nested(block: Block) -> list[Finding]:
    if block.text.count("(") < 2:
        return []
    depth, start = 0, 0
    for n, char in enumerate(block.text):
        if char == "(":
            depth += 1
            start = n if depth == 1 else start
            if depth == 2:
                end = block.text.find(")", n)
                excerpt = block.text[start : block.text.find(")", end + 1) + 1 or None]
                return [Finding("brackets", block.where, f"brackets inside brackets: {excerpt!r}")]
        elif char == ")":
            depth = max(depth - 1, 0)
    return []


# Rules for drafted prose ---------------------------------------------------------------------

_SHORTHAND = re.compile(r"(?<![\w.£$€])[£$€]?\d[\d,]*(?:\.\d+)?(?:k|m|bn)\b")
_POINTS = re.compile(
    r"\b(?:up|down|by) (\d+(?:\.(\d+))?) percentage points? from (\d+(?:\.(\d+))?)%"
)
_QUARTER = re.compile(r"\b\d{4}/\d{2} Q[1-4]\b")


# A dashboard's words for an average (`23/24 Nat. Ave.`), typed into prose in Word.
_NAT_AVE = re.compile(r"\bNat\.? ?Ave\b\.?")


def shorthand(block: Block, quoted: Iterable[str] = ()) -> list[Finding]:
    """Dashboard shorthand in prose: a figure in thousands (`19.6k`), `Nat. Ave.`, a year as
    `23/24`; not in an owner's own words (`quoted`: their commentary as drafted), which the
    report quotes as given (a re-check's return, "£1.2m, up from £0.9m in 23/24", stopped a
    --final draft no one had touched)."""
    text = block.text
    found = [(m.group(0), "write the number out") for m in _SHORTHAND.finditer(text)]
    found += [(said, "write it out: 'the national average', '2023/24'")
              for said in _abbreviated(text)]  # fmt: skip
    if found:  # rare: only then is the paragraph searched for an owner's words
        theirs = [q for q in quoted if q and q in text]
        found = [(said, how) for said, how in found if not any(said in q for q in theirs)]
    return [Finding("shorthand", block.where, f"dashboard shorthand in prose: {said!r} ({how})")
            for said, how in found]  # fmt: skip


def _abbreviated(text: str) -> list[str]:
    """A dashboard's `Nat. Ave.` and its years (`23/24`: two years a year apart, not a split,
    `50/50`, nor part of a date or of `2023/24`), in the order the text gives them. Found from
    each `/` (a pattern tried at every character took 49 ms over 2,000 measures' paragraphs)."""
    found = [(m.start(), m.group(0)) for m in _NAT_AVE.finditer(text)] if "Ave" in text else []
    at = text.find("/")
    while at >= 0:
        before, after = text[max(at - 3, 0) : at], text[at + 1 : at + 4]
        if (
            len(before) >= 2
            and before[-2:].isdigit()
            and after[:2].isdigit()
            and not (len(before) == 3 and (before[0].isdigit() or before[0] == "/"))
            and not (len(after) == 3 and (after[2].isdigit() or after[2] == "/"))
            and (int(before[-2:]) + 1) % 100 == int(after[:2])
        ):
            found.append((at - 2, text[at - 2 : at + 3]))
        at = text.find("/", at + 1)
    return [said for _, said in sorted(found)]


_PERCENT = re.compile(r"\b\d+(?:\.(\d+))?%")


def precision(block: Block) -> list[Finding]:
    """A change in points finer than both its figures: the one it is from, and the one just
    before it in the sentence (`81.2% …, up 2.2 percentage points from 79%` is as fine as 81.2)."""
    found = []
    for m in _POINTS.finditer(block.text):
        sentence = block.text[: m.start()].rsplit(". ", 1)[-1]
        before = [len(p.group(1) or "") for p in _PERCENT.finditer(sentence)]
        finest = max(len(m.group(4) or ""), before[-1] if before else 0)
        if len(m.group(2) or "") > finest:
            found.append(Finding("precision", block.where,
                                 f"a change finer than its figures: {m.group(0)!r}"))  # fmt: skip
    return found


def quarters(block: Block) -> list[Finding]:
    return [Finding("period", block.where,
                    f"a quarter as a dashboard labels it: {m.group(0)!r} (say 'the first quarter of …')")
            for m in _QUARTER.finditer(block.text)]  # fmt: skip


def names(block: Block, known: Known) -> list[Finding]:
    lowered = {n[0].lower() + n[1:]: n for n in filter(None, known.names) if n[0].isupper()}
    return [Finding("name", block.where, f"{lowered[w]!r} written {w!r}")
            for w in lowered if w in block.text and re.search(rf"\b{re.escape(w)}\b", block.text)]  # fmt: skip


_NONE_WELL = re.compile(r"\b(?:neither|none of them|none) compare[sd]? well\b")
_ALL_WELL = re.compile(r"\b(?:both|all of them) compared? well\b")
_FAVOURABLE = re.compile(
    r"\((?:better)\)|\b(?:higher|lower) than the (?:latest )?national average(?! of [^,.]*\(worse\))"
    r"|\babove the local|\b(?:met|meeting|level with|within) the local|\bwithin its target band"
)
_UNFAVOURABLE = re.compile(
    r"\(worse\)|\b(?:short of|over) the local|\b(?:below|above) its target band"
)


def contradictions(block: Block) -> list[Finding]:
    """A lead that says none compares well, then a measure that does (or the other way)."""
    text = block.text
    if _NONE_WELL.search(text):
        favourable = [m.group(0) for m in _FAVOURABLE.finditer(text)
                      if not text[m.start():m.start() + 200].split(",")[0].endswith("(worse)")
                      and not m.group(0).startswith("lower than the")]  # fmt: skip
        if favourable:
            return [Finding("contradiction", block.where,
                            f"says none compares well, then {favourable[0]!r}")]  # fmt: skip
    if _ALL_WELL.search(text):
        unfavourable = _UNFAVOURABLE.search(text)
        if unfavourable:
            return [Finding("contradiction", block.where,
                            f"says all compare well, then {unfavourable.group(0)!r}")]  # fmt: skip
    return []


# Judgements said in prose, against the rating ------------------------------------------------

# Counts under ten as a report writes them (glossary.in_words): `one` to `nine`, by their value.
_WORDS = {word: float(n) for n, word in enumerate(WORDS) if n}
_IN_WORDS = "|".join(_WORDS)
# A figure as the prose prints it: `615,100`, `£1.2 million`, `2.38 million`, `17.3k`.
_FIG = r"[£$€]?\d(?:[\d,]*\d)?(?:\.\d+)?(?: million| billion|k|m|bn)?"
_SAID = re.compile(
    r"(?P<side>higher|lower)(?: \((?P<plain>better|worse)\))? than the (?:latest )?national average"
    r" of (?P<a>(?:[^\s,(]|,(?=\d))+(?: per 100,000)?)"
    r"|(?P<close>close to|level with|in line with|similar to) the (?:latest )?national average"
    r" of (?P<b>(?:[^\s,(]|,(?=\d))+(?: per 100,000)?)"
    r"|(?P<how>better than|worse than|above|below) the (?:latest )?national average"
    r" of (?P<f>(?:[^\s,(]|,(?=\d))+(?: per 100,000)?)"
    r"|(?P<way>above|below) the local (?:target|milestone) of (?P<c>(?:[^\s,(]|,(?=\d))+)"
    r"|(?:short of|missed|misses|missing|did not meet|failed to meet) the local"
    r" (?:target|milestone) of (?P<d>(?:[^\s,(]|,(?=\d))+)"
    r"|(?P<met>met|meets|meeting|reached|reaching|achieved|exceeded|exceeding|surpassed|beat"
    r"|ahead of|on|within) the local"
    r" (?:target|milestone) of (?P<e>(?:[^\s,(]|,(?=\d))+)"
)
_SENTENCE = re.compile(r"(?<=[.:]) (?=[A-Z])")


def _verdict(found: re.Match[str], item: Item) -> str:
    """What the words say of the measure: better, similar or below."""
    if found.group("plain"):
        return "better" if found.group("plain") == "better" else "below"
    if found.group("side"):
        return _by_aim(found.group("side") == "higher", item)
    if found.group("close"):
        return "similar"
    if found.group("how") in ("better than", "worse than"):
        return "better" if found.group("how") == "better than" else "below"
    if found.group("how"):  # above or below an average
        return _by_aim(found.group("how") == "above", item)
    if found.group("met"):
        return "better"  # a target met is better, however narrowly
    if found.group("way"):  # above or below a target
        return _by_aim(found.group("way") == "above", item)
    return "below"  # short of it, or missed


def _by_aim(higher: bool, item: Item) -> str:
    """Higher (or above) reads better where higher is the aim, below where lower is."""
    return "better" if higher == (item.measure.aim is not Aim.LOW) else "below"


def judged(
    block: Block, by_comparator: dict[str, list[tuple[Item, str]]], wrong: set[str] | None = None
) -> list[Finding]:
    """Each comparison the prose makes, against the rating `perfcli rate` gives the measure:
    "higher than the national average" of a measure rated below is one verdict too many."""
    found = []
    if "national average" not in block.text and "the local " not in block.text:
        return []  # no comparison to read (the words each of _SAID's holds)
    for sentence in _SENTENCE.split(block.text):
        for said in _SAID.finditer(sentence):
            against = next(said.group(g) for g in "abcdef" if said.group(g))
            # The measure's own figure, outside the comparison (whose figure may be the same
            # text) and whole: `7.0%` is not in `17.0%`.
            rest = sentence[: said.start()] + " " + sentence[said.end() :]
            whose = [item for item, now in by_comparator.get(against.rstrip("."), [])
                     if item.judgement.rating.value in ("better", "similar", "below")
                     and _whole(now, rest)]  # fmt: skip
            theirs = _theirs(whose, sentence)
            clashes = [item for item in theirs if _clash(said, item)]
            if clashes and len(clashes) == len(theirs):
                item = clashes[0]
                rating = item.judgement.rating.value
                found.append(Finding("judgement", block.where,
                                     f"{said.group(0).rstrip('.')!r} reads {_verdict(said, item)}, where the"
                                     f" rating gives {RATING_WORDS[rating]!r}"
                                     f" ({_named(item.description)})"))  # fmt: skip
            elif len(theirs) == 1:
                found += _gap(block, sentence, said, theirs[0], against.rstrip("."), wrong or set())
    return found


# How far a figure is from its target, said before the comparison (`69,800 above the local
# target of 545,300`, `1,400 hours above`) or after it (`short of the local target of 90% by 4.7
# percentage points`).
_GAP_BEFORE = re.compile(
    rf"(?<![\w/.,-])(?P<n>{_FIG})(?: percentage points?| (?!and\b|in\b)[a-z]+)? $"
)
_GAP_AFTER = re.compile(rf" by (?P<n>{_FIG})")


def _gap(
    block: Block, sentence: str, said: re.Match[str], item: Item, against: str, wrong: set[str]
) -> list[Finding]:
    """A gap to a local target that is not the one between the measure's figure and the
    target (a re-check typed `6,000 above the local target of 133,500` over 600): each at the
    precision printed. Not for an average, whose gap the prose does not give."""
    target = getattr(item.comparator, "value", None)
    now = item.current
    if (
        not (said.group("c") or said.group("d"))
        or target is None
        or now is None
        or now.value is None
    ):
        return []
    gap = _GAP_BEFORE.search(sentence, 0, said.start()) or _GAP_AFTER.match(sentence, said.end())
    by = _one_figure(gap.group("n")) if gap is not None else None
    if gap is None or by is None or _negative(sentence, gap.start("n")) or gap.group("n") in wrong:
        return []  # none said, or found already as a figure traced to nothing
    n, slack = by
    if abs(n - abs(now.value - target)) <= slack + 1e-9:
        return []
    return [Finding("untraced", block.where,
                    f"{gap.group('n')!r} is not the gap between {figure(now, item.measure.unit)}"
                    f" and the target of {against} ({_named(item.description)})")]  # fmt: skip


# A movement said in a verb (`fell to 134,100`, `rose to 615,100`).
_MOVED_TO = re.compile(
    rf"\b(?P<way>rose|risen|increased|grew|went up|fell|fallen|decreased|dropped|went down)"
    rf" to (?P<a>{_FIG})"
)
_UP = frozenset(("rose", "risen", "increased", "grew", "went up"))


def moved_to(block: Block, by_figure: dict[str, list[Item]]) -> list[Finding]:
    """A figure said to have risen or fallen the other way from the figure before it (a
    re-check's "Heritage visits fell to 134,100", which rose from 127,100): the measure is the
    one whose figure the words give, where one measure's is."""
    if " to " not in block.text:
        return []
    found = []
    for m in _MOVED_TO.finditer(block.text):
        whose = by_figure.get(m.group("a").rstrip("."), [])
        if len(whose) != 1:
            continue
        item = whose[0]
        now, before, earlier = item.value, item.before, item.previous
        if now is None or before is None or earlier is None or now == before:
            continue
        if (m.group("way") in _UP) != (now > before):
            went = "rose" if now > before else "fell"
            was = written_like(before, earlier, item.measure.unit)
            found.append(Finding("judgement", block.where,
                                 f"{m.group(0)!r}, where it {went} from {was}"
                                 f" ({_named(item.description)})"))  # fmt: skip
    return found


def _theirs(items: list[Item], sentence: str) -> list[Item]:
    """The measures a sentence is about, of those whose figure and comparator it gives: two
    with the same figures (a re-check's budget variance and surplus, both -£300,000 against
    £0) are told apart by the description the sentence names, else both kept (and a verdict
    is found only where it fits neither)."""
    if len(items) < 2:
        return items
    named = [item for item in items if item.description.lower() in sentence.lower()]
    return named if len(named) == 1 else items


def _clash(said: re.Match[str], item: Item) -> bool:
    rating = item.judgement.rating.value
    return _verdict(said, item) != rating and not (
        said.group("d") and rating == "similar"  # short of, but close to, a target
    )


def _named(description: str, most: int = 40) -> str:
    """A measure's description, cut at a word past `most` characters (a trial's finding quoted
    `(% of people who had no need for ongoing )`)."""
    if len(description) <= most:
        return description
    return description[:most].rsplit(" ", 1)[0].rstrip(" ,;:(") + " …"


def _whole(figure: str, text: str) -> bool:
    """Whether `figure` is in `text` as a figure of its own, not part of a longer one."""
    at = text.find(figure)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(figure)] if at + len(figure) < len(text) else " "
        if not (before.isdigit() or before in ".,") and not after.isdigit():
            return True
        at = text.find(figure, at + 1)
    return False


# Figures traced to what is stored ------------------------------------------------------------


def untraced(block: Block, known: list[float], measures: int = 0) -> list[Finding]:
    """Figures that trace to nothing stored. A whole number printed bare, no more than the
    `measures` the report covers, is a count of them: perfcli writes a count under ten in
    words, and one of ten or more in figures (`Of the 17 measures compared ...`)."""
    found = []
    text = block.text
    ages = _ages(text)
    for shown, value, slack, bare, end in numbers_in(text):
        if value < 10 and float(value).is_integer():
            continue  # a count of measures or paragraphs, not a figure
        if _within(ages, end - len(shown)):
            continue  # `aged 18 to 64` reworded from a description's `aged 18-64`
        if bare and value <= measures:
            continue
        shown += "%" if text.startswith("%", end) else ""  # as printed: '35%', not '35'
        if not traced(value, slack, known):
            found.append(Finding("untraced", block.where,
                                 f"{shown!r} matches no stored figure, change or commentary"))  # fmt: skip
    return found


# A change said between two figures of one sentence, as the Update says them: `322,600 in April to
# June 2025, 15% higher than 279,300 in …` and `was 86.3% (1,151 out of 1,334) in 2023/24, up 0.7
# percentage points from 85.6% in 2022/23`.
_BY_SHARE = re.compile(
    rf"(?P<a>{_FIG})%?(?: per 100,000(?: population)?)?(?: [a-z]+)?(?: (?:in|at) [^,;.]+)?,"
    rf" (?P<n>\d+(?:\.\d+)?)% (?P<way>higher|lower) than (?P<b>{_FIG})"
)
_COUNT_WORDS = rf"\d[\d,]*|{_IN_WORDS}"
# `there were 58 admissions in 2023/24, seven more than the 51 in 2022/23`
_BY_COUNT = re.compile(
    rf"(?P<a>{_FIG})(?: [a-z]+)? (?:in|at) [^,;.]+, (?P<n>{_COUNT_WORDS}) (?P<way>more|fewer)"
    rf" than the (?P<b>{_FIG})"
)
# `stood at 615,100 in 2023/24, 14% higher than 539,900 in 2022/23 (an increase of 75,200)`
_BY_AMOUNT = re.compile(
    rf"(?P<a>{_FIG})(?: [a-z]+)? (?:in|at) [^,;.]+, \d+(?:\.\d+)?% (?:higher|lower) than"
    rf" (?P<b>{_FIG})(?: [a-z]+)? (?:in|at) [^,;.()]+ \((?P<way>an increase|a fall) of"
    rf" (?P<n>{_FIG})"
)
_BY_POINTS = re.compile(
    r"(?P<a>\d[\d,]*(?:\.\d+)?)%(?: \([^()]*\))? (?:in|at) [^,;.]+, (?P<way>up|down)"
    r" (?P<n>\d+(?:\.\d+)?) percentage points? from (?P<b>\d[\d,]*(?:\.\d+)?)%"
)


_QUOTED = re.compile(r"'([^']*)'")


def _quoted(finding: Finding) -> str:
    """The figure a finding of `untraced` or `misdated` quotes first (`'651,100' matches …`)."""
    said = _QUOTED.match(finding.message)
    return said[1] if said else ""


# Each pattern, its kind of change, and words a sentence it matches must hold.
_CHANGES = (
    (_BY_SHARE, "share", re.compile(r"% (?:higher|lower) than ")),
    (_BY_POINTS, "points", re.compile(r" percentage points? from ")),
    (_BY_COUNT, "count", re.compile(r" (?:more|fewer) than the ")),
    (_BY_AMOUNT, "count", re.compile(r" \((?:an increase|a fall) of ")),
)


def changes(block: Block, wrong: set[str] | None = None) -> list[Finding]:
    """A change that does not follow from the two figures its sentence gives (`15% higher`
    typed over as `17% higher`, `seven more` as nine, `an increase of 75,200` as 57,200): each
    figure at the precision printed, so a rounded figure's change passes; a wrong one that
    happens to match another stored value, as tracing lets pass, is found. Not beside a figure
    found `wrong` already (`651,100` typed over 615,100)."""
    found = []
    wrong = {w.rstrip("%") for w in wrong or ()}
    text = block.text
    for pattern, kind, needs in _CHANGES:
        for m in _around(pattern, needs, text):
            if m.group("a") in wrong or m.group("b") in wrong:
                continue
            if _negative(m.string, m.start("a")) or _negative(m.string, m.start("b")):
                continue  # across zero, a share of the one before says little: not checked
            now, before, said = (_one_figure(m.group(name)) for name in ("a", "b", "n"))
            if now is None or before is None or said is None:
                continue
            (a, sa), (b, sb), (n, sn) = now, before, said
            low, high = _moved(a, sa, b, sb, kind == "share")
            if m.group("way") in _DOWN:
                low, high = -high, -low
            if high < n - sn or low > n + sn:
                sign = "%" if kind == "points" else ""
                found.append(Finding("untraced", block.where,
                                     f"{_change_said(m, kind)!r} does not follow from"
                                     f" {m.group('a')}{sign} and {m.group('b')}{sign}"))  # fmt: skip
    return found


_DOWN = frozenset(("lower", "down", "fewer", "a fall"))
_BEFORE = 100  # how far before its change's words a sentence's first figure may lie


def _around(pattern: re.Pattern[str], needs: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """`pattern`'s matches in `text` that hold the words each must (`% higher than `), each
    tried only at the figures shortly before those words (`numbers_in`, kept by the text): tried
    at every character, four patterns cost 2,000 measures' proof-reading 120 ms."""
    found = []
    figures = numbers_in(text)
    for words in needs.finditer(text):
        for printed in figures:
            at = printed.end - len(printed.shown)
            if not words.start() - _BEFORE <= at < words.start() or _a_base(text, at):
                continue  # too far off, or a rate's base (`per 100k population`)
            m = pattern.match(text, at)
            if m is not None and m.end() > words.start():
                found.append(m)
                break
    return found


def _one_figure(text: str) -> tuple[float, float] | None:
    """A group's one figure and its slack; a count in words is exact."""
    if text.lower() in _WORDS:
        return _WORDS[text.lower()], 0.0
    printed = numbers_in(text)
    return (printed[0].value, printed[0].slack) if len(printed) == 1 else None


def _change_said(m: re.Match[str], kind: str) -> str:
    way, by = m.group("way"), m.group("n")
    if kind == "points":
        return f"{way} {by} percentage points"
    if kind == "share":
        return f"{by}% {way}"
    return f"{way} of {by}" if way in ("an increase", "a fall") else f"{by} {way}"


def _negative(text: str, at: int) -> bool:
    """Whether the figure at `at` has a minus before it (numbers_in reads it without)."""
    return text[max(at - 1, 0) : at] in ("-", "−")


def _moved(a: float, sa: float, b: float, sb: float, share: bool) -> tuple[float, float]:
    """The least and most change from `b` to `a` that the printed figures allow (each within
    its slack): as a share of `b`, or in the figures' own terms (points, a count)."""
    if not share:
        return a - sa - (b + sb), a + sa - (b - sb)
    if b - sb <= 0:
        return -math.inf, math.inf
    return ((a - sa) / (b + sb) - 1) * 100, ((a + sa) / (b - sb) - 1) * 100


# Counts said in words in the Conclusions (`nine fell short`), by the words that follow them.
_COUNTED = re.compile(
    rf"\b({_IN_WORDS})(?= (?:measures?|did|was|were|fell|improved|stayed|moved|compared|could)\b)",
    re.I,
)


def concluded(
    block: Block, drafted: list[str], left: Counter[float], held: set[float]
) -> list[Finding]:
    """A figure or count in a Conclusions paragraph that the Conclusions as the ratings give
    them (`drafted`) do not hold: a re-check typed "16 did better … nine fell short" over as 18
    and seven, and "up 29%" as 51%; each matched some stored value. Only in a paragraph that
    opens as a drafted one does (one of the officer's own is theirs); `left`: the drafted
    figures not yet met in the paragraphs before, so a count moved from one paragraph to the
    next is still the ratings'; a figure the store holds (`held`), quoted beside a change
    (`from 12.1 to 13.7`), is not a count, and passes. An age (`aged 18 to 64`) is no figure."""
    if not block.section.startswith("Conclusions") or not drafted:
        return []
    # The paragraph is the drafted one it opens as (`Overall, performance in …`, `Among measures
    # given as percentages, the main concerns …`).
    best = max(drafted, key=lambda text: _common_start(text, block.text))
    if _common_start(best, block.text) < _OPENING // 2:
        return []
    typed = _figures_with_words(block.text)
    unsaid = Counter(value for _, value in _figures_with_words(best))
    unsaid.subtract(value for _, value in typed)
    said = ", ".join(shown for shown, value in _figures_with_words(best) if unsaid[value] > 0)
    also = f" (the ratings give {said})" if said else ""
    found = []
    for shown, value in typed:  # each figure once for each time the ratings give it
        if left[value] > 0:
            left[value] -= 1
        elif value not in held or _a_count(shown):
            found.append(Finding("untraced", block.where,
                                 f"{shown!r} in the Conclusions is not what the ratings give{also}"))  # fmt: skip
    flagged = {_quoted(f) for f in found}  # one finding an edit: the figure's, where it is one
    return found + [f for f in _tallied(block, best) if _quoted(f).split()[0] not in flagged]


# A count and what it counts, as the Conclusions tally the ratings: `16 did better`, `one was
# similar`, `nine fell short`, `15 improved`, `seven stayed similar`, `five were not as good`.
_TALLY = re.compile(
    rf"\b(?P<n>\d+|{_IN_WORDS})"
    r" (?P<what>did better|(?:was|were) similar|fell short|improved|stayed similar"
    r"|(?:was|were) not as good)\b",
    re.I,
)


def _tallied(block: Block, drafted: str) -> list[Finding]:
    """A count said of another verdict than the ratings give it: a re-check swapped "one was
    similar and nine fell short" for "nine were similar and one fell short", the same numbers,
    which counting the paragraph's figures let pass."""
    given = {_tally_of(m): (_count(m), m.group(0)) for m in _TALLY.finditer(drafted)}
    found = []
    for m in _TALLY.finditer(block.text):
        count, said = given.get(_tally_of(m), (_count(m), ""))
        if _count(m) != count:
            found.append(Finding("untraced", block.where,
                                 f"{m.group(0)!r} is not what the ratings give ({said!r})"))  # fmt: skip
    return found


def _tally_of(m: re.Match[str]) -> str:
    return m.group("what").lower().replace("were ", "was ")


def _count(m: re.Match[str]) -> float:
    said = m.group("n").lower()
    return _WORDS[said] if said in _WORDS else float(said)


def _a_count(shown: str) -> bool:
    """A count of measures as the Conclusions give one: a whole number, bare, or in words."""
    return shown.lower() in _WORDS or shown.replace(",", "").isdigit()


# Characters a paragraph opens with that tell the drafted ones apart: the two `Among measures
# given as percentages, the …` paragraphs differ at the 41st.
_OPENING = 80
# An age or a band of them, in a description as written or reworded (`aged 18-64`, `aged 18 to
# 64`, `aged 65 and over`).
_AGES = re.compile(r"\baged \d+(?:\s*(?:-|–|to)\s*\d+|\s+(?:and|or) (?:over|older|above|under))?")


def _ages(text: str) -> list[tuple[int, int]]:
    """Where `text` gives an age or a band of them: no figure is read there."""
    return [m.span() for m in _AGES.finditer(text)] if "aged" in text else []


def _within(spans: list[tuple[int, int]], at: int) -> bool:
    return any(start <= at < end for start, end in spans)


def _a_base(text: str, at: int) -> bool:
    """Whether the figure at `at` is a rate's base (`per 100,000`, `per 100k`), no figure."""
    return text.endswith("per ", 0, at)


def _common_start(a: str, b: str) -> int:
    """How many characters `a` and `b` open with alike (at most _OPENING)."""
    n = 0
    for x, y in zip(a[:_OPENING], b[:_OPENING], strict=False):
        if x != y:
            break
        n += 1
    return n


def _figures_with_words(text: str) -> list[tuple[str, float]]:
    """Each figure (as printed, with its per cent) and each count in words, with its value, in
    the order the text gives them; an age is no figure (`aged 18 to 64`), nor a rate's base
    (`per 100,000`)."""
    ages = _ages(text)
    found = [(p.end, p.shown + ("%" if text.startswith("%", p.end) else ""), p.value)
             for p in numbers_in(text)
             if not _within(ages, p.end - len(p.shown)) and not _a_base(text, p.end - len(p.shown))]  # fmt: skip
    found += [(m.end(), m.group(0), _WORDS[m.group(0).lower()]) for m in _COUNTED.finditer(text)]
    return [(shown, value) for _, shown, value in sorted(found)]


# What may stand between a figure and the period it is said to be for: its per cent, its counts
# (`86.3% (1,151 out of 1,334) in 2023/24`), its rate's base and one word of unit (`19,600 hours`).
_TO_WHEN = re.compile(
    r"%?(?: \([^()]*\))?(?: per 100,000)?(?: (?!(?:in|at|on|during|for) )[a-z]+)?"
    r" (?=(?:in|at|on|during|for) )"
)


def misdated(
    block: Block,
    known: list[float],
    dated: dict[str, list[float]],
    written: list[float],
    own: set[str] | frozenset[str] = frozenset(),
    phrases: re.Pattern[str] | None = None,
) -> list[Finding]:
    """A figure the report holds (`known`) said to be a period's (`539,900 in 2023/24`) that no
    measure holds for it (`dated`: each period's figures as the prose says it, sorted): last
    year's figure put in this year's place, which `untraced` lets pass (one that traces to
    nothing is its finding). Only where the prose names a period the report holds, and not a
    figure the text around it wrote (`written`: an owner's commentary), nor a bare whole number
    under 100 (a count of something). The period it is held for is named as perfcli says it
    (`own`)."""
    found = []
    text = block.text
    phrases = phrases or said_of(dated)
    # The period first (`At the end of March 2023 it was 1,334.`, as perfcli says a baseline's
    # year before): each such figure, by where it starts.
    first = (
        {m.end(): m.group(1)[0].lower() + m.group(1)[1:] for m in _WHEN_FIRST.finditer(text)}
        if any(words in text for words in _SAID_AFTER)
        else {}
    )
    for shown, value, slack, bare, end in numbers_in(text):
        if (bare and value < 100) or _a_base(text, end - len(shown)):
            continue
        gap = _TO_WHEN.match(text, end)
        said = gap and _phrase_at(text, gap.end(), phrases)
        if not said and first.get(end - len(shown)) in dated:
            said = first[end - len(shown)]
        if not said or traced(value, slack, dated[said]) or traced(value, slack, written):
            continue
        if not traced(value, slack, known):
            continue
        other = next((p for p in dated if p in own and traced(value, slack, dated[p])), None)
        also = f": it is one held {other}" if other else ""
        shown += "%" if text.startswith("%", end) else ""
        found.append(Finding("untraced", block.where,
                             f"{shown!r} {said} is not a figure held for that period{also}"))  # fmt: skip
    return found


_SAID_AFTER = (
    " it was ",
    " it stood at ",
    " this was ",
    " the figure was ",
    " the figure stood at ",
)
_WHEN_FIRST = re.compile(
    r"\b((?:[Ii]n|[Aa]t|[Oo]n|[Dd]uring|[Ff]or) [^,.;]+?),? (?:it|this|the figure) (?:was|stood at) "
)


def said_of(dated: dict[str, list[float]]) -> re.Pattern[str]:
    """One pattern of every period phrase, the longest first (`in April to June 2025` before
    `in April`), each whole: tried at a figure's end, not each phrase in turn (76,000 tries at
    2,000 measures)."""
    if not dated:
        return re.compile("(?!)")
    return re.compile("(?:" + "|".join(re.escape(p) for p in dated) + r")(?!\w)")


def _phrase_at(text: str, at: int, phrases: re.Pattern[str]) -> str | None:
    """The period phrase `text` gives at `at`, whole (`in 2023/24`, not `in 2023/245`)."""
    found = phrases.match(text, at)
    return found.group(0) if found else None


# An owner's commentary goes into the report whole; past some 170 words it is no longer part
# of a paragraph about the measure, but a briefing of its own.
LONG_COMMENTARY = 1_000  # characters


def long_commentary(block: Block, items: list[Item]) -> list[Finding]:
    """Owners' commentary in the paragraph that is too long for it, each named by its measure."""
    found = []
    for item in items:
        words = " ".join((item.commentary or "").split())
        if len(words) > LONG_COMMENTARY and words[:200] in block.text:
            found.append(Finding(
                "long", block.where,
                f"the commentary on {item.measure.id} is {len(words):,} characters (about "
                f"{round(len(words.split()), -1):,} words), more than a committee paragraph holds"
                f" ({LONG_COMMENTARY:,} at most): shorten it where it came from (the return or"
                " the dashboard) and draft again",
            ))  # fmt: skip
    return found


# The pass ------------------------------------------------------------------------------------


def proofread(document: Any, known: Known, items: list[Item] | None = None,
              report: str | None = None, rated: list[Item] | None = None) -> list[Finding]:  # fmt: skip
    """Every finding in `document`, in reading order: paragraphs first, then Appendix A."""
    found: list[Finding] = []
    read = blocks(document)
    allowed = {float(n) for n in range(0, 11)} | {100_000.0}  # rates are per 100,000
    traced = sorted(known.values | allowed)
    by_comparator: dict[str, list[tuple[Item, str]]] = {}
    by_figure: dict[str, list[Item]] = {}
    for item in items or []:
        said = compared_with(item)
        if item.current is not None and item.value is not None:
            now = figure(item.current, item.measure.unit)
            by_figure.setdefault(now, []).append(item)
            if said is not None:
                by_comparator.setdefault(said, []).append((item, now))
    wordy = [i for i in items or [] if len(i.commentary or "") > LONG_COMMENTARY]
    left = Counter(value for text in known.concluded for _, value in _figures_with_words(text))
    # Longest first: `in April to June 2025` is said before `in April`.
    dated = {p: sorted(known.dated[p]) for p in sorted(known.dated, key=len, reverse=True)}
    phrases = said_of(dated)
    written = sorted(known.written)
    for block in read:
        found += placeholders(block, known) + repeated(block) + nested(block)
        found += spreadsheet_errors(block)
        if items is None or _drafted(block):
            found += shorthand(block, known.quoted) + precision(block) + quarters(block)
            found += names(block, known)
            found += contradictions(block)
        if items is not None and _drafted(block):
            wrong = untraced(block, traced, len(items)) + misdated(
                block, traced, dated, written, known.own, phrases
            )
            # A change or gap beside a figure found wrong follows from it no more: one finding,
            # the cause.
            quoted = {_quoted(f) for f in wrong}
            found += wrong + changes(block, quoted)
            found += concluded(block, known.concluded, left, known.held)
            found += judged(block, by_comparator, quoted) + moved_to(block, by_figure)
            found += long_commentary(block, wordy)
    tabled = table_rows(document)
    found += _cells(tabled)
    if items is not None and report is not None:
        found += tables(tabled, items, report)
    return found + verdicts(tabled, rated or [])


def _cells(tabled: list[list[list[str]]]) -> list[Finding]:
    """A note left in, or a word twice, in any table's cell (an officer's description too)."""
    found = []
    for number, rows in enumerate(tabled, start=1):
        for n, row in enumerate(rows):
            for cell in row:
                where = f"table {number}, row {n}" if n else f"table {number}, header"
                block = Block(where, "", cell)
                found += [Finding("placeholder", where, f"placeholder left in: {m.group(0)}")
                          for m in _PLACEHOLDER.finditer(cell)] + repeated(block)  # fmt: skip
                found += spreadsheet_errors(block)
    return found


class Reader(Struct):
    """Proof-reads a document as it is about to be written; with `final`, stops the write."""

    target: Any
    final: bool
    known: Known
    items: list[Item] | None = None
    report: str | None = None
    rated: list[Item] | None = None  # the same store's ratings, for a document without items
    found: list[Finding] = field(default_factory=list)

    def read(self, document: Any) -> None:
        rated = self.rated or self.items
        self.found.extend(proofread(document, self.known, self.items, self.report, rated))
        if self.final and self.found:
            raise ProofError(self.found, self.target)


def proof_for(
    target: Any,
    final: bool,
    known: Known,
    items: list[Item] | None = None,
    report: str | None = None,
    rated: list[Item] | None = None,
) -> Reader:
    return Reader(target, final, known, items, report, rated)
