"""How published dashboards are laid out by hand: repeated codes, banners over several rows, split headings."""

from __future__ import annotations

import re

from perfcli.domain.measure_ids import slugify

_WORD = re.compile(r"[a-z0-9]+")
_PLAN = re.compile(r"strategic plan\s*\d{4}\s*[-–]\s*\d{2,4}", re.I)
_CONTINUES = re.compile(r"(?:council|strategic plan)", re.I)
_CODE = re.compile(r"^(?:local|[a-z]{2,6}\s*\d[\w ]*)$", re.I)
MOST_WORDS = 3


def told_apart(descriptions: list[str]) -> dict[str, str] | None:
    """A short, stable suffix for each of several descriptions printed under one code.

    `% of SUs who find …` and `% of carers who find …` -> `sus`, `carers`: the words of each
    description that the others lack, in the order printed, at most three. The same
    descriptions give the same suffixes whatever their order. None when two cannot be told
    apart (the same words).
    """
    words = {d: _WORD.findall(d.lower()) for d in descriptions}
    suffixes: dict[str, str] = {}
    for description, own in words.items():
        others = {w for d, ws in words.items() if d != description for w in ws}
        distinct = list(dict.fromkeys(w for w in own if w not in others))
        if not distinct:
            return None
        suffixes[description] = slugify(" ".join(distinct[:MOST_WORDS]))
    if len(set(suffixes.values())) < len(suffixes):
        return None
    return suffixes


def plan_and_outcome(parts: list[str]) -> tuple[str, str | None] | None:
    """Banner text typed over one or several rows -> (the Strategic Plan's name, the outcome).

    `Leicestershire County` / `Council's Strategic Plan` / `2022-26` / `Great Communities` /
    `Cultural and historical …` -> the plan `Leicestershire County Council's Strategic Plan
    2022-26` and the outcome `Great Communities — Cultural and historical …`. None when the
    rows do not name a Strategic Plan.
    """
    lines = [" ".join(p.split()) for p in parts if p.strip()]
    match = _PLAN.search("\n".join(lines))
    if match is None:
        return None
    first = "\n".join(lines).count("\n", 0, match.start())
    # The council's name may sit on the row above (`Leicestershire County` / `Council's …`);
    # rows further up are the report's title.
    if first and _CONTINUES.match(lines[first]):
        first -= 1
    text = "\n".join(lines[first:])
    match = _PLAN.search(text)
    assert match is not None
    rest = [line.strip() for line in text[match.end() :].split("\n") if line.strip()]
    return " ".join(text[: match.end()].split()), " — ".join(rest) or None


def looks_like_code(text: str) -> bool:
    """`ASCOF 2A`, `Local`, `NI 135`: a measure code, not a banner's words."""
    return bool(_CODE.match(text.strip()))


def joined_heading(first: str, second: str) -> str | None:
    """A heading typed across two cells (`Mea` | `sure`): the word they make, else None."""
    if not first or not second:
        return None
    return f"{first.strip()}{second.strip()}"
