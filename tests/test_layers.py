"""The layers point one way: cli -> commands -> api -> domain; no command imports another."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "perfcli"
DOMAIN = [
    "periods",
    "values",
    "model",
    "rating",
    "changes",
    "benchmarking",
    "quartiles",
    "ranks",
    "funding",
    "statistics",
    "spc",
    "confidence",
]


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("path", sorted((SRC / "commands").glob("*.py")), ids=lambda p: p.name)
def test_no_command_module_imports_another(path):
    assert not {n for n in imported(path) if n.startswith("perfcli.commands")}


@pytest.mark.parametrize("name", DOMAIN)
def test_the_domain_knows_nothing_of_the_cli_store_or_word(name):
    found = imported(SRC / f"{name}.py")
    outside = {
        n for n in found if n.split(".")[0] in ("typer", "rich", "docx", "docxtpl", "sqlite3")
    }
    outside |= {n for n in found if n.startswith(("perfcli.commands", "perfcli.cli",
                                                   "perfcli.store", "perfcli.api", "perfcli.present"))}  # fmt: skip
    assert not outside


def test_only_the_api_layer_and_below_are_imported_by_the_library():
    found = imported(SRC / "api.py")
    assert not {
        n for n in found if n.startswith(("perfcli.commands", "perfcli.cli", "perfcli.present"))
    }
