"""Render the committee report from its Word template: placeholders checked, written atomically."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from perfcli.errors import PerfcliError
from perfcli.files import write_atomically


class TemplateError(PerfcliError):
    """A Word template that cannot be used: broken or unknown placeholders."""


@dataclass(frozen=True)
class Placeholders:
    """What a template uses, against what perfcli fills."""

    used: set[str]
    unknown: set[str]
    missing: set[str]


def _open(path: Path) -> tuple[Any, set[str]]:
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    if not path.is_file():
        raise TemplateError(
            f"template {path} does not exist",
            hint="run 'perfcli init' to copy the shipped templates",
        )
    try:
        template = DocxTemplate(str(path))
        return template, set(template.get_undeclared_template_variables())
    except TemplateSyntaxError as error:
        raise TemplateError(f"template {path.name}: broken placeholder: {error.message}") from None
    except Exception as error:  # a damaged .docx
        raise TemplateError(f"template {path.name} cannot be read: {error}") from None


def placeholders(path: Path, known: set[str]) -> Placeholders:
    """The placeholders a template uses; those perfcli does not fill; those it leaves out."""
    _, used = _open(path)
    return Placeholders(used, used - known, known - used)


def check_template(path: Path, known: set[str]) -> Any:
    """Open a template and make sure every placeholder in it is one perfcli fills."""
    template, used = _open(path)
    unknown = used - known
    if unknown:
        names = ", ".join(sorted(unknown))
        raise TemplateError(
            f"template {path.name} has unknown placeholder(s): {names}",
            hint="known: " + ", ".join(sorted(known)),
        )
    return template


def render(
    template: Any, context: dict[str, Any], output: Path, *, author: str, force: bool
) -> None:
    from jinja2 import TemplateError as JinjaError

    try:
        template.render(context, autoescape=True)
    except JinjaError as error:
        raise TemplateError(f"template: {error}") from None
    document = template.docx
    properties = document.core_properties
    title = next((p.text for p in document.paragraphs if p.style.name == "Heading 1"), "")
    properties.title = title or str(context.get("committee_name", ""))
    properties.subject = str(context.get("committee_name", ""))
    properties.author = author
    properties.comments = ""
    properties.created = properties.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    properties.language = "en-GB"
    _language(document, "en-GB")
    _drop_empty_last_section(document)
    write_atomically(output, lambda path: document.save(str(path)), force=force)


def _drop_empty_last_section(document: Any) -> None:
    """Without Appendices B and C the template's last, portrait section is empty: drop it, so
    that the document ends with Appendix A's landscape section and no blank page."""
    from docx.oxml.ns import qn

    body = document.element.body
    breaks = [
        p
        for p in body.iterchildren(qn("w:p"))
        if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    ]
    if not breaks:
        return
    last = breaks[-1]
    after = list(last.itersiblings())
    if any(
        el.tag == qn("w:tbl") or (el.tag == qn("w:p") and "".join(el.itertext()).strip())
        for el in after
    ):
        return
    closing = last.find(qn("w:pPr")).find(qn("w:sectPr"))
    final = body.find(qn("w:sectPr"))
    body.replace(final, closing)
    for element in after:
        if element.tag == qn("w:p"):
            body.remove(element)
    body.remove(last)


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


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_path: Path, *, force: bool) -> Path:
    """A tagged PDF beside the .docx, through LibreOffice."""
    program = soffice()
    if program is None:
        raise PerfcliError(
            f"wrote {docx_path.name}, but no PDF: LibreOffice is not installed",
            hint="install LibreOffice (soffice), or save the .docx as PDF from Word",
        )
    target = docx_path.with_suffix(".pdf")
    export = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
    with tempfile.TemporaryDirectory() as scratch:
        try:
            subprocess.run(
                [program, "--headless", f"-env:UserInstallation=file://{scratch}/profile",
                 "--convert-to", export, "--outdir", scratch, str(docx_path)],
                check=True, capture_output=True, timeout=300,
            )  # fmt: skip
        except (subprocess.SubprocessError, OSError) as error:
            raise PerfcliError(
                f"wrote {docx_path.name}, but LibreOffice could not make a PDF: {error}"
            ) from None
        made = Path(scratch) / target.name
        if not made.is_file():
            raise PerfcliError(f"wrote {docx_path.name}, but LibreOffice made no PDF")
        data = made.read_bytes()

    def write(path: Path) -> None:
        path.write_bytes(data)

    write_atomically(target, write, force=force)
    return target
