"""Word templates that would run away (a hostile colleague's trial of 06:26 UTC): `lipsum(10**6)`
ran draft-report for 300 s at 3.4 GB, `replace` and a namespace doubling loop ended in a
MemoryError traceback, and `template check` passed them all. Each is now one line naming the
template, exit 1, with nothing written; what can be seen without data, `template check` refuses
in the same words. Placeholders in footnotes (which docxtpl renders) are checked like the body's.

The templates are built here with python-docx; the figure is seed 001's ASCOF 1A (19.0).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from tests.conftest import error_line, perfcli
from tests.hardening.test_hostile_inputs import hostile_template, imported

NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PART = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}+xml"


def with_notes(template: Path, kind: str, text: str) -> Path:
    """Give a template a part of notes (footnotes, endnotes, comments) holding `text`, as Word
    writes one: the part, its content type and the document's relationship to it."""
    note = {"footnotes": "footnote", "endnotes": "endnote", "comments": "comment"}[kind]
    body = f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    extra = ' w:author="A colleague"' if kind == "comments" else ""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind} xmlns:w="{NAMESPACE}">'
           f'<w:{note} w:id="1"{extra}>{body}</w:{note}></w:{kind}>')  # fmt: skip
    with zipfile.ZipFile(template) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[f"word/{kind}.xml"] = xml.encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/word/{kind}.xml" ContentType="{PART.format(kind)}"/></Types>'.encode(),
    )
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdNotes" Type="{RELATIONSHIP}{kind}" Target="{kind}.xml"/>'
        "</Relationships>".encode(),
    )
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return template


def drafted_nothing(workspace: Path) -> bool:
    return not list((workspace / "reports").glob("*")) if (workspace / "reports").exists() else True


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{{ lipsum(10**6) }}", "refused: lipsum() (placeholder Latin has no place in a report)"),
        ("{{ ('x'*100000).replace('x','xxxxxxxxxx'*10000) }}", "replace() would make 10,000,000,000 characters, more than 1,000,000"),
        ("{% for i in range(10**9) %}x{% endfor %}", "range() over 1,000,000,000 items, more than 100,000"),
        ("{{ 'x' * 10**10 }}", "repeating to more than 1,000,000 items"),
        ("{{ 'x'|center(10**9) }}", "center() would make 1,000,000,000 characters, more than 1,000,000"),
        ("{{ '%*s' % (10**9, 'x') }}", "format() would make 1,000,000,013 characters, more than 1,000,000"),
    ],
)  # fmt: skip
def test_what_template_check_can_see_it_refuses_as_draft_report_does(
    workspace, tmp_path, source, words
):
    imported(workspace, tmp_path)
    template = hostile_template(workspace, source)
    at = " ".join(source.split()[:6])  # the paragraph, by its number and first words
    line = f"Error: template hostile.docx, paragraph 2 ({at!r}): {words}"
    assert error_line(perfcli("template", "check", template, exit=1)) == line
    assert error_line(perfcli("draft-report", "-c", "adults", "-w", workspace, exit=1)) == line
    assert drafted_nothing(workspace)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{% set ns = namespace(a='x') %}{% for i in range(60) %}{% set ns.a = ns.a ~ ns.a %}{% endfor %}{{ ns.a|length }}",
         "joining with ~ makes more than 1,000,000 characters or items"),
        ("{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n > 0 }}",
         "a large number * a large number is too large a number"),
        ("{% set l = [] %}{% for i in range(100000) %}{{ l.append('x' * 999999 ~ i) }}{% endfor %}",
         "calls are given more than 1,000,000 characters or items in all (the last: append())"),
        ("{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f(title) }}",
         "joining with ~ makes more than 1,000,000 characters or items"),
        ("{% for i in range(100000) %}{{ title|center(999999) }}{% endfor %}",
         "the rendered document is more than 64,000,000 characters"),
        ("{% macro f(k) %}{% if k %}{{ f(k - 1) }}{{ f(k - 1) }}{% endif %}{% endmacro %}{{ f(title|length) }}",
         "more than 100,000 loop items and calls in all"),
        ("".join(f"{{% set v{n} = title|center(999999) %}}" for n in range(70)),
         "the template makes more than 64,000,000 characters or items in all"),
        ("{{ 1 / (title|length - title|length) }}", "division by zero"),
        ("{{ title - 1 }}", "unsupported operand type(s) for -: 'str' and 'int'"),
    ],
)  # fmt: skip
def test_what_runs_away_only_with_data_is_one_line_when_drafting(
    workspace, tmp_path, source, words
):
    imported(workspace, tmp_path)
    hostile_template(workspace, source)
    run = perfcli("draft-report", "-c", "adults", "-w", workspace, exit=1)
    assert error_line(run) == f"Error: template hostile.docx: {words}"
    assert drafted_nothing(workspace)


def test_running_out_of_memory_while_rendering_is_one_line(workspace, tmp_path, monkeypatch):
    from perfcli.report.sandbox import ReportEnvironment

    def exhausted(*args: object) -> None:
        raise MemoryError

    imported(workspace, tmp_path)
    hostile_template(workspace, "{{ title * 2 }}")
    monkeypatch.setattr(ReportEnvironment, "call_binop", exhausted)
    run = perfcli("draft-report", "-c", "adults", "-w", workspace, exit=1)
    assert error_line(run) == "Error: template hostile.docx: rendering it ran out of memory"
    assert drafted_nothing(workspace)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{{ ''.__class__.__mro__ }}", "refused: attribute '__mro__'; attribute '__class__'"),
        ("{{ lipsum(10**6) }}", "refused: lipsum() (placeholder Latin has no place in a report)"),
        ("{{ 'x'|center(10**9) }}", "center() would make 1,000,000,000 characters, more than 1,000,000"),
    ],
)  # fmt: skip
def test_footnotes_are_checked_like_the_body(workspace, tmp_path, text, words):
    imported(workspace, tmp_path)
    template = with_notes(hostile_template(workspace, "{{ council }}"), "footnotes", text)
    line = f"Error: template hostile.docx: {words}"
    assert error_line(perfcli("template", "check", template, exit=1)) == line
    assert error_line(perfcli("draft-report", "-c", "adults", "-w", workspace, exit=1)) == line
    assert drafted_nothing(workspace)


def test_an_unknown_placeholder_in_a_footnote_is_named_not_left_blank(workspace, tmp_path):
    imported(workspace, tmp_path)
    template = with_notes(
        hostile_template(workspace, "{{ title }}"), "footnotes", "{{ nosuchvar }}"
    )
    checked = perfcli("template", "check", template, exit=1)
    assert "✘ unknown (perfcli does not fill these): nosuchvar" in checked.stdout
    drafted = perfcli("draft-report", "-c", "adults", "-w", workspace, exit=1)
    assert error_line(drafted).startswith(
        "Error: template hostile.docx has unknown placeholder(s): nosuchvar (known: "
    )
    assert drafted_nothing(workspace)


def test_a_footnote_placeholder_perfcli_fills_is_filled(workspace, tmp_path):
    imported(workspace, tmp_path)
    with_notes(hostile_template(workspace, "{{ title }}"), "footnotes", "Source: {{ council }}")
    perfcli("draft-report", "-c", "adults", "-w", workspace)
    with zipfile.ZipFile(workspace / "reports" / "adults-2023-24.docx") as report:
        notes = re.sub(r"<[^>]+>", "", report.read("word/footnotes.xml").decode())
    assert notes == "Source: Testshire County Council"


@pytest.mark.parametrize("kind", ["endnotes", "comments"])
def test_a_placeholder_where_docxtpl_fills_none_is_refused(workspace, tmp_path, kind):
    imported(workspace, tmp_path)
    template = with_notes(hostile_template(workspace, "{{ title }}"), kind, "See {{ council }}")
    line = (f"Error: template hostile.docx: the {kind} hold '{{{{ council }}}}', which perfcli does"
            " not fill there (put placeholders in the body, a header, a footer or a footnote)")  # fmt: skip
    assert error_line(perfcli("template", "check", template, exit=1)) == line
    assert error_line(perfcli("draft-report", "-c", "adults", "-w", workspace, exit=1)) == line
    assert drafted_nothing(workspace)
    document = docx.Document(str(template))
    assert document.paragraphs[0].text == "{{ title }}"


def test_a_value_in_a_footnote_is_text_however_many_sections(workspace, tmp_path):
    """docxtpl fills the footnotes once per section, each pass from the last one's output: the
    council's name below would have been run as template code (and read 'Testshire 49')."""
    imported(workspace, tmp_path)
    template = hostile_template(workspace, "{{ title }}")
    document = docx.Document(str(template))
    document.add_section()
    document.add_paragraph("Appendix")
    document.save(str(template))
    with_notes(template, "footnotes", "Source: {{ council }}")
    config = workspace / "perfcli.toml"
    config.write_text(
        re.sub(r"(?m)^council = .*$", 'council = "Testshire {{ 7 * 7 }}"', config.read_text())
    )
    perfcli("draft-report", "-c", "adults", "-w", workspace)
    with zipfile.ZipFile(workspace / "reports" / "adults-2023-24.docx") as report:
        notes = re.sub(r"<[^>]+>", "", report.read("word/footnotes.xml").decode())
    assert notes == "Source: Testshire {{ 7 * 7 }}"


def test_the_documents_properties_are_checked_too(workspace, tmp_path):
    """docxtpl renders the title, subject and other properties as templates as well."""
    imported(workspace, tmp_path)
    template = hostile_template(workspace, "{{ title }}")
    document = docx.Document(str(template))
    document.core_properties.subject = "{{ ''.__class__ }}"
    document.save(str(template))
    line = "Error: template hostile.docx: refused: attribute '__class__'"
    assert error_line(perfcli("template", "check", template, exit=1)) == line
    assert error_line(perfcli("draft-report", "-c", "adults", "-w", workspace, exit=1)) == line
