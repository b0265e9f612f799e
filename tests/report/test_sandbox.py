"""The Jinja sandbox Word templates render in: what it refuses, named; what reports need, kept."""

from __future__ import annotations

import re

import pytest
from jinja2.exceptions import SecurityError

from perfcli.report.sandbox import Refused, ReportEnvironment, refused_constructs


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("{{ cycler.__init__.__globals__ }}", ["attribute '__init__'", "attribute '__globals__'"]),
        ("{{ x['__class__'] }}", ["attribute '__class__'"]),
        ("{{ g.gi_frame }}", ["attribute 'gi_frame'"]),
        ("{{ ''.__class__.mro() }}", ["attribute '__class__'", "attribute 'mro'"]),
        ("{% include 'a.docx' %}", ["{% include %} (templates may not load other files)"]),
        ("{% import 'a' as b %}", ["{% import %} (templates may not load other files)"]),
        ("{% extends 'a' %}", ["{% extends %} (templates may not load other files)"]),
        ("{{ ''|attr('__class__') }}", ["attribute '__class__'"]),
        ("{{ lipsum(3) }}", ["lipsum() (placeholder Latin has no place in a report)"]),
        ("{{ title }} {% for item in update %}{{ item.text|upper }}{% endfor %}", []),
    ],
)
def test_a_static_walk_names_each_refused_construct(source, named):
    from jinja2 import Environment

    assert sorted(refused_constructs(Environment().parse(source))) == sorted(named)


def test_parsing_refuses_before_anything_renders():
    with pytest.raises(Refused, match=r"refused: attribute '__init__'"):
        ReportEnvironment().from_string("{{ cycler.__init__ }}")


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{% for i in range(10**9) %}x{% endfor %}", "range() over 1,000,000,000 items, more than 100,000"),
        ("{{ 'x' * 10**10 }}", "repeating to more than 1,000,000 items"),
        ("{{ 'x'|center(10**9) }}", "center() would make 1,000,000,000 characters, more than 1,000,000"),
        ("{{ ('x'*100000).replace('x', 'x'*10000) }}", "replace() would make 1,000,000,000 characters"),
        ("{{ {'a': 1}.items() if title else '%s' % ('x' * 2000000) }}", "repeating to more than 1,000,000"),
    ],
)  # fmt: skip
def test_constant_expressions_are_worked_out_when_parsed(source, words):
    """What `perfcli template check` can see without data: refused in the words rendering uses."""
    with pytest.raises(Refused, match=re.escape(words)):
        ReportEnvironment().parse(source)


class Keeper:
    """A value passed in whose method keeps what it is given, as a RichText's `add` does."""

    def __init__(self) -> None:
        self.kept: list[str] = []

    def add(self, text: str) -> None:
        self.kept.append(text)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{% for i in range(400) %}{% for j in range(400) %}{% endfor %}{% endfor %}", "more than 100,000 loop items and calls in all"),
        ("{% for a in text %}{% for b in text %}{% endfor %}{% endfor %}", "more than 100,000 loop items and calls in all"),
        ("{% macro f(k) %}{% if k %}{{ f(k - 1) }}{{ f(k - 1) }}{% endif %}{% endmacro %}{{ f(40) }}", "more than 100,000 loop items and calls in all"),
        ("{{ text * n }}", "repeating to more than 1,000,000"),
        ("{{ 7 ** n }}", "too large a number"),
        ("{{ 10.0 ** n }}", "10.0 ** 5000 is too large a number"),
        ("{% set ns = namespace(n=n) %}{% for i in range(12) %}{% set ns.n = ns.n * ns.n %}{% endfor %}", "too large a number"),
        ("{{ ('%9999d' * n) % ((1,) * n) }}", "format() would make"),
        ("{{ ('{0:9999}' * n).format(1) }}", "format() would make"),
        ("{{ '%*s' % (n * 1000, 'x') }}", "format() would make 5,000,010 characters"),
        ("{{ '{:{}}'.format('x', n * 1000) }}", "format() would make"),
        ("{{ text|center(n * 1000) }}", "center() would make 5,000,000 characters, more than 1,000,000"),
        ("{{ text.ljust(n * 1000) }}", "ljust() would make 5,000,000 characters"),
        ("{{ (text ~ '\n')|indent(n * 100) }}", "indent() would make"),
        ("{{ text.replace('x', text) }}", "replace() would make 4,000,000 characters"),
        ("{{ text|replace('x', text) }}", "replace() would make 4,000,000 characters"),
        ("{{ text.translate({120: text}) }}", "translate() would make 4,000,000 characters"),
        ("{{ ([text] * 999)|join }}", "repeating to more than 1,000,000"),
        ("{{ text.join([text] * 400) }}", "join() would make 1,598,000 characters"),
        ("{% set ns = namespace(a=text) %}{% for i in range(20) %}{% set ns.a = ns.a ~ ns.a %}{% endfor %}", "joining with ~ makes more than 1,000,000"),
        ("{% set ns = namespace(a=[1]) %}{% for i in range(40) %}{% set ns.a = ns.a + ns.a %}{% endfor %}", "joining with + to more than 1,000,000 items"),
        ("{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) }}{% endfor %}", "calls are given more than 1,000,000 characters or items in all (the last: extend())"),
        ("{% set l = [] %}{% for i in range(900) %}{{ l.append(text ~ i) }}{% endfor %}", "calls are given more than 1,000,000 characters or items in all (the last: append())"),
        ("{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f(text) }}", "joining with ~ makes more than 1,000,000"),
        ("{% for i in range(90) %}{% set kept = text|center(999999) %}{% endfor %}", "the template makes more than 64,000,000 characters or items in all"),
        ("{% for i in range(40000) %}{{ text }}{% endfor %}", "the rendered document is more than 64,000,000 characters"),
        ("{% for i in range(40000) %}{% for t in [text]|select %}{% endfor %}{% endfor %}", "loops take more than 64,000,000 characters or items in all"),
        ("{{ [1]|batch(n * 1000, 0)|list }}", "batch() given 5,000,000, more than 1,000,000"),
        ("{{ text|list|map('center', 999999)|list|length }}", "the template makes more than 64,000,000 characters or items in all"),
        ("{{ text|wordwrap(1, wrapstring=text) }}", "wordwrap() would make 4,004,000 characters"),
        ("{{ ('http://a.b ' * 900)|urlize(target=text) }}", "urlize() would make"),
        ("{{ [[[[1]]]]|tojson(indent=n * 1000) }}", "tojson() would make 120,000,030 characters"),
        ("{% for i in range(1000) %}{{ keeper.add(text ~ i) }}{% endfor %}", "calls are given more than 1,000,000 characters or items in all (the last: add())"),
        ("{% set l = [] %}{% for i in range(1000) %}{{ l.append(namespace(a=text ~ i)) }}{% endfor %}", "calls are given more than 1,000,000 characters or items in all (the last: namespace())"),
    ],
)  # fmt: skip
def test_rendering_is_bounded(source, words):
    """Nothing a template makes grows past MAX_SIZE, whatever data it is given (here a text of
    2,000 characters and the number 5,000), and nothing is made first and refused after."""
    with pytest.raises(SecurityError, match=re.escape(words)):
        ReportEnvironment().from_string(source).render(text="x" * 2000, n=5000, keeper=Keeper())


def test_what_a_report_template_uses_still_renders():
    template = ReportEnvironment(autoescape=True).from_string(
        "{% for item in items %}{{ loop.index }}. {{ item.name|title }} {{ '%.1f'|format(item.value) }}"
        "{% if not loop.last %}; {% endif %}{% endfor %} ({{ range(3)|list|length }}) {{ 2 ** 10 }}"
    )
    items = [{"name": "reablement", "value": 89.6}, {"name": "<b>", "value": 2}]
    assert template.render(items=items) == "1. Reablement 89.6; 2. &lt;B&gt; 2.0 (3) 1024"


def test_each_rendering_has_its_own_loop_budget():
    source = "{% for i in range(60000) %}{% endfor %}done"
    assert ReportEnvironment().from_string(source).render() == "done"
    assert ReportEnvironment().from_string(source).render() == "done"
