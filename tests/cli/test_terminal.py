"""Issue 24, item 12: terminal tables never break a word. A table that would have to fold its
words is stacked instead, one block per measure; `history` takes a measure's description."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console

from perfcli.present.table_layout import show_table
from tests.conftest import perfcli
from tests.typed_seeds import seed_001

SIX_MONTHS = "number-of-people-awaiting-a-care-assessment-for-more-than-six-months"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("terminal")
    perfcli("init", root / "ws")
    perfcli("import", seed_001(root / "seed001.xlsx"), "-w", root / "ws", "--force")
    return root / "ws"


def words(text: str) -> set[str]:
    """Whole words, a heading's colon aside: a word broken across lines is not among them."""
    return set(text.replace(": ", " ").split())


def rated(ws) -> list[dict]:
    return json.loads(perfcli("rate", "-w", ws, "-f", "json").stdout)["measures"]


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_rate_never_breaks_a_word_at_any_width(ws, columns):
    out = perfcli("rate", "-w", ws, env={"COLUMNS": str(columns)}).stdout
    assert max(len(line.rstrip()) for line in out.splitlines()) <= columns
    shown = words(out)
    for m in rated(ws):
        for text in (m["description"], m["comparator"]["text"] if m["comparator"] else ""):
            assert words(text) <= shown, (columns, text)


def test_rate_at_120_columns_is_stacked_one_block_per_measure(ws):
    out = perfcli("rate", "-w", ws, env={"COLUMNS": "120"}).stdout
    assert "Descripti\n" not in out and "Performan\n" not in out
    assert out.count("\n  Aim: ") == 25
    assert "\nLocal  Junior loans\n  Aim: High\n" in out
    assert "  2025/26 Q1 Performance: 159.1k" in out


def test_a_wide_terminal_keeps_the_table(ws):
    out = perfcli("rate", "-w", ws, env={"COLUMNS": "250"}).stdout
    assert re.search(r"Measure +Description +Aim +Comparator +Rating +Progress", out)
    assert "2025/26 Q1 Performance" in out


def test_validate_at_100_columns_keeps_every_id_whole(ws):
    out = perfcli("validate", "-w", ws, env={"COLUMNS": "100"}).stdout
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 100
    assert f"{SIX_MONTHS}, 2025-06-30" in out
    assert f"[measures.{SIX_MONTHS}]" in out


def test_history_takes_a_description(ws):
    out = json.loads(perfcli("history", "Junior loans", "-w", ws, "-f", "json").stdout)
    assert out["measure"] == "junior-loans"
    assert {h["period"]: h["value_text"] for h in out["history"]} == {
        "2024-25-Q1": "186.2k",
        "2025-26-Q1": "159.1k",
    }
    assert json.loads(perfcli("history", "junior  LOANS", "-w", ws, "-f", "json").stdout) == out


@pytest.mark.parametrize(("width", "stacked"), [(52, True), (200, False)])
def test_show_table_stacks_when_the_table_would_fold_its_words(width, stacked):
    console = Console(file=io.StringIO(), width=width, highlight=False)
    rows = [["Local", "Number of people awaiting a care assessment", "599 End of June 2025"]]
    show_table(console, None, ["Measure", "Description", "2025/26 Q1 Performance"], rows)
    out = console.file.getvalue()
    assert ("  2025/26 Q1 Performance: 599 End of June 2025" in out) is stacked
    assert words("Number of people awaiting a care assessment Performance") <= words(out)
