"""Render the committee report from its Word template: placeholders checked, written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfcli.errors import PerfcliError
from perfcli.files import write_atomically


class TemplateError(PerfcliError):
    """A Word template that cannot be used: broken or unknown placeholders."""


def check_template(path: Path, known: set[str]) -> Any:
    """Open a template and make sure every placeholder in it is one perfcli fills."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    if not path.is_file():
        raise TemplateError(
            f"template {path} does not exist",
            hint="run 'perfcli init' to copy the shipped templates",
        )
    try:
        template = DocxTemplate(str(path))
        unknown = template.get_undeclared_template_variables() - known
    except TemplateSyntaxError as error:
        raise TemplateError(f"template {path.name}: broken placeholder: {error.message}") from None
    except Exception as error:  # a damaged .docx
        raise TemplateError(f"template {path.name} cannot be read: {error}") from None
    if unknown:
        names = ", ".join(sorted(unknown))
        raise TemplateError(
            f"template {path.name} has unknown placeholder(s): {names}",
            hint="known: " + ", ".join(sorted(known)),
        )
    return template


def render(
    template: Any, context: dict[str, Any], output: Path, *, title: str, force: bool
) -> None:
    from jinja2 import TemplateError as JinjaError

    try:
        template.render(context, autoescape=True)
    except JinjaError as error:
        raise TemplateError(f"template: {error}") from None
    document = template.docx
    document.core_properties.title = title
    document.core_properties.language = "en-GB"
    document.core_properties.subject = context.get("committee_name", "")
    _language(document, "en-GB")
    write_atomically(output, lambda path: document.save(str(path)), force=force)


def _language(document: Any, tag: str) -> None:
    """Set the proofing language of the document's default text, for screen readers too."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        return
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
