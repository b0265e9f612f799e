"""Render the committee report from its Word template: placeholders checked, written atomically."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from msgspec import Struct

from perfcli.errors import PerfcliError
from perfcli.files import write_atomically
from perfcli.report.template_parts import (
    Unfilled,
    placeholders_used,
    render_footnotes,
    unbalanced_tag,
    where_refused,
)


class TemplateError(PerfcliError):
    """A Word template that cannot be used: broken or unknown placeholders."""


class Placeholders(Struct, frozen=True):
    """What a template uses, against what perfcli fills."""

    used: set[str]
    unknown: set[str]
    missing: set[str]

    def lacking(self, required: set[str]) -> list[str]:
        """The parts a report needs that the template leaves out, in order."""
        return sorted(self.missing & required)


def _open(path: Path) -> tuple[Any, set[str]]:
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    from perfcli.report.sandbox import Refused

    if not path.is_file():
        raise TemplateError(
            f"template {path} does not exist",
            hint="run 'perfcli init' to copy the shipped templates",
        )
    try:
        template = DocxTemplate(str(path))
        # Jinja reads the document's XML, so its words for a tag left open name XML
        # ("unexpected '/'"), and a `}}` never opened is no error to it: each is found first
        # and named by its paragraph.
        broken = unbalanced_tag(path)
        used = set() if broken else placeholders_used(template)
    except Unfilled as error:
        raise TemplateError(
            f"template {path.name}: {error}",
            hint="put placeholders in the body, a header, a footer or a footnote",
        ) from None
    except Refused as error:
        raise TemplateError(f"template {path.name}{_at(path)}: {error.message}") from None
    except TemplateSyntaxError as error:
        raise TemplateError(
            f"template {path.name}{_at(path)}: broken placeholder: {error.message}"
        ) from None
    except (MemoryError, RecursionError) as error:
        raise _failed(path.name, error) from None
    except Exception as error:  # a damaged .docx
        raise TemplateError(f"template {path.name} cannot be read: {error}") from None
    if broken is not None:
        raise TemplateError(f"template {path.name}: {broken}")
    return template, used


def _at(path: Path) -> str:
    """`, paragraph 3 ('{{ x.__class__ }}')`: where a refused or broken tag is, when one tag
    alone is at fault; else nothing."""
    try:
        found = where_refused(path)
    except Exception:  # noqa: BLE001  (only to name a place: the error is said without one)
        return ""
    return f", {found}" if found else ""


def _failed(name: str, error: BaseException) -> TemplateError:
    """What a template that failed to render did, in one line naming it."""
    if isinstance(error, RecursionError):
        return TemplateError(f"template {name}: a macro or loop calls itself too deeply")
    if isinstance(error, MemoryError):
        return TemplateError(f"template {name}: rendering it ran out of memory")
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return TemplateError(f"template {name}: {message}")


def placeholders(path: Path, known: set[str]) -> Placeholders:
    """The placeholders a template uses; those perfcli does not fill; those it leaves out."""
    _, used = _open(path)
    return Placeholders(used, used - known, known - used)


def check_template(path: Path, known: set[str]) -> tuple[Any, Placeholders]:
    """Open a template and make sure every placeholder in it is one perfcli fills; with what it
    uses and leaves out."""
    template, used = _open(path)
    found = Placeholders(used, used - known, known - used)
    if found.unknown:
        names = ", ".join(sorted(found.unknown))
        raise TemplateError(
            f"template {path.name} has unknown placeholder(s): {names}",
            hint="known: " + ", ".join(sorted(known)),
        )
    return template, found


class _Marker(Struct, frozen=True):
    """Stands in for a subdocument while the template renders: a paragraph of one token."""

    token: str

    def __html__(self) -> str:
        return f"<w:p><w:r><w:t>{self.token}</w:t></w:r></w:p>"

    __str__ = __html__


def render(
    template: Any,
    context: dict[str, Any],
    output: Path,
    *,
    author: str,
    force: bool,
    subdocs: tuple[str, ...] = (),
    before_writing: Callable[[Any], None] | None = None,
) -> None:
    """Fill `template` from `context` and write it to `output`. The subdocuments named in
    `subdocs` are put in after rendering, in place of the paragraphs that render them.
    `before_writing` reads the finished document first, and may stop it being written."""
    from uuid import uuid4

    from jinja2 import TemplateError as JinjaError

    from perfcli.report.sandbox import ReportEnvironment

    markers = {name: _Marker(f"perfcli-subdoc-{uuid4().hex}") for name in subdocs}
    name = Path(str(template.template_file)).name
    try:
        # A fresh sandbox for each rendering: its budgets count this report alone.
        template.render_footnotes = functools.partial(render_footnotes, template)
        template.render({**context, **markers}, jinja_env=ReportEnvironment(), autoescape=True)
    except (JinjaError, RecursionError, MemoryError) as error:
        raise _failed(name, error) from None
    document = template.docx
    _put_subdocs(document, {markers[name].token: context[name] for name in subdocs})
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
    _without_direction_controls(document)
    if before_writing is not None:
        before_writing(document)
    write_atomically(output, lambda path: document.save(str(path)), force=force)


def _put_subdocs(document: Any, subdocs: dict[str, Any]) -> None:
    """Put each subdocument's paragraphs and tables where its marker paragraph stands.

    docxtpl writes a subdocument into the XML it renders, then scans and parses all of that XML
    again: with a large Appendix A, most of the report's time. Put in afterwards it comes out the
    same, as those passes change nothing in it: its texts hold no tab or break, it has no
    pictures, and each row has a cell for every grid column. (Only in a table cell would it
    differ: docxtpl widened the grid of a table holding one to the nested table's columns.)"""
    from copy import deepcopy

    from docx.oxml.ns import qn

    body = document.element.body
    found = [(t.getparent().getparent(), t.text) for t in body.iter(qn("w:t")) if t.text in subdocs]
    for marker, token in found:
        content = subdocs[token].element.body
        for block in content:
            if block.tag != qn("w:sectPr"):
                # A copy, as a subdocument may be placed twice; and lxml moves a copy into
                # another document in milliseconds, where the table of copied rows took seconds.
                marker.addprevious(deepcopy(block))
        marker.getparent().remove(marker)


def _without_direction_controls(document: Any) -> None:
    """No text of the document, from a template or a cell, carries a character that reverses
    or reorders what a reader sees: each is removed before the document is written."""
    from docx.oxml.ns import qn

    from perfcli.domain.values import DIRECTION_CONTROLS, reorders

    parts = [document.element.body]
    for section in document.sections:
        # A header linked to the previous section's has no part of its own (asking makes one).
        parts += [part._element for part in (section.header, section.footer)
                  if not part.is_linked_to_previous]  # fmt: skip
    tag = qn("w:t")
    for part in parts:
        for text in part.iter(tag):
            # 20 ms over a 2,000-measure report's 27,000 texts (an XPath `translate` took 70).
            words = text.text
            if words and reorders(words):
                text.text = DIRECTION_CONTROLS.sub("", words)


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


def libreoffice_environment(home: Path, **extra: str) -> dict[str, str]:
    """The environment LibreOffice runs in: $HOME a scratch folder, so that its desktop libraries
    leave nothing (~/.config, ~/.cache/dconf) in the user's home."""
    environment = {**os.environ, "HOME": str(home), **extra}
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"):
        environment.pop(name, None)
    return environment


def convert_with_libreoffice(
    program: str, source: Path, outdir: Path, *, to: str = "pdf", timeout: float = 300
) -> None:
    """Run LibreOffice headless on `source`, writing nothing outside `outdir`.

    Its profile goes in a temporary folder (`-env:UserInstallation`), and so does its $HOME, where
    its desktop libraries would otherwise leave ~/.config and ~/.cache/dconf behind.
    """
    with tempfile.TemporaryDirectory(prefix="perfcli-libreoffice-") as scratch:
        environment = libreoffice_environment(Path(scratch))
        run_libreoffice(
            [program, "--headless", f"-env:UserInstallation=file://{scratch}/profile",
             "--convert-to", to, "--outdir", str(outdir), str(source)],
            timeout=timeout, env=environment,
        )  # fmt: skip


def run_libreoffice(args: list[str], *, timeout: float, env: dict[str, str]) -> None:
    """Run LibreOffice to its end, or stop all of it: `soffice` is a script that starts
    `soffice.bin`, which outlived a Ctrl-C (or a timeout) that stopped only the script, and went
    on writing into a scratch folder no one would clean. Its own process group is ended whole."""
    import os
    import signal

    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except BaseException:  # a timeout, Ctrl-C: nothing of LibreOffice is left running
            try:
                if hasattr(os, "killpg"):
                    os.killpg(process.pid, signal.SIGKILL)
                else:  # Windows: no process groups to end; the program itself
                    process.kill()
            except ProcessLookupError:
                pass
            process.communicate()
            raise
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, args, out, err)


def soffice_for(docx_path: Path) -> str:
    """LibreOffice's program, or the one line that says the .docx was written without a PDF."""
    program = soffice()
    if program is None:
        raise PerfcliError(
            f"wrote {docx_path.name}, but no PDF: LibreOffice is not installed",
            hint="install LibreOffice (soffice), or save the .docx as PDF from Word",
        )
    return program


def to_pdf(docx_path: Path, *, force: bool) -> Path:
    """A tagged PDF beside the .docx, through LibreOffice."""
    program = soffice_for(docx_path)
    target = docx_path.with_suffix(".pdf")
    export = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
    with tempfile.TemporaryDirectory() as scratch:
        try:
            convert_with_libreoffice(program, docx_path, Path(scratch), to=export)
        except (subprocess.SubprocessError, OSError) as error:
            raise conversion_failed(docx_path, error) from None
        return keep_pdf(docx_path, Path(scratch) / target.name, force=force)


def conversion_failed(docx_path: Path, error: Exception) -> PerfcliError:
    return PerfcliError(f"wrote {docx_path.name}, but LibreOffice could not make a PDF: {error}")


def keep_pdf(docx_path: Path, made: Path, *, force: bool) -> Path:
    """The PDF LibreOffice made in a scratch folder, put beside the .docx (atomically; an
    existing one only with `force`)."""
    if not made.is_file():
        raise PerfcliError(f"wrote {docx_path.name}, but LibreOffice made no PDF")
    data = made.read_bytes()
    target = docx_path.with_suffix(".pdf")

    def write(path: Path) -> None:
        path.write_bytes(data)

    write_atomically(target, write, force=force)
    return target
