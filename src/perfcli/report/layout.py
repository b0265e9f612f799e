"""Page-break rules for a drafted document: tables keep their first and last rows company, and
what introduces a table stays on its page.

Word and LibreOffice move a paragraph marked keep-with-next to the next page with what follows.
So in every table the header row and the first body row keep with the row after, and the
second-to-last row keeps with the last, so that no page holds a table's single row; a table of
up to `WHOLE` rows is kept whole. The paragraph just before a table (a heading, an introduction
or a chart's caption) keeps with it, and a chart keeps with the paragraphs either side of it
(its caption, and what introduces it when that is short: a theme's long overview may stay
behind). A short note under a table keeps with its last row, and a paragraph ending in a colon
with what it introduces. Rows never split (the templates set cantSplit).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from perfcli.files import write_atomically

WHOLE = 8  # rows, header included
SHORT = 400  # characters: a longer paragraph before a chart may stay on the page before it


def keep_tables_together(document: Any) -> None:
    from docx.oxml.ns import qn

    body = document.element.body
    for table in body.iter(qn("w:tbl")):
        rows = table.findall(qn("w:tr"))
        if len(rows) < 2:
            continue
        if len(rows) <= WHOLE:
            keep = rows[:-1]
        else:
            keep = [*rows[:2], rows[-2]]
        for row in keep:
            for paragraph in row.iter(qn("w:p")):
                _keep_with_next(paragraph)
        before = table.getprevious()
        if before is not None and before.tag == qn("w:p"):
            _keep_with_next(before)
        after = table.getnext()  # a short note under a table (its footnote) stays with it
        if after is not None and after.tag == qn("w:p") and _is_note(after):
            for paragraph in rows[-1].iter(qn("w:p")):
                _keep_with_next(paragraph)
    for paragraph in body.iterchildren(qn("w:p")):
        if paragraph.find(f".//{qn('w:drawing')}") is not None:
            _keep_with_next(paragraph)
            before = paragraph.getprevious()
            words = "" if before is None else _text(before)
            short = len(words) <= SHORT
            if before is not None and before.tag == qn("w:p") and short:
                _keep_with_next(before)


# How a table's footnote starts: a mark, or a word that says what it is.
_NOTE = re.compile(r"(?:[*†‡¹²³⁴⁵⁶⁷⁸⁹]|SYNTHETIC\b|Sources?\b|Notes?\b)")


def _is_note(paragraph: Any) -> bool:
    """A table's footnote (`SYNTHETIC: quartile based on …`, `* provisional`): a short line
    that says it is one; not a sentence that follows the table, nor the title of the next."""
    words = _text(paragraph).strip()
    return 0 < len(words) <= CONTACT and bool(_NOTE.match(words))


def keep_lead_ins(document: Any) -> None:
    """A paragraph that introduces what follows (`These indicators now stand higher:`) stays on
    the page of what it introduces: a trial's compendium ended a page with one."""
    for paragraph in document.element.body.iterchildren(_qn("w:p")):
        words = _text(paragraph).rstrip()
        if words.endswith(":") and paragraph.getnext() is not None:
            _keep_with_next(paragraph)


def _text(element: Any) -> str:
    """An element's words: the text of every run in it."""
    return "".join(t.text or "" for t in element.iter(_qn("w:t")))


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


CONTACT = 120  # characters: a block's lines this short (a name, a telephone) read as one unit
BLOCK = 12  # paragraphs at most: a longer block may break between pages


def keep_short_blocks_together(document: Any) -> None:
    """A heading's block of short plain lines (Officers to Contact: names, telephones, emails)
    stays on one page with its heading: a trial's report left one email alone on a page."""
    from docx.oxml.ns import qn

    body = document.element.body
    children = list(body.iterchildren())
    for index, element in enumerate(children):
        if element.tag != qn("w:p") or not _style(element).startswith("Heading"):
            continue
        block: list[Any] = []
        for following in children[index + 1 :]:
            if following.tag != qn("w:p") or _style(following).startswith("Heading"):
                break
            if following.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") is not None:
                break
            words = _text(following)
            if _style(following) == "ListNumber" or len(words) > CONTACT:
                block = []
                break
            block.append(following)
        if 1 < len(block) <= BLOCK:
            for paragraph in [element, *block[:-1]]:
                _keep_with_next(paragraph)


def _style(paragraph: Any) -> str:
    from docx.oxml.ns import qn

    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return "" if style is None else str(style.get(qn("w:val")))


def _keep_with_next(paragraph: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = paragraph.get_or_add_pPr()
    if properties.find(qn("w:keepNext")) is None:
        mark = OxmlElement("w:keepNext")
        # pPr's children have a set order; keepNext comes before everything but pStyle.
        style = properties.find(qn("w:pStyle"))
        if style is not None:
            style.addnext(mark)
        else:
            properties.insert(0, mark)


def tidy(path: Path) -> None:
    """Apply the rules to a document just written (it is replaced in place, atomically)."""
    import docx

    document = docx.Document(str(path))
    keep_tables_together(document)
    keep_lead_ins(document)
    write_atomically(path, lambda target: document.save(str(target)), force=True)
