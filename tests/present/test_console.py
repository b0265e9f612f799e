"""JSON written row by row: the same bytes as the whole object dumped at once."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from rich.console import Console

from perfcli.present.console import Env, write_json

ROWS = [
    {"id": "ascof-2a", "value": 0.896, "value_text": "89.6%", "comparator": {"value": 77.5}},
    {"id": "local", "value": None, "value_text": "Due June 2025\x1b[31m", "tags": ["a", "b"]},
    {"id": "delay", "value": 773.0, "value_text": "773 End of March 2024 \u202e", "rag": None},
]


def written(data: object) -> str:
    out = io.StringIO()
    write_json(Env(out=Console(file=out)), data)
    return out.getvalue()


@pytest.mark.parametrize("rows", [ROWS, ROWS[:1], []])
def test_rows_streamed_from_an_iterator_are_the_bytes_of_the_list(rows):
    whole = {"period": "2023-24", "measures": rows, "summary": {"rating": {"better": 1}}}
    streamed = {**whole, "measures": iter(rows)}
    assert written(streamed) == written(whole)
    expected = json.dumps(whole, ensure_ascii=False).replace("\x1b", "\\u001b")
    assert written(whole) == expected.replace("\u202e", "\\u202e") + "\n"


def test_a_result_with_no_iterator_is_dumped_whole():
    assert written([1, "two", None]) == '[1, "two", null]\n'
    assert written({"when": date(2024, 6, 3)}) == '{"when": "2024-06-03"}\n'
