"""Plain English for a report's readers: abbreviations spelled out, small numbers in words."""

from __future__ import annotations

import re

# Abbreviations the dashboards use. An all-capitals key is an acronym, defined at its first use
# and used bare after that; any other key is replaced wherever it appears.
TERMS = {
    "SUs": "service users",
    "SU": "service user",
    "pop.": "population",
    "Pop.": "population",
    "Nat. Ave.": "national average",
    "Nat. Ave": "national average",
    "aged 18+": "aged 18 and over",
    "Adult aged 18+": "Adults aged 18 and over",
    "(aged 65+)": "(aged 65 and over)",
    "&": "and",
    "pop": "population",
    "Pop": "population",
    "ASCOF": "Adult Social Care Outcomes Framework",
    "BCF": "Better Care Fund",
}

# Dashboard words a reader may not know, explained the first time a report uses them.
EXPLAINED = {
    # Seed 003, paragraph 22: the four layer measures share out what new contacts led to.
    "sequels": "A sequel is the response that followed a new contact from someone asking for"
    " support: advice, equipment, reablement or long-term care.",
}

WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def in_words(count: int) -> str:
    """Counts under ten in words, as a report writes them: `seven`, `12`."""
    return WORDS[count] if 0 <= count < 10 else f"{count:,}"


_ACRONYM = re.compile(r"[A-Z]{2,}")


def _is_acronym(key: str) -> bool:
    return bool(_ACRONYM.fullmatch(key))


_SPELLED = re.compile(r"((?:[A-Z][\w'’-]*\s+){2,10})\(([A-Z]{2,})\)")


def learned(texts: list[str]) -> dict[str, str]:
    """Acronyms the workspace's own descriptions spell out once, with the words they stand for:
    "Leicestershire Adult Learning Service (LALS) Success Rate" gives LALS, so a report drafted
    from an older dashboard's "LALS Success Rate" can define it. Only words whose initials are
    the acronym's letters count."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _SPELLED.finditer(text):
            acronym, words = match.group(2), match.group(1).split()[-len(match.group(2)) :]
            if "".join(w[0] for w in words) == acronym and acronym not in found:
                found[acronym] = " ".join(words)
    return found


class Glossary:
    """Spells out a report's abbreviations; remembers which acronyms it has defined."""

    def __init__(self, extra: dict[str, str] | None = None) -> None:
        self.terms = {**TERMS, **(extra or {})}
        self.defined: set[str] = set()
        self.explained: set[str] = set()
        self._acronyms = {k: words for k, words in self.terms.items() if _is_acronym(k)}
        # Longest first, so that "Nat. Ave." wins over "Nat. Ave" and "aged 18+" over "18+".
        keys = sorted(self.terms, key=len, reverse=True)
        self._pattern = re.compile(
            "|".join(
                rf"(?<![\w]){re.escape(k)}(?![\w])"
                if k[-1].isalnum()
                else rf"(?<![\w]){re.escape(k)}"
                for k in keys
            )  # fmt: skip
        )

    def copy(self) -> Glossary:
        """A glossary in the same state, to try wording on without defining anything."""
        twin = Glossary.__new__(Glossary)
        twin.terms, twin.defined, twin._pattern = self.terms, set(self.defined), self._pattern
        twin.explained = set(self.explained)
        twin._acronyms = self._acronyms
        return twin

    def spell(self, text: str) -> str:
        # An acronym the text already spells out ("… Service (LALS)") is left as written.
        written = {k for k, words in self._acronyms.items() if words in text}
        self.defined |= written
        return self._pattern.sub(
            lambda match: match.group(0) if match.group(0) in written else self._replace(match),
            text,
        )

    def spelled_out(self, text: str) -> None:
        """Take the acronyms `text` spells out ("… Outcomes Framework (ASCOF)") as defined."""
        self.defined |= {k for k, words in self._acronyms.items() if f"{words} ({k})" in text}

    def explain(self, text: str) -> str:
        """The explanation of each word in `text` a reader has not had explained yet."""
        found = []
        for word, meaning in EXPLAINED.items():
            if word not in self.explained and re.search(rf"\b{word}\b", text, re.IGNORECASE):
                self.explained.add(word)
                found.append(meaning)
        return " ".join(found)

    def names(self) -> list[str]:
        """The names the acronyms stand for: "Leicestershire Adult Learning Service"."""
        return list(self._acronyms.values())

    def is_name(self, word: str) -> bool:
        """Whether `word` starts a name an acronym stands for ("Leicestershire" of LALS's):
        a name keeps its capital in the middle of a sentence."""
        return any(words.split()[0] == word for words in self._acronyms.values())

    def acronym(self, key: str) -> str:
        """An acronym: spelled out with the acronym the first time, bare afterwards."""
        if key in self.defined or key not in self.terms:
            return key
        self.defined.add(key)
        return f"{self.terms[key]} ({key})"

    def _replace(self, match: re.Match[str]) -> str:
        key = match.group(0)
        if _is_acronym(key):
            return self.acronym(key)
        return self.terms[key]


def code_phrase(code: str, glossary: Glossary) -> str:
    """A measure's code as a reader meets it: `measure 2A of the … (ASCOF)`, later `ASCOF 2A`."""
    family, _, number = code.partition(" ")
    if not number or not _is_acronym(family):
        return code
    if family in glossary.defined or family not in glossary.terms:
        return code
    return f"measure {number} of the {glossary.acronym(family)}"


def in_plain_words(description: str) -> str:
    """A description as a sentence names it in a list: its shorthand spelled out (`% of SUs
    who …` is `Percentage of service users who …`), acronyms left as printed."""
    glossary = Glossary()
    glossary.defined = set(glossary._acronyms)  # acronyms bare: a list defines none
    text = glossary.spell(description.strip())
    return "Percentage of " + text[len("% of ") :] if text.startswith("% of ") else text
