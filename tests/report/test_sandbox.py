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
        ("{% for i in range(200000) %}{% endfor %}", ["range() over more than 100,000 items"]),
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
        ("{% for i in range(400) %}{% for j in range(400) %}{% endfor %}{% endfor %}", "100,000 items in all"),
        ("{{ 'ab' * 600000 }}", "repeating to more than 1,000,000"),
        ("{{ 7 ** 5000 }}", "too large a number"),
        ("{{ '%99999d' % 1 }}", "a format wider than 9,999"),
        ("{{ '{:99999}'.format(1) }}", "a format wider than 9,999"),
        ("{{ 'x'|center(2000000) }}", "center() given 2,000,000"),
    ],
)  # fmt: skip
def test_rendering_is_bounded(source, words):
    with pytest.raises(SecurityError, match=re.escape(words)):
        ReportEnvironment().from_string(source).render()


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
