"""What of a Word template is filled: its parts (body, headers, footers, footnotes, the
document's properties), the placeholders in them, and a tag left open or closed unopened."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


class Unfilled(ValueError):
    """A placeholder in a part of the template that is never filled (endnotes, comments)."""


_DELIMITERS = re.compile(r"\{\{|\}\}|\{%|%\}")
_CLOSES = {"{{": "}}", "{%": "%}"}
_WHAT = {"{{": "a placeholder", "{%": "a tag"}


def unbalanced_tag(path: Path) -> str | None:
    """The first paragraph whose placeholder or tag is left open or closed without opening,
    named by its number (in the body, or in a header or footer) and first words, with what is
    wrong; None when every one is whole."""
    from docx import Document

    for where, texts in _paragraph_texts(Document(str(path))):
        for number, text in enumerate(texts, start=1):
            wrong = _unbalanced(text)
            if wrong is not None:
                words = " ".join(text.split()[:6])
                return f"{where}paragraph {number} ({words!r}): {wrong}"
    return None


_HEADERS_FOOTERS = (
    ("header", "header"), ("first_page_header", "first page's header"),
    ("even_page_header", "even pages' header"), ("footer", "footer"),
    ("first_page_footer", "first page's footer"), ("even_page_footer", "even pages' footer"),
)  # fmt: skip


def _paragraph_texts(document: Any) -> list[tuple[str, list[str]]]:
    """Every paragraph's text in reading order, those in table cells with them: the body's,
    then each header's and footer's (docxtpl renders those too), with how to name where."""
    parts = [("", document.element.body)]
    sections = document.sections
    for number, section in enumerate(sections, start=1):
        of = f"section {number}'s " if len(sections) > 1 else "the "
        for attribute, name in _HEADERS_FOOTERS:
            part = getattr(section, attribute)
            if not part.is_linked_to_previous:
                parts.append((f"{of}{name}, ", part.part.element))
    return [(where, _texts(element)) for where, element in parts]


def _texts(element: Any) -> list[str]:
    return [
        "".join(node.text or "" for node in block.iter() if node.tag.endswith("}t"))
        for block in element.iter()
        if block.tag.endswith("}p")
    ]


def _unbalanced(text: str) -> str | None:
    opened: str | None = None
    for found in _DELIMITERS.finditer(text):
        token = found[0]
        if token in _CLOSES:
            if opened is not None:
                return f"{_WHAT[opened]} opened with {opened} is not closed with {_CLOSES[opened]}"
            opened = token
        elif opened is not None and token == _CLOSES[opened]:
            opened = None
        else:
            opener = next(o for o, c in _CLOSES.items() if c == token)
            return f"{_WHAT[opener]} closed with {token} was not opened with {opener}"
    if opened is not None:
        return f"{_WHAT[opened]} opened with {opened} is not closed with {_CLOSES[opened]}"
    return None


# A tag alone, docxtpl's paragraph, row, cell or run mark dropped (`{%p if x %}`, `{{r x }}`).
_TAG = re.compile(r"\{\{[prc]?\s(.*?)\}\}|\{\{(.*?)\}\}|\{%(?:p|tr|tc|r)?\s*(.*?)%\}", re.S)
# The tags that open a block, closed here so that the tag can be parsed alone.
_BLOCKS = {"for": "{% endfor %}", "if": "{% endif %}", "macro": "{% endmacro %}",
           "call": "{% endcall %}", "filter": "{% endfilter %}", "with": "{% endwith %}",
           "set": "", "raw": "{% endraw %}"}  # fmt: skip


def where_refused(path: Path) -> str | None:
    """The first paragraph holding a placeholder or tag that the sandbox refuses or cannot read
    when parsed alone, named as unbalanced_tag names one; None where no single tag is at fault
    (a block closed in another paragraph than it opened, say)."""
    from docx import Document
    from jinja2 import TemplateSyntaxError

    from perfcli.report.sandbox import Refused, ReportEnvironment

    environment = ReportEnvironment()
    for where, texts in _paragraph_texts(Document(str(path))):
        for number, text in enumerate(texts, start=1):
            for found in _TAG.finditer(text):
                source = _alone(found)
                try:
                    environment.parse(source)
                except (Refused, TemplateSyntaxError):
                    words = " ".join(text.split()[:6])
                    return f"{where}paragraph {number} ({words!r})"
    return None


def _alone(found: re.Match[str]) -> str:
    """A tag as a template of its own: a block's opening tag closed after it."""
    expression = found[1] if found[1] is not None else found[2]
    if expression is not None:
        return "{{ " + expression.strip() + " }}"
    statement = found[3].strip()
    keyword = statement.split(maxsplit=1)[0] if statement else ""
    if keyword.startswith("end") or keyword in ("else", "elif"):
        return ""  # closes or continues a block opened elsewhere: nothing alone to parse
    if keyword == "set" and "=" not in statement:
        return "{% " + statement + " %}{% endset %}"
    return "{% " + statement + " %}" + _BLOCKS.get(keyword, "")


_PART = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}+xml"
# Parts docxtpl renders beside the body, headers and footers; and parts it leaves as typed.
_RENDERED, _UNFILLED = {"footnotes": "footnotes"}, {"endnotes": "endnotes", "comments": "comments"}
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


def placeholders_used(template: Any) -> set[str]:
    """Every placeholder in what docxtpl renders (body, headers, footers, footnotes and the
    document's properties), each part parsed in the sandbox, which refuses what it would not
    run (Refused); a placeholder where docxtpl fills none (endnotes, comments) is Unfilled."""
    from jinja2 import meta

    from perfcli.report.sandbox import ReportEnvironment

    environment = ReportEnvironment()
    used = set(template.get_undeclared_template_variables(environment))
    template.init_docx()  # the document render fills: loaded once, here
    sources = [getattr(template.docx.core_properties, name) or "" for name in _PROPERTIES]
    for part in template.docx.part.package.iter_parts():
        kind = next(
            (k for k in (*_RENDERED, *_UNFILLED) if part.content_type == _PART.format(k)), None
        )
        if kind in _RENDERED:
            sources.append(template.patch_xml(part.blob.decode("utf-8")))
        elif kind in _UNFILLED:
            text = re.sub(r"<[^>]+>", "", part.blob.decode("utf-8"))
            found = _DELIMITERS.search(text)
            if found:
                tag = text[found.start() : found.start() + 40].split("\n")[0]
                raise Unfilled(f"the {kind} hold {tag!r}, which perfcli does not fill there")
    for source in sources:
        if _DELIMITERS.search(source):
            used |= meta.find_undeclared_variables(environment.parse(source))
    return used


def render_footnotes(template: Any, context: dict[str, Any], jinja_env: Any = None) -> None:
    """Fill the footnotes once. docxtpl's own `render_footnotes` fills them once for each section
    of the document, each time from the last one's output: a value that reads `{{ 7 * 7 }}` (a
    council's name in perfcli.toml, say) would be run as template code on the second pass."""
    for part in template.docx.part.package.iter_parts():
        if part.content_type == _PART.format("footnotes"):
            xml = template.patch_xml(part.blob.decode("utf-8"))
            part._blob = template.render_xml_part(xml, part, context, jinja_env).encode("utf-8")
